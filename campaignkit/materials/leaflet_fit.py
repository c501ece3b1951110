"""Paper and amount of text in, the type sizes a leaflet tries (largest first) and the page count it
aims for out; which sheet a two-up leaflet is printed on; and the weighted gaps that spread the room a
short leaflet leaves, so its page is filled rather than half empty.
"""

from __future__ import annotations

from reportlab.platypus import Spacer

from ..layout.spread import Stretch, fill, shares
from ..layout.theme import TypeScale
from ..options import Paper

_SMALL_CELLS = (Paper.A5, Paper.HALF_LETTER)
# Body sizes tried, largest first (the largest for short leaflets, which would otherwise leave half the
# page empty); the display (headline) size follows the body up to `DISPLAY_MAX`.
BODY_SIZES = {"small": (15.0, 14.5, 14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0),
              "large": (17.0, 16.5, 16.0, 15.5, 15.0, 14.5, 14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0,
                        9.5, 9.0)}
DISPLAY_RATIO = {"small": 2.45, "large": 2.95}  # at the smallest body size
DISPLAY_MAX = {"small": 42.0, "large": 52.0}
BACK_BODIES = (22.0, 21.0, 20.0, 19.0, 18.0, 17.0, 16.0, 15.0, 14.5, 14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5,
               10.0)  # the back of a two-sided leaflet (the event and the codes) is set in its own, larger type
MIN_ONE_SIDED_BODY = 9.5  # a short A5 leaflet goes on one side if its body text stays at least this large
FILLED = 0.04  # leftover room, as a share of the page, above which the gaps are spread
MAX_GROWTH = 0.05  # the most one gap grows, as a share of the page


def two_up_sheet(paper: Paper) -> tuple[Paper, Paper]:
    """(sheet, leaflet) for two-up printing: two A5 on A4, two half-letter on Letter."""
    return (Paper.LETTER, Paper.HALF_LETTER) if paper == Paper.LETTER else (Paper.A4, Paper.A5)


def size_class(paper: Paper) -> str:
    return "small" if paper in _SMALL_CELLS else "large"


def scales(paper: Paper) -> list[TypeScale]:
    """The type scales a leaflet on `paper` tries, largest first; the headline grows faster than the body,
    so a short campaign gets a big headline and a long one keeps room for its text."""
    kind = size_class(paper)
    smallest = BODY_SIZES[kind][-1]
    return [TypeScale(body, min(round(body * (DISPLAY_RATIO[kind] + 0.2 * (body - smallest)), 1), DISPLAY_MAX[kind]))
            for body in BODY_SIZES[kind]]


def back_scales(front: TypeScale) -> list[TypeScale]:
    """The type sizes the back of a two-sided leaflet tries, largest first, none smaller than the front's."""
    return [TypeScale(body, body * 3) for body in BACK_BODIES if body > front.body]


def page_targets(paper: Paper) -> list[int]:
    """The page counts to aim for, best first: one side; front and back when the text does not fit one
    side (on A5 while its type stays comfortably large, on A4 and Letter at all)."""
    return [1, 2]


class Gap(Spacer):
    """Vertical space between the parts of a leaflet that may grow to fill a page: its `weight` says
    how much of the page's leftover room it takes, and it remembers the page it was drawn on. A `mark`
    (no height, no weight) only notes where a part of the leaflet ends."""

    def __init__(self, height: float, weight: float = 1.0, mark: str = ""):
        super().__init__(1, height)
        self.base, self.weight, self.page, self.mark = height, weight, 0, mark

    def draw(self):
        self.page = self.canv.getPageNumber()


def spread(gaps: list[Gap], leftover: dict[int, float], page_height: float, rows: tuple[Stretch, ...] = ()) -> bool:
    """Grow the gaps on every page with more than `FILLED` of its height left over, so the page is
    filled, each by its weight's share but none by more than `MAX_GROWTH` of the page (one wide gap
    reads as a blank band); what they cannot take is shared between the `rows` on the page (the
    demands), with the same cap, and what no one can take stays at the foot. True when anything grew
    (and the leaflet must be laid out again)."""
    grew = False
    cap = MAX_GROWTH * page_height
    for page, room in leftover.items():
        on_page = [g for g in gaps if g.page == page and g.weight]
        if room <= FILLED * page_height or not on_page:
            continue
        usable = room - 2.0  # a little under the room, so rounding never pushes a line onto the next page
        taken = shares(usable, [g.weight for g in on_page], cap)
        for gap, growth in zip(on_page, taken):
            gap.height = gap.base + growth
        rest = usable - sum(taken)
        if rest > 1.0:
            fill(list(rows), {page: rest}, {page}, least=0.0, cap=cap)
        grew = True
    return grew
