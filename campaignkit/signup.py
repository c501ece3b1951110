"""A `Campaign` in, a printable petition and sign-up sheet PDF out (A4 or Letter, landscape).

Each sheet: the demands in brief and a petition sentence, numbered rows wide and tall enough to
write in by hand, a consent line, a sheet ID ("kazakhstan-2022 · 8 January 2022 · Sheet 3 of 10")
so paper sheets can be counted and re-entered, and a QR code to the online petition if there is one.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from . import fonts, qr
from .errors import CampaignkitError, FitError
from .i18n import format_date, label
from .model import Campaign
from .output import Target, deliver
from .paper import MM, paper_size
from .pdfdoc import Checked, escape, palette, style, url_markup

PAPERS = ("A4", "letter")
ROW_HEIGHT = 10 * MM
MIN_ROWS = 8
MAX_SHEETS = 500


def sheet_id(campaign: Campaign, n: int, total: int, lang: str | None = None) -> str:
    """The ID printed on sheet n of total: campaign, date of the first event, number."""
    parts = [campaign.id]
    if campaign.events and campaign.events[0].date:
        parts.append(format_date(campaign.events[0].date, lang or "en"))
    parts.append(label("sheet_of", lang, n=n, total=total))
    return " · ".join(parts)


def make_signup(
    campaign: Campaign, target: Target = None, *, paper: str = "A4", lang: str | None = None, sheets: int = 1
) -> bytes | None:
    """Lay out `sheets` numbered sign-up sheets and write them to `target`, or return the bytes."""
    if paper not in PAPERS:
        raise CampaignkitError(f"paper: expected one of {', '.join(PAPERS)}, got {paper!r}")
    if not 1 <= sheets <= MAX_SHEETS:
        raise CampaignkitError(f"sheets: expected 1 to {MAX_SHEETS}, got {sheets}")
    fonts.register_all()
    t = lambda text: text.get(lang) if text else ""  # noqa: E731
    width, height = paper_size(paper, landscape=True)
    pal = palette(campaign.colour)
    chk = Checked()
    margin = 12 * MM
    inner = width - 2 * margin

    title_style = style("title", fonts.DISPLAY, 20, pal.on_accent, leading=1.1)
    id_style = style("id", fonts.BOLD, 9, pal.on_accent, leading=1.2, alignment=2)
    head_style = style("head", fonts.BOLD, 12, pal.accent, leading=1.35)
    body_style = style("body", fonts.BODY, 9, pal.ink, leading=1.3)
    bullet_style = style("bullet", fonts.BODY, 8.5, pal.ink, leading=1.25, leftIndent=9, bulletIndent=0,
                         bulletFontName=fonts.BOLD, bulletColor=pal.accent)
    small = style("small", fonts.BODY, 7.5, pal.muted, leading=1.3)
    cell_head = style("cell_head", fonts.BOLD, 8.5, pal.ink, leading=1.2)

    who = ", ".join(t(o) for o in campaign.events[0].organisers) if campaign.events and campaign.events[0].organisers else ""
    if not who:
        who = t(campaign.statements[0].by) if campaign.statements else t(campaign.title)
    title = t(campaign.title)
    demands = [
        (f"statements[{i}].demands[{n}].short", d.brief(lang))
        for i, st in enumerate(campaign.statements)
        for n, d in enumerate(st.demands)
    ]
    petition = campaign.petition_url
    qr_size = qr.size_for(petition.ascii, 24 * MM, 40 * MM, "petition_url") if petition else 0

    title_para = chk.para(title, title_style, "title")
    intro = [chk.para(label("sign_petition", lang), head_style, "label"),
             chk.para(label("petition_sentence", lang), body_style, "label")]
    bullets = [chk.para(text, bullet_style, field, bullet="•") for field, text in demands]
    consent = chk.para(label("consent", lang, who=who), small, "organisers")
    headers = [chk.para(label(key, lang), cell_head, "label") for key in ("col_name", "col_contact", "col_organisation", "col_signature")]
    ids = [sheet_id(campaign, n, sheets, lang) for n in (1, sheets)]
    for text in ids:
        chk.add("sheet id", text, fonts.BOLD)
    online = None
    if petition:
        chk.add("petition_url", petition.text, fonts.BOLD)
        chk.add("label", label("sign_online", lang), fonts.BOLD)
        online = Paragraph(
            f"<font name='{fonts.BOLD}'>{escape(label('sign_online', lang))}</font><br/>"
            + url_markup(petition.text, petition.domain, fonts.BODY, 8, 60 * MM),
            style("online", fonts.BODY, 8, pal.ink, leading=1.3),
        )
    chk.check()

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, initialFontName=fonts.BODY, lang=lang or campaign.language)
    canvas.setTitle(f"{title}: {label('sign_petition', lang)}")
    canvas.setSubject("Sign-up sheet")
    canvas.setAuthor(campaign.id)
    canvas.setCreator("campaignkit")

    band_w = inner * 0.6
    _, title_h = title_para.wrap(band_w, height)
    band_h = title_h + 10 * MM
    text_w = inner - (qr_size + 68 * MM if petition else 0)
    column_w = (text_w - 6 * MM) / 2
    intro_h = sum(p.wrap(text_w, height)[1] for p in intro)
    half = (len(bullets) + 1) // 2
    columns = [bullets[:half], bullets[half:]]
    bullets_h = max((sum(p.wrap(column_w, height)[1] + 1.5 for p in col) for col in columns), default=0)
    consent_h = consent.wrap(inner, height)[1]
    top_block = max(intro_h + bullets_h + 3 * MM, qr_size)
    rows_space = height - margin - band_h - 4 * MM - top_block - 4 * MM - consent_h - 8 * MM - margin
    header_h = 7 * MM
    rows = int((rows_space - header_h) // ROW_HEIGHT)
    if rows < MIN_ROWS:
        raise FitError(
            f"statements: the demands in brief take too much room on a sign-up sheet ({rows} rows left, at least "
            f"{MIN_ROWS} needed); give the demands shorter `short` forms"
        )
    widths = [10 * MM, inner * 0.26, inner * 0.27, inner * 0.2]
    widths.append(inner - sum(widths))

    for n in range(1, sheets + 1):
        y = height - margin
        canvas.setFillColor(pal.accent)
        canvas.rect(0, height - band_h - margin + 2 * MM, width, band_h + margin, stroke=0, fill=1)
        title_para.drawOn(canvas, margin, height - margin - title_h + 1 * MM)
        id_para = Paragraph(escape(sheet_id(campaign, n, sheets, lang), keep_last_words=False), id_style)
        _, id_h = id_para.wrap(inner - band_w - 4 * MM, band_h)
        id_para.drawOn(canvas, margin + band_w + 4 * MM, height - margin - id_h + 1 * MM)
        y = height - margin - band_h - 4 * MM
        for p in intro:
            h = p.wrap(text_w, height)[1]
            p.drawOn(canvas, margin, y - h)
            y -= h
        y -= 1 * MM
        for c, column in enumerate(columns):
            yy = y
            for p in column:
                h = p.wrap(column_w, height)[1]
                p.drawOn(canvas, margin + c * (column_w + 6 * MM), yy - h)
                yy -= h + 1.5
        if petition:
            qx = width - margin - qr_size
            qtop = height - margin - band_h - 4 * MM
            qr.draw(canvas, petition.ascii, qx, qtop - qr_size, qr_size, field="petition_url")
            ow, oh = online.wrap(64 * MM, qr_size)
            online.drawOn(canvas, qx - 66 * MM, qtop - qr_size / 2 - oh / 2)
        table_top = height - margin - band_h - 4 * MM - top_block - 4 * MM
        data = [[Paragraph("№", cell_head), *headers]] + [[str(r), "", "", "", ""] for r in range((n - 1) * rows + 1, n * rows + 1)]
        table = Table(data, colWidths=widths, rowHeights=[header_h] + [ROW_HEIGHT] * rows)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
            ("FONTSIZE", (0, 1), (0, -1), 8),
            ("TEXTCOLOR", (0, 1), (0, -1), pal.muted),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
            ("BACKGROUND", (0, 0), (-1, 0), pal.tint),
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, pal.muted),
            ("LINEAFTER", (0, 0), (-2, -1), 0.3, pal.muted),
            ("BOX", (0, 0), (-1, -1), 0.8, pal.ink),
        ]))
        _, table_h = table.wrap(inner, rows_space)
        table.drawOn(canvas, margin, table_top - table_h)
        consent.drawOn(canvas, margin, margin + 5 * MM)
        canvas.setFont(fonts.BOLD, 7.5)
        canvas.setFillColor(pal.muted)
        canvas.drawRightString(width - margin, margin, sheet_id(campaign, n, sheets, lang))
        canvas.showPage()
    canvas.save()
    return deliver(buffer.getvalue(), target)
