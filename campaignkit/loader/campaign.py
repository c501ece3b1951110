"""A parsed campaign file (a dict) in, a validated `Campaign` out: one reader per section.

`KEYS` lists, for every table of the format, its required and optional keys; the readers check
against it, and the JSON Schema and the format documentation are tested against it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import (
    Campaign,
    Event,
    Fact,
    Name,
    Petition,
    Slogan,
    Source,
    Speaker,
    Statement,
    Text,
    TimelineEntry,
    Translation,
)
from .reader import Reader, join, short_repr

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MAX_ATTENDANCE = 100_000_000
MIN_CONTRAST = 4.5  # WCAG AA for text: headlines and boxes print white on the campaign colour

KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "campaign": (
        ("id", "title"),
        ("language", "summary", "hashtag", "version", "petition_url", "petition", "logo", "colour", "slogans",
         "sources", "statements", "events", "timeline", "facts", "names", "translations", "fonts"),
    ),
    "sources": (("id", "url"), ("title", "publisher", "author", "date", "note")),
    "statements": (("id", "by"), ("language", "title", "date", "source", "demands", "calls", "signatories",
                                  "signatories_file", "signatories_url", "signatories_order")),
    "events": (
        ("id", "title", "place"),
        ("kind", "status", "date", "date_inferred", "time", "end_time", "attendance", "attendance_approximate",
         "organisers", "supporters", "speakers", "summary", "notes", "contact", "source"),
    ),
    "speakers": ((), ("name", "affiliation", "role", "quote")),
    "timeline": (("date", "text"), ("end", "when", "places", "date_inferred", "quote", "source")),
    "facts": (("text",), ("figure", "quote", "source")),
    "slogans": (("text",), ("quote",)),
    "names": (("name",), ("variants", "note")),
    "petition": ((), ("url", "collected_by", "contact", "statements")),
    "translations": ((), ("translated_from", "translator")),
    "item": (("text",), ("short", "quote")),
}
EVENT_STATUSES = ("upcoming", "past")
SCHEMA_KEY = "$schema"  # a JSON file's pointer to its schema, for editors; the loader only checks it is text
SIGNATORY_ORDERS = ("as given", "by name", "by organisation")


class CampaignReader(Reader):
    """Builds a Campaign section by section."""

    def section(self, value: Any, path: str, name: str) -> dict:
        required, optional = KEYS[name]
        return self.table(value, path, required, optional)

    def campaign(self, raw: dict) -> Campaign:
        if isinstance(raw, dict) and SCHEMA_KEY in raw:
            if not isinstance(raw[SCHEMA_KEY], str):
                got = short_repr(raw[SCHEMA_KEY])
                raise self.fail(SCHEMA_KEY, f"expected the schema's address or path as text, got {got}")
            raw = {key: value for key, value in raw.items() if key != SCHEMA_KEY}
        raw = self.section(raw, "", "campaign")
        self.language = self.language_tag(raw["language"], "language") if "language" in raw else "en"
        colour = raw.get("colour", "#B0151F")
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            raise self.fail("colour", f"expected a colour like #B0151F, got {short_repr(colour)}")
        ratio = contrast_with_white(colour)
        if ratio < MIN_CONTRAST:
            raise self.fail("colour", f"white text on {colour} has a contrast of only {ratio:.1f}:1; at least "
                                      f"{MIN_CONTRAST}:1 is needed to read it (choose a darker colour)")
        sources = self.listing(raw.get("sources"), "sources", self.source)
        self.unique([s.id for s in sources], "sources")
        statements = self.listing(raw.get("statements"), "statements", self.statement)
        self.unique([s.id for s in statements], "statements")
        events = self.listing(raw.get("events"), "events", self.event)
        self.unique([e.id for e in events], "events")
        timeline = self.listing(raw.get("timeline"), "timeline", self.timeline_entry)
        facts = self.listing(raw.get("facts"), "facts", self.fact)
        self.check_references({s.id for s in sources}, statements=statements, events=events, timeline=timeline,
                              facts=facts)
        petition = self.petition(raw, {s.id for s in statements})
        return Campaign(
            id=self.ident(raw["id"], "id"),
            title=self.text(raw["title"], "title"),
            language=self.language,
            summary=self.summary(raw.get("summary")),
            hashtag=self.optional_string(raw, "hashtag", ""),
            version=self.optional_string(raw, "version", ""),
            petition=petition,
            logo=self.file(raw["logo"], "logo") if "logo" in raw else "",
            colour=colour.upper(),
            slogans=self.listing(raw.get("slogans"), "slogans", self.slogan),
            sources=sources,
            statements=statements,
            events=events,
            timeline=timeline,
            facts=facts,
            names=self.listing(raw.get("names"), "names", self.name_entry),
            translations=self.translations(raw.get("translations")),
            fonts=self.listing(raw.get("fonts"), "fonts", self.file),
            origin=self.name,
        )

    def check_references(self, source_ids: set[str], **sections) -> None:
        for section, entries in sections.items():
            for i, entry in enumerate(entries):
                if entry.source and entry.source not in source_ids:
                    known = ", ".join(sorted(source_ids)) or "none defined"
                    raise self.fail(f"{section}[{i}].source", f"no source with id {entry.source!r} (sources: {known})")

    def summary(self, value: Any) -> tuple:
        """A summary: one text, or a list of sentences each with the quote it rests on."""
        if value is None:
            return ()
        if isinstance(value, list):
            return self.listing(value, "summary", self.item)
        return (self.item(value, "summary"),)

    def petition(self, raw: dict, statement_ids: set[str]) -> Petition | None:
        if "petition_url" in raw and "petition" in raw:
            raise self.fail("petition_url", "give the URL as petition.url only (petition_url is the older spelling)")
        if "petition_url" in raw:
            return Petition(url=self.url(raw["petition_url"], "petition_url"))
        if "petition" not in raw:
            return None
        table = self.section(raw["petition"], "petition", "petition")
        chosen = self.listing(table.get("statements"), "petition.statements", self.ident)
        for i, statement_id in enumerate(chosen):
            if statement_id not in statement_ids:
                known = ", ".join(sorted(statement_ids)) or "none defined"
                raise self.fail(f"petition.statements[{i}]",
                                f"no statement with id {statement_id!r} (statements: {known})")
        return Petition(
            url=self.optional(table, "url", "petition", self.url),
            collected_by=self.optional(table, "collected_by", "petition", self.text),
            contact=self.optional_string(table, "contact", "petition"),
            statements=chosen,
        )

    def translations(self, value: Any) -> tuple[Translation, ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            raise self.fail("translations", "expected a table of languages, e.g. [translations.ru]")
        notes = []
        for key, entry in value.items():
            tag = self.language_tag(key, f"translations.{key}")
            table = self.section(entry, f"translations.{key}", "translations")
            notes.append(Translation(
                tag,
                self.language_tag(table["translated_from"], f"translations.{key}.translated_from")
                if "translated_from" in table else self.language,
                self.optional_string(table, "translator", f"translations.{key}"),
            ))
        return tuple(notes)

    def source(self, value: Any, path: str) -> Source:
        raw = self.section(value, path, "sources")
        url = self.url(raw["url"], join(path, "url"))
        return Source(
            id=self.ident(raw["id"], join(path, "id")),
            title=self.text(raw["title"], join(path, "title")) if "title" in raw else Text(url.domain, self.language),
            url=url,
            publisher=self.optional_string(raw, "publisher", path),
            author=self.optional_string(raw, "author", path),
            date=self.optional(raw, "date", path, self.date),
            note=self.optional_string(raw, "note", path),
        )

    def statement(self, value: Any, path: str) -> Statement:
        raw = self.section(value, path, "statements")
        campaign_language = self.language
        if "language" in raw:  # this statement's own originals are in another language
            self.language = self.language_tag(raw["language"], join(path, "language"))
        try:
            demands = self.listing(raw.get("demands"), join(path, "demands"), self.item)
            calls = self.listing(raw.get("calls"), join(path, "calls"), self.item)
            if not demands and not calls:
                raise self.fail(path, "a statement needs at least one demand or call")
            by = self.text(raw["by"], join(path, "by"))
            signatories = self.listing(raw.get("signatories"), join(path, "signatories"), self.text)
            if "signatories_file" in raw:
                from .signatories_csv import read_signatories

                listed = self.file(raw["signatories_file"], join(path, "signatories_file"))
                signatories += read_signatories(Path(listed), self.language)
            order = self.optional_string(raw, "signatories_order", path) or "as given"
            if order not in SIGNATORY_ORDERS:
                raise self.fail(join(path, "signatories_order"),
                                f"expected one of {', '.join(map(repr, SIGNATORY_ORDERS))}, got {order!r}")
            self.warn_repeats(tuple(d.text for d in demands), join(path, "demands"), "demand")
            self.warn_repeats(signatories, join(path, "signatories"), "signatory")
            return Statement(
                id=self.ident(raw["id"], join(path, "id")),
                by=by,
                title=self.text(raw["title"], join(path, "title")) if "title" in raw else by,
                source=self.ident(raw["source"], join(path, "source")) if "source" in raw else "",
                date=self.optional(raw, "date", path, self.date),
                demands=demands,
                calls=calls,
                signatories=signatories,
                signatories_url=self.optional(raw, "signatories_url", path, self.url),
                signatories_order=order,
            )
        finally:
            self.language = campaign_language

    def speaker(self, value: Any, path: str) -> Speaker:
        raw = self.section(value, path, "speakers")
        if "name" not in raw and "affiliation" not in raw:
            raise self.fail(path, "a speaker needs a name or an affiliation")
        return Speaker(
            name=self.optional_string(raw, "name", path),
            affiliation=self.optional(raw, "affiliation", path, self.text),
            role=self.optional(raw, "role", path, self.text),
            quote=self.optional_string(raw, "quote", path),
        )

    def event(self, value: Any, path: str) -> Event:
        raw = self.section(value, path, "events")
        start, end = self.time(raw, "time", path), self.time(raw, "end_time", path)
        if start and end and end <= start:
            raise self.fail(join(path, "end_time"), f"the event ends ({end}) before it starts ({start})")
        if end and not start:
            raise self.fail(join(path, "end_time"), "an end time needs a start time ('time')")
        status = self.optional_string(raw, "status", path)
        if status and status not in EVENT_STATUSES:
            raise self.fail(join(path, "status"), f"expected one of {', '.join(EVENT_STATUSES)}, got {status!r}")
        attendance = raw.get("attendance")
        return Event(
            id=self.ident(raw["id"], join(path, "id")),
            kind=self.string(raw.get("kind", "picket"), join(path, "kind")),
            title=self.text(raw["title"], join(path, "title")),
            place=self.text(raw["place"], join(path, "place")),
            date=self.optional(raw, "date", path, self.date),
            date_inferred=self.optional_string(raw, "date_inferred", path),
            time=start,
            end_time=end,
            status=status,
            attendance=None if attendance is None else self.integer(
                attendance, join(path, "attendance"), 0, MAX_ATTENDANCE, "a whole number of people"),
            attendance_approximate=bool(self.optional(raw, "attendance_approximate", path, self.boolean)),
            organisers=self.listing(raw.get("organisers"), join(path, "organisers"), self.text),
            supporters=self.listing(raw.get("supporters"), join(path, "supporters"), self.text),
            speakers=self.listing(raw.get("speakers"), join(path, "speakers"), self.speaker),
            summary=self.optional(raw, "summary", path, self.text),
            notes=self.listing(raw.get("notes"), join(path, "notes"), self.item),
            contact=self.optional_string(raw, "contact", path),
            source=self.ident(raw["source"], join(path, "source")) if "source" in raw else "",
        )

    def timeline_entry(self, value: Any, path: str) -> TimelineEntry:
        raw = self.section(value, path, "timeline")
        start = self.date(raw["date"], join(path, "date"))
        end = self.optional(raw, "end", path, self.date)
        if end and end < start:
            raise self.fail(join(path, "end"), f"the entry ends ({end}) before it starts ({start})")
        return TimelineEntry(
            date=start,
            text=self.text(raw["text"], join(path, "text")),
            end=end,
            when=self.optional(raw, "when", path, self.text),
            places=self.listing(raw.get("places"), join(path, "places"), self.text),
            date_inferred=self.optional_string(raw, "date_inferred", path),
            quote=self.optional_string(raw, "quote", path),
            source=self.ident(raw["source"], join(path, "source")) if "source" in raw else "",
        )

    def fact(self, value: Any, path: str) -> Fact:
        raw = self.section(value, path, "facts")
        return Fact(
            text=self.text(raw["text"], join(path, "text")),
            figure=self.optional(raw, "figure", path, self.text),
            quote=self.optional_string(raw, "quote", path),
            source=self.ident(raw["source"], join(path, "source")) if "source" in raw else "",
        )

    def slogan(self, value: Any, path: str) -> Slogan:
        if self.is_entry_table(value, ("text", "quote")):
            raw = self.section(value, path, "slogans")
            return Slogan(self.text(raw["text"], join(path, "text")), self.optional_string(raw, "quote", path))
        return Slogan(self.text(value, path))

    def name_entry(self, value: Any, path: str) -> Name:
        raw = self.section(value, path, "names")
        return Name(
            name=self.string(raw["name"], join(path, "name")),
            variants=self.listing(raw.get("variants"), join(path, "variants"), self.string),
            note=self.optional_string(raw, "note", path),
        )


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on an #RRGGBB background."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)
