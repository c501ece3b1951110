"""Phrases and a style in, checked reportlab Paragraphs (and measured, drawn lines) out: the one text
layer every material's text goes through.

It escapes user text (campaign text is never markup), ties the last two words so no paragraph ends
on a line of one word, records every (field, text, face) it is given, and checks them all against
the fonts before anything is drawn, so a missing character is an error naming the field.

Text the plain Latin/Cyrillic faces print left to right goes through reportlab as it always has.
Anything else (Arabic, Hebrew, Devanagari, Chinese, a Latin name inside Arabic...) goes through
`scripts`: each run in the face that covers it, shaped, in Unicode bidi order. In a right-to-left
document paragraphs are flush right and bullets (demand numbers) stand at their right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ..errors import CampaignDataError, FitError, GlyphError
from ..localise.copy import Phrase, SourceCopy
from . import fonts, scripts
from .flowables import WithParagraph, shared_paragraph
from .links import LinkedLines, linked
from .markup import escape
from .paper import MM

NBSP = "\u00a0"
_HYPHENATED_FACES = frozenset({fonts.BODY, fonts.BOLD})
URL_BREAKS = "/?&="


def tie_last_words(text: str) -> str:
    """Join the last two words with a no-break space when both are short, so the last line has two."""
    head, sep, tail = text.rstrip().rpartition(" ")
    if sep and " " in head and len(tail) <= 16 and len(head.rpartition(" ")[2]) + len(tail) <= 28:
        return f"{head}{NBSP}{tail}"
    return text


def bold(markup: str) -> str:
    return f"<font name='{fonts.BOLD}'>{markup}</font>"


@lru_cache(maxsize=16)
def faces_for(font_files: tuple[str, ...] = ()) -> scripts.Faces:
    """The faces for a campaign: the bundled ones, then the font files it names (for CJK and any script
    campaignkit does not bundle); CJK faces are otherwise looked up on the system when text needs them."""
    if not font_files:
        return scripts.default_faces()
    for n, path in enumerate(font_files):
        if not scripts.embeddable(path):
            raise CampaignDataError(f"{path} is not a TrueType font with glyf outlines, which a PDF can embed "
                                    "(OpenType CFF fonts such as Noto CJK cannot be used)", path=f"fonts[{n}]")
    return scripts.Faces(extra=font_files)


def weight_of(font: str) -> str:
    return fonts.WEIGHT_OF[font]


@lru_cache(maxsize=16384)
def is_plain(text: str, font: str, faces: scripts.Faces) -> bool:
    """True when the face `font` prints all of `text` left to right, unshaped: reportlab's own path.
    Remembered per text, face and set of faces (a leaflet asks again for every type size it tries)."""
    return not fonts.missing_glyphs(text, font) and not scripts.needs_scripts(text, weight_of(font), faces)


def text_width(text: str, font: str, size: float, faces: scripts.Faces | None = None) -> float:
    """The printed width of one line: reportlab's for plain text, the sum of shaped runs otherwise."""
    faces = faces or scripts.default_faces()
    if is_plain(text, font, faces):
        return fonts.string_width(text, font, size)
    return scripts.line_width(text, size, weight_of(font), faces)


def draw_text(canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "left",
              faces: scripts.Faces | None = None) -> float:
    """Draw one line at baseline y, its left edge, centre or right edge ("left", "centre", "right") at x;
    returns its width. The canvas's fill colour is used."""
    faces = faces or scripts.default_faces()
    if is_plain(text, font, faces):
        fonts.register(font)
        canvas.setFont(font, size)
        {"left": canvas.drawString, "centre": canvas.drawCentredString, "right": canvas.drawRightString}[anchor](
            x, y, text)
        return fonts.string_width(text, font, size)
    rtl = scripts.direction(text) == "rtl"
    relative = {"centre": "middle", "left": "end" if rtl else "start", "right": "start" if rtl else "end"}[anchor]
    return scripts.draw_line(canvas, x, y, text, size, weight_of(font), anchor=relative, faces=faces)


def check_glyphs(entries: Iterable[tuple[str, str, str]], faces: scripts.Faces | None = None) -> None:
    """Raise GlyphError for the first (field, text, font) that no face can print, naming the field and
    the characters (and, for Chinese, Japanese or Korean without a font, how to install one)."""
    faces = faces or scripts.default_faces()
    for field_name, text, font in entries:
        if not fonts.missing_glyphs(text, font):
            continue
        try:
            missing = faces.missing(text, weight_of(font))
        except ValueError as exc:  # a system face that cannot be embedded
            raise GlyphError(field_name, list(fonts.missing_glyphs(text, font)), hint=str(exc)) from None
        if not missing:
            continue
        for ch in missing:
            script = scripts.script_of(ch)
            if script in scripts.CJK_SCRIPTS and faces.face(script, weight_of(font)) is None:
                raise GlyphError(field_name, [c for c in missing if scripts.script_of(c) == script],
                                 hint=scripts.missing_face_message(script))
        raise GlyphError(field_name, missing)


@dataclass
class Typesetter:
    """Makes the Paragraphs of one document and checks their glyphs before drawing.

    `direction` is the document's ("rtl" mirrors alignment and bullets); `font_files` are the campaign's
    own fonts."""

    direction: str = "ltr"
    font_files: tuple[str, ...] = ()
    entries: list[tuple[str, str, str]] = field(default_factory=list)
    hyphenate: Callable[[str], str] | None = None  # where a word too wide for its line may break

    @classmethod
    def of(cls, copy) -> Typesetter:
        """The typesetter for a `Copy`: its direction, its fonts and its language's hyphenation."""
        return cls(copy.direction, tuple(copy.fonts), hyphenate=copy.hyphenate)

    @property
    def faces(self) -> scripts.Faces:
        return faces_for(self.font_files)

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def need(self, text: str, face: str, field_name: str = "label") -> None:
        """Record text that will be drawn some other way (canvas strings, table cells)."""
        self.entries.append((field_name, text, face))

    def para(self, phrase: Phrase | str, style: ParagraphStyle, *, prefix: Phrase | str | None = None,
             bullet: str | None = None, tie: bool = True) -> Flowable:
        """A Paragraph of `phrase`, escaped, optionally after a bold label and with a bullet."""
        text, field_name = _text_and_field(phrase)
        self.need(text, style.fontName, field_name)
        pieces = [(tie_last_words(text) if tie else text, style.fontName, False)]
        if prefix:
            self.need(str(prefix), fonts.BOLD)
            pieces.insert(0, (str(prefix), fonts.BOLD, True))
        if bullet is not None:
            self.need(bullet, style.bulletFontName or fonts.BOLD)
        return self._paragraph(pieces, style, bullet)

    def parts(self, pieces: Sequence[tuple[Phrase | str, bool]], style: ParagraphStyle) -> Flowable:
        """One Paragraph of several pieces, each (phrase, bold), separated by spaces."""
        out = []
        for piece, is_bold in pieces:
            text, field_name = _text_and_field(piece)
            font = fonts.BOLD if is_bold else style.fontName
            self.need(text, font, field_name)
            out.append((text, font, is_bold))
        return self._paragraph(out, style, None)

    def url(self, text: str, domain: str, style: ParagraphStyle, width: float, field_name: str, *,
            href: str) -> Flowable:
        """A URL with its domain in bold, broken only after / ? & = when it needs several lines; always
        printed left to right, each line a link to `href` (the address its QR code holds)."""
        self.need(text, fonts.BOLD, field_name)
        if is_plain(text, fonts.BOLD, self.faces):
            return shared_paragraph(url_markup(text, domain, style.fontSize, width, field_name, href), style, None)
        lines = url_lines(text, style.fontSize, width, self.faces, field_name)
        head, found, _ = text.partition(domain)
        weights = [style.fontName] * len(text)
        if found:
            weights[len(head):len(head) + len(domain)] = [fonts.BOLD] * len(domain)
        styled = scripts.Styled("\n".join(lines), tuple(_with_breaks(lines, [weight_of(w) for w in weights])))
        return LinkedLines(scripts.ScriptParagraph(styled, style, faces=self.faces, base="ltr"), href)

    def cited(self, phrase: Phrase | str, style: ParagraphStyle, source: SourceCopy | None) -> Flowable:
        """`para` of a phrase followed by its source's reference number ("[2]"), which links to the
        source's address where reportlab sets the paragraph itself."""
        text, field_name = _text_and_field(phrase)
        if source is None:
            return self.para(phrase, style)
        ref = f"[{source.number}]"
        whole = tie_last_words(f"{text}{NBSP}{ref}")
        if not is_plain(whole, style.fontName, self.faces):
            return self.para(Phrase(whole, field_name), style, tie=False)
        self.need(whole, style.fontName, field_name)
        markup = escape(whole[:-len(ref)]) + linked(escape(ref), source.url.ascii)
        return shared_paragraph(markup, style, None, self._hyphenation(style))

    def draw(self, canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "left") -> float:
        """`draw_text` with this document's faces."""
        return draw_text(canvas, x, y, text, font, size, anchor, self.faces)

    def width(self, text: str, font: str, size: float) -> float:
        """`text_width` with this document's faces."""
        return text_width(text, font, size, self.faces)

    def check(self) -> None:
        check_glyphs(self.entries, self.faces)

    def _hyphenation(self, style: ParagraphStyle) -> Callable[[str], str] | None:
        """How words too wide for a line of this style may break: only text faces are hyphenated (display
        type takes a smaller size or a narrower face instead)."""
        return self.hyphenate if style.fontName in _HYPHENATED_FACES else None

    def _paragraph(self, pieces: list[tuple[str, str, bool]], style: ParagraphStyle,
                   bullet: str | None) -> Flowable:
        """A paragraph of (text, font, set in bold markup) pieces, joined by spaces."""
        faces = self.faces
        if all(is_plain(text, font, faces) for text, font, _ in pieces):
            markup = " ".join(bold(escape(text)) if in_bold else escape(text) for text, _, in_bold in pieces)
            hyphenate = self._hyphenation(style)
            if not self.rtl or bullet is None:
                return shared_paragraph(markup, style, bullet, hyphenate)
            return EndBullet(shared_paragraph(markup, _mirrored_indents(style), None, hyphenate), bullet, style, faces)
        styled = scripts.Styled.of([(text, weight_of(font)) for text, font, _ in pieces])
        base = scripts.direction(styled.text, self.direction)
        if bullet is None:
            return scripts.ScriptParagraph(styled, style, faces=faces, base=base)
        if not self.rtl:
            return EndBullet(scripts.ScriptParagraph(styled, style, faces=faces, base=base), bullet, style, faces,
                             at_end=False)
        return EndBullet(scripts.ScriptParagraph(styled, _mirrored_indents(style), faces=faces, base=base),
                         bullet, style, faces)


def _text_and_field(phrase: Phrase | str) -> tuple[str, str]:
    return (phrase.text, phrase.field) if isinstance(phrase, Phrase) else (phrase, "label")


def _mirrored_indents(style: ParagraphStyle) -> ParagraphStyle:
    return style.clone(f"{style.name}-mirrored", leftIndent=style.rightIndent, rightIndent=style.leftIndent)


def _with_breaks(lines: list[str], weights: list[str]) -> list[str]:
    """The weights of the URL's characters with one for each line break put between its lines."""
    out, i = [], 0
    for n, line in enumerate(lines):
        out += weights[i:i + len(line)]
        i += len(line)
        if n < len(lines) - 1:
            out.append(out[-1])
    return out


class EndBullet(WithParagraph):
    """A paragraph with its bullet (a demand number, a dot) drawn beside its first line: in the right
    margin for right-to-left text (`at_end`), in the left one otherwise. The paragraph's style gives the
    bullet's indent, face and colour; the paragraph itself carries no bullet."""

    def __init__(self, para: Flowable, bullet: str, style: ParagraphStyle, faces: scripts.Faces,
                 at_end: bool = True):
        super().__init__(para)
        self.bullet, self.bullet_style, self.faces, self.at_end = bullet, style, faces, at_end

    def wrap(self, available_width, available_height):
        super().wrap(available_width, available_height)
        self.width = available_width
        return self.width, self.height

    def split(self, available_width, available_height):
        parts = self.para.split(available_width, available_height)
        if not parts:
            return []
        return [EndBullet(parts[0], self.bullet, self.bullet_style, self.faces, self.at_end), *parts[1:]]

    def draw(self):
        super().draw()
        st = self.bullet_style
        bl = self.para.blPara
        first = bl.lines[0] if bl.kind == 1 and bl.lines else bl
        # where reportlab puts the first baseline (rl_config.paraFontSizeHeightOffset)
        baseline = self.height - (st.fontSize if rl_config.paraFontSizeHeightOffset
                                  else getattr(first, "ascent", st.fontSize))
        self.canv.saveState()
        self.canv.setFillColor(getattr(st, "bulletColor", None) or st.textColor)
        font = st.bulletFontName or fonts.BOLD
        size = st.bulletFontSize or st.fontSize
        if self.at_end:
            draw_text(self.canv, self.width - st.bulletIndent, baseline, self.bullet, font, size, "right", self.faces)
        else:
            draw_text(self.canv, st.bulletIndent, baseline, self.bullet, font, size, "left", self.faces)
        self.canv.restoreState()


def _url_chunks(url_text: str) -> list[str]:
    """The URL cut after each / ? & = past the scheme: the first chunk is the scheme and host."""
    scheme, sep, rest = url_text.partition("://")
    if not sep:
        scheme, rest = "", url_text
    chunks, current = [], scheme + sep
    for ch in rest:
        current += ch
        if ch in URL_BREAKS:
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    return chunks


def _host_pieces(chunk: str) -> list[str]:
    """A chunk cut after its dots and hyphens: where a host too wide for a line may break, because a
    reader (and `verify`) joins it there; never inside a label."""
    pieces, piece = [], ""
    for ch in chunk:
        piece += ch
        if ch in ".-":
            pieces.append(piece)
            piece = ""
    if piece:
        pieces.append(piece)
    return pieces


def url_lines(url_text: str, size: float, width: float, faces: scripts.Faces | None = None,
              field_name: str = "url") -> list[str]:
    """A URL cut into lines no wider than `width` (in the bold face): after / ? & =; a host too wide for a
    line after its dots and hyphens (FitError when one label is wider than a line), a longer path after
    its hyphens, underscores and dots, and a piece still too long anywhere."""
    chunks = []
    for n, chunk in enumerate(_url_chunks(url_text)):
        if text_width(chunk, fonts.BOLD, size, faces) <= width:
            chunks.append(chunk)
        elif n == 0:  # the scheme and host
            for piece in _host_pieces(chunk):
                if text_width(piece, fonts.BOLD, size, faces) > width:
                    raise FitError(f"{field_name}: “{piece.rstrip('.-')}” is too long to print on one line in a "
                                   f"{width / MM:.0f} mm column; use a shorter URL")
                chunks.append(piece)
        else:  # past the host a URL may break anywhere (readers and verify join it): best after - _ .
            for piece in re.findall(r"[^-_.]*[-_.]?", chunk):
                fits = text_width(piece, fonts.BOLD, size, faces) <= width
                chunks.extend([piece] if fits else list(piece))
    lines, line = [], ""
    for chunk in chunks:
        if line and text_width(line + chunk, fonts.BOLD, size, faces) > width:
            lines.append(line)
            line = ""
        line += chunk
    lines.append(line)
    return lines


def url_markup(url_text: str, domain: str, size: float, width: float, field_name: str = "url",
               href: str | None = None) -> str:
    """A URL as Paragraph markup, domain in bold, with explicit breaks where it needs several lines;
    with `href`, each line is a link to it."""
    lines = url_lines(url_text, size, width, field_name=field_name)
    start = url_text.find(domain)
    end = start + len(domain) if start >= 0 else -1
    out, at = [], 0
    for line in lines:
        # the domain in bold, even when the line break falls inside it
        a, b = max(start, at), min(end, at + len(line))
        if start >= 0 and a < b:
            markup = escape(url_text[at:a]) + bold(escape(url_text[a:b])) + escape(url_text[b:at + len(line)])
        else:
            markup = escape(line)
        out.append(linked(markup, href) if href else markup)
        at += len(line)
    return "<br/>".join(out)
