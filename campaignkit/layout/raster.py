"""Text, a face and a pixel box in, Pillow drawing out: the raster side of the layout kit, for social
cards and contact sheets. Fonts are the bundled files; PNGs carry campaignkit's mark.
"""

from __future__ import annotations

import io
from functools import lru_cache

from ..errors import FitError
from ..marks import CREATOR
from . import fonts, scripts
from .text import is_plain, text_width, weight_of

MIN_LINE_PX = 28  # no line of text on a card is smaller than this: in type size, and in height of its ink


@lru_cache(maxsize=64)
def face(name: str, size: int):
    """A Pillow font for a bundled face at a pixel size."""
    from PIL import ImageFont

    return ImageFont.truetype(str(fonts.font_dir() / fonts.FILES[name]), size=size,
                              layout_engine=ImageFont.Layout.BASIC)


def line_size(text: str, face_name: str, preferred: int, width: float, field: str, *,
              minimum: int = MIN_LINE_PX, faces: scripts.Faces | None = None) -> int:
    """The pixel size for a one-line label: `preferred`, or smaller down to `minimum` if it is long."""
    unit = text_width(text, face_name, 1.0, faces)
    size = min(preferred, int(width / unit)) if unit else preferred
    if size < minimum:
        raise FitError(f"{field}: “{text}” is too long for one line on a social card (it would be {size} px, "
                       f"at least {minimum} px is needed); shorten it")
    return size


def label_lines(text: str, face_name: str, preferred: int, width: float, field: str, *, max_lines: int = 2,
                faces: scripts.Faces | None = None) -> tuple[int, tuple[str, ...]]:
    """(pixel size, lines) for a label: one line at `preferred` or smaller, else up to `max_lines` lines
    broken where they read best; never so small that a line's ink (capitals, ascenders, descenders) is
    under `MIN_LINE_PX` high. FitError naming the field when no size is that readable."""
    from .fit import headline_lines

    for most in range(1, max_lines + 1):
        for size in range(preferred, MIN_LINE_PX - 1, -1):
            lines = headline_lines(text, face_name, size, width, faces)
            if lines is None or len(lines) > most:
                continue
            if min(ink_height(line, face_name, faces) for line in lines) * size >= MIN_LINE_PX:
                return size, lines
            break  # smaller type only has less ink
    plural = "" if max_lines == 1 else f" or {max_lines}"
    raise FitError(f"{field}: “{text}” is too long for 1{plural} lines on a social card (a line's letters would "
                   f"be under {MIN_LINE_PX} px high); shorten it")


@lru_cache(maxsize=256)
def ink_height(text: str, face_name: str, faces: scripts.Faces | None = None) -> float:
    """The height of the ink of one line of `text`, in em (about 0.71 for capitals alone)."""
    from PIL import Image, ImageDraw

    size = 100
    image = Image.new("L", (max(64, int(text_width(text, face_name, size, faces)) + 40), 3 * size), 0)
    box = draw_text(ImageDraw.Draw(image), (20, 2 * size), text, face_name, size, 255, "ls", faces)
    return (box[3] - box[1]) / size if box[3] > box[1] else 0.0


def draw_text(draw, xy: tuple[float, float], text: str, face_name: str, size: int, fill, anchor: str,
              faces: scripts.Faces | None = None) -> tuple[float, float, float, float]:
    """Draw one line with a Pillow anchor ("ms": middle of the baseline, "la": left of the ascender line,
    "rd": right of the descender line...) and return its ink box. Text the plain face prints is drawn as
    Pillow always has; any other script goes run by run through raqm, in bidi order."""
    faces = faces or scripts.default_faces()
    if is_plain(text, face_name, faces):
        font = face(face_name, size)
        draw.text(xy, text, font=font, fill=fill, anchor=anchor)
        return draw.textbbox(xy, text, font=font, anchor=anchor)
    x, y = xy
    ascent, descent = face(face_name, size).getmetrics()
    baseline = {"a": y + ascent, "d": y - descent}.get(anchor[1], y)
    rtl = scripts.direction(text) == "rtl"
    relative = {"m": "middle", "l": "end" if rtl else "start", "r": "start" if rtl else "end"}[anchor[0]]
    return scripts.draw_pillow_line(draw, x, baseline, text, size, fill, weight_of(face_name), relative, faces)


def png_bytes(image, *, compress_level: int = 3) -> bytes:
    """The image as PNG bytes with campaignkit's mark, so a rerun may replace the file."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", CREATOR)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=compress_level, pnginfo=info)
    return buffer.getvalue()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)
