"""Property tests: arbitrary text (Latin, Cyrillic, Kazakh, markup characters, quotes, control
characters, emoji, very long words and paragraphs) in every text field gives either a strictly
valid PDF that prints every field, whitespace aside, with no character off the page, or a
campaignkit error naming the field. Loader fuzzing: any structure gives a Campaign or a
campaignkit error, never another exception.

Examples per run: about 1,200 by default; HYPOTHESIS_PROFILE=long runs ten times as many.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from campaignkit import CampaignkitError, loads, make_factsheet, make_leaflet, make_placard, make_signup, make_social

from conftest import char_geometry, pdf_problems, pdf_text

# Arbitrary text often contains invisible characters or repeats, which load with a warning by design.
pytestmark = pytest.mark.filterwarnings("ignore::campaignkit.errors.CampaignWarning")

TODAY = dt.date(2026, 3, 1)  # before the event in the generated campaigns, so it is advertised
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 1


def examples(n: int):
    return settings(max_examples=n * SCALE, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі" + "ÄäĞğÑñÖöŪūÜüŞşİı"
PUNCTUATION = ".,;:!?-–—«»„“”'\"()№%₸/"
word = st.text(alphabet=LATIN + CYRILLIC + KAZAKH + PUNCTUATION, min_size=1, max_size=14)
markup = st.sampled_from(["<", ">", "&", "<b>", "</b>", "&amp;", "&nbsp;", "<font size=300>", "<img src='/etc/passwd'/>",
                          "'", '"', "x<y", "AT&T", "<para>", "]]>"])
token = st.one_of(word, word, word, word, markup, st.text(alphabet=LATIN + CYRILLIC, min_size=40, max_size=90))
slogan_text = st.lists(st.one_of(word, word, word, markup), min_size=1, max_size=8).map(" ".join)  # placard-sized
TROUBLE = ["\u000b", "\u0000", "\u0007", "✊", "😀", "中文", "\u202e", "\u200b"]  # control, emoji, CJK, invisible
text = st.lists(token, min_size=1, max_size=12).map(" ".join)
paragraph = st.lists(token, min_size=1, max_size=120).map(" ".join)
FIELD = re.compile(r"(title|summary|slogans|statements|events|timeline|facts|sources|--slogan|label)")


def campaign_json(values: dict) -> str:
    data = {
        "id": "prop",
        "title": values["title"],
        "summary": values["summary"],
        "slogans": [values["slogan"]],
        "sources": [{"id": "s", "title": values["source_title"], "url": "https://example.org/source"}],
        "statements": [{
            "id": "st", "by": values["by"], "source": "s",
            "demands": [values["demand0"], {"text": values["demand1"], "short": values["short"]}],
            "calls": [values["call"]],
            "signatories": [values["signatory0"], values["signatory1"]],
        }],
        "events": [{
            "id": "e", "title": values["event_title"], "place": values["place"], "date": "2026-03-12",
            "time": "18:00", "organisers": [values["organiser"]], "supporters": [values["supporter"]],
            "contact": values["contact"],
        }],
        "timeline": [{"date": "2026-03-01", "text": values["entry"], "places": [values["entry_place"]],
                      "when": values["when"], "source": "s"}],
        "facts": [{"text": values["fact"], "figure": values["figure"], "source": "s"}],
    }
    return json.dumps(data, ensure_ascii=False)


clean_fields = st.fixed_dictionaries({
    "title": text, "summary": paragraph, "slogan": slogan_text, "source_title": text, "by": text,
    "demand0": paragraph, "demand1": text, "short": text, "call": paragraph, "signatory0": text,
    "signatory1": text, "event_title": text, "place": text, "organiser": text, "supporter": text,
    "contact": text, "entry": paragraph, "entry_place": text, "when": text, "fact": text, "figure": word,
})


@st.composite
def fields(draw):
    """Clean text everywhere, and in about a third of the examples one troublemaker in one field."""
    values = draw(clean_fields)
    if draw(st.integers(0, 2)) == 0:
        key = draw(st.sampled_from(sorted(values)))
        value = values[key]
        at = draw(st.integers(0, len(value)))
        values[key] = value[:at] + draw(st.sampled_from(TROUBLE)) + value[at:]
    return values


def load_or_error(values):
    """The campaign, or None after checking that the loader's error names a field."""
    try:
        return loads(campaign_json(values), name="prop.json", fmt="json")
    except CampaignkitError as exc:
        assert FIELD.search(str(exc)), str(exc)
        event("loader error")
        return None


def squeeze(value: str) -> str:
    return "".join(value.split())


def without_footers(pages: list[str]) -> list[str]:
    """Page text without a last line like "... · Fact sheet · page 2", so text running on across a
    page break reads as one."""
    return [re.sub(r"\n[^\n]*· page \d+\s*$", "\n", page) for page in pages]


def check_pdf(data: bytes, expected: list[str]) -> None:
    assert pdf_problems(data) == []
    printed = squeeze(" ".join(without_footers(pdf_text(data))))
    for value in expected:
        assert squeeze(value) in printed, value
    for width, height, chars in char_geometry(data):
        for ch, left, bottom, right, top, size in chars:
            assert -0.5 <= left and right <= width + 0.5 and -0.5 <= bottom and top <= height + 0.5, ch


def generate(make, campaign):
    """The material's bytes, or None after checking that the error names a field."""
    try:
        data = make(campaign).data
    except CampaignkitError as exc:
        assert FIELD.search(str(exc)), str(exc)
        event(f"{type(exc).__name__} naming its field")
        return None
    event("printed")
    return data


@examples(250)
@given(fields())
def test_leaflet_prints_every_field_or_names_the_bad_one(values):
    campaign = load_or_error(values)
    if campaign is None:
        return
    data = generate(lambda c: make_leaflet(c, paper="A5", today=TODAY), campaign)
    if data is None:
        return
    st_, ev = campaign.statements[0], campaign.events[0]
    names = [s.original for s in st_.signatories]
    printed = squeeze(" ".join(without_footers(pdf_text(data))))
    shown = next((k for k in range(len(names)) if squeeze(names[k]) not in printed), len(names))
    if shown < len(names):  # the names that fit, then how many more signed and where they are all listed
        assert shown >= 1 and squeeze(f"and {len(names) - shown} more — full list: the signatory annex") in printed
    check_pdf(data, [campaign.title.original, campaign.summary[0].text.original, st_.by.original,
                     *(d.text.original for d in st_.demands), st_.calls[0].text.original,
                     *names[:shown], ev.title.original, ev.place.original,
                     ev.organisers[0].original, ev.supporters[0].original, ev.contact])


@examples(150)
@given(fields())
def test_placard_prints_the_slogan_or_names_it(values):
    campaign = load_or_error(values)
    if campaign is None:
        return
    data = generate(lambda c: make_placard(c, size="A4"), campaign)
    if data is not None:
        check_pdf(data, [campaign.slogans[0].text.original])


@examples(150)
@given(fields())
def test_factsheet_prints_every_field_or_names_the_bad_one(values):
    campaign = load_or_error(values)
    if campaign is None:
        return
    data = generate(make_factsheet, campaign)
    if data is None:
        return
    entry, fact = campaign.timeline[0], campaign.facts[0]
    check_pdf(data, [campaign.title.original, entry.text.original, entry.places[0].original, entry.when.original,
                     fact.text.original, fact.figure.original, campaign.sources[0].title.original,
                     campaign.statements[0].demands[1].short.original])


@examples(100)
@given(fields())
def test_signup_prints_the_demands_or_names_the_bad_one(values):
    campaign = load_or_error(values)
    if campaign is None:
        return
    data = generate(lambda c: make_signup(c, today=TODAY), campaign)
    if data is not None:
        st_ = campaign.statements[0]
        check_pdf(data, [campaign.title.original, st_.by.original, st_.demands[0].text.original,
                         st_.demands[1].short.original])


@examples(60)
@given(fields())
def test_social_cards_keep_the_slogan_inside_or_name_it(values):
    campaign = load_or_error(values)
    if campaign is None:
        return
    try:
        cards = make_social(campaign)
    except CampaignkitError as exc:
        assert FIELD.search(str(exc)) or "hashtag" in str(exc), str(exc)
        event(f"{type(exc).__name__} naming its field")
        return
    event("printed")
    for card in cards:
        image = Image.open(io.BytesIO(card.data)).convert("L")
        assert image.size == card.page_size
        left, top, right, bottom = image.point(lambda v: 255 if v > 200 else 0).getbbox()
        assert 45 <= left and right <= image.width - 45 and 45 <= top and bottom <= image.height - 45, card.name


KEYS = ["id", "title", "summary", "slogans", "sources", "statements", "events", "timeline", "facts", "names", "url",
        "by", "demands", "calls", "signatories", "text", "short", "quote", "date", "time", "end_time", "place",
        "language", "en", "ru", "kk", "colour", "logo", "txt", "petition_url", "attendance", "speakers"]
scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True), text,
                   st.sampled_from(["2022-01-06", "https://example.org/x", "javascript:x", "kk", "#B0151F", "18:30"]))
structure = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
                         max_leaves=30)


@examples(300)
@given(st.dictionaries(st.sampled_from(KEYS), structure, max_size=8))
def test_any_json_structure_gives_a_campaign_or_a_campaignkit_error(data):
    try:
        loads(json.dumps(data, ensure_ascii=False), name="fuzz.json", fmt="json")
    except CampaignkitError:
        pass


@examples(200)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_any_toml_text_gives_a_campaign_or_a_campaignkit_error(raw):
    for candidate in (raw, 'id = "x"\ntitle = "T"\n' + raw):
        try:
            loads(candidate, name="fuzz.toml")
        except CampaignkitError:
            pass


@examples(100)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_campaign_or_a_campaignkit_error(raw):
    try:
        loads(raw, name="fuzz.toml")
    except CampaignkitError:
        pass
