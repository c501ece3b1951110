"""A campaign's `Copy` and leaflet options in, a print-ready leaflet (`Rendered` PDF) out: A4, A5,
Letter, or two leaflets on one sheet ("two-up") to print double-sided and cut once.

What goes on it: the title band, the translation notice, the summary, every demand grouped by who
made it with the calls and signatories, the event box (or a box to write the next picket in), and
QR codes to the statements' sources with their URLs. How it looks comes from the layout kit; how
large the type is comes from `leaflet_fit`, which fills the page without running over.
"""

from __future__ import annotations

import io
from functools import partial

from reportlab.platypus import Frame, KeepTogether, PageTemplate

from ..errors import CampaignkitError
from ..layout import fonts
from ..layout.document import Info, Rendered, build, page_count, pdf_document
from ..layout.flowables import PushToBottom
from ..layout.furniture import QREntry, domain_note, event_box, fill_in_box, header_band, qr_block, qr_size, spacer
from ..layout.paper import MM, Sheet, draw_crop_marks, paper_size
from ..layout.text import Typesetter
from ..layout.theme import Styles, Theme, TypeScale, palette
from ..localise.copy import Copy, Phrase, StatementCopy
from ..options import Paper
from .leaflet_fit import characters, scales_for, two_up_sheet
from .leaflet_two_up import TwoUpCanvas

MAX_BLEED_MM = 10.0


def render_leaflet(copy: Copy, *, paper: Paper = Paper.A4, statement: str | None = None, two_up: bool = False,
                   bleed_mm: float = 0.0, theme: Theme = Theme()) -> Rendered:
    """Lay out the leaflet with the roomiest type scale that fits the ideal page count."""
    if not 0 <= bleed_mm <= MAX_BLEED_MM:
        raise CampaignkitError(f"bleed: expected 0 to {MAX_BLEED_MM:g} mm, got {bleed_mm:g}")
    if two_up and bleed_mm:
        raise CampaignkitError("two-up sheets are for home printing; use --bleed on a single leaflet for a print shop")
    statements = _statements(copy, statement)
    cell = (two_up_sheet(paper)[1] if two_up else paper)
    amount = characters(copy, statements)
    scales, ideal, short = scales_for(cell, amount)
    warnings: list[str] = []
    sheet_size = paper_size(two_up_sheet(paper)[0], landscape=True)
    best: tuple[int, bytes] | None = None
    for n, (scale, margin_factor) in enumerate(scales):
        doc, story, ts = _compose(copy, cell, scale, margin_factor, statements, bleed_mm, theme, two_up)
        if n < len(scales) - 1 and _content_height(doc, story) > ideal * doc.frame_height + 0.5:
            continue  # cannot fit the ideal page count at this scale: skip the full build
        if two_up:
            data = build(doc, story, ts, canvasmaker=partial(TwoUpCanvas, sheet=sheet_size))
        else:
            data = build(doc, story, ts)
        pages = page_count(data)
        if best is None or pages < best[0]:
            best = (pages, data)
        # A long leaflet stops at the first scale that fits; a short one also tries smaller type if
        # that saves a page (one side beats a back page holding only the QR codes).
        if best[0] <= (1 if short else ideal):
            break
    assert best is not None
    pages, data = best
    if pages > 2 and not two_up:
        warnings.append(f"the leaflet runs to {pages} pages on {paper}; consider --statement or a larger paper")
    size = paper_size(two_up_sheet(paper)[0], landscape=True) if two_up else _sheet(cell, bleed_mm).media
    suffix = "two-up" if two_up else str(paper).lower()
    return Rendered(data, f"{copy.campaign_id}-leaflet-{copy.language}-{suffix}.pdf",
                    "leaflet-two-up" if two_up else "leaflet", pages, size, warnings=tuple(warnings))


def _statements(copy: Copy, statement: str | None) -> tuple[StatementCopy, ...]:
    if statement is None:
        if not copy.statements:
            raise CampaignkitError(f"{copy.campaign_id}: a leaflet needs at least one statement with demands")
        return copy.statements
    found = copy.statement(statement)
    if found is None:
        known = ", ".join(s.id for s in copy.statements) or "none"
        raise CampaignkitError(f"statement: no statement with id {statement!r} (statements: {known})")
    return (found,)


def _sheet(paper: Paper, bleed_mm: float) -> Sheet:
    width, height = paper_size(paper)
    return Sheet(width, height, bleed_mm * MM)


def _content_height(doc, story) -> float:
    """The height the story needs laid end to end in one endless frame, spaces collapsed as platypus
    does (a space before is reduced by the space after above it); a lower bound on its real extent."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO())
    flat: list = []
    for f in story:  # their own wrap reports "too big" (KeepTogether) or "all the rest" (PushToBottom)
        flat.extend(f._content if isinstance(f, KeepTogether) else f.content if isinstance(f, PushToBottom) else [f])
    total, previous_after = 0.0, None
    for f in flat:
        height = f.wrapOn(canvas, doc.frame_width, doc.frame_height)[1]
        before, after = f.getSpaceBefore(), f.getSpaceAfter()
        total += height + (0 if previous_after is None else max(before - previous_after, 0)) + after
        previous_after = after
    return total - (previous_after or 0)


def _compose(copy: Copy, paper: Paper, scale: TypeScale, margin_factor: float, statements, bleed_mm: float,
             theme: Theme, two_up: bool):
    """The document template, the story of flowables and the typesetter for one type scale."""
    sheet = _sheet(paper, bleed_mm)
    pal = palette(theme, copy.colour)
    styles = Styles(pal, scale, copy.direction)
    ts = Typesetter()
    margin = theme.margin(paper) * margin_factor
    frame_width = sheet.width - 2 * margin
    body = scale.body

    band = header_band(ts, styles, pal, sheet, copy, fit=(frame_width, (sheet.height - 2 * margin) / 2))
    story: list = [band, spacer(body * 0.9)]
    if copy.translation_notice:
        story.append(ts.para(copy.translation_notice, styles("small")))
    if copy.summary:
        story.append(ts.para(copy.summary, styles("body")))
    for st in statements:
        story.extend(_statement(ts, styles, copy, st, scale))
    story.append(spacer(body * 0.6))
    if copy.event is not None:
        story.append(KeepTogether([event_box(ts, styles, pal, copy.event, copy, room="brief")]))
    else:
        story.append(KeepTogether([fill_in_box(ts, styles, pal, copy)]))

    entries = _qr_entries(copy, statements)
    if entries:
        size = qr_size(entries, scale.body * 2.3 * MM, 45 * MM)
        block = qr_block(ts, styles, pal, copy, entries, frame_width, size=size)
        note = domain_note(ts, styles, copy, [e.url for e in entries])
        story += [spacer(body * 0.6), PushToBottom([block, spacer(1.5 * MM), note])]

    o = sheet.offset
    frame = Frame(o + margin, o + margin, frame_width, sheet.height - 2 * margin, 0, 0, 0, 0, id="body")

    def decorate(canv, _doc):
        draw_crop_marks(canv, sheet)

    info = Info(copy.title.text, f"Leaflet: {copy.title.text}", copy.campaign_id, copy.language,
                "leaflet-two-up" if two_up else "leaflet", short_edge_duplex=two_up)
    doc = pdf_document(io.BytesIO(), info, sheet.media, [PageTemplate("page", [frame], onPageEnd=decorate)],
                       sheet.boxes())
    doc.frame_width, doc.frame_height = frame_width, sheet.height - 2 * margin
    return doc, story, ts


def _statement(ts: Typesetter, styles: Styles, copy: Copy, st: StatementCopy, scale: TypeScale) -> list:
    """A statement's demands under its heading, then its calls and signatories kept together."""
    blocks: list = []
    demand = styles("demand", leftIndent=scale.size("demand") * 1.6, bulletIndent=0, bulletFontName=fonts.BOLD,
                    bulletColor=styles.pal.accent)
    if st.demands:
        head = ts.para(st.demands_heading, styles("heading"))
        items = [ts.para(d, demand, bullet=str(n)) for n, d in enumerate(st.demands, 1)]
        blocks.append(KeepTogether([head, items[0]]))
        blocks.extend(items[1:])
    call = styles("call", backColor=styles.pal.tint, borderPadding=(5, 7, 6, 7), leftIndent=7, rightIndent=7)
    closing = [ts.para(c, call) for c in st.calls]
    if st.signatories:
        names = Phrase(" · ".join(s.text for s in st.signatories), f"{st.path}.signatories")
        closing.append(ts.para(names, styles("small"), prefix=copy.prompt("signed_by")))
    if closing:
        blocks.append(KeepTogether(closing))
    return blocks


def _qr_entries(copy: Copy, statements) -> list[QREntry]:
    entries: list[QREntry] = []
    for st in statements:
        src = st.source
        if src and src.url.ascii not in [e.url.ascii for e in entries]:
            entries.append(QREntry(src.url, src.field, copy.label("read_statement"), (st.by,)))
    return entries
