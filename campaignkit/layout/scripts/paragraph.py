"""Text and a style in, a reportlab Paragraph out whose lines are broken and bidi-ordered here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..markup import escape
from .base import _STRONG_RTL, MARKED, MARKED_LEADING, Run, script_of
from .bidi import direction, visual_text
from .drawing import draw_runs
from .faces import Faces, default_faces
from .shaping import run_width

_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # whitespace a line may break at


def line_markup(runs: list[Run]) -> str:
    """Paragraph markup for one line of visually ordered runs: escaped text in `<font>` tags.
    User text never becomes markup."""
    return "".join(f'<font name="{r.face.name}">{escape(visual_text(r))}</font>' for r in runs)


# Chinese and Japanese punctuation carries its own space: no word space follows it.
_FULL_WIDTH_PUNCTUATION = frozenset("：，。、；！？）」』")


@dataclass(frozen=True)
class Styled:
    """Text with a weight for each character: a bold label and the plain text after it, say."""

    text: str
    weights: tuple[str, ...]

    @classmethod
    def of(cls, pieces: Sequence[tuple[str, str]]) -> Styled:
        """Pieces of (text, weight), whitespace collapsed, joined by single spaces; no-break spaces are
        kept (they join words)."""
        text, weights = "", list[str]()
        for piece, weight in pieces:
            words = " ".join(w for w in _BREAKABLE_SPACE.split(piece) if w)
            if not words:
                continue
            if text and text[-1] not in _FULL_WIDTH_PUNCTUATION:
                text += " "
                weights.append(weights[-1])
            text += words
            weights += [weight] * len(words)
        return cls(text, tuple(weights))

    def __getitem__(self, span: slice) -> Styled:
        return Styled(self.text[span], self.weights[span])

    def words(self) -> list[tuple[int, int]]:
        """(start, end) of each word: the stretches between spaces and line breaks (a no-break space
        joins words). Chinese and Japanese, written without spaces, may break between any two
        characters, except before closing punctuation or after opening punctuation; such pieces
        touch (the next starts where one ends)."""
        spans = []
        for m in re.finditer(r"[^ \n]+", self.text):
            start, end = m.span()
            for i in range(start + 1, end):
                if _cjk_break_before(self.text, i):
                    spans.append((start, i))
                    start = i
            spans.append((start, end))
        return spans


_NO_BREAK_BEFORE = frozenset("、。，．・：；？！）」』】〕〉》〙〗〟’”ゝゞー々〻‐゠–〜"  # closing marks
                             "ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎ"  # small kana
                             ")]}!?,.:;%")
_NO_BREAK_AFTER = frozenset("（「『【〔〈《〘〖〝‘“([{")


def _cjk_break_before(text: str, i: int) -> bool:
    """A line may break between text[i - 1] and text[i] when one of them is Chinese or Japanese, with the
    line-start and line-end rules (kinsoku) for their punctuation."""
    before, after = text[i - 1], text[i]
    if script_of(before) not in _CJK_LINES and script_of(after) not in _CJK_LINES:
        return False
    return after not in _NO_BREAK_BEFORE and before not in _NO_BREAK_AFTER


_CJK_LINES = ("han", "kana")


def break_styled(styled: Styled, faces: Faces, size: float, width: float, base: str) -> list[Styled]:
    """Greedy line breaking at spaces with shaped widths; a word wider than `width` gets a line of its own,
    and a line break ("\n") always starts a new line. Chinese and Japanese break between characters.

    Thai, which is written without spaces between words, breaks only at the spaces it has."""
    spans = styled.words()
    if not spans:
        return []
    space = max(run_width(Run(" ", faces.latin(styled.weights[0])), size), 0.0)
    bounds: list[tuple[int, int]] = []  # (start, end) of each line
    first = spans[0][0]
    line_end, current_width = None, 0.0
    for start, end in _fitting(spans, styled, faces, size, width, base):
        word = styled[start:end]
        w = sum(run_width(r, size) for r in faces.runs(word.text, word.weights, base))
        gap = 0.0 if start == line_end else space
        forced = line_end is not None and "\n" in styled.text[line_end:start]
        if line_end is not None and (forced or current_width + gap + w > width):
            bounds.append((first, line_end))
            first, current_width = start, 0.0
        elif line_end is not None:
            current_width += gap
        current_width += w
        line_end = end
    bounds.append((first, line_end or first))
    _no_last_word_alone(bounds, styled, faces, size, width, base)
    return [styled[a:b] for a, b in bounds]


def _no_last_word_alone(bounds: list[tuple[int, int]], styled: Styled, faces: Faces, size: float, width: float,
                        base: str) -> None:
    """A paragraph does not end on one word when the word before it fits the last line too (and the line
    it leaves keeps a word): the last two words move down together."""
    if len(bounds) < 2:
        return
    (a, b), (c, d) = bounds[-2:]
    text = styled.text
    if " " in text[c:d] or "\n" in text[b:c] or "/" in text[c:d]:  # an address may stand on a line of its own
        return
    cut = text.rfind(" ", a, b)
    if cut <= a:
        return
    moved = styled[cut + 1:d]
    if sum(run_width(r, size) for r in faces.runs(moved.text, moved.weights, base)) <= width:
        bounds[-2:] = [(a, cut), (cut + 1, d)]


def _fitting(spans, styled: Styled, faces: Faces, size: float, width: float, base: str):
    """The word spans, with any word wider than a line cut (without a hyphen, as reportlab cuts one) into
    pieces that fit, between grapheme clusters: never before a combining mark, never after a virama."""
    for start, end in spans:
        word = styled[start:end]
        if sum(run_width(r, size) for r in faces.runs(word.text, word.weights, base)) <= width:
            yield start, end
            continue
        piece, used = start, 0.0
        for cluster_start, cluster_end in _clusters(styled.text, start, end):
            cluster = styled[cluster_start:cluster_end]
            w = sum(run_width(r, size) for r in faces.runs(cluster.text, cluster.weights, base))
            if used and used + w > width:
                yield piece, cluster_start
                piece, used = cluster_start, 0.0
            used += w
        yield piece, end


def _clusters(text: str, start: int, end: int):
    """(start, end) of each cluster of text[start:end] that must stay whole."""
    first = start
    for i in range(start + 1, end):
        ch, before = text[i], text[i - 1]
        if unicodedata.category(ch) in ("Mn", "Mc", "Me") or unicodedata.combining(before) == 9 or ch == "\u200d" \
                or before == "\u200d":
            continue
        yield first, i
        first = i
    yield first, end


def break_lines(text: str, faces: Faces, weight: str, size: float, width: float, base: str) -> list[str]:
    """`break_styled` for text of one weight."""
    return [line.text for line in break_styled(Styled.of([(text, weight)]), faces, size, width, base)]


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
            self._lines: list[Styled] = []
            self.script_style = style if self.plain else self._script_style(style)
            markup = escape(self.user_text) if self.plain else ""
            super().__init__(markup, self.script_style)

        def _script_style(self, style):
            first = self.faces.runs(self.user_text, self.styled.weights, self.base)
            shaped = next((r.face for r in first if r.face.shapable), None)
            # reportlab shapes a paragraph only when the style's own font is shapable.
            font = shaped or (first[0].face if first else self.faces.latin(self.weight))
            alignment = style.alignment
            if self.base == "rtl" and alignment == TA_LEFT:
                alignment = TA_RIGHT
            leading = style.leading
            if any(r.face.script in MARKED for r in first):
                leading = max(leading, MARKED_LEADING * style.fontSize)
            return style.clone(f"{style.name}-{font.name}-{self.base}-{leading:g}", fontName=font.name, shaping=1,
                               alignment=alignment, wordWrap=None, leading=leading)

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
                self._broken_for, self._lines = available_width, lines
            return super().wrap(available_width, available_height)

        def drawPara(self, debug=0):
            """Each line drawn run by run, shaped, with its logical text as ActualText when it reads left
            to right; reportlab's paragraph only measured it."""
            if self.plain:
                return super().drawPara(debug)
            from reportlab import rl_config
            from reportlab.lib.enums import TA_CENTER

            st, canvas = self.script_style, self.canv
            first = self.blPara.lines[0] if self.blPara.kind == 1 and self.blPara.lines else self.blPara
            y = self.height - (st.fontSize if rl_config.paraFontSizeHeightOffset
                               else getattr(first, "ascent", st.fontSize))
            room = self.width - st.leftIndent - st.rightIndent
            canvas.saveState()
            canvas.setFillColor(st.textColor)
            for line in self._lines:
                runs = self.faces.visual_runs(line.text, line.weights, self.base)
                width = sum(run_width(r, st.fontSize) for r in runs)
                if st.alignment == TA_CENTER:
                    x = st.leftIndent + (room - width) / 2
                elif st.alignment == TA_RIGHT or (st.alignment != TA_LEFT and self.base == "rtl"):
                    x = st.leftIndent + room - width
                else:
                    x = st.leftIndent
                draw_runs(canvas, x, y, runs, st.fontSize, line.text)
                y -= st.leading
            canvas.restoreState()
            return None

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
