"""Campaign file bytes in, a plain dict out (TOML or JSON), with every syntax problem as one line
naming the file, line and column; plus finding the line of a key path in TOML text for later errors.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from ..errors import CampaignFileError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40  # campaign files nest five levels at most; deeper input is refused before it can hurt
MAX_DIGITS = 18  # whole numbers in campaign files are counts of people and years


def decode(data: bytes | str, name: str) -> str:
    """UTF-8 text of a campaign file, or a CampaignFileError naming the first bad byte."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > MAX_FILE_BYTES:
        raise CampaignFileError(f"{name}: the file is {len(data):,} bytes; campaign files are limited to "
                                f"{MAX_FILE_BYTES:,} bytes")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise CampaignFileError(
            f"{name}: not UTF-8 at byte {exc.start} (save the file as UTF-8; byte 0x{data[exc.start]:02X})"
        ) from None


def parse(text: str, name: str, fmt: str) -> dict:
    """The parsed top-level table of a TOML or JSON campaign."""
    _check_depth(text, name)
    value = _parse_json(text, name) if fmt == "json" else _parse_toml(text, name)
    if not isinstance(value, dict):
        raise CampaignFileError(f"{name}: expected a JSON object at the top, got {kind(value)}")
    return value


_TOKENS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[{]|[\]}]|'
                     r"[A-Za-z0-9_-]+|\.|[ \t]+|\n|.")


def _check_depth(text: str, name: str) -> None:
    """Refuse absurd nesting before a parser sees it: brackets and braces, and (in TOML) dotted keys
    such as a.b.c, which tomllib nests in time that grows with the square of their length."""
    depth = deepest = 0
    parts = longest = longest_at = 0
    after_dot = False
    for match in _TOKENS.finditer(text):
        token = match.group()
        first = token[0]
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth = max(0, depth - 1)
        if first in "\"'" or first.isalnum() or first in "_-":  # a key part (or a value: harmless)
            parts = parts + 1 if after_dot else 1
            after_dot = False
            if parts > longest:
                longest, longest_at = parts, match.start()
        elif token == ".":
            after_dot = parts > 0
        elif first not in " \t":
            parts, after_dot = 0, False
    if deepest > MAX_DEPTH:
        raise CampaignFileError(f"{name}: nested {deepest} levels deep; campaign files nest at most {MAX_DEPTH}")
    if longest > MAX_DEPTH:
        line = text.count("\n", 0, longest_at) + 1
        raise CampaignFileError(f"{name}:{line}: a dotted key of {longest} parts; campaign files nest at most "
                                f"{MAX_DEPTH} levels")


def _parse_toml(text: str, name: str) -> dict:
    import tomllib  # not needed when the campaign comes from the cache

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if match:
            reason = message[: match.start()].strip()
            raise CampaignFileError(f"{name}:{match[1]}:{match[2]}: TOML syntax error: {reason}") from None
        raise CampaignFileError(f"{name}: TOML syntax error: {message}") from None
    except RecursionError:
        raise CampaignFileError(f"{name}: nested too deeply") from None
    except ValueError:  # a number too long for Python to convert (more than 4,300 digits)
        raise _too_long_number(text, name, sys.get_int_max_str_digits() or MAX_DIGITS) from None


def _too_long_number(text: str, name: str, least: int = MAX_DIGITS + 1, digits: str = "") -> CampaignFileError:
    """The error for the first whole number (outside quotes) of at least `least` digits, or for the
    number `digits`, naming its line."""
    if digits:
        pattern = rf"(?<![0-9]){re.escape(digits)}(?![0-9])"
    else:
        pattern = rf"(?<![\w\"'.])[0-9](?:_?[0-9]){{{least - 1},}}"
    found = re.search(pattern, text)
    if found is None:
        return CampaignFileError(f"{name}: a number too long to read; campaign files take whole numbers of at most "
                                 f"{MAX_DIGITS} digits")
    line = text.count("\n", 0, found.start()) + 1
    count = sum(c.isdigit() for c in found.group())
    return CampaignFileError(f"{name}:{line}: a number of {count:,} digits; campaign files take whole numbers of at "
                             f"most {MAX_DIGITS} digits")


def _parse_json(text: str, name: str) -> Any:
    import json

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise CampaignFileError(f"{name}: duplicate key {key!r} in a JSON object")
            seen[key] = value
        return seen

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise CampaignFileError(f"{name}:{exc.lineno}:{exc.colno}: JSON syntax error: {exc.msg}") from None
    except _NumberTooLong as exc:
        raise _too_long_number(text, name, digits=str(exc)) from None
    except (RecursionError, ValueError) as exc:
        raise CampaignFileError(f"{name}: not a usable JSON file ({str(exc)[:80]})") from None


class _NumberTooLong(ValueError):
    pass


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _NumberTooLong(digits.lstrip("-"))
    return int(digits)


def kind(value: Any) -> str:
    """What a parsed value is, in the words of the error messages."""
    import datetime as dt

    return {
        bool: "true/false", int: "integer", float: "number", str: "text", list: "list", dict: "table",
        dt.date: "date", dt.datetime: "date-time", dt.time: "time",
    }.get(type(value), type(value).__name__)


def locate(lines: list[str], path: str) -> int | None:
    """Best-effort line number of a key path in TOML text (tables, arrays of tables, keys)."""
    if not lines or not path:
        return None
    parts = re.findall(r"([A-Za-z0-9_-]+)(?:\[(\d+)\])?", path)
    if not parts:
        return None
    header = re.compile(r"^\s*\[")
    start, end = 0, len(lines)
    first, index = parts[0]
    key = first
    if index:
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(first)}\s*\]\]")
        hits = [i for i, line in enumerate(lines) if pattern.match(line)]
        if int(index) < len(hits):
            start = hits[int(index)]
            end = next((i for i in range(start + 1, len(lines)) if header.match(lines[i])), end)
            if len(parts) == 1:
                return start + 1
            key = parts[1][0]
    else:
        end = next((i for i, line in enumerate(lines) if header.match(line)), end)
        table = re.compile(rf"^\s*\[\s*{re.escape(first)}\s*\]")
        hit = next((i for i, line in enumerate(lines) if table.match(line)), None)
        if hit is not None and len(parts) == 1:
            return hit + 1
        if hit is not None:  # a key inside the table: from its header to the next
            start = hit
            end = next((i for i in range(hit + 1, len(lines)) if header.match(lines[i])), len(lines))
            key = parts[1][0]
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
    for i in range(start, end):
        if pattern.match(lines[i]):
            return i + 1
    return start + 1 if start else None
