"""A theme and a campaign colour in, the look every material shares out: palette, margins, type scale
and the named paragraph styles built from them.

Materials ask for a style by its role ("heading", "demand", "small"); sizes come from one type scale
(a body size and a display size) so a change here changes every material alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from . import fonts
from .paper import MM

MIN_BODY = 9.0  # body text never goes below this
MIN_SMALL = 8.0  # notes, captions and references never go below this
MARGINS_MM = {"A5": 11.0, "half-letter": 11.0, "A4": 14.0, "letter": 14.0}
PLACARD_MARGIN_MM = 12.0


@dataclass(frozen=True)
class Theme:
    """What a user may change about the look of every material."""

    accent: str | None = None  # "#RRGGBB"; None means the campaign's colour
    margin_mm: float | None = None  # None means the paper's usual margin
    grayscale: bool = False  # black on white with grey tints, for photocopiers
    press: bool = False  # CMYK for a print shop: text in black ink only, the accent in process inks

    @property
    def inks(self) -> str:
        """What the colours are printed with: "rgb" (screens and home printers), "cmyk" (a print
        shop) or "k" (a print shop, black ink only)."""
        if not self.press:
            return "rgb"
        return "k" if self.grayscale else "cmyk"

    def margin(self, paper: str) -> float:
        """The page margin in points for a paper name."""
        if self.margin_mm is not None:
            return self.margin_mm * MM
        return MARGINS_MM.get(str(paper), PLACARD_MARGIN_MM) * MM


@dataclass(frozen=True)
class Palette:
    """The colours a material prints in: accent, text on it, ink, muted, tint and rules."""

    accent: colors.Color
    on_accent: colors.Color  # text printed on the accent colour
    ink: colors.Color
    muted: colors.Color
    tint: colors.Color  # a light wash of the accent, behind calls and table heads
    rule: colors.Color
    grayscale: bool = False


def palette(theme: Theme, campaign_colour: str) -> Palette:
    """The colours of a theme for a campaign (the theme's accent wins over the campaign's), in process
    inks when the theme is for a print shop."""
    if theme.grayscale:
        grey = colors.HexColor("#4D4D4D")
        pal = Palette(colors.black, colors.white, colors.black, grey, colors.HexColor("#EBEBEB"), grey, True)
    else:
        accent = colors.HexColor(theme.accent or campaign_colour)
        tint = colors.Color(*(1 - (1 - c) * 0.12 for c in accent.rgb()))
        pal = Palette(accent, colors.white, colors.HexColor("#161616"), colors.HexColor("#4A4A4A"), tint,
                      colors.HexColor("#8A8A8A"))
    return _in_process_inks(pal) if theme.press else pal


def _in_process_inks(pal: Palette) -> Palette:
    """A palette for a print shop: text in black ink alone, greys as tints of black, the accent converted
    with the bundled press profile and its wash a 12 % screen of the same inks."""
    from .press import cmyk_of

    accent = cmyk_of(pal.accent)
    tint = cmyk_of(pal.tint) if pal.grayscale else colors.CMYKColor(
        *(round(v * 0.12, 4) for v in (accent.cyan, accent.magenta, accent.yellow, accent.black)))
    return Palette(accent, cmyk_of(pal.on_accent), colors.CMYKColor(0, 0, 0, 1), cmyk_of(pal.muted), tint,
                   cmyk_of(pal.rule), pal.grayscale)


@dataclass(frozen=True)
class TypeScale:
    """Type sizes in points, derived from a body size and a display (headline) size."""

    body: float
    display: float

    def size(self, role: str) -> float:
        factor = _FACTORS[role]
        if factor is None:
            return self.display
        return max(self.body * factor, MIN_SMALL if factor < 1 else MIN_BODY)


_FACTORS: dict[str, float | None] = {
    "headline": None, "kicker": 1.1, "lead": 1.0, "body": 1.0, "demand": 1.15, "heading": 1.25, "section": 1.6,
    "box_head": 1.7, "figure": 2.4, "cell": 0.95, "note": 0.85, "small": 0.8, "caption": 0.75,
}


class Styles:
    """Named paragraph styles for one palette, type scale and writing direction."""

    def __init__(self, pal: Palette, scale: TypeScale, direction: str = "ltr"):
        fonts.register_all()
        self.pal, self.scale, self.direction = pal, scale, direction

    def __call__(self, role: str, **overrides: object) -> ParagraphStyle:
        return _style(role, self.pal, self.scale, self.direction, tuple(sorted(overrides.items())))


_ROLES: dict[str, tuple[str, float, str, dict[str, float]]] = {
    # role: (face, leading, colour, extra)
    "headline": (fonts.DISPLAY, 1.08, "on_accent", {}),
    "kicker": (fonts.BOLD, 1.2, "on_accent", {"spaceAfter": 3}),
    "lead": (fonts.BODY, 1.36, "ink", {"spaceAfter": 0.5}),
    "body": (fonts.BODY, 1.36, "ink", {"spaceAfter": 0.5}),
    "heading": (fonts.BOLD, 1.25, "accent", {"spaceBefore": 0.5, "spaceAfter": 0.25}),
    "section": (fonts.DISPLAY, 1.15, "accent", {"spaceBefore": 0.75, "spaceAfter": 0.4}),
    "demand": (fonts.BOLD, 1.3, "ink", {"spaceAfter": 0.35}),
    "call": (fonts.BODY, 1.38, "ink", {"spaceBefore": 0.8, "spaceAfter": 1.0}),
    "small": (fonts.BODY, 1.3, "muted", {"spaceAfter": 0.4}),
    "note": (fonts.BODY, 1.35, "muted", {}),
    "caption": (fonts.BODY, 1.3, "muted", {}),
    "cell": (fonts.BODY, 1.35, "ink", {}),
    "cell_bold": (fonts.BOLD, 1.25, "ink", {}),
    "date": (fonts.BOLD, 1.25, "accent", {}),
    "figure": (fonts.DISPLAY, 1.05, "accent", {"spaceAfter": 0.15}),
    "box_head": (fonts.DISPLAY, 1.1, "on_accent", {}),
    "box_title": (fonts.BOLD, 1.25, "on_accent", {}),
    "box_text": (fonts.BODY, 1.3, "on_accent", {}),
    "qr_head": (fonts.BOLD, 1.25, "ink", {}),
    "qr_text": (fonts.BODY, 1.3, "ink", {}),
}
_SIZE_OF = {"call": "body", "cell_bold": "cell", "date": "cell", "box_title": "demand", "box_text": "body",
            "qr_head": "small", "qr_text": "small"}


@lru_cache(maxsize=512)
def _style(role: str, pal: Palette, scale: TypeScale, direction: str, overrides: tuple) -> ParagraphStyle:
    face, leading, colour_name, extra = _ROLES[role]
    size = scale.size(_SIZE_OF.get(role, role))
    colour = getattr(pal, colour_name)
    if pal.grayscale and colour_name == "on_accent":
        colour = pal.ink  # grayscale bands and boxes are outlined, not filled
    settings: dict[str, object] = {key: value * size if key.startswith("space") else value
                                   for key, value in extra.items()}
    settings.update(fontName=face, fontSize=size, leading=size * leading, textColor=colour, allowWidows=0,
                    allowOrphans=0, alignment=TA_RIGHT if direction == "rtl" else TA_LEFT)
    settings.update(dict(overrides))
    return ParagraphStyle(f"{role}-{size:g}", **settings)
