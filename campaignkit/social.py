"""A `Campaign` in, social media cards out: one PNG per slogan and format (square 1080x1080, story
1080x1920), the slogan fitted in the bundled display face, with the campaign name and the domain
of its sources. Pillow draws the cards; the glyph check and the line fitting are the placards'.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from . import fonts
from .errors import CampaignkitError, FitError
from .fit import ABOVE, LEADING, fit_text
from .model import Campaign
from .output import slugify, write_atomic

FORMATS = {"square": (1080, 1080), "story": (1080, 1920)}
MIN_PX = 48


@dataclass(frozen=True)
class Card:
    name: str
    format: str
    size: tuple[int, int]
    text: str
    png: bytes
    text_box: tuple[int, int, int, int]  # where the slogan's ink lies (left, top, right, bottom)


def _font(face: str, size: float):
    from PIL import ImageFont

    return ImageFont.truetype(str(fonts.font_dir() / fonts.FILES[face]), size=size, layout_engine=ImageFont.Layout.BASIC)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def make_social(campaign: Campaign, out_dir: str | Path | None = None, *, lang: str | None = None) -> list[Card]:
    """Draw every card; write them into `out_dir` when given. Returns the cards with their PNG bytes."""
    from PIL import Image, ImageDraw

    if not campaign.slogans:
        raise CampaignkitError(f"{campaign.id}: the campaign has no slogans for social cards")
    fonts.register_all()
    title = campaign.title.get(lang)
    domains = " · ".join(dict.fromkeys(s.url.domain for s in campaign.sources)) if campaign.sources else ""
    footer = "  ".join(p for p in (campaign.hashtag, domains) if p)
    fonts.check_glyphs([("title", title, fonts.BOLD), ("hashtag", footer, fonts.BODY)])
    slogans = [(f"slogans[{i}]", s.text.get(lang)) for i, s in enumerate(campaign.slogans)]
    fonts.check_glyphs([(field, text, fonts.DISPLAY) for field, text in slogans])
    accent = _rgb(campaign.colour)
    palette = [round(a + (255 - a) * level / 255) for level in range(256) for a in accent]
    cards = []
    for n, (field, text) in enumerate(slogans, 1):
        for fmt, (w, h) in FORMATS.items():
            margin = 90
            title_size = 40
            footer_size = 30
            box_top = margin + title_size * 2.2
            box_bottom = h - margin - footer_size * 2.6
            fitted = fit_text(text, fonts.DISPLAY, w - 2 * margin, box_bottom - box_top,
                              minimum=MIN_PX, maximum=h * 0.22, field=field)
            # Drawn as coverage (0 = accent, 255 = white) and stored as an 8-bit palette image:
            # exact colours, a third of the bytes of RGB, and several times faster to encode.
            image = Image.new("L", (w, h), 0)
            draw = ImageDraw.Draw(image)
            size = int(fitted.size)
            face = _font(fonts.DISPLAY, size)
            baseline = box_top + (box_bottom - box_top - fitted.block_height()) / 2 + ABOVE * size
            ink = [w, h, 0, 0]
            for line in fitted.lines:
                draw.text((w / 2, baseline), line, font=face, fill=255, anchor="ms")
                left, top, right, bottom = draw.textbbox((w / 2, baseline), line, font=face, anchor="ms")
                ink = [min(ink[0], left), min(ink[1], top), max(ink[2], right), max(ink[3], bottom)]
                baseline += LEADING * size
            if ink[0] < margin / 2 or ink[2] > w - margin / 2 or ink[1] < margin / 2 or ink[3] > h - margin / 2:
                raise FitError(f"{field}: the slogan does not fit the {fmt} card")
            title_font = _font(fonts.BOLD, _fit_line(title, fonts.BOLD, title_size, w - 2 * margin, f"{field} title"))
            draw.text((margin, margin), title, font=title_font, fill=255, anchor="la")
            draw.rectangle([margin, margin + title_size * 1.45, margin + 120, margin + title_size * 1.45 + 8], fill=255)
            if footer:
                footer_font = _font(fonts.BODY, _fit_line(footer, fonts.BODY, footer_size, w - 2 * margin, "hashtag"))
                draw.text((margin, h - margin), footer, font=footer_font, fill=255, anchor="ld")
            image = Image.frombytes("P", (w, h), image.tobytes())
            image.putpalette(palette)
            buffer = io.BytesIO()
            image.save(buffer, "PNG", compress_level=3, pnginfo=png_info())
            name = f"{campaign.id}-card-{n}-{slugify(text, limit=32)}-{fmt}.png"
            cards.append(Card(name, fmt, (w, h), text, buffer.getvalue(), tuple(ink)))
    if out_dir is not None:
        folder = Path(out_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for card in cards:
            write_atomic(folder / card.name, card.png)
    return cards


def png_info():
    """The PNG text chunk that marks campaignkit's images (so a rerun may replace them)."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", "campaignkit")
    return info


def _fit_line(text: str, face: str, size: int, width: float, field: str) -> int:
    """The size for a one-line label: `size`, or smaller down to 20 px if the line is long."""
    unit = fonts.string_width(text, face, 1.0)
    fitted = min(size, int(width / unit)) if unit else size
    if fitted < 20:
        raise FitError(f"{field}: “{text}” is too long for one line on a social card")
    return fitted
