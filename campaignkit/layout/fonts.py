"""Font names in, registered reportlab fonts and glyph checks out; fonts come only from assets/fonts.

Four faces of Noto Sans cover English, Russian, Kazakh (Cyrillic and Latin) and the tenge sign:
`BODY` (Regular), `BOLD`, `DISPLAY` (Condensed Black) and `DISPLAY_NARROW` (Extra Condensed Black,
for long words on placards). Each is parsed once per process, when first used.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from ..errors import GlyphError

BODY = "CK-Body"
BOLD = "CK-Bold"
DISPLAY = "CK-Display"
DISPLAY_NARROW = "CK-Display-Narrow"  # for slogans whose longest word would otherwise set them small
OF_WEIGHT = {"regular": BODY, "bold": BOLD, "display": DISPLAY, "narrow": DISPLAY_NARROW}
WEIGHT_OF = {name: weight for weight, name in OF_WEIGHT.items()}
SUBSETS_KEPT = 32  # per face
FILES = {
    BODY: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    DISPLAY: "NotoSans-CondensedBlack.ttf",
    DISPLAY_NARROW: "NotoSans-ExtraCondensedBlack.ttf",
}


@cache
def font_dir() -> Path:
    """The bundled font folder: inside the installed package, or assets/fonts in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "assets" / "fonts", package.parent / "assets" / "fonts"):
        if (candidate / FILES[BODY]).is_file():
            return candidate
    raise FileNotFoundError(f"the bundled fonts are missing (looked in {package / 'assets' / 'fonts'})")


@cache
def register(name: str) -> str:
    """Register one bundled face with reportlab (once) and return its name."""
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(_load_font(name))
    if name == BODY:
        # Paragraph markup <b> needs the family; the bold face itself loads on first use.
        pdfmetrics.registerFontFamily(BODY, normal=BODY, bold=BOLD, italic=BODY, boldItalic=BOLD)
    return name


def _load_font(name: str):
    """A reportlab TTFont for a bundled face, parsed from the file itself (never from a cache: the
    character-to-glyph map decides what is printed), that remembers the subsets it has made."""
    from reportlab.pdfbase import ttfonts

    # reportlab keeps printable ASCII at its own codes in the first subset (asciiReadable). Without that
    # the PDF is smaller (the A4 leaflet 33 KB, not 46 KB), but a PDF printed through CUPS to PDF
    # (ghostscript) loses the text of half its words.
    font = ttfonts.TTFont(name, str(font_dir() / FILES[name]))
    font.face.makeSubset = _remembered(font.face.makeSubset)
    return font


def _remembered(make_subset):
    """`make_subset(glyphs)` (the embedded font program for one subset, the same bytes for the same glyphs)
    remembered for the last few glyph lists: the next leaflet of a batch embeds the same subsets."""
    made: dict[tuple[int, ...], bytes] = {}

    def subset(glyphs):
        key = tuple(glyphs)
        found = made.get(key)
        if found is None:
            found = made[key] = make_subset(glyphs)
            if len(made) > SUBSETS_KEPT:
                del made[next(iter(made))]
        return found

    return subset


def register_all() -> None:
    """The faces every material uses (the narrow display face registers when a placard needs it)."""
    for name in (BODY, BOLD, DISPLAY):
        register(name)


@cache
def _cmap(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register(name)
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


@lru_cache(maxsize=8192)
def missing_glyphs(text: str, name: str) -> tuple[str, ...]:
    """The distinct characters of `text` that the face `name` cannot draw, in order of appearance."""
    cmap = _cmap(name)
    seen: list[str] = []
    for ch in text:
        if not ch.isspace() and ord(ch) not in cmap and ch not in seen:
            seen.append(ch)
    return tuple(seen)


def check_glyphs(fields: Iterable[tuple[str, str, str]]) -> None:
    """Raise GlyphError for the first (field, text, font) whose text the font cannot draw."""
    for field, text, name in fields:
        missing = list(missing_glyphs(text, name))
        if missing:
            raise GlyphError(field, missing, FILES[name].removesuffix(".ttf"))


def string_width(text: str, name: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register(name)
    return stringWidth(text, name, size)
