"""Copy, palette and room in, the parts every material shares out: the headline band, QR blocks with
their URLs printed beside them, the check-the-domain note, the event box, the fill-in box for a
picket not yet fixed, and the page footer. Materials decide what goes on the page; these decide
how it looks.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer, Table

from ..errors import FitError
from ..localise.copy import Copy, EventCopy, Phrase
from ..model import URL
from . import fonts, qr
from .fit import headline_lines
from .flowables import Band, QRFlowable, table, table_commands
from .paper import MM, Sheet
from .text import NBSP, Typesetter
from .theme import Palette, Styles

QR_TEXT_MIN = 45 * MM  # room the printed URL needs beside a code
QR_PREFERRED = 26 * MM  # codes this size or larger still decode at 150 dpi with 15% of them covered


def band_logo(copy: Copy, max_width_mm: float = 26, max_height_mm: float = 20):
    """The campaign's logo for a headline band: (png bytes, width, height) in points, or None."""
    if not copy.logo:
        return None
    from .images import fit_logo

    image, width, height = fit_logo(copy.logo, max_width_mm, max_height_mm)
    return image.png, width * MM, height * MM


HEADLINE_STEP = 0.95  # a headline too large for its band is tried this much smaller, down to the heading size
HEADLINE_FACES = (fonts.DISPLAY, fonts.DISPLAY_NARROW)  # the narrower face for words too long for a line
ORPHAN_SHRINK = 0.6  # a headline may be this much smaller to keep two words on its last line


def header_band(ts: Typesetter, styles: Styles, pal: Palette, sheet: Sheet, copy: Copy, *,
                kicker: Phrase | None = None, pad: float = 4 * MM, logo: bool = True, logo_height_mm: float = 20,
                aside: Phrase | None = None, aside_width: float = 0.0,
                fit: tuple[float, float] | None = None) -> Band:
    """The campaign title on a colour band across the top of the page (a rule in grayscale), with the
    logo (at most `logo_height_mm` high) and an aside (a sheet id) at the end of the line.

    With `fit` = (width, most height), the title is broken into lines where it reads best (see
    `fit.headline_lines`) at the display size, or smaller down to the heading size (in the narrower
    face when a word is too long for a line), never inside a word; a title that fits no way is an
    error naming it."""
    image = band_logo(copy, max_height_mm=logo_height_mm) if logo else None
    if fit is None:
        return _band(ts, styles, pal, sheet, copy, copy.title, styles("headline"), kicker, pad, image, aside,
                     aside_width)
    width, most = fit
    floor = styles.scale.size("heading")
    room = width - Band([], None, sheet, pad, logo=image, aside=Spacer(0, 0) if aside is not None else None,
                        aside_width=aside_width).end_room() - 0.5  # what the logo and aside leave the title
    text = copy.title.text
    orphan_found: Band | None = None  # the largest that fits, with one word alone on its last line
    orphan_size = 0.0
    for face in HEADLINE_FACES:  # the narrower face too may keep two words on the last line
        size = styles.scale.display
        while size >= floor - 1e-6 and (orphan_found is None or size >= orphan_size * ORPHAN_SHRINK):
            lines = headline_lines(text, face, size, room, ts.faces)
            if lines is not None:
                title = Phrase(" ".join(line.replace(" ", NBSP) for line in lines), copy.title.field)
                headline = styles("headline", fontName=face, fontSize=size, leading=size * 1.08)
                band = _band(ts, styles, pal, sheet, copy, title, headline, kicker, pad, image, aside, aside_width)
                if band.wrap(width, most)[1] <= most:
                    orphan = len(lines) > 1 and len(lines[-1].split()) == 1 and len(text.split()) > 2
                    if not orphan:
                        return band
                    if orphan_found is None:
                        orphan_found, orphan_size = band, size
            size *= HEADLINE_STEP
    if orphan_found is not None:
        return orphan_found
    raise FitError(f"title: the title does not fit the headline band even at {floor:.0f} pt without breaking a "
                   f"word; shorten it")


def _band(ts, styles, pal, sheet, copy, title: Phrase, headline, kicker, pad, image, aside, aside_width) -> Band:
    content = []
    if kicker:
        content.append(ts.para(Phrase(kicker.text.upper(), kicker.field), styles("kicker")))
    content.append(ts.para(title, headline, tie=False))  # its lines are chosen by `header_band`
    aside_para = None
    if aside is not None:
        aside_para = ts.para(aside, styles("kicker", fontSize=8.5, alignment=0 if copy.direction == "rtl" else 2),
                             tie=False)
    return Band(content, pal.accent, sheet, pad, logo=image, outline=pal.grayscale,
                mirrored=copy.direction == "rtl", aside=aside_para, aside_width=aside_width)


@dataclass(frozen=True)
class QREntry:
    """One code and what is printed beside it: a heading, lines of text, and the URL itself."""

    url: URL
    field: str
    heading: Phrase
    lines: tuple[Phrase, ...] = ()


def qr_size(entries: list[QREntry], preferred: float, largest: float) -> float:
    """One size for a set of codes: `preferred`, or larger so every module reaches 0.5 mm."""
    return max(qr.size_for(e.url.ascii, preferred, largest, e.field) for e in entries)


def qr_block(ts: Typesetter, styles: Styles, pal: Palette, copy: Copy, entries: list[QREntry], width: float, *,
             size: float, per_row: int = 2, rule: bool = True, roomy: bool = False) -> Table:
    """Codes with their headings and URLs beside them, `per_row` to a row when they fit; `roomy` sets
    them in the body's table sizes rather than the small print of a page foot. An international
    address is printed in both its readable and its ASCII form (what the code holds)."""
    rows, widths, commands = _qr_cells(ts, styles, pal, copy, entries, width, size, per_row, roomy)
    if rule:
        commands += [("LINEABOVE", (0, 0), (-1, 0), 0.6, pal.muted), ("TOPPADDING", (0, 0), (-1, 0), 2 * MM)]
    return table(rows, widths, commands, rtl=ts.rtl, splitByRow=1)


def qr_rows(ts: Typesetter, styles: Styles, pal: Palette, copy: Copy, entries: list[QREntry], width: float, *,
            size: float, per_row: int = 2, roomy: bool = False, aside: Flowable | None = None) -> list[Table]:
    """The rows of `qr_block` (without its rule), one table each, to be kept or moved apart. `aside` (a
    note on the codes) takes the room the last row leaves empty, or is a row of its own after it."""
    rows, widths, commands = _qr_cells(ts, styles, pal, copy, entries, width, size, per_row, roomy)
    made = [table([row], widths, commands, rtl=ts.rtl) for row in rows[:-1]]
    last = rows[-1]
    free = next((n for n, cell in enumerate(last) if cell == ""), None)
    if aside is None:
        return [*made, table([last], widths, commands, rtl=ts.rtl)]
    if free is None:
        return [*made, table([last], widths, commands, rtl=ts.rtl), aside]
    last = [*last[:free], [aside], *last[free + 1:]]
    return [*made, table([last], widths, [*commands, ("SPAN", (free, 0), (-1, 0))], rtl=ts.rtl)]


def _qr_cells(ts: Typesetter, styles: Styles, pal: Palette, copy: Copy, entries: list[QREntry], width: float,
              size: float, per_row: int, roomy: bool) -> tuple[list, list, list]:
    gap = 6 * MM
    per_row = max(1, min(per_row, len(entries)))
    while per_row > 1 and width < per_row * (size + QR_TEXT_MIN) + (per_row - 1) * gap:
        per_row -= 1
    text_width = (width - per_row * size - (per_row - 1) * gap) / per_row
    if roomy:
        head, text = styles("cell_bold"), styles("note", textColor=pal.ink)
    else:
        head, text = styles("qr_head"), styles("qr_text")
    cells = []
    for entry in entries:
        block: list[Flowable] = [ts.para(entry.heading, head)]
        block += [ts.para(line, text, tie=False) for line in entry.lines]
        block.append(ts.url(entry.url.text, entry.url.domain, text, text_width - 3 * MM, entry.field,
                            href=entry.url.ascii))
        if entry.url.international:
            block.append(ts.parts([(copy.label("ascii_form", url=""), False)], text))
            block.append(ts.url(entry.url.ascii, entry.url.host, text, text_width - 3 * MM, entry.field,
                                href=entry.url.ascii))
        cells.append([QRFlowable(entry.url.ascii, size, entry.field, ink=pal.ink if pal.grayscale else colors.black),
                      block])
    rows = []
    for start in range(0, len(cells), per_row):
        row: list = []
        for cell in cells[start:start + per_row]:
            row.extend(cell)
        row.extend([""] * (2 * per_row - len(row)))
        rows.append(row)
    widths = []
    for n in range(per_row):
        widths += [size, text_width + (gap if n < per_row - 1 else 0)]
    commands = [*table_commands(fonts.BODY, "MIDDLE", 2),
                *[("LEFTPADDING", (2 * n + 1, 0), (2 * n + 1, -1), 3 * MM) for n in range(per_row)]]
    return rows, widths, commands


def domain_note(ts: Typesetter, styles: Styles, copy: Copy, urls: list[URL], *, role: str = "qr_text",
                many: bool = False) -> Flowable:
    """The warning to check the address a phone shows before opening a link (quishing)."""
    domains = list(dict.fromkeys(u.domain for u in urls))
    if many:
        return ts.para(copy.label("check_domains", domains=", ".join(domains)), styles(role))
    return ts.para(copy.label("check_domain", domain=" / ".join(domains)), styles(role))


def event_box(ts: Typesetter, styles: Styles, pal: Palette, event: EventCopy, copy: Copy, *,
              room: str = "full") -> Table:
    """An upcoming event on the accent colour (outlined in grayscale), or a past one as a report.

    `room` is "full" (summary and speakers too) or "brief" (what, where, when, who, contact).
    """
    on_colour = not event.past and not pal.grayscale
    head = styles("box_head") if on_colour else styles("box_head", textColor=pal.accent)
    title = styles("box_title") if on_colour else styles("box_title", textColor=pal.ink)
    text = styles("box_text") if on_colour else styles("box_text", textColor=pal.ink)
    rows: list[list] = [[ts.para(event.heading, head)], [ts.para(event.title, title)]]
    place = [(copy.prompt("where"), True), (event.place, False)]
    if event.when:
        place += [(copy.prompt("when"), True), (event.when, False)]
    rows.append([ts.parts(place, text)])
    for key, value in (("called_by", event.organisers), ("supported_by", event.supporters),
                       ("speakers", event.speakers if room == "full" else None), ("contact", event.contact)):
        if value:
            rows.append([ts.para(value, text, prefix=copy.prompt(key))])
    for extra in (event.attendance, event.summary if room == "full" or event.past else None):
        if extra:
            rows.append([ts.para(extra, text)])
    if event.past:
        paint = [("BACKGROUND", (0, 0), (-1, -1), pal.tint), ("LINEBEFORE", (0, 0), (0, -1), 2.5, pal.accent)]
    elif pal.grayscale:  # grayscale saves toner: an outlined box instead of a solid one
        paint = [("BOX", (0, 0), (-1, -1), 1.6, colors.black)]
    else:
        paint = [("BACKGROUND", (0, 0), (-1, -1), pal.accent)]
    return table(rows, ["100%"], [
        *paint, *table_commands(fonts.BODY, "TOP", 2.5, 10),
        ("TOPPADDING", (0, 0), (-1, 0), 9), ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
    ], rtl=ts.rtl, splitByRow=1)


def fill_in_box(ts: Typesetter, styles: Styles, pal: Palette, copy: Copy, *, kind: str = "picket") -> Table:
    """A box for the next event's details, written in by hand before the leaflet is copied."""
    head = styles("box_head", textColor=pal.accent)
    label = styles("box_title", textColor=pal.ink)
    rows: list[list] = [[ts.para(copy.label("next_picket" if kind == "picket" else "next_event"), head), "", ""]]
    prompts = [copy.prompt(key) for key in ("where", "when", "contact")]
    for prompt in prompts:
        rows.append([ts.para(prompt, label), "", ""])
    rows.append(["", "", ""])  # room below the last line to write on
    widest = max(ts.width(p.text, label.fontName, label.fontSize) for p in prompts) + 20 + 3 * MM
    return table(rows, [max(32 * MM, widest), None, 5 * MM], [
        *table_commands(fonts.BODY, "BOTTOM", 2, 10),
        ("SPAN", (0, 0), (-1, 0)),
        ("BOX", (0, 0), (-1, -1), 1.6, pal.accent),
        ("LINEBELOW", (1, 1), (1, 3), 0.6, pal.muted),
        ("TOPPADDING", (0, 0), (-1, 0), 9),
    ], rtl=ts.rtl, rowHeights=[None, 9 * MM, 9 * MM, 9 * MM, 3 * MM])


def footer_line(canvas, ts: Typesetter, text: str, x: float, y: float, width: float, size: float, colour, *,
                align: str = "left") -> None:
    """A single line of small text at the foot of a page (page numbers, sheet ids)."""
    canvas.saveState()
    canvas.setFillColor(colour)
    ts.draw(canvas, x + width if align == "right" else x, y, text, fonts.BODY, size, align)
    canvas.restoreState()


def spacer(points: float) -> Spacer:
    return Spacer(1, points)
