"""A `Campaign` and leaflet options in, a print-ready leaflet PDF out (A4, A5, Letter, or two-up).

Front: the campaign title on a colour band, the summary, every demand grouped by who made it, the
calls, the signatories and the event box; QR codes to the statements' sources sit at the foot of
the last page, each with its URL printed beside it. Text that does not fit flows onto the back.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from . import fonts, qr
from .errors import CampaignkitError, CampaignWarning
from .i18n import format_date, format_time, label
from .model import Campaign, Event, Statement
from .output import Target, deliver
from .paper import MM, Sheet, draw_crop_marks, draw_cut_line, paper_size
from .pdfdoc import (
    Band, Checked, PushToBottom, QRCode, band_logo, build, escape, palette, style, table_commands, url_markup,
)

PAPERS = ("A4", "A5", "letter")
MAX_BLEED_MM = 10.0


@dataclass(frozen=True)
class _Scale:
    margin: float
    headline: float
    body: float
    demand: float
    heading: float
    small: float
    qr: float


SHORT_TEXT = {"A5": 700, "A4": 1000, "letter": 1000}  # characters below which a larger type scale is tried


def _scales(paper: str, characters: int) -> tuple[tuple[_Scale, ...], int]:
    """Type scales to try, roomiest first, and the page count each paper should ideally fill.

    A short campaign first tries a larger scale, so a few demands fill the page instead of
    floating in it; a long one does not pay for that attempt.
    """
    if paper == "A5":
        large, scales, ideal = _Scale(12 * MM, 30, 10.5, 12, 12.5, 8.5, 24 * MM), (
            _Scale(12 * MM, 25, 9.5, 10.5, 11, 8, 22 * MM), _Scale(11 * MM, 22, 9, 10, 10.5, 8, 22 * MM)), 2
    else:
        large, scales, ideal = _Scale(15 * MM, 44, 12, 14.5, 15, 9, 26 * MM), (
            _Scale(14 * MM, 34, 10, 11.5, 12.5, 8, 23 * MM), _Scale(13 * MM, 28, 9.5, 10.5, 11.5, 8, 22 * MM)), 1
    return ((large, *scales) if characters < SHORT_TEXT[paper] else scales), ideal


def _characters(campaign: Campaign, statements, lang) -> int:
    """How much running text the leaflet carries: title, summary, demands, calls and signatories."""
    texts = [campaign.title, campaign.summary] + [
        t for st in statements for t in (*(d.text for d in st.demands), *(c.text for c in st.calls), *st.signatories)
    ]
    return sum(len(t.get(lang)) for t in texts if t)


def make_leaflet(
    campaign: Campaign,
    target: Target = None,
    *,
    paper: str = "A4",
    lang: str | None = None,
    statement: str | None = None,
    event: str | None = None,
    two_up: bool = False,
    grayscale: bool = False,
    bleed_mm: float = 0.0,
) -> bytes | None:
    """Lay out the leaflet and write it to `target` (a path or stream), or return the bytes."""
    if paper not in PAPERS:
        raise CampaignkitError(f"paper: expected one of {', '.join(PAPERS)}, got {paper!r}")
    if not 0 <= bleed_mm <= MAX_BLEED_MM:
        raise CampaignkitError(f"bleed: expected 0 to {MAX_BLEED_MM:g} mm, got {bleed_mm:g}")
    if two_up and bleed_mm:
        raise CampaignkitError("two-up sheets are for home printing; use --bleed on a single leaflet for a print shop")
    data = _render(campaign, "A5" if two_up else paper, lang, statement, event, two_up, grayscale, bleed_mm)
    return deliver(data, target)


def _statements(campaign: Campaign, statement: str | None) -> tuple[Statement, ...]:
    if statement is None:
        if not campaign.statements:
            raise CampaignkitError(f"{campaign.id}: a leaflet needs at least one statement with demands")
        return campaign.statements
    found = campaign.statement(statement)
    if found is None:
        known = ", ".join(s.id for s in campaign.statements) or "none"
        raise CampaignkitError(f"statement: no statement with id {statement!r} (statements: {known})")
    return (found,)


def _event(campaign: Campaign, event: str | None) -> tuple[int, Event] | None:
    if event is None:
        return (0, campaign.events[0]) if campaign.events else None
    for i, candidate in enumerate(campaign.events):
        if candidate.id == event:
            return i, candidate
    known = ", ".join(e.id for e in campaign.events) or "none"
    raise CampaignkitError(f"event: no event with id {event!r} (events: {known})")


def _render(campaign, paper, lang, statement_id, event_id, two_up, grayscale, bleed_mm) -> bytes:
    """Build with the roomiest type scale that fits the ideal page count (else the fewest pages)."""
    fonts.register_all()
    statements = _statements(campaign, statement_id)
    chosen_event = _event(campaign, event_id)
    characters = _characters(campaign, statements, lang)
    scales, ideal = _scales(paper, characters)
    short = characters < SHORT_TEXT[paper]
    best: tuple[int, bytes] | None = None
    for n, sc in enumerate(scales):
        doc, story, chk = _compose(campaign, paper, sc, lang, statements, chosen_event, grayscale, bleed_mm)
        if n < len(scales) - 1 and _content_height(doc, story) > ideal * doc.frame_height + 0.5:
            continue  # cannot fit the ideal page count at this scale: skip the full build
        data = build(doc, story, chk, canvasmaker=_TwoUpCanvas) if two_up else build(doc, story, chk)
        if best is None or doc.page < best[0]:
            best = (doc.page, data)
        # A long leaflet stops at the first scale that fits; a short one also tries smaller type if
        # that saves a page (one sheet beats a back page holding only the QR codes).
        if best[0] <= (1 if short else ideal):
            break
    pages, data = best
    if pages > 2:
        warnings.warn(
            CampaignWarning(f"the leaflet runs to {pages} pages on {paper}; consider --statement or a larger paper"),
            stacklevel=3,
        )
    return data


def _content_height(doc, story) -> float:
    """The height the story needs laid end to end in one endless frame, spaces collapsed as platypus
    does (a space before is reduced by the space after above it); a lower bound on its real extent."""
    canvas = Canvas(io.BytesIO())
    flat = []
    for f in story:  # their own wrap reports "too big" (KeepTogether) or "all the rest" (PushToBottom)
        flat.extend(f._content if isinstance(f, KeepTogether) else f.content if isinstance(f, PushToBottom) else [f])
    total, previous_after = 0.0, None
    for f in flat:
        height = f.wrapOn(canvas, doc.frame_width, doc.frame_height)[1]
        before, after = f.getSpaceBefore(), f.getSpaceAfter()
        total += height + (0 if previous_after is None else max(before - previous_after, 0)) + after
        previous_after = after
    return total - (previous_after or 0)


def _compose(campaign, paper, sc: _Scale, lang, statements, chosen_event, grayscale, bleed_mm):
    """The document template, the story of flowables and the glyph checklist for one type scale."""
    width, height = paper_size(paper)
    sheet = Sheet(width, height, bleed_mm * MM)
    pal = palette(campaign.colour, grayscale)
    chk = Checked()
    t = lambda text: text.get(lang) if text else ""  # noqa: E731

    headline = style("headline", fonts.DISPLAY, sc.headline, pal.ink if grayscale else pal.on_accent, leading=1.08)
    body = style("body", fonts.BODY, sc.body, pal.ink, leading=1.36, spaceAfter=sc.body * 0.5)
    heading = style("heading", fonts.BOLD, sc.heading, pal.accent, leading=1.25, spaceBefore=sc.body * 0.6, spaceAfter=sc.body * 0.3)
    demand = style(
        "demand", fonts.BOLD, sc.demand, pal.ink, leading=1.3, leftIndent=sc.demand * 1.6, bulletIndent=0,
        bulletFontName=fonts.BOLD, bulletColor=pal.accent, spaceAfter=sc.demand * 0.35,
    )
    call = style(
        "call", fonts.BODY, sc.body, pal.ink, leading=1.38, backColor=pal.tint, borderPadding=(5, 7, 6, 7),
        leftIndent=7, rightIndent=7, spaceBefore=sc.body * 0.8, spaceAfter=sc.body * 1.0,
    )
    small = style("small", fonts.BODY, sc.small, pal.muted, leading=1.3, spaceAfter=sc.small * 0.4)
    qr_head = style("qr_head", fonts.BOLD, sc.small + 0.5, pal.ink, leading=1.25)
    qr_text = style("qr_text", fonts.BODY, sc.small, pal.ink, leading=1.3)

    frame_width = width - 2 * sc.margin
    story = []
    title_text = t(campaign.title)
    story.append(Band([chk.para(title_text, headline, "title")], pal, sheet, 4 * MM, logo=band_logo(campaign)))
    story.append(Spacer(1, sc.body * 0.9))
    if campaign.summary:
        story.append(chk.para(t(campaign.summary), body, "summary"))

    index = {s.id: i for i, s in enumerate(campaign.statements)}
    for st in statements:
        i = index[st.id]
        by = t(st.by)
        if st.demands:
            head = chk.para(label("demands", lang, by=by), heading, f"statements[{i}].by")
            items = [
                chk.para(t(d.text), demand, f"statements[{i}].demands[{n}]", bullet=f"{n + 1}")
                for n, d in enumerate(st.demands)
            ]
            story.append(KeepTogether([head, items[0]]))
            story.extend(items[1:])
        closing = [chk.para(t(c.text), call, f"statements[{i}].calls[{n}]") for n, c in enumerate(st.calls)]
        if st.signatories:
            names = " · ".join(t(s) for s in st.signatories)
            closing.append(chk.para(names, small, f"statements[{i}].signatories", prefix=f"{label('signed_by', lang)}:"))
        if closing:
            story.append(KeepTogether(closing))

    if chosen_event:
        story.append(Spacer(1, sc.body * 0.6))
        story.append(KeepTogether([_event_box(chosen_event, lang, chk, pal, sc)]))

    qr_entries = []
    for st in statements:
        source = campaign.source(st.source)
        if source and source.url.ascii not in [e[0].url.ascii for e in qr_entries]:
            qr_entries.append((source, index[st.id], t(st.by)))
    if qr_entries:
        story.append(Spacer(1, sc.body * 0.6))
        story.append(PushToBottom(_qr_block(qr_entries, lang, chk, pal, qr_head, qr_text, sc, frame_width)))

    buffer = io.BytesIO()
    o = sheet.offset
    frame = Frame(o + sc.margin, o + sc.margin, frame_width, height - 2 * sc.margin, 0, 0, 0, 0, id="body")
    def decorate(canv, _doc):
        if sheet.bleed:
            draw_crop_marks(canv, sheet)

    doc = BaseDocTemplate(
        buffer,
        pagesize=sheet.media,
        pageTemplates=[PageTemplate("page", [frame], onPageEnd=decorate)],
        invariant=1,
        initialFontName=fonts.BODY,
        title=title_text,
        subject=f"Leaflet: {title_text}",
        author=campaign.id,
        creator="campaignkit",
        lang=lang or campaign.language,
        **sheet.boxes(),
    )
    doc.frame_width, doc.frame_height = frame_width, height - 2 * sc.margin
    return doc, story, chk


def _event_box(chosen, lang, chk: Checked, pal, sc):
    text_colour = pal.ink if pal.grayscale else pal.on_accent
    box_title = style("box_title", fonts.BOLD, sc.demand, text_colour, leading=1.25)
    box_head = style("box_head", fonts.DISPLAY, sc.heading * 1.35, text_colour, leading=1.1)
    box_text = style("box_text", fonts.BODY, sc.body, text_colour, leading=1.3)
    i, ev = chosen
    t = lambda text: text.get(lang) if text else ""  # noqa: E731
    rows = [[chk.para(label("join_picket" if ev.kind == "picket" else "join_event", lang), box_head, "label")]]
    field = f"events[{i}]"
    rows.append([chk.para(t(ev.title), box_title, f"{field}.title")])
    place = chk.para(t(ev.place), box_text, f"{field}.place", prefix=f"{label('where', lang)}:")
    if ev.date or ev.time:
        when = " ".join(
            p for p in (format_date(ev.date, lang) if ev.date else "", format_time(ev.time, ev.end_time)) if p
        )
        chk.add(f"{field}.date", when, fonts.BODY)
        chk.add("label", label("when", lang), fonts.BOLD)
        place = Paragraph(
            f"{place.text}&nbsp;&nbsp;&nbsp;<font name='{fonts.BOLD}'>{escape(label('when', lang))}:</font> {escape(when)}",
            box_text,
        )
    rows.append([place])
    if ev.organisers:
        rows.append([chk.para(", ".join(t(o) for o in ev.organisers), box_text, f"{field}.organisers", prefix=f"{label('called_by', lang)}:")])
    if ev.supporters:
        rows.append([chk.para(", ".join(t(o) for o in ev.supporters), box_text, f"{field}.supporters", prefix=f"{label('supported_by', lang)}:")])
    if ev.contact:
        rows.append([chk.para(ev.contact, box_text, f"{field}.contact", prefix=f"{label('contact', lang)}:")])
    # Grayscale saves toner: an outlined box instead of a solid one.
    paint = ("BOX", (0, 0), (-1, -1), 1.6, colors.black) if pal.grayscale else ("BACKGROUND", (0, 0), (-1, -1), pal.accent)
    table = Table(rows, colWidths=["100%"], splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                paint,
                *table_commands("TOP", 2.5, 10),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    return table


def _qr_block(entries, lang, chk: Checked, pal, qr_head, qr_text, sc, frame_width):
    size = max(qr.size_for(src.url.ascii, sc.qr, 45 * MM, f"sources[{src.id}].url") for src, _, _ in entries)
    per_row = 2 if len(entries) > 1 and frame_width >= 2 * (size + 45 * MM) else 1
    cells, widths = [], []
    gap = 6 * MM
    text_width = (frame_width - per_row * size - (per_row - 1) * gap) / per_row
    for src, i, by in entries:
        url = src.url
        field = f"sources[{src.id}].url"
        chk.add(field, url.text, fonts.BOLD)
        shown = url_markup(url.text, url.domain, fonts.BODY, qr_text.fontSize, text_width - 3 * MM)
        text = [
            chk.para(label("read_statement", lang), qr_head, "label"),
            chk.para(by, qr_text, f"statements[{i}].by"),
            Paragraph(shown, qr_text),
        ]
        cells.append([QRCode(url.ascii, size, field), text])
    rows = []
    for start in range(0, len(cells), per_row):
        row = []
        for cell in cells[start : start + per_row]:
            row.extend(cell)
        while len(row) < 2 * per_row:
            row.append("")
        rows.append(row)
    for n in range(per_row):
        widths.extend([size, text_width + (gap if n < per_row - 1 else 0)])
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                *table_commands("MIDDLE", 2),
                *[("LEFTPADDING", (2 * n + 1, 0), (2 * n + 1, -1), 3 * MM) for n in range(per_row)],
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, pal.muted),
                ("TOPPADDING", (0, 0), (-1, 0), 2 * MM),
            ]
        )
    )
    domains = " / ".join(dict.fromkeys(src.url.domain for src, _, _ in entries))
    note = chk.para(label("check_domain", lang, domain=domains), qr_text, "label")
    return [table, Spacer(1, 1.5 * MM), note]


class _TwoUpCanvas(Canvas):
    """Draws each A5 page into a form, then places it twice on an A4 landscape sheet with a cut line."""

    def __init__(self, *args, pagesize, **kwargs):
        self._cell = pagesize
        self._sheet = paper_size("A4", landscape=True)
        super().__init__(*args, pagesize=self._sheet, **kwargs)
        self._forms = 0
        self._begin()

    def setPageSize(self, size):
        self._cell = size
        super().setPageSize(self._sheet)

    def _begin(self):
        self._forms += 1
        self.beginForm(f"leaflet{self._forms}", 0, 0, *self._cell)

    def showPage(self):
        self.endForm()
        name = f"leaflet{self._forms}"
        half = self._sheet[0] / 2
        inset = (half - self._cell[0]) / 2  # A5 is 148 mm, half an A4 sheet 148.5 mm
        for x in (inset, half + inset):
            self.saveState()
            self.translate(x, 0)
            self.doForm(name)
            self.restoreState()
        draw_cut_line(self, half, 0, half, self._sheet[1])
        super().showPage()
        self._begin()

    def save(self):
        # The form opened after the last sheet is empty: drop it rather than emit an unused object.
        self._restartAccumulators()
        self.pop_state_stack()
        super().save()
