"""A campaign's `Copy` in, numbered petition and sign-up sheets (`Rendered` PDF, landscape) out.

Each sheet: the demands in brief under the name of whoever made them, a petition sentence, numbered
rows tall enough to write in by hand, a consent line naming who keeps the details (or a line to
write it on), a sheet ID in the headline band ("save-the-depot · Thursday 12 March 2026 · Sheet 3 of 10") so paper
sheets can be counted and re-entered, and a QR code to the online petition when there is one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from ..errors import CampaignkitError, FitError
from ..layout import fonts, qr
from ..layout.document import Info, Rendered, page_count, pdf_canvas
from ..layout.flowables import table
from ..layout.furniture import QR_PREFERRED, header_band
from ..layout.paper import MM, Sheet, paper_size
from ..layout.text import Typesetter
from ..layout.theme import Palette, Styles, Theme, TypeScale, palette
from ..localise.copy import Copy, Phrase
from ..model import URL
from ..options import Paper

SCALE = TypeScale(9, 18)
MIN_ROW_HEIGHT = 9 * MM  # room to write a name by hand
MAX_ROW_HEIGHT = 12 * MM
MIN_ROWS = 8
GOOD_ROWS = 14  # a sheet aims for this many rows: denser demands (more columns, smaller type) make room
DEMAND_LAYOUTS = ((2, 8.5), (3, 8.5), (3, 8.0), (4, 8.0))  # (columns, type size) of the demands, tried in turn
COLUMN_GAP = 6 * MM
ITEM_GAP = 0.5  # points between two demands of one maker (each has its bullet)
GROUP_GAP = 3.0  # points above a maker's name under the demands of another
LOGO_HEIGHT_MM = 12
MAX_SHEETS = 500
HEADER_ROW = 6.5 * MM
ONLINE_WIDTH = 62 * MM
BAND_TOP = 3 * MM  # the band's colour runs to the paper's edge; its text starts this far below it
BAND_PAD = 2.5 * MM
GAP = 2.5 * MM  # between the band, the demands and the rows
FOOT = 10 * MM  # the consent line's distance from the foot of the sheet, in the margin's lower part
KEEPER_LINE = "_" * 34


def sheet_id(copy: Copy, n: int, total: int) -> str:
    """The ID printed on sheet n of total: campaign, date of the advertised event, number."""
    parts = [copy.campaign_id]
    if copy.event is not None and copy.event.day:
        parts.append(copy.event.day.text)
    parts.append(copy.label("sheet_of", n=n, total=total).text)
    return " · ".join(parts)


def render_signup(copy: Copy, *, paper: Paper = Paper.A4, sheets: int = 1, theme: Theme = Theme()) -> Rendered:
    """Lay out `sheets` numbered sign-up sheets."""
    if isinstance(sheets, bool) or not isinstance(sheets, int) or not 1 <= sheets <= MAX_SHEETS:
        raise CampaignkitError(f"sheets: expected 1 to {MAX_SHEETS}, got {sheets}")
    if not copy.statements:
        raise CampaignkitError(f"{copy.campaign_id}: a sign-up sheet needs at least one statement with demands")
    sheet = _SheetParts.make(copy, paper, sheets, theme)
    info = Info(f"{copy.title.text}: {copy.label('sign_petition').text}", "Sign-up sheet", copy.campaign_id,
                copy.language, "signup", inks=theme.inks)
    buffer = io.BytesIO()
    canvas = pdf_canvas(buffer, info, (sheet.width, sheet.height))
    for n in range(1, sheets + 1):
        sheet.draw(canvas, n)
        canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    warnings = () if copy.petition and copy.petition.keeper else (
        "petition.collected_by: no one is named as keeping the signers' details; the sign-up sheet prints a line "
        "to write it on",)
    return Rendered(data, f"{copy.campaign_id}-signup-{copy.language}-{sheets}-sheets.pdf", "signup",
                    page_count(data), (sheet.width, sheet.height), warnings=warnings)


@dataclass
class _SheetParts:
    """Everything one sign-up sheet draws, made and measured once for all the sheets."""

    width: float
    height: float
    margin: float
    pal: Palette
    bands: list
    intro: Flowable
    columns: list[list[tuple[Flowable, float]]]  # per column: each paragraph and the space above it
    column_width: float
    text_width: float
    petition: URL | None
    qr_size: float
    online: list[Flowable]
    consent: Flowable
    ids: list[str]
    headers: list[Flowable]
    number_style: ParagraphStyle
    ts: Typesetter
    rows: int = 0
    row_height: float = 0.0
    table_top: float = 0.0

    @classmethod
    def make(cls, copy: Copy, paper: Paper, sheets: int, theme: Theme) -> _SheetParts:
        width, height = paper_size(paper, landscape=True)
        pal = palette(theme, copy.colour)
        styles = Styles(pal, SCALE, copy.direction)
        ts = Typesetter.of(copy)
        margin = theme.margin(paper)
        inner = width - 2 * margin
        petition = copy.petition.url if copy.petition else None
        qr_size = qr.size_for(petition.ascii, QR_PREFERRED, 40 * MM, "petition.url") if petition else 0.0
        text_width = inner - (qr_size + ONLINE_WIDTH + 6 * MM if petition else 0)
        intro = ts.parts([(copy.label("sign_petition"), True), (copy.label("petition_sentence"), False)],
                         styles("body", fontSize=10, spaceAfter=0))
        ids = [sheet_id(copy, n, sheets) for n in range(1, sheets + 1)]
        online = []
        if petition:
            online = [ts.para(copy.label("sign_online"), styles("qr_head", fontSize=8.5)),
                      ts.url(petition.text, petition.domain, styles("qr_text", fontSize=8), ONLINE_WIDTH,
                             "petition.url", href=petition.ascii)]
        parts = cls(
            width, height, margin, pal,
            bands=[header_band(ts, styles, pal, Sheet(width, height), copy, pad=BAND_PAD,
                               aside=Phrase(text, "sheet id"), aside_width=70 * MM, logo_height_mm=LOGO_HEIGHT_MM,
                               fit=(inner, height / 4))
                   for text in ids],
            intro=intro, columns=[], column_width=0.0, text_width=text_width,
            petition=petition, qr_size=qr_size, online=online,
            consent=ts.para(_consent(copy), styles("small", spaceAfter=0)), ids=ids,
            headers=[ts.para(copy.label(key), styles("cell_bold", fontSize=8.5))
                     for key in ("col_name", "col_contact", "col_organisation", "col_signature")],
            number_style=styles("caption", fontSize=8), ts=ts,
        )
        layouts = []
        for columns, size in DEMAND_LAYOUTS:
            parts.column_width = (text_width - (columns - 1) * COLUMN_GAP) / columns
            parts.columns = _balance(_demand_groups(ts, styles, copy, size), parts.column_width, height, columns)
            parts.measure()
            layouts.append((parts.rows, parts.column_width, parts.columns))
            if parts.rows >= GOOD_ROWS:
                break
        ts.check()
        _, parts.column_width, parts.columns = max(layouts, key=lambda found: found[0])  # the first with most rows
        parts.measure()
        if parts.rows < MIN_ROWS:
            raise FitError(f"statements: the demands in brief take too much room on a sign-up sheet ({parts.rows} "
                           f"rows left, at least {MIN_ROWS} needed); give the demands shorter `short` forms")
        return parts

    @property
    def foot(self) -> float:
        return min(self.margin, FOOT)

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    def band_height(self) -> float:
        return self.bands[0].wrap(self.inner, self.height)[1]

    def measure(self) -> None:
        """Choose the row height and count from the room the header and footer leave."""
        intro_h = self.intro.wrap(self.text_width, self.height)[1] + 1.5 * MM
        demands_h = max((sum(p.wrap(self.column_width, self.height)[1] + gap for p, gap in col)
                         for col in self.columns), default=0) + ITEM_GAP
        top_block = max(intro_h + demands_h, self.qr_size)
        self.table_top = self.height - BAND_TOP - self.band_height() - GAP - top_block - GAP
        footer = self.consent.wrap(self.inner, self.height)[1] + 2.5 * MM
        room = self.table_top - self.foot - footer - HEADER_ROW
        self.rows = int(room // MIN_ROW_HEIGHT)
        self.row_height = min(room / max(self.rows, 1), MAX_ROW_HEIGHT)  # the rows share the room left

    def x(self, left: float, width: float) -> float:
        """Where something `left` from the left margin and `width` wide goes: mirrored in right-to-left."""
        return self.width - left - width if self.ts.rtl else left

    def draw(self, canvas, n: int) -> None:
        band = self.bands[n - 1]
        band.wrapOn(canvas, self.inner, self.height)
        band.drawOn(canvas, self.margin, self.height - BAND_TOP - self.band_height())
        top = self.height - BAND_TOP - self.band_height() - GAP
        h = self.intro.wrap(self.text_width, self.height)[1]
        self.intro.drawOn(canvas, self.x(self.margin, self.text_width), top - h)
        y = top - h - 1.5 * MM
        for c, column in enumerate(self.columns):
            yy = y
            for p, gap in column:
                ph = p.wrap(self.column_width, self.height)[1]
                yy -= gap
                p.drawOn(canvas, self.x(self.margin + c * (self.column_width + COLUMN_GAP), self.column_width),
                         yy - ph)
                yy -= ph
        if self.petition:
            self.draw_petition_code(canvas, top)
        self.table(n).drawOn(canvas, self.margin, self.table_top - HEADER_ROW - self.rows * self.row_height)
        self.consent.wrapOn(canvas, self.inner, self.height)
        self.consent.drawOn(canvas, self.margin, self.foot)

    def draw_petition_code(self, canvas, top: float) -> None:
        assert self.petition is not None
        x = self.width - self.margin - self.qr_size
        qr.draw(canvas, self.petition.ascii, self.x(x, self.qr_size), top - self.qr_size, self.qr_size,
                field="petition.url")
        heights = [p.wrap(ONLINE_WIDTH, self.qr_size)[1] for p in self.online]
        y = top - self.qr_size / 2 + sum(heights) / 2
        for p, h in zip(self.online, heights):
            p.drawOn(canvas, self.x(x - ONLINE_WIDTH - 3 * MM, ONLINE_WIDTH), y - h)
            y -= h

    def table(self, n: int) -> Table:
        first = (n - 1) * self.rows + 1
        numbers = [Paragraph(str(r), self.number_style) for r in range(first, first + self.rows)]
        data = [[Paragraph("№", self.number_style), *self.headers]] + [[num, "", "", "", ""] for num in numbers]
        inner = self.inner
        widths = [10 * MM, inner * 0.26, inner * 0.27, inner * 0.2]
        widths.append(inner - sum(widths))
        rows = table(data, widths, [
            ("FONTNAME", (0, 0), (-1, -1), fonts.BODY), ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "BOTTOM"), ("BACKGROUND", (0, 0), (-1, 0), self.pal.tint),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, self.pal.muted), ("LINEAFTER", (0, 0), (-2, -1), 0.3, self.pal.muted),
            ("BOX", (0, 0), (-1, -1), 0.8, self.pal.ink),
        ], rtl=self.ts.rtl, rowHeights=[HEADER_ROW] + [self.row_height] * self.rows)
        rows.wrap(inner, self.height)
        return rows


def _consent(copy: Copy) -> Phrase:
    keeper = copy.petition.keeper if copy.petition else None
    who = keeper.text if keeper else KEEPER_LINE
    text = copy.label("consent", who=who).text
    if copy.translation_notice:
        text += " " + copy.translation_notice.text
    return Phrase(text, keeper.field if keeper else "label")


def _demand_groups(ts: Typesetter, styles: Styles, copy: Copy, size: float) -> list[list]:
    """Per statement on the petition: its maker's name, then its demands in brief, in `size` type."""
    chosen = copy.petition.statements if copy.petition and copy.petition.statements else None
    by = styles("cell_bold", fontSize=size, textColor=styles.pal.accent)
    bullet = styles("cell", fontSize=size, leading=size * 1.25, leftIndent=9, bulletIndent=0,
                    bulletFontName=fonts.BOLD, bulletColor=styles.pal.accent)
    groups = []
    for st in copy.statements:
        if (chosen is None or st.id in chosen) and st.briefs:
            groups.append([ts.para(st.by, by)] + [ts.para(b, bullet, bullet="•") for b in st.briefs])
    return groups


def _balance(groups: list[list], width: float, height: float, columns: int) -> list[list[tuple[Flowable, float]]]:
    """The groups (a maker's name, then its demands) in up to `columns` columns of about equal height, in
    order, each paragraph with the space above it (`GROUP_GAP` above a maker's name, `ITEM_GAP` between
    demands, none at the head of a column). A column that starts inside a group starts with that maker's
    name again, so every column says whose demands it lists; no column ends on a maker's name."""
    items = [(g, i, p) for g, group in enumerate(groups) for i, p in enumerate(group)]
    heights = [p.wrap(width, height)[1] for _, _, p in items]
    gaps = [GROUP_GAP if i == 0 else ITEM_GAP for _, i, _ in items]
    n = len(items)
    if not n:
        return []

    def tall(a: int, b: int) -> float:  # items a..b-1 as one column, with the maker's name repeated if needed
        _, i, _ = items[a]
        return sum(heights[a:b]) + sum(gaps[a + 1:b]) + (heights[a - i] + gaps[a] if i else 0.0)

    cuts = [b for b in range(1, n) if items[b - 1][1] != 0]  # never right after a maker's name
    best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [])}
    for k in range(1, columns + 1):
        for b in [*cuts, n]:
            options = [(max(best[(k - 1, a)][0], tall(a, b)), best[(k - 1, a)][1] + [b])
                       for a in [0, *cuts] if a < b and (k - 1, a) in best]
            if options:
                best[(k, b)] = min(options, key=lambda o: o[0])
    _, ends = min((best[(k, n)] for k in range(1, columns + 1) if (k, n) in best), key=lambda o: o[0])
    out, start = [], 0
    for end in ends:
        g, i, _ = items[start]
        column = ([groups[g][0]] if i else []) + [p for _, _, p in items[start:end]]
        above = ([0.0] if i else []) + gaps[start:end]
        above[0] = 0.0
        out.append(list(zip(column, above)))
        start = end
    return out
