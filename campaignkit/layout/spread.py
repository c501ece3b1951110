"""Room left at the foot of pages in, extra space shared out between the blocks on those pages out:
`Stretch` wraps a block that may take some of its page's leftover room (half above it, half below,
with an optional rule at its foot), and `fill` shares that room out by weight.

A page that ends early because the next block (a heading with its first row, a row of codes) did not
fit is filled by spreading its blocks apart, not by a blank band at its foot. The material lays out
again with the grown blocks; each page's content stays where it was, since no page grows by more than
the room it had.
"""

from __future__ import annotations

from reportlab.platypus import Flowable


class Stretch(Flowable):
    """A block with `extra` points of space around it (half above, half below), which remembers the
    page it was drawn on. `rule` (width in points, colour) draws a line across the block's width at its
    foot: between two blocks with the same space, a separator that stays centred however far they move
    apart."""

    def __init__(self, content: Flowable, weight: float = 1.0, rule: tuple[float, object] | None = None,
                 base: float = 0.0):
        super().__init__()
        self.content, self.weight, self.rule, self.base = content, weight, rule, base
        self.extra, self.page = 0.0, 0

    def grow(self, amount: float) -> None:
        self.extra = amount

    def _space(self) -> float:
        return self.base + self.extra

    def wrap(self, available_width, available_height):
        width, height = self.content.wrap(available_width, available_height - self._space())
        self.width, self.height = width, height + self._space()
        return self.width, self.height

    def split(self, available_width, available_height):
        if self._space():
            return []  # a block that has grown stays whole on the page it grew on
        return self.content.split(available_width, available_height)

    def getSpaceBefore(self):
        return self.content.getSpaceBefore()

    def getSpaceAfter(self):
        return self.content.getSpaceAfter()

    def draw(self):
        self.page = self.canv.getPageNumber()
        below = self._space() / 2
        self.content.drawOn(self.canv, 0, below)
        if self.rule is not None:
            line_width, colour = self.rule
            self.canv.saveState()
            self.canv.setStrokeColor(colour)
            self.canv.setLineWidth(line_width)
            self.canv.line(0, 0, self.width, 0)
            self.canv.restoreState()


def shares(room: float, weights: list[float], cap: float) -> list[float]:
    """`room` shared by weight, none above `cap`: what a capped share cannot take goes to the others."""
    out = [0.0] * len(weights)
    open_ = set(range(len(weights)))
    while open_ and room > 0.01:
        total = sum(weights[n] for n in open_)
        capped = {n for n in open_ if room * weights[n] / total >= cap - out[n]}
        if not capped:
            for n in open_:
                out[n] += room * weights[n] / total
            break
        for n in capped:
            room -= cap - out[n]
            out[n] = cap
        open_ -= capped
    return out


def fill(blocks: list[Stretch], leftover: dict[int, float], pages: set[int], *, least: float, cap: float) -> bool:
    """Grow the blocks on each of `pages` with more than `least` points left over, each by its weight's
    share of the room but none by more than `cap`; True when anything grew (lay out again)."""
    grew = False
    for page in sorted(pages):
        room = leftover.get(page, 0.0)
        on_page = [b for b in blocks if b.page == page and b.weight]
        if room <= least or not on_page:
            continue
        usable = room - 2.0  # a little under the room, so rounding never pushes a line onto the next page
        for block, growth in zip(on_page, shares(usable, [b.weight for b in on_page], cap)):
            block.grow(growth)
        grew = True
    return grew
