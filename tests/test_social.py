"""Social cards: the stated sizes, slogans fitted inside the image, names, glyph check."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from PIL import Image

from campaignkit import GlyphError, load, loads
from campaignkit.cli import main
from campaignkit.social import make_social

CAMPAIGN = load()


@pytest.fixture(scope="module")
def cards():
    return make_social(CAMPAIGN, lang="kk")


def test_a_square_and_a_story_card_per_slogan(cards):
    assert len(cards) == 2 * len(CAMPAIGN.slogans)
    for card in cards:
        image = Image.open(io.BytesIO(card.png))
        assert image.format == "PNG"
        assert image.size == {"square": (1080, 1080), "story": (1080, 1920)}[card.format]


def test_slogans_are_not_clipped(cards):
    for card in cards:
        image = Image.open(io.BytesIO(card.png)).convert("RGB")
        w, h = image.size
        left, top, right, bottom = card.text_box
        assert 45 <= left and right <= w - 45 and 45 <= top and bottom <= h - 45
        # the ink really is there: white pixels inside the box, and the box's surroundings are background
        crop = image.crop((left, top, right, bottom))
        assert crop.getcolors(1 << 16) and max(crop.getcolors(1 << 16))[1] in ((255, 255, 255), crop.getpixel((0, 0)))
        background = image.getpixel((5, h // 2))
        assert image.getpixel((5, (top + bottom) // 2)) == background


def test_names_are_safe_slugs(cards):
    for card in cards:
        assert card.name.isascii() and " " not in card.name and "/" not in card.name


def test_same_input_same_bytes(cards):
    assert [c.png for c in make_social(CAMPAIGN, lang="kk")] == [c.png for c in cards]


def test_missing_glyph_names_the_slogan():
    campaign = loads('id = "s"\ntitle = "T"\nslogans = ["Fine", "Solidarity ✊"]\n', name="s.toml")
    with pytest.raises(GlyphError, match=r"slogans\[1\]: .*U\+270A"):
        make_social(campaign)


def test_cli_social_writes_pngs(tmp_path):
    result = CliRunner().invoke(main, ["social", "-o", str(tmp_path / "cards")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "cards").glob("*.png"))) == 2 * len(CAMPAIGN.slogans)
