"""PDF files in, a report per QR code out: the decoded URL, whether that URL is printed for people
to read beside its code, whether it keeps campaignkit's URL rules, and how large its modules print.
Pages are rendered with pdfium and decoded with zxing-cpp, so the check sees what a printer and a
phone would see.

A code counts as printed when a *token* near it, drawn in visible ink, is the code's URL:

- Token: a run of characters on one line between spaces (or gaps of a third of an em). A URL
  whose line ends in / ? & or = (where campaignkit breaks a long URL), in a dot or hyphen, or
  anywhere after the end of its host (where a word too long for its line is split) continues on
  the next line when that line, just below and aligned with it, holds one run only; the pieces are
  joined. A line break inside a host's label does not join (`https://evil.com` over `ple.org`), and
  a line that starts with a scheme (`https://`) starts a URL of its own, never continues one. A
  token matches when a WHATWG parser (ada, as browsers use) gives it the same `href` as the code's
  content, or when it equals the content exactly; `https://evil.com` does not match inside
  `https://evil.com.example.org/page`. The readable Unicode form of an international name matches
  as well as its ASCII form.
- Visible ink: each character is at least `MIN_TEXT_PT` (the font size times the text's scale, so
  a size hidden in a matrix counts), not in an invisible render mode, drawn in a colour that differs
  from what is behind it by at least `MIN_CONTRAST` of the black-to-white range, and actually shows
  in the rendered page (text painted over with a white box does not). Characters that fail are
  read as blanks, as a reader would see them.
- Near: some character of the token lies within `NEAR_MM` of the code's edge, and none lies on the
  code itself (text under or over the modules cannot be read).

Pages are rendered at most `MAX_PIXELS` each (see there), and a larger page is an error.

What this cannot see: glyphs whose shapes differ from their Unicode mapping (a font built to lie),
or text hidden under a picture of other text; only reading the pixels (OCR) would catch those.
"""

from __future__ import annotations

import ctypes
import math
import re
import warnings
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from .errors import CampaignkitError
from .layout.document import Rendered

MIN_MODULE_MM = 0.4  # hand-held scanning
MIN_TEXT_PT = 6.0  # smaller print is not something a reader checks a URL against
MIN_CONTRAST = 0.3  # text colour against its background, as a share of black against white
NEAR_MM = 30.0  # from the code's edge: campaignkit prints its URLs 3 mm beside or below the code
# A page is rendered as one 8-bit grayscale bitmap, which the decoder copies: at 100 million pixels
# verify peaks at about 350 MB (measured) and takes a second or two, and that holds an A0 poster at
# 200 dpi (62 million) or 250 dpi with room to spare. The largest page PDF allows (14,400 pt square)
# would need 1.6 billion pixels at 200 dpi, about 5 GB.
MAX_PIXELS = 100_000_000
URL_BREAKS = "/?&="  # campaignkit breaks a long URL after these
_WRAPPERS = "\"'()[]<>«»“”‘’"


@dataclass(frozen=True)
class CodeCheck:
    page: int
    url: str
    valid: bool
    printed: bool
    module_mm: float
    why: str = ""  # why the URL does not count as printed, when it does not
    unsafe: str = ""  # the campaignkit URL rule the decoded URL breaks, if any

    @property
    def problem(self) -> str:
        if not self.valid:
            return "the code cannot be decoded"
        if not self.printed:
            return "the decoded URL is not printed on the page" + (f": {self.why}" if self.why else "")
        if self.unsafe:
            return f"the decoded URL breaks a URL rule: {self.unsafe}"
        if self.module_mm < MIN_MODULE_MM:
            return f"modules of {self.module_mm:.2f} mm are too small to scan by hand (at least {MIN_MODULE_MM} mm)"
        return ""


@dataclass(frozen=True)
class Report:
    name: str
    pages: int
    codes: tuple[CodeCheck, ...]

    @property
    def ok(self) -> bool:
        return all(not c.problem for c in self.codes)


def _imports():
    try:
        import pypdfium2
        import zxingcpp
    except ImportError:
        raise CampaignkitError(
            "verify needs the QR decoder zxing-cpp: pip install zxing-cpp (or the 'verify' extra: "
            "pip install 'campaignkit[verify]')"
        ) from None
    return pypdfium2, zxingcpp


def readable_forms(url: str) -> set[str]:
    """The URL as encoded and as people read it (Unicode host, decoded non-ASCII path)."""
    forms = {url}
    href = _href(url)
    if href:
        from .loader.urls import readable_url

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


def verify_pdf(source: bytes | str | Path | Rendered, *, dpi: int = 200, name: str | None = None) -> Report:
    """Decode every QR code on every page of a PDF (bytes or a path) and check it against the page."""
    pdfium, zxingcpp = _imports()
    if isinstance(source, (str, Path)):
        name = name or str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise CampaignkitError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    else:
        data, name = bytes(source), name or "<pdf>"
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise CampaignkitError(f"{name}: not a readable PDF ({exc})") from None
    checks = []
    pages = len(document)
    scale = dpi / 72
    try:
        for number in range(pages):
            width, height = document.get_page_size(number)
            _check_pixels(name, number + 1, width, height, dpi)
        for number in range(pages):
            page = document[number]
            image = page.render(scale=scale, grayscale=True).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, return_errors=True)
            if found:
                text = _PageText(page, image, dpi)
                for code in found:
                    if _false_detection(code, found):
                        continue
                    url = code.text if code.valid else ""
                    printed, why = text.printed(url, _code_rect(code)) if url else (False, "")
                    checks.append(CodeCheck(number + 1, url, code.valid, printed, _module_mm(code, dpi), why,
                                            _unsafe(url) if url else ""))
                text.close()
            page.close()
    finally:
        document.close()
    return Report(name, pages, tuple(checks))


def _check_pixels(name: str, number: int, width: float, height: float, dpi: int) -> None:
    pixels = math.ceil(width * dpi / 72) * math.ceil(height * dpi / 72)
    if pixels > MAX_PIXELS:
        fits = int(72 * math.sqrt(MAX_PIXELS / (width * height)))
        while fits > 0 and math.ceil(width * fits / 72) * math.ceil(height * fits / 72) > MAX_PIXELS:
            fits -= 1
        hint = f"; try --dpi {fits}" if fits >= 72 else "; it is too large to check"
        raise CampaignkitError(
            f"{name}: page {number} is {width / 72 * 25.4:.0f} x {height / 72 * 25.4:.0f} mm, "
            f"{pixels / 1e6:,.0f} million pixels at {dpi} dpi; verify renders at most "
            f"{MAX_PIXELS // 1_000_000} million per page{hint}")


def _unsafe(url: str) -> str:
    """The campaignkit URL rule that `url` breaks (http only warns, so it passes here), or ""."""
    from .errors import UnsafeURLError
    from .loader.urls import check_url

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check_url(url, "code")
    except UnsafeURLError as exc:
        return exc.detail
    return ""


def _code_rect(code) -> tuple[float, float, float, float]:
    p = code.position
    xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
    return min(xs), min(ys), max(xs), max(ys)


def modules_across(version: object) -> int:
    """The modules along a side of a QR code of `version` as zxing reports it: "5" (a QR code, 17 + 4 per
    version) or "M4" (a Micro QR code, 9 + 2 per version); 0 when it is not known."""
    match = re.fullmatch(r"(M?)([1-9][0-9]?)", str(version or "").strip())
    if not match:
        return 0
    number = int(match.group(2))
    return 9 + 2 * number if match.group(1) else 17 + 4 * number


def _false_detection(code, found: Sequence = ()) -> bool:
    """A Micro QR code that does not decode (zxing reads one in the texture of a picture, a logo), or
    whose middle lies inside a QR code found on the same page (a corner of that code, its finder pattern
    and the modules beside it, read as a Micro QR): campaignkit prints none, so it is no code of the page."""
    if not _micro(code):
        return False
    if not code.valid:
        return True
    codes = [_code_rect(other) for other in found if other is not code and other.valid and not _micro(other)]
    if not codes:
        return False
    x0, y0, x1, y1 = _code_rect(code)
    x, y = (x0 + x1) / 2, (y0 + y1) / 2
    return any(left < x < right and top < y < bottom for left, top, right, bottom in codes)


def _micro(code) -> bool:
    version = str(code.extra.get("Version", "")) if isinstance(code.extra, dict) else ""
    return version.startswith("M")


def _module_mm(code, dpi: int) -> float:
    modules = modules_across(code.extra.get("Version") if isinstance(code.extra, dict) else None)
    if not modules:
        return float("nan")
    p = code.position
    side = (math.dist((p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y))
            + math.dist((p.top_left.x, p.top_left.y), (p.bottom_left.x, p.bottom_left.y))) / 2
    return side / modules / (dpi / 25.4)


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


class _PageText:
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
