"""Validated campaign data in, plain frozen dataclasses out: no I/O, no layout.

Every piece of prose is a `Text`: the original wording plus optional translations, so a
material asks `text.get("ru")` and receives the Russian translation or, failing that, the
original. Translations are kept apart from the original and are never presented as source text.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

LANGUAGES = ("en", "ru", "kk", "kk-Latn")


@dataclass(frozen=True)
class Text:
    """A piece of prose in its original language, with translations marked as such."""

    original: str
    language: str = "en"
    translations: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str | None = None) -> str:
        """This text in `lang` (a translation or the original), else the original."""
        if lang is None or lang == self.language:
            return self.original
        for code, value in self.translations:
            if code == lang:
                return value
        return self.original

    def is_translated(self, lang: str) -> bool:
        return any(code == lang for code, _ in self.translations)

    def __str__(self) -> str:
        return self.original


@dataclass(frozen=True)
class URL:
    """A checked web address: `text` is what people read, `ascii` what a QR code encodes."""

    text: str
    ascii: str
    host: str
    insecure: bool = False

    @property
    def domain(self) -> str:
        """The host as people read it, without a leading `www.`."""
        readable = self.text.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0]
        return readable[4:] if readable.startswith("www.") else readable

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Source:
    id: str
    title: Text
    url: URL
    publisher: str = ""
    author: str = ""
    date: _dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Item:
    """A demand, call or note: its wording, an optional short form, and the quote it rests on."""

    text: Text
    short: Text | None = None
    quote: str = ""

    def brief(self, lang: str | None = None) -> str:
        return (self.short or self.text).get(lang)


@dataclass(frozen=True)
class Statement:
    id: str
    by: Text
    title: Text
    source: str = ""
    date: _dt.date | None = None
    demands: tuple[Item, ...] = ()
    calls: tuple[Item, ...] = ()
    signatories: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Speaker:
    name: str = ""
    affiliation: Text | None = None
    role: Text | None = None
    quote: str = ""


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    title: Text
    place: Text
    date: _dt.date | None = None
    date_inferred: str = ""
    time: str = ""
    end_time: str = ""
    attendance: int | None = None
    organisers: tuple[Text, ...] = ()
    supporters: tuple[Text, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    summary: Text | None = None
    notes: tuple[Item, ...] = ()
    contact: str = ""
    source: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    date: _dt.date
    text: Text
    end: _dt.date | None = None
    when: Text | None = None
    places: tuple[Text, ...] = ()
    date_inferred: str = ""
    quote: str = ""
    source: str = ""


@dataclass(frozen=True)
class Fact:
    text: Text
    figure: Text | None = None
    quote: str = ""
    source: str = ""


@dataclass(frozen=True)
class Slogan:
    text: Text
    quote: str = ""


@dataclass(frozen=True)
class Name:
    """The correct spelling of a person or body, and the variants sources use."""

    name: str
    variants: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Campaign:
    id: str
    title: Text
    language: str = "en"
    summary: Text | None = None
    hashtag: str = ""
    version: str = ""
    petition_url: URL | None = None
    logo: str = ""
    colour: str = "#B0151F"
    slogans: tuple[Slogan, ...] = ()
    sources: tuple[Source, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    facts: tuple[Fact, ...] = ()
    names: tuple[Name, ...] = ()
    origin: str = field(default="", compare=False)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)
