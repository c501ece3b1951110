"""A CSV of local events (one picket per row) in, checked `LocalEvent`s and one error per bad row out.

Columns: city, place, date (required); time, end_time, contact, organisers (separated by ";"),
lang, title. Every cell goes through the same text rules as campaign files; a bad row is an error
naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass

from ..errors import CampaignDataError, CampaignFileError, CampaignWarning
from ..slugs import slugify
from ..tags import LanguageTagError, parse_language
from .clean import TextProblem, clean
from .csv_file import read_csv_text
from .reader import close_matches

COLUMNS = ("city", "place", "date", "time", "contact", "organisers", "lang", "end_time", "title")
REQUIRED = ("city", "place", "date")
MAX_ROWS = 100_000
MAX_CSV_BYTES = 20 * 1024 * 1024
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class LocalEvent:
    row: int  # the line number in the CSV file (the header is line 1)
    city: str
    place: str
    date: dt.date
    time: str = ""
    end_time: str = ""
    contact: str = ""
    organisers: tuple[str, ...] = ()
    lang: str | None = None
    title: str = ""

    @property
    def folder(self) -> str:
        return f"{self.row:05d}-{slugify(self.city, limit=40)}"


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return self.message


def read_events(path: str | os.PathLike) -> tuple[list[LocalEvent], list[RowError]]:
    """Parse and check every row; returns the good events and one error per bad row."""
    name = str(path)
    text = read_csv_text(path, MAX_CSV_BYTES, "event lists")  # --events <(...) works: a pipe is read too
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        expected = ", ".join(REQUIRED)
        raise CampaignFileError(f"{name}: the file is empty; expected a header row ({expected}, ...)") from None
    except csv.Error as exc:
        raise CampaignFileError(f"{name}:1: {exc}") from None
    for column in header:
        if column not in COLUMNS:
            close = close_matches(column, COLUMNS)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (columns: {', '.join(COLUMNS)})"
            raise CampaignFileError(f"{name}:1: unknown column {column!r}{hint}")
    repeated = sorted(c for c, n in Counter(header).items() if n > 1)
    if repeated:
        raise CampaignFileError(f"{name}:1: the column {repeated[0]!r} appears more than once")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CampaignFileError(f"{name}:1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    events: list[LocalEvent] = []
    errors: list[RowError] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(events) + len(errors) >= MAX_ROWS:
                raise CampaignFileError(f"{name}: more than {MAX_ROWS:,} rows")
            try:
                events.append(_event(name, line, header, values))
            except CampaignDataError as exc:
                errors.append(RowError(line, str(exc)))
    except csv.Error as exc:
        raise CampaignFileError(f"{name}:{reader.line_num}: {exc}") from None
    return events, errors


def _event(name: str, line: int, header: list[str], values: list[str]) -> LocalEvent:
    def fail(column: str, message: str) -> CampaignDataError:
        return CampaignDataError(message, path=f"column {column}", source=name, line=line)

    if len(values) > len(header):
        raise CampaignDataError(f"{len(values)} values for {len(header)} columns", source=name, line=line)
    row = {}
    for i, column in enumerate(header):
        try:
            value, removed = clean(values[i] if i < len(values) else "", multiline=False)
        except TextProblem as exc:
            raise fail(column, str(exc)) from None
        if removed:
            warnings.warn(CampaignWarning(f"{name}:{line}: column {column}: removed invisible characters "
                                          f"{', '.join(removed)}"), stacklevel=2)
        row[column] = value
    for column in REQUIRED:
        if not row.get(column):
            raise fail(column, "is empty")
    try:
        date = dt.date.fromisoformat(row["date"])
    except ValueError:
        raise fail("date", f"expected a date like 2026-03-12, got {row['date']!r}") from None
    for column in ("time", "end_time"):
        if row.get(column) and not _TIME.match(row[column]):
            raise fail(column, f"expected a time like 18:30, got {row[column]!r}")
    if row.get("end_time") and not row.get("time"):
        raise fail("end_time", "an end time needs a start time")
    if row.get("end_time") and row["end_time"] <= row["time"]:
        raise fail("end_time", f"the event ends ({row['end_time']}) before it starts ({row['time']})")
    lang = None
    if row.get("lang"):
        try:
            lang = parse_language(row["lang"])
        except LanguageTagError as exc:
            raise fail("lang", str(exc)) from None
    organisers = tuple(o.strip() for o in row.get("organisers", "").split(";") if o.strip())
    return LocalEvent(line, row["city"], row["place"], date, row.get("time", ""), row.get("end_time", ""),
                      row.get("contact", ""), organisers, lang, row.get("title", ""))


