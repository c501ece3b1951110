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

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CampaignkitError
from ..layout.document import Rendered
from .page_text import MIN_CONTRAST, MIN_TEXT_PT, NEAR_MM, URL_BREAKS, PageText, readable_forms

__all__ = ["MAX_PIXELS", "MIN_CONTRAST", "MIN_MODULE_MM", "MIN_TEXT_PT", "NEAR_MM", "URL_BREAKS", "CodeCheck",
           "Report", "modules_across", "readable_forms", "verify_pdf"]

MIN_MODULE_MM = 0.4  # hand-held scanning
# A page is rendered as one 8-bit grayscale bitmap, which the decoder copies: at 100 million pixels
# verify peaks at about 350 MB (measured) and takes a second or two, and that holds an A0 poster at
# 200 dpi (62 million) or 250 dpi with room to spare. The largest page PDF allows (14,400 pt square)
# would need 1.6 billion pixels at 200 dpi, about 5 GB.
MAX_PIXELS = 100_000_000


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
                text = PageText(page, image, dpi)
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
    from ..errors import UnsafeURLError
    from ..loader.urls import check_url

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
