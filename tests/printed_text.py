"""What a PDF prints, read back for tests: the glyph ids reportlab writes and the text poppler extracts."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from contextlib import contextmanager

import pytest


def missing_tool(reason: str):
    """Skip for a missing system tool or font, except where CI installed them
    (CAMPAIGNKIT_REQUIRE_SYSTEM_TOOLS=1): there a skip would hide a failure."""
    if os.environ.get("CAMPAIGNKIT_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(f"required here: {reason}")
    pytest.skip(reason)


@contextmanager
def recorded_glyphs():
    """Every (font name, glyph id) reportlab writes while the block runs, recorded where reportlab turns
    text (shaped text included: its glyphs have codes of their own) into font codes."""
    from reportlab.pdfbase.ttfonts import TTFont

    drawn: list[tuple[str, int]] = []
    original = TTFont.splitString

    def split(self, text, doc, encoding="utf-8"):
        to_glyph = self.face.charToGlyph
        drawn.extend((self.fontName, to_glyph.get(0x20 if ord(ch) == 0xA0 else ord(ch), 0)) for ch in text)
        return original(self, text, doc, encoding)

    TTFont.splitString = split
    try:
        yield drawn
    finally:
        TTFont.splitString = original


def poppler_text(data: bytes) -> str:
    """The text poppler's pdftotext extracts, NFKC-normalised, without format characters."""
    if not shutil.which("pdftotext"):
        missing_tool("pdftotext (apt poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=bytes(data), capture_output=True,
                         check=True).stdout
    text = unicodedata.normalize("NFKC", out.decode())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
