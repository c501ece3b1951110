"""Campaigns written in thirteen scripts, made into every material and read back from the print.

For each: the materials are made without error; poppler extracts every demand in logical order; no
.notdef glyph is drawn; every font is an embedded subset with a ToUnicode map; the PDF parses strictly;
right-to-left pages set their paragraphs flush right with the logo on the left of the band.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections import Counter

import pytest

pytest.importorskip("uharfbuzz")

from campaignkit import loads, make_factsheet, make_leaflet, make_placard, make_signup, make_social  # noqa: E402
from campaignkit.layout import scripts  # noqa: E402

from conftest import char_geometry, font_problems, pdf_problems  # noqa: E402
from printed_text import missing_tool, poppler_text, recorded_glyphs  # noqa: E402

TODAY = dt.date(2026, 3, 1)

# (tag, title, by, two demands, slogan); written for these tests.
TEXTS = {
    "ar": ("التضامن مع عمال الموانئ", "لجنة العمال", ("أجور عادلة لكل العمال", "عقود مكتوبة وتأمين صحي للجميع"),
           "أجورنا حق لا منة"),
    "fa": ("همبستگی با معلمان", "شورای هماهنگی معلمان", ("آزادی همه معلمان زندانی", "دستمزد عادلانه برای همه"),
           "معلم زندانی آزاد باید گردد"),
    "he": ("סולידריות עם עובדי הנמל", "ועד העובדים", ("שכר הוגן לכל העובדים", "חוזה כתוב וביטוח בריאות"),
           "שכר הוגן עכשיו"),
    "hi": ("सफाई कर्मचारियों के साथ एकजुटता", "सफाई कर्मचारी संघ",
           ("सभी मज़दूरों को न्यूनतम वेतन", "सुरक्षा उपकरण और स्वास्थ्य बीमा"), "मज़दूर एकता ज़िंदाबाद"),
    "bn": ("পরিচ্ছন্নতা কর্মীদের সঙ্গে সংহতি", "শ্রমিক ইউনিয়ন",
           ("সব শ্রমিকের ন্যায্য মজুরি", "নিরাপত্তা সরঞ্জাম ও স্বাস্থ্য বিমা"), "শ্রমিক ঐক্য দীর্ঘজীবী হোক"),
    "ta": ("துப்புரவு தொழிலாளர்களுடன் ஒற்றுமை", "தொழிலாளர் சங்கம்",
           ("அனைத்து தொழிலாளர்களுக்கும் நியாயமான ஊதியம்", "பாதுகாப்பு உபகரணங்கள் வேண்டும்"),
           "தொழிலாளர் ஒற்றுமை வாழ்க"),
    "th": ("สามัคคีกับแรงงานท่าเรือ", "สหภาพแรงงาน", ("ค่าแรงที่เป็นธรรม", "สัญญาจ้างเป็นลายลักษณ์อักษร"),
           "ค่าแรงที่เป็นธรรม เดี๋ยวนี้"),
    "zh-Hans": ("声援港口工人", "港口工会", ("所有工人同工同酬", "签订书面劳动合同"), "工人团结起来"),
    "ja": ("港湾労働者との連帯", "港湾労働組合", ("すべての労働者に公正な賃金を", "書面による労働契約を"),
           "労働者の団結を"),
    "ko": ("항만 노동자와 연대", "항만 노동조합", ("모든 노동자에게 공정한 임금을", "서면 근로계약과 건강보험"),
           "노동자 연대 만세"),
    "ka": ("სოლიდარობა პორტის მუშებთან", "პროფკავშირი", ("სამართლიანი ხელფასი ყველა მუშისთვის",
           "წერილობითი ხელშეკრულება"), "მუშათა სოლიდარობა"),
    "hy": ("Համերաշխություն նավահանգստի աշխատողների հետ", "Արհմիություն",
           ("Արդար աշխատավարձ բոլոր աշխատողների համար", "Գրավոր աշխատանքային պայմանագիր"),
           "Աշխատողների համերաշխություն"),
    "am": ("ከወደብ ሰራተኞች ጋር አጋርነት", "የሰራተኞች ማህበር", ("ለሁሉም ሰራተኞች ፍትሃዊ ደመወዝ", "የጽሁፍ የስራ ውል"),
           "የሰራተኞች አንድነት"),
}
RTL = {"ar", "fa", "he"}
CJK = {"zh-Hans": "han", "ja": "kana", "ko": "hangul"}


def toml(tag: str) -> str:
    title, by, demands, slogan = TEXTS[tag]
    listed = ", ".join(f'"{d}"' for d in demands)
    return f'''
id = "world-{tag.lower()}"
title = "{title}"
language = "{tag}"
summary = ["{demands[0]}"]
slogans = ["{slogan}"]
[[sources]]
id = "s"
title = "{by}"
url = "https://example.org/{tag.lower()}"
[[statements]]
id = "st"
by = "{by}"
source = "s"
demands = [{listed}]
[[events]]
id = "e"
kind = "picket"
title = "{slogan}"
place = "{by}"
date = "2026-03-20"
time = "17:00"
[[facts]]
text = "{demands[1]}"
figure = "40"
source = "s"
[[timeline]]
date = "2026-02-01"
text = "{demands[0]}"
source = "s"
'''


def campaign(tag: str):
    if tag in CJK and scripts.default_faces().face(CJK[tag]) is None:
        missing_tool(scripts.missing_face_message(CJK[tag]))
    return loads(toml(tag), name=f"{tag}.toml")


MAKERS = {
    "leaflet": lambda c: make_leaflet(c, today=TODAY),
    "placard": make_placard,
    "factsheet": lambda c: make_factsheet(c, today=TODAY),
    "signup": lambda c: make_signup(c, today=TODAY),
}
_MADE: dict = {}


def made(tag: str, material: str):
    """(PDF bytes, glyphs drawn), made once per test run."""
    key = (tag, material)
    if key not in _MADE:
        with recorded_glyphs() as drawn:
            data = MAKERS[material](campaign(tag)).data
        _MADE[key] = (data, list(drawn))
    return _MADE[key]


def squashed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("tag", TEXTS)
@pytest.mark.parametrize("material", ["leaflet", "factsheet", "signup"])
def test_every_demand_is_extracted_in_logical_order(tag, material):
    data, _ = made(tag, material)
    text = squashed(poppler_text(data))
    _, by, demands, _ = TEXTS[tag]
    for wanted in (*demands, by):
        assert squashed(wanted) in text, (wanted, text[:400])


@pytest.mark.parametrize("tag", TEXTS)
def test_the_placard_prints_the_slogan(tag):
    data, _ = made(tag, "placard")
    assert squashed(TEXTS[tag][3]) in squashed(poppler_text(data))


@pytest.mark.parametrize("tag", TEXTS)
@pytest.mark.parametrize("material", list(MAKERS))
def test_no_notdef_glyph_and_embedded_subsets_and_strict_parse(tag, material):
    data, drawn = made(tag, material)
    assert drawn and all(gid != 0 for _, gid in drawn), [f for f, gid in drawn if gid == 0][:5]
    assert font_problems(data) == []
    assert pdf_problems(data) == []
    import pypdf

    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            assert "+" in str(font.get_object()["/BaseFont"])  # a subset, never the whole face


@pytest.mark.parametrize("tag", TEXTS)
@pytest.mark.parametrize("material", list(MAKERS))
def test_text_stays_on_the_page_at_a_readable_size(tag, material):
    data, _ = made(tag, material)
    for width, height, chars in char_geometry(data):
        for ch, left, bottom, right, top, size in chars:
            assert -0.5 <= left and right <= width + 0.5 and -0.5 <= bottom and top <= height + 0.5, (ch, left, top)
            assert size >= 6.5, (ch, size)


@pytest.mark.parametrize("tag", TEXTS)
def test_social_cards_are_made(tag):
    cards = make_social(campaign(tag))
    assert {c.page_size for c in cards} == {(1080, 1080), (1080, 1920)}


def baseline_lines(data: bytes, page_number: int = 0) -> list[tuple[float, float, str]]:
    """The printed characters of a page grouped by baseline: [(left, right, text in drawn order)]."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    page = pdfium.PdfDocument(bytes(data))[page_number]
    textpage = page.get_textpage()
    lines: dict[int, list] = {}
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        ch = chr(raw.FPDFText_GetUnicode(textpage, i))
        if ch.isspace() or ch in "\x00\ufffe\uffff":
            continue
        raw.FPDFText_GetCharOrigin(textpage, i, x, y)
        left, _, right, _ = textpage.get_charbox(i)
        lines.setdefault(round(y.value), []).append((left, right, unicodedata.normalize("NFKC", ch)))
    return [(min(c[0] for c in line), max(c[1] for c in line), "".join(c[2] for c in sorted(line)))
            for line in lines.values()]


@pytest.mark.parametrize("tag", sorted(RTL))
def test_right_to_left_paragraphs_are_flush_right_with_numbers_on_the_right(tag):
    """On the leaflet, the summary and demand lines end at the frame's right edge (ragged on the left),
    and each demand's number is the rightmost thing on its line."""
    data, _ = made(tag, "leaflet")
    width = char_geometry(data)[0][0]
    right_edge = width - 14 * 72 / 25.4  # A4's margin
    _, _, demands, _ = TEXTS[tag]
    wanted = [Counter(squashed(d)) for d in demands]
    lines = baseline_lines(data)
    body = [line for line in lines if Counter(ch for ch in line[2] if not ch.isdigit()) in wanted]
    assert len(body) >= 3, [line[2] for line in lines]  # the summary and both demands
    for left, right, text in body:
        assert abs(right - right_edge) < 2.5, (text, right, right_edge)
    assert max(left for left, _, _ in body) > 14 * 72 / 25.4 + 30  # not set flush left
    numbered = [text for _, _, text in body if text[-1].isdigit()]
    assert sorted(t[-1] for t in numbered) == ["1", "2"]


@pytest.mark.parametrize("tag", sorted(RTL))
def test_right_to_left_qr_blocks_print_the_url_on_the_left_of_the_code(tag):
    from conftest import render_pages

    data, _ = made(tag, "leaflet")
    width, _, chars = char_geometry(data)[0]
    image = render_pages(data, 100)[0]
    import zxingcpp

    codes = [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert codes
    url = f"https://example.org/{tag.lower()}"
    url_chars = [c for c in chars if c[0] in "examplorg"]
    for code in codes:
        code_left = min(p.x for p in (code.position.top_left, code.position.bottom_left)) * 72 / 100
        # the printed URL sits left of its code
        near = [c for c in url_chars if c[3] <= code_left + 1]
        assert near, f"{url} is not printed left of its code"


@pytest.mark.parametrize("tag", TEXTS)
def test_pillow_and_raqm_measure_the_line_as_the_pdf_does(tag):
    """A second opinion: raqm (HarfBuzz with FriBiDi, through Pillow) lays out each slogan and demand to
    the same width as the PDF's own shaping, run by run in the same faces."""
    campaign(tag)  # skips without a CJK face
    _, by, demands, slogan = TEXTS[tag]
    for text in (slogan, *demands, by):
        pdf = scripts.line_width(text, 200, "display")
        raqm = scripts.pillow_width(text, 200, "display")
        assert raqm == pytest.approx(pdf, rel=0.01), text
