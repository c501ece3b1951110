"""Long words in languages that build compounds break with a hyphen, at a point their dictionary
allows, and only where a word is wider than its line; read from the printed pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import campaignkit
from campaignkit.localise.hyphenation import Patterns, dictionary_path
from campaignkit.localise.rules import HYPHENATED, SOFT_HYPHEN, hyphenator

from conftest import pdf_text
from layout_rules import read_text

GERMAN = Path(__file__).parent / "corpus" / "german-compounds.toml"
TODAY = dt.date(2026, 3, 1)


def test_hyphenator_marks_only_long_words_of_compounding_languages():
    hyphenate = hyphenator("de-AT")
    marked = hyphenate("Mehr Personal für die Tarifvertragsverhandlungsgemeinschaft, ab 15.03.2026!")
    assert marked.replace(SOFT_HYPHEN, "") == "Mehr Personal für die Tarifvertragsverhandlungsgemeinschaft, ab 15.03.2026!"
    long_word = marked.split()[4].rstrip(",")
    assert long_word.count(SOFT_HYPHEN) >= 5
    assert all(len(piece) >= 3 for piece in (long_word.split(SOFT_HYPHEN)[0], long_word.split(SOFT_HYPHEN)[-1]))
    assert SOFT_HYPHEN not in marked.replace(long_word, "")  # short words, numbers and dates are left alone
    assert hyphenator("de") is hyphenator("de-DE") is not hyphenate  # one per language and region: paragraphs stay shared
    assert hyphenator("en") is None and hyphenator("ru") is None and hyphenator("ar") is None
    for address in ("tarifvertragsverhandlung@example.org", "www.tarifvertragsverhandlungen.de",
                    "https://example.org/tarifvertragsverhandlungen"):
        assert hyphenate(f"Schreibt an {address}!") == f"Schreibt an {address}!"  # typed as printed


@pytest.mark.parametrize("language", sorted(HYPHENATED))
def test_break_points_are_pyphens(language):
    """The patterns read lazily give Pyphen's points for every word tried: the campaign's words and
    random strings of the dictionary's letters (points where Pyphen would change the spelling aside)."""
    import random

    import pyphen

    path = dictionary_path(language, language.upper())
    patterns, reference = Patterns(path), pyphen.Pyphen(filename=path, left=3, right=3)
    letters = sorted({ch for line in path.read_text(encoding="latin-1").split()[1:] for ch in line if ch.isalpha()})
    rnd = random.Random(language)
    words = _source_words(GERMAN) | {"".join(rnd.choice(letters) for _ in range(rnd.randint(4, 24)))
                                     for _ in range(600)}
    for word in sorted(words):
        assert patterns.points(word, 3, 3) == [int(p) for p in reference.positions(word) if not p.data], word


def test_a_break_that_changes_the_spelling_is_left_out():
    """Hungarian breaks "asszonnyal" as "asszony-nyal" (a letter added): a soft hyphen cannot add one, so
    that point is not used, and hyphenation never changes the letters of a word."""
    patterns = Patterns(dictionary_path("hu", "HU"))
    assert patterns.points("asszonnyal", 3, 3) == []
    assert patterns.points("mennyiség", 3, 3) == [6]  # "meny-nyi-ség": only the plain point is kept
    hungarian = hyphenator("hu")
    for word in ("asszonnyalkodásról", "mennyiségekkel", "hosszúságukról", "Szakszervezetekkel"):
        assert hungarian(word).replace(SOFT_HYPHEN, "") == word
        assert SOFT_HYPHEN in hungarian(word)


def _printed_lines(data: bytes) -> list[tuple[str, float, str]]:
    """(text, size, font) of every printed line, page after page."""
    return [(line.text, line.size, line.font) for page in read_text(data) for line in page.lines]


def _break_points(word: str, hyphenate) -> set[int]:
    """Where the dictionary lets `word` break: the number of letters before each point."""
    points, letters = set(), 0
    for ch in hyphenate(word):
        if ch == SOFT_HYPHEN:
            points.add(letters)
        else:
            letters += 1
    return points


def _source_words(path: Path) -> set[str]:
    return set(re.findall(r"\w+", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("paper", "two_up"), [("A5", False), ("letter", True)])
def test_german_compounds_break_with_a_hyphen_at_a_dictionary_point(paper: str, two_up: bool):
    campaign = campaignkit.load(GERMAN)
    data = campaignkit.make_leaflet(campaign, paper=paper, two_up=two_up, today=TODAY).data
    lines = [(text, 0.0, "") for page in pdf_text(data) for text in page.splitlines()]
    words = _source_words(GERMAN)
    hyphenate = hyphenator("de")
    breaks = 0
    for (text, _, _), (following, _, _) in zip(lines, lines[1:]):
        heads, tails = re.findall(r"\w+", text), re.findall(r"\w+", following)
        if not heads or not tails:
            continue
        head, tail = heads[-1], tails[0]
        joined = head + tail
        if joined not in words or head in words and tail in words:
            continue
        assert re.search(r"\w-$", text), f"{joined} is cut without a hyphen: {text!r} / {following!r}"
        assert len(head) in _break_points(joined, hyphenate), f"{head}-/{tail} is not a break point of {joined}"
        breaks += 1
    assert breaks, "no compound was hyphenated: " + " / ".join(t for t, _, _ in lines)


def test_display_type_is_never_hyphenated():
    """The headline takes the long compound whole (a smaller size), as slogans do on placards."""
    campaign = campaignkit.load(GERMAN)
    lines = _printed_lines(campaignkit.make_leaflet(campaign, paper="A5", today=TODAY).data)
    display = [text for text, _, font in lines if "Black" in font or "Display" in font]
    assert any("Tarifvertragsverhandlungsgemeinschaft" in text for text in display), display
    assert not any(text.endswith("-") for text in display), display


def test_languages_without_hyphenation_keep_their_words_whole():
    """An English leaflet with the same too-long word prints it without any hyphen."""
    source = GERMAN.read_text(encoding="utf-8").replace('language = "de"', 'language = "en"')
    campaign = campaignkit.loads(source, name="compounds-en.toml")
    lines = _printed_lines(campaignkit.make_leaflet(campaign, paper="A5", today=TODAY).data)
    assert not any(re.search(r"\w-$", text) for text, _, _ in lines)
