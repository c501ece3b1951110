"""A campaign's `Copy` in, numbered petition and sign-up sheets (`Rendered` PDF, landscape) out.

Each sheet: the demands in brief under the name of whoever made them, a petition sentence, numbered
rows tall enough to write in by hand, a consent line naming who keeps the details (or a line to
write it on), a sheet ID ("save-the-depot · Thursday 12 March 2026 · Sheet 3 of 10") so paper
sheets can be counted and re-entered, and a QR code to the online petition when there is one.
"""

from __future__ import annotations

import io

from reportlab.platypus import Paragraph, Table, TableStyle

from ..errors import CampaignkitError, FitError
from ..layout import fonts, qr
from ..layout.document import Info, Rendered, page_count, pdf_canvas
from ..layout.furniture import header_band
from ..layout.paper import MM, Sheet, paper_size
from ..layout.text import Typesetter
from ..layout.theme import Styles, Theme, TypeScale, palette
from ..localise.copy import Copy, Phrase
from ..options import Paper

SCALE = TypeScale(9, 18)
ROW_HEIGHTS = (10 * MM, 9 * MM)  # the roomier one when at least MIN_ROOMY_ROWS fit
MIN_ROOMY_ROWS = 14
MIN_ROWS = 8
MAX_SHEETS = 500
HEADER_ROW = 7 * MM
KEEPER_LINE = "_" * 34


def sheet_id(copy: Copy, n: int, total: int) -> str:
    """The ID printed on sheet n of total: campaign, date of the advertised event, number."""
    parts = [copy.campaign_id]
    if copy.event is not None and copy.event.when and not copy.event.past:
        parts.append(copy.event.when.text)
    parts.append(copy.label("sheet_of", n=n, total=total).text)
    return " · ".join(parts)


def render_signup(copy: Copy, *, paper: Paper = Paper.A4, sheets: int = 1, theme: Theme = Theme()) -> Rendered:
    """Lay out `sheets` numbered sign-up sheets."""
    if isinstance(sheets, bool) or not isinstance(sheets, int) or not 1 <= sheets <= MAX_SHEETS:
        raise CampaignkitError(f"sheets: expected 1 to {MAX_SHEETS}, got {sheets}")
    if not copy.statements:
        raise CampaignkitError(f"{copy.campaign_id}: a sign-up sheet needs at least one statement with demands")
    width, height = paper_size(paper, landscape=True)
    pal = palette(theme, copy.colour)
    styles = Styles(pal, SCALE, copy.direction)
    ts = Typesetter()
    margin = theme.margin(paper)
    inner = width - 2 * margin
    petition = copy.petition.url if copy.petition else None
    qr_size = qr.size_for(petition.ascii, 24 * MM, 40 * MM, "petition.url") if petition else 0.0
    online_width = 62 * MM

    intro = [ts.para(copy.label("sign_petition"), styles("heading", spaceBefore=0)),
             ts.para(copy.label("petition_sentence"), styles("body", spaceAfter=2))]
    text_width = inner - (qr_size + online_width + 4 * MM if petition else 0)
    groups = _demand_groups(ts, styles, copy)
    consent = ts.para(_consent(copy), styles("small", spaceAfter=0))
    ids = [sheet_id(copy, n, sheets) for n in range(1, sheets + 1)]
    headers = [ts.para(copy.label(key), styles("cell_bold", fontSize=8.5))
               for key in ("col_name", "col_contact", "col_organisation", "col_signature")]
    online = None
    if petition:
        online = [ts.para(copy.label("sign_online"), styles("qr_head", fontSize=8.5)),
                  ts.url(petition.text, petition.domain, styles("qr_text", fontSize=8), online_width, "petition.url")]
    bands = [header_band(ts, styles, pal, Sheet(width, height), copy, pad=3 * MM, aside=Phrase(text, "sheet id"),
                         aside_width=70 * MM) for text in ids]
    ts.check()
    _, band_h = bands[0].wrap(inner, height)
    column_w = (text_width - 6 * MM) / 2
    columns = _balance(groups, column_w, height)
    intro_h = sum(p.wrap(text_width, height)[1] + p.getSpaceAfter() for p in intro)
    demands_h = max((sum(p.wrap(column_w, height)[1] + 1.5 for p in col) for col in columns), default=0)
    top_block = max(intro_h + demands_h + 2 * MM, qr_size)
    consent_h = consent.wrap(inner, height)[1]
    table_top = height - margin - band_h - 3 * MM - top_block - 3 * MM
    rows_space = table_top - (margin + consent_h + 8 * MM) - HEADER_ROW
    row_h = next((h for h in ROW_HEIGHTS if rows_space // h >= MIN_ROOMY_ROWS), ROW_HEIGHTS[-1])
    rows = int(rows_space // row_h)
    if rows < MIN_ROWS:
        raise FitError(f"statements: the demands in brief take too much room on a sign-up sheet ({rows} rows left, "
                       f"at least {MIN_ROWS} needed); give the demands shorter `short` forms")
    widths = [10 * MM, inner * 0.26, inner * 0.27, inner * 0.2]
    widths.append(inner - sum(widths))

    info = Info(f"{copy.title.text}: {copy.label('sign_petition').text}", "Sign-up sheet", copy.campaign_id,
                copy.language, "signup")
    buffer = io.BytesIO()
    canvas = pdf_canvas(buffer, info, (width, height))
    number_style = styles("caption", fontSize=8)
    for n in range(1, sheets + 1):
        band = bands[n - 1]
        band.wrapOn(canvas, inner, height)
        band.drawOn(canvas, margin, height - band_h)
        y = height - band_h - 3 * MM
        for p in intro:
            h = p.wrap(text_width, height)[1]
            p.drawOn(canvas, margin, y - h)
            y -= h + p.getSpaceAfter()
        for c, column in enumerate(columns):
            yy = y
            for p in column:
                h = p.wrap(column_w, height)[1]
                p.drawOn(canvas, margin + c * (column_w + 6 * MM), yy - h)
                yy -= h + 1.5
        if petition and online:
            qtop = height - band_h - 8 * MM
            qx = width - margin - qr_size
            qr.draw(canvas, petition.ascii, qx, qtop - qr_size, qr_size, field="petition.url")
            heights = [p.wrap(online_width, qr_size)[1] for p in online]
            yy = qtop - qr_size / 2 + sum(heights) / 2
            for p, h in zip(online, heights):
                p.drawOn(canvas, qx - online_width - 3 * MM, yy - h)
                yy -= h
        numbers = [Paragraph(str(r), number_style) for r in range((n - 1) * rows + 1, n * rows + 1)]
        data = [[Paragraph("№", number_style), *headers]] + [[num, "", "", "", ""] for num in numbers]
        table = Table(data, colWidths=widths, rowHeights=[HEADER_ROW] + [row_h] * rows)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), fonts.BODY), ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "BOTTOM"), ("BACKGROUND", (0, 0), (-1, 0), pal.tint),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, pal.muted), ("LINEAFTER", (0, 0), (-2, -1), 0.3, pal.muted),
            ("BOX", (0, 0), (-1, -1), 0.8, pal.ink),
        ]))
        _, table_h = table.wrap(inner, rows_space + HEADER_ROW)
        table.drawOn(canvas, margin, table_top - table_h)
        consent.drawOn(canvas, margin, margin + 6 * MM)
        _draw_id(canvas, ids[n - 1], width - margin, margin, pal.muted)
        canvas.showPage()
    canvas.save()
    data_bytes = buffer.getvalue()
    return Rendered(data_bytes, f"{copy.campaign_id}-signup-{copy.language}-{sheets}-sheets.pdf", "signup",
                    page_count(data_bytes), (width, height))


def _consent(copy: Copy) -> Phrase:
    keeper = copy.petition.keeper if copy.petition else None
    who = keeper.text if keeper else KEEPER_LINE
    return Phrase(copy.label("consent", who=who).text, keeper.field if keeper else "label")


def _demand_groups(ts: Typesetter, styles: Styles, copy: Copy) -> list[list]:
    """Per statement on the petition: its maker's name, then its demands in brief."""
    chosen = copy.petition.statements if copy.petition and copy.petition.statements else None
    by = styles("cell_bold", fontSize=8.5, textColor=styles.pal.accent)
    bullet = styles("cell", fontSize=8.5, leading=8.5 * 1.25, leftIndent=9, bulletIndent=0,
                    bulletFontName=fonts.BOLD, bulletColor=styles.pal.accent)
    groups = []
    for st in copy.statements:
        if (chosen is None or st.id in chosen) and st.briefs:
            groups.append([ts.para(st.by, by)] + [ts.para(b, bullet, bullet="•") for b in st.briefs])
    return groups


def _balance(groups: list[list], width: float, height: float) -> list[list]:
    """Two columns of roughly equal height, never leaving a maker's name at the foot of a column."""
    flat = [p for group in groups for p in group]
    heads = {id(group[0]) for group in groups}
    heights = [p.wrap(width, height)[1] + 1.5 for p in flat]
    total, best, split = sum(heights), None, len(flat)
    running = 0.0
    for i in range(len(flat) + 1):
        if i == 0 or id(flat[i - 1]) not in heads:
            worst = max(running, total - running)
            if best is None or worst < best:
                best, split = worst, i
        if i < len(flat):
            running += heights[i]
    return [flat[:split], flat[split:]]


def _draw_id(canvas, text: str, right: float, y: float, colour) -> None:
    canvas.saveState()
    canvas.setFont(fonts.BOLD, 7.5)
    canvas.setFillColor(colour)
    canvas.drawRightString(right, y, text)
    canvas.restoreState()
