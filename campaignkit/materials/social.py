"""A campaign's `Copy` in, social media cards out: one PNG (`Rendered`) per slogan and format
(square 1080x1080, story 1080x1920), the slogan fitted in the display face, with the campaign name
above it and the hashtag and source domains below.

Story cards keep every line out of the top 250 px and the bottom 340 px, which Instagram and
Facebook cover with their own buttons; no line is smaller than 28 px.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ..errors import CampaignkitError, FitError
from ..layout import fonts
from ..layout.document import Rendered
from ..layout.fit import fit_best
from ..layout.raster import draw_text, label_lines, png_bytes, rgb
from ..layout.scripts import Faces
from ..layout.text import check_glyphs, faces_for
from ..layout.theme import Theme
from ..localise.copy import Copy
from ..slugs import slugify

MIN_SLOGAN_PX = 48
SLOGAN_FACES = (fonts.DISPLAY, fonts.DISPLAY_NARROW)  # the narrower one for slogans with long words


@dataclass(frozen=True)
class CardFormat:
    name: str
    size: tuple[int, int]
    margin: int  # left and right
    top: int  # first pixel a line may use
    bottom: int  # last pixel a line may use


FORMATS = (
    CardFormat("square", (1080, 1080), 90, 90, 1080 - 90),
    CardFormat("story", (1080, 1920), 90, 250, 1920 - 340),
)
TITLE_PX = 44
TITLE_LINES = 3  # a long title takes up to this many lines above the slogan
FOOTER_PX = 40
TITLE_STEP, FOOTER_STEP = 1.2, 1.3  # line spacing of the title and the footer, in sizes
# Set to a function to hand it every card's image (a palette image) as soon as it is drawn: a caller that
# also shows the cards (the pack's contact sheet) then need not decode the PNGs again.
DRAWN: ContextVar[Callable[[Any], None] | None] = ContextVar("campaignkit_social_drawn", default=None)


def render_social(copy: Copy, *, theme: Theme = Theme()) -> tuple[Rendered, ...]:
    """Every card, each as a PNG with its suggested file name."""
    if not copy.slogans:
        raise CampaignkitError(f"{copy.campaign_id}: the campaign has no slogans for social cards")
    domains = " · ".join(dict.fromkeys(s.url.domain for s in copy.sources))
    footer = tuple((field, line) for field, line in (("hashtag", copy.hashtag.text if copy.hashtag else ""),
                                                      ("sources", domains)) if line)
    fonts.register_all()
    faces = faces_for(copy.fonts)
    check_glyphs([("title", copy.title.text, fonts.BOLD),
                  *((field, line, fonts.BODY) for field, line in footer)], faces)
    check_glyphs([(s.field, s.text, face) for s in copy.slogans for face in SLOGAN_FACES], faces)
    accent = rgb(theme.accent or copy.colour) if not theme.grayscale else (0, 0, 0)
    # coverage level (0 = accent, 255 = white) to colour, the same on every card
    shades = [round(a + (255 - a) * level / 255) for level in range(256) for a in accent]
    parts: dict[str, CardParts] = {}  # the title and footer are the same on every card of a format
    cards = []
    for n, slogan in enumerate(copy.slogans, 1):
        for fmt in FORMATS:
            if fmt.name not in parts:
                parts[fmt.name] = card_parts(copy.title.text, footer, fmt, f"{slogan.field}: title", faces)
            png = _card(slogan.text, slogan.field, parts[fmt.name], fmt, shades, faces, copy.direction)
            name = f"{copy.campaign_id}-{copy.language}-card-{n}-{slugify(slogan.text, limit=32)}-{fmt.name}.png"
            cards.append(Rendered(png, name, "card", 1, fmt.size, media_type="image/png"))
    return tuple(cards)


@dataclass(frozen=True)
class CardParts:
    """Where a card's title (at the top) and footer (hashtag and domains, at the foot) go, and the box
    they leave for the slogan."""

    title_px: int
    title_lines: tuple[str, ...]
    footer_px: int
    footer_lines: tuple[str, ...]
    box_top: float
    box_bottom: float


def card_parts(title: str, footer: tuple[tuple[str, str], ...], fmt: CardFormat, title_field: str = "title",
               faces: Faces | None = None) -> CardParts:
    """The title in up to `TITLE_LINES` lines at up to `TITLE_PX`; each footer line, (field, text) (the hashtag, the
    sources' domains), in one or two at up to `FOOTER_PX`, all at one size. FitError naming the field when
    one cannot be read at any size."""
    usable = fmt.size[0] - 2 * fmt.margin
    title_px, title_lines = label_lines(title, fonts.BOLD, TITLE_PX, usable, title_field, max_lines=TITLE_LINES,
                                        faces=faces)
    footer_px = min((label_lines(line, fonts.BODY, FOOTER_PX, usable, field, faces=faces)[0]
                     for field, line in footer), default=0)
    footer_lines = tuple(part for field, line in footer  # all at the smallest size, where some need fewer lines
                         for part in label_lines(line, fonts.BODY, footer_px, usable, field, faces=faces)[1])
    box_top = fmt.top + title_px * (2.2 + TITLE_STEP * (len(title_lines) - 1))
    box_bottom = fmt.bottom - footer_px * (FOOTER_STEP * len(footer_lines) + 0.7) if footer_lines else fmt.bottom
    return CardParts(title_px, title_lines, footer_px, footer_lines, box_top, box_bottom)


def _card(text: str, field: str, parts: CardParts, fmt: CardFormat, shades: list[int], faces: Faces,
          direction: str) -> bytes:
    from PIL import Image, ImageDraw

    w, h = fmt.size
    usable = w - 2 * fmt.margin
    fitted = fit_best(text, SLOGAN_FACES, usable, parts.box_bottom - parts.box_top, minimum=MIN_SLOGAN_PX,
                      maximum=h * 0.22, field=field, faces=faces)
    box_top, box_bottom = parts.box_top, parts.box_bottom
    # Drawn as coverage (0 = accent, 255 = white) and stored as an 8-bit palette image: exact colours,
    # a third of the bytes of RGB, and several times faster to encode.
    image = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(image)
    size = int(fitted.size)
    baseline = box_top + (box_bottom - box_top - fitted.block_height()) / 2 + fitted.metrics.above * size
    for line in fitted.lines:
        left, top, right, bottom = draw_text(draw, (w / 2, baseline), line, fitted.face, size, 255, "ms", faces)
        if left < fmt.margin / 2 or right > w - fmt.margin / 2 or top < fmt.top or bottom > fmt.bottom:
            raise FitError(f"{field}: the slogan does not fit the {fmt.name} card")
        baseline += fitted.metrics.leading * size
    # Right-to-left cards mirror: the title, its rule and the footer stand at the right margin.
    rtl = direction == "rtl"
    x, side = (w - fmt.margin, "r") if rtl else (fmt.margin, "l")
    ink_bottom = float(fmt.top)
    for n, line in enumerate(parts.title_lines):
        ink = draw_text(draw, (x, fmt.top + n * parts.title_px * TITLE_STEP), line, fonts.BOLD, parts.title_px, 255,
                        side + "a", faces)
        ink_bottom = max(ink_bottom, ink[3])
    rule_y = max(fmt.top + parts.title_px * (1.45 + TITLE_STEP * (len(parts.title_lines) - 1)), ink_bottom + 10)
    draw.rectangle([x - 120 if rtl else x, rule_y, x if rtl else x + 120, rule_y + 8], fill=255)
    for n, line in enumerate(reversed(parts.footer_lines)):  # from the bottom up: the domains, then the hashtag
        draw_text(draw, (x, fmt.bottom - n * parts.footer_px * FOOTER_STEP), line, fonts.BODY, parts.footer_px, 255,
                  side + "d", faces)
    image = image.convert("P")  # the same levels, now indices into the palette of shades
    image.putpalette(shades)
    shown = DRAWN.get()
    if shown is not None:
        shown(image)
    return png_bytes(image)
