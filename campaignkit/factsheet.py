"""A `Campaign` in, a sourced fact sheet PDF out: the dated timeline, key figures, the demands in
brief, and every source with a vector QR code and its URL printed in full beside it.

Each timeline entry and fact carries a numbered reference to its source; long timelines and many
sources flow onto further pages.
"""

from __future__ import annotations

import io

from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from . import fonts, qr
from .errors import CampaignkitError
from .i18n import format_date, label
from .model import Campaign, TimelineEntry
from .output import Target, deliver
from .paper import MM, Sheet, paper_size
from .pdfdoc import Band, Checked, QRCode, band_logo, build, escape, palette, style, table_commands, url_markup

PAPERS = ("A4", "letter")
QR_SIZE = 22 * MM


def make_factsheet(campaign: Campaign, target: Target = None, *, paper: str = "A4", lang: str | None = None) -> bytes | None:
    """Lay out the fact sheet and write it to `target` (a path or stream), or return the bytes."""
    if paper not in PAPERS:
        raise CampaignkitError(f"paper: expected one of {', '.join(PAPERS)}, got {paper!r}")
    if not (campaign.timeline or campaign.facts or campaign.sources):
        raise CampaignkitError(f"{campaign.id}: a fact sheet needs a timeline, facts or sources")
    fonts.register_all()
    width, height = paper_size(paper)
    sheet = Sheet(width, height)
    pal = palette(campaign.colour)
    chk = Checked()
    t = lambda text: text.get(lang) if text else ""  # noqa: E731
    margin = 15 * MM
    frame_width = width - 2 * margin

    headline = style("headline", fonts.DISPLAY, 28, pal.on_accent, leading=1.08)
    kicker = style("kicker", fonts.BOLD, 11, pal.on_accent, leading=1.2, spaceAfter=3)
    body = style("body", fonts.BODY, 10, pal.ink, leading=1.38, spaceAfter=5)
    section = style("section", fonts.DISPLAY, 16, pal.accent, leading=1.15, spaceBefore=12, spaceAfter=6)
    date_style = style("date", fonts.BOLD, 9.5, pal.accent, leading=1.25)
    place_style = style("place", fonts.BODY, 8, pal.muted, leading=1.25)
    cell = style("cell", fonts.BODY, 9.5, pal.ink, leading=1.35)
    figure_style = style("figure", fonts.DISPLAY, 24, pal.accent, leading=1.05, spaceAfter=4)
    bullet = style("bullet", fonts.BODY, 9.5, pal.ink, leading=1.35, leftIndent=12, bulletIndent=2,
                   bulletFontName=fonts.BOLD, bulletColor=pal.accent, spaceAfter=2)
    by_style = style("by", fonts.BOLD, 10, pal.ink, leading=1.3, spaceBefore=4, spaceAfter=2)
    src_head = style("src_head", fonts.BOLD, 9.5, pal.ink, leading=1.3)
    src_text = style("src_text", fonts.BODY, 8.5, pal.ink, leading=1.35)
    note = style("note", fonts.BODY, 8.5, pal.muted, leading=1.35, spaceBefore=6)

    refs = {s.id: n for n, s in enumerate(campaign.sources, 1)}
    ref = lambda source_id: f"\u00a0[{refs[source_id]}]" if source_id in refs else ""  # noqa: E731

    title = t(campaign.title)
    story = [
        Band(
            [chk.para(label("fact_sheet", lang).upper(), kicker, "label"), chk.para(title, headline, "title")],
            pal, sheet, 5 * MM, logo=band_logo(campaign),
        ),
        Spacer(1, 8),
    ]
    if campaign.summary:
        story.append(chk.para(t(campaign.summary), body, "summary"))

    if campaign.timeline:
        story.append(chk.para(label("what_happened", lang), section, "label"))
        rows = []
        for i, entry in enumerate(campaign.timeline):
            left = [chk.para(_when(entry, lang), date_style, f"timeline[{i}].date")]
            if entry.places:
                left.append(
                    chk.para(", ".join(t(p) for p in entry.places), place_style, f"timeline[{i}].places", tie=False)
                )
            if entry.date_inferred:
                left.append(chk.para(f"({label('inferred', lang)})", place_style, "label"))
            rows.append([left, chk.para(t(entry.text) + ref(entry.source), cell, f"timeline[{i}].text")])
        story.append(_table(rows, [38 * MM, frame_width - 38 * MM], pal, rules=True))

    if campaign.facts:
        story.append(chk.para(label("key_figures", lang), section, "label"))
        cards = []
        for i, fact in enumerate(campaign.facts):
            card = []
            if fact.figure:
                card.append(chk.para(t(fact.figure), figure_style, f"facts[{i}].figure"))
            card.append(chk.para(t(fact.text) + ref(fact.source), cell, f"facts[{i}].text"))
            cards.append(card)
        rows = [cards[n : n + 2] + [""] * (2 - len(cards[n : n + 2])) for n in range(0, len(cards), 2)]
        story.append(_table(rows, [frame_width / 2] * 2, pal, cards=True))

    if any(st.demands for st in campaign.statements):
        block = [chk.para(label("demands_in_brief", lang), section, "label")]
        for i, st in enumerate(campaign.statements):
            if not st.demands:
                continue
            block.append(chk.para(t(st.by) + ref(st.source), by_style, f"statements[{i}].by"))
            for n, demand in enumerate(st.demands):
                block.append(chk.para(demand.brief(lang), bullet, f"statements[{i}].demands[{n}].short", bullet="•"))
        story.append(KeepTogether(block[:3]))
        story.extend(block[3:])

    if campaign.sources:
        sources_heading = chk.para(label("sources", lang), section, "label")
        size = max(qr.size_for(s.url.ascii, QR_SIZE, 50 * MM, f"sources[{i}].url") for i, s in enumerate(campaign.sources))
        gap = 4 * MM
        cell_width = (frame_width - gap) / 2  # two sources side by side
        text_width = cell_width - size - 3 * MM
        cells = []
        for i, src in enumerate(campaign.sources):
            field = f"sources[{i}].url"
            chk.add(field, src.url.text, fonts.BOLD)
            details = " · ".join(
                p for p in (
                    src.publisher,
                    label("by_author", lang, author=src.author) if src.author else "",
                    label("published", lang, date=format_date(src.date, lang)) if src.date else "",
                ) if p
            )
            block = [chk.para(f"[{i + 1}] {t(src.title)}", src_head, f"sources[{i}].title")]
            if details:
                block.append(chk.para(details, src_text, f"sources[{i}].publisher"))
            block.append(Paragraph(url_markup(src.url.text, src.url.domain, fonts.BODY, 8.5, text_width), src_text))
            if src.url.ascii != src.url.text:
                chk.add(field, src.url.ascii, fonts.BODY)
                ascii_form = url_markup(src.url.ascii, src.url.host, fonts.BODY, 8.5, text_width)
                block.append(Paragraph(escape(label("ascii_form", lang, url="")) + ascii_form, src_text))
            cells.append([QRCode(src.url.ascii, size, field), block])
        rows = [cells[n] + (cells[n + 1] if n + 1 < len(cells) else ["", ""]) for n in range(0, len(cells), 2)]
        table = Table(rows, colWidths=[size + 3 * MM, cell_width - size - 3 * MM + gap, size + 3 * MM, text_width],
                      splitByRow=1)
        table.setStyle(TableStyle(table_commands("MIDDLE", 4)))
        domains = ", ".join(dict.fromkeys(s.url.domain for s in campaign.sources))
        note_para = chk.para(label("check_domains", lang, domains=domains), note, "label")
        story.append(KeepTogether([sources_heading, table, note_para]))

    def footer(canv, doc):
        canv.saveState()
        canv.setFont(fonts.BODY, 7.5)
        canv.setFillColor(pal.muted)
        text = f"{title} · {label('fact_sheet', lang)} · {label('page', lang, n=doc.page)}"
        if fonts.string_width(text, fonts.BODY, 7.5) > frame_width:  # the title is printed in full on page 1
            text = f"{label('fact_sheet', lang)} · {label('page', lang, n=doc.page)}"
        canv.drawString(margin, 9 * MM, text)
        canv.restoreState()

    chk.add("title", f"{title} · {label('fact_sheet', lang)} · {label('page', lang, n=0)}", fonts.BODY)
    buffer = io.BytesIO()
    frame = Frame(margin, 16 * MM, frame_width, height - margin - 16 * MM, 0, 0, 0, 0, id="body")
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        pageTemplates=[PageTemplate("page", [frame], onPage=footer)],
        invariant=1,
        initialFontName=fonts.BODY,
        title=f"{title}: {label('fact_sheet', lang)}",
        subject=label("fact_sheet", "en"),
        author=campaign.id,
        creator="campaignkit",
        lang=lang or campaign.language,
    )
    return deliver(build(doc, story, chk), target)


def _when(entry: TimelineEntry, lang) -> str:
    if entry.when:
        return entry.when.get(lang)
    if entry.end and entry.end != entry.date:
        return f"{format_date(entry.date, lang)} – {format_date(entry.end, lang)}"
    return format_date(entry.date, lang)


def _table(rows, widths, pal, *, rules: bool = False, cards: bool = False) -> Table:
    table = Table(rows, colWidths=widths, splitByRow=1)
    commands = [*table_commands("TOP", 5), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]
    if rules:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), 0.4, pal.tint if not pal.grayscale else pal.muted))
    if cards:
        commands += [
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, pal.accent),
            ("LINEBEFORE", (1, 0), (1, -1), 2.5, pal.accent),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ]
    table.setStyle(TableStyle(commands))
    return table
