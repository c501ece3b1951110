"""Words, a font and a box in, the largest type size with balanced line breaks out.

For every possible number of lines the words are split so the longest line is as short as it can
be; each split allows one size (limited by the box's width or height), and the largest wins. Lines
break only between words; a word too wide for the box at the minimum size is an error naming it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import FitError
from . import fonts

LEADING = 1.06
ABOVE = 0.95  # top of accented capitals (Й, Ё, Ә) above the baseline, in em
BELOW = 0.27  # depth of descenders below the baseline, in em
MAX_WORDS = 60


@dataclass(frozen=True)
class Fitted:
    lines: tuple[str, ...]
    size: float

    def block_height(self) -> float:
        return self.size * (ABOVE + LEADING * (len(self.lines) - 1) + BELOW)


def _unit_width(text: str, font: str) -> float:
    return fonts.string_width(text, font, 1.0)


class _Breaker:
    """Balanced line breaking: for k lines, the split whose widest line is narrowest (unit size).

    reportlab sets text without kerning, so a line's width is the sum of its words and spaces.
    Rows of the dynamic programme are kept, so asking for k + 1 lines costs one more row.
    """

    def __init__(self, words: tuple[str, ...], font: str):
        self.words = words
        space = _unit_width(" ", font)
        self.prefix = [0.0]
        for word in words:
            self.prefix.append(self.prefix[-1] + _unit_width(word, font))
        self.space = space
        n = len(words)
        self.rows = [[0.0] + [float("inf")] * n]
        self.cuts: list[list[int]] = [[0] * (n + 1)]

    def width(self, i: int, j: int) -> float:
        return self.prefix[j] - self.prefix[i] + (j - i - 1) * self.space

    def lines(self, k: int) -> tuple[float, tuple[str, ...]]:
        n = len(self.words)
        while len(self.rows) <= k:
            prev, row, cut = self.rows[-1], [float("inf")] * (n + 1), [0] * (n + 1)
            for j in range(1, n + 1):
                for i in range(j):
                    if prev[i] == float("inf"):
                        continue
                    candidate = max(prev[i], self.width(i, j))
                    if candidate < row[j]:
                        row[j], cut[j] = candidate, i
            self.rows.append(row)
            self.cuts.append(cut)
        out, j = [], n
        for level in range(k, 0, -1):
            i = self.cuts[level][j]
            out.append(" ".join(self.words[i:j]))
            j = i
        return self.rows[k][n], tuple(reversed(out))


def fit_text(text: str, font: str, width: float, height: float, *, minimum: float, maximum: float,
             field: str) -> Fitted:
    """The largest size (<= maximum) at which `text` fits width x height; FitError below `minimum`."""
    words = tuple(text.split())
    if not words:
        raise FitError(f"{field}: is empty")
    if len(words) > MAX_WORDS:
        raise FitError(
            f"{field}: {len(words)} words; a placard holds at most {MAX_WORDS} words at {minimum:g} pt or more"
        )
    widest = max(words, key=lambda w: _unit_width(w, font))
    if _unit_width(widest, font) * minimum > width:
        raise FitError(
            f"{field}: the word {widest!r} is {_unit_width(widest, font) * minimum / 2.835:.0f} mm wide at the "
            f"minimum {minimum:g} pt, wider than the {width / 2.835:.0f} mm available"
        )
    breaker = _Breaker(words, font)
    best = Fitted((), 0.0)
    for k in range(1, len(words) + 1):
        height_limit = height / (ABOVE + LEADING * (k - 1) + BELOW)
        if height_limit <= best.size:
            break  # more lines can only be smaller
        unit, lines = breaker.lines(k)
        size = min(width / unit, height_limit, maximum)
        if size > best.size + 1e-6:
            best = Fitted(lines, size)
    if best.size < minimum:
        raise FitError(
            f"{field}: {len(words)} words fit only at {best.size:.0f} pt; placards need at least {minimum:g} pt "
            f"(shorten the slogan or use a larger size)"
        )
    return best
