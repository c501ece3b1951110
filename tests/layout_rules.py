"""The layout rules of campaignkit's materials, as checks on what a PDF or PNG really prints.

Each `*_problems` function takes what a material prints (its pages' text as read by `read_text`,
its pages rendered by `render`, or its PNG bytes) and returns a list of readable problems, one line
each, naming the page and where on it; an empty list means the rule holds. Nothing here asks the
layout code how it meant to draw a page: text geometry comes from pdfium's char boxes and pixel
checks from pages rendered by pdfium at `DPI` (40), so a check sees what a printer would print.
The second half of the module is the corpus (tests/corpus) and which rule applies to which
material (`APPLIES`, `check`), shared by tests/test_layout_rules.py and tools/gallery.py.

The rules (numbers are module constants):

blank bands (`blank_band_problems`)
    The content area of a page is the paper inside its standard margin (14 mm on A4 and Letter,
    11 mm on A5 and half-letter), measured from the top margin to the bottom margin and across the
    full width between the side margins. A pixel row is blank when no pixel in that width carries
    ink (any channel darker than `INK_LEVEL`; tints and colour bands count as ink). The tallest run
    of blank rows must be at most 8% of the page height. Space above the first ink and below the
    last ink counts: a page that stops half way down has a blank band as tall as its empty half.
    On two-up sheets each leaflet is a page with its own margins and height. Leaflets: every page;
    fact sheets: every page but the last (which may end early).

text edges (`text_edge_problems`)
    Every char box lies inside the media box, and at least 5 mm from the paper's edges (on two-up
    sheets also from the edges of each leaflet once cut apart). Text never comes nearer, even on
    a colour band that runs to the edge.

ink edges (`ink_edge_problems`)
    Within 5 mm of the paper's edge the only ink allowed is colour that runs off the edge (a
    band): in each edge strip, the ink in every pixel column (top, bottom) or row (left, right)
    must be one unbroken run starting at the edge. Ink that starts inside the strip, or a band
    with something drawn in white on it there, is a problem. A line drawn across the whole sheet
    (ink along 40% or more of the pixel column or row: the dashed cut line of a two-up sheet) runs
    off the edge even where one of its dashes stops short of it.

type sizes (`type_size_problems`)
    Sizes are effective sizes: the font size times the scale of the char's matrix. Nothing is
    under 7.5 pt anywhere, except text in a scaled-down picture of a page (the placard drawn small
    on a tiled placard's assembly map: a char matrix scale below 1), which is not there to be read.
    On leaflets the body text is at least 9 pt: the running text of the campaign (summary, demands,
    calls), each found by the printed line that starts it. On placards every character of the
    display face (the slogan) is at least 40 pt, on tiles too (not on the assembly map).

overlaps (`overlap_problems`)
    Chars are grouped into lines (one baseline, read in order, broken at column gaps) and words
    (broken at spaces). No two words of different lines may overlap, a word's box being the tight
    boxes of its glyphs: they overlap when a glyph of one and a glyph of the other overlap by more
    than `OVERLAP_TOLERANCE` in both directions. (Not the rectangle around the whole word: at the
    tight leading of display type the descender of "weniger" and the umlaut of "Überstunden" share
    such a rectangle without touching; `interlocked_words` counts those, for information.)

line breaks (`line_break_problems`), read from the printed lines
    - in Russian, Kazakh, Ukrainian, Belarusian, Bulgarian, Polish, Czech and Slovak text no line
      ends in a one-letter word (of that language's script);
    - no line is only a dash, and none starts with one (a dash stays with the word before it, as
      campaignkit's own no-break rules say);
    - a number stays with its unit and its digit groups: no line ends in a number when the next
      line of the paragraph starts with a unit (%, ₸, mm, kg ...) or a group of three digits, and
      no line ends in "№";
    - no word is broken without a hyphen: a line's last word and the next line's first never join
      into a word of the campaign or the labels when one of the halves is not a word itself;
    - the last line of a paragraph of four words or more has more than one word (not for
      placard slogans, which are broken for size). A paragraph is a run of lines in reading order,
      in one size, each a line's distance (0.9 to 1.8 times the size) below the last, with
      lefts within two sizes of each other or the same centre.

placard capitals (`placard_cap_heights`)
    The capital height of each slogan as printed: the tallest tight box of its flat capitals (E, H,
    Н, П ...) in the display face, in mm; when it has none, of its round or pointed capitals (С,
    O, A), which overshoot the cap height by 1 to 2%.

sign-up rows (`signup_rows`, `signup_row_problems`)
    The numbered rows of each sheet, read from the row numbers: at least 14 rows, each at least
    9 mm tall.

social cards (`card_problems`)
    Text is the pixels nearer white than the card's background. On story cards (1080 x 1920)
    no text in the top 250 px or the bottom 340 px. On every card no line of text is under 28 px
    high, a line being a run of pixel rows with text (a run within a tenth of its neighbour's height
    of it, and nearer than a quarter of its own height or less than half as wide, such as the breve
    of a "й" or the dot of an "i" above its line, is part of that line; solid rectangles such as
    rules are not text). This is the height of the ink: a line of capitals and ascenders without
    descenders measures about 0.76 of its type size.

QR codes (`qr_problems`)
    `campaignkit.verify_pdf` finds at least the expected number of codes, every one decodes, and
    its URL is printed on the same page.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import io
import math
import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

MM = 72 / 25.4
DPI = 40
INK_LEVEL = 240  # a pixel with any channel below this carries ink
BLANK_BAND_SHARE = 0.08
EDGE_MM = 5.0
MIN_TEXT_PT = 7.5
MIN_BODY_PT = 9.0
MIN_SLOGAN_PT = 40.0
OVERLAP_TOLERANCE = 0.5  # points
MIN_SIGNUP_ROWS = 14
MIN_SIGNUP_ROW_MM = 9.0
STORY_TOP_PX = 250
STORY_BOTTOM_PX = 340
MIN_CARD_TEXT_PX = 28
MAX_LISTED = 12  # problems listed per check; the rest are counted

MARGINS_MM = {"A4": 14.0, "letter": 14.0, "A5": 11.0, "half-letter": 11.0}
PAPERS_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "letter": (215.9, 279.4), "half-letter": (139.7, 215.9)}
DISPLAY_FACE = "CondensedBlack"  # the face of headlines and slogans
SINGLE_LETTER_LANGUAGES = {"ru": "cyrl", "uk": "cyrl", "be": "cyrl", "bg": "cyrl", "kk": "cyrl",
                           "pl": "latn", "cs": "latn", "sk": "latn"}
DASHES = {"-", "–", "—", "‒", "―"}
UNITS = re.compile(r"^(%|‰|₸|₽|€|\$|£|¥|₴|₹|°|km|kg|mm|cm|m|h|g|l|мм|см|км|кг|м|ч|г|л|тг|руб\.?|тенге|теңге)(?![^\W\d_])")
NUMBER_END = re.compile(r"\d[\d.,]*$")
DIGIT_GROUP_START = re.compile(r"^\d{3}(?!\d)")
FLAT_CAPITALS = set("BDEFHIKLMNPRTZБВГЕИКМНПРТШЫЬ")  # flat top and baseline: their ink height is the cap height
ROUND_CAPITALS = set("ACGJOQSUVWXYАЖЗОСУФХЧЭЮЯ")  # pointed or round: they overshoot by 1 to 2%


# -- reading what a PDF prints ----------------------------------------------------------------------

@dataclass(frozen=True)
class Glyph:
    char: str
    left: float
    bottom: float
    right: float
    top: float
    x: float  # origin, on the baseline
    y: float
    advance: float  # the glyph's advance (its loose box along the writing direction)
    direction: tuple[float, float]  # of writing: (1, 0) for upright text
    size: float  # effective size in points
    scale: float  # of the char's matrix: below 1 in a scaled-down picture of a page (a thumbnail)
    font: str
    colour: tuple[int, int, int]


@dataclass
class Word:
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @cached_property
    def box(self) -> tuple[float, float, float, float]:
        return (min(g.left for g in self.glyphs), min(g.bottom for g in self.glyphs),
                max(g.right for g in self.glyphs), max(g.top for g in self.glyphs))


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def glyphs(self) -> list[Glyph]:
        return [g for w in self.words for g in w.glyphs]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def baseline(self) -> float:
        return Counter(round(g.y, 1) for g in self.glyphs).most_common(1)[0][0]

    @property
    def size(self) -> float:
        return Counter(round(g.size, 2) for g in self.glyphs).most_common(1)[0][0]

    @property
    def left(self) -> float:
        return min(g.left for g in self.glyphs)

    @property
    def right(self) -> float:
        return max(g.right for g in self.glyphs)

    @property
    def font(self) -> str:
        return Counter(g.font for g in self.glyphs).most_common(1)[0][0]


@dataclass
class PageText:
    number: int  # from 1
    width: float
    height: float
    lines: list[Line]

    @property
    def glyphs(self) -> list[Glyph]:
        return [g for line in self.lines for g in line.glyphs]

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]


def read_text(data: bytes) -> list[PageText]:
    """Every page's printed text as lines of words of glyphs, in reading (content stream) order."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(bytes(data))
    pages = []
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    matrix = raw.FS_MATRIX()
    rgba = [ctypes.c_uint() for _ in range(4)]
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = raw.FS_RECTF()
    try:
        for number, page in enumerate(doc, 1):
            width, height = page.get_size()
            textpage = page.get_textpage()
            lines: list[Line] = []
            line, word = Line(), Word([])

            def end_word():
                nonlocal word
                if word.glyphs:
                    line.words.append(word)
                word = Word([])

            def end_line():
                nonlocal line
                end_word()
                if line.words:
                    lines.append(line)
                line = Line()

            previous: Glyph | None = None
            for i in range(textpage.count_chars()):
                char = chr(raw.FPDFText_GetUnicode(textpage, i))
                if char in "\r\n":
                    end_line()
                    previous = None
                    continue
                if char.isspace() or char in "\x00\ufffe\uffff" or raw.FPDFText_IsGenerated(textpage, i) == 1:
                    end_word()
                    continue
                left, bottom, right, top = textpage.get_charbox(i)
                raw.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(ox), ctypes.byref(oy))
                raw.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(loose))
                raw.FPDFText_GetMatrix(textpage, i, ctypes.byref(matrix))
                scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
                length = math.hypot(matrix.a, matrix.b) or 1.0
                ux, uy = matrix.a / length, matrix.b / length
                advance = abs(ux) * (loose.right - loose.left) + abs(uy) * abs(loose.top - loose.bottom)
                raw.FPDFText_GetFontInfo(textpage, i, name, 256, ctypes.byref(flags))
                raw.FPDFText_GetFillColor(textpage, i, *(ctypes.byref(c) for c in rgba))
                glyph = Glyph(char, left, bottom, right, top, ox.value, oy.value, advance, (ux, uy),
                              raw.FPDFText_GetFontSize(textpage, i) * scale, scale, name.value.decode(errors="replace"),
                              (rgba[0].value, rgba[1].value, rgba[2].value))
                if previous is not None:  # the same line goes on along the writing direction
                    size = max(glyph.size, previous.size)
                    (dx, dy), (vx, vy) = (glyph.x - previous.x, glyph.y - previous.y), previous.direction
                    along, across = dx * vx + dy * vy, abs(dy * vx - dx * vy)
                    gap = along - previous.advance
                    if along < 0 and _right_to_left(line, word, glyph):
                        # Arabic, Hebrew: read in logical order, leftwards; a left-to-right run inside (a number,
                        # an address) is read rightwards, so reaching its start jumps back over it
                        gap = min(-along - glyph.advance, 0.5 * size)
                    elif along < -0.2 * size:
                        gap = math.inf  # back along the line: a new line (or column) starts
                    if across > 0.4 * size or gap > 1.5 * size:
                        end_line()
                    elif gap > 0.3 * size:
                        end_word()
                word.glyphs.append(glyph)
                previous = glyph
            end_line()
            pages.append(PageText(number, width, height, lines))
            textpage.close()
            page.close()
    finally:
        doc.close()
    return pages


def _right_to_left(line: Line, word: Word, glyph: Glyph) -> bool:
    """Whether the line being read runs right to left: it (or the glyph) has a right-to-left letter."""
    return any(unicodedata.bidirectional(g.char) in ("R", "AL") for g in (glyph, *word.glyphs, *line.glyphs))


@dataclass(frozen=True)
class PageImage:
    """A page rendered by pdfium: its image and its size in points."""

    image: object  # PIL.Image.Image
    width: float
    height: float

    @property
    def px(self) -> float:
        """Pixels per point."""
        return self.image.width / self.width  # type: ignore[attr-defined]


def render(data: bytes, dpi: float = DPI) -> list[PageImage]:
    """Each page of a PDF as an RGB image, rendered by pdfium."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(bytes(data))
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            pages.append(PageImage(page.render(scale=dpi / 72).to_pil().convert("RGB"), width, height))
            page.close()
        return pages
    finally:
        doc.close()


def ink_mask(image):
    """An L image: 255 where the page carries ink (any channel below INK_LEVEL), else 0."""
    from PIL import ImageChops

    r, g, b = image.convert("RGB").split()
    darkest = ImageChops.darker(ImageChops.darker(r, g), b)
    return darkest.point(lambda v: 255 if v < INK_LEVEL else 0)


def inked_rows(mask, box: tuple[int, int, int, int]) -> list[bool]:
    """For each pixel row of `box` (left, top, right, bottom) in a mask: does it carry ink?"""
    from PIL import Image

    region = mask.crop(box).convert("F")
    column = region.resize((1, region.height), Image.Resampling.BOX)
    return [v > 0 for v in column.get_flattened_data()]


def _listed(problems: list[str]) -> list[str]:
    if len(problems) > MAX_LISTED:
        return [*problems[:MAX_LISTED], f"... and {len(problems) - MAX_LISTED} more"]
    return problems


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _mm(points: float) -> str:
    return f"{points / MM:.1f} mm"


# -- pages and frames -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    """A leaflet page (or one leaflet of a two-up sheet) on a printed sheet, in points from the sheet's
    lower left corner, with the margins of its paper."""

    left: float
    bottom: float
    width: float
    height: float
    margin: float
    label: str = ""

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def top(self) -> float:
        return self.bottom + self.height


def frames(paper: str, sheet: tuple[float, float], two_up: bool = False) -> list[Frame]:
    """The leaflet pages on one printed sheet: the whole sheet, or two cells of a two-up sheet
    (A5 on A4, half-letter on Letter), each with its paper's margin."""
    if not two_up:
        return [Frame(0, 0, sheet[0], sheet[1], MARGINS_MM[paper] * MM)]
    cell = "half-letter" if paper == "letter" else "A5"
    width, height = (v * MM for v in PAPERS_MM[cell])
    half = sheet[0] / 2
    inset = (half - width) / 2
    return [Frame(x + inset, (sheet[1] - height) / 2, width, height, MARGINS_MM[cell] * MM, label)
            for x, label in ((0, "left leaflet"), (half, "right leaflet"))]


def _where(page: int, frame: Frame) -> str:
    return f"page {page}" + (f" ({frame.label})" if frame.label else "")


# -- the rules ----------------------------------------------------------------------------------------

def blank_bands(page: PageImage, frame: Frame) -> tuple[float, float]:
    """(height, top) in points of the tallest blank band in the frame's content area, `top` measured
    down from the frame's top edge."""
    px = page.px
    sheet = (page.width, page.height)
    mask = ink_mask(page.image)
    left = round((frame.left + frame.margin) * px)
    right = round((frame.right - frame.margin) * px)
    top = round((sheet[1] - frame.top + frame.margin) * px)
    bottom = round((sheet[1] - frame.bottom - frame.margin) * px)
    rows = inked_rows(mask, (left, top, right, bottom))
    best, best_start, run, start = 0, 0, 0, 0
    for n, inked in enumerate([*rows, True]):
        if inked:
            if run > best:
                best, best_start = run, start
            run = 0
        else:
            if run == 0:
                start = n
            run += 1
    return best / px, frame.margin + best_start / px


def blank_band_problems(images: list[PageImage], paper: str, *, two_up: bool = False,
                        skip_last: bool = False) -> list[str]:
    problems = []
    for number, page in enumerate(images[:-1] if skip_last else images, 1):
        for frame in frames(paper, (page.width, page.height), two_up):
            height, top = blank_bands(page, frame)
            limit = BLANK_BAND_SHARE * frame.height
            if height > limit + 0.5 * 72 / DPI:
                problems.append(f"{_where(number, frame)}: blank band of {_mm(height)} "
                                f"({height / frame.height:.1%} of the page height), {_mm(top)} to "
                                f"{_mm(top + height)} from the top; at most {_mm(limit)}")
    return problems


def worst_blank_band(images: list[PageImage], paper: str, *, two_up: bool = False, skip_last: bool = False) -> float:
    """The tallest blank band of any page, as a share of the page height."""
    worst = 0.0
    for page in images[:-1] if skip_last else images:
        for frame in frames(paper, (page.width, page.height), two_up):
            worst = max(worst, blank_bands(page, frame)[0] / frame.height)
    return worst


def text_edge_problems(pages: list[PageText], paper: str | None = None, *, two_up: bool = False) -> list[str]:
    problems = []
    edge = EDGE_MM * MM
    for page in pages:
        cells = frames(paper, (page.width, page.height), two_up) if two_up and paper else [
            Frame(0, 0, page.width, page.height, 0)]
        for line in page.lines:
            glyphs = line.glyphs
            left, right = min(g.left for g in glyphs), max(g.right for g in glyphs)
            bottom, top = min(g.bottom for g in glyphs), max(g.top for g in glyphs)
            if left < -0.1 or bottom < -0.1 or right > page.width + 0.1 or top > page.height + 0.1:
                problems.append(f"page {page.number}: {_short(line.text)} runs off the page "
                                f"(box {left:.0f},{bottom:.0f} to {right:.0f},{top:.0f} pt on "
                                f"{page.width:.0f} x {page.height:.0f})")
                continue
            frame = next((f for f in cells if f.left - 1 <= (left + right) / 2 <= f.right + 1), cells[0])
            gaps = {"left": left - frame.left, "right": frame.right - right,
                    "bottom": bottom - frame.bottom, "top": frame.top - top}
            side, gap = min(gaps.items(), key=lambda item: item[1])
            if gap < edge - 0.05:
                problems.append(f"{_where(page.number, frame)}: {_short(line.text)} is {_mm(gap)} from the "
                                f"{side} edge; at least {EDGE_MM:g} mm")
    return _listed(problems)


def _strip_runs(values: list[bool]) -> bool:
    """True when the inked values form one run starting at index 0 (or there are none)."""
    seen_blank = False
    for inked in values:
        if not inked:
            seen_blank = True
        elif seen_blank:
            return False
    return True


def ink_edge_problems(images: list[PageImage]) -> list[str]:
    """Ink within EDGE_MM of the paper's edge that does not run off the edge."""
    from PIL import Image

    problems = []
    for number, page in enumerate(images, 1):
        mask = ink_mask(page.image)
        px = page.px
        strip = max(1, math.floor(EDGE_MM * MM * px))
        w, h = mask.size
        # each strip turned so that the paper's edge is row 0
        strips = {
            "top": mask.crop((0, 0, w, strip)),
            "bottom": mask.crop((0, h - strip, w, h)).transpose(Image.Transpose.FLIP_TOP_BOTTOM),
            "left": mask.crop((0, 0, strip, h)).transpose(Image.Transpose.TRANSPOSE),
            "right": mask.crop((w - strip, 0, w, h)).transpose(Image.Transpose.TRANSPOSE)
            .transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        }
        # a line drawn across the whole sheet (a dashed cut guide) runs off the edge even where a dash stops short
        coverage = mask.convert("F")
        across_columns = [v >= 0.4 * 255 for v in coverage.resize((w, 1), Image.Resampling.BOX).get_flattened_data()]
        across_rows = [v >= 0.4 * 255 for v in coverage.resize((1, h), Image.Resampling.BOX).get_flattened_data()]
        for side, region in strips.items():
            if region.getbbox() is None:
                continue
            across = across_columns if side in ("top", "bottom") else across_rows
            bad = []
            pixels = region.load()
            for x in range(region.width):
                column = [pixels[x, y] > 0 for y in range(region.height)]
                if any(column) and not across[x] and not _strip_runs(column):
                    bad.append(x)
            if bad:
                along = "from the left" if side in ("top", "bottom") else "from the top"
                spans = _spans(sorted(bad))
                where = ", ".join(f"{a / px / MM:.0f}–{(b + 1) / px / MM:.0f} mm" for a, b in spans[:4])
                more = f" and {len(spans) - 4} more" if len(spans) > 4 else ""
                problems.append(f"page {number}: ink within {EDGE_MM:g} mm of the {side} edge that does not run "
                                f"off it, at {where}{more} {along}")
    return problems


def _spans(values: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for v in values:
        if spans and v <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], v)
        else:
            spans.append((v, v))
    return spans


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


def body_sizes(pages: list[PageText], body_texts: list[str]) -> dict[str, float]:
    """The size each of `body_texts` (running text: summary, demands, calls) is printed at: the size
    of the line where its first words are found in the printed text; texts not found are left out."""
    found: dict[str, float] = {}
    joined, starts, lines = "", [], []
    for page in pages:
        for line in page.lines:
            starts.append(len(joined))
            lines.append(line)
            joined += _normal(line.text) + " "
    for text in body_texts:
        start = " ".join(_normal(text).split()[:5])
        at = joined.find(start) if start else -1
        if at >= 0:
            index = max(i for i, offset in enumerate(starts) if offset <= at)
            found[text] = lines[index].size
    return found


def type_size_problems(pages: list[PageText], material: str, body_texts: tuple[str, ...] = ()) -> list[str]:
    problems = []
    for page in pages:
        for line in page.lines:
            small = [g for g in line.glyphs if g.size < MIN_TEXT_PT - 0.01 and g.scale >= 0.999]
            if small:
                problems.append(f"page {page.number}: {_short(line.text)} is set at {min(g.size for g in small):.2f} pt; "
                                f"nothing under {MIN_TEXT_PT:g} pt")
    if material.startswith("leaflet"):
        sizes = body_sizes(pages, list(body_texts))
        if body_texts and not sizes:
            problems.append("none of the body text (summary, demands, calls) is found on the leaflet")
        for text, size in sizes.items():
            if size < MIN_BODY_PT - 0.01:
                problems.append(f"body text {_short(text)} is set at {size:.2f} pt; at least {MIN_BODY_PT:g} pt")
    if material.startswith("placard"):
        first = 2 if material == "placard-tiled" else 1  # the assembly page is a map of the placard
        for page in pages[first - 1:]:
            for line in page.lines:
                slogan = [g for g in line.glyphs if DISPLAY_FACE in g.font]
                if slogan and min(g.size for g in slogan) < MIN_SLOGAN_PT - 0.01:
                    problems.append(f"page {page.number}: slogan line {_short(line.text)} is set at "
                                    f"{min(g.size for g in slogan):.1f} pt; at least {MIN_SLOGAN_PT:g} pt")
    return _listed(problems)


def overlap_problems(pages: list[PageText]) -> list[str]:
    problems = []
    tol = OVERLAP_TOLERANCE
    for page in pages:
        glyphs = sorted(((g.bottom, n, i, g) for n, line in enumerate(page.lines)
                         for i, word in enumerate(line.words) for g in word.glyphs), key=lambda item: item[0])
        seen = set()
        for k, (_, line, word, g) in enumerate(glyphs):
            for _, other_line, other_word, h in glyphs[k + 1:]:
                if h.bottom >= g.top - tol:
                    break  # sorted by bottom: nothing further up reaches down into this glyph
                if other_line == line or (line, word, other_line, other_word) in seen:
                    continue
                if abs(g.y - h.y) < 0.2 * max(g.size, h.size):
                    continue  # one baseline is one printed line (runs of mixed direction read apart): joined letters
                    # and kerning overlap there by design
                dx = min(g.right, h.right) - max(g.left, h.left)
                dy = min(g.top, h.top) - max(g.bottom, h.bottom)
                if dx > tol and dy > tol:
                    seen.add((line, word, other_line, other_word))
                    first = page.lines[line].words[word].text
                    second = page.lines[other_line].words[other_word].text
                    problems.append(f"page {page.number}: {_short(first, 24)} and {_short(second, 24)} overlap "
                                    f"({g.char!r} and {h.char!r} by {dx:.1f} x {dy:.1f} pt) at {g.left / MM:.0f} mm "
                                    f"from the left, {(page.height - g.top) / MM:.0f} mm from the top")
    return _listed(problems)


def interlocked_words(pages: list[PageText]) -> int:
    """Pairs of words on different lines whose whole-word rectangles overlap (glyphs may not touch)."""
    count = 0
    tol = OVERLAP_TOLERANCE
    for page in pages:
        words = sorted(((w.box, n) for n, line in enumerate(page.lines) for w in line.words), key=lambda x: x[0][1])
        for i, (box, line) in enumerate(words):
            for other, other_line in words[i + 1:]:
                if other[1] >= box[3] - tol:
                    break
                if other_line != line and min(box[2], other[2]) - max(box[0], other[0]) > tol and (
                        min(box[3], other[3]) - max(box[1], other[1]) > tol):
                    count += 1
    return count


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into paragraphs: consecutive in reading order, one size, a line's distance apart,
    aligned left (within two sizes, for bullets) or centred alike."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            last = groups[-1][-1]
            size = last.size
            step = last.baseline - line.baseline
            aligned = (abs(line.left - last.left) <= 2 * size
                       or abs((line.left + line.right) - (last.left + last.right)) / 2 <= 1.0)
            if abs(line.size - size) < 0.05 and 0.9 * size <= step <= 1.8 * size and aligned:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _script(char: str) -> str:
    if "\u0400" <= char <= "\u04ff":
        return "cyrl"
    if char.isascii() or "\u00c0" <= char <= "\u024f":
        return "latn"
    return "other"


def vocabulary(*texts: str) -> frozenset[str]:
    """The words of some texts (a campaign file, the label catalogues), lower case."""
    return frozenset(w.casefold() for text in texts for w in re.findall(r"\w+", text))


def line_break_problems(pages: list[PageText], language: str, *, last_lines: bool = True,
                        words: frozenset[str] = frozenset()) -> list[str]:
    problems = []
    script = SINGLE_LETTER_LANGUAGES.get(language.split("-", maxsplit=1)[0].lower())
    for page in pages:
        for paragraph in paragraphs(page.lines):
            texts = [line.text.split() for line in paragraph]
            for n, tokens in enumerate(texts):
                if not tokens:
                    continue
                where = f"page {page.number}: line {_short(' '.join(tokens))}"
                last = tokens[-1]
                if script and len(last) == 1 and last.isalpha() and _script(last) == script:
                    problems.append(f"{where} ends in the one-letter word {last!r}")
                if all(t in DASHES for t in tokens):
                    problems.append(f"{where} is only a dash")
                elif tokens[0] in DASHES:
                    problems.append(f"{where} starts with a dash, parted from the word before it")
                if n + 1 < len(texts) and texts[n + 1]:
                    following = texts[n + 1][0]
                    if NUMBER_END.search(last) and UNITS.match(following):
                        problems.append(f"{where} ends in a number whose unit {following!r} starts the next line")
                    elif re.fullmatch(r"\d{1,3}", last) and DIGIT_GROUP_START.match(following):
                        problems.append(f"{where} ends in {last!r}, whose digit group {following!r} starts the next line")
                    elif last in {"№", "#"} and following[:1].isdigit():
                        problems.append(f"{where} ends in {last!r}, parted from its number")
                    head, tail = re.search(r"(\w+)$", last), re.match(r"\w+", following)
                    if words and head and tail and (head[1] + tail[0]).casefold() in words and (
                            head[1].casefold() not in words or tail[0].casefold() not in words):
                        problems.append(f"{where} breaks the word {head[1] + tail[0]!r} after {head[1]!r} "
                                        f"without a hyphen")
            count = sum(len(t) for t in texts)
            if (last_lines and len(paragraph) > 1 and count >= 4 and len(texts[-1]) == 1
                    and not _url_part(texts[-2][-1] if texts[-2] else "", texts[-1][0])):
                problems.append(f"page {page.number}: the paragraph {_short(' '.join(texts[0]), 30)} ends in a line of "
                                f"one word, {_short(texts[-1][0], 30)}")
    return _listed(problems)


def _url_part(before: str, word: str) -> bool:
    """Whether a one-word last line is a URL, or the end of one broken over lines (printed as a line
    of its own beside a QR code, not the end of a sentence)."""
    return "/" in word or "/" in before


def placard_cap_heights(pages: list[PageText]) -> list[float]:
    """Per placard page: the capital height of the slogan as printed, in mm: the ink height of its
    flat capitals (E, H, Н, П ...), else of its round or pointed ones (С, O, A: 1 to 2% high from
    overshoot); 0 when the slogan has no capitals."""
    heights = []
    for page in pages:
        slogan = [g for g in page.glyphs if DISPLAY_FACE in g.font]
        for capitals in (FLAT_CAPITALS, ROUND_CAPITALS, set()):
            caps = [g.top - g.bottom for g in slogan if g.char in capitals]
            if caps or not capitals:
                heights.append(max(caps) / MM if caps else 0.0)
                break
    return heights


def signup_rows(page: PageText) -> list[float]:
    """The heights (mm) of a sign-up sheet's numbered rows, read from the row numbers in the first column
    (the leftmost, or on a right-to-left sheet the rightmost)."""
    numbers = [line for line in page.lines if re.fullmatch(r"\d+", line.text)
               and (line.left < page.width * 0.2 or line.right > page.width * 0.8)]  # at the right: right to left
    numbers.sort(key=lambda line: -line.baseline)
    run: list[Line] = []
    for line in numbers:  # the first run of two or more consecutive numbers, top to bottom
        if run and int(line.text) == int(run[-1].text) + 1:
            run.append(line)
        elif not run or len(run) < 2:
            run = [line]
    if len(run) < 2:
        return []
    steps = [(a.baseline - b.baseline) / MM for a, b in zip(run, run[1:])]
    return [*steps, steps[-1]]  # the last row is as tall as the one above it


def signup_row_problems(pages: list[PageText]) -> list[str]:
    problems = []
    for page in pages:
        rows = signup_rows(page)
        if len(rows) < MIN_SIGNUP_ROWS:
            low, high = (f"{min(rows):.1f}", f"{max(rows):.1f}") if rows else ("", "")
            tall = "" if not rows else f" of {low} mm" if low == high else f" of {low} to {high} mm"
            problems.append(f"page {page.number}: {len(rows)} rows{tall}; at least {MIN_SIGNUP_ROWS}")
        if rows and min(rows) < MIN_SIGNUP_ROW_MM - 0.05:
            problems.append(f"page {page.number}: rows of {min(rows):.1f} mm; at least {MIN_SIGNUP_ROW_MM:g} mm")
    return problems


def _card_text_mask(image):
    """An L mask of the pixels nearer white than the card's background (its most common colour)."""
    rgb = image.convert("RGB")
    small = rgb.resize((rgb.width // 8, rgb.height // 8))
    background = max(small.getcolors(small.width * small.height) or [(0, (0, 0, 0))])[1]
    lum = rgb.convert("L")
    level = (0.299 * background[0] + 0.587 * background[1] + 0.114 * background[2] + 255) / 2
    return lum.point(lambda v: 255 if v > level else 0)


def _run_width(mask, top: int, bottom: int) -> int:
    box = mask.crop((0, top, mask.width, bottom)).getbbox()
    return box[2] - box[0] if box else 0


def card_text_lines(mask) -> list[tuple[int, int]]:
    """(top, bottom) pixel rows of each run of rows with text, solid rectangles left out."""
    rows = inked_rows(mask, (0, 0, mask.width, mask.height))
    runs, start = [], None
    for y, inked in enumerate([*rows, False]):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            runs.append((start, y))
            start = None
    merged: list[tuple[int, int]] = []
    for top, bottom in runs:  # a diacritic (the breve of й, the dot of i) apart from its line joins it
        if merged:
            previous = merged[-1]
            (small, small_width), (large, large_width) = sorted(
                ((bottom - top, _run_width(mask, top, bottom)),
                 (previous[1] - previous[0], _run_width(mask, *previous))))
            gap = top - previous[1]
            if gap <= 0.1 * large and (gap <= 0.25 * small or small_width < 0.5 * large_width):
                merged[-1] = (previous[0], bottom)
                continue
        merged.append((top, bottom))
    lines = []
    for top, bottom in merged:
        band = mask.crop((0, top, mask.width, bottom))
        box = band.getbbox()
        assert box is not None
        area = (box[2] - box[0]) * (box[3] - box[1])
        if band.crop(box).histogram()[255] == area:
            continue  # a solid rectangle: a rule, not text
        lines.append((top, bottom))
    return lines


def card_problems(png: bytes, name: str = "card") -> list[str]:
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    mask = _card_text_mask(image)
    problems = []
    w, h = mask.size
    if (w, h) == (1080, 1920):
        for label, box in (("top", (0, 0, w, STORY_TOP_PX)), ("bottom", (0, h - STORY_BOTTOM_PX, w, h))):
            found = mask.crop(box).getbbox()
            if found:
                depth = found[3] if label == "top" else STORY_BOTTOM_PX - found[1]
                problems.append(f"{name}: text reaches {depth} px into the {label} {box[3] - box[1]} px the apps cover")
    for top, bottom in card_text_lines(mask):
        if bottom - top < MIN_CARD_TEXT_PX:
            problems.append(f"{name}: a line of text {bottom - top} px high at {top}–{bottom} px from the top; "
                            f"at least {MIN_CARD_TEXT_PX} px")
    return problems


def card_line_heights(png: bytes) -> list[int]:
    from PIL import Image

    mask = _card_text_mask(Image.open(io.BytesIO(png)))
    return [bottom - top for top, bottom in card_text_lines(mask)]


def qr_problems(data: bytes, expected: int = 1) -> list[str]:
    import campaignkit

    try:
        report = campaignkit.verify_pdf(bytes(data))
    except Exception as exc:  # a crash of the checker is a failure to verify, not a pass
        return [f"verify_pdf fails: {type(exc).__name__}: {exc}"]
    problems = [f"page {c.page}: {c.url or 'a code'}: {c.problem}" for c in report.codes if c.problem]
    if len(report.codes) < expected:
        problems.append(f"{len(report.codes)} QR codes found; expected at least {expected}")
    return problems


# -- the corpus ---------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "corpus"
TODAY = dt.date(2026, 3, 1)  # the day of printing: every corpus campaign has an event still to come, or none

# material: the papers (or sizes) it is made on
PAPERS = {
    "leaflet": ("A4", "A5", "letter"),
    "leaflet-two-up": ("A4", "letter"),
    "factsheet": ("A4", "letter"),
    "signup": ("A4", "letter"),
    "placard": ("A3", "A3-landscape"),
    "placard-tiled": ("A2-on-A4",),
    "cards": ("png",),
}


@cache
def sources() -> dict[str, str]:
    """The text of every corpus campaign file by name: the files in tests/corpus, the `init`
    template as written on TODAY, the built-in campaign and the example."""
    from campaignkit.templates import template

    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(CORPUS_DIR.glob("*.toml"))}
    texts["init-template"] = template(TODAY).decode("utf-8")
    texts["kazakhstan-2022"] = (ROOT / "campaignkit" / "data" / "kazakhstan-2022.toml").read_text(encoding="utf-8")
    texts["harbour-cleaners-strike"] = (ROOT / "examples" / "harbour-cleaners-strike.toml").read_text(encoding="utf-8")
    return texts


@cache
def corpus() -> dict:
    """Every corpus campaign (a campaignkit.Campaign) by name, in the order of `sources`."""
    import campaignkit

    campaigns = {}
    for name, text in sources().items():
        if name == "kazakhstan-2022":
            campaigns[name] = campaignkit.load()
        elif name == "harbour-cleaners-strike":
            campaigns[name] = campaignkit.load(ROOT / "examples" / "harbour-cleaners-strike.toml")
        elif name == "init-template":
            campaigns[name] = campaignkit.loads(text, name="init template")
        else:
            campaigns[name] = campaignkit.load(CORPUS_DIR / f"{name}.toml")
    return campaigns


@cache
def words_of(name: str) -> frozenset[str]:
    """The words a corpus campaign's materials may print: its file's and every label catalogue's."""
    catalogues = (ROOT / "campaignkit" / "localise" / "locales").glob("*.po*")
    return vocabulary(sources()[name], *(path.read_text(encoding="utf-8") for path in catalogues))


@cache
def body_texts(case: Case) -> tuple[str, ...]:
    """The running text of a case's leaflet: summary, demands and calls, in the case's language."""
    from campaignkit.localise import localise

    copy = localise(corpus()[case.campaign], case.lang, today=TODAY)
    texts = [copy.summary.text] if copy.summary else []
    for st in copy.statements:
        texts += [p.text for p in (*st.demands, *st.calls)]
    return tuple(texts)


@dataclass(frozen=True)
class Case:
    """One material of one corpus campaign, on one paper, in one language."""

    campaign: str
    material: str
    paper: str
    lang: str

    @property
    def id(self) -> str:
        return f"{self.campaign}-{self.material}-{self.paper}-{self.lang}"

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.campaign, self.material, self.paper, self.lang)


def all_cases() -> list[Case]:
    """Every material of every corpus campaign, in every language it has, on every paper it offers."""
    return [Case(name, material, paper, lang) for name, campaign in corpus().items()
            for lang in campaign.languages() for material, papers in PAPERS.items() for paper in papers]


@cache
def make(case: Case):
    """The case's material: a Rendered PDF, or for cards a tuple of Rendered PNGs (made once)."""
    import campaignkit

    campaign = corpus()[case.campaign]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if case.material in ("leaflet", "leaflet-two-up"):
            return campaignkit.make_leaflet(campaign, paper=case.paper, lang=case.lang,
                                            two_up=case.material == "leaflet-two-up", today=TODAY)
        if case.material == "factsheet":
            return campaignkit.make_factsheet(campaign, paper=case.paper, lang=case.lang, today=TODAY)
        if case.material == "signup":
            return campaignkit.make_signup(campaign, paper=case.paper, lang=case.lang, today=TODAY)
        if case.material == "placard":
            return campaignkit.make_placard(campaign, size="A3", landscape=case.paper.endswith("landscape"),
                                            lang=case.lang)
        if case.material == "placard-tiled":
            from campaignkit.localise import localise  # campaignkit.localise is the subpackage once imported

            first = localise(campaign, case.lang).slogans[0].text
            return campaignkit.make_placard(campaign, size="A2", tile="A4", slogans=[first], lang=case.lang)
        if case.material == "cards":
            return campaignkit.make_social(campaign, lang=case.lang)
    raise ValueError(f"unknown material {case.material!r}")


@cache
def text_of(case: Case) -> list[PageText]:
    return read_text(make(case).data)


@cache
def images_of(case: Case) -> list[PageImage]:
    return render(make(case).data)


@cache
def expected_codes(case: Case) -> int:
    """How many QR codes the case's material prints: a leaflet one per statement source (twice on a
    two-up sheet), a fact sheet one per source, a sign-up sheet one for an online petition."""
    from campaignkit.localise import localise

    copy = localise(corpus()[case.campaign], case.lang, today=TODAY)
    if case.material.startswith("leaflet"):
        urls = {st.source.url.ascii for st in copy.statements if st.source}
        return len(urls) * (2 if case.material == "leaflet-two-up" else 1)
    if case.material == "factsheet":
        return len(copy.sources)
    if case.material == "signup":
        return 1 if copy.petition and copy.petition.url else 0
    return 0


# -- the rules on the corpus -------------------------------------------------------------------------

def _pdf(case: Case) -> bool:
    return case.material != "cards"


APPLIES = {
    "made": lambda case: True,
    "blank_bands": lambda case: case.material in ("leaflet", "leaflet-two-up", "factsheet"),
    "text_edges": _pdf,
    "ink_edges": _pdf,
    "type_sizes": _pdf,
    "overlaps": _pdf,
    "line_breaks": _pdf,
    "signup_rows": lambda case: case.material == "signup",
    "cards": lambda case: case.material == "cards",
    "qr_codes": lambda case: case.material in ("leaflet", "leaflet-two-up", "factsheet", "signup")
    and expected_codes(case) > 0,
}


def readable(case: Case) -> list[PageText]:
    """The pages whose text is checked: a tiled placard's tiles are the placard clipped to each
    sheet (text cut at the clip by design), so only its assembly page is read."""
    pages = text_of(case)
    return pages[:1] if case.material == "placard-tiled" else pages


def check(rule: str, case: Case) -> list[str]:
    """What `rule` finds wrong with the case's material (making it raises if it cannot be made)."""
    rendered = make(case)
    if rule == "made":
        return []
    if rule == "cards":
        return [p for card in rendered for p in card_problems(card.data, card.name)]
    if rule == "blank_bands":
        return blank_band_problems(images_of(case), case.paper, two_up=case.material == "leaflet-two-up",
                                         skip_last=case.material == "factsheet")
    if rule == "text_edges":
        return text_edge_problems(readable(case), case.paper, two_up=case.material == "leaflet-two-up")
    if rule == "ink_edges":
        return ink_edge_problems(images_of(case))
    if rule == "type_sizes":
        body = body_texts(case) if case.material.startswith("leaflet") else ()
        return type_size_problems(text_of(case), case.material, body)
    if rule == "overlaps":
        return overlap_problems(readable(case))
    if rule == "line_breaks":
        return line_break_problems(readable(case), case.lang, last_lines=not case.material.startswith("placard"),
                                         words=words_of(case.campaign))
    if rule == "signup_rows":
        return signup_row_problems(text_of(case))
    if rule == "qr_codes":
        return qr_problems(rendered.data, expected_codes(case))
    raise ValueError(rule)


def cap_heights(campaign: str, lang: str, landscape: bool) -> list[tuple[str, float, float]]:
    """(slogan, capital height the placard reports, capital height measured on its PDF) per slogan of a
    corpus campaign's A3 placard, in mm."""
    case = Case(campaign, "placard", "A3-landscape" if landscape else "A3", lang)
    plans = make(case).details
    measured = placard_cap_heights(text_of(case))
    return [(plan.text, plan.cap_height_mm, ink) for plan, ink in zip(plans, measured)]
