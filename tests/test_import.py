"""Importing signatories from a petition platform's CSV: names merged into one statement with the
file's comments and layout kept, repeats skipped, every cell checked, nothing written on an error."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from campaignkit import CampaignDataError, CampaignFileError, CampaignWarning, OutputError, load
from campaignkit.cli import main
from campaignkit.export import to_json
from campaignkit.importer import import_signatories

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "harbour-cleaners-strike.toml"
ACTION_NETWORK = (
    "first_name,last_name,email,zip_code,can2_phone\n"
    "Ada,Lovelace,ada@example.org,N1 1AA,\n"
    "Grace,Hopper,grace@example.org,,\n"
    "ada, LOVELACE ,again@example.org,,\n"
    ",,anonymous@example.org,,\n"
    "Harbour,Trades Council,x@example.org,,\n"
)


@pytest.fixture
def campaign_file(tmp_path):
    """A copy of the example (with its logo) to edit."""
    shutil.copy(EXAMPLE.parent / "harbour-logo.png", tmp_path)
    target = tmp_path / "campaign.toml"
    shutil.copy(EXAMPLE, target)
    return target


def write_csv(tmp_path, text: str, name: str = "signers.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_action_network_export_is_merged_keeping_comments_and_layout(campaign_file, tmp_path):
    before = campaign_file.read_text(encoding="utf-8")
    with pytest.warns(CampaignWarning, match=r"signers.csv: 1 row without a name skipped \(line 5\)"):
        result = import_signatories(write_csv(tmp_path, ACTION_NETWORK), campaign_file, "strike-committee")
    assert result.added == ("Ada Lovelace", "Grace Hopper")
    assert result.already == ("ada LOVELACE", "Harbour Trades Council")
    assert result.unnamed == (5,)
    after = campaign_file.read_text(encoding="utf-8")
    assert after == result.data.decode("utf-8")
    kept = [line for line in before.splitlines() if not line.startswith("signatories = ")]
    remaining = iter(after.splitlines())
    assert all(any(line == other for other in remaining) for line in kept), "every other line kept, in order"
    assert "# A made-up campaign" in after and "example.org" in after
    assert "ada@example.org" not in after and "N1 1AA" not in after, "only names are copied"
    statement = load(campaign_file).statement("strike-committee")
    assert [s.original for s in statement.signatories] == [
        "Harbour Health Workers' Branch", "Harbour Trades Council", "Patients Before Profit", "Ada Lovelace",
        "Grace Hopper"]


def test_a_second_import_adds_nothing_and_leaves_the_file_alone(campaign_file, tmp_path):
    signers = write_csv(tmp_path, "name\nAda Lovelace\n")
    import_signatories(signers, campaign_file, "strike-committee")
    once = campaign_file.read_bytes()
    again = import_signatories(signers, campaign_file, "strike-committee")
    assert again.added == () and again.already == ("Ada Lovelace",)
    assert campaign_file.read_bytes() == once


def test_names_with_organisations_a_mapped_column_and_semicolons(campaign_file, tmp_path):
    signers = write_csv(tmp_path, "Full Name;Organization;Email\nDana Okafor;Harbour Trades Council;d@x\n;Unison;\n")
    result = import_signatories(signers, campaign_file, "strike-committee", columns={"name": "full name"})
    assert result.added == ("Dana Okafor (Harbour Trades Council)", "Unison")


def test_a_statement_without_signatories_gets_a_list(tmp_path):
    campaign = tmp_path / "c.toml"
    campaign.write_text('id = "c"\ntitle = "C"\n\n[[statements]]\nid = "st"  # ours\nby = "Union"\n'
                        'demands = ["Fair pay."]\n', encoding="utf-8")
    import_signatories(write_csv(tmp_path, "name\nA\nB\n"), campaign, "st")
    text = campaign.read_text(encoding="utf-8")
    assert 'id = "st"  # ours' in text and 'signatories = ["A", "B"]' in text
    assert [s.original for s in load(campaign).statements[0].signatories] == ["A", "B"]


def test_windows_line_ends_stay_windows_line_ends(tmp_path):
    campaign = tmp_path / "c.toml"
    campaign.write_bytes(b'id = "c"\r\ntitle = "C"\r\n\r\n[[statements]]\r\nid = "st"\r\nby = "U"\r\n'
                         b'demands = ["D"]\r\nsignatories = ["X"]\r\n')
    import_signatories(write_csv(tmp_path, "name\n" + "\n".join(f"Branch number {n}" for n in range(8))), campaign, "st")
    data = campaign.read_bytes()
    assert b'signatories = [\r\n    "X",\r\n' in data and data.count(b"\n") == data.count(b"\r\n")
    assert len(load(campaign).statements[0].signatories) == 9


def test_json_campaign_files_are_merged_too(tmp_path):
    campaign = tmp_path / "c.json"
    campaign.write_bytes(to_json(load()))
    result = import_signatories(write_csv(tmp_path, "name\nHarbour Trades Council\n"), campaign, "smk")
    assert result.added == ("Harbour Trades Council",)
    assert json.loads(campaign.read_text(encoding="utf-8"))["statements"][1]["signatories"][-1] == result.added[0]


def test_a_bad_cell_names_row_and_column_and_nothing_is_written(campaign_file, tmp_path):
    before = campaign_file.read_bytes()
    signers = write_csv(tmp_path, "first_name,last_name\nAda,Lovelace\nGr\x0bace,Hopper\n")
    with pytest.raises(CampaignDataError, match=r"signers.csv:3: column first_name: contains the control or "
                                                 r"unassigned character U\+000B"):
        import_signatories(signers, campaign_file, "strike-committee")
    assert campaign_file.read_bytes() == before


@pytest.mark.parametrize("csv_text, statement, expected", [
    ("name\nA\n", "nope", r"no statement with id 'nope' \(statements: strike-committee\)"),
    ("email,zip\na@b,1\n", "strike-committee", r"signers.csv:1: no column of names; .*--column name=HEADER"),
    ("", "strike-committee", "the file is empty"),
    ("name\nA,B\n", "strike-committee", r"signers.csv:2: 2 values for 1 columns"),
])
def test_bad_input_is_one_error_and_the_file_is_untouched(campaign_file, tmp_path, csv_text, statement, expected):
    before = campaign_file.read_bytes()
    with pytest.raises((CampaignDataError, CampaignFileError), match=expected):
        import_signatories(write_csv(tmp_path, csv_text), campaign_file, statement)
    assert campaign_file.read_bytes() == before


def test_a_csv_that_is_not_utf8_is_refused(campaign_file, tmp_path):
    signers = tmp_path / "signers.csv"
    signers.write_bytes("name\nАлия\n".encode("cp1251"))
    with pytest.raises(CampaignFileError, match="not UTF-8 at byte 5"):
        import_signatories(signers, campaign_file, "strike-committee")


def test_a_failed_write_leaves_the_original(campaign_file, tmp_path, monkeypatch):
    before = campaign_file.read_bytes()

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left on device"):
        import_signatories(write_csv(tmp_path, "name\nA\n"), campaign_file, "strike-committee")
    assert campaign_file.read_bytes() == before
    assert sorted(p.name for p in campaign_file.parent.iterdir()) == ["campaign.toml", "harbour-logo.png", "signers.csv"]


def test_a_dry_run_changes_nothing(campaign_file, tmp_path):
    before = campaign_file.read_bytes()
    result = import_signatories(write_csv(tmp_path, "name\nA\n"), campaign_file, "strike-committee", dry_run=True)
    assert result.added == ("A",) and b'"A"' in result.data
    assert campaign_file.read_bytes() == before


def test_cli_import(campaign_file, tmp_path):
    signers = write_csv(tmp_path, "Full Name\nAda Lovelace\nHarbour Trades Council\n")
    args = ["import", str(signers), "--into", str(campaign_file), "--statement", "strike-committee"]
    result = CliRunner().invoke(main, [*args, "--column", "name=Full Name"])
    assert result.exit_code == 0, result.output
    assert result.output == (f"Added 1 signatory to statement 'strike-committee' in {campaign_file} "
                             "(1 already there)\n")
    bad = CliRunner().invoke(main, [*args[:-1], "nope"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: ") and bad.output.count("\n") == 1
    assert CliRunner().invoke(main, [*args, "--column", "email"]).exit_code == 2
