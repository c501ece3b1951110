"""Text, a face and a pixel box in, Pillow drawing out: the raster side of the layout kit, for social
cards and contact sheets. Fonts are the bundled files; PNGs carry campaignkit's mark.
"""

from __future__ import annotations

import io
from functools import lru_cache

from ..errors import FitError
from ..marks import CREATOR
from . import fonts

MIN_LINE_PX = 28  # no text on a card is smaller than this


@lru_cache(maxsize=64)
def face(name: str, size: int):
    """A Pillow font for a bundled face at a pixel size."""
    from PIL import ImageFont

    return ImageFont.truetype(str(fonts.font_dir() / fonts.FILES[name]), size=size,
                              layout_engine=ImageFont.Layout.BASIC)


def line_size(text: str, face_name: str, preferred: int, width: float, field: str, *,
              minimum: int = MIN_LINE_PX) -> int:
    """The pixel size for a one-line label: `preferred`, or smaller down to `minimum` if it is long."""
    unit = fonts.string_width(text, face_name, 1.0)
    size = min(preferred, int(width / unit)) if unit else preferred
    if size < minimum:
        raise FitError(f"{field}: “{text}” is too long for one line on a social card (it would be {size} px, "
                       f"at least {minimum} px is needed); shorten it")
    return size


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
