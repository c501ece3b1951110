"""The localised copy of a campaign: every string a material prints, in one language, each with the
key path it came from, so layout can name the field of any problem without knowing the language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import URL


@dataclass(frozen=True)
class Phrase:
    """One printable string and where it came from: a key path ("statements[0].demands[1]") for
    campaign text, or "label" for campaignkit's own wording."""

    text: str
    field: str = "label"

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class Signer(Phrase):
    """A signatory's name as printed, with the organisation and country the list gives for them."""

    organisation: str = ""
    country: str = ""


@dataclass(frozen=True)
class SourceCopy:
    """A source as printed: its reference number, title, details and URL."""

    id: str
    number: int  # the reference number printed as [n]
    title: Phrase
    url: URL
    field: str  # key path of the URL
    details: Phrase | None = None  # publisher · author · date


@dataclass(frozen=True)
class StatementCopy:
    """A statement in one language: who makes it, its demands, calls and signatories."""

    id: str
    path: str  # "statements[1]": where the statement is in the campaign file
    by: Phrase
    title: Phrase
    demands: tuple[Phrase, ...]
    briefs: tuple[Phrase, ...]  # the short form of each demand, or the demand itself
    calls: tuple[Phrase, ...]
    signatories: tuple[Signer, ...]
    source: SourceCopy | None
    demands_heading: Phrase  # "Socialist Movement of Kazakhstan demands:"
    signatories_url: URL | None = None  # where the full list is published
    signatories_order: str = "as given"  # as given, by name, by organisation


@dataclass(frozen=True)
class EventCopy:
    """An event in one language: heading, title, place, time and what else the box prints."""

    id: str
    past: bool
    heading: Phrase  # "Join the picket", or "What happened on 8 January 2022 (date inferred)"
    title: Phrase
    place: Phrase
    when: Phrase | None  # weekday, date and times, as one line
    day: Phrase | None  # weekday and date alone
    organisers: Phrase | None
    supporters: Phrase | None
    speakers: Phrase | None
    contact: Phrase | None
    summary: Phrase | None
    attendance: Phrase | None


@dataclass(frozen=True)
class TimelineCopy:
    """A timeline entry in one language, with its places and source."""

    when: Phrase
    text: Phrase
    places: Phrase | None
    inferred: bool
    source: SourceCopy | None


@dataclass(frozen=True)
class FactCopy:
    """A fact in one language, with its figure and source."""

    text: Phrase
    figure: Phrase | None
    source: SourceCopy | None


@dataclass(frozen=True)
class PetitionCopy:
    """The petition in one language: its URL, who keeps the details, whose demands it lists."""

    url: URL | None
    keeper: Phrase | None  # who keeps the signers' details; None means a line to write it on
    statements: tuple[str, ...]  # ids of the statements whose demands it lists


@dataclass(frozen=True)
class Copy:
    """Everything one material in one language may print."""

    campaign_id: str
    language: str  # BCP 47 tag of the text, for document metadata only
    direction: str  # "ltr" or "rtl"
    colour: str
    logo: str
    title: Phrase
    summary: Phrase | None
    hashtag: Phrase | None
    slogans: tuple[Phrase, ...]
    statements: tuple[StatementCopy, ...]
    event: EventCopy | None  # the event to advertise (or report on, when chosen and past)
    timeline: tuple[TimelineCopy, ...]
    facts: tuple[FactCopy, ...]
    sources: tuple[SourceCopy, ...]
    petition: PetitionCopy | None
    translation_notice: Phrase | None
    labels: object  # a Labels: interface wording of the same language
    fonts: tuple[str, ...] = ()  # the campaign's own font files, for scripts campaignkit does not bundle
    hyphenate: Callable[[str], str] | None = None  # soft hyphens where long words may break (see rules.py)

    def label(self, key: str, **values: object) -> Phrase:
        return self.labels.label(key, **values)  # type: ignore[attr-defined]

    def prompt(self, key: str) -> Phrase:
        return self.labels.prompt(key)  # type: ignore[attr-defined]

    def plural(self, key: str, count: int, **values: object) -> Phrase:
        return self.labels.plural(key, count, **values)  # type: ignore[attr-defined]

    def number(self, value: int) -> str:
        return self.labels.number(value)  # type: ignore[attr-defined]

    def statement(self, statement_id: str) -> StatementCopy | None:
        return next((s for s in self.statements if s.id == statement_id), None)
