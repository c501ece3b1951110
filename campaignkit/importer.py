"""A petition platform's CSV export of signers in, new signatories merged into one statement of a
campaign file out, with the file's comments and layout kept (TOML is edited with tomlkit).

Only names are read: a `name` column, or `first_name` and `last_name` (Action Network,
ControlShift), and an `organisation` column; email addresses, postcodes and every other column
are ignored and never written into the campaign file. A signer with an organisation is added as
"Name (Organisation)". Every cell goes through the same text rules as campaign files, and a bad
cell is an error naming the file, the row and the column. Names already among the statement's
signatories (in any language, ignoring case and spacing) are skipped, as are repeats in the CSV.

The merged file is loaded again before it is written, so a file that would not load is never
written; it replaces the original through the write package (a temporary file, then a rename).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CampaignDataError, CampaignFileError, CampaignWarning
from .loader.csv_file import clean_cell, read_csv_text
from .loader.parse import MAX_FILE_BYTES

FIELDS = ("name", "first_name", "last_name", "organisation")
# Column headers recognised without --column, compared in lower case with spaces and hyphens as "_".
ALIASES = {
    "name": ("name", "full_name", "signatory", "signer"),
    "first_name": ("first_name", "firstname", "given_name", "first"),
    "last_name": ("last_name", "lastname", "family_name", "surname", "last"),
    "organisation": ("organisation", "organization", "org", "affiliation"),
}
MAX_ROWS = 100_000
MAX_CSV_BYTES = 20 * 1024 * 1024
LONG_LINE = 100  # a one-line signatories list that would grow past this becomes one name a line


@dataclass(frozen=True)
class Signer:
    row: int  # the line of the CSV file (the header is line 1)
    text: str  # what goes into the campaign: "Name", "Organisation" or "Name (Organisation)"


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the names added, those already there, and rows without a name."""

    added: tuple[str, ...]
    already: tuple[str, ...]
    unnamed: tuple[int, ...]
    data: bytes  # the campaign file as written (or as it would be, for a dry run)


def import_signatories(csv_path: str | os.PathLike, campaign_file: str | os.PathLike, statement: str, *,
                       columns: dict[str, str] | None = None, dry_run: bool = False) -> ImportResult:
    """Add the signers in `csv_path` to the signatories of `statement` in `campaign_file`, keeping its
    comments and layout; `columns` maps a field (name, first_name, last_name, organisation) to a CSV
    header. The file is rewritten only when something was added and `dry_run` is false."""
    from .loader import loads

    path = Path(campaign_file)
    original = _read_campaign(path)
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    campaign = loads(original, name=str(path), fmt=fmt, base_dir=path.parent)
    chosen = campaign.statement(statement)
    if chosen is None:
        known = ", ".join(s.id for s in campaign.statements) or "none defined"
        raise CampaignDataError(f"no statement with id {statement!r} (statements: {known})", path="--statement",
                                source=str(path))
    signers, unnamed = read_signers(csv_path, columns)
    seen = {_key(value) for name in chosen.signatories for value in (name.original, *dict(name.translations).values())}
    added: list[str] = []
    already: list[str] = []
    for signer in signers:
        key = _key(signer.text)
        (already if key in seen else added).append(signer.text)
        seen.add(key)
    if not added:
        return ImportResult((), tuple(already), tuple(unnamed), original)
    text = original.decode("utf-8-sig")
    merged = _merge_json(text, statement, added) if fmt == "json" else _merge_toml(text, statement, added, path)
    data = merged.encode("utf-8")
    with warnings.catch_warnings():  # the file's own warnings were given when it was first loaded
        warnings.simplefilter("ignore", CampaignWarning)
        check = loads(data, name=str(path), fmt=fmt, base_dir=path.parent).statement(statement)
    assert check is not None and len(check.signatories) == len(chosen.signatories) + len(added)
    if not dry_run:
        from .write import write

        write(data, path, force=True)  # the user's own file, named on purpose: no ownership check
    return ImportResult(tuple(added), tuple(already), tuple(unnamed), data)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _read_campaign(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise CampaignFileError(f"{path}: no such file; give the campaign file to add the signatories to")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CampaignFileError(f"{path}: campaign files are limited to {MAX_FILE_BYTES:,} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise CampaignFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None


# -- the CSV --------------------------------------------------------------------------------------

def _header_key(header: str) -> str:
    return "_".join(header.strip().lower().replace("-", " ").split())


def read_signers(csv_path: str | os.PathLike, columns: dict[str, str] | None = None) -> tuple[list[Signer], list[int]]:
    """The signers of a CSV file and the rows that have no name; a bad cell is an error naming its row."""
    name = str(csv_path)
    text = read_csv_text(csv_path, MAX_CSV_BYTES, "signer lists")
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise CampaignFileError(f"{name}: the file is empty; expected a header row (name, or first_name and "
                                "last_name, ...)") from None
    except csv.Error as exc:
        raise CampaignFileError(f"{name}:1: {exc}") from None
    where = _columns(name, header, columns or {})
    signers: list[Signer] = []
    unnamed: list[int] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(signers) + len(unnamed) >= MAX_ROWS:
                raise CampaignFileError(f"{name}: more than {MAX_ROWS:,} rows")
            if len(values) > len(header):
                raise CampaignDataError(f"{len(values)} values for {len(header)} columns", source=name, line=line)
            text_of = _signer(name, line, header, values, where)
            if text_of:
                signers.append(Signer(line, text_of))
            else:
                unnamed.append(line)
    except csv.Error as exc:
        raise CampaignFileError(f"{name}:{reader.line_num}: {exc}") from None
    if unnamed:
        listed = ", ".join(map(str, unnamed[:10])) + (" ..." if len(unnamed) > 10 else "")
        warnings.warn(CampaignWarning(f"{name}: {len(unnamed)} row{'s' if len(unnamed) > 1 else ''} without a name "
                                      f"skipped (line {listed})"), stacklevel=2)
    return signers, unnamed


def _columns(name: str, header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Which column index holds each field, from the mapping or the recognised headers."""
    keys = [_header_key(h) for h in header]
    found: dict[str, int] = {}
    for field, wanted in mapping.items():
        if field not in FIELDS:
            raise CampaignDataError(f"unknown field {field!r}; expected one of {', '.join(FIELDS)}", path="--column")
        matches = [i for i, h in enumerate(header) if h.strip().casefold() == wanted.strip().casefold()]
        if not matches:
            raise CampaignFileError(f"{name}:1: no column {wanted!r} for {field} (columns: {', '.join(header)})")
        found[field] = matches[0]
    for field, aliases in ALIASES.items():
        if field not in found:
            index = next((keys.index(a) for a in aliases if a in keys), None)
            if index is not None:
                found[field] = index
    if not found:
        raise CampaignFileError(
            f"{name}:1: no column of names; expected name, or first_name and last_name, or organisation "
            f"(columns: {', '.join(header)}); choose one with --column name=HEADER")
    return found


def _signer(name: str, line: int, header: list[str], values: list[str], where: dict[str, int]) -> str:
    cells: dict[str, str] = {}
    for field, index in where.items():
        cell = clean_cell(name, line, header[index].strip(), values[index] if index < len(values) else "")
        cells[field] = " ".join(cell.split())
    person = cells.get("name") or " ".join(p for p in (cells.get("first_name"), cells.get("last_name")) if p)
    organisation = cells.get("organisation", "")
    if person and organisation:
        return f"{person} ({organisation})"
    return person or organisation


# -- merging into the campaign file ---------------------------------------------------------------

def _merge_toml(text: str, statement: str, names: list[str], path: Path) -> str:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise CampaignFileError(f"{path}: cannot be edited ({exc})") from None
    if tomlkit.dumps(document) != text:
        raise CampaignFileError(f"{path}: cannot be edited without changing its layout; add the names by hand")
    table = next(t for t in document["statements"] if t.get("id") == statement)
    if "signatories" in table:
        listing = table["signatories"]
        one_line = "\n" not in listing.as_string()
        listing.extend(names)
        if one_line and len(listing.as_string()) > LONG_LINE:
            listing.multiline(True)
    else:
        listing = tomlkit.array()
        listing.extend(names)
        if len(listing.as_string()) > LONG_LINE:
            listing.multiline(True)
        table["signatories"] = listing
    merged = tomlkit.dumps(document)
    return re.sub(r"(?<!\r)\n", "\r\n", merged) if "\r\n" in text else merged  # keep Windows line ends


def _merge_json(text: str, statement: str, names: list[str]) -> str:
    data: dict[str, Any] = json.loads(text)
    entry = next(s for s in data["statements"] if s.get("id") == statement)
    entry["signatories"] = [*entry.get("signatories", []), *names]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
