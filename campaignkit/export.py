"""A `Campaign` in, its data in the formats organisers' tools read out: iCalendar (events), CSV
(demands, calls and signatories), JSON (the whole campaign, in the campaign format) and OSDI-shaped
JSON (events and the petition, as Action Network and other OSDI systems describe them).

Every export is bytes, the same for the same campaign (and, for iCalendar, the same
SOURCE_DATE_EPOCH); `export_campaign` also writes them to a target through the write package.
Text is exported in `lang` where the campaign has a translation, else in its original; interface
words ("Called by", "Contact") come from campaignkit's catalogues, in English where there is none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from html import escape
from pathlib import Path
from typing import Any

from ._version import __version__
from .errors import CampaignkitError
from .model import Campaign, Event, Item, Statement, Text

FORMATS = ("ics", "csv", "json", "osdi")
SUFFIXES = {"ics": ".ics", "csv": ".csv", "json": ".json", "osdi": ".osdi.json"}
CSV_COLUMNS = ("statement", "by", "kind", "number", "text", "short", "language", "translated", "quote")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet run a cell as a formula
FIXED_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # the date ReportLab's invariant mode gives every PDF
ORIGIN_SYSTEM = "campaignkit"


class ExportError(CampaignkitError):
    """An export that cannot be made (an unknown format, a missing optional package)."""


def export_campaign(campaign: Campaign, fmt: str, target=None, *, lang: str | None = None,
                    stamp: dt.datetime | None = None, force: bool = False) -> bytes:
    """The campaign exported as `fmt` (ics, csv, json or osdi); given a target (a path, "-" or a
    binary stream) the bytes are also written there, replacing a file only with `force`."""
    from .write import write

    makers = {"ics": lambda: to_ics(campaign, lang=lang, stamp=stamp), "csv": lambda: to_csv(campaign, lang=lang),
              "json": lambda: to_json(campaign), "osdi": lambda: to_osdi(campaign, lang=lang)}
    if fmt not in makers:
        raise ExportError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if fmt == "json" and lang:
        raise ExportError("lang: the json export holds every language of the campaign; leave out the language")
    data = makers[fmt]()
    write(data, target, force=force, note=fmt in ("csv", "json"))  # the two with no place for a mark
    return data


# -- shared ---------------------------------------------------------------------------------------

def _language(campaign: Campaign, lang: str | None) -> str:
    from .tags import LanguageTagError, parse_language

    try:
        return parse_language(lang) if lang else campaign.language
    except LanguageTagError as exc:
        raise ExportError(f"lang: {exc}") from None


class _Words:
    """Campaign text in one language, and campaignkit's own words for it."""

    def __init__(self, language: str):
        from .localise.catalogue import Catalogue
        from .localise.formats import Formats

        self.language = language
        self.catalogue = Catalogue(language)
        self.formats = Formats(self.catalogue)

    def __call__(self, text: Text | None) -> str:
        return text.lookup(self.language)[0] if text else ""

    def tag(self, text: Text) -> str:
        return text.lookup(self.language)[1]

    def prompt(self, key: str, value: str) -> str:
        return f"{self.catalogue.text(key)}{self.catalogue.text('colon')} {value}"

    def event_lines(self, event: Event) -> list[str]:
        """What a calendar or OSDI description says about an event beyond its title, place and time."""
        speakers = "; ".join(", ".join(p for p in (s.name, self(s.affiliation)) if p) for s in event.speakers)
        lines = [self(event.summary)]
        lines += [self.prompt(key, ", ".join(map(self, texts)))
                  for key, texts in (("called_by", event.organisers), ("supported_by", event.supporters)) if texts]
        lines += [self.prompt("speakers", speakers)] if speakers else []
        lines += [self(note.text) for note in event.notes]
        if event.attendance is not None:
            key = "attendance_about" if event.attendance_approximate else "attendance_exact"
            lines.append(self.catalogue.plural(key, event.attendance, shown=self.formats.number(event.attendance)))
        if event.date_inferred:
            lines.append(f"({self.catalogue.text('inferred')}: {event.date_inferred})")
        lines += [self.prompt("contact", event.contact)] if event.contact else []
        return [line for line in lines if line]


# -- iCalendar ------------------------------------------------------------------------------------

def stamp_from_environment() -> dt.datetime:
    """DTSTAMP for calendars: SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date."""
    from .localise import source_date_epoch

    epoch = source_date_epoch()
    return FIXED_STAMP if epoch is None else dt.datetime.fromtimestamp(epoch, dt.UTC)


def to_ics(campaign: Campaign, *, lang: str | None = None, stamp: dt.datetime | None = None) -> bytes:
    """Every dated event as an iCalendar (RFC 5545) VEVENT; events without a date are left out with a
    warning. A time without a zone is a floating time (the local time wherever the calendar is); an
    event without a time is an all-day event."""
    try:
        import icalendar
    except ImportError:
        raise ExportError("the iCalendar export needs the icalendar package: pip install 'campaignkit[export]' "
                          "(or pip install icalendar)") from None
    import warnings

    from .errors import CampaignWarning

    words = _Words(_language(campaign, lang))
    when = (stamp or stamp_from_environment()).astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//campaignkit//campaignkit {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", words(campaign.title))
    calendar.add("x-wr-calname", words(campaign.title))
    for i, event in enumerate(campaign.events):
        if event.date is None:
            warnings.warn(CampaignWarning(f"events[{i}] ({event.id}): no date, so it is left out of the calendar"),
                          stacklevel=2)
            continue
        entry = icalendar.Event()
        entry.add("uid", f"{campaign.id}/{event.id}@campaignkit")
        entry.add("dtstamp", when)
        start, end = _span(event)
        entry.add("dtstart", start)
        if end is not None:
            entry.add("dtend", end)
        entry.add("summary", words(event.title), parameters={"LANGUAGE": words.tag(event.title)})
        entry.add("location", words(event.place), parameters={"LANGUAGE": words.tag(event.place)})
        description = words.event_lines(event)
        if description:
            entry.add("description", "\n".join(description))
        entry.add("status", "TENTATIVE" if event.date_inferred else "CONFIRMED")
        entry.add("categories", [event.kind])
        if event.contact:
            entry.add("contact", event.contact)
        source = campaign.source(event.source) if event.source else None
        if source:
            entry.add("url", source.url.ascii)
        calendar.add_component(entry)
    return calendar.to_ical()


def _span(event: Event) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime | None]:
    """DTSTART and DTEND: naive (floating) date-times with a time, else an all-day date (DTEND is the
    next day, as RFC 5545 counts it). A start time without an end time has no DTEND."""
    assert event.date is not None
    if not event.time:
        return event.date, event.date + dt.timedelta(days=1)
    start = dt.datetime.combine(event.date, dt.time.fromisoformat(event.time))
    end = dt.datetime.combine(event.date, dt.time.fromisoformat(event.end_time)) if event.end_time else None
    return start, end


# -- CSV ------------------------------------------------------------------------------------------

def safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ (or a tab or CR) gets a leading '."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def to_csv(campaign: Campaign, *, lang: str | None = None) -> bytes:
    """One row per demand, call and signatory of every statement (columns `CSV_COLUMNS`), UTF-8 with a
    byte-order mark so spreadsheet programs read it as UTF-8; cells are escaped by `safe_cell`."""
    words = _Words(_language(campaign, lang))
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(CSV_COLUMNS)

    def row(st: Statement, kind: str, number: int, text: Text, short: Text | None = None, quote: str = "") -> None:
        in_lang, tag = text.lookup(words.language)
        cells = [st.id, words(st.by), kind, number, in_lang, words(short), tag,
                 "no" if tag == text.language else "yes", quote]
        out.writerow([safe_cell(c) if isinstance(c, str) else c for c in cells])

    for st in campaign.statements:
        for kind, items in (("demand", st.demands), ("call", st.calls)):
            for n, item in enumerate(items, 1):
                row(st, kind, n, item.text, item.short, item.quote)
        for n, name in enumerate(st.signatories, 1):
            row(st, "signatory", n, name)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# -- JSON (the campaign format) -------------------------------------------------------------------

def to_json(campaign: Campaign) -> bytes:
    """The whole campaign as a JSON campaign file: what `campaignkit schema` describes and `load` reads
    back to an equal campaign; text normalised, defaults written out, files relative to the campaign's."""
    return (json.dumps(campaign_data(campaign), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def campaign_data(campaign: Campaign) -> dict[str, Any]:
    """The campaign as the dict a campaign file parses to."""
    base = Path(campaign.origin).parent if campaign.origin else Path()
    relative = lambda path: os.path.relpath(path, base.resolve()) if path else ""
    data: dict[str, Any] = {"id": campaign.id, "title": _text(campaign.title), "language": campaign.language}
    if campaign.summary:
        summary = [_item(s) for s in campaign.summary]
        data["summary"] = summary[0] if len(summary) == 1 else summary
    data |= _present(hashtag=campaign.hashtag, version=campaign.version)
    if campaign.petition:
        p = campaign.petition
        data["petition"] = _present(url=p.url.text if p.url else "", collected_by=_text(p.collected_by),
                                    contact=p.contact, statements=list(p.statements))
    data |= _present(logo=relative(campaign.logo))
    data["colour"] = campaign.colour
    data |= _present(
        slogans=[{"text": _text(s.text), "quote": s.quote} if s.quote else _text(s.text) for s in campaign.slogans],
        sources=[_present(id=s.id, url=s.url.text, title=_text(s.title), publisher=s.publisher, author=s.author,
                          date=_day(s.date), note=s.note) for s in campaign.sources],
        statements=[_statement(s, campaign.language) for s in campaign.statements],
        events=[_event(e) for e in campaign.events],
        timeline=[_present(date=_day(t.date), text=_text(t.text), end=_day(t.end), when=_text(t.when),
                           places=[_text(p) for p in t.places], date_inferred=t.date_inferred, quote=t.quote,
                           source=t.source) for t in campaign.timeline],
        facts=[_present(text=_text(f.text), figure=_text(f.figure), quote=f.quote, source=f.source)
               for f in campaign.facts],
        names=[_present(name=n.name, variants=list(n.variants), note=n.note) for n in campaign.names],
        translations={t.language: _present(translated_from=t.translated_from, translator=t.translator)
                      for t in campaign.translations},
        fonts=[relative(f) for f in campaign.fonts],
    )
    return data


def _present(**values: Any) -> dict[str, Any]:
    """The values that are set, in the order given."""
    return {key: value for key, value in values.items() if value not in ("", None, [], {})}


def _text(text: Text | None) -> Any:
    if text is None:
        return None
    return {text.language: text.original, **dict(text.translations)} if text.translations else text.original


def _item(item: Item) -> Any:
    if item.short is None and not item.quote:
        return _text(item.text)
    return _present(text=_text(item.text), short=_text(item.short), quote=item.quote)


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _statement(st: Statement, campaign_language: str) -> dict[str, Any]:
    own = st.by.language if st.by.language != campaign_language else ""
    return _present(id=st.id, by=_text(st.by), language=own, title=_text(st.title), date=_day(st.date),
                    source=st.source, demands=[_item(d) for d in st.demands], calls=[_item(c) for c in st.calls],
                    signatories=[_text(s) for s in st.signatories])


def _event(ev: Event) -> dict[str, Any]:
    speakers = [_present(name=s.name, affiliation=_text(s.affiliation), role=_text(s.role), quote=s.quote)
                for s in ev.speakers]
    return _present(id=ev.id, title=_text(ev.title), place=_text(ev.place), kind=ev.kind, status=ev.status,
                    date=_day(ev.date), date_inferred=ev.date_inferred, time=ev.time, end_time=ev.end_time,
                    attendance=ev.attendance, attendance_approximate=ev.attendance_approximate or None,
                    organisers=[_text(o) for o in ev.organisers], supporters=[_text(s) for s in ev.supporters],
                    speakers=speakers, summary=_text(ev.summary), notes=[_item(n) for n in ev.notes],
                    contact=ev.contact, source=ev.source)


# -- OSDI -----------------------------------------------------------------------------------------

def to_osdi(campaign: Campaign, *, lang: str | None = None) -> bytes:
    """The events (`osdi:events`) and the petition (`osdi:petitions`) as OSDI resources in a HAL
    `_embedded` document; descriptions are HTML with every piece of campaign text escaped."""
    words = _Words(_language(campaign, lang))
    document = {"_embedded": {
        "osdi:events": [_osdi_event(campaign, event, words) for event in campaign.events],
        "osdi:petitions": [_osdi_petition(campaign, words)] if campaign.statements else [],
    }}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


def _osdi_event(campaign: Campaign, event: Event, words: _Words) -> dict[str, Any]:
    out: dict[str, Any] = {
        "identifiers": [f"{ORIGIN_SYSTEM}:{campaign.id}/{event.id}"],
        "origin_system": ORIGIN_SYSTEM,
        "name": event.id,
        "title": words(event.title),
    }
    out |= _present(description=_paragraphs(words.event_lines(event)), summary=words(event.summary))
    out |= {"type": "open", "status": "tentative" if event.date_inferred else "confirmed", "visibility": "public"}
    if event.date and event.time:
        start, end = _span(event)
        out["start_date"] = start.isoformat()
        if end is not None:
            out["end_date"] = end.isoformat()
        out["all_day"] = False
    elif event.date:
        out |= {"start_date": event.date.isoformat(), "all_day": True, "all_day_date": event.date.isoformat()}
    out["location"] = {"venue": words(event.place), "language": words.tag(event.place).split("-")[0]}
    return out


def _osdi_petition(campaign: Campaign, words: _Words) -> dict[str, Any]:
    petition = campaign.petition
    chosen = set(petition.statements) if petition and petition.statements else None
    blocks = [f"<p>{escape(words.catalogue.text('petition_sentence'))}</p>"]
    for st in campaign.statements:
        if (chosen is None or st.id in chosen) and st.demands:
            blocks.append(f"<p>{escape(words.catalogue.text('demands', by=words(st.by)))}</p><ul>"
                          + "".join(f"<li>{escape(words(d.text))}</li>" for d in st.demands) + "</ul>")
    sentences = [words(s.text) for s in campaign.summary]
    out: dict[str, Any] = {
        "identifiers": [f"{ORIGIN_SYSTEM}:{campaign.id}/petition"],
        "origin_system": ORIGIN_SYSTEM,
        "name": campaign.id,
        "title": words(campaign.title),
    }
    out |= _present(description=_paragraphs(sentences), summary=" ".join(sentences))
    out["petition_text"] = "".join(blocks)
    if petition and petition.url:
        out["browser_url"] = petition.url.ascii
    return out
