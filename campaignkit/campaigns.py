"""A campaign file (TOML or JSON) or a built-in id in, a validated `Campaign` out.

Every problem becomes one `CampaignkitError` line naming the file, the key path (and the line
when it can be found) and what was expected, e.g.
`my.toml:14: statements[0].demands[1]: expected text, got integer`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any, Callable

from .errors import CampaignDataError, CampaignFileError, CampaignWarning
from .model import (
    LANGUAGES,
    Campaign,
    Event,
    Fact,
    Item,
    Name,
    Slogan,
    Source,
    Speaker,
    Statement,
    Text,
    TimelineEntry,
)

DEFAULT_CAMPAIGN = "kazakhstan-2022"
MAX_FILE_BYTES = 2 * 1024 * 1024
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_STRIPPED = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"} | {chr(c) for c in range(0x202A, 0x202F)} | {
    chr(c) for c in range(0x2066, 0x206A)
}


DATA_DIR = Path(__file__).resolve().parent / "data"  # a plain folder in wheels and checkouts alike


def builtin_campaigns() -> list[str]:
    """The ids of the campaigns shipped with campaignkit."""
    return sorted(p.stem for p in DATA_DIR.glob("*.toml"))


def load(ref: str | Path = DEFAULT_CAMPAIGN) -> Campaign:
    """Load a built-in campaign by id, or a campaign file by path."""
    if isinstance(ref, str) and ref in builtin_campaigns():
        return _load_cached((DATA_DIR / f"{ref}.toml").read_bytes(), f"{ref} (built-in)", "toml", None)
    path = Path(ref)
    if not path.exists():
        known = ", ".join(builtin_campaigns())
        raise CampaignFileError(f"{ref}: no such file, and not a built-in campaign (built-in: {known})")
    if path.is_dir():
        raise CampaignFileError(f"{ref}: is a folder; expected a .toml or .json campaign file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CampaignFileError(
                f"{ref}: the file is {size:,} bytes; campaign files are limited to {MAX_FILE_BYTES:,} bytes"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise CampaignFileError(f"{ref}: cannot be read ({exc.strerror or exc})") from None
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    return _load_cached(data, str(ref), fmt, path.parent)


def _load_cached(data: bytes, name: str, fmt: str, base_dir: Path | None) -> Campaign:
    """`loads`, remembered in the disk cache for these very bytes; its warnings are given again."""
    import hashlib

    from ._version import __version__
    from .cache import cached

    def parse() -> tuple[Campaign, list[str]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            campaign = loads(data, name=name, fmt=fmt, base_dir=base_dir)
        return campaign, [str(w.message) for w in caught if issubclass(w.category, CampaignWarning)]

    key = (name, fmt, str(base_dir.resolve()) if base_dir else "", hashlib.sha256(data).hexdigest(), __version__)
    campaign, messages = cached("campaign", key, parse)
    if campaign.logo and not Path(campaign.logo).is_file():  # the file may have gone since it was cached
        campaign, messages = parse()
    for message in messages:
        warnings.warn(CampaignWarning(message), stacklevel=3)
    return campaign


def loads(data: bytes | str, *, name: str = "<campaign>", fmt: str = "toml", base_dir: Path | None = None) -> Campaign:
    """Parse and validate campaign data given as bytes or text."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise CampaignFileError(f"{name}: {len(data):,} bytes; campaign files are limited to {MAX_FILE_BYTES:,}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CampaignFileError(
                f"{name}: not UTF-8 at byte {exc.start} (save the file as UTF-8; byte 0x{data[exc.start]:02X})"
            ) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    raw = _parse_json(text, name) if fmt == "json" else _parse_toml(text, name)
    reader = _Reader(name, text if fmt == "toml" else "", base_dir)
    return reader.campaign(raw)


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


def _parse_json(text: str, name: str) -> dict:
    import json

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise CampaignFileError(f"{name}: duplicate key {key!r} in a JSON object")
            seen[key] = value
        return seen

    try:
        value = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise CampaignFileError(f"{name}:{exc.lineno}:{exc.colno}: JSON syntax error: {exc.msg}") from None
    except RecursionError:
        raise CampaignFileError(f"{name}: JSON nested too deeply") from None
    if not isinstance(value, dict):
        raise CampaignFileError(f"{name}: expected a JSON object at the top, got {_kind(value)}")
    return value


def _close_matches(word: str, candidates, n: int = 1, cutoff: float = 0.6) -> list[str]:
    import difflib  # only when there is a typo to explain

    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)


def _kind(value: Any) -> str:
    return {
        bool: "true/false",
        int: "integer",
        float: "number",
        str: "text",
        list: "list",
        dict: "table",
        dt.date: "date",
        dt.datetime: "date-time",
        dt.time: "time",
    }.get(type(value), type(value).__name__)


class _Reader:
    """Walks the parsed file, building model objects and naming the key path of every problem."""

    def __init__(self, name: str, toml_text: str, base_dir: Path | None):
        self.name = name
        self.lines = toml_text.splitlines()
        self.base_dir = base_dir
        self.language = "en"

    # -- errors ---------------------------------------------------------------------------------
    def fail(self, path: str, message: str) -> CampaignDataError:
        return CampaignDataError(message, path=path, source=self.name, line=self.locate(path))

    def locate(self, path: str) -> int | None:
        """Best-effort line number of a key path in TOML text (tables, arrays of tables, keys)."""
        if not self.lines or not path:
            return None
        parts = re.findall(r"([A-Za-z0-9_-]+)(?:\[(\d+)\])?", path)
        if not parts:
            return None
        header = re.compile(r"^\s*\[")
        start, end = 0, len(self.lines)
        first, index = parts[0]
        if index:
            pattern = re.compile(rf"^\s*\[\[\s*{re.escape(first)}\s*\]\]")
            hits = [i for i, line in enumerate(self.lines) if pattern.match(line)]
            if int(index) < len(hits):
                start = hits[int(index)]
                end = next((i for i in range(start + 1, len(self.lines)) if header.match(self.lines[i])), end)
                if len(parts) == 1:
                    return start + 1
                key = parts[1][0]
            else:
                key = first
        else:
            key = first
            end = next((i for i, line in enumerate(self.lines) if header.match(line)), end)
        pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        for i in range(start, end):
            if pattern.match(self.lines[i]):
                return i + 1
        return start + 1 if start else None

    # -- shapes ---------------------------------------------------------------------------------
    def table(self, value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a table, got {_kind(value)}")
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = _close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(allowed)})"
                raise self.fail(f"{path}.{key}" if path else key, f"unknown key {key!r}{hint}")
        for key in required:
            if key not in value:
                raise self.fail(f"{path}.{key}" if path else key, "is required but missing")
        return value

    def listing(self, value: Any, path: str, each: Callable[[Any, str], Any]) -> tuple:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {_kind(value)}")
        return tuple(each(item, f"{path}[{i}]") for i, item in enumerate(value))

    def string(self, value: Any, path: str, *, allow_empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {_kind(value)}")
        cleaned = unicodedata.normalize("NFC", value)
        stripped = "".join(ch for ch in cleaned if ch not in _STRIPPED)
        if stripped != cleaned:
            gone = sorted({f"U+{ord(ch):04X}" for ch in cleaned if ch in _STRIPPED})
            warnings.warn(
                CampaignWarning(f"{self.name}: {path}: removed invisible characters {', '.join(gone)}"), stacklevel=2
            )
            cleaned = stripped
        for ch in cleaned:
            if ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
                raise self.fail(path, f"contains the control or unassigned character U+{ord(ch):04X}")
        cleaned = cleaned.replace("\t", " ").strip()
        if not cleaned and not allow_empty:
            raise self.fail(path, "is empty")
        return cleaned

    def optional_string(self, raw: dict, key: str, path: str) -> str:
        return self.string(raw[key], f"{path}.{key}" if path else key) if key in raw else ""

    def text(self, value: Any, path: str) -> Text:
        if isinstance(value, str):
            return Text(self.string(value, path), self.language)
        if isinstance(value, dict):
            for key in value:
                if key not in LANGUAGES:
                    close = _close_matches(key, LANGUAGES, n=1, cutoff=0.5)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    raise self.fail(
                        f"{path}.{key}", f"unknown language {key!r}{hint}; expected one of {', '.join(LANGUAGES)}"
                    )
            if self.language not in value:
                raise self.fail(
                    path, f"a table of translations needs the original in the campaign language ({self.language!r})"
                )
            original = self.string(value[self.language], f"{path}.{self.language}")
            translations = tuple(
                (code, self.string(value[code], f"{path}.{code}")) for code in LANGUAGES if code in value
                and code != self.language
            )
            return Text(original, self.language, translations)
        raise self.fail(path, f"expected text or a table of translations, got {_kind(value)}")

    def optional_text(self, raw: dict, key: str, path: str) -> Text | None:
        return self.text(raw[key], f"{path}.{key}" if path else key) if key in raw else None

    def item(self, value: Any, path: str) -> Item:
        if isinstance(value, dict) and not set(value) & set(LANGUAGES):
            raw = self.table(value, path, ("text",), ("short", "quote"))
            return Item(
                self.text(raw["text"], f"{path}.text"),
                self.optional_text(raw, "short", path),
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
        raise self.fail(path, f"expected a date like 2022-01-06, got {_kind(value)}")

    def optional_date(self, raw: dict, key: str, path: str) -> dt.date | None:
        return self.date(raw[key], f"{path}.{key}" if path else key) if key in raw else None

    def time(self, raw: dict, key: str, path: str) -> str:
        if key not in raw:
            return ""
        value = raw[key]
        if isinstance(value, dt.time):
            value = value.strftime("%H:%M")
        if not isinstance(value, str) or not _TIME.match(value):
            raise self.fail(f"{path}.{key}", f"expected a time like 18:30, got {value!r}")
        return value

    def ident(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(path, f"expected an id of lowercase letters, digits, '-' or '_', got {value!r}")
        return value

    def url(self, value: Any, path: str):
        if not isinstance(value, str):
            raise self.fail(path, f"expected a URL, got {_kind(value)}")
        from .errors import UnsafeURLError

        from .urls import check_url  # not needed when the campaign comes from the cache

        try:
            return check_url(value, path, self.name)
        except UnsafeURLError as exc:
            raise UnsafeURLError(exc.detail, path=path, source=self.name, line=self.locate(path)) from None

    # -- sections -------------------------------------------------------------------------------
    def campaign(self, raw: dict) -> Campaign:
        raw = self.table(
            raw,
            "",
            ("id", "title"),
            (
                "language", "summary", "hashtag", "version", "petition_url", "logo", "colour", "slogans",
                "sources", "statements", "events", "timeline", "facts", "names",
            ),
        )
        language = raw.get("language", "en")
        if language not in LANGUAGES:
            raise self.fail("language", f"expected one of {', '.join(LANGUAGES)}, got {language!r}")
        self.language = language
        campaign_id = self.ident(raw["id"], "id")
        colour = raw.get("colour", "#B0151F")
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            raise self.fail("colour", f"expected a colour like #B0151F, got {colour!r}")
        sources = self.listing(raw.get("sources"), "sources", self.source)
        self.unique([s.id for s in sources], "sources")
        source_ids = {s.id for s in sources}
        statements = self.listing(raw.get("statements"), "statements", self.statement)
        self.unique([s.id for s in statements], "statements")
        events = self.listing(raw.get("events"), "events", self.event)
        self.unique([e.id for e in events], "events")
        timeline = self.listing(raw.get("timeline"), "timeline", self.timeline_entry)
        facts = self.listing(raw.get("facts"), "facts", self.fact)
        for section, entries in (("statements", statements), ("events", events), ("timeline", timeline), ("facts", facts)):
            for i, entry in enumerate(entries):
                if entry.source and entry.source not in source_ids:
                    known = ", ".join(sorted(source_ids)) or "none defined"
                    raise self.fail(
                        f"{section}[{i}].source", f"no source with id {entry.source!r} (sources: {known})"
                    )
        logo = ""
        if "logo" in raw:
            logo_name = self.string(raw["logo"], "logo")
            logo_path = (self.base_dir / logo_name) if self.base_dir else Path(logo_name)
            if not logo_path.is_file():
                raise self.fail("logo", f"no image file at {logo_path}")
            logo = str(logo_path.resolve())
        return Campaign(
            id=campaign_id,
            title=self.text(raw["title"], "title"),
            language=language,
            summary=self.optional_text(raw, "summary", ""),
            hashtag=self.optional_string(raw, "hashtag", ""),
            version=self.optional_string(raw, "version", ""),
            petition_url=self.url(raw["petition_url"], "petition_url") if "petition_url" in raw else None,
            logo=logo,
            colour=colour.upper(),
            slogans=self.listing(raw.get("slogans"), "slogans", self.slogan),
            sources=sources,
            statements=statements,
            events=events,
            timeline=timeline,
            facts=facts,
            names=self.listing(raw.get("names"), "names", self.name_entry),
            origin=self.name,
        )

    def warn_repeats(self, texts, path: str, what: str) -> None:
        """A warning (not an error: it may be deliberate) listing texts that appear more than once."""
        originals = [t.original for t in texts]
        repeated = sorted({t for t in originals if originals.count(t) > 1})
        if repeated:
            listed = "; ".join(repr(t[:60]) for t in repeated)
            warnings.warn(CampaignWarning(f"{self.name}: {path}: repeated {what}: {listed}"), stacklevel=2)

    def unique(self, ids: list[str], section: str) -> None:
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise self.fail(section, f"duplicate id {', '.join(map(repr, repeated))}")

    def source(self, value: Any, path: str) -> Source:
        raw = self.table(value, path, ("id", "url"), ("title", "publisher", "author", "date", "note"))
        url = self.url(raw["url"], f"{path}.url")
        return Source(
            id=self.ident(raw["id"], f"{path}.id"),
            title=self.text(raw["title"], f"{path}.title") if "title" in raw else Text(url.domain, self.language),
            url=url,
            publisher=self.optional_string(raw, "publisher", path),
            author=self.optional_string(raw, "author", path),
            date=self.optional_date(raw, "date", path),
            note=self.optional_string(raw, "note", path),
        )

    def statement(self, value: Any, path: str) -> Statement:
        raw = self.table(
            value, path, ("id", "by"), ("title", "date", "source", "demands", "calls", "signatories")
        )
        demands = self.listing(raw.get("demands"), f"{path}.demands", self.item)
        calls = self.listing(raw.get("calls"), f"{path}.calls", self.item)
        if not demands and not calls:
            raise self.fail(path, "a statement needs at least one demand or call")
        by = self.text(raw["by"], f"{path}.by")
        signatories = self.listing(raw.get("signatories"), f"{path}.signatories", self.text)
        self.warn_repeats([d.text for d in demands], f"{path}.demands", "demand")
        self.warn_repeats(signatories, f"{path}.signatories", "signatory")
        return Statement(
            id=self.ident(raw["id"], f"{path}.id"),
            by=by,
            title=self.text(raw["title"], f"{path}.title") if "title" in raw else by,
            source=self.ident(raw["source"], f"{path}.source") if "source" in raw else "",
            date=self.optional_date(raw, "date", path),
            demands=demands,
            calls=calls,
            signatories=signatories,
        )

    def speaker(self, value: Any, path: str) -> Speaker:
        raw = self.table(value, path, (), ("name", "affiliation", "role", "quote"))
        if "name" not in raw and "affiliation" not in raw:
            raise self.fail(path, "a speaker needs a name or an affiliation")
        return Speaker(
            name=self.optional_string(raw, "name", path),
            affiliation=self.optional_text(raw, "affiliation", path),
            role=self.optional_text(raw, "role", path),
            quote=self.optional_string(raw, "quote", path),
        )

    def event(self, value: Any, path: str) -> Event:
        raw = self.table(
            value,
            path,
            ("id", "title", "place"),
            (
                "kind", "date", "date_inferred", "time", "end_time", "attendance", "organisers", "supporters",
                "speakers", "summary", "notes", "contact", "source",
            ),
        )
        attendance = raw.get("attendance")
        if attendance is not None and (isinstance(attendance, bool) or not isinstance(attendance, int) or attendance < 0):
            raise self.fail(f"{path}.attendance", f"expected a whole number of people, got {attendance!r}")
        start, end = self.time(raw, "time", path), self.time(raw, "end_time", path)
        if start and end and end <= start:
            raise self.fail(f"{path}.end_time", f"the event ends ({end}) before it starts ({start})")
        if end and not start:
            raise self.fail(f"{path}.end_time", "an end time needs a start time ('time')")
        return Event(
            id=self.ident(raw["id"], f"{path}.id"),
            kind=self.string(raw.get("kind", "picket"), f"{path}.kind"),
            title=self.text(raw["title"], f"{path}.title"),
            place=self.text(raw["place"], f"{path}.place"),
            date=self.optional_date(raw, "date", path),
            date_inferred=self.optional_string(raw, "date_inferred", path),
            time=start,
            end_time=end,
            attendance=attendance,
            organisers=self.listing(raw.get("organisers"), f"{path}.organisers", self.text),
            supporters=self.listing(raw.get("supporters"), f"{path}.supporters", self.text),
            speakers=self.listing(raw.get("speakers"), f"{path}.speakers", self.speaker),
            summary=self.optional_text(raw, "summary", path),
            notes=self.listing(raw.get("notes"), f"{path}.notes", self.item),
            contact=self.optional_string(raw, "contact", path),
            source=self.ident(raw["source"], f"{path}.source") if "source" in raw else "",
        )

    def timeline_entry(self, value: Any, path: str) -> TimelineEntry:
        raw = self.table(
            value, path, ("date", "text"), ("end", "when", "places", "date_inferred", "quote", "source")
        )
        start = self.date(raw["date"], f"{path}.date")
        end = self.optional_date(raw, "end", path)
        if end and end < start:
            raise self.fail(f"{path}.end", f"the entry ends ({end}) before it starts ({start})")
        return TimelineEntry(
            date=start,
            text=self.text(raw["text"], f"{path}.text"),
            end=end,
            when=self.optional_text(raw, "when", path),
            places=self.listing(raw.get("places"), f"{path}.places", self.text),
            date_inferred=self.optional_string(raw, "date_inferred", path),
            quote=self.optional_string(raw, "quote", path),
            source=self.ident(raw["source"], f"{path}.source") if "source" in raw else "",
        )

    def fact(self, value: Any, path: str) -> Fact:
        raw = self.table(value, path, ("text",), ("figure", "quote", "source"))
        return Fact(
            text=self.text(raw["text"], f"{path}.text"),
            figure=self.optional_text(raw, "figure", path),
            quote=self.optional_string(raw, "quote", path),
            source=self.ident(raw["source"], f"{path}.source") if "source" in raw else "",
        )

    def slogan(self, value: Any, path: str) -> Slogan:
        if isinstance(value, dict) and not set(value) & set(LANGUAGES):
            raw = self.table(value, path, ("text",), ("quote",))
            return Slogan(self.text(raw["text"], f"{path}.text"), self.optional_string(raw, "quote", path))
        return Slogan(self.text(value, path))

    def name_entry(self, value: Any, path: str) -> Name:
        raw = self.table(value, path, ("name",), ("variants", "note"))
        return Name(
            name=self.string(raw["name"], f"{path}.name"),
            variants=self.listing(raw.get("variants"), f"{path}.variants", self.string),
            note=self.optional_string(raw, "note", path),
        )
