"""Words, a font and a box in, the largest type size with line breaks that read well out.

Every way of breaking a slogan into lines (between words only; words joined by a no-break space stay
together) allows one size, limited by the box's width or height. A break that ends a line on a short
function word ("of", "the", "и", "в") reads badly ("Troops / out / of the / cities!"), and one inside a
phrase reads worse than one after punctuation ("Free trade unions, / the right to strike!"), so each
break is weighed: a line ending on a function word counts as 10% smaller, one ending mid-phrase as 3%
smaller. The best-weighed breaking wins, and its real size is used. Long texts (more than
`EXHAUSTIVE_WORDS` words) use balanced breaking alone. A word too wide for the box at the minimum size
is an error naming it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import combinations

from ..errors import FitError
from .scripts import Faces, default_faces, line_extents
from .text import is_plain, text_width, weight_of

LEADING = 1.06
ABOVE = 0.95  # top of accented capitals (Й, Ё, Ә) above the baseline, in em
BELOW = 0.27  # depth of descenders below the baseline, in em
MAX_WORDS = 60
EXHAUSTIVE_WORDS = 14  # up to this many words every breaking is weighed (2^13 of them at most)
FUNCTION_WORD_END = 0.90  # a line ending on a function word reads as if 10% smaller
MID_PHRASE_END = 0.97  # a line ending inside a phrase (no punctuation) reads as if 3% smaller
PHRASE_END = ",;:.!?)»”—–"
# Short words that belong to what follows them, in the languages campaigns are written in.
FUNCTION_WORDS = frozenset("""
a an the of to in on at for and or but with by from as our your their its into than nor
и в во на за с со к ко о об обо от до по из у не а но для при без под над про через
і й та з зі до на за у в від по про для не а але
we w z ze i o a na do od po za dla bez przy nie ale lub
v ve s se z ze k ke o u a i na do od po za pro bez při ne ale
der das den dem des und oder für von mit zu im am an auf aus bei
el la los las un una de del y o en a al por para con sin que
le les un une de des du et ou en au aux à pour par avec sans sur
o a os as um uma de do da dos das e ou em no na por para com sem
мен мен да де пен бен және не
""".split())


@dataclass(frozen=True)
class Metrics:
    """A text's vertical room in em: ink above the first baseline, below the last, and line spacing."""

    above: float = ABOVE
    below: float = BELOW
    leading: float = LEADING

    def height(self, lines: int) -> float:
        return self.above + self.leading * (lines - 1) + self.below


LATIN = Metrics()


def metrics_for(text: str, font: str, faces: Faces | None = None) -> Metrics:
    """Latin and Cyrillic keep the fixed metrics; other scripts take their ink (Arabic dots, Thai tone
    marks, Devanagari vowel signs) into account, with lines spaced so their extremes never meet: unlike
    a rare accented capital over a descender, such marks stand on most lines."""
    if is_plain(text, font, faces or default_faces()):
        return LATIN
    top, bottom = line_extents(text, weight_of(font), faces)
    above, below = max(ABOVE, top), max(BELOW, bottom)
    return Metrics(above, below, max(LEADING, above + below))


@dataclass(frozen=True)
class Fitted:
    """A text fitted to a box: its lines, type size and face, and how well the breaks read."""

    lines: tuple[str, ...]
    size: float
    reads: float = 1.0  # how well the breaks read (1: every line ends at punctuation)
    face: str = ""  # the face it was fitted in
    metrics: Metrics = LATIN

    @property
    def score(self) -> float:
        """The size, discounted for breaks that read badly: what layouts compare."""
        return self.size * self.reads

    def block_height(self) -> float:
        return self.size * self.metrics.height(len(self.lines))


def _unit_width(text: str, font: str, faces: Faces | None = None) -> float:
    return text_width(text, font, 1.0, faces)


def line_end_weight(line_words: tuple[str, ...]) -> float:
    """How well a line reads where it ends: 1 after punctuation, less mid-phrase, least on a function word."""
    last = line_words[-1]
    if last.rstrip(PHRASE_END) != last:
        return 1.0
    if all(part.lower() in FUNCTION_WORDS for word in line_words for part in word.split("\u00a0")):
        return FUNCTION_WORD_END * FUNCTION_WORD_END  # a line of nothing but "of the"
    if last.split("\u00a0")[-1].lower() in FUNCTION_WORDS:
        return FUNCTION_WORD_END
    return MID_PHRASE_END


class _Breaker:
    """Balanced line breaking: for k lines, the split whose widest line is narrowest (unit size).

    reportlab sets text without kerning, so a line's width is the sum of its words and spaces.
    Rows of the dynamic programme are kept, so asking for k + 1 lines costs one more row.
    """

    def __init__(self, words: tuple[str, ...], font: str, faces: Faces | None = None):
        self.words = words
        self.space = _unit_width(" ", font, faces)
        self.prefix = [0.0]
        for word in words:
            self.prefix.append(self.prefix[-1] + _unit_width(word, font, faces))
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


def _size_for(unit_width: float, lines: int, width: float, height: float, maximum: float,
              metrics: Metrics) -> float:
    return min(width / unit_width, height / metrics.height(lines), maximum)


def _weighed(breaker: _Breaker, width: float, height: float, maximum: float, metrics: Metrics) -> Fitted:
    """Every breaking, weighed by how its lines end; the best one at its real size."""
    words, n = breaker.words, len(breaker.words)
    best, best_score = Fitted((), 0.0), 0.0
    for k in range(1, n + 1):
        if height / metrics.height(k) <= best_score:
            break  # more lines can only be smaller
        for cuts in combinations(range(1, n), k - 1):
            bounds = (0, *cuts, n)
            widest = max(breaker.width(bounds[i], bounds[i + 1]) for i in range(k))
            size = _size_for(widest, k, width, height, maximum, metrics)
            weight = 1.0
            for i in range(k - 1):
                weight *= line_end_weight(words[bounds[i]:bounds[i + 1]])
            if size * weight > best_score + 1e-6:
                lines = tuple(" ".join(words[bounds[i]:bounds[i + 1]]) for i in range(k))
                best, best_score = Fitted(lines, size, weight), size * weight
    return best


def _balanced(breaker: _Breaker, width: float, height: float, maximum: float, metrics: Metrics) -> Fitted:
    best = Fitted((), 0.0)
    for k in range(1, len(breaker.words) + 1):
        if height / metrics.height(k) <= best.size:
            break  # more lines can only be smaller
        unit, lines = breaker.lines(k)
        size = _size_for(unit, k, width, height, maximum, metrics)
        if size > best.size + 1e-6:
            best = Fitted(lines, size)
    return best


def fit_best(text: str, fonts: tuple[str, ...], width: float, height: float, *, minimum: float, maximum: float,
             field: str, switch: float = 1.04, faces: Faces | None = None) -> Fitted:
    """`fit_text` in the first face, or in a later (narrower) one when that reads at least `switch` times
    larger; FitError only when no face fits."""
    best: Fitted | None = None
    problem: FitError | None = None
    for font in fonts:
        try:
            fitted = fit_text(text, font, width, height, minimum=minimum, maximum=maximum, field=field, faces=faces)
        except FitError as exc:
            problem = problem or exc
            continue
        if best is None or fitted.score > best.score * switch:
            best = fitted
    if best is None:
        assert problem is not None
        raise problem
    return best


def fit_text(text: str, font: str, width: float, height: float, *, minimum: float, maximum: float,
             field: str, faces: Faces | None = None) -> Fitted:
    """The best breaking of `text` in width x height, at its largest size (<= maximum); FitError when the
    size falls below `minimum`."""
    words = tuple(re.split(r"[ \t\r\n]+", text.strip()))  # not at no-break spaces: those words stay together
    words = tuple(w for w in words if w)
    if not words:
        raise FitError(f"{field}: is empty")
    if len(words) > MAX_WORDS:
        raise FitError(
            f"{field}: {len(words)} words; a placard holds at most {MAX_WORDS} words at {minimum:g} pt or more"
        )
    widths = {w: _unit_width(w, font, faces) for w in words}
    widest = max(words, key=widths.__getitem__)
    if widths[widest] * minimum > width:
        raise FitError(
            f"{field}: the word {widest!r} is {widths[widest] * minimum / 2.835:.0f} mm wide at the "
            f"minimum {minimum:g} pt, wider than the {width / 2.835:.0f} mm available"
        )
    breaker = _Breaker(words, font, faces)
    exhaustive = len(words) <= EXHAUSTIVE_WORDS
    metrics = metrics_for(text, font, faces)
    best = replace((_weighed if exhaustive else _balanced)(breaker, width, height, maximum, metrics), face=font,
                   metrics=metrics)
    if best.size < minimum:
        raise FitError(
            f"{field}: {len(words)} words fit only at {best.size:.0f} pt; placards need at least {minimum:g} pt "
            f"(shorten the slogan or use a larger size)"
        )
    return best


ORPHAN_COST = 1.0  # a last line of one word, when another breaking has none
RAGGED_COST = 0.25  # per line, times the square of how much shorter than the widest it is
MAX_BREAKINGS = 20000  # breakings weighed one by one; beyond, the balanced one


def words_of(text: str) -> tuple[str, ...]:
    """The words of `text`, those joined by a no-break space kept as one."""
    return tuple(w for w in re.split(r"[ \t\r\n]+", text.strip()) if w)


def headline_lines(text: str, font: str, size: float, width: float,
                   faces: Faces | None = None) -> tuple[str, ...] | None:
    """`text` at `size` in the fewest lines no wider than `width`, broken where it reads best: at
    punctuation rather than inside a phrase, never after a function word if it can be helped, in lines
    of like length, and with two words or more on the last line when any breaking allows it. None
    when a word (or words tied by no-break spaces) is wider than `width`.

    The fewest lines matter: no two neighbouring lines of such a breaking fit on one line, so a
    paragraph that keeps each line's words together (no-break spaces) breaks exactly there."""
    words = words_of(text)
    if not words:
        return ()
    breaker = _Breaker(words, font, faces)
    unit = width / size
    if max(breaker.width(i, i + 1) for i in range(len(words))) > unit:
        return None
    k, line_width = 1, 0.0  # the fewest lines: greedy breaking
    for i in range(len(words)):
        added = breaker.width(i, i + 1) + (breaker.space if line_width else 0.0)
        if line_width and line_width + added > unit:
            k, line_width = k + 1, breaker.width(i, i + 1)
        else:
            line_width += added
    return _best_breaking(breaker, k, unit)


def _best_breaking(breaker: _Breaker, k: int, unit: float) -> tuple[str, ...]:
    words, n = breaker.words, len(breaker.words)
    if k == 1:
        return (" ".join(words),)
    if math.comb(n - 1, k - 1) > MAX_BREAKINGS:
        return breaker.lines(k)[1]
    best: tuple[str, ...] = ()
    best_cost = float("inf")
    for cuts in combinations(range(1, n), k - 1):
        bounds = (0, *cuts, n)
        widths = [breaker.width(bounds[i], bounds[i + 1]) for i in range(k)]
        widest = max(widths)
        if widest > unit:
            continue
        cost = ORPHAN_COST if n - bounds[-2] == 1 and n > 2 else 0.0
        for i in range(k - 1):
            cost -= math.log(line_end_weight(words[bounds[i]:bounds[i + 1]]))
            cost += RAGGED_COST * (1 - widths[i] / widest) ** 2
        if cost < best_cost - 1e-9:
            best = tuple(" ".join(words[bounds[i]:bounds[i + 1]]) for i in range(k))
            best_cost = cost
    return best
