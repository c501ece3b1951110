"""A rendered PDF page in, its visible text read into tokens out, and whether a code's URL is printed
near the code (the rules are in the package's docstring)."""

from __future__ import annotations

import ctypes
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

MIN_TEXT_PT = 6.0  # smaller print is not something a reader checks a URL against
MIN_CONTRAST = 0.3  # text colour against its background, as a share of black against white
NEAR_MM = 30.0  # from the code's edge: campaignkit prints its URLs 3 mm beside or below the code
URL_BREAKS = "/?&="  # campaignkit breaks a long URL after these
_WRAPPERS = "\"'()[]<>«»“”‘’"


def readable_forms(url: str) -> set[str]:
    """The URL as encoded and as people read it (Unicode host, decoded non-ASCII path)."""
    forms = {url}
    href = _href(url)
    if href:
        from ..loader.urls import readable_url

        forms |= {href, readable_url(href)}
    return forms


def _href(text: str) -> str:
    """The WHATWG href of `text`, or "" if it is not an absolute URL."""
    if "://" not in text and ":" not in text[:12]:
        return ""
    import ada_url

    try:
        return ada_url.URL(text).href
    except ValueError:
        return ""


@dataclass(eq=False)
class _Char:
    """One character of the page's text, in page points (y up); how it is drawn is read when needed."""

    index: int
    text: str
    x: float = 0.0  # origin
    y: float = 0.0
    left: float = 0.0  # loose box (the font's ascent to descent, the glyph's advance)
    bottom: float = 0.0
    right: float = 0.0
    top: float = 0.0
    size: float = 0.0  # effective size in points: font size times the scale of the text's matrix
    hidden: str | None = None  # why it does not show ("" when it does); None: not yet worked out

    @property
    def space(self) -> bool:
        return self.text.isspace() or not self.text


class PageText:
    """The characters of one page, where they are and whether they show, read into tokens."""

    def __init__(self, page, image, dpi: int):
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.image = image
        self.dpi = dpi
        self.textpage = page.get_textpage()
        # Page points to device pixels is affine: three points give it, exactly enough at this spread.
        spread = 10000.0
        o, ex, ey = (self._to_device(page, x, y) for x, y in ((0, 0), (spread, 0), (0, spread)))
        self.matrix = ((ex[0] - o[0]) / spread, (ey[0] - o[0]) / spread, o[0],
                       (ex[1] - o[1]) / spread, (ey[1] - o[1]) / spread, o[1])
        self.chars = [self._char(i) for i in range(self.textpage.count_chars())]
        self.segments = _segments(self.chars)
        shown = [[c for c in seg if not c.space] for seg in self.segments]
        self.boxes = [self.rect(min(c.left for c in seg), min(c.bottom for c in seg), max(c.right for c in seg),
                                max(c.top for c in seg), 0) for seg in shown]
        # Lines that may run on into the next (a superset of what `tokens` joins, whatever shows).
        self.adjacent = [any(c.text in URL_BREAKS for c in self.segments[n])
                         and _continues(self.segments[n], self.segments[n + 1], single=False)
                         for n in range(len(self.segments) - 1)]

    def close(self) -> None:
        self.textpage.close()

    def _to_device(self, page, x: float, y: float) -> tuple[int, int]:
        dx, dy = ctypes.c_int(), ctypes.c_int()
        self.c.FPDF_PageToDevice(page.raw, 0, 0, self.image.width, self.image.height, 0, x, y, dx, dy)
        return dx.value, dy.value

    def rect(self, left: float, bottom: float, right: float, top: float, margin: int) -> tuple[int, int, int, int]:
        """A page-space box as a device-pixel box (x0, y0, x1, y1), grown by `margin` pixels, clipped to the page."""
        a, b, e, c, d, f = self.matrix
        xs = [a * x + b * y + e for x, y in ((left, bottom), (right, top), (left, top), (right, bottom))]
        ys = [c * x + d * y + f for x, y in ((left, bottom), (right, top), (left, top), (right, bottom))]
        return (max(0, math.floor(min(xs)) - margin), max(0, math.floor(min(ys)) - margin),
                min(self.image.width, math.ceil(max(xs)) + margin + 1),
                min(self.image.height, math.ceil(max(ys)) + margin + 1))

    def _char(self, index: int) -> _Char:
        c, tp = self.c, self.textpage.raw
        code = c.FPDFText_GetUnicode(tp, index)
        text = chr(code) if 0 < code < 0x110000 else ""
        if c.FPDFText_IsHyphen(tp, index) == 1:
            text = "-"  # pdfium reports a hyphen that ends a line as U+0002
        if text in ("\r", "\n"):
            return _Char(index, "\n")
        if c.FPDFText_IsGenerated(tp, index) == 1 or not text or text.isspace():
            return _Char(index, " ")
        x, y = ctypes.c_double(), ctypes.c_double()
        c.FPDFText_GetCharOrigin(tp, index, x, y)
        loose = c.FS_RECTF()
        c.FPDFText_GetLooseCharBox(tp, index, loose)
        matrix = c.FS_MATRIX()
        scale = 1.0
        if c.FPDFText_GetMatrix(tp, index, matrix):
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        return _Char(index, text, x.value, y.value, loose.left, loose.bottom, loose.right, loose.top,
                     c.FPDFText_GetFontSize(tp, index) * scale)

    def tight(self, char: _Char) -> tuple[int, int, int, int]:
        """The glyph's own box, in device pixels, a pixel wider all round for anti-aliasing."""
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        self.c.FPDFText_GetCharBox(self.textpage.raw, char.index, left, right, bottom, top)
        return self.rect(left.value, bottom.value, right.value, top.value, 1)

    def is_hidden(self, char: _Char) -> str:
        """Why `char` is not visible ink ("" when it is), worked out from the rendered page once."""
        if char.hidden is None:
            char.hidden = self._hidden(char)
        return char.hidden

    def _hidden(self, char: _Char) -> str:
        c, tp = self.c, self.textpage.raw
        if char.size < MIN_TEXT_PT:
            return f"{char.size:.1f} pt text (at least {MIN_TEXT_PT:g} pt)"
        obj = c.FPDFText_GetTextObject(tp, char.index)
        mode = c.FPDFTextObj_GetTextRenderMode(obj) if obj else 0
        if mode in (3, 7):
            return "invisible text (render mode 3 or 7)"
        em = max(char.size, 1.0)
        around = self.rect(char.left - 0.2 * em, char.bottom - 0.1 * em, char.right + 0.2 * em, char.top + 0.1 * em, 0)
        glyph = self.tight(char)
        if around[2] <= around[0] or around[3] <= around[1] or glyph[2] <= glyph[0] or glyph[3] <= glyph[1]:
            return "text outside the page"
        counts = list(accumulate(self.image.crop(around).histogram()))
        background = bisect_left(counts, counts[-1] / 2)  # the median gray level around the glyph
        need = MIN_CONTRAST * 255
        rgba = [ctypes.c_uint() for _ in range(4)]
        colour = c.FPDFText_GetStrokeColor if mode in (1, 5) else c.FPDFText_GetFillColor
        if colour(tp, char.index, *rgba):
            r, g, b, alpha = (v.value for v in rgba)
            gray = (r * 30 + g * 59 + b * 11) / 100  # pdfium's own RGB to gray
            if abs(gray - background) * alpha / 255 < need:
                return "ink too close to its background"
        darkest, lightest = self.image.crop(glyph).getextrema()
        if max(abs(darkest - background), abs(lightest - background)) < need / 2:
            return "text that hardly shows on the rendered page (faint, covered or clipped)"
        return ""

    def tokens(self, segments: list[int], visible: bool = True) -> list[list[_Char]]:
        """The tokens of the given lines, a URL wrapped over several lines joined into one; with
        `visible`, hidden characters read as blanks."""
        hidden = self.is_hidden if visible else (lambda _char: "")
        runs = {n: _runs(self.segments[n], hidden) for n in segments}
        out: list[list[_Char]] = []
        carried: set[int] = set()  # lines whose only run continues the line above
        for n in segments:
            for k, run in enumerate(runs[n]):
                if n in carried:
                    continue
                chain, at = list(run), n
                while (k == len(runs[at]) - 1 and _may_wrap(chain) and len(runs.get(at + 1, ())) == 1
                       and not _starts_a_url(runs[at + 1][0]) and _continues(self.segments[at], runs[at + 1][0])):
                    chain += runs[at + 1][0]
                    at, k = at + 1, 0
                    carried.add(at)
                out.append(chain)
        return out

    def near(self, code: tuple[float, float, float, float], reach: float) -> list[int]:
        """The lines within `reach` pixels of `code`, with every line of the paragraphs they are in."""
        chosen = {n for n, box in enumerate(self.boxes) if _distance(box, code) <= reach}
        for n in sorted(chosen):
            up = n
            while up > 0 and self.adjacent[up - 1]:
                up -= 1
                chosen.add(up)
            down = n
            while down < len(self.adjacent) and self.adjacent[down]:
                down += 1
                chosen.add(down)
        return sorted(chosen)

    def printed(self, url: str, code: tuple[float, float, float, float]) -> tuple[bool, str]:
        """Whether `url` is printed as a visible token near `code` (device pixels), and if not, why not."""
        href = _href(url)
        reach = NEAR_MM / 25.4 * self.dpi
        over_code = False
        for token in self.tokens(self.near(code, reach)):
            if _matches(token, url, href) and self._distance(token, code) <= reach:
                if not self._over(token, code):
                    return True, ""
                over_code = True
        if over_code:
            return False, "it is printed only over the code itself, where the modules hide it"
        everywhere = list(range(len(self.segments)))
        far = [self._distance(t, code) for t in self.tokens(everywhere) if _matches(t, url, href)]
        if far:
            return False, f"it is printed {min(far) / self.dpi * 25.4:.0f} mm from the code (at most {NEAR_MM:g} mm)"
        for token in self.tokens(everywhere, visible=False):
            if _matches(token, url, href):
                reasons = [self.is_hidden(ch) for ch in token if self.is_hidden(ch)]
                if reasons:
                    return False, f"it is printed only in {reasons[0]}"
        words = readable_forms(url)
        for token in self.tokens(everywhere):
            text = "".join(ch.text for ch in token)
            if any(word in text for word in words):
                return False, f"it is printed only inside the longer {text}"
        return False, ""

    def _over(self, token: list[_Char], code: tuple[float, float, float, float]) -> bool:
        """Whether any character of `token` lies on the code's symbol."""
        for char in token:
            x0, y0, x1, y1 = self.rect(char.left, char.bottom, char.right, char.top, 0)
            if min(x1, code[2]) - max(x0, code[0]) > 1 and min(y1, code[3]) - max(y0, code[1]) > 1:
                return True
        return False

    def _distance(self, token: list[_Char], code: tuple[float, float, float, float]) -> float:
        return min(_distance(self.rect(c.left, c.bottom, c.right, c.top, 0), code) for c in token)


def _segments(chars: list[_Char]) -> list[list[_Char]]:
    """Characters in content order cut into pieces of one line each: a new piece starts at a line
    break, when the baseline moves, or at a jump backwards or a gap of more than an em."""
    segments: list[list[_Char]] = []
    current: list[_Char] = []
    last: _Char | None = None
    for char in chars:
        if char.text == "\n":
            last = None
            if current:
                segments.append(current)
                current = []
            continue
        if char.space:
            if current:
                current.append(char)
            continue
        if last is not None:
            em = max(last.size, char.size, 1.0)
            if abs(char.y - last.y) > 0.3 * em or char.left < last.left - 0.3 * em or char.left - last.right > em:
                segments.append(current)
                current = []
        current.append(char)
        last = char
    if current:
        segments.append(current)
    return [seg for seg in segments if any(not c.space for c in seg)]


def _runs(segment: list[_Char], hidden) -> list[list[_Char]]:
    """The tokens of one line: split at spaces, at hidden characters and at gaps of a third of an em."""
    runs: list[list[_Char]] = []
    current: list[_Char] = []
    for char in segment:
        if char.space or hidden(char):
            if current:
                runs.append(current)
            current = []
            continue
        if current and char.left - current[-1].right > 0.33 * max(char.size, current[-1].size, 1.0):
            runs.append(current)
            current = []
        current.append(char)
    if current:
        runs.append(current)
    return runs


def _may_wrap(chain: list[_Char]) -> bool:
    """Whether a URL may go on after the end of `chain`: after / ? & or = (where campaignkit breaks),
    after a dot or hyphen in the host (where a host too long for its line is split), or anywhere once
    the host is complete (a path too long for its line is split anywhere). Never in the middle of a
    host's label: `https://evil.com` over `ple.org` reads as evil.com, so it is not joined."""
    if chain[-1].text in URL_BREAKS + ".-":
        return True
    text = "".join(c.text for c in chain)
    start = text.find("://")
    return start >= 0 and "/" in text[start + 3:]


def _starts_a_url(run: list[_Char]) -> bool:
    """Whether `run` opens with a scheme ("https://"): the start of an address, not the rest of one
    (a date ending "2026 г." over an address is two lines, not one token)."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", "".join(c.text for c in run)) is not None


def _continues(line: list[_Char], run: list[_Char], *, single: bool = True) -> bool:
    """Whether `run` (with `single`, alone on its line) is the next line of the paragraph `line` is
    in: just below it, and aligned with it at the left, the right or the centre."""
    shown = [c for c in line if not c.space]
    after = [c for c in run if not c.space]
    if not shown or not after:
        return False
    em = max(c.size for c in shown + after)
    drop = shown[0].y - after[0].y
    left, right = shown[0].left, shown[-1].right
    if single:
        return 0.5 * em <= drop <= 2.5 * em and (
            abs(after[0].left - left) <= em or abs(after[-1].right - right) <= em
            or abs((after[0].left + after[-1].right) - (left + right)) <= 2 * em)
    return 0.5 * em <= drop <= 2.5 * em and after[0].left <= right + em and after[-1].right >= left - em


def _matches(token: list[_Char], url: str, href: str) -> bool:
    text = "".join(ch.text for ch in token)
    for candidate in dict.fromkeys((text, text.strip(_WRAPPERS), text.lstrip(_WRAPPERS).rstrip(_WRAPPERS + ".,;:!"))):
        if candidate == url or (href and candidate[:1].isalpha() and _href(candidate) == href):
            return True
    return False


def _distance(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    dx = max(b[0] - a[2], a[0] - b[2], 0)
    dy = max(b[1] - a[3], a[1] - b[3], 0)
    return math.hypot(dx, dy)
