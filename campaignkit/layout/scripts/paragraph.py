"""Text and a style in, a reportlab Paragraph out whose lines are broken and bidi-ordered here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape as xml_escape

from .base import _STRONG_RTL, Run
from .bidi import direction, visual_text
from .faces import Faces
from .shaping import run_width


def line_markup(runs: list[Run]) -> str:
    """Paragraph markup for one line of visually ordered runs: escaped text in `<font>` tags.
    User text never becomes markup."""
    return "".join(f'<font name="{r.face.name}">{xml_escape(visual_text(r))}</font>' for r in runs)


@dataclass(frozen=True)
class Styled:
    """Text with a weight for each character: a bold label and the plain text after it, say."""

    text: str
    weights: tuple[str, ...]

    @classmethod
    def of(cls, pieces: Sequence[tuple[str, str]]) -> Styled:
        """Pieces of (text, weight), whitespace collapsed, joined by single spaces."""
        text, weights = "", list[str]()
        for piece, weight in pieces:
            words = " ".join(piece.split())
            if not words:
                continue
            if text:
                text += " "
                weights.append(weights[-1])
            text += words
            weights += [weight] * len(words)
        return cls(text, tuple(weights))

    def __getitem__(self, span: slice) -> Styled:
        return Styled(self.text[span], self.weights[span])

    def words(self) -> list[tuple[int, int]]:
        """(start, end) of each word: the stretches between spaces and line breaks (a no-break space
        joins words)."""
        return [m.span() for m in re.finditer(r"[^ \n]+", self.text)]


def break_styled(styled: Styled, faces: Faces, size: float, width: float, base: str) -> list[Styled]:
    """Greedy line breaking at spaces with shaped widths; a word wider than `width` gets a line of its own,
    and a line break ("\n") always starts a new line.

    Thai, which is written without spaces between words, breaks only at the spaces it has."""
    spans = styled.words()
    if not spans:
        return []
    space = max(run_width(Run(" ", faces.latin(styled.weights[0])), size), 0.0)
    lines: list[Styled] = []
    first = spans[0][0]
    line_end, current_width = None, 0.0
    for start, end in spans:
        word = styled[start:end]
        w = sum(run_width(r, size) for r in faces.runs(word.text, word.weights, base))
        forced = line_end is not None and "\n" in styled.text[line_end:start]
        if line_end is not None and (forced or current_width + space + w > width):
            lines.append(styled[first:line_end])
            first, current_width = start, 0.0
        elif line_end is not None:
            current_width += space
        current_width += w
        line_end = end
    lines.append(styled[first:line_end])
    return lines


def break_lines(text: str, faces: Faces, weight: str, size: float, width: float, base: str) -> list[str]:
    """`break_styled` for text of one weight."""
    return [line.text for line in break_styled(Styled.of([(text, weight)]), faces, size, width, base)]


_DEFAULT: Faces | None = None


def default_faces() -> Faces:
    """The faces from the bundled folder and, for CJK, from fontconfig."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Faces()
    return _DEFAULT


def needs_scripts(text: str, weight: str = "regular", faces: Faces | None = None) -> bool:
    """False when the Latin face prints all of `text` left to right: today's plain path stays exact."""
    faces = faces or default_faces()
    latin = faces.latin(weight)
    return direction(text) == "rtl" or any(
        not ch.isspace() and (not faces.covers(latin, ch) or unicodedata.bidirectional(ch) in _STRONG_RTL)
        for ch in text
    )


def _paragraph_class():
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.platypus import Paragraph

    class ScriptParagraph(Paragraph):
        """A Paragraph of user text in any script: escaped, cut into font runs, broken into lines with
        shaped widths, each line in bidi visual order, flush right when the text is right-to-left.

        `text` is a string of one `weight`, or a `Styled` text. `style.fontSize` and `style.leading` are
        used as given; the style's font is replaced by the faces of each weight. Plain Latin/Cyrillic text
        of one weight goes through reportlab unchanged (unshaped, as before).
        """

        def __init__(self, text: str | Styled, style, weight: str = "regular", faces: Faces | None = None,
                     base=None):
            self.styled = text if isinstance(text, Styled) else Styled.of([(text, weight)])
            self.user_text, self.faces = self.styled.text, faces or default_faces()
            self.weight = self.styled.weights[0] if self.styled.weights else weight
            self.base = base or direction(self.user_text)
            self.plain = len(set(self.styled.weights)) <= 1 and not needs_scripts(
                self.user_text, self.weight, self.faces)
            self._broken_for: float | None = None
            self.script_style = style if self.plain else self._script_style(style)
            markup = xml_escape(self.user_text) if self.plain else ""
            super().__init__(markup, self.script_style)

        def _script_style(self, style):
            first = self.faces.runs(self.user_text, self.styled.weights, self.base)
            shaped = next((r.face for r in first if r.face.shapable), None)
            # reportlab shapes a paragraph only when the style's own font is shapable.
            font = shaped or (first[0].face if first else self.faces.latin(self.weight))
            alignment = style.alignment
            if self.base == "rtl" and alignment == TA_LEFT:
                alignment = TA_RIGHT
            return style.clone(f"{style.name}-{font.name}-{self.base}", fontName=font.name, shaping=1,
                               alignment=alignment, wordWrap=None)

        def lines_for(self, width: float) -> list[Styled]:
            st = self.script_style
            usable = width - st.leftIndent - st.rightIndent - 0.5  # reportlab must not break again
            return break_styled(self.styled, self.faces, st.fontSize, usable, self.base)

        def wrap(self, available_width, available_height):
            if not self.plain and self._broken_for != available_width:
                lines = self.lines_for(available_width)
                markup = "<br/>".join(
                    line_markup(self.faces.visual_runs(line.text, line.weights, self.base)) for line in lines
                )
                Paragraph.__init__(self, markup, self.script_style)
                self._broken_for = available_width
            return super().wrap(available_width, available_height)

        def split(self, available_width, available_height):
            if self.plain:
                return super().split(available_width, available_height)
            lines = self.lines_for(available_width)
            fit = int((available_height + 1e-6) // self.script_style.leading)
            if fit <= 0:
                return []
            if fit >= len(lines):
                return [self]
            make = type(self)
            head = Styled(" ".join(line.text for line in lines[:fit]),
                          tuple(w for line in lines[:fit] for w in (*line.weights, line.weights[-1])))[:-1]
            tail = Styled(" ".join(line.text for line in lines[fit:]),
                          tuple(w for line in lines[fit:] for w in (*line.weights, line.weights[-1])))[:-1]
            return [make(head, self.style, self.weight, self.faces, self.base),
                    make(tail, self.style, self.weight, self.faces, self.base)]

    return ScriptParagraph


@cache
def script_paragraph_class():
    """The `ScriptParagraph` flowable class (built on first use, so importing this module needs no reportlab)."""
    return _paragraph_class()


def ScriptParagraph(text: str | Styled, style, weight: str = "regular", faces: Faces | None = None,
                    base: str | None = None):
    return script_paragraph_class()(text, style, weight, faces, base)


# ---------------------------------------------------------------------------------------------------------
