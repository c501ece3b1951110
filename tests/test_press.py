"""Print-shop PDFs (`press`): process inks only, text and marks on the black plate (read back from
Ghostscript's separations), the output intent with the bundled profile, trim and bleed boxes on every
page, pictures flattened (no soft masks), and the same bytes for the same input."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw

from campaignkit import load, make_factsheet, make_leaflet, make_pack, make_placard, make_signup
from campaignkit.cli import main
from campaignkit.layout.press import profile_bytes

from conftest import ROOT, pdf_problems, render_pages
from printed_text import missing_tool

COLOUR_OPERATORS = {"rg", "RG", "g", "G", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"}


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    """The harbour example with its logo made transparent: a yellow disc on nothing."""
    folder = tmp_path_factory.mktemp("transparent-logo")
    shutil.copy(ROOT / "examples" / "harbour-cleaners-strike.toml", folder / "campaign.toml")
    logo = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((150, 50, 450, 350), fill=(240, 190, 40, 255))
    logo.save(folder / "harbour-logo.png")
    return load(folder / "campaign.toml")


@pytest.fixture(scope="module")
def made(campaign):
    """Every PDF material, for a print shop."""
    return {
        "leaflet": make_leaflet(campaign, paper="A5", bleed_mm=3.175, press=True).data,
        "two-up": make_leaflet(campaign, two_up=True, press=True).data,
        "placard": make_placard(campaign, size="A3", press=True).data,
        "tiled": make_placard(campaign, size="A2", tile="A4", slogans=["Same job, same pay!"], press=True).data,
        "factsheet": make_factsheet(campaign, press=True).data,
        "signup": make_signup(campaign, press=True).data,
        "black": make_leaflet(campaign, grayscale=True, press=True).data,
    }


def colour_operations(stream_owner) -> list[tuple[str, list]]:
    """Every colour operator of a page or form, with its operands (numbers as floats)."""
    return [(str(op), [v if isinstance(v, pikepdf.Name) else float(v) for v in operands])
            for operands, op in pikepdf.parse_content_stream(stream_owner) if str(op) in COLOUR_OPERATORS]


def drawn_streams(pdf: pikepdf.Pdf):
    """Every page and every form XObject (nested ones too)."""
    seen, todo = set(), list(pdf.pages)
    while todo:
        owner = todo.pop()
        yield owner
        resources = owner.obj.get("/Resources") if isinstance(owner, pikepdf.Page) else owner.get("/Resources")
        for xobject in (resources or {}).get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                todo.append(xobject)


@pytest.mark.parametrize("kind", ["leaflet", "two-up", "placard", "tiled", "factsheet", "signup", "black"])
def test_everything_is_drawn_in_process_inks_with_an_output_intent(made, kind):
    data = made[kind]
    assert pdf_problems(data) == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        operators = {op for owner in drawn_streams(pdf) for op, _ in colour_operations(owner)}
        assert operators and operators <= {"k", "K"}, operators
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                assert "/SMask" not in obj, "a soft mask reaches the press"
                if obj.get("/Subtype") == "/Image":
                    assert obj.ColorSpace in ("/DeviceCMYK", "/DeviceGray"), obj.ColorSpace
        [intent] = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert intent.DestOutputProfile.N == 4
        assert intent.DestOutputProfile.read_bytes() == profile_bytes()
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            trim, bleed = ([float(v) for v in page.obj[key]] for key in ("/TrimBox", "/BleedBox"))
            assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
            assert media[1] <= bleed[1] <= trim[1] and trim[3] <= bleed[3] <= media[3]
            assert "/Annots" not in page.obj


def test_black_ink_only_uses_no_cyan_magenta_or_yellow(made):
    with pikepdf.open(io.BytesIO(made["black"])) as pdf:
        for owner in drawn_streams(pdf):
            for op, (c, m, y, _k) in colour_operations(owner):
                assert c == m == y == 0, op
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert images and all(obj.ColorSpace == "/DeviceGray" for obj in images)


def test_every_text_colour_is_black_ink_the_accent_or_paper(made):
    """Text is drawn in black ink alone (greys as its tints), in the converted accent, or knocked out."""
    with pikepdf.open(io.BytesIO(made["leaflet"])) as pdf:
        fills = set()
        for owner in drawn_streams(pdf):
            fill, stack = (0.0, 0.0, 0.0, 1.0), []
            for operands, op in pikepdf.parse_content_stream(owner):
                name = str(op)
                if name == "q":
                    stack.append(fill)
                elif name == "Q":
                    fill = stack.pop()
                elif name == "k":
                    fill = tuple(float(v) for v in operands)
                elif name in ("Tj", "TJ", "'", '"'):
                    fills.add(fill)
    accents = {f for f in fills if any(f[:3])}
    assert len(accents) <= 1, f"text in more than one process colour: {accents}"
    assert (0, 0, 0, 1) in fills, "body text in solid black ink"


def separations(data: bytes, tmp_path: Path, dpi: int = 72) -> dict[str, Image.Image]:
    """The first page's plates as Ghostscript's tiffsep makes them (ink amount per pixel, 0-255)."""
    if not shutil.which("gs"):
        missing_tool("Ghostscript (apt ghostscript) is not installed")
    source = tmp_path / "press.pdf"
    source.write_bytes(data)
    subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dFirstPage=1", "-dLastPage=1",
                    "-sDEVICE=tiffsep", f"-r{dpi}", f"-sOutputFile={tmp_path / 'sep.tif'}", str(source)],
                   check=True, capture_output=True)
    plates = {}
    for plate in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(tmp_path / f"sep({plate}).tif") as image:
            plates[plate] = Image.eval(image.convert("L"), lambda v: 255 - v)  # tiffsep: 255 is no ink
    return plates


def text_box(data: bytes, needle: str) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top, in points) of the first line that prints `needle`."""
    page = pdfium.PdfDocument(data)[0]
    text = page.get_textpage()
    searcher = text.search(needle)
    start, count = searcher.get_next()
    boxes = [text.get_charbox(i) for i in range(start, start + count)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def ink_in(plates: dict[str, Image.Image], box, page_height: float, dpi: int = 72) -> dict[str, int]:
    scale = dpi / 72
    left, bottom, right, top = box
    crop = (int(left * scale), int((page_height - top) * scale), int(right * scale) + 1,
            int((page_height - bottom) * scale) + 1)
    return {name: sum(1 for v in plate.crop(crop).get_flattened_data() if v > 8) for name, plate in plates.items()}


def test_body_text_and_crop_marks_separate_to_the_black_plate_only(made, tmp_path):
    data = made["leaflet"]
    plates = separations(data, tmp_path)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        height = float(page.MediaBox[3])
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
    body = ink_in(plates, text_box(data, "Cleaners at Harbour Hospital"), height)
    assert body["Black"] > 50, body
    assert body["Cyan"] == body["Magenta"] == body["Yellow"] == 0, body
    marks = ink_in(plates, (0, 0, trim[0] + 1, bleed[1] - 0.5), height)  # a mark in the slug, under the bleed
    assert marks["Black"] > 0 and marks["Cyan"] == marks["Magenta"] == marks["Yellow"] == 0, marks
    band = ink_in(plates, (trim[0] + 5, trim[3] - 5, trim[0] + 15, trim[3] - 1), height)  # the title band
    assert band["Cyan"] > 0 and band["Magenta"] > 0, "the accent is printed in process colour"


@pytest.mark.parametrize("make", [make_leaflet, make_factsheet, lambda c, **kw: make_leaflet(c, two_up=True, **kw)],
                         ids=["leaflet", "factsheet", "two-up"])
def test_a_transparent_logo_is_flattened_onto_the_band_under_it(campaign, make):
    screen = make(campaign).data
    with pikepdf.open(io.BytesIO(screen)) as pdf:
        assert any("/SMask" in obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)), \
            "the logo is transparent on screen"
    press = make(campaign, press=True).data
    with pikepdf.open(io.BytesIO(press)) as pdf:
        [logo] = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert logo.ColorSpace == "/DeviceCMYK" and "/SMask" not in logo
    # flattened onto the wrong colour, the logo's transparent corners would show as a box
    before, after = (render_pages(d, 40)[0].convert("RGB") for d in (screen, press))
    worst = max(abs(a - b) for pa, pb in zip(before.get_flattened_data(), after.get_flattened_data())
                for a, b in zip(pa, pb))
    assert worst < 60, f"the press page differs from the screen page by {worst} somewhere"


def test_bleed_in_inches_sets_trim_and_bleed_boxes_and_crop_marks(tmp_path):
    out = tmp_path / "leaflet.pdf"
    result = CliRunner().invoke(main, ["leaflet", str(ROOT / "examples" / "harbour-cleaners-strike.toml"),
                                       "--paper", "Letter", "--press", "--bleed", "0.125in", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
        assert round(trim[2] - trim[0], 2) == 612 and round(trim[3] - trim[1], 2) == 792  # Letter, trimmed
        assert [round(t - b, 3) for t, b in zip(trim[:2], bleed[:2])] == [9, 9]  # 0.125 in = 9 pt
        assert [round(b - t, 3) for t, b in zip(trim[2:], bleed[2:])] == [9, 9]


@pytest.mark.parametrize("value, why", [
    ("3 furlongs", "expected a length such as 3mm or 0.125in"), ("-3mm", "expected a length such as 3mm"),
    ("in", "expected a length such as 3mm"), ("nan", "expected a length such as 3mm"),
    ("0.5in", "expected 0 to 10 mm (0 to 0.394 in), got '0.5in' (12.7 mm)"),
])
def test_a_bad_bleed_is_one_usage_error(tmp_path, value, why):
    out = tmp_path / "leaflet.pdf"
    result = CliRunner().invoke(main, ["leaflet", "--bleed", value, "-o", str(out)])
    assert result.exit_code == 2 and "--bleed" in result.output and "Traceback" not in result.output
    assert why in result.output
    assert not out.exists()


def test_overlap_in_centimetres_is_the_same_placard_as_in_millimetres(tmp_path):
    outputs = []
    for value in ("1cm", "10mm"):
        out = tmp_path / f"tiles-{value}.pdf"
        result = CliRunner().invoke(main, ["placard", "--size", "A3", "--tile", "A4", "--overlap", value,
                                           "--slogan", "Same job", "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_same_input_same_press_bytes_across_processes(made, campaign):
    path = ROOT / "examples" / "harbour-cleaners-strike.toml"
    code = ("import sys, campaignkit; c = campaignkit.load(sys.argv[1]); "
            "sys.stdout.buffer.write(campaignkit.make_factsheet(c, press=True).data)")
    other = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "7"}).stdout
    assert other == make_factsheet(load(path), press=True).data
    assert make_leaflet(campaign, paper="A5", bleed_mm=3.175, press=True).data == made["leaflet"]


def test_a_press_pack_makes_every_pdf_for_the_press(tmp_path):
    pack = make_pack(load(ROOT / "examples" / "harbour-cleaners-strike.toml"), tmp_path / "pack", press=True)
    pdfs = [f for f in pack.files if f.name.endswith(".pdf")]
    assert len(pdfs) >= 5
    for f in pdfs:
        with pikepdf.open(tmp_path / "pack" / f.name) as pdf:
            assert "/OutputIntents" in pdf.Root, f.name
