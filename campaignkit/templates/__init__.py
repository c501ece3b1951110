"""The day it is written in, the commented campaign template that `campaignkit init` writes out.

Its dates are set relative to that day (the picket two weeks ahead), so a new user's first leaflet
invites people to an event still to come.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "campaign.toml"


def template(today: dt.date | None = None) -> bytes:
    """The template's bytes with its dates filled in."""
    day = today or dt.date.today()
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, offset in (("picket_date", 14), ("statement_date", -10), ("timeline_date", -20)):
        text = text.replace("{" + name + "}", (day + dt.timedelta(days=offset)).isoformat())
    return text.encode("utf-8")
