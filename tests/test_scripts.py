"""Text in every supported script, printed through campaignkit.layout.scripts, read back from the PDF.

The checks look at the printed result: the glyph ids reportlab writes (recorded where reportlab turns
text into font codes), the embedded subsets, the text poppler extracts, and where pdfium puts each glyph.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("uharfbuzz")

from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from campaignkit.layout import scripts  # noqa: E402

from printed_text import missing_tool, poppler_text, recorded_glyphs  # noqa: E402

SAMPLES = {
    "arabic": "التضامن مع عمال الموانئ في السودان 40% https://example.org",
    "persian": "همبستگی با کارگران بندر، ۴۰ درصد دستمزد",
    "urdu": "بندرگاہ کے مزدوروں کے ساتھ یکجہتی",
    "hebrew": "סולידריות עם עובדי הנמל, 40% מהשכר!",
    "hindi": "मज़दूर एकता क्षमा श्रम हिंदी",
    "bengali": "শ্রমিক ঐক্য",
    "tamil": "தொழிலாளர் ஒற்றுமை வாழ்க",
    "thai": "ความสามัคคีของคนงาน ที่ท่าเรือ",
    "georgian": "სოლიდარობა მუშებთან!",
    "armenian": "Համերաշխություն աշխատողների հետ։",
    "amharic": "ከሰራተኞች ጋር አብሮነት!",
}
CJK_SAMPLES = {"han": "声援码头工人罢工 40%", "kana": "港湾労働者のストライキを支持する", "hangul": "항만 노동자 파업 연대"}
RTL = {"arabic", "persian", "urdu", "hebrew"}
# Words poppler cannot give back in logical order from a Paragraph, and why:
# - a vowel sign drawn before its consonant (Devanagari ि, Bengali ি, Tamil ெ ொ) extracts in drawn order,
#   since reportlab's ToUnicode maps one glyph to one code (draw_line adds ActualText and has no such gap);
# - in Arabic text "40%" is printed "%40" (Unicode bidi puts the % left of the number), and poppler reads it so;
# - a comma ending a right-to-left word before a number is printed in its place, but poppler attaches it
#   to the word after the number.
# What poppler reads back differently from right-to-left lines (Indic vowel signs drawn before their
# consonant come back right, through each left-to-right line's ActualText).
NOT_EXTRACTED = {"arabic": {"40%"}, "persian": {"بندر،"}, "hebrew": {"הנמל,"}}
WIDTH = 228  # the paragraph width: a 240 pt frame less its 6 pt padding on each side
LEFT = 26
FACES = scripts.default_faces()


def cjk_face_or_skip(script: str):
    face = FACES.face(script)
    if face is None:
        missing_tool(f"no TrueType CJK face installed for {script}: {scripts.INSTALL_HINT[script]}")
    return face


def paragraph_pdf(text: str, weight: str = "regular") -> tuple[bytes, object]:
    style = ParagraphStyle("body", fontSize=12, leading=17)
    para = scripts.ScriptParagraph(text, style, weight)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=(WIDTH + 2 * LEFT, 400), leftMargin=20, rightMargin=20, topMargin=20,
                            bottomMargin=20, invariant=1, initialFontName=FACES.face("latin").name)
    doc.build([para])
    return buf.getvalue(), para


def expected_glyphs(para) -> Counter:
    """What HarfBuzz makes of each line's runs, in the same fonts: the glyphs the page must show."""
    out: Counter = Counter()
    for line in para.lines_for(WIDTH):
        for run in FACES.visual_runs(line.text, line.weights, para.base):
            face = pdfmetrics.getFont(run.face.name).face
            for word in scripts.visual_text(run).split():
                if run.face.shapable:
                    out.update((run.face.name, g) for g in scripts.harfbuzz_glyphs(word, run.face.path, run.face.index))
                else:
                    out.update((run.face.name, face.charToGlyph[ord(ch)]) for ch in word)
    return out


def pdf_problems(data: bytes) -> list[str]:
    import pikepdf
    import pypdf

    problems = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
            for page in reader.pages:
                page.extract_text()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"pypdf: {exc}")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems += pdf.check_pdf_syntax()
    return problems


def fonts_of(data: bytes) -> list[dict]:
    import pypdf

    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    return [font.get_object() for font in page["/Resources"]["/Font"].values()]


def char_boxes(data: bytes) -> list[tuple[str, tuple[float, float, float, float]]]:
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(data)[0]
    text = page.get_textpage()
    return [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]


def visual_lines(data: bytes) -> list[list[tuple[str, tuple]]]:
    """The printed characters grouped into lines (top first), each sorted from left to right."""
    boxes = sorted(((ch, box) for ch, box in char_boxes(data) if ch.strip()), key=lambda b: -(b[1][1] + b[1][3]))
    lines: list[list] = []
    for ch, box in boxes:
        centre = (box[1] + box[3]) / 2
        if lines and abs(lines[-1][0] - centre) < 8:
            lines[-1][1].append((ch, box))
        else:
            lines.append([centre, [(ch, box)]])
    return [sorted(chars, key=lambda b: b[1][0]) for _, chars in lines]


def build(sample: str):
    with recorded_glyphs() as drawn:
        data, para = paragraph_pdf(sample)
    return data, para, drawn


BUILT = {name: build(text) for name, text in SAMPLES.items()}


@pytest.mark.parametrize("name", SAMPLES)
def test_every_character_has_a_face(name):
    assert FACES.missing(SAMPLES[name]) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_no_notdef_glyph_is_drawn(name):
    _, _, drawn = BUILT[name]
    assert drawn and all(gid != 0 for _, gid in drawn)


@pytest.mark.parametrize("name", SAMPLES)
def test_drawn_glyphs_are_harfbuzz_shaping(name):
    _, para, drawn = BUILT[name]
    spaces = {(font, pdfmetrics.getFont(font).face.charToGlyph[32]) for font, _ in drawn}
    printed = Counter(g for g in drawn if g not in spaces)
    assert printed == expected_glyphs(para)


@pytest.mark.parametrize("name", SAMPLES)
def test_fonts_are_embedded_subsets_with_tounicode(name):
    data, _, _ = BUILT[name]
    for font in fonts_of(data):
        assert "+" in font["/BaseFont"], font["/BaseFont"]
        assert "/ToUnicode" in font
        assert "/FontFile2" in font["/FontDescriptor"]


@pytest.mark.parametrize("name", SAMPLES)
def test_pdf_is_valid(name):
    data, _, _ = BUILT[name]
    assert pdf_problems(data) == []


@pytest.mark.parametrize("name", SAMPLES)
def test_text_extracts_in_logical_order(name):
    data, _, _ = BUILT[name]
    extracted = poppler_text(data)
    words = unicodedata.normalize("NFKC", SAMPLES[name]).split()
    lost = [w for w in words if w not in extracted and w not in NOT_EXTRACTED.get(name, ())]
    assert lost == [], extracted


def test_the_known_extraction_gaps_are_still_there():
    """If poppler or reportlab learn to extract these, NOT_EXTRACTED should shrink."""
    for name, words in NOT_EXTRACTED.items():
        extracted = poppler_text(BUILT[name][0])
        assert all(w not in extracted for w in words), name


@pytest.mark.parametrize("name", sorted(RTL))
def test_right_to_left_lines_are_flush_right_and_read_from_the_right(name):
    data, para, _ = BUILT[name]
    lines = visual_lines(data)
    assert len(lines) == len(para.lines_for(WIDTH))
    for line in lines:
        assert abs(max(box[2] for _, box in line) - (LEFT + WIDTH)) < 1.5
    # The first word of the text is the rightmost on the first line, its letters drawn right to left.
    first_word = unicodedata.normalize("NFKC", SAMPLES[name].split()[0])
    rightmost = "".join(ch for ch, _ in lines[0])[-len(first_word):]
    assert unicodedata.normalize("NFKC", rightmost) == first_word[::-1]


def test_url_inside_arabic_prints_left_to_right():
    data, _, _ = BUILT["arabic"]
    printed = ["".join(ch for ch, _ in line) for line in visual_lines(data)]
    assert "https://example.org" in printed
    assert any("%40" in line for line in printed)  # Unicode bidi puts the % left of the number here


def test_fallback_faces_inside_a_line():
    runs = FACES.runs(SAMPLES["arabic"])
    assert [(r.face.script, r.rtl) for r in runs] == [("arabic", True), ("latin", False), ("latin", True),
                                                      ("latin", False)]
    assert "%" in runs[2].text and not FACES.covers(FACES.face("arabic"), "%")
    hebrew = FACES.runs(SAMPLES["hebrew"])
    assert {r.face.script for r in hebrew if "," in r.text or "!" in r.text} == {"latin"}


def test_direction_follows_the_first_strong_character():
    assert scripts.direction("40% التضامن") == "rtl"
    assert scripts.direction("Solidarity التضامن") == "ltr"
    assert scripts.direction("123 !") == "ltr"
    assert scripts.direction("«שלום»") == "rtl"


def test_missing_names_characters_no_face_has():
    assert FACES.missing("Strike ✊ now 😀") == ["✊", "😀"]


def test_shaped_width_differs_from_unshaped_stringwidth():
    arabic = FACES.face("arabic").name
    word = "الموانئ"
    assert scripts.shaped_width(word, arabic, 20) != pytest.approx(pdfmetrics.stringWidth(word, arabic, 20))
    latin = FACES.face("latin").name
    assert scripts.shaped_width("Solidarity", latin, 20) == pytest.approx(
        pdfmetrics.stringWidth("Solidarity", latin, 20), rel=0.02)


def test_latin_and_cyrillic_paragraphs_are_byte_identical_to_plain_reportlab():
    text = "Solidarity with the dock workers — Ынтымақтастық, Қазақстан! AT&T <b>"
    style = ParagraphStyle("body", fontName=FACES.face("latin").name, fontSize=12, leading=17)

    def pdf(flowable):
        buf = io.BytesIO()
        SimpleDocTemplate(buf, invariant=1, initialFontName=style.fontName).build([flowable])
        return buf.getvalue()

    from xml.sax.saxutils import escape

    assert pdf(scripts.ScriptParagraph(text, style)) == pdf(Paragraph(escape(text), style))


def test_placard_line_extracts_exactly_through_actualtext():
    text = "मज़दूर एकता हिंदी क्ष श्र"
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(600, 200), invariant=1, initialFontName=FACES.face("latin").name)
    width = scripts.draw_line(c, 300, 100, text, 30, anchor="middle")
    c.showPage()
    c.save()
    data = buf.getvalue()
    assert width == pytest.approx(scripts.line_width(text, 30))
    assert poppler_text(data).split() == text.split()
    assert pdf_problems(data) == []


def test_placard_rtl_line_is_ordered_right_to_left():
    text = "التضامن مع عمال الموانئ 40% https://example.org"
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(700, 200), invariant=1, initialFontName=FACES.face("latin").name)
    scripts.draw_line(c, 680, 100, text, 24)
    c.showPage()
    c.save()
    boxes = [(ch, box) for ch, box in char_boxes(buf.getvalue()) if ch.strip()]
    visual = "".join(ch for ch, _ in sorted(boxes, key=lambda item: item[1][0]))
    assert visual.startswith("https://example.org")
    assert max(box[2] for _, box in boxes) == pytest.approx(680, abs=1.5)
    # التضامن, the first word, is drawn rightmost: its letters come last, in visual (reversed) order.
    assert unicodedata.normalize("NFKC", visual).endswith("التضامن"[::-1])


def test_pillow_line_draws_all_runs_inside_its_box():
    from PIL import Image, ImageDraw, features

    assert features.check("raqm")
    image = Image.new("L", (900, 200), 0)
    draw = ImageDraw.Draw(image)
    text = SAMPLES["arabic"]
    box = scripts.draw_pillow_line(draw, 450, 120, text, 28, 255, weight="bold")
    width = scripts.pillow_width(text, 28, weight="bold")
    assert box[2] - box[0] == pytest.approx(width, abs=6)
    ink = image.getbbox()
    assert ink is not None and abs(ink[0] - box[0]) <= 2 and abs(ink[2] - box[2]) <= 2


def test_bidi_levels_of_numbers_and_neutrals():
    assert scripts.bidi_levels("abc 12", "ltr") == [0] * 6
    assert scripts.bidi_levels("אב 12", "rtl") == [1, 1, 1, 2, 2]
    assert scripts.bidi_levels("ab אב cd", "ltr") == [0, 0, 0, 1, 1, 0, 0, 0]


def test_embeddable_refuses_cff():
    assert scripts.embeddable(scripts.bundled_dir() / "NotoSansArabic-Regular.ttf")
    cff = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # fonts-noto-cjk, when installed
    if cff.exists():
        assert not scripts.embeddable(cff)


@pytest.mark.parametrize("script", CJK_SAMPLES)
def test_cjk_from_a_system_face(script):
    face = cjk_face_or_skip(script)
    assert scripts.embeddable(face.path, face.index)
    text = CJK_SAMPLES[script]
    assert FACES.missing(text) == []
    with recorded_glyphs() as drawn:
        data, _ = paragraph_pdf(text)
    assert all(gid != 0 for _, gid in drawn)
    assert pdf_problems(data) == []
    for font in fonts_of(data):
        assert "+" in font["/BaseFont"] and "/ToUnicode" in font
    assert "".join(text.split()) in "".join(poppler_text(data).split())


def test_cjk_missing_face_message_names_a_package():
    assert "fonts-nanum" in scripts.missing_face_message("hangul")
    assert "fonts-droid-fallback" in scripts.missing_face_message("han")
    assert scripts.Faces(search_system=False).face("han") is None
