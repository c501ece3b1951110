"""Shared helpers: write campaign files, and read back what a PDF really prints."""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
import warnings
from pathlib import Path

import pytest

pytest_plugins = ["conftest_cups"]  # the cups_pdf_queue fixture of the real print test

# The suite (and every process it starts) uses its own cache folder, never the user's.
os.environ.setdefault("CAMPAIGNKIT_CACHE_DIR", tempfile.mkdtemp(prefix="campaignkit-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kazakhstan-2022-statements-and-picket-report.txt"

MINIMAL = """
id = "test-campaign"
title = "Test campaign"

[[sources]]
id = "src"
url = "https://example.org/statement"

[[statements]]
id = "st"
by = "Test Union"
source = "src"
demands = ["First demand.", "Second demand."]
"""


@pytest.fixture
def write_campaign(tmp_path):
    """Write TOML (dedented) to a file and return its path."""

    def write(text: str, name: str = "campaign.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def without_qr_decoder(monkeypatch):
    """As if zxing-cpp were not installed: importing it fails."""
    import builtins

    real_import = builtins.__import__

    def no_zxing(name, *args, **kwargs):
        if name == "zxingcpp":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_zxing)


def squash(text: str) -> str:
    """Whitespace-insensitive form for comparing printed text with its source."""
    return " ".join(text.split())


def pdf_text(data) -> list[str]:
    """The text of each page as pypdf extracts it (of PDF bytes or a Rendered result)."""
    import pypdf

    data = bytes(data)
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdf_problems(data) -> list[str]:
    """Everything pypdf (strict) and qpdf (through pikepdf) find wrong with a PDF."""
    import pikepdf
    import pypdf

    data = bytes(data)
    problems = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
            for page in reader.pages:
                page.extract_text()
    except Exception as exc:  # any complaint counts
        problems.append(f"pypdf: {exc}")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems += [str(p) for p in pdf.check_pdf_syntax()]
    return problems


def font_problems(data) -> list[str]:
    """Fonts that are not embedded TrueType subsets with a ToUnicode map."""
    import pypdf

    data = bytes(data)
    problems = []
    reader = pypdf.PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, 1):
        fonts = page.get("/Resources", {}).get("/Font", {})
        for key, ref in fonts.items():
            font = ref.get_object()
            name = font.get("/BaseFont")
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                problems.append(f"page {number}: {name} is not embedded")
            if "/ToUnicode" not in font:
                problems.append(f"page {number}: {name} has no ToUnicode map")
    return problems


def render_pages(data, dpi: int = 150):
    """Each page as a PIL image, rendered by pdfium."""
    import pypdfium2 as pdfium

    data = bytes(data)
    doc = pdfium.PdfDocument(data)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def decode_qr(image) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def char_geometry(data):
    """For each page: (width, height, [(char, left, bottom, right, top, font_size)])."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    data = bytes(data)
    doc = pdfium.PdfDocument(data)
    pages = []
    try:
        for page in doc:
            width, height = page.get_size()
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                ch = chr(raw.FPDFText_GetUnicode(textpage, i))
                if ch.isspace() or ch in "\x00\ufffe\uffff":
                    continue
                left, bottom, right, top = textpage.get_charbox(i)
                chars.append((ch, left, bottom, right, top, raw.FPDFText_GetFontSize(textpage, i)))
            pages.append((width, height, chars))
    finally:
        doc.close()
    return pages
