"""Placard pages and a home-printer sheet size in, tiled pages out: an assembly page (a map of the
sheets on the placard, the sheet count and the steps to cut, glue and mount it), then each sheet
as the same vector placard translated and clipped to the sheet's printable area.

Each sheet keeps a margin printers can reach, overlaps its neighbours for glue, carries dashed cut
lines on the edges that go over a neighbour, and in the band the next sheet will cover, its label
(R1 C1 ...) and a 10 cm bar to check it was printed at actual size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Frame

from ..errors import FitError
from ..layout import fonts
from ..layout.paper import MM, draw_cut_line, paper_size
from ..layout.text import Typesetter
from ..layout.theme import Styles, TypeScale
from ..localise.copy import Copy
from ..options import Paper
from .placard import PlacardPage, draw_placard

TILE_MARGIN = 10 * MM  # what home printers can reach, with room to spare
BAR = 100 * MM
MAP_INK = colors.HexColor("#1F6FB2")
LABEL_GREY = colors.HexColor("#555555")
LABEL_SIZE = 8.5
NOTE_SIZE = 7.5  # the calibration note: the smallest print campaignkit makes
NOTE_LEADING = NOTE_SIZE * 1.2


@dataclass(frozen=True)
class TileGrid:
    sheet: tuple[float, float]
    rows: int
    cols: int
    overlap: float

    @property
    def printable(self) -> tuple[float, float]:
        return self.sheet[0] - 2 * TILE_MARGIN, self.sheet[1] - 2 * TILE_MARGIN

    @property
    def step(self) -> tuple[float, float]:
        pw, ph = self.printable
        return pw - self.overlap, ph - self.overlap

    def cut_sheets(self) -> list[str]:
        """Labels of the sheets that carry a dashed line to cut: all but R1 C1."""
        return [label(r, c) for r in range(self.rows) for c in range(self.cols) if r or c]


def tile_grid(width: float, height: float, paper: Paper | str, overlap: float) -> TileGrid:
    """The sheet orientation needing fewest sheets (portrait on a tie) to cover width x height."""
    best = None
    for landscape in (False, True):
        sheet = paper_size(paper, landscape)
        pw, ph = sheet[0] - 2 * TILE_MARGIN, sheet[1] - 2 * TILE_MARGIN
        cols = max(1, math.ceil((width - overlap) / (pw - overlap)))
        rows = max(1, math.ceil((height - overlap) / (ph - overlap)))
        if best is None or rows * cols < best.rows * best.cols:
            best = TileGrid(sheet, rows, cols, overlap)
    assert best is not None
    return best


def label(r: int, c: int) -> str:
    return f"R{r + 1} C{c + 1}"


def draw_tiled(canvas, pages: list[PlacardPage], copy: Copy, *, size: Paper, tile: Paper, overlap: float,
               first_of_pair: list[bool]) -> None:
    """An assembly page before every slogan (once per pair when double-sided), then its tiles."""
    if not pages:
        return
    ts = Typesetter.of(copy)
    grids = [tile_grid(page.width, page.height, tile, overlap) for page in pages]  # each slogan's orientation
    for grid in grids:
        for step in _steps(copy, grid):
            ts.need(step, fonts.BODY)
    ts.need(copy.label("assembly_title", size=size).text, fonts.BOLD)
    ts.need(copy.label("calibration").text, fonts.BODY)
    ts.check()
    for page, grid, first in zip(pages, grids, first_of_pair):
        if first:
            _assembly_page(canvas, ts, grid, page, copy, size, tile, _steps(copy, grid))
        _tiles(canvas, ts, grid, page, copy.label("calibration").text)


def _steps(copy: Copy, grid: TileGrid) -> list[str]:
    cut = grid.cut_sheets()
    listed = ", ".join(cut)
    return [
        copy.label("assembly_print").text,
        copy.label("assembly_cut", cut=listed).text,
        copy.label("assembly_glue").text,
        copy.label("assembly_mount").text,
        copy.label("assembly_stick").text,
    ]


def _tiles(canvas, ts: Typesetter, grid: TileGrid, page: PlacardPage, calibration: str) -> None:
    pw, ph = grid.printable
    sx, sy = grid.step
    for r in range(grid.rows):
        for c in range(grid.cols):
            canvas.setPageSize(grid.sheet)
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(TILE_MARGIN, TILE_MARGIN, pw, ph)
            canvas.clipPath(path, stroke=0, fill=0)
            canvas.translate(TILE_MARGIN - c * sx, TILE_MARGIN + ph - (page.height - r * sy))
            draw_placard(canvas, page)
            canvas.restoreState()
            _tile_marks(canvas, ts, grid, r, c, calibration)
            canvas.showPage()


def _tile_marks(canvas, ts: Typesetter, grid: TileGrid, r: int, c: int, calibration: str) -> None:
    """Cut lines on the edges that go over a neighbour; the label, the 10 cm bar and the note under it in
    a band the next sheet covers (the right band, else the bottom one)."""
    pw, ph = grid.printable
    m, ov = TILE_MARGIN, grid.overlap
    if c > 0:
        draw_cut_line(canvas, m, m, m, m + ph)
    if r > 0:
        draw_cut_line(canvas, m, m + ph, m + pw, m + ph)
    if c < grid.cols - 1:
        x, y, angle, along = m + pw - ov / 2, m + ph / 2, 90, ph
    else:  # the bottom band: covered by the sheet below, or on the last sheet the placard's white edge
        x, y, angle, along = m + pw / 2, m + ov / 2, 0, pw
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(angle)
    text = label(r, c)
    width = fonts.string_width(text, fonts.BOLD, LABEL_SIZE)
    left = -(width + 8 + BAR) / 2
    bar_x = left + width + 8
    notes = _note_lines(ts, calibration, along - 20 * MM)
    note_width = max(ts.width(line, fonts.BODY, NOTE_SIZE) for line in notes)
    note_x = bar_x if note_width <= BAR else -note_width / 2
    # from the top: the bar's ticks, the bar with the label beside it, the note's lines under them
    label_y = -LABEL_SIZE * 0.35
    first = label_y - LABEL_SIZE * 0.25 - NOTE_SIZE * 0.95
    top, bottom = 4.5 + 1, first - NOTE_LEADING * (len(notes) - 1) - NOTE_SIZE * 0.3
    canvas.translate(0, -(top + bottom) / 2)  # the whole centred in the band
    x0, x1 = min(left, note_x), max(bar_x + BAR, note_x + note_width)
    canvas.setFillColor(colors.white)
    canvas.rect(x0 - 3, bottom - 1.5, x1 - x0 + 6, top - bottom + 3, stroke=0, fill=1)
    canvas.setFillColor(LABEL_GREY)
    canvas.setFont(fonts.BOLD, LABEL_SIZE)
    canvas.drawString(left, label_y, text)
    canvas.setFillColor(colors.black)
    canvas.rect(bar_x, 0, BAR, 1.2, stroke=0, fill=1)
    for tick in range(11):
        canvas.rect(bar_x + tick * 10 * MM - 0.3, 0, 0.6, 3 if tick % 5 else 4.5, stroke=0, fill=1)
    canvas.setFillColor(LABEL_GREY)
    for n, line in enumerate(notes):
        ts.draw(canvas, note_x, first - n * NOTE_LEADING, line, fonts.BODY, NOTE_SIZE)
    canvas.restoreState()


def _note_lines(ts: Typesetter, note: str, width: float) -> list[str]:
    """The calibration note in lines no wider than `width` at `NOTE_SIZE` (one line when it fits)."""
    lines: list[str] = []
    for word in note.split():
        if lines and ts.width(f"{lines[-1]} {word}", fonts.BODY, NOTE_SIZE) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _assembly_page(canvas, ts: Typesetter, grid: TileGrid, page: PlacardPage, copy: Copy, size: Paper,
                   tile: Paper, steps: list[str]) -> None:
    """A sheet-sized map of the placard with every seam drawn once, row and column labels outside
    the artwork, and the numbered steps."""
    sw, sh = paper_size(tile)
    canvas.setPageSize((sw, sh))
    m = 15 * MM
    canvas.setFillColor(colors.black)
    x, anchor = (sw - m, "right") if ts.rtl else (m, "left")
    ts.draw(canvas, x, sh - m - 12, copy.label("assembly_title", size=size).text, fonts.BOLD, 16, anchor)
    info = copy.plural("assembly_sheets", grid.rows * grid.cols, paper=tile, rows=grid.rows, cols=grid.cols,
                       overlap=round(grid.overlap / MM)).text
    ts.need(info, fonts.BODY)
    ts.check()
    ts.draw(canvas, x, sh - m - 28, info, fonts.BODY, 10, anchor)
    label_room = 9 * MM
    map_w, map_h = sw - 2 * m - label_room, sh * 0.5
    sx, sy = grid.step
    pw, ph = grid.printable
    extent_w, extent_h = (grid.cols - 1) * sx + pw, (grid.rows - 1) * sy + ph
    scale = min(map_w / max(extent_w, page.width), map_h / max(extent_h, page.height))
    x0 = m + label_room + (map_w - max(extent_w, page.width) * scale) / 2
    y_top = sh - m - 40 - label_room
    h = page.height
    canvas.saveState()
    canvas.translate(x0, y_top - h * scale)
    canvas.scale(scale, scale)
    draw_placard(canvas, page)
    canvas.setStrokeColor(MAP_INK)
    canvas.setLineWidth(1.2 / scale)
    canvas.rect(0, h - extent_h, extent_w, extent_h, stroke=1, fill=0)
    canvas.setDash(6 / scale, 3 / scale)
    for c in range(1, grid.cols):  # each seam once: where a sheet's cut left edge lies
        canvas.line(c * sx, h, c * sx, h - extent_h)
    for r in range(1, grid.rows):
        canvas.line(0, h - r * sy, extent_w, h - r * sy)
    canvas.restoreState()
    canvas.setFillColor(MAP_INK)
    canvas.setFont(fonts.BOLD, 9)
    for c in range(grid.cols):
        middle = x0 + (c * sx + (min(pw, extent_w - c * sx)) / 2) * scale
        canvas.drawCentredString(middle, y_top + 3 * MM, f"C{c + 1}")
    for r in range(grid.rows):
        middle = y_top - (r * sy + ph / 2) * scale
        canvas.drawRightString(x0 - 2.5 * MM, middle - 3, f"R{r + 1}")
    styles = Styles(page.pal, TypeScale(10, 16), copy.direction)
    style = styles("body", fontSize=10, leading=13.5, leftIndent=14, spaceAfter=4, bulletFontName=fonts.BODY,
                   textColor=colors.black)
    story = [ts.para(step, style, bullet=f"{n}.", tie=False) for n, step in enumerate(steps, 1)]
    frame_top = y_top - extent_h * scale - 8 * MM
    Frame(m, m, sw - 2 * m, frame_top - m, 0, 0, 0, 0).addFromList(story, canvas)
    if story:
        raise FitError("the assembly notes do not fit on the assembly page")
    canvas.showPage()
