"""A logo or photo file and the width it will print at in, a safe re-encoded PNG out (and, for a print
shop, the same picture flattened and in process inks).

Only PNG and JPEG are opened (Pillow's other parsers are never reached); the pixel count is checked
from the header before any decoding, so a small file declaring a huge image costs no memory; an
image more than `MAX_ASPECT` times longer than it is wide (or wide than long) is refused, since it
would print as a hairline; EXIF orientation is applied; 16-bit greyscale is scaled to 8 bits (not
clipped, which would print it white); the image is downsampled to at most 300 dpi at its printed
size, and an image below 150 dpi there is reported with a warning.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import CampaignWarning, ImageError

_PILLOW_LIMIT = threading.Lock()
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 64_000_000  # phone cameras take 48-50 MP photos
MAX_DPI = 300
MIN_DPI = 150
MAX_ASPECT = 20  # a 26 x 20 mm logo box then shows it at least a millimetre thick

_SIGNATURES = (
    (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"<svg", "SVG"), (b"<?xml", "SVG or XML"), (b"%PDF", "PDF"),
    (b"%!PS", "EPS"), (b"\xc5\xd0\xd3\xc6", "EPS"), (b"SIMPLE", "FITS"), (b"GIF8", "GIF"), (b"RIFF", "WebP"),
    (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
)


@dataclass(frozen=True)
class PlacedImage:
    png: bytes
    width: int
    height: int
    original: tuple[int, int]
    dpi: float  # effective resolution at the printed width

    @property
    def aspect(self) -> float:
        return self.height / self.width


def _detected(head: bytes) -> str:
    stripped = head.lstrip()
    for magic, name in _SIGNATURES:
        if stripped.startswith(magic):
            return name
    return "unknown"


def place_image(path: str, width_mm: float, field: str = "logo") -> PlacedImage:
    """Open, check, orient and downsample the image at `path` for printing `width_mm` wide."""
    width = round(width_mm, 3)
    if not width > 0:
        raise ImageError(f"{field}: {Path(path).name} cannot be printed {width_mm:g} mm wide")
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise ImageError(f"{field}: {Path(path).name} cannot be read ({exc.strerror or exc})") from None
    return _place(path, stat.st_size, stat.st_mtime_ns, width, field)


def fit_logo(path: str, max_width_mm: float, max_height_mm: float,
             field: str = "logo") -> tuple[PlacedImage, float, float]:
    """The logo placed as large as fits max_width x max_height (mm): the image, its width and height in mm."""
    probe = place_image(path, max_width_mm, field)
    width = min(max_width_mm, max_height_mm * probe.original[0] / probe.original[1])
    placed = place_image(path, width, field) if width < max_width_mm else probe
    return placed, width, width * placed.aspect


@lru_cache(maxsize=32)
def _place(path: str, size: int, mtime_ns: int, width_mm: float, field: str) -> PlacedImage:
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = Path(path).name
    try:
        if size == 0:
            raise ImageError(f"{field}: {name} is an empty file; expected a PNG or JPEG image")
        if size > MAX_FILE_BYTES:
            raise ImageError(f"{field}: {name} is {size:,} bytes; images are limited to {MAX_FILE_BYTES:,} bytes")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImageError(f"{field}: {name} cannot be read ({exc.strerror or exc})") from None
    kind = _detected(data[:16])
    if kind not in ("PNG", "JPEG"):
        raise ImageError(f"{field}: {name} is not a PNG or JPEG image (it looks like {kind})")
    try:
        with warnings.catch_warnings(), _PILLOW_LIMIT:
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Pillow's own limit would refuse before we can say the size; ours is stricter anyway.
            saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
            try:
                image = Image.open(io.BytesIO(data), formats=["PNG", "JPEG"])
            finally:
                Image.MAX_IMAGE_PIXELS = saved
            pixels = image.width * image.height
            if pixels > MAX_PIXELS:  # checked from the header, before decoding anything
                raise ImageError(
                    f"{field}: {name} declares {image.width}x{image.height} = {pixels:,} pixels; "
                    f"images are limited to {MAX_PIXELS:,}"
                )
            image.load()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(f"{field}: {name} is too large to decode safely ({exc})") from None
    except UnidentifiedImageError:
        raise ImageError(f"{field}: {name} is not a readable PNG or JPEG image") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"{field}: {name} is damaged or truncated ({kind}: {exc})") from None
    picture: Image.Image = ImageOps.exif_transpose(image)
    original = picture.size  # as it prints, turned upright
    if max(original) > MAX_ASPECT * min(original):
        raise ImageError(f"{field}: {name} is {original[0]}x{original[1]} pixels, more than {MAX_ASPECT} times longer "
                         f"one way than the other; it would print as a thin line (crop it closer)")
    picture = _eight_bit(picture)
    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA" if "A" in picture.getbands() or "transparency" in picture.info else "RGB")
    inches = width_mm / 25.4
    most = max(1, round(inches * MAX_DPI))
    if picture.width > most:
        picture = picture.resize((most, max(1, round(picture.height * most / picture.width))),
                                 Image.Resampling.LANCZOS)
    dpi = picture.width / inches
    if dpi < MIN_DPI:
        warnings.warn(
            CampaignWarning(
                f"{field}: {name} prints at {dpi:.0f} dpi at {width_mm:g} mm wide ({original[0]} pixels across); "
                f"{MIN_DPI} dpi or more looks sharp"
            ),
            stacklevel=2,
        )
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=False)
    return PlacedImage(buffer.getvalue(), picture.width, picture.height, original, dpi)


def _eight_bit(picture):
    """16-bit and 32-bit greyscale (I;16, I) scaled into 8 bits, its transparent grey kept as alpha;
    Pillow's own conversion would clip every value above 255 to white."""
    from PIL import Image, ImageMath

    if picture.mode not in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return picture
    wide = picture.convert("I") if picture.mode != "I" else picture
    # PNG stores 16 bits per sample: 65535 is white, so 257 steps make one 8-bit step (rounded).
    grey = wide.point(lambda v: v * (1 / 257) + 0.5).convert("L")
    transparent = picture.info.get("transparency")
    if not isinstance(transparent, int):
        return grey
    alpha = ImageMath.lambda_eval(lambda a: a["convert"]((1 - a["equal"](a["im"], transparent)) * 255, "L"),
                                  im=wide)
    return Image.merge("LA", (grey, alpha))


def for_press(picture, background, *, black_only: bool = False):
    """A Pillow image flattened onto `background` (a CMYK colour) and converted to process inks: a CMYK
    image through the press profile, or for black ink alone a greyscale one (DeviceGray). Nothing
    of it stays transparent, so the PDF needs no soft mask."""
    from PIL import Image

    from .press import black_of, rgb_to_cmyk

    rgba = _eight_bit(picture).convert("RGBA")
    alpha = rgba.getchannel("A")
    inks = [background.cyan, background.magenta, background.yellow, background.black]
    if black_only:
        lightness = round(255 * (1 - black_of(background).black))
        grey = rgba.convert("RGB").convert("L", matrix=(0.2126, 0.7152, 0.0722, 0))  # as `black_of` judges
        return Image.composite(grey, Image.new("L", rgba.size, lightness), alpha)
    cmyk = rgb_to_cmyk(rgba.convert("RGB"))
    return Image.composite(cmyk, Image.new("CMYK", rgba.size, tuple(round(255 * v) for v in inks)), alpha)
