"""A PDF or a pack folder in, print jobs out: an `lp` command per file with its paper, sides, scaling and copies.

Printing goes through CUPS's `lp` (Linux, macOS and the BSDs). Each file's material comes from the pack's
manifest (`material`), else from the PDF's Keywords (`campaignkit-material=<id>`), else from the manifest's
`kind` or the file's name and page geometry. On Windows there is no `lp`: each file is handed to the PDF
viewer's Print command, and copies, sides and scaling must be chosen there.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import PrintError
from ..layout.paper import MM, SIZES_MM
from ..marks import MATERIAL_MARK as KEYWORD
from ..write.folders import MANIFEST
from . import cups
from .cups import Runner

MATERIALS = ("leaflet", "leaflet-two-up", "placard", "placard-tiled", "factsheet", "signup", "signatories")
PACK_COPIES = {"leaflet": 50, "leaflet-two-up": 25, "placard": 1, "placard-tiled": 1, "factsheet": 10,
               "signup": 1, "signatories": 1}
MAX_COPIES = 9999  # CUPS's default MaxCopies
ADVICE = {
    "leaflet-two-up": "double-sided, flip on the short edge; then cut once along the dashed line",
    "placard": "print at 100% (actual size), never 'fit to page'",
    "placard-tiled": "print at 100% (actual size), never 'fit to page', one-sided; trim and glue the overlaps",
    "signup": "one-sided, landscape",
}

# Packs made before the manifest carried `material` describe each file by `kind`.
_KINDS = {"leaflet": "leaflet", "leaflet two-up": "leaflet-two-up", "fact sheet": "factsheet",
          "sign-up sheets": "signup", "signatories": "signatories"}
_CUPS_MEDIA = {name: name if name.startswith("A") else name.capitalize() for name in SIZES_MM}
_SIZE_TOLERANCE = 2.0  # points; reportlab's A5 and a PPD's A5 differ by about 1.5
_EXACT_SIZE = {"placard", "placard-tiled"}
_ONE_SIDED = {"placard", "placard-tiled", "signup"}  # glued, tiled or signed on a clipboard

Copies = int | Mapping[str, int] | None


@dataclass(frozen=True)
class PrintJob:
    """One file to print: its material, the copies, and the exact `lp` command."""

    path: Path
    material: str
    copies: int
    pages: int
    media: str | None
    argv: tuple[str, ...]
    notes: tuple[str, ...] = ()
    request_id: str | None = None

    @property
    def command(self) -> str:
        return shlex.join(self.argv)


@dataclass(frozen=True)
class _Geometry:
    pages: int
    width: float  # of the first page, in points
    height: float
    landscape: bool  # every page
    uniform: bool  # every page on the same paper, either way round
    keywords: str

    @property
    def size_name(self) -> str | None:
        short, long = sorted((self.width, self.height))
        for name, (w, h) in SIZES_MM.items():
            if abs(short - w * MM) <= _SIZE_TOLERANCE and abs(long - h * MM) <= _SIZE_TOLERANCE:
                return name
        return None


def plan_print(target: str | os.PathLike, *, printer: str | None = None, copies: Copies = None) -> list[PrintJob]:
    """The print jobs for one PDF or a pack folder, without running anything."""
    path = Path(target)
    _check_copies(copies)
    if not path.exists():
        raise PrintError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix.lower() != ".pdf":
        raise PrintError(f"{path}: only PDF files can be printed")
    in_pack = path.is_dir()
    entries = _pack_entries(path) if in_pack else [(path, {})]
    jobs = []
    for file, entry in entries:
        geometry = _read_geometry(file)
        material = _material(file, entry, geometry)
        count = _copies_for(material, copies, in_pack)
        if count:
            jobs.append(_job(file, material, count, geometry, printer))
    if not jobs:
        raise PrintError(f"{path}: nothing to print (every material has 0 copies)")
    return jobs


def print_files(
    target: str | os.PathLike,
    *,
    printer: str | None = None,
    copies: Copies = None,
    dry_run: bool = False,
    runner: Runner = subprocess.run,
) -> list[PrintJob]:
    """Send every job of `plan_print` to CUPS (or only plan them, with `dry_run`); returns the jobs sent."""
    jobs = plan_print(target, printer=printer, copies=copies)
    if dry_run:
        return jobs
    if sys.platform == "win32":
        return cups.print_with_viewer(jobs)
    destination = cups.check_destination(printer, runner)
    cups.warn_without_duplex(destination, jobs, runner)
    sent: list[PrintJob] = []
    for job in jobs:
        result = cups.run(runner, job.argv, timeout=120)
        if result.returncode != 0:
            already = f"; already sent: {', '.join(j.request_id or j.path.name for j in sent)}" if sent else ""
            raise PrintError(f"{job.path}: lp failed: {cups.message(result)}{already}")
        found = re.search(r"request id is (\S+)", result.stdout or "")
        sent.append(replace(job, request_id=found.group(1) if found else None))
    return sent


def parse_copies(values: Iterable[str]) -> Copies:
    """`--copies` values in ("10", "leaflet=100", ...), a `copies` argument out; a number sets every material."""
    everything, per_material = None, {}
    for value in values:
        name, equals, number = value.rpartition("=")
        if not number.strip().isdigit():
            raise PrintError(f"--copies: expected a number or MATERIAL=NUMBER, got {value!r}")
        if equals:
            per_material[name.strip()] = int(number)
        else:
            everything = int(number)
    if not per_material:
        return everything
    if everything is not None:
        per_material = {**dict.fromkeys(MATERIALS, everything), **per_material}
    _check_copies(per_material)
    return per_material


def _check_copies(copies: Copies) -> None:
    per_material = copies if isinstance(copies, Mapping) else {}
    for name in per_material:
        if name not in MATERIALS:
            raise PrintError(f"copies: unknown material {name!r}; expected one of {', '.join(MATERIALS)}")
    for count in per_material.values() if per_material or copies is None else [copies]:
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COPIES:
            raise PrintError(f"copies: expected a whole number from 0 to {MAX_COPIES}, got {count!r}")


def _copies_for(material: str, copies: Copies, in_pack: bool) -> int:
    if isinstance(copies, int):
        return copies
    if copies and material in copies:
        return copies[material]
    return PACK_COPIES[material] if in_pack else 1


def _pack_entries(folder: Path) -> list[tuple[Path, dict]]:
    """The pack's PDFs with their manifest entries, in manifest order; PNG cards and the rest are never printed."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
    except FileNotFoundError:
        raise PrintError(f"{folder}: not a campaignkit pack (no {MANIFEST}); print its PDFs one by one") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PrintError(f"{folder / MANIFEST}: cannot be read ({exc})") from None
    entries = []
    root = folder.resolve()
    for entry in files:
        name = str(entry.get("name", ""))
        if not name.lower().endswith(".pdf"):
            continue
        file = folder / name
        if root not in file.resolve().parents:
            raise PrintError(f"{folder / MANIFEST}: {name!r} lies outside the pack folder")
        if not file.is_file():
            raise PrintError(f"{file}: listed in {MANIFEST} but missing")
        entries.append((file, entry))
    return entries


def _read_geometry(file: Path) -> _Geometry:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(file)
    except (pdfium.PdfiumError, OSError) as exc:
        raise PrintError(f"{file}: not a readable PDF ({exc})") from None
    try:
        sizes = [doc[i].get_size() for i in range(len(doc))]
        keywords = doc.get_metadata_dict().get("Keywords", "")
    finally:
        doc.close()
    if not sizes:
        raise PrintError(f"{file}: the PDF has no pages")
    paper = sorted(sizes[0])
    uniform = all(abs(a - b) <= _SIZE_TOLERANCE for size in sizes for a, b in zip(sorted(size), paper))
    landscape = all(w > h for w, h in sizes)
    return _Geometry(len(sizes), sizes[0][0], sizes[0][1], landscape, uniform, keywords)


def _material(file: Path, entry: Mapping, geometry: _Geometry) -> str:
    """The material from the manifest, else the PDF's Keywords, else the manifest kind, name and page size."""
    declared = entry.get("material")
    where = f"{MANIFEST} says"
    if declared is None:
        found = re.search(re.escape(KEYWORD) + r"([\w-]+)", geometry.keywords)
        declared, where = (found.group(1), "its Keywords say") if found else (None, "")
    if declared is not None:
        if declared not in MATERIALS:
            raise PrintError(f"{file}: {where} material {declared!r}; expected one of {', '.join(MATERIALS)}")
        return declared
    guessed = _material_from_kind(str(entry.get("kind", ""))) or _guess_from_file(file.name, geometry)
    if guessed is None:
        raise PrintError(f"{file}: cannot tell which campaignkit material this is (no {KEYWORD}... in its Keywords)")
    return guessed


def _material_from_kind(kind: str) -> str | None:
    if kind.startswith("placard"):
        return "placard-tiled" if "tiled" in kind else "placard"
    return _KINDS.get(kind)


def _guess_from_file(name: str, geometry: _Geometry) -> str | None:
    """A material from the file name campaignkit gives it and the page size; None when unsure."""
    name = name.lower()
    size = geometry.size_name
    by_name = [("two-up", "leaflet-two-up"), ("tiled", "placard-tiled"), ("signup", "signup"), ("sign-up", "signup"),
               ("signator", "signatories"), ("factsheet", "factsheet"), ("fact-sheet", "factsheet"),
               ("placard", "placard"), ("leaflet", "leaflet")]
    for word, material in by_name:
        if word in name:
            if material == "leaflet-two-up" and not (geometry.landscape and geometry.pages % 2 == 0):
                return None
            return material
    if size in ("A3", "A2", "A1", "A0", "tabloid"):
        return "placard"
    if size == "A5":
        return "leaflet"
    return None


def _job(file: Path, material: str, copies: int, geometry: _Geometry, printer: str | None) -> PrintJob:
    media = _CUPS_MEDIA.get(geometry.size_name or "")
    options = []
    if media:
        options.append(f"media={media}")
    if geometry.landscape:
        options.append("orientation-requested=4")
    options.append(f"sides={_sides(material, geometry.pages)}")
    if material in _EXACT_SIZE:
        options += ["print-scaling=none", "fit-to-page=false"]  # IPP, and the older CUPS filters' name
    if copies > 1 and geometry.pages > 1:
        options.append("collate=true")
    notes = [ADVICE[material]] if material in ADVICE else []
    if not media:
        notes.append(f"page size {geometry.width / MM:.0f} x {geometry.height / MM:.0f} mm is no standard paper; "
                     "the printer's default paper is used")
    if not geometry.uniform:
        notes.append("its pages differ in size; the paper is chosen by the first page")
    shown = f"./{file}" if str(file).startswith("-") else str(file)
    argv = ["lp", *(["-d", printer] if printer else []), "-n", str(copies)]
    argv += [part for option in options for part in ("-o", option)] + [shown]
    return PrintJob(file, material, copies, geometry.pages, media, tuple(argv), tuple(notes))


def _sides(material: str, pages: int) -> str:
    if material == "leaflet-two-up":
        return "two-sided-short-edge"
    if material in _ONE_SIDED or pages == 1:
        return "one-sided"  # said outright, since many office printers default to two-sided
    return "two-sided-long-edge"


