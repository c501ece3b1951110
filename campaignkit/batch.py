"""A campaign and a list of local events (or their CSV) in, a folder per event with its own materials
out, plus `index.json`, `index.csv` and `manifest.json`.

Every row is checked before anything is made; a bad row is an error naming the row and column, or,
with `keep_going`, is listed at the end while the good rows are made. Rows are made in parallel
processes; the bytes of every file are the same whatever the number of processes.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import CampaignkitError
from .loader.events_csv import LocalEvent, RowError, read_events
from .localise import Labels, today_for_print
from .model import Campaign, Event, Text

MATERIALS = ("leaflet", "placard", "signup")
INDEX = "index.json"
KIND = "batch"

__all__ = ["BatchResult", "LocalEvent", "RowError", "make_batch", "read_events"]


@dataclass(frozen=True)
class BatchResult:
    folder: Path
    made: tuple[tuple[LocalEvent, tuple[tuple[str, str, int], ...]], ...]  # event, (name, sha256, bytes)
    failed: tuple[RowError, ...]


def local_campaign(campaign: Campaign, event: LocalEvent, lang: str | None) -> Campaign:
    """The campaign with this local event as its only event, so every material advertises it."""
    language = lang or campaign.language
    place = event.place if event.city.lower() in event.place.lower() else f"{event.place}, {event.city}"
    title = event.title or Labels(language).label("picket_in", city=event.city).text
    default = campaign.events[0] if campaign.events else None
    local = Event(
        id=f"local-{event.row}", kind="picket", title=Text(title, language), place=Text(place, language),
        date=event.date, time=event.time, end_time=event.end_time, status="upcoming",
        organisers=tuple(Text(o, campaign.language) for o in event.organisers)
        or (default.organisers if default else ()),
        contact=event.contact,
    )
    return dataclasses.replace(campaign, events=(local,))


# -- the work of one row, in whichever process runs it --------------------------------------------

_STATE: dict = {}


def _init_worker(campaign: Campaign, materials: tuple[str, ...], lang: str | None, today: dt.date) -> None:
    from .layout import fonts

    fonts.register_all()
    _STATE.update(campaign=campaign, materials=materials, lang=lang, today=today, placards={})


def _make_row(event: LocalEvent) -> tuple[LocalEvent, list[tuple[str, bytes]] | str]:
    """One row's files as (name inside the batch folder, bytes), or the error text."""
    from .api import make_leaflet, make_placard, make_signup

    campaign, lang, today = _STATE["campaign"], event.lang or _STATE["lang"], _STATE["today"]
    local = local_campaign(campaign, event, lang)
    outputs = []
    try:
        for material in _STATE["materials"]:
            if material == "leaflet":
                outputs.append(("leaflet.pdf", make_leaflet(local, lang=lang, today=today).data))
            elif material == "signup":
                outputs.append(("signup.pdf", make_signup(local, lang=lang, sheets=2, today=today).data))
            elif material == "placard":
                # placards carry no local details: made once per language and reused
                if lang not in _STATE["placards"]:
                    _STATE["placards"][lang] = make_placard(campaign, size="A3", lang=lang).data
                outputs.append(("placards-a3.pdf", _STATE["placards"][lang]))
    except CampaignkitError as exc:
        return event, f"row {event.row} ({event.city}): {exc}"
    return event, [(f"{event.folder}/{name}", data) for name, data in outputs]


def make_batch(campaign: Campaign, events: str | os.PathLike | Sequence[LocalEvent], out_dir: str | os.PathLike, *,
               materials: tuple[str, ...] = ("leaflet",), lang: str | None = None, jobs: int | None = None,
               keep_going: bool = False, today: dt.date | None = None, force: bool = False,
               progress: Callable[[int], None] | None = None) -> BatchResult:
    """Make the chosen materials for every local event (a CSV path, or events already read) into a
    folder per event under `out_dir`."""
    from .write.folders import check_folder, replace_folder

    unknown = [m for m in materials if m not in MATERIALS]
    if unknown or not materials:
        got = ", ".join(unknown) or "none"
        raise CampaignkitError(f"materials: expected some of {', '.join(MATERIALS)}, got {got}")
    if isinstance(events, (str, os.PathLike)):
        rows, failed = read_events(events)
    else:
        rows, failed = list(events), []
    day = today_for_print(today)
    rows, past = _upcoming(rows, day)
    failed = sorted([*failed, *past], key=lambda e: e.row)
    if failed and not keep_going:
        raise CampaignkitError(f"{failed[0]} (use --keep-going to make the other rows)")
    target = Path(out_dir)
    check_folder(Path(os.path.abspath(target)), KIND, force)
    made: list[tuple[LocalEvent, tuple[tuple[str, str, int], ...]]] = []
    errors = list(failed)
    files: list[tuple[str, bytes]] = []
    args = (campaign, tuple(materials), lang, day)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(rows) < 2:
        _init_worker(*args)
        _collect(map(_make_row, rows), made, errors, files, keep_going, progress)
    else:
        import multiprocessing

        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with context.Pool(jobs, initializer=_init_worker, initargs=args) as pool:
            chunk = max(1, min(32, len(rows) // (jobs * 4) or 1))
            _collect(pool.imap(_make_row, rows, chunksize=chunk), made, errors, files, keep_going, progress)
    errors.sort(key=lambda e: e.row)
    index = _index(campaign, materials, lang, made, errors)
    files += [(INDEX, _json(index)), ("index.csv", _index_csv(index["events"]))]
    listed = [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)} for name, data in files]
    manifest = {"campaignkit": __version__, "campaign": index["campaign"], "files": listed}
    replace_folder(target, files, manifest, kind=KIND, force=force)
    return BatchResult(target, tuple(made), tuple(errors))


def _upcoming(rows: list[LocalEvent], today: dt.date) -> tuple[list[LocalEvent], list[RowError]]:
    """The rows still to come; a row dated before the day of printing is an error, not a leaflet."""
    good, past = [], []
    for row in rows:
        if row.date < today:
            past.append(RowError(row.row, f"row {row.row} ({row.city}): column date: {row.date} is before the day "
                                          f"of printing ({today}); a leaflet must not invite people to a past event"))
        else:
            good.append(row)
    return good, past


def _collect(results, made, errors, files, keep_going, progress) -> None:
    for event, outcome in results:
        if isinstance(outcome, str):
            if not keep_going:
                raise CampaignkitError(f"{outcome} (use --keep-going to make the other rows)")
            errors.append(RowError(event.row, outcome))
        else:
            files.extend(outcome)
            made.append((event, tuple((name, hashlib.sha256(data).hexdigest(), len(data)) for name, data in outcome)))
        if progress:
            progress(1)


def _index(campaign: Campaign, materials, lang, made, errors) -> dict:
    rows = [
        {
            "row": event.row, "city": event.city, "place": event.place, "date": event.date.isoformat(),
            "time": event.time, "folder": event.folder,
            "files": [{"name": name, "sha256": digest, "bytes": size} for name, digest, size in files],
        }
        for event, files in sorted(made, key=lambda m: m[0].row)
    ]
    return {
        "generator": "campaignkit", "campaignkit": __version__,
        "campaign": {"id": campaign.id, "version": campaign.version},
        "materials": list(materials), "language": lang or campaign.language,
        "events": rows, "failed": [{"row": e.row, "error": e.message} for e in errors],
    }


def _json(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def spreadsheet_safe(value: object) -> str:
    """A cell that a spreadsheet will show as text, never run as a formula (= + - @ and controls)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _index_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["row", "city", "place", "date", "time", "folder", "files"])
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in (row["row"], row["city"], row["place"], row["date"], row["time"],
                                                       row["folder"], " ".join(f["name"] for f in row["files"]))])
    return buffer.getvalue().encode("utf-8")
