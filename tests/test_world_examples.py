"""The example campaigns written in Arabic and Bengali: they load, every text in them has an English
translation, and they localise in their own language and in English (labels, dates, the event to join)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

import campaignkit
from campaignkit.localise import localise
from campaignkit.model import Text
from campaignkit.slugs import slugify

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WORLD = {"sudan-dockworkers.toml": ("ar", "november-picket"), "kolkata-sanitation.toml": ("bn", "world-toilet-day")}
SCRIPT_LETTERS = {"ar": ("\u0600", "\u06ff"), "bn": ("\u0980", "\u09ff")}


def texts(value, path="campaign"):
    """Every Text in a campaign, with where it is."""
    if isinstance(value, Text):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from texts(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from texts(item, f"{path}[{i}]")


@pytest.fixture(params=sorted(WORLD))
def example(request):
    return request.param, campaignkit.load(EXAMPLES / request.param)


def test_the_examples_load_in_their_language(example):
    name, campaign = example
    language, _ = WORLD[name]
    assert campaign.language == language
    assert campaign.statements and campaign.events and campaign.timeline and campaign.facts and campaign.sources
    assert campaign.slogans and all(s.signatories for s in campaign.statements)
    low, high = SCRIPT_LETTERS[language]
    assert any(low <= ch <= high for ch in campaign.title.original)


def test_every_text_has_an_english_translation(example):
    _, campaign = example
    found = list(texts(campaign))
    assert len(found) > 50
    for path, text in found:
        if not any(ch.isalpha() for ch in text.original):
            continue  # a bare figure such as "42" reads the same in English
        assert text.language == campaign.language, path
        assert text.is_translated("en") and text.get("en") != text.original, f"{path} has no English"


def test_the_english_is_marked_as_a_translation(example):
    _, campaign = example
    note = campaign.translation("en")
    assert note is not None and note.translated_from == campaign.language and note.translator


def test_sources_are_example_addresses(example):
    _, campaign = example
    assert all(source.url.host == "example.org" for source in campaign.sources)


@pytest.mark.parametrize("lang", [None, "en"])
def test_the_examples_localise_with_their_upcoming_event(example, lang):
    name, campaign = example
    copy = localise(campaign, lang, today=dt.date(2026, 12, 1))
    assert copy.language == (lang or WORLD[name][0])
    assert copy.event is not None and copy.event.id == WORLD[name][1] and not copy.event.past
    assert copy.event.when and "2027" in copy.event.when.text
    if lang == "en":
        assert copy.translation_notice is not None
    assert copy.event.heading.text == copy.labels.label("join_picket").text


def test_the_examples_give_readable_file_names(example):
    _, campaign = example
    for slogan in campaign.slogans:
        slug = slugify(slogan.text.original, limit=32)
        assert slug != "item" and len(slug) >= 8, slug
