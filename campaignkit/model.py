"""Validated campaign data in, plain frozen dataclasses out: no I/O, no layout, no language choice.

Every piece of prose is a `Text`: the original wording in the language it was written in, plus
translations kept apart from it, so a translation is never presented as source text. Language
codes are BCP 47 tags ("en", "ru", "kk-Latn", "zh-Hans").
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .tags import fallbacks


@dataclass(frozen=True)
class Text:
    """A piece of prose in its original language, with translations marked as such."""

    original: str
    language: str = "en"
    translations: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str | None = None) -> str:
        """This text in `lang` (a translation or the original), else the original."""
        return self.original if lang is None else self.lookup(lang)[0]

    def lookup(self, lang: str) -> tuple[str, str]:
        """(text, language it is in): the translation into `lang` or a broader tag of the same script
        (`pt` for `pt-BR`), else the original."""
        for tag in fallbacks(lang):
            if tag == self.language:
                return self.original, self.language
            for code, value in self.translations:
                if code == tag:
                    return value, code
        return self.original, self.language

    def is_translated(self, lang: str) -> bool:
        return any(code == lang for code, _ in self.translations)

    def __str__(self) -> str:
        return self.original


@dataclass(frozen=True)
class Signatory(Text):
    """A signatory's name, a `Text` like any other, with the organisation they sign for and their country
    when the list gives them (a signatories CSV does; a name in the campaign file is a plain `Text`)."""

    organisation: str = ""
    country: str = ""
    where: str = field(default="", compare=False)  # "signers.csv:12": the file and line it was read from


@dataclass(frozen=True)
class URL:
    """A checked web address.

    `text` is what people read (an international domain name in Unicode), `ascii` what a QR code
    encodes and a browser opens (the WHATWG serialisation), `host` the ASCII host.
    """

    text: str
    ascii: str
    host: str
    insecure: bool = False

    @property
    def domain(self) -> str:
        """The host as people read it, without a leading `www.`."""
        readable = self.text.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        return readable[4:] if readable.startswith("www.") else readable

    @property
    def international(self) -> bool:
        """Whether the readable form differs from the ASCII one (both are then printed)."""
        return self.text != self.ascii

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Source:
    """A document the campaign rests on: its title, address and who published it when."""

    id: str
    title: Text
    url: URL
    publisher: str = ""
    author: str = ""
    date: _dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Item:
    """A demand, call, note or sentence: its wording, an optional short form, and the quote it rests on."""

    text: Text
    short: Text | None = None
    quote: str = ""

    def brief(self, lang: str | None = None) -> str:
        return (self.short or self.text).get(lang)


@dataclass(frozen=True)
class Statement:
    """A statement made by someone (`by`): its demands and calls, who signed it and the source it is in."""

    id: str
    by: Text
    title: Text
    source: str = ""
    date: _dt.date | None = None
    demands: tuple[Item, ...] = ()
    calls: tuple[Item, ...] = ()
    signatories: tuple[Text, ...] = ()  # names in the file, then those of its signatories CSV
    signatories_url: URL | None = None  # where the full list is published
    signatories_order: str = "as given"  # how the signatory annex orders them: as given, by name, by organisation


@dataclass(frozen=True)
class Speaker:
    """Someone who speaks at an event: name, affiliation, role and a quote."""

    name: str = ""
    affiliation: Text | None = None
    role: Text | None = None
    quote: str = ""


@dataclass(frozen=True)
class Event:
    """A picket, rally or other event: what, where and when, who organises and supports it, who speaks."""

    id: str
    kind: str
    title: Text
    place: Text
    date: _dt.date | None = None
    date_inferred: str = ""
    time: str = ""
    end_time: str = ""
    status: str = ""  # "", "upcoming" or "past"; "" means: decided by the date and the day of printing
    attendance: int | None = None
    attendance_approximate: bool = False
    organisers: tuple[Text, ...] = ()
    supporters: tuple[Text, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    summary: Text | None = None
    notes: tuple[Item, ...] = ()
    contact: str = ""
    source: str = ""

    def is_past(self, today: _dt.date) -> bool:
        """Whether the event has happened by `today` (and so must not be advertised as one to join)."""
        if self.status:
            return self.status == "past"
        return self.date is not None and self.date < today


@dataclass(frozen=True)
class TimelineEntry:
    """A dated step in the story the fact sheet tells, with the places it happened in."""

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
    """A fact the fact sheet prints, with its key figure when it has one, and the quote and source it rests on."""

    text: Text
    figure: Text | None = None
    quote: str = ""
    source: str = ""


@dataclass(frozen=True)
class Slogan:
    """A slogan for placards and cards, and the quote it rests on."""

    text: Text
    quote: str = ""


@dataclass(frozen=True)
class Name:
    """The correct spelling of a person or body, and the variants sources use."""

    name: str
    variants: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Petition:
    """The petition that sign-up sheets collect for, and who keeps the signers' details."""

    url: URL | None = None
    collected_by: Text | None = None
    contact: str = ""
    statements: tuple[str, ...] = ()  # whose demands the sheet lists; empty means every statement


@dataclass(frozen=True)
class Translation:
    """Where the texts in one language come from: the language translated from, and by whom."""

    language: str
    translated_from: str = ""
    translator: str = ""


@dataclass(frozen=True)
class Campaign:
    """A whole campaign: its title, summary, statements, events, sources and all the rest materials print."""

    id: str
    title: Text
    language: str = "en"
    summary: tuple[Item, ...] = ()
    hashtag: str = ""
    version: str = ""
    petition: Petition | None = None
    logo: str = ""
    colour: str = "#B0151F"
    slogans: tuple[Slogan, ...] = ()
    sources: tuple[Source, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    facts: tuple[Fact, ...] = ()
    names: tuple[Name, ...] = ()
    translations: tuple[Translation, ...] = ()
    fonts: tuple[str, ...] = ()  # extra font files (absolute paths) for scripts campaignkit does not bundle
    origin: str = field(default="", compare=False)

    @property
    def petition_url(self) -> URL | None:
        return self.petition.url if self.petition else None

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def statement(self, statement_id: str) -> Statement | None:
        return next((s for s in self.statements if s.id == statement_id), None)

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    def translation(self, language: str) -> Translation | None:
        return next((t for t in self.translations if t.language == language), None)

    def languages(self) -> tuple[str, ...]:
        """The original language and every language some text is translated into, in first-seen order."""
        seen = dict.fromkeys([self.language, *(t.language for t in self.translations)])
        for text in (self.title, *(s.text for s in self.slogans)):
            seen.update(dict.fromkeys(code for code, _ in text.translations))
        return tuple(seen)
