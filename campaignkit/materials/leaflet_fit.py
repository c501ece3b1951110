"""Paper and amount of text in, the type scales a leaflet tries (roomiest first) and the page count
it aims for out; and which sheet a two-up leaflet is printed on.
"""

from __future__ import annotations

from ..layout.theme import TypeScale
from ..localise.copy import Copy
from ..options import Paper

SHORT_TEXT = {Paper.A5: 700, Paper.HALF_LETTER: 700}  # characters below which a larger type scale is tried
SHORT_TEXT_DEFAULT = 1000
_SMALL_CELLS = (Paper.A5, Paper.HALF_LETTER)


def two_up_sheet(paper: Paper) -> tuple[Paper, Paper]:
    """(sheet, leaflet) for two-up printing: two A5 on A4, two half-letter on Letter."""
    return (Paper.LETTER, Paper.HALF_LETTER) if paper == Paper.LETTER else (Paper.A4, Paper.A5)


def characters(copy: Copy, statements) -> int:
    """How much running text the leaflet carries: title, summary, demands, calls and signatories."""
    texts = [copy.title, copy.summary] + [t for st in statements for t in (*st.demands, *st.calls, *st.signatories)]
    return sum(len(t.text) for t in texts if t)


def scales_for(paper: Paper, amount: int) -> tuple[list[tuple[TypeScale, float]], int, bool]:
    """(type scale, margin factor) pairs to try, roomiest first; the ideal page count; whether the
    text is short. A short campaign first tries a larger scale, so a few demands fill the page
    instead of floating in it; a long one does not pay for that attempt."""
    if paper in _SMALL_CELLS:
        large = (TypeScale(10.5, 30), 12 / 11)
        scales = [(TypeScale(9.5, 25), 12 / 11), (TypeScale(9, 22), 1.0)]
        ideal = 2
    else:
        large = (TypeScale(12, 44), 15 / 14)
        scales = [(TypeScale(10, 34), 1.0), (TypeScale(9.5, 28), 13 / 14)]
        ideal = 1
    short = amount < SHORT_TEXT.get(paper, SHORT_TEXT_DEFAULT)
    return ([large, *scales] if short else scales), ideal, short
