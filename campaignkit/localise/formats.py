"""Dates, times and numbers in, the way one language writes them out ("Saturday 8 January 2022",
"суббота, 8 января 2022 г.", "40 000"), from the patterns and names in that language's catalogue.
"""

from __future__ import annotations

import datetime as dt
import re

from .catalogue import Catalogue
from .rules import NBSP


class Formats:
    """Formats values with the wording of one catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.group = catalogue.text("number_group")
        self.decimal = catalogue.text("number_decimal")

    def number(self, value: int) -> str:
        """A whole number with the language's group separator (none below 10,000 where it uses spaces)."""
        digits = f"{abs(value):,}"
        if self.group.isspace() and abs(value) < 10_000:
            digits = str(abs(value))  # Russian and Kazakh write 2500, but 40 000
        return ("-" if value < 0 else "") + digits.replace(",", self.group)

    def date(self, day: dt.date, *, year: bool = True, weekday: bool = False) -> str:
        month = self.catalogue.text(f"month.{day.month}")
        text = self.catalogue.text("date" if year else "date_no_year", day=day.day, month=month, year=day.year)
        text = _tied_day_and_month(text, day.day, month)
        if weekday:
            text = self.catalogue.text("date_with_weekday", weekday=self.catalogue.text(f"weekday.{day.isoweekday()}"),
                                       date=text)
        return text

    def date_span(self, start: dt.date, end: dt.date | None) -> str:
        if end is None or end == start:
            return self.date(start)
        return self.catalogue.text("date_range", start=self.date(start), end=self.date(end))

    def time_span(self, start: str, end: str = "") -> str:
        if not start:
            return ""
        return self.catalogue.text("time_range", start=start, end=end) if end else start


def _tied_day_and_month(text: str, day: int, month: str) -> str:
    """The date with no-break spaces between its day and its month ("10.\u00a0März", "8\u00a0January",
    "20\u00a0de\u00a0noviembre", "January\u00a08"): a day left at a line end reads as the end of a sentence."""
    def tied(m: re.Match) -> str:
        return NBSP.join(part for part in m.groups() if part) + NBSP

    text = re.sub(rf"(?<!\d)({day}\.?) (?:(\w{{1,3}}) )?(?=\S*{re.escape(month)})", tied, text, count=1)
    return re.sub(rf"(?<={re.escape(month)}) (?={day}(?!\d))", NBSP, text, count=1)
