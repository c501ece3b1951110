"""Parsed values and their key paths in, checked Python values out: the typed readers every section
of a campaign file is built from (tables, lists, text, translations, dates, times, ids, URLs).

Every problem becomes a `CampaignDataError` naming the file, the line when it can be found, the key
path, what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CampaignDataError, CampaignWarning, UnsafeURLError
from ..model import URL, Item, Text
from ..tags import LanguageTagError, parse_language
from .clean import TextProblem, clean
from .parse import kind, locate

T = TypeVar("T")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def close_matches(word: str, candidates, cutoff: float = 0.6) -> list[str]:
    import difflib  # only when there is a typo to explain

    return difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)


class Reader:
    """Reads values out of one parsed file, naming the key path of every problem."""

    def __init__(self, name: str, toml_text: str, base_dir: Path | None):
        self.name = name
        self.lines = toml_text.splitlines()
        self.base_dir = base_dir
        self.language = "en"  # the language of originals in the part being read

    # -- errors and warnings ----------------------------------------------------------------------
    def fail(self, path: str, message: str, error: type[CampaignDataError] = CampaignDataError) -> CampaignDataError:
        return error(message, path=path, source=self.name, line=locate(self.lines, path))

    def warn(self, path: str, message: str) -> None:
        warnings.warn(CampaignWarning(f"{self.name}: {path}: {message}"), stacklevel=3)

    # -- shapes -----------------------------------------------------------------------------------
    def table(self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a table, got {kind(value)}")
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = close_matches(key, allowed)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(allowed)})"
                raise self.fail(join(path, key), f"unknown key {key!r}{hint}")
        for key in required:
            if key not in value:
                raise self.fail(join(path, key), "is required but missing")
        return value

    def listing(self, value: Any, path: str, each: Callable[[Any, str], T]) -> tuple[T, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {kind(value)}")
        return tuple(each(item, f"{path}[{i}]") for i, item in enumerate(value))

    def optional(self, raw: dict, key: str, path: str, read: Callable[[Any, str], T]) -> T | None:
        return read(raw[key], join(path, key)) if key in raw else None

    # -- scalars ----------------------------------------------------------------------------------
    def string(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {kind(value)}")
        try:
            cleaned, removed = clean(value)
        except TextProblem as exc:
            raise self.fail(path, str(exc)) from None
        if removed:
            self.warn(path, f"removed invisible characters {', '.join(removed)}")
        if not cleaned:
            raise self.fail(path, "is empty")
        return cleaned

    def optional_string(self, raw: dict, key: str, path: str) -> str:
        return self.string(raw[key], join(path, key)) if key in raw else ""

    def text(self, value: Any, path: str) -> Text:
        """Prose: a string in the original language, or a table of translations holding the original."""
        if isinstance(value, str):
            return Text(self.string(value, path), self.language)
        if not isinstance(value, dict):
            raise self.fail(path, f"expected text or a table of translations, got {kind(value)}")
        entries = {}
        for key, entry in value.items():
            try:
                tag = parse_language(key)
            except LanguageTagError as exc:
                raise self.fail(join(path, key), str(exc)) from None
            entries[tag] = self.string(entry, join(path, key))
        if self.language not in entries:
            raise self.fail(path, f"a table of translations needs the original in the campaign language "
                                  f"({self.language!r})")
        translations = tuple((tag, entry) for tag, entry in entries.items() if tag != self.language)
        return Text(entries[self.language], self.language, translations)

    def is_entry_table(self, value: Any, keys: tuple[str, ...]) -> bool:
        """Whether a table is an entry ({text = ..., quote = ...}) rather than a table of translations: it
        has `text`, or a key that is no language tag, or it lacks the original and a key is a typo of `keys`."""
        if not isinstance(value, dict):
            return False
        if "text" in value:
            return True
        tags = []
        for key in value:
            try:
                tags.append(parse_language(key))
            except LanguageTagError:
                return any(close_matches(k, keys) for k in value)
        return self.language not in tags and any(close_matches(k, keys) for k in value)

    def item(self, value: Any, path: str) -> Item:
        """A demand, call or sentence: text, or a table with `text` and an optional `short` and `quote`."""
        if self.is_entry_table(value, ("text", "short", "quote")):
            raw = self.table(value, path, ("text",), ("short", "quote"))
            return Item(
                self.text(raw["text"], join(path, "text")),
                self.optional(raw, "short", path, self.text),
                self.optional_string(raw, "quote", path),
            )
        return Item(self.text(value, path))

    def date(self, value: Any, path: str) -> dt.date:
        if isinstance(value, dt.datetime):
            raise self.fail(path, "expected a date like 2022-01-06, got a date with a time")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise self.fail(path, f"expected a date like 2022-01-06, got {value!r}") from None
        raise self.fail(path, f"expected a date like 2022-01-06, got {kind(value)}")

    def time(self, raw: dict, key: str, path: str) -> str:
        if key not in raw:
            return ""
        value = raw[key]
        if isinstance(value, dt.time):
            value = value.strftime("%H:%M")
        if not isinstance(value, str) or not _TIME.match(value):
            raise self.fail(join(path, key), f"expected a time like 18:30, got {short_repr(value)}")
        return value

    def integer(self, value: Any, path: str, low: int, high: int, what: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"expected {what}, got {kind(value)}")
        if not low <= value <= high:
            raise self.fail(path, f"expected {what} from {low:,} to {high:,}, got {short_repr(value)}")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {kind(value)}")
        return value

    def ident(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(path, f"expected an id of lowercase letters, digits, '-' or '_', got {short_repr(value)}")
        return value

    def language_tag(self, value: Any, path: str) -> str:
        try:
            return parse_language(value)
        except LanguageTagError as exc:
            raise self.fail(path, str(exc)) from None

    def url(self, value: Any, path: str) -> URL:
        if not isinstance(value, str):
            raise self.fail(path, f"expected a URL, got {kind(value)}")
        from .urls import check_url  # not needed when the campaign comes from the cache

        try:
            return check_url(value, path, self.name)
        except UnsafeURLError as exc:
            raise self.fail(path, exc.detail, UnsafeURLError) from None

    def file(self, value: Any, path: str) -> str:
        """A file named relative to the campaign file: its absolute path, which must exist."""
        name = self.string(value, path)
        found = (self.base_dir / name) if self.base_dir else Path(name)
        if not found.is_file():
            raise self.fail(path, f"no file at {found}")
        return str(found.resolve())

    # -- whole-list checks ------------------------------------------------------------------------
    def unique(self, ids: list[str], section: str) -> None:
        repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
        if repeated:
            raise self.fail(section, f"duplicate id {', '.join(map(repr, repeated))}")

    def warn_repeats(self, texts: tuple[Text, ...], path: str, what: str) -> None:
        """A warning (not an error: it may be deliberate) listing texts that appear more than once."""
        repeated = sorted(t for t, n in Counter(t.original for t in texts).items() if n > 1)
        if repeated:
            listed = "; ".join(repr(t[:60]) for t in repeated[:5]) + (" ..." if len(repeated) > 5 else "")
            self.warn(path, f"repeated {what}: {listed}")


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def short_repr(value: Any) -> str:
    """repr() for error messages, safe for huge numbers and long strings."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**18:
        return f"a number with about {int(value.bit_length() * 0.30103) + 1:,} digits"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
