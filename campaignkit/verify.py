"""PDF files in, a report per QR code out: the decoded URL, whether that URL is printed on the same
page, and how large its modules print. Pages are rendered with pdfium and decoded with zxing-cpp
(the optional `verify` extra), so the check sees what a printer and a phone would see.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from .errors import CampaignkitError
from .layout.document import Rendered

MIN_MODULE_MM = 0.4  # hand-held scanning


@dataclass(frozen=True)
class CodeCheck:
    page: int
    url: str
    valid: bool
    printed: bool
    module_mm: float

    @property
    def problem(self) -> str:
        if not self.valid:
            return "the code cannot be decoded"
        if not self.printed:
            return "the decoded URL is not printed on the page"
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
            "verify needs the QR decoder zxing-cpp: pip install 'campaignkit[verify]'"
        ) from None
    return pypdfium2, zxingcpp


def readable_forms(url: str) -> set[str]:
    """The URL as encoded and as people read it (Unicode host, decoded path)."""
    forms = {url}
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        unicode_host = host.encode("ascii").decode("idna") if "xn--" in host else host
        netloc = parts.netloc.replace(host, unicode_host)
        forms.add(urlunsplit((parts.scheme, netloc, unquote(parts.path), unquote(parts.query),
                              unquote(parts.fragment))))
    except (UnicodeError, ValueError):
        pass
    return forms


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
    try:
        for number in range(pages):
            page = document[number]
            text = "".join(page.get_textpage().get_text_range().split())
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, return_errors=True):
                url = code.text if code.valid else ""
                printed = bool(url) and any("".join(form.split()) in text for form in readable_forms(url))
                checks.append(CodeCheck(number + 1, url, code.valid, printed, _module_mm(code, dpi)))
            page.close()
    finally:
        document.close()
    return Report(name, pages, tuple(checks))


def _module_mm(code, dpi: int) -> float:
    version = int(code.extra.get("Version", 0) or 0) if isinstance(code.extra, dict) else 0
    if not version:
        return float("nan")
    p = code.position
    side = (math.dist((p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y))
            + math.dist((p.top_left.x, p.top_left.y), (p.bottom_left.x, p.bottom_left.y))) / 2
    return side / (17 + 4 * version) / (dpi / 25.4)
