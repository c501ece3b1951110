"""A campaign's `Copy` (or given slogans) and placard options in, a placard PDF (`Rendered`) out:
one page per slogan, fitted as large as it goes in heavy condensed type, optionally tiled onto
home-printer sheets (see `tiling`).

The plan of each slogan (size, lines, capital height, reading distance) is made once and returned
with the PDF, so callers report it without fitting again.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors

from ..errors import CampaignkitError, FitError
from ..layout import fonts
from ..layout.document import Info, Rendered, page_count, pdf_canvas
from ..layout.fit import Fitted, fit_best
from ..layout.paper import MM, paper_size
from ..layout.scripts import Faces
from ..layout.text import check_glyphs, draw_text, faces_for, text_width
from ..layout.theme import Palette, Theme, palette
from ..localise.copy import Copy, Phrase
from ..options import Paper

MIN_POINTS = 40.0
SLOGAN_FACES = (fonts.DISPLAY, fonts.DISPLAY_NARROW)
MIN_FOOTER_POINTS = 9.0
CAP_HEIGHT = 0.714  # Noto Sans Condensed Black, in em
BEST_MM_PER_M = 25 / 3  # signage rule: 25 mm of capital height per 3 m for best impact, legible to 4x that


@dataclass(frozen=True)
class PlannedSlogan:
    """One slogan laid out on one placard page, with how far away it reads."""

    field: str
    text: str
    fitted: Fitted
    landscape: bool = False

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
class PlacardPage:
    """Everything needed to draw one placard: size, slogan plan, footer line and colours."""

    width: float
    height: float
    margin: float
    planned: PlannedSlogan
    footer: str
    pal: Palette
    faces: Faces | None = None  # None: the bundled faces


def page_parts(w: float, h: float, margin: float):
    """Slogan box (x, y, width, height), footer height and accent bar height for a w x h placard."""
    footer = max(9 * MM, 0.045 * h)
    bar = max(3 * MM, 0.012 * h)
    top = h - margin - bar - 0.02 * h
    bottom = margin + footer + 0.02 * h
    return (margin, bottom, w - 2 * margin, top - bottom), footer, bar


def plan_slogans(slogans: tuple[Phrase, ...], size: Paper, landscape: bool | None,
                 margin: float, faces: Faces | None = None) -> list[PlannedSlogan]:
    """Fit every slogan to the placard: orientation (the one giving the larger type, unless `landscape`
    fixes it), type size, line breaks and reading distance."""
    if not slogans:
        raise CampaignkitError("the campaign has no slogans; add [[slogans]] or pass --slogan")
    fonts.register_all()
    planned = []
    for slogan in slogans:
        check_glyphs([(slogan.field, slogan.text, face) for face in SLOGAN_FACES], faces)
        options: list[PlannedSlogan] = []
        for wide in ((False, True) if landscape is None else (landscape,)):
            w, h = paper_size(size, wide)
            (_, _, bw, bh), _, _ = page_parts(w, h, margin)
            try:
                fitted = fit_best(slogan.text, SLOGAN_FACES, bw, bh, minimum=MIN_POINTS,
                                  maximum=0.3 * max(w, h), field=slogan.field, faces=faces)
            except FitError:
                if landscape is not None or wide:
                    if not options:
                        raise
                    continue
                continue  # portrait cannot hold it: landscape may
            options.append(PlannedSlogan(slogan.field, slogan.text, fitted, wide))
        planned.append(max(options, key=lambda p: (p.fitted.score, not p.landscape)))
    return planned


def draw_placard(canvas, page: PlacardPage) -> None:
    """Draw one placard with its lower left corner at the origin."""
    w, h, margin = page.width, page.height, page.margin
    (bx, by, bw, bh), footer, bar = page_parts(w, h, margin)
    canvas.saveState()
    canvas.setFillColor(page.pal.accent)
    canvas.rect(margin, h - margin - bar, w - 2 * margin, bar, stroke=0, fill=1)
    fitted = page.planned.fitted
    size = fitted.size
    baseline = by + (bh + fitted.block_height()) / 2 - fitted.metrics.above * size
    canvas.setFillColor(colors.black)
    for line in fitted.lines:
        draw_text(canvas, bx + bw / 2, baseline, line, fitted.face or fonts.DISPLAY, size, "centre", page.faces)
        baseline -= fitted.metrics.leading * size
    footer_size = footer_font_size(w, h, margin, page.footer, page.faces)
    canvas.setFillColor(page.pal.accent)
    draw_text(canvas, w / 2, margin + (footer - footer_size) / 2, page.footer, fonts.BOLD, footer_size, "centre",
              page.faces)
    canvas.restoreState()


def footer_font_size(w: float, h: float, margin: float, footer_text: str, faces: Faces | None = None) -> float:
    """The footer line's size: a fixed share of the footer band, smaller if the line is long."""
    _, footer, _ = page_parts(w, h, margin)
    unit = text_width(footer_text, fonts.BOLD, 1.0, faces)
    return min(footer * 0.42, (w - 2 * margin) / unit) if unit else footer * 0.42


def placard_pages(copy: Copy, *, size: Paper, landscape: bool | None, theme: Theme) -> list[PlacardPage]:
    """A page for every slogan of `copy`, with the campaign line as footer."""
    margin = theme.margin("placard")
    footer = "  ·  ".join(p.text for p in (copy.title, copy.hashtag) if p)
    faces = faces_for(copy.fonts)
    check_glyphs([("title", footer, fonts.BOLD)], faces)
    pal = palette(theme, copy.colour)
    pages = []
    for planned in plan_slogans(copy.slogans, size, landscape, margin, faces):
        w, h = paper_size(size, planned.landscape)
        if footer_font_size(w, h, margin, footer, faces) < MIN_FOOTER_POINTS:
            raise FitError(f"title: the campaign line “{footer}” is too long for a {size} placard footer at "
                           f"{MIN_FOOTER_POINTS:g} pt; shorten the title or hashtag")
        pages.append(PlacardPage(w, h, margin, planned, footer, pal, faces))
    return pages


def render_placard(copy: Copy, *, size: Paper = Paper.A3, landscape: bool | None = None, tile: Paper | None = None,
                   double_sided: bool = False, overlap_mm: float = 10.0, theme: Theme = Theme()) -> Rendered:
    """Placards, one slogan per page (twice when double-sided), or tiled onto `tile` sheets."""
    from .tiling import draw_tiled

    pages = placard_pages(copy, size=size, landscape=landscape, theme=theme)
    w, h = pages[0].width, pages[0].height
    info = Info(f"{copy.title.text}: placards", f"Placards ({size}{', tiled on ' + str(tile) if tile else ''})",
                copy.campaign_id, copy.language, "placard-tiled" if tile else "placard", print_scaling_none=True,
                inks=theme.inks)
    buffer = io.BytesIO()
    canvas = pdf_canvas(buffer, info, (w, h))
    repeated = [p for p in pages for _ in range(2 if double_sided else 1)]
    if tile:
        draw_tiled(canvas, repeated, copy, size=size, tile=tile, overlap=overlap_mm * MM,
                   first_of_pair=[n % (2 if double_sided else 1) == 0 for n in range(len(repeated))])
        sheet = paper_size(tile)
    else:
        for page in repeated:
            canvas.setPageSize((page.width, page.height))
            draw_placard(canvas, page)
            canvas.showPage()
        sheet = (w, h)
    canvas.save()
    data = buffer.getvalue()
    orientation = "-landscape" if all(p.planned.landscape for p in pages) else ""
    name = f"{copy.campaign_id}-placards-{copy.language}-{str(size).lower()}{orientation}" + (
        f"-tiled-{str(tile).lower()}" if tile else "")
    return Rendered(data, name + ".pdf", info.material, page_count(data), sheet,
                    details=tuple(p.planned for p in pages))
