"""Sign-up sheets as printed: demands in brief, rows tall enough to write in, IDs, consent, QR."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from campaignkit import CampaignWarning, load, make_signup
from campaignkit.cli import main
from campaignkit.layout.paper import MM

from conftest import ROOT, char_geometry, decode_qr, font_problems, pdf_problems, pdf_text, render_pages, squash

CAMPAIGN = load()


def row_lines(data: bytes):
    """The y positions of the long horizontal rules on the first page (the table's row lines)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(bytes(data))
    page = doc[0]
    ys = []
    for obj in page.get_objects():
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if right - left > 200 and top - bottom < 2:
                ys.append(round((top + bottom) / 2, 1))
    doc.close()
    return sorted(set(ys))


def test_rows_are_at_least_8_mm_tall_and_numbered():
    data = make_signup(CAMPAIGN, sheets=2)
    ys = row_lines(data)
    gaps = [b - a for a, b in zip(ys, ys[1:])]  # bottom to top; the last gap is the header row
    body = gaps[:-1]
    assert len(body) >= 8 and min(body) >= 8 * MM
    first, second = (squash(p) for p in pdf_text(data))
    rows = len(body)
    assert f"{rows}" in first and f"{rows + 1}" in second


def test_each_sheet_carries_its_id_demands_by_whom_and_consent():
    with pytest.warns(CampaignWarning, match="petition.collected_by: no one is named"):
        data = make_signup(CAMPAIGN, sheets=3, lang="ru")
    pages = [squash(p) for p in pdf_text(data)]
    assert len(pages) == 3
    for n, page in enumerate(pages, 1):
        assert f"Лист {n} из 3" in page and "kazakhstan-2022" in page
        assert "8 января 2022" not in page  # the London picket is past: no date on the sheet id
        for st in CAMPAIGN.statements:
            assert squash(st.by.get("ru")) in page
            for demand in st.demands:
                assert squash(demand.brief("ru")) in page
        # No one is named as keeping the details (the picket's organisers never started a petition).
        assert "AntiCapitalistResistance" not in page and "не будут переданы" in page and "____" in page
    assert pdf_problems(data) == [] and font_problems(data) == []


def test_the_consent_line_names_the_petition_keeper_and_the_id_the_next_event():
    import datetime as dt

    campaign = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
    page = squash(pdf_text(make_signup(campaign, today=dt.date(2026, 3, 1)))[0])
    assert "Harbour Health Workers' Branch (strike@example.org) may keep your details" in page
    assert "Monday 9 March 2026 · Sheet 1 of 1" in page


def test_petition_qr_code_when_the_campaign_has_one():
    campaign = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
    data = make_signup(campaign).data
    assert decode_qr(render_pages(data, 150)[0]) == [campaign.petition_url.ascii]
    assert campaign.petition_url.text in "".join(pdf_text(data)[0].split())
    assert decode_qr(render_pages(make_signup(CAMPAIGN), 150)[0]) == []


def test_text_stays_on_the_page_and_output_is_repeatable():
    data = make_signup(CAMPAIGN, lang="kk")
    for width, height, chars in char_geometry(data):
        for ch, left, bottom, right, top, size in chars:
            assert 10 * MM <= left and right <= width - 10 * MM and 10 * MM <= bottom and top <= height - 5 * MM
            assert size >= 7
    assert make_signup(CAMPAIGN, lang="kk") == data


def test_cli_signup(tmp_path):
    target = tmp_path / "s.pdf"
    result = CliRunner().invoke(main, ["signup", "--sheets", "4", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "4 pages" in result.output and len(pdf_text(target.read_bytes())) == 4


def test_sheet_count_is_checked():
    from campaignkit import CampaignkitError

    with pytest.raises(CampaignkitError, match="sheets: expected 1 to 500, got 0"):
        make_signup(CAMPAIGN, sheets=0)
