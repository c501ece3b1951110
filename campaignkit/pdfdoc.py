"""Shared page furniture for platypus documents: palettes, styles, escaping, and checked building.

Inputs are a paper size, a palette and the strings to print; outputs are reportlab flowables and,
from `build`, the finished PDF bytes. Every user string passes `escape` before it reaches a
Paragraph, and every string is checked against the font that will draw it before anything is drawn.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from . import fonts, qr
from .errors import FitError
from .paper import MM, Sheet

NBSP = "\u00a0"


def _xml_escape(text: str) -> str:
    """&, < and > as entities: user text can never become Paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Palette:
    accent: colors.Color
    on_accent: colors.Color
    ink: colors.Color
    muted: colors.Color
    tint: colors.Color
    grayscale: bool = False


def palette(hex_colour: str, grayscale: bool = False) -> Palette:
    """Colours for a campaign accent; grayscale is black on white with light grey tints."""
    ink = colors.HexColor("#161616")
    if grayscale:
        return Palette(colors.black, colors.white, colors.black, colors.HexColor("#4D4D4D"), colors.HexColor("#EBEBEB"), True)
    accent = colors.HexColor(hex_colour)
    tint = colors.Color(*(1 - (1 - c) * 0.12 for c in accent.rgb()))
    return Palette(accent, colors.white, ink, colors.HexColor("#4A4A4A"), tint)


def escape(text: str, *, keep_last_words: bool = True) -> str:
    """User text as Paragraph-safe markup; the last two short words are tied to avoid a lone word."""
    if keep_last_words:
        head, sep, tail = text.rstrip().rpartition(" ")
        if sep and " " in head and len(tail) <= 16 and len(head.rpartition(" ")[2]) + len(tail) <= 28:
            text = f"{head}{NBSP}{tail}"
    return _xml_escape(text)


def url_markup(url_text: str, domain: str, font: str, size: float, width: float) -> str:
    """A URL as Paragraph markup, domain in bold, broken after / ? & = when it needs several lines."""
    chunks, current = [], ""
    for ch in url_text:
        current += ch
        if ch in "/?&=" and not current.endswith("//"):
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    lines, line = [], ""
    for chunk in chunks:
        if line and fonts.string_width(line + chunk, fonts.BOLD, size) > width:
            lines.append(line)
            line = ""
        line += chunk
    lines.append(line)
    markup = "<br/>".join(_xml_escape(l) for l in lines)
    bold_domain = _xml_escape(domain)
    return markup.replace(bold_domain, f"<font name='{fonts.BOLD}'>{bold_domain}</font>", 1)


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the last width it was wrapped to.

    Platypus wraps the same paragraph several times (to measure, to keep blocks together, to place
    it); the breaks depend only on the width, so later wraps at that width cost nothing.
    """

    _wrapped_at = None

    def wrap(self, available_width, available_height):
        if self._wrapped_at == available_width:
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        self._wrapped_at = available_width
        return size

    def split(self, available_width, available_height):
        self._wrapped_at = None  # splitting may re-break the lines; wrap afresh afterwards
        return super().split(available_width, available_height)


_PARAGRAPHS: dict = {}
_MAX_CACHED = 4096


def paragraph(markup: str, st: ParagraphStyle, bullet: str | None = None) -> Para:
    """A shared Para for this markup, style and bullet: parsed once per process, reused by every
    document (paragraphs keep no per-document state between builds)."""
    key = (markup, st.name, id(st), bullet)
    found = _PARAGRAPHS.get(key)
    if found is None:
        if len(_PARAGRAPHS) >= _MAX_CACHED:
            _PARAGRAPHS.clear()
        found = _PARAGRAPHS[key] = Para(markup, st, bulletText=bullet) if bullet is not None else Para(markup, st)
    return found


_STYLES: dict = {}


def style(name: str, font: str, size: float, colour, *, leading: float = 1.3, **extra) -> ParagraphStyle:
    """A paragraph style, made once per distinct set of arguments (so paragraphs can be shared)."""
    key = (name, font, size, str(colour), leading, tuple(sorted((k, str(v)) for k, v in extra.items())))
    found = _STYLES.get(key)
    if found is None:
        found = _STYLES[key] = _make_style(name, font, size, colour, leading=leading, **extra)
    return found


def _make_style(name: str, font: str, size: float, colour, *, leading: float, **extra) -> ParagraphStyle:
    extra.setdefault("alignment", TA_LEFT)
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=size * leading,
        textColor=colour,
        allowWidows=0,
        allowOrphans=0,
        **extra,
    )


@dataclass
class Checked:
    """Collects every (field, text, font) a material will print, for the glyph check."""

    entries: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, field_name: str, text: str, font: str) -> None:
        self.entries.append((field_name, text, font))

    def para(
        self, text: str, st: ParagraphStyle, field_name: str, *, prefix: str = "", bullet: str | None = None,
        tie: bool = True,
    ):
        """A Paragraph of escaped user text, optionally after a bold label (not user text)."""
        self.add(field_name, text, st.fontName)
        markup = escape(text, keep_last_words=tie)
        if prefix:
            self.add("label", prefix, fonts.BOLD)
            markup = f"<font name='{fonts.BOLD}'>{_xml_escape(prefix)}</font> {markup}"
        if bullet is not None:
            self.add("label", bullet, fonts.BOLD)
        return paragraph(markup, st, bullet)

    def check(self) -> None:
        fonts.check_glyphs(self.entries)


class QRCode(Flowable):
    """A vector QR code of fixed size, as a flowable."""

    def __init__(self, data: str, size: float, field_name: str):
        super().__init__()
        self.data, self.size, self.field_name = data, size, field_name

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        qr.draw(self.canv, self.data, 0, 0, self.size, field=self.field_name)


class Band(Flowable):
    """A headline on a coloured band that runs to the page edges (and into any bleed), with the
    campaign's logo on the right when it has one."""

    def __init__(self, content: list[Flowable], pal: Palette, sheet: Sheet, pad: float, logo=None):
        super().__init__()
        self.content, self.pal, self.sheet, self.pad = content, pal, sheet, pad
        self.logo = logo  # (PlacedImage, width in points, height in points) or None
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, available_width, available_height):
        text_width = available_width - (self.logo[1] + 5 * MM if self.logo else 0)
        self._sizes = [f.wrap(text_width, available_height) for f in self.content]
        self.width = available_width
        self.height = max(sum(h for _, h in self._sizes), self.logo[2] if self.logo else 0) + 2 * self.pad
        return self.width, self.height

    def draw(self):
        canv = self.canv
        sheet = self.sheet
        ax, ay = canv.absolutePosition(0, 0)
        edge = sheet.offset - sheet.bleed  # the band runs to the trim, or into the bleed when there is one
        canv.saveState()
        if self.pal.grayscale:
            canv.setFillColor(colors.black)
            canv.rect(0, 0, self.width, 2.2, stroke=0, fill=1)
        else:
            canv.setFillColor(self.pal.accent)
            top = sheet.offset + sheet.height + sheet.bleed
            canv.rect(edge - ax, 0, sheet.width + 2 * sheet.bleed, top - ay, stroke=0, fill=1)
        canv.restoreState()
        y = self.height - self.pad
        for flowable, (_, h) in zip(self.content, self._sizes):
            y -= h
            flowable.drawOn(canv, 0, y)
        if self.logo:
            from reportlab.lib.utils import ImageReader

            image, w, h = self.logo
            canv.drawImage(ImageReader(io.BytesIO(image.png)), self.width - w, self.height - self.pad - h, w, h,
                           mask="auto")


def band_logo(campaign):
    """The campaign's logo for a headline band, at most 26 x 20 mm: (image, width, height) in points."""
    if not campaign.logo:
        return None
    from .images import fit_logo

    image, width, height = fit_logo(campaign.logo, 26, 20)
    return image, width * MM, height * MM


class PushToBottom(Flowable):
    """Stacks its flowables at the bottom of the space left on the page, or moves to the next page."""

    def __init__(self, content: list[Flowable]):
        super().__init__()
        self.content = content
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, available_width, available_height):
        self._sizes = [f.wrapOn(self.canv, available_width, available_height) for f in self.content]
        needed = sum(h for _, h in self._sizes)
        self.width = available_width
        self.height = max(needed, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        y = sum(h for _, h in self._sizes)
        for flowable, (_, h) in zip(self.content, self._sizes):
            y -= h
            flowable.drawOn(self.canv, 0, y)


def table_commands(valign: str = "TOP", vpad: float = 4, hpad: float = 0) -> list:
    """The TableStyle commands every campaignkit table starts from: bundled font, given padding."""
    return [
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
        ("LEFTPADDING", (0, 0), (-1, -1), hpad),
        ("RIGHTPADDING", (0, 0), (-1, -1), hpad),
        ("TOPPADDING", (0, 0), (-1, -1), vpad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), vpad),
    ]


def _forget_earlier_builds(flowables) -> None:
    """Clear the mark platypus leaves on a flowable it moved to the next frame: shared paragraphs
    would otherwise carry it into the next document and be taken as too large."""
    from reportlab.platypus import KeepTogether

    for f in flowables:
        f.__dict__.pop("_postponed", None)
        if isinstance(f, KeepTogether):
            _forget_earlier_builds(f._content)
        elif isinstance(f, PushToBottom):
            _forget_earlier_builds(f.content)


def build(doc, story: list[Flowable], checked: Checked, **page_callbacks) -> bytes:
    """Check every glyph, lay out `story` with `doc` into memory, and return the PDF bytes."""
    from reportlab.platypus.doctemplate import LayoutError

    checked.check()
    _forget_earlier_builds(story)
    try:
        doc.build(story, **page_callbacks)
    except LayoutError as exc:
        raise FitError(f"a block of text is too large for one page even on its own ({exc})") from None
    return doc.filename.getvalue()

