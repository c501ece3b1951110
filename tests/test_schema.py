"""The JSON Schema of the campaign format: it matches the loader's keys, accepts every shipped
campaign, rejects the bad inputs the loader rejects, and the format documentation is generated from it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import string
import tomllib

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from campaignkit import CampaignkitError, loads
from campaignkit.cli import main
from campaignkit.export import to_json
from campaignkit.loader import load
from campaignkit.loader.campaign import KEYS
from campaignkit.loader.reader import close_matches
from campaignkit.schema import ITEM_TYPOS, SLOGAN_TYPOS, TABLE_DEFS, campaign_schema, reference_markdown, tag_pattern
from campaignkit.tags import LanguageTagError, parse_language

from conftest import MINIMAL, ROOT

SCHEMA = campaign_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
DOC = ROOT / "docs" / "campaign-format.md"
BEGIN, END = "<!-- reference: generated from campaignkit/schema.py", "<!-- end of reference -->"


def as_json(value):
    """A parsed TOML value as editors see it: dates and times become ISO strings (as Taplo does)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    return value


def errors(toml_text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(as_json(tomllib.loads(toml_text)))]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("table", sorted(KEYS))
def test_every_table_has_exactly_the_loaders_keys_and_no_others(table):
    required, optional = KEYS[table]
    definition = SCHEMA if table == "campaign" else SCHEMA["$defs"][TABLE_DEFS[table]]
    assert list(definition["properties"]) == [*required, *optional]
    assert definition.get("required", []) == list(required)
    assert definition["additionalProperties"] is False
    for key, spec in definition["properties"].items():
        assert spec["description"].strip(), f"{table}.{key} has no description"


SHIPPED = sorted((ROOT / "examples").glob("*.toml")) + sorted((ROOT / "campaignkit" / "data").glob("*.toml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_example_and_built_in_campaign_passes_and_so_does_its_json_export(path):
    assert errors(path.read_text(encoding="utf-8")) == []
    exported = json.loads(to_json(load(path)))
    assert [e.message for e in VALIDATOR.iter_errors(exported)] == []


def test_a_json_file_may_name_its_schema_and_the_loader_ignores_it(tmp_path):
    data = json.loads(to_json(load()))
    named = {"$schema": "./campaign.schema.json", **data}
    assert [e.message for e in VALIDATOR.iter_errors(named)] == []
    path = tmp_path / "campaign.json"
    path.write_text(json.dumps(named), encoding="utf-8")
    assert load(path) == load()
    named["$schema"] = 3
    assert [e.message for e in VALIDATOR.iter_errors(named)] == ["3 is not of type 'string'"]
    with pytest.raises(CampaignkitError, match=r"^x.json: \$schema: expected the schema's address or path as text, got 3$"):
        loads(json.dumps(named), name="x.json", fmt="json")


def test_the_init_template_passes():
    from campaignkit.templates import template

    assert errors(template(dt.date(2026, 3, 1)).decode("utf-8")) == []


BAD = {
    "typo key txt in a demand": ('"Second demand."', '{ txt = "Second demand." }'),
    "typo key txt beside text": ('"Second demand."', '{ text = "Second demand.", qoute = "x" }'),
    "a number where text is expected": ('"Second demand."', "42"),
    "a table where text is expected": ('by = "Test Union"', "by = { name = \"Test Union\" }"),
    "an impossible date": ('by = "Test Union"', 'by = "Test Union"\ndate = "2026-02-30"'),
    "a month that does not exist": ('by = "Test Union"', 'by = "Test Union"\ndate = "2026-13-01"'),
    "a date with a time": ('by = "Test Union"', 'by = "Test Union"\ndate = 2026-03-01T10:00:00'),
    "an unknown top-level key": ('title = "Test campaign"', 'title = "Test campaign"\ntitel = "x"'),
    "a missing required key": ('by = "Test Union"\n', ""),
    "an id with capitals": ('id = "st"', 'id = "Statement"'),
    "a colour that is no colour": ('title = "Test campaign"', 'title = "Test campaign"\ncolour = "red"'),
    "a country code for a language": ('title = "Test campaign"', 'title = "Test campaign"\nlanguage = "kz"'),
    "a javascript: URL": ('url = "https://example.org/statement"', 'url = "javascript:alert(1)"'),
    "user-info in a URL": ('url = "https://example.org/statement"', 'url = "https://campaign.org@evil.example/"'),
    "a control character": ('"First demand."', '"First\\u000bdemand."'),
    "blank text": ('"First demand."', '"   "'),
    "petition_url and petition together": (
        'title = "Test campaign"',
        'title = "Test campaign"\npetition_url = "https://example.org/p"\npetition = { contact = "x" }'),
    "a statement with neither demands nor calls": ('demands = ["First demand.", "Second demand."]', "demands = []"),
}
EVENT = '\n[[events]]\nid = "ev"\ntitle = "Picket"\nplace = "Square"\n'
BAD_EVENTS = {
    "an unknown status": 'status = "cancelled"',
    "a negative attendance": "attendance = -1",
    "an end time without a start time": 'end_time = "19:00"',
    "a time that is no time": 'time = "25:00"',
    "a speaker with neither name nor affiliation": '[[events.speakers]]\nrole = "chair"',
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_schema_rejects_what_the_loader_rejects(case):
    old, new = BAD[case]
    assert old in MINIMAL
    text = MINIMAL.replace(old, new, 1)
    assert errors(text), case
    with pytest.raises(CampaignkitError):
        loads(text, name="bad.toml")


@pytest.mark.parametrize("case", sorted(BAD_EVENTS))
def test_the_schema_rejects_bad_events_the_loader_rejects(case):
    text = MINIMAL + EVENT + BAD_EVENTS[case] + "\n"
    assert errors(MINIMAL + EVENT) == []
    assert errors(text), case
    with pytest.raises(CampaignkitError):
        loads(text, name="bad.toml")


def test_a_typo_names_the_key_for_editors():
    messages = errors(MINIMAL.replace('title = "Test campaign"', 'title = "Test campaign"\ntitel = "x"'))
    assert any("'titel'" in m for m in messages)


def test_translations_keyed_by_any_well_formed_tag_pass():
    text = MINIMAL.replace('"First demand."', '{ en = "First demand.", sw = "Dai la kwanza.", pt-BR = "x", '
                                              'zh-Hans = "第一", sr-Latn = "Prvi" }')
    assert errors(text) == []
    loads(text, name="ok.toml")


@pytest.mark.parametrize("tag", [
    "en", "EN", "ru", "kk", "kk-Latn", "kk_latn", "zh-Hans", "zh-hant-TW", "pt-BR", "es-419", "sr-Latn", "ckb",
    "de-CH-1996", "en-US-x-twain", "en-a-bbb-x-a-ccc", "yue", "zh-yue", "kz", "ua", "e", "english", "en-", "x-private",
    "i-klingon", "qq", "en-12", "en-Latn-US-", "123",
])
def test_the_tag_pattern_accepts_exactly_what_the_loader_accepts(tag):
    import re

    try:
        parse_language(tag)
        accepted = True
    except LanguageTagError:
        accepted = False
    assert bool(re.search(tag_pattern(), tag)) == accepted, tag


def test_the_typo_lists_are_the_tags_the_loader_reads_as_misspelt_keys():
    def typos(keys):
        found = []
        for n in (2, 3):
            for letters in itertools.product(string.ascii_lowercase, repeat=n):
                word = "".join(letters)
                try:
                    parse_language(word)
                except LanguageTagError:
                    continue
                if close_matches(word, keys):
                    found.append(word)
        return tuple(sorted(found))

    assert typos(("text", "short", "quote")) == tuple(sorted(ITEM_TYPOS))
    assert typos(("text", "quote")) == tuple(sorted(SLOGAN_TYPOS))


def generated_part(doc: str) -> tuple[int, int]:
    start = doc.index("\n", doc.index(BEGIN)) + 1
    return start, doc.index(END)


def test_the_format_documentation_holds_the_generated_reference():
    doc = DOC.read_text(encoding="utf-8")
    expected = "\n" + reference_markdown() + "\n"
    start, end = generated_part(doc)
    if os.environ.get("CAMPAIGNKIT_UPDATE_DOCS") and doc[start:end] != expected:
        DOC.write_text(doc[:start] + expected + doc[end:], encoding="utf-8")
        doc = DOC.read_text(encoding="utf-8")
        start, end = generated_part(doc)
    assert doc[start:end] == expected, (
        "docs/campaign-format.md is out of date: run CAMPAIGNKIT_UPDATE_DOCS=1 pytest tests/test_schema.py")
    for table, (required, optional) in KEYS.items():
        for key in (*required, *optional):
            assert f"| `{key}` |" in doc, f"{table}.{key} is not documented"


def test_the_documentation_shows_the_schema_line_editors_read():
    assert "#:schema ./campaign.schema.json" in DOC.read_text(encoding="utf-8")


def test_cli_schema_writes_the_schema_and_keeps_a_users_file(tmp_path):
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == SCHEMA
    target = tmp_path / "campaign.schema.json"
    result = CliRunner().invoke(main, ["schema", "-o", str(target)])
    assert result.exit_code == 0 and json.loads(target.read_text(encoding="utf-8")) == SCHEMA
    again = CliRunner().invoke(main, ["schema", "-o", str(target)])  # its own schema ($comment) is replaced
    assert again.exit_code == 0, again.output
    theirs = b'{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}'
    target.write_bytes(theirs)
    refused = CliRunner().invoke(main, ["schema", "-o", str(target)])
    assert refused.exit_code == 1 and refused.output.startswith("Error: ") and refused.output.count("\n") == 1
    assert target.read_bytes() == theirs
    assert CliRunner().invoke(main, ["schema", "-o", str(target), "--force"]).exit_code == 0
