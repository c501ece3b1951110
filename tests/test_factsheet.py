"""The fact sheet as printed, and `verify`: every source decoded from its QR code and printed."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from PIL import ImageDraw
from reportlab.pdfgen.canvas import Canvas

from campaignkit import CampaignkitError, GlyphError, load, loads, make_factsheet
from campaignkit.cli import main
from campaignkit.layout import fonts, qr
from campaignkit.layout.paper import MM
from campaignkit.localise import Labels
from campaignkit.verify import verify_pdf

from conftest import char_geometry, decode_qr, font_problems, pdf_problems, pdf_text, render_pages, squash

CAMPAIGN = load()


@pytest.fixture(scope="module")
def sheet():
    return make_factsheet(CAMPAIGN)


def test_every_source_url_decodes_exactly_and_is_printed(sheet):
    decoded = []
    for image, text in zip(render_pages(sheet, 150), pdf_text(sheet)):
        for code in decode_qr(image):
            decoded.append(code)
            assert code in "".join(text.split())
    assert sorted(decoded) == sorted(s.url.ascii for s in CAMPAIGN.sources)


@pytest.mark.parametrize("lang", [None, "ru", "kk"])
def test_every_timeline_date_place_fact_and_source_title_is_printed(lang):
    text = squash(" ".join(pdf_text(make_factsheet(CAMPAIGN, lang=lang))))
    for entry in CAMPAIGN.timeline:
        when = entry.when.get(lang) if entry.when else Labels(lang or "en").formats.date(entry.date)
        assert squash(when) in text
        assert squash(entry.text.get(lang)) in text
        for place in entry.places:
            assert squash(place.get(lang)) in text
    for fact in CAMPAIGN.facts:
        assert fact.figure.get(lang) in text and squash(fact.text.get(lang)) in text
    for source in CAMPAIGN.sources:
        assert squash(source.title.get(lang)) in text
    for st in CAMPAIGN.statements:
        for demand in st.demands:
            assert squash(demand.brief(lang)) in text


def test_facts_and_timeline_carry_numbered_references(sheet):
    text = squash(" ".join(pdf_text(sheet)))
    numbers = {s.id: n for n, s in enumerate(CAMPAIGN.sources, 1)}
    for fact in CAMPAIGN.facts:
        assert squash(f"{fact.text.original} [{numbers[fact.source]}]") in text
    assert f"[3] {CAMPAIGN.sources[2].title.original}" in text


def test_valid_embedded_deterministic_and_inside_the_page(sheet):
    assert pdf_problems(sheet) == [] and font_problems(sheet) == []
    assert make_factsheet(CAMPAIGN) == sheet
    for width, height, chars in char_geometry(sheet):
        for ch, left, bottom, right, top, size in chars:
            assert 10 * MM <= left and right <= width - 10 * MM and 8 * MM <= bottom and top <= height
            assert size >= 7.5


def test_qr_codes_meet_the_print_rules(sheet):
    report = verify_pdf(sheet)
    assert report.ok and len(report.codes) == 3
    assert all(code.module_mm >= 0.49 for code in report.codes)  # 0.5 mm designed, measured from pixels
    for source in CAMPAIGN.sources:
        assert qr.module_mm(source.url.ascii, qr.min_size(source.url.ascii)) == pytest.approx(0.5)


def test_codes_still_decode_with_15_percent_of_each_blanked(sheet):
    import zxingcpp

    image = render_pages(sheet, 200)[-1].convert("L")
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(codes) == 3
    draw = ImageDraw.Draw(image)
    for code in codes:
        p = code.position
        left, top, right = p.top_left.x, p.top_left.y, p.bottom_right.x
        side = right - left
        # a white band across the middle, clear of the finder patterns, 15% of the code's area
        band = 0.15 * side
        draw.rectangle([left, top + side / 2 - band / 2, right, top + side / 2 + band / 2], fill=255)
    assert sorted(decode_qr(image)) == sorted(s.url.ascii for s in CAMPAIGN.sources)


def test_idn_source_prints_both_forms_and_encodes_ascii():
    campaign = loads(
        'id = "idn"\ntitle = "T"\n[[sources]]\nid = "s"\ntitle = "Акция"\nurl = "https://пример.рф/акция?id=1&x=2"\n'
        '[[facts]]\ntext = "A fact."\nsource = "s"\n',
        name="idn.toml",
    )
    data = make_factsheet(campaign)
    text = "".join(" ".join(pdf_text(data)).split())
    assert "https://пример.рф/акция?id=1&x=2" in text
    assert "https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F?id=1&x=2" in text
    assert decode_qr(render_pages(data, 150)[0]) == ["https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F?id=1&x=2"]
    assert verify_pdf(data).ok


def test_long_timelines_and_many_sources_flow_onto_more_pages():
    entries = "".join(
        f'[[timeline]]\ndate = 2022-01-{1 + n % 28:02d}\ntext = "Event number {n} happened somewhere."\nsource = "s{n % 12}"\n'
        for n in range(80)
    )
    sources = "".join(f'[[sources]]\nid = "s{n}"\nurl = "https://example.org/source/{n}"\n' for n in range(12))
    campaign = loads(f'id = "long"\ntitle = "Long"\n{sources}{entries}', name="long.toml")
    data = make_factsheet(campaign)
    pages = pdf_text(data)
    assert len(pages) >= 3
    text = squash(" ".join(pages))
    for n in range(80):
        assert f"Event number {n} happened somewhere." in text
    report = verify_pdf(data)
    assert report.ok and sorted(c.url for c in report.codes) == sorted(f"https://example.org/source/{n}" for n in range(12))


def test_missing_glyph_names_the_field():
    campaign = loads('id = "g"\ntitle = "T"\n[[facts]]\ntext = "Up 😀"\n', name="g.toml")
    with pytest.raises(GlyphError, match=r"facts\[0\]\.text: .*U\+1F600"):
        make_factsheet(campaign)


def fake_pdf(code_url: str, printed_url: str) -> bytes:
    buffer = io.BytesIO()
    fonts.register_all()
    canvas = Canvas(buffer, invariant=1, initialFontName=fonts.BODY)
    qr.draw(canvas, code_url, 50, 600, 30 * MM)
    canvas.setFont(fonts.BODY, 10)
    canvas.drawString(50, 580, printed_url)
    canvas.save()
    return buffer.getvalue()


def test_verify_fails_when_the_printed_url_differs_from_the_code():
    report = verify_pdf(fake_pdf("https://evil.example.net/pay", "https://example.org/donate"))
    assert not report.ok
    assert report.codes[0].url == "https://evil.example.net/pay" and not report.codes[0].printed
    assert verify_pdf(fake_pdf("https://example.org/donate", "https://example.org/donate")).ok


def test_cli_factsheet_and_verify(tmp_path):
    good = tmp_path / "fact.pdf"
    result = CliRunner().invoke(main, ["factsheet", "--lang", "kk", "-o", str(good)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["verify", str(good)])
    assert result.exit_code == 0 and result.output.count(": ok ") == 3
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(fake_pdf("https://evil.example.net/pay", "https://example.org/donate"))
    result = CliRunner().invoke(main, ["verify", str(good), str(bad)])
    assert result.exit_code == 1
    assert "FAIL" in result.output and "NOT printed" in result.output and "1 of 2 files" in result.output


def test_verify_without_its_extras_says_how_to_install(without_qr_decoder):
    with pytest.raises(CampaignkitError, match=r"pip install 'campaignkit\[verify\]'"):
        verify_pdf(b"%PDF-1.4")
