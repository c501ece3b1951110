"""Option values as given to the API or the command line in, checked enums out.

Paper sizes are defined once here; each material says which of them it accepts, the command
line builds its choices from the same tuples, and a bad value from the API is a CampaignkitError
naming the option, never a TypeError deep in the layout.
"""

from __future__ import annotations

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
