"""A `Campaign` (or given slogans) and placard options in, a placard PDF out: one page per slogan,
the slogan auto-fitted in heavy condensed type, optionally tiled onto home-printer sheets.

Tiling redraws the same vector placard once per sheet, translated and clipped to the sheet's
printable area, after an assembly page that maps the sheets onto the whole placard.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from . import fonts
from .errors import CampaignkitError, FitError
from .fit import ABOVE, LEADING, Fitted, fit_text
from .i18n import label
from .model import Campaign
from .output import Target, deliver
from .paper import MM, draw_cut_line, paper_size
from .pdfdoc import escape, palette

SIZES = ("A4", "A3", "A2", "A1", "A0", "letter", "tabloid")
TILE_PAPERS = ("A4", "letter")
MARGIN = 12 * MM  # what home printers can reach, with room to spare
TILE_MARGIN = 10 * MM
MIN_POINTS = 40.0
CAP_HEIGHT = 0.714  # Noto Sans Condensed Black, in em
# Signage rule of thumb: 25 mm of capital height per 3 m for best impact, legible to 4 times that.
BEST_MM_PER_M = 25 / 3


@dataclass(frozen=True)
class PlannedSlogan:
    """One slogan laid out on one placard page, with how far away it reads."""

    field: str
    text: str
    fitted: Fitted

    @property
    def cap_height_mm(self) -> float:
        return self.fitted.size * CAP_HEIGHT / MM

    @property
    def best_distance_m(self) -> float:
        return self.cap_height_mm / BEST_MM_PER_M

    @property
    def legible_distance_m(self) -> float:
        return 4 * self.best_distance_m


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


def tile_grid(width: float, height: float, paper: str, overlap: float) -> TileGrid:
    """The sheet orientation needing fewest sheets (portrait on a tie) to cover width x height."""
    best = None
    for landscape in (False, True):
        sheet = paper_size(paper, landscape)
        pw, ph = sheet[0] - 2 * TILE_MARGIN, sheet[1] - 2 * TILE_MARGIN
        cols = max(1, math.ceil((width - overlap) / (pw - overlap)))
        rows = max(1, math.ceil((height - overlap) / (ph - overlap)))
        if best is None or rows * cols < best.rows * best.cols:
            best = TileGrid(sheet, rows, cols, overlap)
    return best


def _slogans(campaign: Campaign, slogans, lang) -> list[tuple[str, str]]:
    if slogans:
        return [(f"--slogan[{i}]", s) for i, s in enumerate(slogans)]
    if not campaign.slogans:
        raise CampaignkitError(f"{campaign.id}: the campaign has no slogans; add [[slogans]] or pass --slogan")
    return [(f"slogans[{i}]", s.text.get(lang)) for i, s in enumerate(campaign.slogans)]


def _page_parts(w: float, h: float):
    """Slogan box (x, y, width, height) and footer height for a w x h placard."""
    footer = max(9 * MM, 0.045 * h)
    bar = max(3 * MM, 0.012 * h)
    top = h - MARGIN - bar - 0.02 * h
    bottom = MARGIN + footer + 0.02 * h
    return (MARGIN, bottom, w - 2 * MARGIN, top - bottom), footer, bar


def plan_placards(
    campaign: Campaign,
    *,
    size: str = "A3",
    landscape: bool = False,
    slogans: list[str] | tuple[str, ...] | None = None,
    lang: str | None = None,
) -> list[PlannedSlogan]:
    """Fit every slogan to the placard size: the type size, line breaks and reading distance."""
    if size not in SIZES:
        raise CampaignkitError(f"size: expected one of {', '.join(SIZES)}, got {size!r}")
    fonts.register_all()
    w, h = paper_size(size, landscape)
    (_, _, bw, bh), _, _ = _page_parts(w, h)
    planned = []
    for field, text in _slogans(campaign, slogans, lang):
        fonts.check_glyphs([(field, text, fonts.DISPLAY)])
        fitted = fit_text(text, fonts.DISPLAY, bw, bh, minimum=MIN_POINTS, maximum=0.3 * h, field=field)
        planned.append(PlannedSlogan(field, text, fitted))
    return planned


def draw_placard(canvas, w: float, h: float, planned: PlannedSlogan, footer_text: str, pal) -> None:
    """Draw one placard with its lower left corner at the origin."""
    (bx, by, bw, bh), footer, bar = _page_parts(w, h)
    canvas.saveState()
    canvas.setFillColor(pal.accent)
    canvas.rect(MARGIN, h - MARGIN - bar, w - 2 * MARGIN, bar, stroke=0, fill=1)
    fitted = planned.fitted
    size = fitted.size
    block = fitted.block_height()
    baseline = by + (bh + block) / 2 - ABOVE * size
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.DISPLAY, size)
    for line in fitted.lines:
        canvas.drawCentredString(bx + bw / 2, baseline, line)
        baseline -= LEADING * size
    footer_size = footer_font_size(w, h, footer_text)
    canvas.setFillColor(pal.accent)
    canvas.setFont(fonts.BOLD, footer_size)
    footer_base = MARGIN + (footer - footer_size) / 2
    canvas.drawCentredString(w / 2, footer_base, footer_text)
    canvas.restoreState()


MIN_FOOTER_POINTS = 9.0


def footer_font_size(w: float, h: float, footer_text: str) -> float:
    """The footer line's size: a fixed share of the footer band, smaller if the line is long."""
    _, footer, _ = _page_parts(w, h)
    unit = fonts.string_width(footer_text, fonts.BOLD, 1.0)
    return min(footer * 0.42, (w - 2 * MARGIN) / unit) if unit else footer * 0.42


def _footer(campaign: Campaign, lang) -> str:
    return "  ·  ".join(p for p in (campaign.title.get(lang), campaign.hashtag) if p)


def make_placard(
    campaign: Campaign,
    target: Target = None,
    *,
    size: str = "A3",
    landscape: bool = False,
    tile: str | None = None,
    slogans: list[str] | tuple[str, ...] | None = None,
    lang: str | None = None,
    double_sided: bool = False,
    grayscale: bool = False,
    overlap_mm: float = 10.0,
) -> bytes | None:
    """Make the placards (tiled when `tile` names a sheet size) and write or return the PDF."""
    if tile is not None and tile not in TILE_PAPERS:
        raise CampaignkitError(f"tile: expected one of {', '.join(TILE_PAPERS)}, got {tile!r}")
    if not 3 <= overlap_mm <= 30:
        raise CampaignkitError(f"overlap: expected 3 to 30 mm, got {overlap_mm:g}")
    planned = plan_placards(campaign, size=size, landscape=landscape, slogans=slogans, lang=lang)
    footer_text = _footer(campaign, lang)
    fonts.check_glyphs([("title", footer_text, fonts.BOLD)])
    if footer_font_size(*paper_size(size, landscape), footer_text) < MIN_FOOTER_POINTS:
        raise FitError(
            f"title: the campaign line “{footer_text}” is too long for a {size} placard footer at "
            f"{MIN_FOOTER_POINTS:g} pt; shorten the title or hashtag"
        )
    pal = palette(campaign.colour, grayscale)
    w, h = paper_size(size, landscape)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(w, h), invariant=1, initialFontName=fonts.BODY, lang=lang or campaign.language)
    canvas.setTitle(f"{campaign.title.get(lang)}: placards")
    canvas.setSubject(f"Placards ({size}{', tiled on ' + tile if tile else ''})")
    canvas.setAuthor(campaign.id)
    canvas.setCreator("campaignkit")
    pages = [p for p in planned for _ in range(2 if double_sided else 1)]
    if tile:
        grid = tile_grid(w, h, tile, overlap_mm * MM)
        _check_assembly_glyphs(lang)
        for n, p in enumerate(pages):
            if n % (2 if double_sided else 1) == 0:
                _assembly_page(canvas, grid, w, h, size, tile, p, footer_text, pal, lang)
            _tiles(canvas, grid, w, h, p, footer_text, pal)
    else:
        for p in pages:
            canvas.setPageSize((w, h))
            draw_placard(canvas, w, h, p, footer_text, pal)
            canvas.showPage()
    canvas.save()
    return deliver(buffer.getvalue(), target)


def _check_assembly_glyphs(lang) -> None:
    fonts.check_glyphs(
        [
            ("label", label("assembly_title", lang, size="A0"), fonts.BOLD),
            ("label", label("assembly_steps", lang), fonts.BODY),
            ("label", label("assembly_sheets", lang, count=1, paper="A4", rows=1, cols=1, overlap=10), fonts.BODY),
        ]
    )


def _tile_label(r: int, c: int) -> str:
    return f"R{r + 1} C{c + 1}"


def _tiles(canvas, grid: TileGrid, w, h, planned, footer_text, pal) -> None:
    sw, sh = grid.sheet
    pw, ph = grid.printable
    sx, sy = grid.step
    for r in range(grid.rows):
        for c in range(grid.cols):
            canvas.setPageSize(grid.sheet)
            ox, oy_top = c * sx, h - r * sy  # placard coordinates of this sheet's top left
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(TILE_MARGIN, TILE_MARGIN, pw, ph)
            canvas.clipPath(path, stroke=0, fill=0)
            canvas.translate(TILE_MARGIN - ox, TILE_MARGIN + ph - oy_top)
            draw_placard(canvas, w, h, planned, footer_text, pal)
            canvas.restoreState()
            _tile_marks(canvas, grid, r, c)
            canvas.showPage()


def _tile_marks(canvas, grid: TileGrid, r: int, c: int) -> None:
    """Cut lines on the edges that go over a neighbour, and the sheet's label in a hidden overlap."""
    pw, ph = grid.printable
    m, ov = TILE_MARGIN, grid.overlap
    if c > 0:
        draw_cut_line(canvas, m, m, m, m + ph)
    if r > 0:
        draw_cut_line(canvas, m, m + ph, m + pw, m + ph)
    # The label goes where the next sheet will cover it: the right band, else the bottom band.
    if c < grid.cols - 1:
        x, y, angle = m + pw - ov / 2, m + ph / 2, 90
    elif r < grid.rows - 1:
        x, y, angle = m + pw / 2, m + ov / 2, 0
    else:
        x, y, angle = m + ov / 2, m + ph / 2, 90
    text = _tile_label(r, c)
    size = 9
    width = fonts.string_width(text, fonts.BOLD, size)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(angle)
    canvas.setFillColor(colors.white)
    canvas.setStrokeColor(colors.HexColor("#7A7A7A"))
    canvas.setLineWidth(0.5)
    canvas.roundRect(-width / 2 - 3, -size * 0.55, width + 6, size * 1.35, 2, stroke=1, fill=1)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(0, -size * 0.3, text)
    canvas.restoreState()


def _assembly_page(canvas, grid: TileGrid, w, h, size, tile, planned, footer_text, pal, lang) -> None:
    """A sheet-sized map of the placard with every sheet outlined and labelled, and how to mount it."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Frame, Paragraph

    sw, sh = paper_size(tile)
    canvas.setPageSize((sw, sh))
    m = 15 * MM
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.BOLD, 16)
    canvas.drawString(m, sh - m - 12, label("assembly_title", lang, size=size))
    canvas.setFont(fonts.BODY, 10)
    info = label(
        "assembly_sheets", lang, count=grid.rows * grid.cols, paper=tile, rows=grid.rows, cols=grid.cols,
        overlap=round(grid.overlap / MM),
    )
    canvas.drawString(m, sh - m - 28, info)
    map_w, map_h = sw - 2 * m, sh * 0.52
    sx, sy = grid.step
    pw, ph = grid.printable
    extent_w = max(w, (grid.cols - 1) * sx + pw)
    extent_h = max(h, (grid.rows - 1) * sy + ph)
    scale = min(map_w / extent_w, map_h / extent_h)
    x0 = m + (map_w - extent_w * scale) / 2
    y_top = sh - m - 40
    canvas.saveState()
    canvas.translate(x0, y_top - h * scale)
    canvas.scale(scale, scale)
    canvas.setStrokeColor(colors.HexColor("#999999"))
    canvas.setLineWidth(0.6 / scale)
    canvas.rect(0, 0, w, h, stroke=1, fill=0)
    draw_placard(canvas, w, h, planned, footer_text, pal)
    blue = colors.HexColor("#1F6FB2")
    canvas.setStrokeColor(blue)
    canvas.setLineWidth(1.2 / scale)
    canvas.setDash(6 / scale, 3 / scale)
    for r in range(grid.rows):
        for c in range(grid.cols):
            canvas.rect(c * sx, h - r * sy - ph, pw, ph, stroke=1, fill=0)
    canvas.setDash()
    for r in range(grid.rows):
        for c in range(grid.cols):
            text = _tile_label(r, c)
            size = 10 / scale
            tw = fonts.string_width(text, fonts.BOLD, size)
            cx, cy = c * sx + pw / 2, h - r * sy - ph / 2
            canvas.setFillColor(colors.white)
            canvas.roundRect(cx - tw / 2 - 3 / scale, cy - 4 / scale, tw + 6 / scale, size + 3 / scale, 2 / scale, stroke=0, fill=1)
            canvas.setFillColor(blue)
            canvas.setFont(fonts.BOLD, size)
            canvas.drawCentredString(cx, cy, text)
    canvas.restoreState()
    steps = label("assembly_steps", lang).split("|")
    style = ParagraphStyle(
        "steps", fontName=fonts.BODY, bulletFontName=fonts.BODY, fontSize=10, leading=13.5, leftIndent=14, spaceAfter=4
    )
    story = [Paragraph(escape(step, keep_last_words=False), style, bulletText=f"{n}.") for n, step in enumerate(steps, 1)]
    frame_top = y_top - extent_h * scale - 8 * MM
    Frame(m, m, sw - 2 * m, frame_top - m, 0, 0, 0, 0).addFromList(story, canvas)
    if story:
        raise FitError("the assembly notes do not fit on the assembly page")
    canvas.showPage()
