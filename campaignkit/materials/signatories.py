"""A campaign's `Copy` in, the signatory annex (`Rendered` PDF) out; and, for the leaflet, the
signatories a page has room for, with a line saying how many more signed and where the full list is.

The annex prints every signatory of every statement (or of one): the statement's title and how many
signed, then the names in columns of small type (8.5 pt), in the order the statement's
`signatories_order` gives (as given; by name; or grouped under each organisation). Columns run from
right to left in a right-to-left document. Time is linear in the names: each page measures only the
names it takes, and each name is measured once.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Frame, PageTemplate

from ..errors import CampaignkitError
from ..layout import fonts
from ..layout.document import Info, Rendered, build, page_count, pdf_document
from ..layout.flowables import table, table_commands
from ..layout.furniture import footer_line, header_band, spacer
from ..layout.paper import MM, Sheet, paper_size
from ..layout.text import Typesetter, is_plain
from ..layout.theme import Styles, Theme, TypeScale, palette
from ..localise.copy import Copy, Phrase, Signer, StatementCopy
from ..options import Paper

LEAFLET_SHARE = 0.12  # of a leaflet's page, at most, for one statement's names
SCALE = TypeScale(9.5, 22)
NAME_SIZE = 8.5  # above the 8 pt floor for small text
NAME_LEADING = 1.28
HEAD_SIZE = 8.5
MIN_COLUMN = 52 * MM
GUTTER = 6 * MM
FOOTER_SIZE = 8
FOOTER_ROOM = 16 * MM
SEPARATOR = " · "


# -- the leaflet's share ------------------------------------------------------------------------------

def leaflet_signatories(ts: Typesetter, styles: Styles, copy: Copy, st: StatementCopy,
                        frame: tuple[float, float]) -> list[Flowable]:
    """"Signed by: ..." with as many names as fit `LEAFLET_SHARE` of the frame (width, height), and when
    some are left out, a line saying how many and where the full list is."""
    style = styles("small")
    prompt = copy.prompt("signed_by")
    names = st.signatories
    width, height = frame
    room = height * LEAFLET_SHARE
    field = f"{st.path}.signatories"

    def para(typesetter: Typesetter, count: int) -> Flowable:
        return typesetter.para(Phrase(SEPARATOR.join(s.text for s in names[:count]), field), style, prefix=prompt)

    scratch = Typesetter(ts.direction, ts.font_files)  # trial paragraphs record nothing in the real one

    def fits(count: int) -> bool:
        return para(scratch, count).wrap(width, room * 4)[1] <= room + 0.01

    most = _most_that_could_fit(ts, style, prompt.text, names, width * room / style.leading)
    if most >= len(names) and fits(len(names)):
        return [para(ts, len(names))]
    low, high = 1, min(most, len(names) - 1)  # at least one name is printed
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    url = st.signatories_url
    where = url.text if url else copy.label("signatory_annex").text
    more = copy.plural("more_signatories", len(names) - low, where=where)
    return [para(ts, low), ts.para(Phrase(more.text, f"{st.path}.signatories_url" if url else "label"), style)]


def leaflet_cuts(copy: Copy, paper: Paper, theme: Theme = Theme()) -> bool:
    """Whether a leaflet on `paper` may leave out some signatories (and so point to the annex). The room
    for names is a share of the page whatever the type size, so a list that fits in the largest type a
    leaflet tries fits in all of them."""
    from .leaflet_fit import scales

    lists = [st for st in copy.statements if st.signatories]
    if not lists:
        return False
    width, height = paper_size(paper)
    margin = theme.margin(paper)
    styles = Styles(palette(theme, copy.colour), scales(paper)[0], copy.direction)
    ts = Typesetter.of(copy)
    frame = (width - 2 * margin, height - 2 * margin)
    return any(len(leaflet_signatories(ts, styles, copy, st, frame)) > 1 for st in lists)


def _most_that_could_fit(ts: Typesetter, style, prompt: str, names: Sequence[Signer], room: float) -> int:
    """How many names, laid end to end, are no wider than `room` (lines times their width): more than
    that can never fit, so only these few are ever measured or typeset."""
    used = ts.width(prompt + " ", fonts.BOLD, style.fontSize)
    gap = ts.width(SEPARATOR, style.fontName, style.fontSize)
    for count, name in enumerate(names):
        used += ts.width(name.text, style.fontName, style.fontSize) + gap
        if used > room:
            return max(count, 1)
    return len(names)


# -- the annex ------------------------------------------------------------------------------------------

def render_signatories(copy: Copy, *, paper: Paper = Paper.A4, statement: str | None = None,
                       theme: Theme = Theme()) -> Rendered:
    """Every signatory of the chosen statements, in columns, on as many pages as they need."""
    statements = _chosen(copy, statement)
    width, height = paper_size(paper)
    pal = palette(theme, copy.colour)
    styles = Styles(pal, SCALE, copy.direction)
    ts = Typesetter.of(copy)
    margin = theme.margin(paper)
    frame_width = width - 2 * margin
    title = copy.label("signatories_title")
    story: list = [header_band(ts, styles, pal, Sheet(width, height), copy, kicker=title, pad=5 * MM,
                               fit=(frame_width, (height - margin - FOOTER_ROOM) / 3)), spacer(6)]
    name_style = styles("small", fontSize=NAME_SIZE, leading=NAME_SIZE * NAME_LEADING, textColor=pal.ink,
                        spaceAfter=0)
    head_style = styles("cell_bold", fontSize=HEAD_SIZE, leading=NAME_SIZE * NAME_LEADING, textColor=pal.accent)
    columns = max(1, int((frame_width + GUTTER) // (MIN_COLUMN + GUTTER)))
    column_width = (frame_width - GUTTER * (columns - 1)) / columns
    for st in statements:
        story.append(ts.para(st.title, styles("heading")))
        if st.by.text != st.title.text:
            story.append(ts.para(st.by, styles("small")))
        story.append(ts.para(copy.plural("signatory_count", len(st.signatories)), styles("cell_bold",
                                                                                           spaceAfter=4)))
        entries = _entries(st, copy)
        for entry in entries:
            ts.need(entry.text, head_style.fontName if entry.heading else name_style.fontName, entry.field)
        story += [NameColumns(_Names(entries, ts, name_style, head_style, column_width), 0, columns, column_width,
                              ts.rtl), spacer(10)]

    def footer_text(page: int) -> str:
        text = f"{copy.title.text} · {title.text} · {copy.label('page', n=page).text}"
        if ts.width(text, fonts.BODY, FOOTER_SIZE) > frame_width:
            text = f"{title.text} · {copy.label('page', n=page).text}"
        return text

    def footer(canv, doc):
        footer_line(canv, ts, footer_text(doc.page), margin, 9 * MM, frame_width, FOOTER_SIZE, pal.muted,
                    align="right" if ts.rtl else "left")

    ts.need(footer_text(0), fonts.BODY, "title")
    frame = Frame(margin, FOOTER_ROOM, frame_width, height - margin - FOOTER_ROOM, 0, 0, 0, 0, id="body")
    info = Info(f"{copy.title.text}: {title.text}", "Signatories", copy.campaign_id, copy.language, "signatories")
    doc = pdf_document(io.BytesIO(), info, (width, height), [PageTemplate("page", [frame], onPageEnd=footer)])
    data = build(doc, story, ts)
    suffix = f"-{statements[0].id}" if statement else ""
    return Rendered(data, f"{copy.campaign_id}-signatories{suffix}-{copy.language}-{str(paper).lower()}.pdf",
                    "signatories", page_count(data), (width, height))


def _chosen(copy: Copy, statement: str | None) -> list[StatementCopy]:
    if statement is not None:
        found = copy.statement(statement)
        if found is None:
            known = ", ".join(s.id for s in copy.statements) or "none"
            raise CampaignkitError(f"statement: no statement with id {statement!r} (statements: {known})")
        if not found.signatories:
            raise CampaignkitError(f"statement: {statement!r} has no signatories")
        return [found]
    chosen = [st for st in copy.statements if st.signatories]
    if not chosen:
        raise CampaignkitError(f"{copy.campaign_id}: no statement has signatories, so there is no annex to make")
    return chosen


@dataclass(frozen=True)
class _Entry:
    """One line of the annex: a name, or a heading above a group of names."""

    text: str
    field: str
    heading: bool = False


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order as readers expect it in most scripts: case and accents ignored, then as written."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return bare.casefold(), text


def _entries(st: StatementCopy, copy: Copy) -> list[_Entry]:
    """The lines of one statement's list: names with what is known of them, and group headings."""
    def line(s: Signer, *details: str) -> _Entry:
        return _Entry(SEPARATOR.join([s.text, *(d for d in details if d)]), s.field)

    names = st.signatories
    if st.signatories_order == "by name":
        return [line(s, s.organisation, s.country) for s in sorted(names, key=lambda s: sort_key(s.text))]
    if st.signatories_order != "by organisation":
        return [line(s, s.organisation, s.country) for s in names]
    groups: dict[str, list[Signer]] = {}
    for s in names:
        groups.setdefault(s.organisation, []).append(s)
    out = [line(s, s.country) for s in groups.pop("", [])]  # those who sign for no organisation come first
    for organisation in sorted(groups, key=sort_key):
        members = groups[organisation]
        out.append(_Entry(organisation, members[0].field, heading=True))
        out += [line(s, s.country) for s in members]
    return out


class _Names:
    """One statement's entries and their heights in a column, each measured once, when first needed:
    a name that fits the column is one line; a longer one becomes a paragraph.

    Whether the plain faces print every entry unshaped is decided once, from the characters they use
    (a property of each character alone), so a list in Latin or Cyrillic script is measured and drawn
    through reportlab's own path without testing each name again."""

    def __init__(self, entries: list[_Entry], ts: Typesetter, name_style, head_style, width: float):
        self.entries, self.ts, self.width = entries, ts, width
        self.name_style, self.head_style = name_style, head_style
        self.heights: list[float | None] = [None] * len(entries)
        self.paragraphs: dict[int, Flowable] = {}
        used: dict[bool, set[str]] = {False: set(), True: set()}
        for entry in entries:
            used[entry.heading].update(entry.text)
        self.plain = all(is_plain("".join(sorted(chars)), (head_style if heading else name_style).fontName, ts.faces)
                         for heading, chars in used.items() if chars)

    def __len__(self) -> int:
        return len(self.entries)

    def style(self, i: int):
        return self.head_style if self.entries[i].heading else self.name_style

    def text_width(self, i: int) -> float:
        style, text = self.style(i), self.entries[i].text
        if self.plain:
            return fonts.string_width(text, style.fontName, style.fontSize)
        return self.ts.width(text, style.fontName, style.fontSize)

    def height(self, i: int) -> float:
        found = self.heights[i]
        if found is None:
            style = self.style(i)
            entry = self.entries[i]
            found = style.leading
            if self.text_width(i) > self.width:
                para = self.ts.para(Phrase(entry.text, entry.field), style, tie=False)
                found = para.wrap(self.width, 1e6)[1]
                self.paragraphs[i] = para
            if entry.heading and i:
                found += style.leading * 0.4  # a little air above a group
            self.heights[i] = found
        return found

    def draw(self, canvas, indices: range, top: float, rtl: bool) -> None:
        """Entries `indices`, the first with its top at `top`, in a column `self.width` wide from x = 0."""
        text = canvas.beginText() if self.plain else None
        current = None
        for i in indices:
            style, height = self.style(i), self.height(i)
            para = self.paragraphs.get(i)
            if para is not None:
                para.drawOn(canvas, 0, top - height)
            else:
                baseline = top - height + style.leading - style.fontSize
                if text is None:
                    canvas.setFillColor(style.textColor)
                    self.ts.draw(canvas, self.width if rtl else 0, baseline, self.entries[i].text, style.fontName,
                                 style.fontSize, "right" if rtl else "left")
                else:
                    if style is not current:
                        text.setFont(style.fontName, style.fontSize)
                        text.setFillColor(style.textColor)
                        current = style
                    text.setTextOrigin(self.width - self.text_width(i) if rtl else 0, baseline)
                    text.textOut(self.entries[i].text)
            top -= height
        if text is not None:
            canvas.drawText(text)


class _Column(Flowable):
    """Entries start to end of one column, drawn top down."""

    def __init__(self, names: _Names, indices: range, rtl: bool):
        super().__init__()
        self.names, self.indices, self.rtl = names, indices, rtl

    def wrap(self, available_width, available_height):
        self.width = self.names.width
        self.height = sum(self.names.height(i) for i in self.indices)
        return self.width, self.height

    def draw(self):
        self.names.draw(self.canv, self.indices, self.height, self.rtl)


class NameColumns(Flowable):
    """The entries from `start` on, in `columns` columns: each page takes as many as fill it (the last
    page's columns balanced), and the rest flow on to the next page."""

    def __init__(self, names: _Names, start: int, columns: int, column_width: float, rtl: bool,
                 end: int | None = None):
        super().__init__()
        self.names, self.start, self.columns, self.column_width, self.rtl = names, start, columns, column_width, rtl
        self.end = end  # set on a part that fits its page
        self._cuts: list[int] = []
        self._table: Flowable | None = None
        self._laid_out: tuple[float, list[int]] | None = None

    def _fill(self, column_height: float) -> list[int]:
        """Where each column starts and the last one ends, filling columns `column_height` tall; a group
        heading never ends a column."""
        names, i = self.names, self.start
        stop = len(names) if self.end is None else self.end
        cuts = [i]
        for _ in range(self.columns):
            used = 0.0
            while i < stop:
                need = names.height(i)
                if names.entries[i].heading and i + 1 < stop:
                    need += names.height(i + 1)
                if used + need > column_height + 0.01:
                    break
                used += names.height(i)
                i += 1
            cuts.append(i)
        return cuts

    def _layout(self, available_height: float) -> list[int]:
        if self._laid_out is not None and self._laid_out[0] == available_height:
            return self._laid_out[1]
        cuts = self._balanced(available_height)
        self._laid_out = (available_height, cuts)
        return cuts

    def _balanced(self, available_height: float) -> list[int]:
        cuts = self._fill(available_height)
        stop = len(self.names) if self.end is None else self.end
        if cuts[-1] < stop:
            return cuts
        # everything left fits: balance the columns, raising their height a line at a time
        total = sum(self.names.height(i) for i in range(self.start, stop))
        step = self.names.name_style.leading
        height = min(available_height, total / self.columns)
        while height < available_height:
            balanced = self._fill(height)
            if balanced[-1] >= stop:
                return balanced
            height += step
        return cuts

    def wrap(self, available_width, available_height):
        self._cuts = self._layout(available_height)
        stop = len(self.names) if self.end is None else self.end
        if self._cuts[-1] < stop:  # more than this page holds: platypus splits it
            self.width, self.height = available_width, available_height + 1
            return self.width, self.height
        cells = [_Column(self.names, range(a, b), self.rtl) for a, b in zip(self._cuts, self._cuts[1:])]
        widths = [self.column_width + (GUTTER if n < self.columns - 1 else 0) for n in range(self.columns)]
        commands = [*table_commands(fonts.BODY, "TOP", 0), ("RIGHTPADDING", (0, 0), (-2, -1), GUTTER)]
        self._table = table([cells], widths, commands, rtl=self.rtl)
        self.width, self.height = self._table.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        cuts = self._layout(available_height)
        if cuts[-1] == self.start:
            return []  # not even one entry: the next page
        stop = len(self.names) if self.end is None else self.end
        if cuts[-1] >= stop:
            return [self]
        return [NameColumns(self.names, self.start, self.columns, self.column_width, self.rtl, end=cuts[-1]),
                NameColumns(self.names, cuts[-1], self.columns, self.column_width, self.rtl, end=self.end)]

    def draw(self):
        if self._table is not None:
            self._table.drawOn(self.canv, 0, 0)
