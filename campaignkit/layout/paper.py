"""Paper names in, page geometry out: sizes in points, printable margins, bleed and crop marks."""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4

SIZES_MM = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "letter": (215.9, 279.4),
    "tabloid": (279.4, 431.8),
    "half-letter": (139.7, 215.9),
}
SLUG_MM = 8.0  # room outside the bleed for crop marks


def paper_size(name: str, landscape: bool = False) -> tuple[float, float]:
    """Width and height in points of a named paper size (a Paper or its name)."""
    w, h = SIZES_MM[str(name)]
    w, h = w * MM, h * MM
    return (h, w) if landscape else (w, h)


@dataclass(frozen=True)
class Sheet:
    """A trimmed page plus an optional bleed and slug around it, all in points."""

    width: float
    height: float
    bleed: float = 0.0

    @property
    def offset(self) -> float:
        """Distance from the media edge to the trim edge."""
        return self.bleed + SLUG_MM * MM if self.bleed else 0.0

    @property
    def media(self) -> tuple[float, float]:
        return self.width + 2 * self.offset, self.height + 2 * self.offset

    def boxes(self) -> dict[str, tuple[float, float, float, float]]:
        """TrimBox and BleedBox for print shops (empty when there is no bleed)."""
        if not self.bleed:
            return {}
        o, b = self.offset, self.bleed
        return {
            "trimBox": (o, o, o + self.width, o + self.height),
            "bleedBox": (o - b, o - b, o + self.width + b, o + self.height + b),
        }


def draw_crop_marks(canvas, sheet: Sheet) -> None:
    """Hairline marks in the slug at the four trim corners, stopping short of the bleed."""
    if not sheet.bleed:
        return
    o, b = sheet.offset, sheet.bleed
    gap = b + 1 * MM
    length = o - gap
    canvas.saveState()
    canvas.setLineWidth(0.25)
    canvas.setStrokeColorRGB(0, 0, 0)
    for x in (o, o + sheet.width):
        for y, direction in ((o, -1), (o + sheet.height, 1)):
            canvas.line(x, y + direction * gap, x, y + direction * (gap + length))
    for y in (o, o + sheet.height):
        for x, direction in ((o, -1), (o + sheet.width, 1)):
            canvas.line(x + direction * gap, y, x + direction * (gap + length), y)
    canvas.restoreState()


def draw_cut_line(canvas, x0: float, y0: float, x1: float, y1: float) -> None:
    """A light dashed guide for scissors or a trimmer."""
    canvas.saveState()
    canvas.setLineWidth(0.4)
    canvas.setStrokeColorRGB(0.55, 0.55, 0.55)
    canvas.setDash(4, 3)
    canvas.line(x0, y0, x1, y1)
    canvas.restoreState()
