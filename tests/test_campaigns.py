"""The loader: the built-in campaign, the file format, and one test per kind of bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import campaignkit
from campaignkit import CampaignFileError, UnsafeURLError, load, loads
from campaignkit.errors import CampaignWarning

from conftest import MINIMAL, ROOT


def test_builtin_campaign_lists_and_loads():
    assert campaignkit.builtin_campaigns() == ["kazakhstan-2022"]
    campaign = load()
    assert campaign.id == "kazakhstan-2022"
    assert [s.id for s in campaign.statements] == ["rsm", "smk"]
    assert [len(s.demands) for s in campaign.statements] == [2, 5]
    assert [len(s.calls) for s in campaign.statements] == [1, 1]
    assert len(campaign.statements[0].signatories) == 5


def test_builtin_sources_have_clean_urls():
    urls = [s.url.ascii for s in load().sources]
    assert urls == [
        "https://internationalviewpoint.org/spip.php?article7469",
        "https://internationalviewpoint.org/spip.php?article7468",
        "https://anticapitalistresistance.org/london-picket-of-kazakhstan-embassy/",
    ]
    assert not any(u.endswith("=") for u in urls)


def test_builtin_event_is_the_london_picket():
    event = load().event("london-picket")
    assert event.attendance == 50
    assert [o.original for o in event.organisers] == ["AntiCapitalistResistance (ACR)"]
    assert "Ukraine Solidarity Campaign" in [s.original for s in event.supporters]
    assert "Paul Mason" in [s.name for s in event.speakers]
    assert event.date == dt.date(2022, 1, 8) and event.date_inferred
    assert any("arrested" in note.text.original for note in event.notes)


def test_text_answers_in_a_language_or_the_original():
    campaign = load()
    assert campaign.title.get("kk") == "Қазақстан халқымен ынтымақ"
    assert campaign.title.get("ru") == "Солидарность с народом Казахстана"
    assert campaign.title.get("kk-Latn") == campaign.title.original
    assert campaign.title.is_translated("ru") and not campaign.title.is_translated("kk-Latn")


def test_minimal_file_loads(write_campaign):
    campaign = load(write_campaign(MINIMAL))
    assert campaign.statements[0].demands[1].text.original == "Second demand."


def test_json_file_loads(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps({"id": "j", "title": "J", "statements": [{"id": "s", "by": "B", "demands": ["D"]}]}),
        encoding="utf-8",
    )
    assert load(path).statements[0].demands[0].text.original == "D"


def test_template_from_init_validates_and_its_picket_is_still_to_come():
    import datetime as dt

    from campaignkit.templates import template

    day = dt.date(2031, 5, 6)
    campaign = loads(template(day), name="template")
    assert campaign.events[0].time == "17:30"
    assert campaign.events[0].date == day + dt.timedelta(days=14) and not campaign.events[0].is_past(day)
    assert campaign.petition.collected_by.original == "Northgate Transport Workers"


def error_for(write_campaign, text: str, name: str = "campaign.toml") -> str:
    with pytest.raises(campaignkit.CampaignkitError) as info:
        load(write_campaign(text, name))
    return str(info.value)


def test_syntax_error_names_file_line_and_column(write_campaign):
    message = error_for(write_campaign, 'id = "x"\ntitle = "unclosed\n')
    assert "campaign.toml:2:" in message and "TOML syntax error" in message


def test_wrong_type_names_the_key_path_and_line(write_campaign):
    message = error_for(write_campaign, MINIMAL.replace('"Second demand."', "42"))
    assert "statements[0].demands[1]: expected text or a table of translations, got integer" in message
    assert "campaign.toml:13:" in message


def test_unknown_key_suggests_the_right_one(write_campaign):
    bad = MINIMAL.replace('"Second demand."', '{ txt = "Second demand." }')
    assert "statements[0].demands[1].txt: unknown key 'txt' (did you mean 'text'?)" in error_for(write_campaign, bad)


def test_unknown_top_level_key(write_campaign):
    assert "unknown key 'slogan' (did you mean 'slogans'?)" in error_for(write_campaign, 'slogan = ["x"]\n' + MINIMAL)


def test_missing_required_key(write_campaign):
    assert "title: is required but missing" in error_for(write_campaign, MINIMAL.replace('title = "Test campaign"', ""))


def test_reference_to_a_missing_source_names_both(write_campaign):
    message = error_for(write_campaign, MINIMAL.replace('source = "src"', 'source = "nope"'))
    assert "statements[0].source: no source with id 'nope' (sources: src)" in message


def test_empty_text_is_an_error(write_campaign):
    assert "statements[0].demands[0]: is empty" in error_for(write_campaign, MINIMAL.replace("First demand.", "   "))


def test_control_character_is_an_error(write_campaign):
    message = error_for(write_campaign, MINIMAL.replace("First demand.", "First\\u000bdemand."))
    assert "statements[0].demands[0]: contains the control or unassigned character U+000B" in message


def test_invisible_characters_are_stripped_with_a_warning(write_campaign):
    with pytest.warns(CampaignWarning, match="U\\+200B"):
        campaign = load(write_campaign(MINIMAL.replace("First demand.", "First\\u200b demand.")))
    assert campaign.statements[0].demands[0].text.original == "First demand."


def test_nfd_text_is_normalised_to_nfc(write_campaign):
    campaign = load(write_campaign(MINIMAL.replace("First demand.", "Cafe\\u0301 й")))
    assert campaign.statements[0].demands[0].text.original == "Café й"


def test_duplicate_ids_are_listed(write_campaign):
    twice = MINIMAL + '\n[[sources]]\nid = "src"\nurl = "https://example.org/b"\n'
    assert "sources: duplicate id 'src'" in error_for(write_campaign, twice)


def test_event_ending_before_it_starts(write_campaign):
    text = MINIMAL + '\n[[events]]\nid = "e"\ntitle = "T"\nplace = "P"\ntime = "18:00"\nend_time = "17:00"\n'
    assert "events[0].end_time: the event ends (17:00) before it starts (18:00)" in error_for(write_campaign, text)


def test_impossible_date(write_campaign):
    text = MINIMAL + '\n[[timeline]]\ndate = "2022-02-30"\ntext = "x"\n'
    assert "timeline[0].date: expected a date like 2022-01-06, got '2022-02-30'" in error_for(write_campaign, text)


def test_translation_table_needs_the_original(write_campaign):
    text = MINIMAL.replace('title = "Test campaign"', 'title = { ru = "Тест" }')
    assert "title: a table of translations needs the original in the campaign language ('en')" in error_for(
        write_campaign, text
    )


def test_unknown_language_in_translations(write_campaign):
    text = MINIMAL.replace('title = "Test campaign"', 'title = { en = "T", kz = "Т" }')
    assert "title.kz: unknown language 'kz' (did you mean 'kk'?)" in error_for(write_campaign, text)


def test_not_utf8_says_so(tmp_path):
    path = tmp_path / "cp1251.toml"
    path.write_bytes(MINIMAL.replace("Test campaign", "Тест").encode("cp1251"))
    with pytest.raises(CampaignFileError, match=r"not UTF-8 at byte \d+"):
        load(path)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (3 * 1024 * 1024))
    with pytest.raises(CampaignFileError, match="limited to 2,097,152 bytes"):
        load(path)


def test_json_duplicate_keys_are_an_error(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"id": "a", "id": "b", "title": "T"}', encoding="utf-8")
    with pytest.raises(CampaignFileError, match="duplicate key 'id'"):
        load(path)


def test_json_syntax_error_has_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "id": "a",\n  "title": \n}', encoding="utf-8")
    with pytest.raises(CampaignFileError, match=r"bad\.json:4:1: JSON syntax error"):
        load(path)


def test_missing_file_and_unknown_id():
    with pytest.raises(CampaignFileError, match="no such file, and not a built-in campaign"):
        load("no-such-campaign")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("javascript:alert(1)", "'javascript:'"),
        ("data:text/html,hi", "'data:'"),
        ("file:///etc/passwd", "'file:'"),
        ("https://campaign.org@evil.example/pay", "user-info present in the URL; the real host is evil.example"),
        ("https://192.168.1.1/x", "IP address 192.168.1.1"),
        ("https://[::1]/x", "IP address ::1"),
        ("https://localhost/x", "localhost is not a public host name"),
        ("https://аpple.com/", "xn--pple-43d.com"),
        ("", "the URL is empty"),
        ("https://example.org/\u202eevil", "U+202E"),
    ],
)
def test_unsafe_urls_are_refused_with_the_rule(write_campaign, url, expected):
    text = MINIMAL.replace("https://example.org/statement", url)
    with pytest.raises(UnsafeURLError) as info:
        load(write_campaign(text))
    assert "sources[0].url" in str(info.value) and expected in str(info.value)


def test_http_url_warns_but_loads(write_campaign):
    with pytest.warns(CampaignWarning, match="not https"):
        campaign = load(write_campaign(MINIMAL.replace("https://", "http://")))
    assert campaign.sources[0].url.insecure


def test_single_script_idn_keeps_both_forms(write_campaign):
    campaign = load(write_campaign(MINIMAL.replace("https://example.org/statement", "https://пример.рф/акция?id=1")))
    url = campaign.sources[0].url
    assert url.text == "https://пример.рф/акция?id=1"
    assert url.ascii == "https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F?id=1"
    assert url.domain == "пример.рф"


def test_example_campaign_uses_every_section():
    campaign = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
    for section in ("slogans", "sources", "statements", "events", "timeline", "facts", "names"):
        assert getattr(campaign, section), section
    assert campaign.petition_url and campaign.events[0].speakers and campaign.events[0].notes
    assert campaign.timeline[2].when and campaign.timeline[2].end and campaign.timeline[2].date_inferred
