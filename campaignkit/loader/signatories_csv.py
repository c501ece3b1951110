"""A CSV of signatories beside a campaign file in, `Signatory` entries out, each cell checked by the
text rules every campaign text goes through.

Columns: `name` (required), `organisation` and `country` (optional), named in a header row in any
order and case. Blank rows are skipped. A bad cell is an error naming the file, the line and the
column; invisible characters are removed with a warning naming them the same way.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from ..errors import CampaignDataError, CampaignFileError
from ..model import Signatory
from .csv_file import clean_cell, read_csv_text
from .reader import close_matches

COLUMNS = ("name", "organisation", "country")
ALIASES = {"organization": "organisation"}
MAX_BYTES = 32 * 1024 * 1024
MAX_ROWS = 500_000


def read_signatories(path: Path, language: str) -> tuple[Signatory, ...]:
    """Every signatory in the CSV at `path`, in file order; names are originals in `language`."""
    name = str(path)
    text = read_csv_text(path, MAX_BYTES, "signatory lists")
    # Cells are cleaned one by one only when the file holds something to remove or refuse: normalising the
    # whole text is the same as normalising each cell (no delimiter composes with what follows it).
    text = unicodedata.normalize("NFC", text)
    plain = text.replace("\n", "").replace("\r", "").replace("\t", "").isprintable()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in next(reader)]
    except StopIteration:
        raise CampaignFileError(f"{name}: the file is empty; expected a header row (name, organisation, "
                                "country)") from None
    except csv.Error as exc:
        raise CampaignFileError(f"{name}:1: {exc}") from None
    _check_header(name, header)
    at = {column: header.index(column) for column in COLUMNS if column in header}
    found: list[Signatory] = []
    try:
        while True:
            line = reader.line_num + 1  # where the row starts (a quoted cell may run over several lines)
            values = next(reader, None)
            if values is None:
                break
            if not any(v.strip() for v in values):
                continue
            if len(found) >= MAX_ROWS:
                raise CampaignFileError(f"{name}: more than {MAX_ROWS:,} signatories")
            if len(values) > len(header):
                raise CampaignDataError(f"{len(values)} values for {len(header)} columns", source=name, line=line)
            cells = {column: _cell(name, line, column, values[i] if i < len(values) else "", plain)
                     for column, i in at.items()}
            if not cells["name"]:
                raise CampaignDataError("is empty", path="column name", source=name, line=line)
            found.append(Signatory(cells["name"], language, organisation=cells.get("organisation", ""),
                                   country=cells.get("country", ""), where=f"{name}:{line}"))
    except csv.Error as exc:
        raise CampaignFileError(f"{name}:{reader.line_num}: {exc}") from None
    return tuple(found)


def _check_header(name: str, header: list[str]) -> None:
    for column in header:
        if column not in COLUMNS:
            close = close_matches(column, COLUMNS)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (columns: {', '.join(COLUMNS)})"
            raise CampaignFileError(f"{name}:1: unknown column {column!r}{hint}")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise CampaignFileError(f"{name}:1: the column {repeated[0]!r} appears more than once")
    if "name" not in header:
        raise CampaignFileError(f"{name}:1: missing column name (columns: {', '.join(COLUMNS)})")


def _cell(name: str, line: int, column: str, value: str, plain: bool) -> str:
    if plain and "\n" not in value and "\r" not in value:
        return value.replace("\t", " ").strip()  # what `clean` returns for printable text
    return clean_cell(name, line, column, value)
