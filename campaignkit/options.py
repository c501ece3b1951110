"""Option values as given to the API or the command line in, checked enums out.

Paper sizes are defined once here; each material says which of them it accepts, the command
line builds its choices from the same tuples, and a bad value from the API is a CampaignkitError
naming the option, never a TypeError deep in the layout. Lengths (bleed, glue overlap) are read
here too, in millimetres, centimetres, inches or points.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum

from .errors import CampaignkitError


class Paper(StrEnum):
    """A paper size, named as printers and the command line name it."""

    A0 = "A0"
    A1 = "A1"
    A2 = "A2"
    A3 = "A3"
    A4 = "A4"
    A5 = "A5"
    LETTER = "letter"
    TABLOID = "tabloid"
    HALF_LETTER = "half-letter"  # a leaflet cell of two-up on Letter; not offered as a paper choice


LEAFLET_PAPERS = (Paper.A4, Paper.A5, Paper.LETTER)
SHEET_PAPERS = (Paper.A4, Paper.LETTER)  # fact sheets, sign-up sheets, signatory annexes, tiles
PLACARD_SIZES = (Paper.A4, Paper.A3, Paper.A2, Paper.A1, Paper.A0, Paper.LETTER, Paper.TABLOID)


def paper(value: Paper | str, allowed: tuple[Paper, ...], option: str = "paper") -> Paper:
    """`value` as a Paper, if it is one of `allowed` (names match without regard to case)."""
    for candidate in allowed:
        if isinstance(value, str) and value.lower() == candidate.value.lower():
            return candidate
    names = ", ".join(p.value for p in allowed)
    raise CampaignkitError(f"{option}: expected one of {names}, got {value!r}")


def home_sheet(chosen: Paper) -> Paper:
    """The home-printer sheet that goes with a paper choice: Letter for Letter, else A4."""
    return Paper.LETTER if chosen in (Paper.LETTER, Paper.TABLOID) else Paper.A4


def number(value: object, option: str, low: float, high: float) -> float:
    """A number from the API, checked against its range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise CampaignkitError(f"{option}: expected a number from {low:g} to {high:g}, got {value!r}")
    return float(value)


MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*([a-z]*)\s*")


def length_mm(value: object, option: str) -> float:
    """A length such as `3mm`, `0.125in`, `0.3cm`, `9pt` or a bare number (millimetres), in millimetres."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number, unit = float(value), "mm"
    else:
        found = _LENGTH.fullmatch(str(value).lower())
        if not found or found.group(2) not in ("", *MM_PER_UNIT):
            raise CampaignkitError(f"{option}: expected a length such as 3mm or 0.125in "
                                   f"(units: {', '.join(MM_PER_UNIT)}), got {value!r}")
        number, unit = float(found.group(1)), found.group(2) or "mm"
    if not math.isfinite(number) or number < 0:
        raise CampaignkitError(f"{option}: expected a length of 0 or more, got {value!r}")
    return round(number * MM_PER_UNIT[unit], 6)
