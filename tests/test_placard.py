"""Placards as printed: fitted slogans, sizes, geometry, tiling that reassembles, clear errors."""

from __future__ import annotations

import io

import pypdf
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops, ImageFilter

from campaignkit import FitError, GlyphError, load, make_placard, plan_placards
from campaignkit.cli import main
from campaignkit.layout import fonts
from campaignkit.layout.fit import fit_text
from campaignkit.layout.paper import MM, paper_size
from campaignkit.materials.tiling import TILE_MARGIN, tile_grid

from conftest import char_geometry, font_problems, pdf_problems, pdf_text, render_pages, squash

CAMPAIGN = load()


@pytest.fixture(scope="module")
def a3():
    return make_placard(CAMPAIGN, size="A3").data


def test_one_page_per_slogan_with_its_text(a3):
    pages = pdf_text(a3)
    assert len(pages) == len(CAMPAIGN.slogans)
    for page, slogan in zip(pages, CAMPAIGN.slogans):
        assert squash(slogan.text.original) in squash(page)
        assert CAMPAIGN.hashtag in page


def test_largest_character_on_each_a3_page_is_at_least_100_pt(a3):
    for width, height, chars in char_geometry(a3):
        assert max(size for *_, size in chars) >= 100


def test_no_character_outside_the_printable_area(a3):
    for width, height, chars in char_geometry(a3):
        for ch, left, bottom, right, top, size in chars:
            assert 10 * MM <= left and right <= width - 10 * MM, (ch, left, right)
            assert 10 * MM <= bottom and top <= height - 10 * MM, (ch, bottom, top)


def test_a3_pages_are_a3_valid_and_embed_their_fonts(a3):
    plans = make_placard(CAMPAIGN, size="A3").details
    for page, plan in zip(pypdf.PdfReader(io.BytesIO(a3)).pages, plans, strict=True):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == tuple(
            round(v) for v in paper_size("A3", plan.landscape)
        )
    assert pdf_problems(a3) == [] and font_problems(a3) == []


def test_same_input_same_bytes(a3):
    assert make_placard(CAMPAIGN, size="A3").data == a3


def breakings(words):
    """Every way of breaking `words` into lines."""
    from itertools import combinations

    n = len(words)
    for k in range(1, n + 1):
        for cuts in combinations(range(1, n), k - 1):
            bounds = (0, *cuts, n)
            yield tuple(" ".join(words[bounds[i]:bounds[i + 1]]) for i in range(k))


def size_of(lines, width, height):
    from campaignkit.layout.fit import ABOVE, BELOW, LEADING

    widest = max(fonts.string_width(line, fonts.DISPLAY, 1.0) for line in lines)
    return min(width / widest, height / (ABOVE + LEADING * (len(lines) - 1) + BELOW))


def test_line_breaks_fall_between_words_and_the_best_reading_breaking_wins():
    from campaignkit.layout.fit import line_end_weight

    fonts.register_all()
    text = "Stop the intervention, release the detainees!"
    fitted = fit_text(text, fonts.DISPLAY, 700, 1000, minimum=40, maximum=400, field="x")
    assert " ".join(fitted.lines) == text
    widths = [fonts.string_width(line, fonts.DISPLAY, fitted.size) for line in fitted.lines]
    assert max(widths) <= 700 + 1e-6 and fitted.block_height() <= 1000 + 1e-6
    assert fitted.size == pytest.approx(size_of(fitted.lines, 700, 1000))
    # no other breaking reads better at its own size, weighed the same way
    for lines in breakings(text.split()):
        reads = 1.0
        for line in lines[:-1]:
            reads *= line_end_weight(tuple(line.split()))
        assert size_of(lines, 700, 1000) * reads <= fitted.score + 1e-6, lines
    # no breaking at all fits one point above the largest size any breaking allows
    largest = max(size_of(lines, 700, 1000) for lines in breakings(text.split()))
    with pytest.raises(FitError):
        fit_text(text, fonts.DISPLAY, 700, 1000, minimum=largest + 1, maximum=400, field="x")


def test_lines_end_on_a_function_word_only_when_anything_else_is_over_10_percent_smaller():
    from campaignkit.layout.fit import FUNCTION_WORDS

    fonts.register_all()
    for text in ("Troops out of the cities!", "Free trade unions, the right to strike!", "Свободу всем в городе и в селе!"):
        for box in ((1100, 760), (760, 1100), (500, 500)):
            fitted = fit_text(text, fonts.DISPLAY, *box, minimum=20, maximum=400, field="x")
            dangling = any(line.split()[-1].lower() in FUNCTION_WORDS for line in fitted.lines[:-1])
            clean = [size_of(lines, *box) for lines in breakings(text.split())
                     if not any(line.split()[-1].lower() in FUNCTION_WORDS for line in lines[:-1])]
            if dangling:
                assert max(clean) < 0.9 * fitted.size, (fitted.lines, box)


def test_each_slogan_takes_the_orientation_with_the_larger_type_and_russian_capitals_reach_30_mm():
    plans = plan_placards(CAMPAIGN, size="A3", lang="ru")
    prisoners = next(p for p in plans if p.text.startswith("Свободу всем"))
    assert prisoners.landscape and prisoners.cap_height_mm >= 30
    portrait = plan_placards(CAMPAIGN, size="A3", lang="ru", landscape=False)
    for auto, fixed in zip(plans, portrait, strict=True):
        assert auto.fitted.score >= fixed.fitted.score - 1e-6


def test_reading_distance_follows_the_stated_rule():
    plan = plan_placards(CAMPAIGN, size="A3")[0]
    assert plan.best_distance_m == pytest.approx(plan.cap_height_mm / 25 * 3)
    assert plan.legible_distance_m == pytest.approx(4 * plan.best_distance_m)


def test_given_slogans_override_and_double_sided_repeats_them():
    data = make_placard(CAMPAIGN, slogans=["Hands off!", "Solidarity!"], double_sided=True)
    pages = [squash(p) for p in pdf_text(data)]
    assert len(pages) == 4
    assert ["Hands off!" in p for p in pages] == [True, True, False, False]


def test_kazakh_placard_prints_its_letters():
    data = make_placard(CAMPAIGN, lang="kk", landscape=True)
    text = squash(" ".join(pdf_text(data)))
    for slogan in CAMPAIGN.slogans:
        assert squash(slogan.text.get("kk")) in text


def test_an_over_long_word_is_an_error_naming_it():
    word = "Antidisestablishmentarianism-and-more-of-it-and-then-some"
    with pytest.raises(FitError, match=rf"--slogan\[0\]: the word '{word}' .* wider"):
        make_placard(CAMPAIGN, size="A4", slogans=[word])


def test_too_many_words_is_an_error_naming_the_field():
    with pytest.raises(FitError, match=r"--slogan\[0\]: 2000 words"):
        make_placard(CAMPAIGN, slogans=[" ".join(["word"] * 2000)])


def test_missing_glyph_is_an_error_naming_the_slogan():
    with pytest.raises(GlyphError, match=r"--slogan\[1\]: .*U\+1F600"):
        make_placard(CAMPAIGN, slogans=["Fine", "Smile 😀"])


def test_a2_tiled_on_a4_is_an_assembly_page_and_a4_tiles():
    data = make_placard(CAMPAIGN, size="A2", tile="A4", slogans=["Stop the intervention, release the detainees!"],
                        landscape=False).data
    reader = pypdf.PdfReader(io.BytesIO(data))
    grid = tile_grid(*paper_size("A2"), "A4", 10 * MM)
    assert len(reader.pages) == 1 + grid.rows * grid.cols
    a4 = sorted(round(v) for v in paper_size("A4"))
    for page in reader.pages:
        assert sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height)))) == a4
    first = squash(reader.pages[0].extract_text())
    assert "How to assemble this A2 placard" in first and "R1 C1" in first
    labels = [f"R{r + 1} C{c + 1}" for r in range(grid.rows) for c in range(grid.cols)]
    for page, expected in zip(reader.pages[1:], labels):
        assert expected in page.extract_text()
    assert pdf_problems(data) == [] and font_problems(data) == []
    # Slogan letters are cut by each tile's window on purpose; everything else stays on the sheet.
    for width, height, chars in char_geometry(data):
        for ch, left, bottom, right, top, size in chars:
            if size < 30:
                assert 0 <= left and right <= width and 0 <= bottom and top <= height, (ch, size)


def test_pasting_the_tiles_together_reproduces_the_placard():
    dpi, scale = 40, 40 / 72
    slogan = ["Free all political prisoners!"]
    whole = render_pages(make_placard(CAMPAIGN, size="A2", slogans=slogan, landscape=False), dpi)[0].convert("L")
    tiled = render_pages(make_placard(CAMPAIGN, size="A2", tile="A4", slogans=slogan, landscape=False), dpi)[1:]
    w, h = paper_size("A2")
    grid = tile_grid(w, h, "A4", 10 * MM)
    pw, ph = grid.printable
    sx, sy = grid.step
    canvas = Image.new("L", (int((grid.cols * sx + pw) * scale) + 2, int((grid.rows * sy + ph) * scale) + 2), 255)
    for n, sheet in enumerate(tiled):
        r, c = divmod(n, grid.cols)
        sheet_h = sheet.height / scale
        box = (TILE_MARGIN, sheet_h - TILE_MARGIN - ph, TILE_MARGIN + pw, sheet_h - TILE_MARGIN)
        crop = sheet.convert("L").crop(tuple(round(v * scale) for v in box))
        canvas.paste(crop, (round(c * sx * scale), round(r * sy * scale)))
    # A one-pixel blur forgives anti-aliasing at glyph edges after rounding tile positions to pixels.
    assembled = canvas.crop((0, 0, whole.width, whole.height)).filter(ImageFilter.BoxBlur(1))
    whole = whole.filter(ImageFilter.BoxBlur(1))
    diff = ImageChops.difference(assembled, whole)
    histogram = diff.histogram()
    pixels = whole.width * whole.height
    mean = sum(value * count for value, count in enumerate(histogram)) / pixels
    strongly_different = sum(histogram[96:]) / pixels
    dark = sum(whole.histogram()[:96]) / pixels
    assert dark > 0.05, "the placard should have plenty of ink to compare"
    assert mean < 4 and strongly_different < 0.01, (mean, strongly_different)


def test_cli_placard_reports_sizes_and_distances(tmp_path):
    target = tmp_path / "p.pdf"
    result = CliRunner().invoke(main, ["placard", "--size", "A3", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.count(" pt on ") == len(CAMPAIGN.slogans)
    assert "best from" in result.output and "25 mm of capital height per 3 m" in result.output
    assert len(pdf_text(target.read_bytes())) == len(CAMPAIGN.slogans)
