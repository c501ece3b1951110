"""Campaign problems in, one exception tree out: every error names what to fix.

    CampaignkitError                 the one base the CLI turns into "Error: ..."
     +-- CampaignFileError           the file cannot be read or parsed (file, line, column)
     +-- CampaignDataError           a value is wrong (file, key path, line when known)
     |    +-- UnsafeURLError         a URL breaks a safety rule
     +-- GlyphError                  the bundled fonts lack a character (field, character)
     +-- FitError                    text cannot fit the material at a readable size (field)
     +-- ImageError                  a logo or photo is not a safe PNG/JPEG
     +-- OutputError                 the output cannot be written
          +-- PrintError             a print job cannot be planned or sent
"""

from __future__ import annotations


class CampaignkitError(Exception):
    """Base of every error campaignkit raises on purpose."""


class CampaignFileError(CampaignkitError):
    """The campaign file cannot be read, decoded or parsed."""


class CampaignDataError(CampaignkitError):
    """A value in a campaign is missing, of the wrong type or inconsistent."""

    def __init__(self, message: str, *, path: str = "", source: str = "", line: int | None = None):
        self.path = path
        self.source = source
        self.line = line
        self.detail = message
        where = source
        if where and line:
            where = f"{where}:{line}"
        prefix = ": ".join(part for part in (where, path) if part)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class UnsafeURLError(CampaignDataError):
    """A URL that must not be printed or encoded in a QR code."""


class GlyphError(CampaignkitError):
    """A character that neither the bundled fonts nor the campaign's own can draw."""

    def __init__(self, field: str, chars: list[str], font: str | None = None, hint: str = ""):
        self.field = field
        self.chars = chars
        self.font = font
        listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars)
        if hint:
            message = f"{field}: {hint} (needed for {listed})"
        elif font:
            message = f"{field}: the font {font} has no glyph for {listed}"
        else:
            message = (f"{field}: no bundled font has a glyph for {listed}; name a font file that has it under "
                       "`fonts` in the campaign, or pass --font")
        super().__init__(message)


class FitError(CampaignkitError):
    """Text that cannot be laid out without clipping or shrinking below the readable size."""


class ImageError(CampaignkitError):
    """A logo or photo that is missing, too large, or not a PNG or JPEG."""


class OutputError(CampaignkitError):
    """The output file or folder cannot be written."""


class PrintError(OutputError):
    """A print job that cannot be planned or sent (no lp, no such printer, lp refused it)."""


class CampaignWarning(UserWarning):
    """Something printable but worth a second look (an http:// URL, a stripped character)."""
