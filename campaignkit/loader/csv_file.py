"""A CSV file's path in, its text out (size-capped, UTF-8 with or without a BOM); and one cell cleaned
like any campaign text, with an error or warning naming the file, line and column."""

from __future__ import annotations

import os
import warnings

from ..errors import CampaignDataError, CampaignFileError, CampaignWarning
from .clean import TextProblem, clean


def read_csv_text(path: str | os.PathLike, limit: int, kind: str) -> str:
    """The text of the CSV at `path`, read up to `limit` bytes (so a pipe such as `<(...)` is read too);
    `kind` names the lists in the error, as in "event lists are limited to ..."."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise CampaignFileError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise CampaignFileError(f"{name}: more than {limit:,} bytes; {kind} are limited to {limit:,}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CampaignFileError(f"{name}: not UTF-8 at byte {exc.start} (save the CSV as UTF-8)") from None


def clean_cell(source: str, line: int, column: str, value: str) -> str:
    """`value` cleaned as campaign text on one line; a character that cannot be printed is an error and
    an invisible one removed is a warning, each naming `source`, `line` and `column`."""
    try:
        text, removed = clean(value, multiline=False)
    except TextProblem as exc:
        raise CampaignDataError(str(exc), path=f"column {column}", source=source, line=line) from None
    if removed:
        warnings.warn(CampaignWarning(f"{source}:{line}: column {column}: removed invisible characters "
                                      f"{', '.join(removed)}"), stacklevel=5)
    return text
