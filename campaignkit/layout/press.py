"""Colours and pictures in, process inks for a print shop out: DeviceCMYK (or black ink alone)
conversions, a canvas that draws nothing in RGB, and the output intent that names the printing
condition.

Colours are converted once, here, whatever drew them: greys (black and white included) become tints
of black ink alone, so text separates onto the black plate only; any other colour goes through the
bundled FOGRA39 profile (sRGB in, relative colorimetric with black point compensation). With black
ink alone ("k"), every colour becomes the black tint of its lightness. Pictures are flattened onto
the colour under them (no soft masks: a print shop's RIP sees opaque process colour) and converted
the same way. Every page gets a TrimBox and a BleedBox; link annotations are left out, since a
print file carries none inside its trim.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

PROFILE_FILE = "fogra39l-300.icc"
CONDITION = "FOGRA39"  # the ICC characterisation registry's name for the printing condition
CONDITION_TEXT = ("Offset printing, ISO 12647-2:2004/Amd 1, coated paper 115 g/m2 (FOGRA39), "
                  "total ink limited to 300%")
REGISTRY = "http://www.color.org"


@cache
def profile_path() -> Path:
    """The bundled CMYK output profile: inside the installed package, or assets/icc in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "assets" / "icc", package.parent / "assets" / "icc"):
        if (candidate / PROFILE_FILE).is_file():
            return candidate / PROFILE_FILE
    raise FileNotFoundError(f"the bundled press profile is missing (looked in {package / 'assets' / 'icc'})")


@cache
def profile_bytes() -> bytes:
    return profile_path().read_bytes()


@cache
def _transform():
    """sRGB to the press profile's CMYK (made once per process; lcms transforms may be shared)."""
    import io

    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes())), "RGB", "CMYK",
        ImageCms.Intent.RELATIVE_COLORIMETRIC, ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


def rgb_to_cmyk(image):
    """A Pillow RGB image in process inks (a Pillow CMYK image) through the press profile."""
    from PIL import ImageCms

    return ImageCms.applyTransform(image, _transform())


def _colour(value) -> colors.Color:
    """What reportlab may be given as a colour (a Color, a name, an RGB or CMYK tuple) as a Color."""
    if isinstance(value, (tuple, list)):
        return colors.CMYKColor(*value) if len(value) == 4 else colors.Color(*value)
    return colors.toColor(value)


def cmyk_of(value) -> colors.CMYKColor:
    """A colour in process inks: CMYK as it is, a grey as a tint of black ink alone, anything else
    through the press profile. Transparency is kept as given."""
    colour = _colour(value)
    if isinstance(colour, colors.CMYKColor):
        return _plain_cmyk(colour)
    return _converted(round(colour.red, 6), round(colour.green, 6), round(colour.blue, 6), colour.alpha)


def _plain_cmyk(colour: colors.CMYKColor) -> colors.CMYKColor:
    if type(colour) is colors.CMYKColor and colour.density == 1:
        return colour
    d = colour.density
    return colors.CMYKColor(d * colour.cyan, d * colour.magenta, d * colour.yellow, d * colour.black,
                            alpha=colour.alpha)


@lru_cache(maxsize=1024)
def _converted(red: float, green: float, blue: float, alpha: float) -> colors.CMYKColor:
    if red == green == blue:
        return colors.CMYKColor(0, 0, 0, round(1 - red, 4), alpha=alpha)
    from PIL import Image

    pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (red, green, blue)))
    inks = rgb_to_cmyk(pixel).getpixel((0, 0))
    return colors.CMYKColor(*(round(v / 255, 4) for v in inks), alpha=alpha)


def black_of(value) -> colors.CMYKColor:
    """A colour as the tint of black ink that prints its lightness (sRGB luma)."""
    colour = _colour(value)
    if isinstance(colour, colors.CMYKColor):
        c, m, y, k = (colour.density * v for v in (colour.cyan, colour.magenta, colour.yellow, colour.black))
        if not (c or m or y):
            return colors.CMYKColor(0, 0, 0, round(k, 4), alpha=colour.alpha)
        red, green, blue = ((1 - min(1.0, v + k)) for v in (c, m, y))
    else:
        red, green, blue = colour.red, colour.green, colour.blue
    luma = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return colors.CMYKColor(0, 0, 0, round(1 - luma, 4), alpha=colour.alpha)


def converter(inks: str):
    """The colour conversion for `inks` ("cmyk" or "k"), as reportlab's enforceColorSpace callable."""
    return black_of if inks == "k" else cmyk_of


@cache
def press_canvas(base: type, inks: str) -> type:
    """`base` (a reportlab Canvas class) drawing in process inks (see the module's description)."""
    return type(f"Press{base.__name__}", (_PressMixin, base), {"inks": inks})


class _PressMixin(Canvas):
    inks = "cmyk"
    _trimBox: tuple[float, float, float, float] | None
    _bleedBox: tuple[float, float, float, float] | None

    def __init__(self, *args, **kwargs):
        self._fills: list[tuple[float, float, float, float, colors.Color]] = []
        kwargs["enforceColorSpace"] = converter(self.inks)
        super().__init__(*args, **kwargs)
        self._given_boxes = (self._trimBox, self._bleedBox)
        add_output_intent(self._doc)

    def _absolute(self, x: float, y: float, width: float, height: float) -> tuple[float, float, float, float]:
        a, b, c, d, e, f = self._currentMatrix
        xs, ys = [], []
        for px, py in ((x, y), (x + width, y), (x, y + height), (x + width, y + height)):
            xs.append(a * px + c * py + e)
            ys.append(b * px + d * py + f)
        return min(xs), min(ys), max(xs), max(ys)

    def rect(self, x, y, width, height, stroke=1, fill=0):
        if fill:
            self._fills.append((*self._absolute(x, y, width, height), self._fillColorObj))
        return super().rect(x, y, width, height, stroke=stroke, fill=fill)

    def under(self, x: float, y: float) -> colors.CMYKColor:
        """The colour of the last filled rectangle under (x, y) on this page, else the paper's."""
        a, b, c, d, e, f = self._currentMatrix
        ax, ay = a * x + c * y + e, b * x + d * y + f
        for x0, y0, x1, y1, colour in reversed(self._fills):
            if x0 <= ax <= x1 and y0 <= ay <= y1:
                return self._enforceColorSpace(colour)
        return colors.CMYKColor(0, 0, 0, 0)

    def drawImage(self, image, x, y, width=None, height=None, mask=None, **options):
        from reportlab.lib.utils import ImageReader

        from .images import for_press

        picture = _picture(image)
        width = picture.width if width is None else width
        height = picture.height if height is None else height
        printed = for_press(picture, self.under(x + width / 2, y + height / 2), black_only=self.inks == "k")
        return super().drawImage(ImageReader(printed), x, y, width, height, mask=None, **options)

    def linkURL(self, *args, **kwargs):  # a print file carries no links
        return None

    def linkRect(self, *args, **kwargs):
        return None

    def linkAbsolute(self, *args, **kwargs):
        return None

    def showPage(self):
        page = (0, 0, *self._pagesize)
        trim, bleed = self._given_boxes
        self._trimBox, self._bleedBox = trim or page, bleed or trim or page
        super().showPage()
        self._fills = []


def _picture(image):
    """A Pillow image of what reportlab's drawImage was given (an ImageReader or a file name)."""
    from PIL import Image

    picture = getattr(image, "_image", None)
    if picture is None:
        source = getattr(image, "fp", None) or image
        picture = Image.open(source)
    return picture


def add_output_intent(doc) -> None:
    """The printing condition and its profile as the document's output intent (GTS_PDFX)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString, PDFZCompress

    profile = PDFStream(PDFDictionary({"N": 4}), profile_bytes(), filters=[PDFZCompress])
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": PDFString(CONDITION), "OutputCondition": PDFString(CONDITION_TEXT),
        "RegistryName": PDFString(REGISTRY), "Info": PDFString(CONDITION_TEXT),
        "DestOutputProfile": doc.Reference(profile),
    })
    catalog = doc.Catalog
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]  # reportlab lists the keys it writes
    catalog.OutputIntents = PDFArray([intent])
