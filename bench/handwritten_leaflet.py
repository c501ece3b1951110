"""The practical floor of our stack: a hand-written reportlab canvas leaflet (same fonts, a QR code).

It draws a comparable one-page A4 leaflet (headline band, the seven demands, the event, a vector QR
code) with no layout engine. Usage: python bench/handwritten_leaflet.py OUT.pdf
"""

import sys
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
DEMANDS = [
    "Immediately release all detained protesters and political prisoners.",
    "Stop the military intervention of the CSTO member states.",
    "An immediate cessation of hostilities against its people and the withdrawal of troops from the cities!",
    "The immediate resignation of all Nazarbayev officials, including President Tokayev!",
    "Release of all political prisoners and detainees!",
    "Ensuring the right to form their own trade unions, political parties, and to hold strikes and meetings!",
    "Legalisation of the activities of the banned Communist Party of Kazakhstan and the Socialist Movement of Kazakhstan!",
]


def register_fonts() -> None:
    if "Display" not in pdfmetrics.getRegisteredFontNames():
        for alias, name in (("Body", "NotoSans-Regular"), ("Bold", "NotoSans-Bold"), ("Display", "NotoSans-CondensedBlack")):
            pdfmetrics.registerFont(TTFont(alias, str(FONTS / f"{name}.ttf")))


def leaflet(out) -> None:
    register_fonts()
    c = canvas.Canvas(out, pagesize=A4, invariant=1, initialFontName="Body")
    w, h = A4
    c.setFillColorRGB(0.69, 0.08, 0.12)
    c.rect(0, h - 60 * mm, w, 60 * mm, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Display", 34)
    c.drawString(15 * mm, h - 30 * mm, "Solidarity with the people")
    c.drawString(15 * mm, h - 43 * mm, "of Kazakhstan")
    c.setFillColorRGB(0, 0, 0)
    y = h - 75 * mm
    for n, demand in enumerate(DEMANDS, 1):
        c.setFont("Bold", 11.5)
        c.drawString(15 * mm, y, str(n))
        for line in simpleSplit(demand, "Bold", 11.5, w - 40 * mm):
            c.drawString(22 * mm, y, line)
            y -= 15
        y -= 5
    c.setFont("Body", 10)
    c.drawString(15 * mm, y - 10, "Join the picket: Embassy of Kazakhstan, London, 8 January 2022")
    d = Drawing(25 * mm, 25 * mm)
    d.add(QrCodeWidget("https://internationalviewpoint.org/spip.php?article7469", barLevel="M", barWidth=25 * mm, barHeight=25 * mm))
    renderPDF.draw(d, c, 15 * mm, 15 * mm)
    c.drawString(45 * mm, 25 * mm, "https://internationalviewpoint.org/spip.php?article7469")
    c.showPage()
    c.save()


if __name__ == "__main__":
    leaflet(sys.argv[1])
