"""A `Campaign`, a language and the day of printing in, its `Copy` out: every string a material
prints, chosen, translated, formatted and tied for that one language before any layout happens.

Later stages never see a language code: they receive text, a writing direction and the fields the
text came from. Which event is advertised is decided here too, since it depends on the day of
printing: an event that has already happened is never offered as one to join.
"""

from __future__ import annotations

import datetime as dt

from ..errors import CampaignkitError
from ..model import Campaign, Event, Signatory, Source, Statement, Text
from .catalogue import Catalogue
from .copy import (
    Copy,
    EventCopy,
    FactCopy,
    PetitionCopy,
    Phrase,
    Signer,
    SourceCopy,
    StatementCopy,
    TimelineCopy,
)
from .formats import Formats
from .rules import hyphenator, tie

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "dv", "ckb", "syr"})
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"})

__all__ = ["Copy", "Labels", "Phrase", "direction_of", "localise", "today_for_print"]


class Labels:
    """campaignkit's own wording in one language, as Phrases, with its numbers and dates."""

    def __init__(self, language: str):
        self.language = language
        self.catalogue = Catalogue(language)
        self.formats = Formats(self.catalogue)

    def label(self, key: str, **values: object) -> Phrase:
        return Phrase(tie(self.catalogue.text(key, **values), self.language))

    def prompt(self, key: str) -> Phrase:
        """A label followed by the language's colon ("Where:", "Où :"), to put before a value."""
        return Phrase(tie(self.catalogue.text(key) + self.catalogue.text("colon"), self.language))

    def plural(self, key: str, count: int, **values: object) -> Phrase:
        return Phrase(tie(self.catalogue.plural(key, count, shown=self.number(count), **values), self.language))

    def number(self, value: int) -> str:
        return self.formats.number(value)


def direction_of(language: str) -> str:
    parts = language.split("-")
    if parts[0] in RTL_LANGUAGES or any(p in RTL_SCRIPTS for p in parts[1:]):
        return "rtl"
    return "ltr"


LATEST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z: dates in PDFs, XMP and calendars have four-digit years


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as whole seconds since 1970 UTC, or None when unset; a malformed value is an
    error (the reproducible-builds rule), not a traceback or a silently different date."""
    import os

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > LATEST_EPOCH:
        raise CampaignkitError(f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC "
                               f"(0 to {LATEST_EPOCH}), got {value!r}")
    return int(value)


def today_for_print(today: dt.date | None = None) -> dt.date:
    """The day of printing: given, else from SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if today is not None:
        return today
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return dt.date.today()


def localise(campaign: Campaign, language: str | None = None, *, today: dt.date | None = None,
             event: str | None = None) -> Copy:
    """The campaign's copy in `language` (default: its own), as of `today`, advertising `event` if given."""
    from ..tags import LanguageTagError, parse_language

    try:
        tag = parse_language(language) if language else campaign.language
    except LanguageTagError as exc:
        raise CampaignkitError(f"lang: {exc}") from None
    return _Localiser(campaign, tag, today_for_print(today)).copy(event)


class _Localiser:
    def __init__(self, campaign: Campaign, language: str, today: dt.date):
        self.campaign, self.language, self.today = campaign, language, today
        self.labels = Labels(language)
        self.formats = self.labels.formats
        self.refs = {s.id: self.source(s, n) for n, s in enumerate(campaign.sources, 1)}

    def localised(self, text: Text) -> str:
        """`text` in this language (or its original), tied by the rules of the language it is in."""
        value, language = text.lookup(self.language)
        return tie(value, language)

    def phrase(self, text: Text | str | None, field: str) -> Phrase | None:
        if text is None or text == "":
            return None
        value, language = (text, self.language) if isinstance(text, str) else text.lookup(self.language)
        return Phrase(tie(value, language), field)

    def need(self, text: Text | str, field: str) -> Phrase:
        found = self.phrase(text, field)
        assert found is not None
        return found

    def copy(self, event_id: str | None) -> Copy:
        c = self.campaign
        summary = " ".join(self.localised(s.text) for s in c.summary)
        return Copy(
            campaign_id=c.id,
            language=self.language,
            direction=direction_of(self.language),
            fonts=c.fonts,
            colour=c.colour,
            logo=c.logo,
            title=self.need(c.title, "title"),
            summary=Phrase(summary, "summary") if summary else None,
            hashtag=self.phrase(c.hashtag, "hashtag"),
            slogans=tuple(self.need(s.text, f"slogans[{i}]") for i, s in enumerate(c.slogans)),
            statements=tuple(self.statement(s, i) for i, s in enumerate(c.statements)),
            event=self.chosen_event(event_id),
            timeline=tuple(self.timeline_entry(i) for i in range(len(c.timeline))),
            facts=tuple(FactCopy(self.need(f.text, f"facts[{i}].text"), self.phrase(f.figure, f"facts[{i}].figure"),
                                 self.refs.get(f.source)) for i, f in enumerate(c.facts)),
            sources=tuple(self.refs.values()),
            petition=self.petition(),
            translation_notice=self.translation_notice(),
            labels=self.labels,
            hyphenate=hyphenator(self.language),
        )

    def source(self, src: Source, number: int) -> SourceCopy:
        details = " · ".join(p for p in (
            src.publisher,
            self.labels.catalogue.text("by_author", author=src.author) if src.author else "",
            self.labels.catalogue.text("published", date=self.formats.date(src.date)) if src.date else "",
        ) if p)
        index = self.campaign.sources.index(src)
        return SourceCopy(src.id, number, self.need(src.title, f"sources[{index}].title"), src.url,
                          f"sources[{index}].url", self.phrase(details, f"sources[{index}].publisher"))

    def statement(self, st: Statement, i: int) -> StatementCopy:
        path = f"statements[{i}]"
        by = self.need(st.by, f"{path}.by")
        return StatementCopy(
            id=st.id,
            path=path,
            by=by,
            title=self.need(st.title, f"{path}.title"),
            demands=tuple(self.need(d.text, f"{path}.demands[{n}]") for n, d in enumerate(st.demands)),
            briefs=tuple(self.need(d.short or d.text, f"{path}.demands[{n}].short") for n, d in enumerate(st.demands)),
            calls=tuple(self.need(c.text, f"{path}.calls[{n}]") for n, c in enumerate(st.calls)),
            signatories=self.signers(st, path),
            source=self.refs.get(st.source),
            demands_heading=Phrase(self.labels.label("demands", by=by.text).text, f"{path}.by"),
            signatories_url=st.signatories_url,
            signatories_order=st.signatories_order,
        )

    def signers(self, st: Statement, path: str) -> tuple[Signer, ...]:
        """Every signatory's name in this language, with the organisation and country when known; names
        from a signatories CSV name its file and line as their field."""
        out = []
        for n, name in enumerate(st.signatories):
            value, language = name.lookup(self.language) if name.translations else (name.original, name.language)
            if isinstance(name, Signatory):
                out.append(Signer(tie(value, language), name.where or f"{path}.signatories[{n}]", name.organisation,
                                  name.country))
            else:
                out.append(Signer(tie(value, language), f"{path}.signatories[{n}]"))
        return tuple(out)

    def chosen_event(self, event_id: str | None) -> EventCopy | None:
        events = self.campaign.events
        if event_id is not None:
            for i, ev in enumerate(events):
                if ev.id == event_id:
                    return self.event(ev, i)
            known = ", ".join(e.id for e in events) or "none"
            raise CampaignkitError(f"event: no event with id {event_id!r} (events: {known})")
        upcoming = [(ev.date or dt.date.max, i) for i, ev in enumerate(events) if not ev.is_past(self.today)]
        if not upcoming:
            return None
        _, i = min(upcoming)
        return self.event(events[i], i)

    def event(self, ev: Event, i: int) -> EventCopy:
        path = f"events[{i}]"
        past = ev.is_past(self.today)
        when = ""
        if ev.date:
            when = self.formats.date(ev.date, weekday=not past)
            if ev.date_inferred:
                when += f" ({self.labels.catalogue.text('inferred')})"
        day = Phrase(tie(when, self.language), f"{path}.date") if when and not past else None
        times = self.formats.time_span(ev.time, ev.end_time)
        when = " ".join(p for p in (when, times) if p)
        if past:
            heading = self.labels.label("what_happened_on", date=when or self.need(ev.title, f"{path}.title").text)
        else:
            heading = self.labels.label("join_picket" if ev.kind == "picket" else "join_event")
        sep = self.labels.catalogue.text("list_separator")
        joined = lambda texts, field: Phrase(sep.join(map(self.localised, texts)), field) if texts else None
        speakers = "; ".join(
            sep.join(p for p in (sp.name, self.localised(sp.affiliation) if sp.affiliation else "") if p)
            for sp in ev.speakers
        )
        attendance = None
        if past and ev.attendance:
            key = "attendance_about" if ev.attendance_approximate else "attendance_exact"
            attendance = self.labels.plural(key, ev.attendance)
        return EventCopy(
            id=ev.id,
            past=past,
            heading=heading,
            title=self.need(ev.title, f"{path}.title"),
            place=self.need(ev.place, f"{path}.place"),
            when=Phrase(tie(when, self.language), f"{path}.date") if when and not past else None,
            day=day,
            organisers=joined(ev.organisers, f"{path}.organisers"),
            supporters=joined(ev.supporters, f"{path}.supporters"),
            speakers=Phrase(speakers, f"{path}.speakers") if speakers else None,
            contact=self.phrase(ev.contact, f"{path}.contact"),
            summary=self.phrase(ev.summary, f"{path}.summary"),
            attendance=attendance,
        )

    def timeline_entry(self, i: int) -> TimelineCopy:
        entry = self.campaign.timeline[i]
        path = f"timeline[{i}]"
        when = self.localised(entry.when) if entry.when else tie(self.formats.date_span(entry.date, entry.end),
                                                                     self.language)
        places = self.labels.catalogue.text("list_separator").join(map(self.localised, entry.places))
        return TimelineCopy(Phrase(when, f"{path}.date"), self.need(entry.text, f"{path}.text"),
                            Phrase(places, f"{path}.places") if places else None, bool(entry.date_inferred),
                            self.refs.get(entry.source))

    def petition(self) -> PetitionCopy | None:
        p = self.campaign.petition
        if p is None and not self.campaign.statements:
            return None
        if p is None:
            return PetitionCopy(None, None, ())
        keeper = self.phrase(p.collected_by, "petition.collected_by")
        if keeper and p.contact:
            keeper = Phrase(f"{keeper.text} ({p.contact})", keeper.field)
        return PetitionCopy(p.url, keeper, p.statements)

    def translation_notice(self) -> Phrase | None:
        """A notice for materials whose statements are printed in a translation, in that language."""
        c = self.campaign
        translated = any(
            t.is_translated(self.language) and t.language != self.language
            for st in c.statements for t in (*(d.text for d in st.demands), *(x.text for x in st.calls))
        )
        if not translated:
            return None
        note = c.translation(self.language)
        source_language = note.translated_from if note and note.translated_from else c.language
        cat = self.labels.catalogue
        key = f"translated_from.{source_language.split('-')[0]}"
        translated_from = cat.text(key) if cat.has(key) else cat.text("translated_from")
        if note and note.translator:
            return self.labels.label("translation_notice_by", translated_from=translated_from,
                                     translator=note.translator)
        return self.labels.label("translation_notice", translated_from=translated_from)
