"""A campaign and a CSV of local events in, a folder per event with its own materials out.

One row per local picket (city, place, date, time, contact, and optionally organisers and lang).
Every row is checked before anything is made; a bad row is an error naming the row and column, or,
with `keep_going`, is listed at the end while the good rows are made. Rows are made in parallel
processes; the bytes of every file are the same whatever the number of processes.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import __version__
from .errors import CampaignDataError, CampaignFileError, CampaignkitError
from .i18n import UI_LANGUAGES, label
from .model import Campaign, Event, Text
from .output import slugify

COLUMNS = ("city", "place", "date", "time", "contact", "organisers", "lang", "end_time", "title")
REQUIRED = ("city", "place", "date")
MATERIALS = ("leaflet", "placard", "signup")
MAX_ROWS = 100_000
INDEX = "index.json"
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


@dataclass(frozen=True)
class BatchResult:
    folder: Path
    made: tuple[tuple[LocalEvent, tuple[tuple[str, str, int], ...]], ...]  # event, (name, sha256, bytes)
    failed: tuple[RowError, ...]


def read_events(path: str | os.PathLike) -> tuple[list[LocalEvent], list[RowError]]:
    """Parse and check every row; returns the good events and one error per bad row."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CampaignFileError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CampaignFileError(f"{name}: not UTF-8 at byte {exc.start} (save the CSV as UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CampaignFileError(f"{name}: the file is empty; expected a header row ({', '.join(REQUIRED)}, ...)") from None
    except csv.Error as exc:
        raise CampaignFileError(f"{name}:1: {exc}") from None
    for column in header:
        if column not in COLUMNS:
            close = difflib.get_close_matches(column, COLUMNS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (columns: {', '.join(COLUMNS)})"
            raise CampaignFileError(f"{name}:1: unknown column {column!r}{hint}")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CampaignFileError(f"{name}:1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    events, errors = [], []
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
    row = {column: (values[i].strip() if i < len(values) else "") for i, column in enumerate(header)}
    for column, value in row.items():
        if any(ord(ch) < 32 for ch in value):
            raise fail(column, "contains a control character")
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
    lang = row.get("lang") or None
    if lang is not None and lang not in UI_LANGUAGES:
        raise fail("lang", f"unknown language {lang!r}; expected one of {', '.join(UI_LANGUAGES)}")
    organisers = tuple(o.strip() for o in row.get("organisers", "").split(";") if o.strip())
    return LocalEvent(line, row["city"], row["place"], date, row.get("time", ""), row.get("end_time", ""),
                      row.get("contact", ""), organisers, lang, row.get("title", ""))


def local_campaign(campaign: Campaign, event: LocalEvent, lang: str | None) -> Campaign:
    """The campaign with this local event first, so every material advertises it."""
    place = event.place if event.city.lower() in event.place.lower() else f"{event.place}, {event.city}"
    default = campaign.events[0] if campaign.events else None
    local = Event(
        id=f"local-{event.row}",
        kind="picket",
        title=Text(event.title or label("picket_in", lang, city=event.city), lang or campaign.language),
        place=Text(place, lang or campaign.language),
        date=event.date,
        time=event.time,
        end_time=event.end_time,
        organisers=tuple(Text(o, campaign.language) for o in event.organisers) or (default.organisers if default else ()),
        contact=event.contact,
    )
    return dataclasses.replace(campaign, events=(local,))


# -- the work of one row, in whichever process runs it --------------------------------------------

_STATE: dict = {}


def _init_worker(campaign: Campaign, materials: tuple[str, ...], lang: str | None, work: str) -> None:
    from . import fonts

    fonts.register_all()
    _STATE.update(campaign=campaign, materials=materials, lang=lang, work=Path(work), placards={})


def _make_row(event: LocalEvent):
    """Make one row's materials into its folder; returns (event, files) or (event, error text)."""
    from .leaflet import make_leaflet
    from .placard import make_placard
    from .signup import make_signup

    campaign, lang = _STATE["campaign"], event.lang or _STATE["lang"]
    local = local_campaign(campaign, event, lang)
    folder = _STATE["work"] / event.folder
    files = []
    try:
        outputs = []
        for material in _STATE["materials"]:
            if material == "leaflet":
                outputs.append(("leaflet.pdf", make_leaflet(local, lang=lang)))
            elif material == "signup":
                outputs.append(("signup.pdf", make_signup(local, lang=lang, sheets=2)))
            elif material == "placard":
                # placards carry no local details: made once per language and reused
                if lang not in _STATE["placards"]:
                    _STATE["placards"][lang] = make_placard(campaign, size="A3", lang=lang)
                outputs.append(("placards-a3.pdf", _STATE["placards"][lang]))
        folder.mkdir()
        for file_name, data in outputs:
            (folder / file_name).write_bytes(data)
            files.append((f"{event.folder}/{file_name}", hashlib.sha256(data).hexdigest(), len(data)))
    except CampaignkitError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return event, f"row {event.row} ({event.city}): {exc}"
    return event, tuple(files)


def make_batch(
    campaign: Campaign,
    events_csv: str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    materials: tuple[str, ...] = ("leaflet",),
    lang: str | None = None,
    jobs: int | None = None,
    keep_going: bool = False,
    progress: Callable[[int], None] | None = None,
) -> BatchResult:
    """Make the chosen materials for every row of the CSV into a folder per row under `out_dir`."""
    from .pack import check_target, swap_into_place

    unknown = [m for m in materials if m not in MATERIALS]
    if unknown or not materials:
        raise CampaignkitError(f"materials: expected some of {', '.join(MATERIALS)}, got {', '.join(unknown) or 'none'}")
    events, failed = read_events(events_csv)
    if failed and not keep_going:
        raise CampaignkitError(f"{failed[0]} (use --keep-going to make the other rows)")
    target = Path(out_dir)
    check_target(target, marker=INDEX)
    jobs = max(1, jobs or os.cpu_count() or 1)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.resolve().parent))
    made, errors = [], list(failed)
    try:
        args = (campaign, tuple(materials), lang, str(work))
        if jobs == 1 or len(events) < 2:
            _init_worker(*args)
            _collect(map(_make_row, events), made, errors, keep_going, progress)
        else:
            import multiprocessing

            context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
            with context.Pool(jobs, initializer=_init_worker, initargs=args) as pool:
                chunk = max(1, min(32, len(events) // (jobs * 4) or 1))
                _collect(pool.imap(_make_row, events, chunksize=chunk), made, errors, keep_going, progress)
        errors.sort(key=lambda e: e.row)
        _write_index(work, campaign, materials, lang, made, errors)
        swap_into_place(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BatchResult(target, tuple(made), tuple(errors))


def _collect(results, made, errors, keep_going, progress):
    for event, outcome in results:
        if isinstance(outcome, str):
            if not keep_going:
                raise CampaignkitError(f"{outcome} (use --keep-going to make the other rows)")
            errors.append(RowError(event.row, outcome))
        else:
            made.append((event, outcome))
        if progress:
            progress(1)


def _write_index(work: Path, campaign: Campaign, materials, lang, made, errors) -> None:
    rows = [
        {
            "row": event.row,
            "city": event.city,
            "place": event.place,
            "date": event.date.isoformat(),
            "time": event.time,
            "folder": event.folder,
            "files": [{"name": name, "sha256": digest, "bytes": size} for name, digest, size in files],
        }
        for event, files in sorted(made, key=lambda m: m[0].row)
    ]
    index = {
        "generator": "campaignkit",
        "campaignkit": __version__,
        "campaign": {"id": campaign.id, "version": campaign.version},
        "materials": list(materials),
        "language": lang or campaign.language,
        "events": rows,
        "failed": [{"row": e.row, "error": e.message} for e in errors],
    }
    (work / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    manifest = {
        "generator": "campaignkit",
        "campaignkit": __version__,
        "campaign": index["campaign"],
        "files": [file for row in rows for file in row["files"]],
    }
    (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with open(work / "index.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "city", "place", "date", "time", "folder", "files"])
        for row in rows:
            writer.writerow([row["row"], row["city"], row["place"], row["date"], row["time"], row["folder"],
                             " ".join(f["name"] for f in row["files"])])
