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

from reportlab.platypus import Frame, KeepTogether, PageBreak, PageTemplate

from ..errors import CampaignkitError, FitError
from ..layout import fonts
from ..layout.document import Info, Rendered, build, page_count, pdf_document
from ..layout.flowables import broken_words
from ..layout.furniture import (
    QR_PREFERRED,
    QREntry,
    domain_note,
    event_box,
    fill_in_box,
    header_band,
    qr_block,
    qr_size,
    spacer,
)
from ..layout.paper import MM, Sheet, draw_crop_marks, paper_size
from ..layout.spread import Stretch
from ..layout.text import Typesetter
from ..layout.theme import Styles, Theme, TypeScale, palette
from ..localise.copy import Copy, Phrase, StatementCopy
from ..options import Paper
from .leaflet_fit import (
    MAX_GROWTH,
    MIN_ONE_SIDED_BODY,
    Gap,
    back_scales,
    page_targets,
    scales,
    size_class,
    spread,
    two_up_sheet,
)
from .leaflet_two_up import TwoUpCanvas
from .signatories import leaflet_signatories

MAX_BLEED_MM = 10.0
MAX_PAGES = 99  # what the smallest type may run to
QR_LARGEST = 45 * MM


def render_leaflet(copy: Copy, *, paper: Paper = Paper.A4, statement: str | None = None, two_up: bool = False,
                   bleed_mm: float = 0.0, theme: Theme = Theme()) -> Rendered:
    """Lay out the leaflet in the largest type that fits its page count, then fill what room is left."""
    if not 0 <= bleed_mm <= MAX_BLEED_MM:
        raise CampaignkitError(f"bleed: expected 0 to {MAX_BLEED_MM:g} mm, got {bleed_mm:g}")
    if two_up and bleed_mm:
        raise CampaignkitError("two-up sheets are for home printing; use --bleed on a single leaflet for a print shop")
    statements = _statements(copy, statement)
    cell = two_up_sheet(paper)[1] if two_up else paper
    layout = _Layout(copy, cell, statements, bleed_mm, theme, two_up, paper)
    data, pages = layout.best()
    warnings = [f"the leaflet runs to {pages} pages on {paper}; consider --statement or a larger paper"] if (
        pages > 2 and not two_up) else []
    size = paper_size(two_up_sheet(paper)[0], landscape=True) if two_up else _sheet(cell, bleed_mm).media
    suffix = "two-up" if two_up else str(paper).lower()
    return Rendered(data, f"{copy.campaign_id}-leaflet-{copy.language}-{suffix}.pdf",
                    "leaflet-two-up" if two_up else "leaflet", pages, size, warnings=tuple(warnings))


class _Layout:
    """Tries type scales for one leaflet: the largest that fits the page count wins, with the event box in
    full (summary, speakers) when there is room for it, and the room left spread between the parts."""

    def __init__(self, copy: Copy, cell: Paper, statements, bleed_mm: float, theme: Theme, two_up: bool,
                 paper: Paper):
        self.copy, self.cell, self.statements, self.bleed_mm, self.theme = copy, cell, statements, bleed_mm, theme
        self.two_up, self.sheet_size = two_up, paper_size(two_up_sheet(paper)[0], landscape=True)
        self.only_codes_on_the_back = False
        self.broken: list[str] = []

    def compose(self, scale: TypeScale, room: str, event_on_the_back: bool = False, back: TypeScale | None = None,
                qr_grow: float = 0.0):
        return _compose(self.copy, self.cell, scale, self.statements, self.bleed_mm, self.theme, self.two_up, room,
                        event_on_the_back, back, qr_grow)

    def build(self, doc, story, ts) -> tuple[bytes, int]:
        """The PDF and its page count; `self.broken` lists the paragraphs in which a word too wide for its
        line had to be broken (a smaller type size may keep it whole)."""
        with broken_words() as broken:
            if self.two_up:
                data = build(doc, story, ts, canvasmaker=partial(TwoUpCanvas, sheet=self.sheet_size))
            else:
                data = build(doc, story, ts)
        self.broken = broken
        return data, page_count(data)

    def best(self) -> tuple[bytes, int]:
        candidates = scales(self.cell)
        targets = page_targets(self.cell)
        for target in targets:
            one_side_of_two = target == 1 and size_class(self.cell) == "small"  # while its type stays comfortably large
            usable = [s for s in candidates if s.body >= MIN_ONE_SIDED_BODY] if one_side_of_two else candidates
            found = self.largest_fitting(usable, target)
            if found is not None and target > 1 and self.only_codes_on_the_back:
                # A back page holding only the codes wastes a side: one side in smaller type is better,
                # else the back takes the event too, so the front tells the case and the back what to do.
                one_side = self.largest_fitting([s for s in candidates if s.body < MIN_ONE_SIDED_BODY], 1)
                return one_side or self.largest_fitting(candidates, target, event_on_the_back=True) or found
            if found is not None:
                return found
        # Nothing fits: the smallest type, flowing onto as many pages as it needs.
        smallest = candidates[-1:]
        found = self.largest_fitting(smallest, MAX_PAGES)
        if found is not None and self.only_codes_on_the_back:  # the last page takes the event too
            found = self.largest_fitting(candidates, found[1], event_on_the_back=True) or found
        return found or self.build(*self.compose(smallest[0], "brief")[:3])

    def first_possible(self, candidates: list[TypeScale], target: int) -> tuple[int, tuple | None]:
        """The index of the largest scale whose text, laid end to end, is no longer than `target` pages
        (a lower bound on what it really needs: sizes below it may still be too large), with what was
        composed at that scale ("brief", not yet built) and its `Measure` (None when no scale passed).
        Heights grow with the size, so a binary search finds it in a few measurements."""
        low, high, passed = 0, len(candidates), None
        while low < high:
            middle = (low + high) // 2
            try:
                composed = self.compose(candidates[middle], "brief")
            except FitError:  # the headline fits no way at this size; smaller sizes lower its floor
                low = middle + 1
                continue
            measured = _measure(*composed[:2])
            if measured.height > target * composed[0].frame_height + 0.5:
                low = middle + 1
            else:
                high, passed = middle, (composed, measured)
        return low, passed

    def largest_fitting(self, candidates: list[TypeScale], target: int,
                        event_on_the_back: bool = False) -> tuple[bytes, int] | None:
        first, passed = self.first_possible(candidates, target)
        for scale in candidates[first:]:
            if passed is not None and not event_on_the_back:  # the first scale's story, measured but not built
                ((doc, story, ts, gaps), measured), passed = passed, None
            else:
                try:
                    doc, story, ts, gaps = self.compose(scale, "brief", event_on_the_back)
                except FitError:
                    continue
                # a larger size broke a word: this one may too, which a measurement tells without a build
                measured = _measure(doc, story) if self.broken else None
            if measured is not None and self.refused_unbuilt(doc, ts, measured):
                continue
            data, pages = self.build(doc, story, ts)
            if pages > target or self.broken:
                continue
            room_full = False
            if self.copy.event is not None and max(doc.leftover.values(), default=0) > 0.05 * doc.frame_height:
                full = self.compose(scale, "full", event_on_the_back)
                full_data, full_pages = self.build(*full[:3])
                if full_pages <= target and not self.broken:
                    doc, story, ts, gaps = full
                    data, pages, room_full = full_data, full_pages, True
            if event_on_the_back or _event_starts_a_page(gaps):  # its page is set in larger type
                filled = self.fill_the_back(scale, "full" if room_full else "brief", pages)
                if filled is not None:
                    (doc, story, ts, gaps), data, pages = filled
            if spread(gaps, doc.leftover, doc.frame_height, tuple(_rows(story))):
                data, pages = self.build(doc, story, ts)
            body_ends = next(g.page for g in gaps if g.mark == "event")
            self.only_codes_on_the_back = pages > 1 and body_ends < pages
            return data, pages
        return None

    def refused_unbuilt(self, doc, ts: Typesetter, measured: Measure) -> bool:
        """Whether a build of the measured story is sure to be refused, so it need not be made: a word had to
        be broken (every paragraph is wrapped at the width its frame gives it, as the build wraps it, so
        the build breaks that word too), and the build could not have failed instead (the glyphs print and
        every part fits an empty page, so nothing is too large to place)."""
        if not measured.broken or measured.width != doc.line_width or measured.tallest > doc.frame_height - 1:
            return False
        ts.check()
        self.broken = list(measured.broken)
        return True


    def fill_the_back(self, scale: TypeScale, room: str, target: int):
        """The back (the event and the codes) in the largest type that keeps the leaflet to `target` pages:
        ((doc, story, typesetter, gaps), data, pages), or None when no larger type fits."""
        candidates = back_scales(scale)
        low, high, found = 0, len(candidates), None
        while low < high:  # larger type never takes less room: a binary search
            middle = (low + high) // 2
            composed = self.compose(scale, room, True, candidates[middle])
            data, pages = self.build(*composed[:3])
            if pages <= target and not self.broken:
                found, high = (composed, data, pages), middle
            else:
                low = middle + 1
        if found is None:
            return None
        (doc, _, _, _), _, pages = found
        left = doc.leftover.get(pages, 0.0) - 2 * MAX_GROWTH * doc.frame_height  # more than the gaps can take
        back = candidates[high]
        while left > 2 * MM:  # the codes grow into what room is left, up to QR_LARGEST
            composed = self.compose(scale, room, True, back, qr_grow=left)
            data, grown = self.build(*composed[:3])
            if grown <= target and not self.broken:
                return composed, data, grown
            left /= 2
        return found


def _rows(story: list) -> list[Stretch]:
    """The demands of the story, which may move apart when the gaps cannot fill a page."""
    return [g for f in story for g in (_rows(f._content) if isinstance(f, KeepTogether) else [f])
            if isinstance(g, Stretch)]


def _event_starts_a_page(gaps: list[Gap]) -> bool:
    """Whether the event box (or the box to fill in) went to a page of its own, after the statements."""
    marks = {g.mark: g.page for g in gaps if g.mark}
    return 0 < marks["statements"] < marks["event"]


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


class Measure:
    """A story laid end to end in one endless frame `width` wide: its `height` (spaces collapsed as
    platypus does: a space before is reduced by the space after above it; a lower bound on its real
    extent), its `tallest` part, and the text of the paragraphs in which a word had to be broken.
    (A plain class: a dataclass costs about a millisecond to make at every start.)"""

    __slots__ = ("broken", "height", "tallest", "width")

    def __init__(self, height: float, tallest: float, width: float, broken: tuple[str, ...]):
        self.height, self.tallest, self.width, self.broken = height, tallest, width, broken


def _measure(doc, story) -> Measure:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO())

    def flatten(flowables) -> list:  # KeepTogether's own wrap reports "too big", not its height
        return [g for f in flowables for g in (flatten(f._content) if isinstance(f, KeepTogether) else [f])]

    flat = flatten(story)
    total, tallest, previous_after = 0.0, 0.0, None
    with broken_words() as broken:
        for f in flat:
            height = f.wrapOn(canvas, doc.frame_width, doc.frame_height)[1]
            before, after = f.getSpaceBefore(), f.getSpaceAfter()
            total += height + (0 if previous_after is None else max(before - previous_after, 0)) + after
            tallest, previous_after = max(tallest, height), after
    return Measure(total - (previous_after or 0), tallest, doc.frame_width, tuple(broken))


def _compose(copy: Copy, paper: Paper, scale: TypeScale, statements, bleed_mm: float, theme: Theme, two_up: bool,
             room: str, event_on_the_back: bool = False, back: TypeScale | None = None, qr_grow: float = 0.0):
    """The document template, the story of flowables, the typesetter and the gaps for one type scale; `room`
    says how much of the event to show ("brief" or "full"); with the event on the back, `back` is the type
    scale of the back (the event and the codes); `qr_grow` makes the codes larger, up to `QR_LARGEST`."""
    sheet = _sheet(paper, bleed_mm)
    pal = palette(theme, copy.colour)
    styles = small_print = Styles(pal, scale, copy.direction)
    ts = Typesetter.of(copy)
    margin = theme.margin(paper)
    frame_width = sheet.width - 2 * margin
    body = scale.body

    band = header_band(ts, styles, pal, sheet, copy, fit=(frame_width, (sheet.height - 2 * margin) / 2))
    gaps = [Gap(body * 0.9)]
    story: list = [band, gaps[-1]]
    if copy.translation_notice:
        story.append(ts.para(copy.translation_notice, styles("small")))
    if copy.summary:
        story.append(ts.para(copy.summary, styles("body")))
    for st in statements:
        gaps.append(Gap(0, 1.0))
        story += [gaps[-1], *_statement(ts, styles, copy, st, scale, (frame_width, sheet.height - 2 * margin))]
    gaps.append(Gap(0, 0, mark="statements"))
    # Before the event; none at the foot of the front when the event is on the back.
    gaps.append(Gap(0, 0) if event_on_the_back else Gap(body * 0.6, 1.5))
    story += gaps[-2:]
    if event_on_the_back:
        gaps.append(Gap(0, 1.0))  # room left on the back is shared above the event too
        story += [PageBreak(), gaps[-1]]
    if event_on_the_back and back is not None:
        scale, styles = back, Styles(pal, back, copy.direction)  # the codes' captions stay small print
    if copy.event is not None:
        story.append(KeepTogether([event_box(ts, styles, pal, copy.event, copy, room=room)]))
    else:
        story.append(KeepTogether([fill_in_box(ts, styles, pal, copy)]))
    gaps.append(Gap(0, 0, mark="event"))  # the page the body of the leaflet ends on
    story.append(gaps[-1])

    entries = _qr_entries(copy, statements)
    if entries:
        size = qr_size(entries, min(max(QR_PREFERRED, scale.body * 2.6 * MM) + qr_grow, QR_LARGEST), QR_LARGEST)
        block = qr_block(ts, small_print, pal, copy, entries, frame_width, size=size)
        note = domain_note(ts, small_print, copy, [e.url for e in entries])
        gaps.append(Gap(body * 0.6, 3.0))  # most of any room left goes here: the codes sit at the foot
        story += [gaps[-1], KeepTogether([block, spacer(1.5 * MM), note])]

    o = sheet.offset
    frame = Frame(o + margin, o + margin, frame_width, sheet.height - 2 * margin, 0, 0, 0, 0, id="body")

    def decorate(canv, _doc):
        draw_crop_marks(canv, sheet)

    info = Info(copy.title.text, f"Leaflet: {copy.title.text}", copy.campaign_id, copy.language,
                "leaflet-two-up" if two_up else "leaflet", short_edge_duplex=two_up, inks=theme.inks)
    doc = pdf_document(io.BytesIO(), info, sheet.media, [PageTemplate("page", [frame], onPageEnd=decorate)],
                       sheet.boxes())
    doc.frame_width, doc.frame_height = frame_width, sheet.height - 2 * margin
    doc.line_width = getattr(frame, "_aW", None)  # the width platypus wraps in (its frame works it out)
    return doc, story, ts, gaps


def _statement(ts: Typesetter, styles: Styles, copy: Copy, st: StatementCopy, scale: TypeScale,
               frame: tuple[float, float]) -> list:
    """A statement's demands under its heading, then its calls and signatories kept together. Each call
    carries the name of who makes it, so it reads right even at the top of a page of its own; a list of
    signatories too long for the `frame` (width, height) ends with how many more there are."""
    blocks: list = []
    demand = styles("demand", leftIndent=scale.size("demand") * 1.6, bulletIndent=0, bulletFontName=fonts.BOLD,
                    bulletColor=styles.pal.accent)
    if st.demands:
        head = ts.para(st.demands_heading, styles("heading"))
        items = [Stretch(ts.para(d, demand, bullet=str(n))) for n, d in enumerate(st.demands, 1)]
        blocks.append(KeepTogether([head, items[0]]))
        blocks.extend(items[1:])
    call = styles("call", backColor=styles.pal.tint, borderPadding=(5, 7, 6, 7), leftIndent=7, rightIndent=7)
    closing = [ts.para(c, call, prefix=Phrase(st.by.text + ":", st.by.field)) for c in st.calls]
    if st.signatories:
        closing += leaflet_signatories(ts, styles, copy, st, frame)
    if closing:
        blocks.append(KeepTogether(closing))
    return blocks


def _qr_entries(copy: Copy, statements) -> list[QREntry]:
    """The codes at the foot: the online petition first when there is one, then each statement's source."""
    entries: list[QREntry] = []
    if copy.petition is not None and copy.petition.url is not None:
        keeper = (copy.petition.keeper,) if copy.petition.keeper else ()
        entries.append(QREntry(copy.petition.url, "petition.url", copy.label("sign_petition"), keeper))
    for st in statements:
        src = st.source
        if src and src.url.ascii not in [e.url.ascii for e in entries]:
            entries.append(QREntry(src.url, src.field, copy.label("read_statement"), (st.by,)))
    return entries
