"""Phrases and a style in, checked reportlab Paragraphs out: the one text layer every material's text
goes through.

It escapes user text (campaign text is never markup), ties the last two words so no paragraph ends
on a line of one word, records every (field, text, face) it is given, and checks them all against
the fonts before anything is drawn, so a missing character is an error naming the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle

from ..localise.copy import Phrase
from . import fonts
from .flowables import Para, shared_paragraph

NBSP = "\u00a0"


def escape(text: str) -> str:
    """&, < and > as entities: user text can never become Paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tie_last_words(text: str) -> str:
    """Join the last two words with a no-break space when both are short, so the last line has two."""
    head, sep, tail = text.rstrip().rpartition(" ")
    if sep and " " in head and len(tail) <= 16 and len(head.rpartition(" ")[2]) + len(tail) <= 28:
        return f"{head}{NBSP}{tail}"
    return text


def bold(markup: str) -> str:
    return f"<font name='{fonts.BOLD}'>{markup}</font>"


@dataclass
class Typesetter:
    """Makes the Paragraphs of one document and checks their glyphs before drawing."""

    entries: list[tuple[str, str, str]] = field(default_factory=list)

    def need(self, text: str, face: str, field_name: str = "label") -> None:
        """Record text that will be drawn some other way (canvas strings, table cells)."""
        self.entries.append((field_name, text, face))

    def para(self, phrase: Phrase | str, style: ParagraphStyle, *, prefix: Phrase | str | None = None,
             bullet: str | None = None, tie: bool = True) -> Para:
        """A Paragraph of `phrase`, escaped, optionally after a bold label and with a bullet."""
        text, field_name = (phrase.text, phrase.field) if isinstance(phrase, Phrase) else (phrase, "label")
        self.need(text, style.fontName, field_name)
        markup = escape(tie_last_words(text) if tie else text)
        if prefix:
            prefix_text = str(prefix)
            self.need(prefix_text, fonts.BOLD)
            markup = f"{bold(escape(prefix_text))} {markup}"
        if bullet is not None:
            self.need(bullet, fonts.BOLD)
        return shared_paragraph(markup, style, bullet)

    def parts(self, pieces: Sequence[tuple[Phrase | str, bool]], style: ParagraphStyle) -> Para:
        """One Paragraph of several pieces, each (phrase, bold), separated by spaces."""
        markup = []
        for piece, is_bold in pieces:
            text, field_name = (piece.text, piece.field) if isinstance(piece, Phrase) else (piece, "label")
            self.need(text, fonts.BOLD if is_bold else style.fontName, field_name)
            markup.append(bold(escape(text)) if is_bold else escape(text))
        return shared_paragraph(" ".join(markup), style, None)

    def url(self, text: str, domain: str, style: ParagraphStyle, width: float, field_name: str) -> Para:
        """A URL with its domain in bold, broken only after / ? & = when it needs several lines."""
        self.need(text, fonts.BOLD, field_name)
        return shared_paragraph(url_markup(text, domain, style.fontSize, width), style, None)

    def check(self) -> None:
        fonts.check_glyphs(self.entries)


def url_markup(url_text: str, domain: str, size: float, width: float) -> str:
    """A URL as Paragraph markup, domain in bold, with explicit breaks after / ? & = where needed."""
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
    markup = "<br/>".join(escape(part) for part in lines)
    shown = escape(domain)
    return markup.replace(shown, bold(shown), 1)
