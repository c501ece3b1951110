"""The floor of our stack: the built-in campaign's A4 leaflet drawn straight onto a reportlab canvas.

Same content as `campaignkit leaflet` (headline band, summary, both statements with their numbered
demands, calls and signatories, the box for the next picket, two QR codes with the URLs beside them
and the check-the-domain note), same fonts, same metadata; but no layout engine, no checks, no
loading or localising: the strings are written here, lines are broken greedily, the parsed fonts
come from a pickle made on the first run, and each QR code is its module matrix (encoded by the
`qrcode` package at a known version and mask, as campaignkit's cache lets it) drawn as rectangles.

Usage: python bench/floor_leaflet.py OUT.pdf
"""

import os
import pickle
import sys
import tempfile
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FACES = {"CK-Body": "NotoSans-Regular", "CK-Bold": "NotoSans-Bold", "CK-Display": "NotoSans-CondensedBlack"}
CACHE = Path(tempfile.gettempdir()) / f"campaignkit-floor-fonts-{os.getuid() if hasattr(os, 'getuid') else 0}.pickle"

TITLE = "Solidarity with the people of Kazakhstan"
SUMMARY = ("In January 2022 a popular uprising broke out in Kazakhstan, started by oil workers in Zhanaozen; the "
           "doubling of the price of liquefied gas was only the last straw. At President Tokayev's appeal Russia "
           "sent 2,500 troops into the country; Tokayev ordered troops to shoot to kill protesters, and thousands "
           "were arrested. The Socialist Movement of Kazakhstan asks the international workers' movement and the "
           "left for support.")
STATEMENTS = [
    ("Russian Socialist Movement",
     ["Immediately release all detained protesters and political prisoners.",
      "Stop the military intervention of the CSTO member states."],
     "We call on the Kazakh left to participate in the protests and defense of Kazakhstan against military "
     "incursion. Introduce a socialist agenda into the program of the insurgent people of Kazakhstan and build "
     "their own independent political organization.",
     ["Russian Socialist Movement", "Executive Committee of the movement “Labor Russia”",
      "Altleft.org website editorial office", "Interregional Coalition of Left Forces “Left Bloc”",
      "Marxist Tendency"],
     "https://internationalviewpoint.org/spip.php?article7469"),
    ("Socialist Movement of Kazakhstan",
     ["An immediate cessation of hostilities against its people and the withdrawal of troops from the cities!",
      "The immediate resignation of all Nazarbayev officials, including President Tokayev!",
      "Release of all political prisoners and detainees!",
      "Ensuring the right to form their own trade unions, political parties, and to hold strikes and meetings!",
      "Legalisation of the activities of the banned Communist Party of Kazakhstan and the Socialist Movement of "
      "Kazakhstan!"],
     "We call on all workers and employees of the country to implement in practice the demand of the murdered "
     "oil workers of Zhanaozen – to nationalize, under the control of labour collectives, all extractive and "
     "large-scale industry in the country!",
     [],
     "https://internationalviewpoint.org/spip.php?article7468"),
]
ACCENT, INK, MUTED = HexColor("#B0151F"), HexColor("#161616"), HexColor("#4A4A4A")
TINT = Color(*(1 - (1 - c) * 0.12 for c in ACCENT.rgb()))


class _Scale:
    """The font-unit scale reportlab keeps as a lambda, in a form pickle can store."""

    def __init__(self, units_per_em: int):
        self.factor = 1000 / units_per_em

    def __call__(self, value):
        return value * self.factor if self.factor != 1 else value


def register_fonts() -> None:
    """The three faces, parsed once and kept in a pickle beside the other temporary files."""
    stamp = [(name, (FONTS / f"{file}.ttf").stat().st_mtime_ns) for name, file in FACES.items()]
    fonts = None
    try:
        with open(CACHE, "rb") as handle:
            cached_stamp, fonts = pickle.load(handle)
        if cached_stamp != stamp:
            fonts = None
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError):
        fonts = None
    if fonts is None:
        from reportlab.pdfbase.ttfonts import TTFont

        fonts = []
        for name, file in FACES.items():
            face = TTFont(name, str(FONTS / f"{file}.ttf")).face
            face._pdfScale = _Scale(face.unitsPerEm)
            fonts.append((name, face))
        with open(CACHE, "wb") as handle:
            pickle.dump((stamp, fonts), handle, protocol=pickle.HIGHEST_PROTOCOL)
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

    for name, face in fonts:  # what TTFont.__init__ sets, with the face already parsed
        font = TTFont.__new__(TTFont)
        font.fontName, font.face, font.encoding, font.state = name, face, TTEncoding(), WeakKeyDictionary()
        font._asciiReadable, font.shapable = rl_config.ttfAsciiReadable, True
        pdfmetrics.registerFont(font)


def qr_path(data: str, version: int, mask: int) -> str:
    """The dark modules of a level-H code as PDF rectangles, one per horizontal run, in module units."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=0, version=version, mask_pattern=mask)
    code.add_data(data)
    code.make(fit=False)
    ops = []
    for r, row in enumerate(code.modules):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                ops.append(f"{start} {-(r + 1)} {c - start} 1 re")
            else:
                c += 1
    return "\n".join(ops), len(code.modules)


def lines(c: Canvas, x: float, y: float, text: str, font: str, size: float, width: float, leading: float) -> float:
    c.setFont(font, size)
    for line in simpleSplit(text, font, size, width):
        c.drawString(x, y, line)
        y -= leading
    return y


def leaflet(out) -> None:
    register_fonts()
    w, h = A4
    margin = 14 * MM
    width = w - 2 * margin
    c = Canvas(out, pagesize=A4, invariant=1, initialFontName="CK-Body", lang="en")
    c.setTitle(TITLE)
    c.setSubject(f"Leaflet: {TITLE}")
    c.setAuthor("kazakhstan-2022")
    c.setCreator("campaignkit floor")
    c.setKeywords("campaignkit-material=leaflet")
    c.setFillColor(ACCENT)
    c.rect(0, h - 48 * MM, w, 48 * MM, stroke=0, fill=1)
    c.setFillColor(white)
    y = lines(c, margin, h - 26 * MM, TITLE, "CK-Display", 31, width, 33)
    c.setFillColor(INK)
    y = lines(c, margin, h - 58 * MM, SUMMARY, "CK-Body", 10, width, 13.6) - 8
    for by, demands, call, signed, _ in STATEMENTS:
        c.setFillColor(ACCENT)
        y = lines(c, margin, y, f"{by} demands:", "CK-Bold", 12.5, width, 15.6) - 2
        for n, demand in enumerate(demands, 1):
            c.setFillColor(ACCENT)
            c.setFont("CK-Bold", 11.5)
            c.drawString(margin, y, str(n))
            c.setFillColor(INK)
            y = lines(c, margin + 18, y, demand, "CK-Bold", 11.5, width - 18, 15) - 4
        text = simpleSplit(call, "CK-Body", 10, width - 14)
        c.setFillColor(TINT)
        c.rect(margin, y - len(text) * 13.8 + 4, width, len(text) * 13.8 + 8, stroke=0, fill=1)
        c.setFillColor(INK)
        c.setFont("CK-Bold", 10)
        c.drawString(margin + 7, y, by + ":")
        y = lines(c, margin + 7, y - 13.8, call, "CK-Body", 10, width - 14, 13.8) - 6
        if signed:
            c.setFillColor(MUTED)
            c.setFont("CK-Bold", 8)
            c.drawString(margin, y, "Signed by:")
            y = lines(c, margin + 44, y, " · ".join(signed), "CK-Body", 8, width - 44, 10.4) - 10
    c.setStrokeColor(ACCENT)
    c.setLineWidth(1.2)
    c.rect(margin, y - 52 * MM, width, 50 * MM, stroke=1, fill=0)
    c.setFillColor(ACCENT)
    c.setFont("CK-Display", 17)
    c.drawString(margin + 6, y - 12 * MM, "Next picket")
    c.setFillColor(INK)
    c.setStrokeColor(MUTED)
    for n, label in enumerate(("Where:", "When:", "Contact:")):
        line_y = y - (22 + 9 * n) * MM
        c.setFont("CK-Bold", 10)
        c.drawString(margin + 6, line_y, label)
        c.line(margin + 30 * MM, line_y - 2, margin + width - 6, line_y - 2)
    y -= 60 * MM
    size = 26 * MM
    for n, (by, _, _, _, url) in enumerate(STATEMENTS):
        x = margin + n * width / 2
        path, count = qr_path(url, 6, 2)  # the version and mask campaignkit's cache holds for these URLs
        step = size / (count + 8)
        c.saveState()
        c.setFillColor(white)
        c.rect(x, y - size, size, size, stroke=0, fill=1)
        c.setFillColor(Color(0, 0, 0))
        c.translate(x + 4 * step, y - 4 * step)
        c.scale(step, step)
        c.addLiteral(path + "\nf")
        c.restoreState()
        c.setFillColor(INK)
        c.setFont("CK-Bold", 8)
        c.drawString(x + size + 4 * MM, y - 4 * MM, "Read the full statement")
        c.setFont("CK-Body", 8)
        c.drawString(x + size + 4 * MM, y - 8 * MM, by)
        c.drawString(x + size + 4 * MM, y - 12 * MM, "https://")
        c.setFont("CK-Bold", 8)
        c.drawString(x + size + 4 * MM + c.stringWidth("https://", "CK-Body", 8), y - 12 * MM,
                     "internationalviewpoint.org/")
        c.setFont("CK-Body", 8)
        c.drawString(x + size + 4 * MM, y - 16 * MM, url.rsplit("/", 1)[1])
    c.setFont("CK-Body", 8)
    c.setFillColor(MUTED)
    c.drawString(margin, y - size - 7 * MM, "Before you open a link, check that the address your phone shows is "
                                            "internationalviewpoint.org.")
    c.showPage()
    c.save()


if __name__ == "__main__":
    leaflet(sys.argv[1])
