"""Batch: a folder per CSV row with its own details, bad rows named, identical bytes for any --jobs."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from click.testing import CliRunner

from campaignkit import CampaignkitError, load
from campaignkit.batch import make_batch, read_events
from campaignkit.cli import main

from conftest import pdf_text, squash

CAMPAIGN = load()
TODAY = dt.date(2026, 2, 1)  # the day of printing: before every picket in the list
CITIES = [
    "London", "Manchester", "Glasgow", "Cardiff", "Belfast", "Berlin", "Paris", "Warsaw", "Kyiv", "Lviv",
    "Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань",
    "Алматы", "Астана", "Шымкент", "Қарағанды", "Ақтөбе", "Атырау", "Өскемен", "Жаңаөзен", "Орал", "Қызылорда",
    "Taraz", "Pavlodar", "Semey", "Kostanay", "Türkistan",
]
BAD = 7  # index of the row with an impossible date


@pytest.fixture
def pickets(tmp_path):
    path = tmp_path / "pickets.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["city", "place", "date", "time", "contact", "organisers", "lang"])
        for i, city in enumerate(CITIES):
            lang = "ru" if 10 <= i < 15 else "kk" if 15 <= i < 25 else ""
            date = "2026-02-30" if i == BAD else f"2026-03-{1 + i % 28:02d}"
            writer.writerow([city, f"Square no. {i}", date, f"{10 + i % 9}:30", f"group{i}@example.org",
                             "Local solidarity group", lang])
    return path


def test_keep_going_makes_every_good_row_and_names_the_bad_one(pickets, tmp_path):
    result = make_batch(CAMPAIGN, pickets, tmp_path / "out", keep_going=True, jobs=2, today=TODAY)
    folders = sorted(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert len(folders) == 29 and len(result.made) == 29
    assert [e.row for e in result.failed] == [BAD + 2]
    assert "column date" in result.failed[0].message and "2026-02-30" in result.failed[0].message
    index = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    assert len(index["events"]) == 29 and index["failed"][0]["row"] == BAD + 2
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    assert len(manifest["files"]) == 29 + 2 and manifest["kind"] == "batch"  # the leaflets, index.json, index.csv
    for entry in manifest["files"]:
        assert hashlib.sha256((tmp_path / "out" / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert all(name.isascii() for name in (p.name for p in folders))


def test_without_keep_going_the_bad_row_is_an_error_and_nothing_is_made(pickets, tmp_path):
    with pytest.raises(CampaignkitError, match=rf"pickets.csv:{BAD + 2}: column date: expected a date"):
        make_batch(CAMPAIGN, pickets, tmp_path / "out", today=TODAY)
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pickets.csv"]


def test_each_leaflet_carries_its_own_place_time_and_language(pickets, tmp_path):
    result = make_batch(CAMPAIGN, pickets, tmp_path / "out", keep_going=True, jobs=1, today=TODAY)
    for event, files in result.made:
        text = squash(" ".join(pdf_text((tmp_path / "out" / files[0][0]).read_bytes())))
        assert f"Square no. {CITIES.index(event.city)}" in text and event.city in text
        assert event.time in text and event.contact in text
        if event.lang == "kk":
            assert "Пикетке қосылыңыз" in text
        elif event.lang == "ru":
            assert "Приходите на пикет" in text


def test_jobs_1_and_jobs_2_give_identical_bytes(pickets, tmp_path):
    one = make_batch(CAMPAIGN, pickets, tmp_path / "one", keep_going=True, jobs=1, materials=("leaflet", "signup"), today=TODAY)
    two = make_batch(CAMPAIGN, pickets, tmp_path / "two", keep_going=True, jobs=2, materials=("leaflet", "signup"), today=TODAY)
    assert [f for _, f in one.made] == [f for _, f in two.made]
    for _, files in one.made:
        for name, _, _ in files:
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize(
    "header, row, expected",
    [
        ("city,place,date", "Leeds,,2026-03-01", "column place: is empty"),
        ("city,place,date,lang", "Leeds,Square,2026-03-01,kz", "column lang: unknown language 'kz' (did you mean 'kk'?)"),
        ("city,place,date,time", "Leeds,Square,2026-03-01,25:00", "column time: expected a time like 18:30"),
    ],
)
def test_bad_rows_name_row_and_column(tmp_path, header, row, expected):
    path = tmp_path / "e.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    events, errors = read_events(path)
    assert not events and len(errors) == 1 and f"e.csv:2: {expected}" in errors[0].message


def test_unknown_column_suggests_the_right_one(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("city,plcae,date\nLeeds,Square,2026-03-01\n", encoding="utf-8")
    with pytest.raises(CampaignkitError, match="e.csv:1: unknown column 'plcae' \\(did you mean 'place'\\?\\)"):
        read_events(path)


def test_a_row_before_the_day_of_printing_is_an_error_not_a_leaflet(pickets, tmp_path):
    result = make_batch(CAMPAIGN, pickets, tmp_path / "out", keep_going=True, jobs=1, today=dt.date(2026, 3, 5))
    past = [e for e in result.failed if "before the day of printing" in e.message]
    expected = {i + 2 for i in range(len(CITIES)) if i != BAD and 1 + i % 28 < 5}
    assert len(expected) == 6 and {e.row for e in past} == expected
    assert all(event.date >= dt.date(2026, 3, 5) for event, _ in result.made)


def test_cli_batch(pickets, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "--events", str(pickets), "-o", str(out), "-j", "2",
                                       "--today", "2026-02-01"])
    assert result.exit_code == 1 and "column date" in result.output and not out.exists()
    result = CliRunner().invoke(main, ["batch", "--events", str(pickets), "-o", str(out), "--keep-going",
                                       "--materials", "leaflet,placard", "--today", "2026-02-01"])
    assert result.exit_code == 1 and "Made 29 event folders (58 files)" in result.output
    assert "1 row failed" in result.output
