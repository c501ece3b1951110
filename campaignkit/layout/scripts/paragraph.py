"""Text and a style in, a reportlab Paragraph out whose lines are broken and bidi-ordered here."""

from __future__ import annotations

import unicodedata
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


def break_lines(text: str, faces: Faces, weight: str, size: float, width: float, base: str) -> list[str]:
    """Greedy line breaking at spaces with shaped widths; a word wider than `width` gets a line of its own.

    Thai, which is written without spaces between words, breaks only at the spaces it has."""
    words = text.split()
    if not words:
        return []
    space = max(run_width(Run(" ", faces.latin(weight)), size), 0.0)
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for word in words:
        w = sum(run_width(r, size) for r in faces.runs(word, weight, base))
        if current and current_width + space + w > width:
            lines.append(" ".join(current))
            current, current_width = [], 0.0
        current_width += (space if current else 0.0) + w
        current.append(word)
    lines.append(" ".join(current))
    return lines


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

        `style.fontSize` and `style.leading` are used as given; the style's font is replaced by the faces
        of `weight`. Plain Latin/Cyrillic text goes through reportlab unchanged (unshaped, as before).
        """

        def __init__(self, text: str, style, weight: str = "regular", faces: Faces | None = None, base=None):
            self.user_text, self.weight, self.faces = " ".join(text.split()), weight, faces or default_faces()
            self.base = base or direction(self.user_text)
            self.plain = not needs_scripts(self.user_text, weight, self.faces)
            self._broken_for: float | None = None
            self.script_style = style if self.plain else self._script_style(style)
            markup = xml_escape(self.user_text) if self.plain else ""
            super().__init__(markup, self.script_style)

        def _script_style(self, style):
            first = self.faces.runs(self.user_text, self.weight, self.base)
            shaped = next((r.face for r in first if r.face.shapable), None)
            # reportlab shapes a paragraph only when the style's own font is shapable.
            font = shaped or (first[0].face if first else self.faces.latin(self.weight))
            alignment = style.alignment
            if self.base == "rtl" and alignment == TA_LEFT:
                alignment = TA_RIGHT
            return style.clone(f"{style.name}-{self.weight}-{self.base}", fontName=font.name, shaping=1,
                               alignment=alignment, wordWrap=None)

        def lines_for(self, width: float) -> list[str]:
            st = self.script_style
            usable = width - st.leftIndent - st.rightIndent - 0.5  # reportlab must not break again
            return break_lines(self.user_text, self.faces, self.weight, st.fontSize, usable, self.base)

        def wrap(self, available_width, available_height):
            if not self.plain and self._broken_for != available_width:
                lines = self.lines_for(available_width)
                markup = "<br/>".join(
                    line_markup(self.faces.visual_runs(line, self.weight, self.base)) for line in lines
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
            return [make(" ".join(lines[:fit]), self.style, self.weight, self.faces, self.base),
                    make(" ".join(lines[fit:]), self.style, self.weight, self.faces, self.base)]

    return ScriptParagraph


@cache
def script_paragraph_class():
    """The `ScriptParagraph` flowable class (built on first use, so importing this module needs no reportlab)."""
    return _paragraph_class()


def ScriptParagraph(text: str, style, weight: str = "regular", faces: Faces | None = None, base: str | None = None):
    return script_paragraph_class()(text, style, weight, faces, base)


# ---------------------------------------------------------------------------------------------------------
