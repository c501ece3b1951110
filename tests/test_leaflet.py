"""The leaflet as printed: text, QR codes, validity, geometry, sizes, languages and determinism."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import textwrap

import pypdf
import pytest
from click.testing import CliRunner

import campaignkit
from campaignkit import GlyphError, load, loads, make_leaflet
from campaignkit.cli import main
from campaignkit.layout.paper import MM

from conftest import ROOT, char_geometry, decode_qr, font_problems, pdf_problems, pdf_text, render_pages, squash

CAMPAIGN = load()
LONG_DEMAND = " ".join(f"word{n}" for n in range(150))
AWKWARD = loads(
    textwrap.dedent(
        f"""
        id = "awkward"
        title = "Wages & <b>rights</b> — Қазақстан"
        summary = "Taxes < wages; AT&T; x<y and <font size=300>big</font>."

        [[sources]]
        id = "s"
        url = "https://example.org/a?x=1&y=2"

        [[statements]]
        id = "st"
        by = "Union <i>&</i> Friends"
        source = "s"
        demands = ["Pay & conditions <b>now</b>!", "Әділдік, ғылым, қоғам, ұлт, үміт, һ, і!", "{LONG_DEMAND}"]
        calls = ["Join us at <the gate> & bring a friend."]
        signatories = [{", ".join(f'"Signatory organisation number {n}"' for n in range(40))}]

        [[events]]
        id = "e"
        title = "Picket & rally"
        place = "Gate <3>, Quay Road"
        date = 2026-03-09
        time = "06:30"
        """
    ),
    name="awkward.toml",
)


@pytest.fixture(scope="module")
def builtin_pdfs():
    return {paper: make_leaflet(CAMPAIGN, paper=paper).data for paper in ("A4", "A5", "letter")}


def all_text(data: bytes) -> str:
    return squash(" ".join(pdf_text(data)))


def expected_strings(campaign, lang=None, statements=None):
    for st in statements or campaign.statements:
        for item in (*st.demands, *st.calls):
            yield item.text.get(lang)
        for name in st.signatories:
            yield name.get(lang)


def event_strings(event, lang=None):
    yield event.place.get(lang)
    yield event.title.get(lang)
    for org in (*event.organisers, *event.supporters):
        yield org.get(lang)


@pytest.mark.parametrize("paper", ["A4", "A5", "letter"])
def test_every_demand_call_and_signatory_is_printed(builtin_pdfs, paper):
    text = all_text(builtin_pdfs[paper])
    for expected in expected_strings(CAMPAIGN):
        assert squash(expected) in text, expected
    assert squash(CAMPAIGN.title.original) in text


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_translated_leaflet_prints_the_translations(lang):
    data = make_leaflet(CAMPAIGN, lang=lang)
    text = all_text(data)
    for expected in expected_strings(CAMPAIGN, lang):
        assert squash(expected) in text, expected
    assert squash(CAMPAIGN.title.get(lang)) in text
    assert {"ru": "требует:", "kk": "талап етеді:"}[lang] in text
    assert {"ru": "Перевод с английского", "kk": "Ағылшын тілінен аударма"}[lang] in text


@pytest.mark.parametrize("lang", [None, "ru", "kk"])
def test_a_past_event_is_reported_never_offered_to_join(lang):
    picket = CAMPAIGN.event("london-picket")
    default = all_text(make_leaflet(CAMPAIGN, lang=lang))
    for label in ("Join the picket", "Приходите на пикет", "Пикетке қосылыңыз"):
        assert label not in default
    assert {None: "Next picket", "ru": "Следующий пикет", "kk": "Келесі пикет"}[lang] in default
    chosen = all_text(make_leaflet(CAMPAIGN, lang=lang, event="london-picket"))
    for expected in event_strings(picket, lang):
        assert squash(expected) in chosen, expected
    assert {None: "What happened on 8 January 2022 (date inferred)", "ru": "Что произошло 8 января 2022 г.",
            "kk": "2022 жылғы 8 қаңтар (күні жанама анықталған): не болды"}[lang] in chosen
    for label in ("Join the picket", "Приходите на пикет", "Пикетке қосылыңыз"):
        assert label not in chosen


def test_an_upcoming_event_is_advertised_with_its_weekday():
    import datetime as dt

    campaign = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
    before = all_text(make_leaflet(campaign, today=dt.date(2026, 3, 1)))
    assert "Join the picket" in before and "Monday 9 March 2026" in before
    after = all_text(make_leaflet(campaign, today=dt.date(2026, 3, 20)))
    assert "Join the picket" not in after and "Next picket" in after


@pytest.mark.parametrize("paper", ["A4", "A5", "letter"])
def test_qr_codes_decode_to_the_source_urls_printed_on_the_same_page(builtin_pdfs, paper):
    data = builtin_pdfs[paper]
    expected = {CAMPAIGN.source(st.source).url.ascii for st in CAMPAIGN.statements}
    found = set()
    for image, text in zip(render_pages(data, 150), pdf_text(data)):
        codes = decode_qr(image)
        found.update(codes)
        for code in codes:
            assert code in "".join(text.split()), f"{code} is not printed on its page"
    assert found == expected


@pytest.mark.parametrize("paper", ["A4", "A5", "letter"])
def test_pdf_is_strictly_valid_with_embedded_fonts(builtin_pdfs, paper):
    assert pdf_problems(builtin_pdfs[paper]) == []
    assert font_problems(builtin_pdfs[paper]) == []


HINTING_TABLES = {b"fpgm", b"prep", b"cvt "}


def _table_tags(font: bytes) -> set[bytes]:
    """The table tags of a TrueType file, read from its table directory."""
    count = int.from_bytes(font[4:6], "big")
    return {font[12 + 16 * n:16 + 16 * n] for n in range(count)}


def test_embedded_fonts_carry_no_hinting(builtin_pdfs):
    """The bundled faces have their hinting removed, so the subsets in a PDF hold outlines only: the
    tables a screen rasteriser uses (fpgm, prep, cvt) are absent from every embedded font."""
    embedded = 0
    for ref in pypdf.PdfReader(io.BytesIO(builtin_pdfs["A4"])).pages[0]["/Resources"]["/Font"].values():
        descriptor = ref.get_object()["/FontDescriptor"].get_object()
        tags = _table_tags(descriptor["/FontFile2"].get_object().get_data())
        assert b"glyf" in tags and not tags & HINTING_TABLES, sorted(tags)
        embedded += 1
    assert embedded >= 3
    for path in (ROOT / "assets" / "fonts").glob("*.ttf"):
        assert not _table_tags(path.read_bytes()[:12 + 16 * 64]) & HINTING_TABLES, f"{path.name}: run tools/strip_hinting.py"


@pytest.mark.parametrize("paper, size_mm", [("A4", (210, 297)), ("A5", (148, 210)), ("letter", (215.9, 279.4))])
def test_page_size_matches_the_paper(builtin_pdfs, paper, size_mm):
    for page in pypdf.PdfReader(io.BytesIO(builtin_pdfs[paper])).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - size_mm[0] * MM) < 0.01 and abs(height - size_mm[1] * MM) < 0.01


def test_a4_fits_one_page_and_a5_front_and_back(builtin_pdfs):
    assert len(pdf_text(builtin_pdfs["A4"])) == 1
    assert len(pdf_text(builtin_pdfs["A5"])) == 2


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_text_inside_the_printable_area_at_a_readable_size(builtin_pdfs, paper):
    for width, height, chars in char_geometry(builtin_pdfs[paper]):
        assert chars
        for ch, left, bottom, right, top, size in chars:
            assert 10 * MM - 0.5 <= left and right <= width - 10 * MM + 0.5, (ch, left, right)
            assert 10 * MM - 0.5 <= bottom and top <= height - 10 * MM + 0.5, (ch, bottom, top)
            assert size >= 8, (ch, size)


def test_demands_on_a5_are_at_least_9_point():
    data = make_leaflet(CAMPAIGN, paper="A5").data
    demand_words = {w for st in CAMPAIGN.statements for d in st.demands for w in d.text.original.split()}
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(data)
    body_sizes = []
    for page in doc:
        tp = page.get_textpage()
        text = tp.get_text_range()
        for i in range(tp.count_chars()):
            body_sizes.append(raw.FPDFText_GetFontSize(tp, i))
        assert any(w in text for w in demand_words)
    doc.close()
    assert sorted(body_sizes)[len(body_sizes) // 2] >= 9


def test_same_input_same_bytes_across_processes():
    code = (
        "import sys, campaignkit; "
        "sys.stdout.buffer.write(campaignkit.make_leaflet(campaignkit.load(), paper='A5', lang='kk').data)"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert outputs.pop() == make_leaflet(CAMPAIGN, paper="A5", lang="kk").data


def test_remembered_font_subsets_give_the_same_bytes_as_fresh_ones():
    """The second kk leaflet in a process embeds the font subsets the first one made."""
    code = (
        "import sys, campaignkit; c = campaignkit.load(); "
        "first = campaignkit.make_leaflet(c, paper='A5', lang='kk').data; campaignkit.make_leaflet(c); "
        "again = campaignkit.make_leaflet(c, paper='A5', lang='kk').data; "
        "sys.stdout.buffer.write(first + b'%%SPLIT%%' + again)"
    )
    first, again = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout.split(
        b"%%SPLIT%%")
    assert first == again == make_leaflet(CAMPAIGN, paper="A5", lang="kk").data


def test_metadata_has_title_subject_language_and_no_personal_data(builtin_pdfs):
    reader = pypdf.PdfReader(io.BytesIO(builtin_pdfs["A4"]))
    info = reader.metadata
    assert info.title == CAMPAIGN.title.original
    assert "Leaflet" in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    values = " ".join(str(v) for v in info.values())
    for private in {os.environ.get("USER", ""), os.uname().nodename, os.getcwd(), os.path.expanduser("~")} - {""}:
        assert private not in values, private
        if len(private) >= 4:  # a short name could occur by chance inside compressed streams
            assert private.encode() not in builtin_pdfs["A4"], private


def test_awkward_text_prints_literally_and_nothing_is_lost():
    data = make_leaflet(AWKWARD, paper="A5", event="e")
    assert pdf_problems(data) == []
    text = all_text(data)
    for expected in (
        "Wages & <b>rights</b> — Қазақстан",
        "Taxes < wages; AT&T; x<y and <font size=300>big</font>.",
        "Pay & conditions <b>now</b>!",
        "Әділдік, ғылым, қоғам, ұлт, үміт, һ, і!",
        "Join us at <the gate> & bring a friend.",
        "Gate <3>, Quay Road",
        "Union <i>&</i> Friends demands:",
        LONG_DEMAND,
    ):
        assert squash(expected) in text, expected
    shown = [int(n) for n in re.findall(r"Signatory organisation number (\d+)", text)]
    assert shown == list(range(len(shown))) and 10 <= len(shown) < 40  # the first names, in order
    assert f"and {40 - len(shown)} more — full list: the signatory annex" in text  # and where the others are
    assert decode_qr(render_pages(data, 150)[-1]) == ["https://example.org/a?x=1&y=2"]


def test_more_than_two_pages_flows_on_with_a_warning():
    long_call = " ".join(["Solidarity with every striking worker in every town."] * 150)
    campaign = loads(
        f'id = "x"\ntitle = "T"\n[[statements]]\nid = "s"\nby = "B"\ndemands = ["D"]\ncalls = ["{long_call}"]\n',
        name="long.toml",
    )
    with pytest.warns(campaignkit.CampaignWarning, match="runs to [3-9] pages"):
        data = make_leaflet(campaign, paper="A5")
    assert squash(long_call) in all_text(data)


def test_statement_option_narrows_to_one_statement():
    data = make_leaflet(CAMPAIGN, statement="smk")
    text = all_text(data)
    assert "Legalisation of the activities" in text and "CSTO member states" not in text
    assert {c for img in render_pages(data, 150) for c in decode_qr(img)} == {
        "https://internationalviewpoint.org/spip.php?article7468"
    }


def test_missing_glyph_is_an_error_naming_field_and_character():
    odd = loads(
        'id = "x"\ntitle = "T"\n[[statements]]\nid = "s"\nby = "B"\ndemands = ["Fine", "Solidarity ✊ now"]\n',
        name="odd.toml",
    )
    with pytest.raises(GlyphError, match=r"statements\[0\]\.demands\[1\]: .*'✊' \(U\+270A\)"):
        make_leaflet(odd)


def test_two_up_puts_two_a5_leaflets_on_each_a4_landscape_sheet():
    data = make_leaflet(CAMPAIGN, two_up=True).data
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 297 * MM) < 0.01
        assert abs(float(page.mediabox.height) - 210 * MM) < 0.01
    first = pdf_text(data)[0]
    assert first.count("Immediately release all detained") == 2
    assert pdf_problems(data) == [] and font_problems(data) == []
    back = render_pages(data, 150)[1]
    codes = decode_qr(back)
    assert sorted(codes) == sorted(2 * [s.url.ascii for s in CAMPAIGN.sources[:2]])


def test_grayscale_has_no_colour():
    image = render_pages(make_leaflet(CAMPAIGN, grayscale=True), 40)[0].convert("RGB")
    assert all(max(p) - min(p) <= 6 for p in image.get_flattened_data())
    assert image.convert("L").histogram()[0:64] and sum(image.convert("L").histogram()[:64]) < 0.2 * image.width * image.height


def test_bleed_grows_the_page_sets_the_trim_box_and_runs_colour_into_the_bleed():
    data = make_leaflet(CAMPAIGN, paper="A5", bleed_mm=3).data
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    trim = [float(v) for v in page.trimbox]
    assert abs((trim[2] - trim[0]) - 148 * MM) < 0.01 and abs((trim[3] - trim[1]) - 210 * MM) < 0.01
    assert float(page.mediabox.width) > 148 * MM + 6 * MM
    bleed = [float(v) for v in page.bleedbox]
    image = render_pages(data, 72)[0].convert("RGB")
    scale = image.width / float(page.mediabox.width)
    inside_bleed = (int((bleed[0] + 1) * scale), int((float(page.mediabox.height) - bleed[3] + 1) * scale))
    red, green, blue = image.getpixel(inside_bleed)
    assert red > 120 and green < 60 and blue < 60, "the band colour should reach into the bleed"
    assert pdf_problems(data) == []


def test_cli_leaflet_writes_the_file(tmp_path):
    target = tmp_path / "out.pdf"
    result = CliRunner().invoke(main, ["leaflet", "--paper", "A5", "--lang", "ru", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output and "A5, 2 pages" in result.output
    assert "Немедленно освободить" in all_text(target.read_bytes())


def test_cli_failure_leaves_no_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\ntitle = "T ✊"\n[[statements]]\nid = "s"\nby = "B"\ndemands = ["D"]\n', encoding="utf-8")
    target = tmp_path / "out.pdf"
    result = CliRunner().invoke(main, ["leaflet", str(bad), "-o", str(target)])
    assert result.exit_code == 1 and "title: no bundled font has a glyph for '✊'" in result.output
    assert list(tmp_path.iterdir()) == [bad]


def test_api_writes_to_a_path_a_stream_or_returns_the_rendered_leaflet(tmp_path):
    rendered = campaignkit.make_leaflet(CAMPAIGN, paper="A5")
    assert rendered.pages == 2 and rendered.material == "leaflet" and rendered.name.endswith("-a5.pdf")
    assert abs(rendered.page_size[0] - 148 * MM) < 0.01 and bytes(rendered) == rendered.data
    stream = io.BytesIO()
    campaignkit.make_leaflet(CAMPAIGN, stream, paper="A5")
    campaignkit.make_leaflet(CAMPAIGN, tmp_path / "l.pdf", paper="A5")
    assert stream.getvalue() == rendered.data == (tmp_path / "l.pdf").read_bytes()


def test_the_api_refuses_to_overwrite_a_file_campaignkit_did_not_make(tmp_path):
    mine = tmp_path / "mine.pdf"
    mine.write_bytes(b"%PDF-1.4 my own notes")
    with pytest.raises(campaignkit.OutputError, match="was not made by campaignkit; use --force"):
        campaignkit.make_leaflet(CAMPAIGN, mine)
    assert mine.read_bytes() == b"%PDF-1.4 my own notes"
    campaignkit.make_leaflet(CAMPAIGN, mine, force=True)
    assert pdf_text(mine.read_bytes())
    campaignkit.make_leaflet(CAMPAIGN, mine)  # now campaignkit's own: replaced without force


@pytest.mark.parametrize("option, value, message", [
    ("paper", "A7", "paper: expected one of A4, A5, letter, got 'A7'"),
    ("paper", 4, "paper: expected one of A4, A5, letter, got 4"),
    ("lang", "kz", "lang: unknown language 'kz' (did you mean 'kk'?)"),
    ("bleed_mm", "3", "bleed: expected a number from 0 to 10, got '3'"),
])
def test_a_bad_api_option_is_a_campaignkit_error_naming_it(option, value, message):
    with pytest.raises(campaignkit.CampaignkitError) as info:
        campaignkit.make_leaflet(CAMPAIGN, **{option: value})
    assert message in str(info.value)


def test_event_option_chooses_which_event_to_advertise():
    import datetime as dt

    two = loads(
        'id = "t"\ntitle = "T"\n[[statements]]\nid = "s"\nby = "B"\ndemands = ["D"]\n'
        '[[events]]\nid = "rally"\ntitle = "Rally"\nplace = "Town Square"\n'
        '[[events]]\nid = "vigil"\ntitle = "Vigil"\nplace = "Harbour Steps"\ndate = 2026-05-01\ntime = "20:00"\n',
        name="two.toml",
    )
    assert "Town Square" in all_text(make_leaflet(two)) and "Harbour Steps" not in all_text(make_leaflet(two))
    chosen = all_text(make_leaflet(two, event="vigil", today=dt.date(2026, 4, 1)))
    assert "Harbour Steps" in chosen and "Friday 1 May 2026 20:00" in chosen and "Town Square" not in chosen
    with pytest.raises(campaignkit.CampaignkitError, match=r"event: no event with id 'march' \(events: rally, vigil\)"):
        make_leaflet(two, event="march")


def test_a_short_campaign_gets_larger_type_and_stays_on_one_side():
    short = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
    a4 = make_leaflet(short).data
    sizes = [size for _, _, chars in char_geometry(a4) for *_, size in chars]
    assert len(pdf_text(a4)) == 1 and max(sizes) >= 40 and sorted(sizes)[len(sizes) // 2] >= 10.5
    a5 = pdf_text(make_leaflet(short, paper="A5"))
    # one side, or front and back with the event on the back: never a back holding only the codes
    assert len(a5) == 1 or (len(a5) == 2 and "Next picket" in a5[1] and "Sign the petition" in a5[1])


@pytest.mark.parametrize("paper, lang", [("A4", None), ("A5", None), ("A5", "ru"), ("A5", "kk"), ("letter", "kk")])
def test_no_paragraph_ends_on_a_line_of_one_word(paper, lang):
    paragraphs = [" ".join(s.text.get(lang) for s in CAMPAIGN.summary)] + [
        item.text.get(lang) for st in CAMPAIGN.statements for item in (*st.demands, *st.calls)
    ]
    last_words = {p.split()[-1] for p in paragraphs if len(p.split()) > 2}
    lines = [line.strip() for page in pdf_text(make_leaflet(CAMPAIGN, paper=paper, lang=lang)) for line in page.splitlines()]
    lonely = [line for line in lines if line in last_words]
    assert lonely == [], lonely


def _unhyphenated_compounds():
    """The German corpus campaign declared English: its long compounds get no hyphenation, so they break
    at the largest sizes."""
    source = (ROOT / "tests" / "corpus" / "german-compounds.toml").read_text(encoding="utf-8")
    return loads(source.replace('language = "de"', 'language = "en"'), name="compounds-en.toml")


@pytest.mark.parametrize("name,paper", [("compounds-en", "A5"), ("thirty-demands-housing", "A5")])
def test_a_build_known_to_be_refused_is_not_needed(monkeypatch, name, paper):
    """A type size whose measurement already broke a word is passed over without laying it out: the
    leaflet comes out the same, byte for byte, as when every size is laid out."""
    from campaignkit.materials.leaflet import _Layout

    campaign = _unhyphenated_compounds() if name == "compounds-en" else load(ROOT / "tests" / "corpus" / f"{name}.toml")
    refused: list[bool] = []
    real = _Layout.refused_unbuilt

    def noted(self, *args):
        refused.append(real(self, *args))
        return refused[-1]

    monkeypatch.setattr(_Layout, "refused_unbuilt", noted)
    shortened = make_leaflet(campaign, paper=paper).data
    monkeypatch.setattr(_Layout, "refused_unbuilt", lambda self, *args: False)
    assert make_leaflet(campaign, paper=paper).data == shortened
    if name == "compounds-en":  # its long words break at the largest sizes
        assert any(refused)
