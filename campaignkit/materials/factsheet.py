"""A campaign's `Copy` in, a sourced fact sheet PDF (`Rendered`) out: the dated timeline, key figures,
the demands in brief, and every source with a QR code and its URL printed beside it.

Each timeline entry and fact carries a numbered reference to its source; long timelines and many
sources flow onto further pages, a heading always with its first row. A page that ends early because
the next block moved on has its rows spread apart (`layout.spread`) rather than a blank band at its foot.
"""

from __future__ import annotations

import io

from reportlab.platypus import Frame, KeepTogether, PageTemplate

from ..errors import CampaignkitError
from ..layout import fonts
from ..layout.document import Info, Rendered, build, page_count, pdf_document
from ..layout.flowables import headed, table, table_commands
from ..layout.furniture import QR_PREFERRED, QREntry, domain_note, footer_line, header_band, qr_rows, qr_size, spacer
from ..layout.paper import MM, Sheet, paper_size
from ..layout.spread import Stretch, fill
from ..layout.text import Typesetter
from ..layout.theme import Palette, Styles, Theme, TypeScale, palette
from ..localise.copy import Copy, Phrase
from ..options import Paper

SCALE = TypeScale(10, 28)
QR_LARGEST = 50 * MM
FOOTER_SIZE = 7.5
FILLED = 0.04  # room left at the foot of a page but the last, as a share of the page, that is spread out
MAX_GROWTH = 0.03  # the most the space around one row grows, as a share of the page


def render_factsheet(copy: Copy, *, paper: Paper = Paper.A4, theme: Theme = Theme()) -> Rendered:
    """Lay out the fact sheet on as many pages as it needs."""
    if not (copy.timeline or copy.facts or copy.sources):
        raise CampaignkitError(f"{copy.campaign_id}: a fact sheet needs a timeline, facts or sources")
    width, height = paper_size(paper)
    sheet = Sheet(width, height)
    pal = palette(theme, copy.colour)
    styles = Styles(pal, SCALE, copy.direction)
    ts = Typesetter.of(copy)
    margin = theme.margin(paper)
    frame_width = width - 2 * margin

    band = header_band(ts, styles, pal, sheet, copy, kicker=copy.label("fact_sheet"), pad=5 * MM,
                       fit=(frame_width, (height - margin - 16 * MM) / 2))
    story: list = [band, spacer(8)]
    if copy.translation_notice:
        story.append(ts.para(copy.translation_notice, styles("small")))
    if copy.summary:
        story.append(ts.para(copy.summary, styles("body")))
    if copy.timeline:
        story += _timeline(ts, styles, pal, copy, frame_width)
    if copy.facts:
        story += _facts(ts, styles, pal, copy, frame_width)
    if any(st.demands for st in copy.statements):
        story += _demands(ts, styles, copy)
    if copy.sources:
        story += _sources(ts, styles, pal, copy, frame_width)

    title = copy.title.text

    def footer_text(page: int) -> str:
        text = f"{title} · {copy.label('fact_sheet').text} · {copy.label('page', n=page).text}"
        if ts.width(text, fonts.BODY, FOOTER_SIZE) > frame_width:  # the title is printed in full on page 1
            text = f"{copy.label('fact_sheet').text} · {copy.label('page', n=page).text}"
        return text

    def footer(canv, doc):
        footer_line(canv, ts, footer_text(doc.page), margin, 9 * MM, frame_width, FOOTER_SIZE, pal.muted,
                    align="right" if copy.direction == "rtl" else "left")

    ts.need(footer_text(0), fonts.BODY, "title")
    frame = Frame(margin, 16 * MM, frame_width, height - margin - 16 * MM, 0, 0, 0, 0, id="body")
    info = Info(f"{title}: {copy.label('fact_sheet').text}", "Fact sheet", copy.campaign_id, copy.language,
                "factsheet", inks=theme.inks)
    doc = pdf_document(io.BytesIO(), info, (width, height), [PageTemplate("page", [frame], onPageEnd=footer)])
    data = build(doc, story, ts)
    pages = page_count(data)
    blocks = [f for f in story if isinstance(f, Stretch)]
    if fill(blocks, doc.leftover, set(range(1, pages)), least=FILLED * height, cap=MAX_GROWTH * height):
        spread_out = build(doc, story, ts)
        if page_count(spread_out) == pages:
            data = spread_out
    return Rendered(data, f"{copy.campaign_id}-factsheet-{copy.language}-{str(paper).lower()}.pdf", "factsheet",
                    pages, (width, height))


def _date_column(ts: Typesetter, styles: Styles, copy: Copy) -> float:
    """The width of the timeline's date column: 38 mm, or up to 56 mm so the last two places of a
    list fit one line (a list never ends on one place alone)."""
    caption = styles("caption")
    pairs = [" ".join(e.places.text.split()[-2:]) for e in copy.timeline if e.places]
    need = max((ts.width(pair, caption.fontName, caption.fontSize) for pair in pairs), default=0.0) + 10
    return min(max(38 * MM, need), 56 * MM)


def _timeline(ts: Typesetter, styles: Styles, pal: Palette, copy: Copy, frame_width: float) -> list:
    rows = []
    for entry in copy.timeline:
        left = [ts.para(entry.when, styles("date"))]
        if entry.places:
            left.append(ts.para(entry.places, styles("caption"), tie=False))
        if entry.inferred:
            left.append(ts.para(f"({copy.label('inferred').text})", styles("caption")))
        rows.append([left, ts.cited(entry.text, styles("cell"), entry.source)])
    date_width = _date_column(ts, styles, copy)
    commands = [*table_commands(fonts.BODY, "TOP", 5), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]
    line = (0.4, pal.muted if pal.grayscale else pal.tint)
    dates = [Stretch(table([row], [date_width, frame_width - date_width], commands, rtl=ts.rtl),
                     rule=line if n < len(rows) - 1 else None) for n, row in enumerate(rows)]
    return headed(ts.para(copy.label("what_happened"), styles("section")), *dates)


def _facts(ts: Typesetter, styles: Styles, pal: Palette, copy: Copy, frame_width: float) -> list:
    cards = []
    for fact in copy.facts:
        card = [ts.para(fact.figure, styles("figure"))] if fact.figure else []
        card.append(ts.cited(fact.text, styles("cell"), fact.source))
        cards.append(card)
    rows = [cards[n:n + 2] + [""] * (2 - len(cards[n:n + 2])) for n in range(0, len(cards), 2)]
    commands = [
        *table_commands(fonts.BODY, "TOP", 3), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, pal.accent), ("LINEBEFORE", (1, 0), (1, -1), 2.5, pal.accent),
    ]
    figures = [Stretch(table([row], [frame_width / 2] * 2, commands, rtl=ts.rtl)) for row in rows]
    return headed(ts.para(copy.label("key_figures"), styles("section")), *figures)


def _demands(ts: Typesetter, styles: Styles, copy: Copy) -> list:
    bullet = styles("cell", leftIndent=12, bulletIndent=2, bulletFontName=fonts.BOLD,
                    bulletColor=styles.pal.accent, spaceAfter=2)
    by = styles("cell_bold", fontSize=SCALE.body, spaceBefore=4, spaceAfter=2)
    block = [ts.para(copy.label("demands_in_brief"), styles("section"))]
    for st in copy.statements:
        if st.demands:
            block.append(ts.cited(st.by, by, st.source))
            block += [ts.para(brief, bullet, bullet="•") for brief in st.briefs]
    return [KeepTogether(block[:3]), *block[3:]]


def _sources(ts: Typesetter, styles: Styles, pal: Palette, copy: Copy, frame_width: float):
    entries = [
        QREntry(src.url, src.field, Phrase(f"[{src.number}] {src.title.text}", src.title.field),
                (src.details,) if src.details else ())
        for src in copy.sources
    ]
    size = qr_size(entries, QR_PREFERRED, QR_LARGEST)
    note = domain_note(ts, styles, copy, [e.url for e in entries], role="note", many=True)
    rows = qr_rows(ts, styles, pal, copy, entries, frame_width, size=size, per_row=2, roomy=True, aside=note)
    if rows[-1] is note:  # the note on the codes stays with the last of them
        rows[-2:] = [KeepTogether([rows[-2], spacer(6), note])]
    codes = [row if isinstance(row, KeepTogether) else Stretch(row) for row in rows]
    return headed(ts.para(copy.label("sources"), styles("section")), *codes)
