"""Faithfulness: every verbatim passage in the built-in campaign occurs in the seed text."""

from __future__ import annotations

import pytest

from campaignkit import load

from conftest import SEED, squash

SEED_TEXT = squash(SEED.read_text(encoding="utf-8"))
CAMPAIGN = load()


def verbatim_passages():
    for i, sentence in enumerate(CAMPAIGN.summary):
        yield f"summary[{i}] quote", sentence.quote
    for s in CAMPAIGN.statements:
        for i, d in enumerate(s.demands):
            yield f"{s.id}.demands[{i}]", d.text.original
            yield f"{s.id}.demands[{i}] quote", d.quote
        for i, c in enumerate(s.calls):
            yield f"{s.id}.calls[{i}]", c.text.original
            yield f"{s.id}.calls[{i}] quote", c.quote
        for i, name in enumerate(s.signatories):
            yield f"{s.id}.signatories[{i}]", name.original
        yield f"{s.id}.title", s.title.original
    for name, group in (("timeline", CAMPAIGN.timeline), ("facts", CAMPAIGN.facts), ("slogans", CAMPAIGN.slogans)):
        for i, item in enumerate(group):
            yield f"{name}[{i}] quote", item.quote
    for event in CAMPAIGN.events:
        for sp in event.speakers:
            yield f"{event.id} speaker", sp.quote
        for note in event.notes:
            yield f"{event.id} note", note.quote
        for org in (*event.organisers, *event.supporters):
            yield f"{event.id} organiser/supporter", org.original
    for name in CAMPAIGN.names:
        for variant in name.variants:
            yield f"name variant of {name.name}", variant


@pytest.mark.parametrize("where, passage", list(verbatim_passages()))
def test_passage_occurs_verbatim_in_the_seed(where, passage):
    assert passage, f"{where} has no quote"
    assert squash(passage) in SEED_TEXT, where


def test_every_timeline_entry_and_fact_keeps_a_quote_and_a_source():
    for entry in (*CAMPAIGN.timeline, *CAMPAIGN.facts):
        assert entry.quote and CAMPAIGN.source(entry.source)


def test_a_demand_or_call_quotes_exactly_its_own_wording():
    for s in CAMPAIGN.statements:
        for item in (*s.demands, *s.calls):
            assert item.quote == item.text.original


def test_the_summary_is_three_or_four_quoted_sentences():
    assert 3 <= len(CAMPAIGN.summary) <= 4
    for sentence in CAMPAIGN.summary:
        assert sentence.quote and sentence.short is None
        for lang in ("ru", "kk"):
            assert sentence.text.is_translated(lang)


def test_every_quoted_passage_is_long_enough_to_find_once():
    """A quote pins its passage down: at least a few words, not a stray phrase found anywhere."""
    for where, passage in verbatim_passages():
        if where.endswith("quote"):
            assert len(passage.split()) >= 3, where


def test_the_first_two_slogans_are_the_seed_headline_verbatim():
    assert [s.text.original for s in CAMPAIGN.slogans[:2]] == [
        "For a democratic and socialist Kazakhstan!",
        "Stop the intervention, release the detainees!",
    ]


def test_structured_names_use_the_correct_spelling():
    names = {n.name: n.variants for n in CAMPAIGN.names}
    assert names["Kassym-Jomart Tokayev"] == ("Kosym-Zharmat Tokayev",)
    assert names["ArcelorMittal Temirtau"] == ("ArmelorMittal Temirtau",)
    texts = " ".join(e.text.original for e in CAMPAIGN.timeline)
    assert "ArcelorMittal" in texts and "ArmelorMittal" not in texts


def test_seed_urls_appear_with_the_artefact_and_ours_without():
    for source in CAMPAIGN.sources:
        assert source.url.text in SEED_TEXT
        assert not source.url.text.endswith("=")


def test_seed_file_is_the_unchanged_copy():
    import hashlib

    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == "0e0dbb5985db753b40d573c3c0d6e3d6e73ddf0685dcf7425551b2ce4f92cec4"
