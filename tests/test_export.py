"""Exports: iCalendar events that round-trip through icalendar, spreadsheet-safe CSV, JSON that loads
back to the same campaign, and OSDI-shaped events and petition."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

import icalendar
import pytest
from click.testing import CliRunner

from campaignkit import CampaignWarning, load, loads
from campaignkit.cli import main
from campaignkit.export import (
    CSV_COLUMNS,
    FIXED_STAMP,
    ExportError,
    export_campaign,
    safe_cell,
    to_csv,
    to_ics,
    to_json,
    to_osdi,
)

from conftest import MINIMAL, ROOT

EXAMPLE = ROOT / "examples" / "harbour-cleaners-strike.toml"
EVENTS = """
[[events]]
id = "all-day"
title = "Day of action"
place = "Everywhere"
date = 2026-05-01

[[events]]
id = "open-ended"
title = "Rally"
place = { en = "Market Square", ru = "Рыночная площадь" }
date = 2026-05-02
time = "12:00"

[[events]]
id = "someday"
title = "Assembly"
place = "Hall"
"""


def events_of(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]).split("/")[1].split("@")[0]: e for e in calendar.walk("VEVENT")}


def test_ics_round_trips_with_floating_times_stable_uids_and_a_fixed_stamp(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = to_ics(load(EXAMPLE))
    assert data == to_ics(load(EXAMPLE)), "the same campaign gives the same bytes"
    event = events_of(data)["main-gate"]
    assert str(event["UID"]) == "harbour-cleaners-strike/main-gate@campaignkit"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == dt.datetime(2026, 3, 9, 6, 30) and start.tzinfo is None, "a floating local time"
    assert end == dt.datetime(2026, 3, 9, 9, 0) and end.tzinfo is None
    assert event.decoded("DTSTAMP") == FIXED_STAMP
    assert str(event["SUMMARY"]) == "Picket at the hospital's main gate"
    assert event["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(event["LOCATION"]) == "Main gate, Harbour Hospital, Quay Road"
    description = str(event["DESCRIPTION"])
    assert "Called by: Harbour Health Workers' Branch" in description
    assert "Supported by: Harbour Trades Council, Patients Before Profit" in description
    assert "Contact: strike@example.org" in description
    assert str(event["URL"]) == "https://example.org/harbour-cleaners/bulletin-1"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_ics_stamp_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    event = events_of(to_ics(load(EXAMPLE)))["main-gate"]
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_ics_all_day_events_open_ended_times_and_undated_events():
    campaign = loads(MINIMAL + EVENTS, name="c.toml")
    with pytest.warns(CampaignWarning, match=r"events\[2\] \(someday\): no date"):
        data = to_ics(campaign, lang="ru")
    events = events_of(data)
    assert sorted(events) == ["all-day", "open-ended"]
    assert events["all-day"].decoded("DTSTART") == dt.date(2026, 5, 1)
    assert events["all-day"].decoded("DTEND") == dt.date(2026, 5, 2), "DTEND is exclusive: one whole day"
    assert b"DTSTART;VALUE=DATE:20260501" in data
    assert "DTEND" not in events["open-ended"], "no end time is invented"
    assert str(events["open-ended"]["LOCATION"]) == "Рыночная площадь"
    assert events["open-ended"]["LOCATION"].params["LANGUAGE"] == "ru"
    assert events["open-ended"]["SUMMARY"].params["LANGUAGE"] == "en", "untranslated text says it is the original"


def test_ics_exports_past_events_and_marks_inferred_dates_tentative():
    event = events_of(to_ics(load()))["london-picket"]
    assert event.decoded("DTSTART") == dt.date(2022, 1, 8)
    assert str(event["STATUS"]) == "TENTATIVE"
    assert "50" in str(event["DESCRIPTION"])


def test_ics_without_icalendar_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(ExportError, match=r"pip install 'campaignkit\[export\]'"):
        to_ics(load(EXAMPLE))


def test_csv_lists_demands_calls_and_signatories_with_their_languages():
    campaign = load(EXAMPLE)
    data = to_csv(campaign, lang="ru")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    statement = campaign.statements[0]
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(statement.demands) + len(statement.calls) + len(statement.signatories)
    first = rows[0]
    assert first["kind"] == "demand" and first["number"] == "1" and first["by"] == "Стачечный комитет"
    assert first["text"].startswith("Платить") and first["language"] == "ru" and first["translated"] == "yes"
    assert first["quote"] == "same job, same pay"
    second = rows[1]
    assert second["language"] == "en" and second["translated"] == "no" and second["short"] == "Sick pay from day one"
    assert [r["text"] for r in rows if r["kind"] == "signatory"] == [s.original for s in statement.signatories]


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"https://evil.example\")", "+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_never_start_a_formula(cell):
    assert safe_cell(cell) == "'" + cell
    toml = MINIMAL.replace('"First demand."', json.dumps(cell)).replace('by = "Test Union"', f"by = {json.dumps(cell)}")
    rows = list(csv.reader(io.StringIO(to_csv(loads(toml, name="c.toml")).decode("utf-8-sig"))))
    assert rows[1][1] == "'" + cell and rows[1][4] == "'" + cell
    assert safe_cell("Fair pay") == "Fair pay"


@pytest.mark.parametrize("ref", [str(EXAMPLE), "kazakhstan-2022"])
def test_json_is_a_campaign_file_that_loads_back_to_the_same_campaign(ref, tmp_path):
    campaign = load(ref)
    data = to_json(campaign)
    assert data == to_json(campaign)
    parsed = json.loads(data)
    assert "/" not in parsed.get("logo", ""), "files stay relative to the campaign file"
    folder = EXAMPLE.parent if ref == str(EXAMPLE) else tmp_path
    assert loads(data, name=str(folder / "exported.json"), fmt="json", base_dir=folder) == campaign


def test_osdi_events_and_petition():
    document = json.loads(to_osdi(load(EXAMPLE)))
    (event,) = document["_embedded"]["osdi:events"]
    assert event["identifiers"] == ["campaignkit:harbour-cleaners-strike/main-gate"]
    assert event["origin_system"] == "campaignkit" and event["name"] == "main-gate"
    assert event["title"] == "Picket at the hospital's main gate"
    assert event["start_date"] == "2026-03-09T06:30:00" and event["end_date"] == "2026-03-09T09:00:00"
    assert event["all_day"] is False and event["status"] == "confirmed" and event["type"] == "open"
    assert event["location"] == {"venue": "Main gate, Harbour Hospital, Quay Road", "language": "en"}
    assert event["summary"] == "Bring a flask: the early shift changes at seven."
    assert event["description"].startswith("<p>Bring a flask")
    (petition,) = document["_embedded"]["osdi:petitions"]
    assert petition["identifiers"] == ["campaignkit:harbour-cleaners-strike/petition"]
    assert petition["browser_url"] == "https://example.org/harbour-cleaners/petition"
    assert petition["title"] == "Back the Harbour Hospital cleaners"
    assert "<li>Full sick pay from the first day of illness.</li>" in petition["petition_text"]
    assert petition["petition_text"].startswith("<p>We, the undersigned, support these demands:</p>")


def test_osdi_escapes_campaign_text_and_marks_all_day_events():
    toml = MINIMAL.replace('"First demand."', '"<script>alert(1)</script> & more"') + EVENTS
    document = json.loads(to_osdi(loads(toml, name="c.toml")))
    (petition,) = document["_embedded"]["osdi:petitions"]
    assert "<script>" not in petition["petition_text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in petition["petition_text"]
    events = {e["name"]: e for e in document["_embedded"]["osdi:events"]}
    assert events["all-day"]["all_day"] is True and events["all-day"]["all_day_date"] == "2026-05-01"
    assert "start_date" not in events["someday"]


def test_export_campaign_writes_and_refuses_unknown_formats(tmp_path):
    target = tmp_path / "events.ics"
    data = export_campaign(load(EXAMPLE), "ics", target)
    assert target.read_bytes() == data
    with pytest.raises(ExportError, match="format: expected one of ics, csv, json, osdi, got 'pdf'"):
        export_campaign(load(EXAMPLE), "pdf")
    with pytest.raises(ExportError, match="lang: the json export holds every language"):
        export_campaign(load(EXAMPLE), "json", lang="ru")


def test_cli_export(tmp_path):
    runner = CliRunner()
    target = tmp_path / "events.ics"
    result = runner.invoke(main, ["export", str(EXAMPLE), "--format", "ics", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {target} (ics," in result.output
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    again = runner.invoke(main, ["export", str(EXAMPLE), "--format", "ics", "-o", str(target)])
    assert again.exit_code == 0, again.output  # its own calendar (PRODID) is replaced without --force
    sheet = tmp_path / "demands.csv"
    sheet.write_text("name\r\nAnn\r\n", encoding="utf-8")  # someone else's
    refused = runner.invoke(main, ["export", str(EXAMPLE), "--format", "csv", "-o", str(sheet)])
    assert refused.exit_code == 1 and refused.output.startswith("Error: ") and refused.output.count("\n") == 1
    assert runner.invoke(main, ["export", str(EXAMPLE), "--format", "csv", "-o", str(sheet), "--force"]).exit_code == 0
    again = runner.invoke(main, ["export", str(EXAMPLE), "--format", "csv", "-o", str(sheet)])
    assert again.exit_code == 0, again.output  # its own, unchanged since, is replaced without --force
    shown = runner.invoke(main, ["export", "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == "kazakhstan-2022"
    missing = runner.invoke(main, ["export", str(tmp_path / "nope.toml"), "--format", "csv"])
    assert missing.exit_code == 1 and missing.output.startswith("Error: ") and missing.output.count("\n") == 1
    assert runner.invoke(main, ["export", "--format", "pdf"]).exit_code == 2
