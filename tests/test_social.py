"""Social cards: the stated sizes, slogans fitted inside the image, names, glyph check."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from PIL import Image

from campaignkit import GlyphError, load, loads, make_social
from campaignkit.cli import main

CAMPAIGN = load()


@pytest.fixture(scope="module")
def cards():
    return make_social(CAMPAIGN, lang="kk")


def test_a_square_and_a_story_card_per_slogan(cards):
    assert len(cards) == 2 * len(CAMPAIGN.slogans)
    sizes = []
    for card in cards:
        image = Image.open(io.BytesIO(card.data))
        assert image.format == "PNG" and image.size == card.page_size and card.media_type == "image/png"
        sizes.append(image.size)
    assert set(sizes) == {(1080, 1080), (1080, 1920)}


def ink(image) -> Image.Image:
    """White where the card has text (white on the campaign colour), black elsewhere."""
    return image.convert("L").point(lambda v: 255 if v > 200 else 0)


def ink_rows(image, joined: int = 10) -> list[tuple[int, int]]:
    """Runs of pixel rows that hold text, (first row, last row); runs less than `joined` rows apart are
    one (a descender's hook and the line below it, a rule under a title)."""
    profile = ink(image).resize((1, image.height), Image.Resampling.BOX)
    rows = [y for y, value in enumerate(profile.get_flattened_data()) if value > 0]
    runs: list[list[int]] = []
    for y in rows:
        if runs and y - runs[-1][1] <= joined:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return [(a, b) for a, b in runs]


def test_text_stays_in_the_safe_area_and_is_never_small(cards):
    for card in cards:
        image = Image.open(io.BytesIO(card.data)).convert("RGB")
        w, h = image.size
        runs = ink_rows(image)
        top, bottom = runs[0][0], runs[-1][1]
        if h == 1920:  # stories: the app's own buttons cover the top 250 and the bottom 340 pixels
            assert top >= 250 and bottom <= h - 340, (card.name, top, bottom)
        else:
            assert top >= 45 and bottom <= h - 45, (card.name, top, bottom)
        left, _, right, _ = ink(image).getbbox()
        assert left >= 45 and right <= w - 45, card.name
        # every line of text is set at 28 px or more: its capitals and ascenders reach 20 px; the one
        # shorter band allowed is the title's rule, a bar under the first band
        text_runs = [run for n, run in enumerate(runs) if not (n == 1 and is_rule(image, run))]
        assert min(b - a + 1 for a, b in text_runs) >= 20, (card.name, runs)


def is_rule(image, run: tuple[int, int]) -> bool:
    """True when the rows of `run` hold one solid bar no taller than 12 px."""
    band = ink(image).crop((0, run[0], image.width, run[1] + 1))
    left, _, right, _ = band.getbbox()
    middle = band.crop((left, 0, right, band.height)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    return run[1] - run[0] < 12 and middle > 200


def test_names_are_safe_slugs(cards):
    for card in cards:
        assert card.name.isascii() and " " not in card.name and "/" not in card.name


def test_same_input_same_bytes(cards):
    assert [c.data for c in make_social(CAMPAIGN, lang="kk")] == [c.data for c in cards]


def test_missing_glyph_names_the_slogan():
    campaign = loads('id = "s"\ntitle = "T"\nslogans = ["Fine", "Solidarity ✊"]\n', name="s.toml")
    with pytest.raises(GlyphError, match=r"slogans\[1\]: .*U\+270A"):
        make_social(campaign)


def test_cli_social_writes_pngs(tmp_path):
    result = CliRunner().invoke(main, ["social", "-o", str(tmp_path / "cards")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "cards").glob("*.png"))) == 2 * len(CAMPAIGN.slogans)
