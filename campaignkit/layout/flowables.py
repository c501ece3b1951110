"""Content in, reportlab flowables out: the building blocks the furniture and materials stack up
(shared paragraphs, a paragraph with something drawn with it, a vector QR code, a full-width colour
band, a block pushed to the page foot).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from . import qr
from .paper import Sheet
from .spread import Stretch


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the last width it was wrapped to, never ends on a
    line of one word when the last two words fit a line together, hyphenates a word too wide for its
    line where its language allows (`hyphenate`), and says whether it still had to break a word without
    a hyphen (`broke_word`).

    Platypus wraps the same paragraph several times (to measure, to keep blocks together, to place
    it); the breaks depend only on the width, so later wraps at that width cost nothing.
    """

    frags: list
    _wrapped_at = None
    _parsed = None  # the fragments as parsed (reportlab turns them into words when it first wraps them)
    broke_word = False
    hyphenate: Callable[[str], str] | None = None  # text in, the same with soft hyphens in its long words

    def wrap(self, available_width, available_height):
        if self._wrapped_at == available_width:
            _note_broken(self)
            return self.width, self.height
        if self._parsed is None:
            self._parsed = self.frags
        base = self.frags = self._parsed
        size = super().wrap(available_width, available_height)
        if self._splitLongWordCount and self.hyphenate is not None:
            line_width = available_width - self.style.leftIndent - self.style.rightIndent
            hyphenated = _hyphenated_wide_words(base, line_width, self.hyphenate)
            if hyphenated is not None:
                base = self.frags = hyphenated
                size = super().wrap(available_width, available_height)
        if _last_line_words(self) == 1:
            tied = _tied_last_words(base)
            if tied is not None:
                self.frags = tied
                tied_size = super().wrap(available_width, available_height)
                if self._splitLongWordCount or _last_line_words(self) < 2:
                    self.frags = base
                    size = super().wrap(available_width, available_height)
                else:
                    size = tied_size
        self.broke_word = bool(self._splitLongWordCount)
        self._wrapped_at = available_width
        _note_broken(self)
        return size

    def split(self, available_width, available_height):
        self._wrapped_at = None  # splitting may re-break the lines; wrap afresh afterwards
        return super().split(available_width, available_height)


def _hyphenated_wide_words(frags: list, width: float, hyphenate: Callable[[str], str]) -> list | None:
    """The fragments with soft hyphens in each word wider than `width` (where reportlab breaks a word it
    is given them, with a hyphen), the words that fit left whole; None when no word changed."""
    out, changed = [], False
    for frag in frags:
        text = getattr(frag, "text", "")
        if not text:
            out.append(frag)
            continue
        pieces = re.split(r"(\s+)", text)
        for n, piece in enumerate(pieces):
            if piece and not piece.isspace() and stringWidth(piece, frag.fontName, frag.fontSize) > width:
                pieces[n] = hyphenate(piece)
        new = "".join(pieces)
        changed = changed or new != text
        out.append(frag.clone(text=new) if new != text else frag)
    return out if changed else None


def _last_line_words(para: Paragraph) -> int:
    """Words on the paragraph's last line, those tied by a no-break space counted apart (0 when it has
    fewer than two lines)."""
    bl = getattr(para, "blPara", None)
    if bl is None or len(bl.lines) < 2:
        return 0
    last = bl.lines[-1]
    if bl.kind == 0:
        return sum(len(str(word).split()) for word in last[1])
    return len("".join(getattr(w, "text", "") for w in last.words).split())


def _tied_last_words(frags: list) -> list | None:
    """The fragments with the last space between two words made a no-break space; None if there is none."""
    texts = [getattr(f, "text", "") for f in frags]
    seen_word = False  # a word after the space looked at
    for n in range(len(frags) - 1, -1, -1):
        text = texts[n]
        for at in range(len(text) - 1, -1, -1):
            if text[at] != " ":
                seen_word = True
            elif seen_word and (text[:at].strip() or any(t.strip() for t in texts[:n])):
                tied = frags[n].clone(text=text[:at] + "\u00a0" + text[at + 1:])
                return [*frags[:n], tied, *frags[n + 1:]]
    return None


_BROKEN: list[list[str]] = []


def _note_broken(para: Para) -> None:
    if para.broke_word and _BROKEN:
        _BROKEN[-1].append(para.getPlainText())


class broken_words:
    """While it is open, collects the text of every paragraph wrapped with a word broken (no hyphen)
    because it is wider than its line: `with broken_words() as found: ...`."""

    def __enter__(self) -> list[str]:
        _BROKEN.append([])
        return _BROKEN[-1]

    def __exit__(self, *exc) -> None:
        _BROKEN.pop()


_PARAGRAPHS: dict = {}
_MAX_SHARED = 4096


def shared_paragraph(markup: str, style: ParagraphStyle, bullet: str | None,
                     hyphenate: Callable[[str], str] | None = None) -> Para:
    """A Para for this markup, style, bullet and hyphenation, parsed once per process and reused by every
    document (paragraphs keep no per-document state between builds; see `forget_earlier_builds`)."""
    key = (markup, id(style), bullet, hyphenate)
    found = _PARAGRAPHS.get(key)
    if found is None:
        if len(_PARAGRAPHS) >= _MAX_SHARED:
            _PARAGRAPHS.clear()
        found = Para(markup, style, bulletText=bullet) if bullet is not None else Para(markup, style)
        found.hyphenate = hyphenate
        _PARAGRAPHS[key] = found
    return found


class WithParagraph(Flowable):
    """A paragraph drawn with something more (`draw` adds it): laid out, split and spaced as the
    paragraph is. A part split off carries nothing more unless `split` is overridden."""

    def __init__(self, para):
        super().__init__()
        self.para = para

    def wrap(self, available_width, available_height):
        self.width, self.height = self.para.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return self.para.split(available_width, available_height)

    def getSpaceBefore(self):
        return self.para.getSpaceBefore()

    def getSpaceAfter(self):
        return self.para.getSpaceAfter()

    def draw(self):
        self.para.drawOn(self.canv, 0, 0)


class QRFlowable(Flowable):
    """A vector QR code of fixed size."""

    def __init__(self, data: str, size: float, field_name: str, ink=colors.black):
        super().__init__()
        self.data, self.size, self.field_name, self.ink = data, size, field_name, ink

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        qr.draw(self.canv, self.data, 0, 0, self.size, field=self.field_name, ink=self.ink)


class Band(Flowable):
    """Flowables on a colour band that runs to the page edges (and into any bleed), with an image
    (the campaign logo) and an aside (a sheet id) at the end of the line when given. Grayscale
    prints a rule instead of the band."""

    GAP = 5 * 72 / 25.4

    def __init__(self, content: list[Flowable], fill, sheet: Sheet, pad: float, logo=None, outline: bool = False,
                 mirrored: bool = False, aside: Flowable | None = None, aside_width: float = 0.0):
        super().__init__()
        self.content, self.fill, self.sheet, self.pad, self.outline = content, fill, sheet, pad, outline
        self.logo, self.mirrored = logo, mirrored  # logo: (png bytes, width, height) in points
        self.aside, self.aside_width = aside, aside_width
        self._sizes: list[tuple[float, float]] = []
        self._aside_height = 0.0

    def end_room(self) -> float:
        room = self.logo[1] + self.GAP if self.logo else 0.0
        return room + (self.aside_width + self.GAP if self.aside is not None else 0.0)

    def wrap(self, available_width, available_height):
        self._sizes = [f.wrap(available_width - self.end_room(), available_height) for f in self.content]
        if self.aside is not None:
            self._aside_height = self.aside.wrap(self.aside_width, available_height)[1]
        self.width = available_width
        self.height = max(sum(h for _, h in self._sizes), self.logo[2] if self.logo else 0, self._aside_height)
        self.height += 2 * self.pad
        return self.width, self.height

    def draw(self):
        canv, sheet = self.canv, self.sheet
        ax, ay = canv.absolutePosition(0, 0)
        canv.saveState()
        canv.setFillColor(self.fill)
        if self.outline:
            canv.rect(0, 0, self.width, 2.2, stroke=0, fill=1)
        else:
            edge = sheet.offset - sheet.bleed  # the band runs to the trim, or into the bleed when there is one
            top = sheet.offset + sheet.height + sheet.bleed
            canv.rect(edge - ax, 0, sheet.width + 2 * sheet.bleed, top - ay, stroke=0, fill=1)
        canv.restoreState()
        start = self.end_room() if self.mirrored else 0.0
        y = self.height - self.pad
        for flowable, (_, h) in zip(self.content, self._sizes):
            y -= h
            flowable.drawOn(canv, start, y)
        end = 0.0 if self.mirrored else self.width  # the edge the logo and aside sit against
        step = 1 if self.mirrored else -1
        if self.logo:
            from reportlab.lib.utils import ImageReader

            png, w, h = self.logo
            x = end if self.mirrored else end - w
            canv.drawImage(ImageReader(io.BytesIO(png)), x, self.height - self.pad - h, w, h, mask="auto")
            end += step * (w + self.GAP)
        if self.aside is not None:
            x = end if self.mirrored else end - self.aside_width
            self.aside.drawOn(canv, x, self.height - self.pad - self._aside_height)


class PushToBottom(Flowable):
    """Stacks its flowables at the bottom of the space left on the page, or moves to the next page."""

    def __init__(self, content: list[Flowable]):
        super().__init__()
        self.content = content
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, available_width, available_height):
        self._sizes = [f.wrapOn(self.canv, available_width, available_height) for f in self.content]
        self.width = available_width
        self.height = max(sum(h for _, h in self._sizes), available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        y = sum(h for _, h in self._sizes)
        for flowable, (_, h) in zip(self.content, self._sizes):
            y -= h
            flowable.drawOn(self.canv, 0, y)


def forget_earlier_builds(flowables) -> None:
    """Clear the mark platypus leaves on a flowable it moved to the next frame: shared paragraphs
    would otherwise carry it into the next document and be taken as too large."""
    for f in flowables:
        f.__dict__.pop("_postponed", None)
        if isinstance(f, KeepTogether):
            forget_earlier_builds(f._content)
        elif isinstance(f, PushToBottom):
            forget_earlier_builds(f.content)
        elif isinstance(f, Stretch):
            forget_earlier_builds([f.content])


def table_commands(face: str, valign: str = "TOP", vpad: float = 4, hpad: float = 0) -> list:
    """The TableStyle commands every campaignkit table starts from: bundled font, given padding."""
    return [
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("FONTNAME", (0, 0), (-1, -1), face),
        ("LEFTPADDING", (0, 0), (-1, -1), hpad),
        ("RIGHTPADDING", (0, 0), (-1, -1), hpad),
        ("TOPPADDING", (0, 0), (-1, -1), vpad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), vpad),
    ]


_MIRRORED_COMMANDS = {"LEFTPADDING": "RIGHTPADDING", "RIGHTPADDING": "LEFTPADDING", "LINEBEFORE": "LINEAFTER",
                      "LINEAFTER": "LINEBEFORE"}
_MIRRORED_ALIGN = {"LEFT": "RIGHT", "RIGHT": "LEFT"}


def table(rows: list[list], col_widths: list, commands: list, *, rtl: bool = False, **options) -> Table:
    """A Table styled with `commands`; in a right-to-left document its columns run from right to left
    (the first column on the right), with paddings, side rules and alignment mirrored to match."""
    if rtl:
        n = len(col_widths)
        rows = [list(reversed(row)) for row in rows]
        col_widths = list(reversed(col_widths))
        commands = [_mirrored(command, n) for command in commands]
    made = Table(rows, colWidths=col_widths, **options)
    made.setStyle(TableStyle(commands))
    return made


def _mirrored(command: tuple, columns: int) -> tuple:
    name, (c0, r0), (c1, r1), *rest = command
    a0, a1 = (columns - 1 - (c if c >= 0 else columns + c) for c in (c0, c1))
    if name == "ALIGN" and rest:
        rest = [_MIRRORED_ALIGN.get(str(rest[0]).upper(), rest[0]), *rest[1:]]
    return (_MIRRORED_COMMANDS.get(name, name), (min(a0, a1), r0), (max(a0, a1), r1), *rest)


class HeadingRoom(CondPageBreak):
    """Goes before a section's heading: starts a new page unless the heading and the first row of the
    block under it (a table's first row, or the whole of any other flowable) fit on this one, so a
    heading never ends a page and a long table still splits."""

    def __init__(self, heading: Flowable, body: Flowable):
        super().__init__(0)
        self.heading, self.body = heading, body

    def wrap(self, available_width, available_height):
        heading = self.heading.wrap(available_width, available_height)[1] + self.heading.getSpaceBefore()
        height = self.body.wrapOn(self._doctemplateAttr("canv"), available_width, available_height)[1]
        if isinstance(self.body, KeepTogether):
            height = self.body._H  # its wrap answers "too tall" to make the frame split it
        rows = getattr(self.body, "_rowHeights", None) or [height]
        self.height = heading + self.heading.getSpaceAfter() + self.body.getSpaceBefore() + rows[0]
        return super().wrap(available_width, available_height)


def headed(heading: Flowable, body: Flowable, *after: Flowable) -> list:
    """A heading over a table that may split between its rows (or over its first block), and what
    follows it: a list of flowables in which the heading always has that first row beneath it."""
    return [HeadingRoom(heading, body), heading, body, *after]
