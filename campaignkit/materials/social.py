"""A campaign's `Copy` in, social media cards out: one PNG (`Rendered`) per slogan and format
(square 1080x1080, story 1080x1920), the slogan fitted in the display face, with the campaign name
above it and the hashtag and source domains below.

Story cards keep every line out of the top 250 px and the bottom 340 px, which Instagram and
Facebook cover with their own buttons; no line is smaller than 28 px.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import CampaignkitError, FitError
from ..layout import fonts
from ..layout.document import Rendered
from ..layout.fit import fit_text
from ..layout.raster import draw_text, line_size, png_bytes, rgb
from ..layout.scripts import Faces
from ..layout.text import check_glyphs, faces_for
from ..layout.theme import Theme
from ..localise.copy import Copy
from ..slugs import slugify

MIN_SLOGAN_PX = 48


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
FOOTER_PX = 34


def render_social(copy: Copy, *, theme: Theme = Theme()) -> tuple[Rendered, ...]:
    """Every card, each as a PNG with its suggested file name."""
    if not copy.slogans:
        raise CampaignkitError(f"{copy.campaign_id}: the campaign has no slogans for social cards")
    domains = " · ".join(dict.fromkeys(s.url.domain for s in copy.sources))
    footer = tuple(line for line in ((copy.hashtag.text if copy.hashtag else ""), domains) if line)
    fonts.register_all()
    faces = faces_for(copy.fonts)
    check_glyphs([("title", copy.title.text, fonts.BOLD), *(("hashtag", line, fonts.BODY) for line in footer)], faces)
    check_glyphs([(s.field, s.text, fonts.DISPLAY) for s in copy.slogans], faces)
    accent = rgb(theme.accent or copy.colour) if not theme.grayscale else (0, 0, 0)
    cards = []
    for n, slogan in enumerate(copy.slogans, 1):
        for fmt in FORMATS:
            png = _card(slogan.text, slogan.field, copy.title.text, footer, fmt, accent, faces, copy.direction)
            name = f"{copy.campaign_id}-{copy.language}-card-{n}-{slugify(slogan.text, limit=32)}-{fmt.name}.png"
            cards.append(Rendered(png, name, "card", 1, fmt.size, media_type="image/png"))
    return tuple(cards)


def _card(text: str, field: str, title: str, footer: tuple[str, ...], fmt: CardFormat,
          accent: tuple[int, int, int], faces: Faces, direction: str) -> bytes:
    from PIL import Image, ImageDraw

    w, h = fmt.size
    usable = w - 2 * fmt.margin
    title_px = line_size(title, fonts.BOLD, TITLE_PX, usable, f"{field}: title", faces=faces)
    footer_px = min((line_size(line, fonts.BODY, FOOTER_PX, usable, "hashtag", faces=faces) for line in footer),
                    default=0)
    box_top = fmt.top + title_px * 2.2
    box_bottom = fmt.bottom - footer_px * (1.3 * len(footer) + 0.7) if footer else fmt.bottom
    fitted = fit_text(text, fonts.DISPLAY, usable, box_bottom - box_top, minimum=MIN_SLOGAN_PX, maximum=h * 0.22,
                      field=field, faces=faces)
    # Drawn as coverage (0 = accent, 255 = white) and stored as an 8-bit palette image: exact colours,
    # a third of the bytes of RGB, and several times faster to encode.
    image = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(image)
    size = int(fitted.size)
    baseline = box_top + (box_bottom - box_top - fitted.block_height()) / 2 + fitted.metrics.above * size
    for line in fitted.lines:
        left, top, right, bottom = draw_text(draw, (w / 2, baseline), line, fonts.DISPLAY, size, 255, "ms", faces)
        if left < fmt.margin / 2 or right > w - fmt.margin / 2 or top < fmt.top or bottom > fmt.bottom:
            raise FitError(f"{field}: the slogan does not fit the {fmt.name} card")
        baseline += fitted.metrics.leading * size
    # Right-to-left cards mirror: the title, its rule and the footer stand at the right margin.
    rtl = direction == "rtl"
    x, side = (w - fmt.margin, "r") if rtl else (fmt.margin, "l")
    title_ink = draw_text(draw, (x, fmt.top), title, fonts.BOLD, title_px, 255, side + "a", faces)
    rule_y = max(fmt.top + title_px * 1.45, title_ink[3] + 10)
    draw.rectangle([x - 120 if rtl else x, rule_y, x if rtl else x + 120, rule_y + 8], fill=255)
    for n, line in enumerate(reversed(footer)):  # from the bottom up: the domains, then the hashtag
        draw_text(draw, (x, fmt.bottom - n * footer_px * 1.3), line, fonts.BODY, footer_px, 255, side + "d", faces)
    image = Image.frombytes("P", (w, h), image.tobytes())
    image.putpalette([round(a + (255 - a) * level / 255) for level in range(256) for a in accent])
    return png_bytes(image)
