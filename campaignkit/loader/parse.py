"""Campaign file bytes in, a plain dict out (TOML or JSON), with every syntax problem as one line
naming the file, line and column; plus finding the line of a key path in TOML text for later errors.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import CampaignFileError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40  # campaign files nest five levels at most; deeper input is refused before it can hurt


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


def _check_depth(text: str, name: str) -> None:
    """Refuse absurd nesting from the bracket count alone (parsers would recurse into it)."""
    depth = deepest = 0
    for match in re.finditer(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[{]|[\]}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth = max(0, depth - 1)
    if deepest > MAX_DEPTH:
        raise CampaignFileError(f"{name}: nested {deepest} levels deep; campaign files nest at most {MAX_DEPTH}")


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
    except (RecursionError, ValueError) as exc:
        raise CampaignFileError(f"{name}: not a usable JSON file ({str(exc)[:80]})") from None


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 18:
        raise ValueError(f"a number with {len(digits)} digits")
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
        if hit is not None:
            return hit + 1
    pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
    for i in range(start, end):
        if pattern.match(lines[i]):
            return i + 1
    return start + 1 if start else None
