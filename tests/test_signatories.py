"""Signatory lists at scale: a signatories CSV beside the campaign (checked like every campaign text),
leaflets that print the names they have room for and say how many more signed and where, and the
signatory annex, which prints every name once, in columns, in the order the campaign asks for."""

from __future__ import annotations

import csv
import re
import unicodedata
import warnings

import pytest
from click.testing import CliRunner

from campaignkit import (
    CampaignDataError,
    CampaignFileError,
    CampaignkitError,
    CampaignWarning,
    load,
    make_leaflet,
    make_pack,
    make_signatories,
)
from campaignkit.cli import main
from campaignkit.layout.paper import MM
from campaignkit.materials.signatories import sort_key

from conftest import ROOT, pdf_problems, pdf_text, squash
from layout_rules import overlap_problems, read_text, text_edge_problems, type_size_problems

CAMPAIGN = """
id = "dockers"
title = "Solidarity with the dockers"
{language}

[[statements]]
id = "st"
by = "{by}"
demands = ["{demand}"]
signatories = ["International Transport Workers' Federation"]
signatories_file = "signers.csv"
{extra}
"""
ORGS = ["Unite", "CGT", "", "ver.di", "RMT", ""]
COUNTRIES = ["UK", "France", "", "Germany"]


def people(count: int) -> list[tuple[str, str, str]]:
    """Unique names, with organisations and countries in a fixed pattern."""
    return [(f"Signer {n:05d} Mbeki-Østergård", ORGS[n % len(ORGS)], COUNTRIES[n % len(COUNTRIES)])
            for n in range(count)]


def write(tmp_path, rows, *, header=("name", "organisation", "country"), extra="", language="", by="Dockworkers",
          demand="Reinstate the stewards."):
    with open(tmp_path / "signers.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    path = tmp_path / "campaign.toml"
    path.write_text(CAMPAIGN.format(extra=extra, language=language, by=by, demand=demand), encoding="utf-8")
    return path


def text(data) -> str:
    return squash(" ".join(pdf_text(data)))


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """2,000 signers from a CSV plus one from the campaign file."""
    return load(write(tmp_path_factory.mktemp("big"), people(2000)))


# -- the CSV ------------------------------------------------------------------------------------------------

def test_the_csv_adds_its_signers_after_those_in_the_file_with_organisation_and_country(tmp_path):
    campaign = load(write(tmp_path, [("Jane Doe", "Unite", "UK"), ("", "", ""), ("John Roe", "", "Ireland")]))
    names = campaign.statements[0].signatories
    assert [n.original for n in names] == ["International Transport Workers' Federation", "Jane Doe", "John Roe"]
    assert (names[1].organisation, names[1].country) == ("Unite", "UK")
    assert (names[2].organisation, names[2].country) == ("", "Ireland")
    assert names[2].where.endswith("signers.csv:4")  # the blank row is skipped, the line is the file's


def test_only_the_name_column_is_needed_in_any_order_and_case(tmp_path):
    campaign = load(write(tmp_path, [("UK", "Jane Doe")], header=("Country", "NAME")))
    assert campaign.statements[0].signatories[1].original == "Jane Doe"
    assert campaign.statements[0].signatories[1].country == "UK"


@pytest.mark.parametrize("rows, header, message", [
    ([("Jane\x07 Doe", "", "")], None, r"signers\.csv:2: column name: contains the control or unassigned character "
                                       r"U\+0007"),
    ([("Jane", "Un\nite", "")], None, r"signers\.csv:2: column organisation: contains the control or unassigned "
                                      r"character U\+000A"),
    ([("", "Unite", "UK")], None, r"signers\.csv:2: column name: is empty"),
    ([("Jane", "", "", "extra")], None, r"signers\.csv:2: 4 values for 3 columns"),
    ([("Jane",)], ("nmae",), r"signers\.csv:1: unknown column 'nmae' \(did you mean 'name'\?\)"),
    ([("Unite",)], ("organisation",), r"signers\.csv:1: missing column name"),
])
def test_a_bad_row_or_header_names_the_file_the_line_and_the_column(tmp_path, rows, header, message):
    path = write(tmp_path, rows, header=header or ("name", "organisation", "country"))
    with pytest.raises((CampaignDataError, CampaignFileError), match=message):
        load(path)


def test_invisible_characters_are_removed_with_a_warning_naming_the_cell(tmp_path):
    with pytest.warns(CampaignWarning, match=r"signers\.csv:3: column name: removed invisible characters U\+200B"):
        campaign = load(write(tmp_path, [("Jane Doe", "", ""), ("Jo\u200bhn Roe", "", "")]))
    assert campaign.statements[0].signatories[2].original == "John Roe"


def test_a_csv_that_is_not_utf8_or_missing_is_one_clear_error(tmp_path):
    path = write(tmp_path, [("Jane", "", "")])
    (tmp_path / "signers.csv").write_bytes(b"name\nJos\xe9\n")
    with pytest.raises(CampaignFileError, match=r"signers\.csv: not UTF-8 at byte 8"):
        load(path)
    (tmp_path / "signers.csv").unlink()
    with pytest.raises(CampaignDataError, match=r"statements\[0\]\.signatories_file: no file at"):
        load(path)


def test_an_unknown_order_is_an_error_naming_the_key(tmp_path):
    path = write(tmp_path, [("Jane", "", "")], extra='signatories_order = "by surname"')
    with pytest.raises(CampaignDataError, match=r"statements\[0\]\.signatories_order: expected one of 'as given', "
                                                r"'by name', 'by organisation', got 'by surname'"):
        load(path)


def test_a_glyph_no_font_has_names_the_csv_file_and_line(tmp_path):
    campaign = load(write(tmp_path, [("Jane Doe", "", ""), ("Old Italic \U00010300", "", "")]))
    with pytest.raises(CampaignkitError, match=r"signers\.csv:3: "):
        make_signatories(campaign)


# -- the leaflet ---------------------------------------------------------------------------------------------

def test_the_leaflet_prints_the_first_names_and_how_many_more_signed(big):
    leaflet = make_leaflet(big)
    printed = text(leaflet)
    assert leaflet.pages == 1
    shown = re.findall(r"Signer (\d{5})", printed)
    assert shown == [f"{n:05d}" for n in range(len(shown))] and len(shown) >= 5
    rest = 2001 - 1 - len(shown)
    assert f"and {rest:,} more — full list: the signatory annex" in printed


def test_the_line_points_to_the_published_list_when_there_is_one(tmp_path):
    path = write(tmp_path, people(600), extra='signatories_url = "https://example.org/signed"')
    printed = text(make_leaflet(load(path), paper="A5"))
    assert re.search(r"and [\d,]+ more — full list: https://example.org/signed", printed)


@pytest.mark.parametrize("lang, pattern", [
    ("fr", r"et [\d\u00a0 ]+ autres signataires — liste complète : l’annexe des signataires"),
    ("ru", r"и ещё [\d\u00a0 ]+ подпис(ь|и|ей) — полный список: приложение со списком подписавших"),
])
def test_the_line_is_in_the_leaflets_language_with_its_plural(big, lang, pattern):
    assert re.search(pattern, text(make_leaflet(big, lang=lang)).replace("\u00a0", " "))


def test_a_list_that_fits_is_printed_whole_with_no_line(tmp_path):
    campaign = load(write(tmp_path, people(5)))
    printed = text(make_leaflet(campaign))
    assert all(f"Signer {n:05d}" in printed for n in range(5))
    assert "more — full list" not in printed


def test_a_right_to_left_leaflet_counts_the_rest_in_arabic(tmp_path):
    rows = [(f"لجنة عمال الميناء رقم {n}", "", "") for n in range(400)]
    path = write(tmp_path, rows, language='language = "ar"', by="نقابة عمال الشحن", demand="إعادة العمال المفصولين.")
    leaflet = make_leaflet(load(path))
    assert leaflet.pages == 1
    printed = unicodedata.normalize("NFKC", text(leaflet))  # pypdf reads Arabic as presentation forms
    assert "القائمة الكاملة" in printed and "ملحق الموقعين" in printed


# -- the annex -----------------------------------------------------------------------------------------------

def test_the_annex_prints_every_name_once_with_the_count(big):
    annex = make_signatories(big)
    printed = text(annex)
    assert "2,001 signatories" in printed
    assert sorted(re.findall(r"Signer (\d{5})", printed)) == [f"{n:05d}" for n in range(2000)]
    assert "International Transport Workers' Federation" in printed
    assert annex.material == "signatories" and annex.name == "dockers-signatories-en-a4.pdf"
    assert pdf_problems(annex) == []


def test_the_annex_is_readable_and_stays_on_its_pages(big):
    pages = read_text(make_signatories(big).data)
    assert len(pages) > 3
    assert text_edge_problems(pages, "A4") == []
    assert type_size_problems(pages, "signatories") == []
    assert overlap_problems(pages[:2]) == []


def test_names_are_set_in_columns_down_each_page(big):
    first = read_text(make_signatories(big).data)[1]
    lefts = sorted({round(line.glyphs[0].left / MM) for line in first.lines if line.text.startswith("Signer")})
    assert len(lefts) >= 3  # three columns on A4


def test_as_given_keeps_the_files_order_and_by_name_sorts(tmp_path):
    rows = [("Zoë Ångström", "", ""), ("adam Bell", "", ""), ("Émile Zola", "", ""), ("Ángela Ruiz", "", "")]
    given = text(make_signatories(load(write(tmp_path, rows))))
    assert [given.index(r[0]) for r in rows] == sorted(given.index(r[0]) for r in rows)
    by_name = text(make_signatories(load(write(tmp_path, rows, extra='signatories_order = "by name"'))))
    order = sorted([r[0] for r in rows] + ["International Transport Workers' Federation"], key=sort_key)
    assert order[:3] == ["adam Bell", "Ángela Ruiz", "Émile Zola"]
    assert [by_name.index(name) for name in order] == sorted(by_name.index(name) for name in order)


def test_by_organisation_groups_each_under_its_heading(tmp_path):
    rows = [("Ann", "Unite", "UK"), ("Bo", "", "Sweden"), ("Cy", "CGT", "France"), ("Di", "Unite", "")]
    printed = text(make_signatories(load(write(tmp_path, rows, extra='signatories_order = "by organisation"'))))
    assert re.search(r"International Transport Workers' Federation Bo · Sweden CGT Cy · France Unite Ann · UK Di",
                     printed), printed


def test_the_same_input_gives_the_same_bytes(big):
    assert make_signatories(big).data == make_signatories(big).data


def test_a_right_to_left_annex_runs_its_columns_from_the_right():
    campaign = load(ROOT / "examples" / "sudan-dockworkers.toml")
    annex = make_signatories(campaign, statement=campaign.statements[0].id)
    page = read_text(annex.data)[0]
    names = [line for line in page.lines if line.glyphs and line.glyphs[0].size < 9 and line.glyphs[0].top > 0]
    width = 210 * MM
    rights = {round(max(g.right for g in line.glyphs)) for line in names}
    assert max(rights) > width - 20 * MM  # flush right against the right margin
    assert text_edge_problems(read_text(annex.data), "A4") == []


def test_a_campaign_without_signatories_has_no_annex(tmp_path):
    bare = tmp_path / "bare.toml"
    bare.write_text('id = "b"\ntitle = "B"\n[[statements]]\nid = "s"\nby = "U"\ndemands = ["D"]\n', encoding="utf-8")
    with pytest.raises(CampaignkitError, match="b: no statement has signatories, so there is no annex to make"):
        make_signatories(load(bare))
    with pytest.raises(CampaignkitError, match="statement: 'smk' has no signatories"):
        make_signatories(load(), statement="smk")
    with pytest.raises(CampaignkitError, match=r"statement: no statement with id 'nope'"):
        make_signatories(load(), statement="nope")


def test_cli_signatories_writes_the_annex(tmp_path, big):
    path = write(tmp_path, people(50))
    out = tmp_path / "annex.pdf"
    result = CliRunner().invoke(main, ["signatories", str(path), "-o", str(out), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output and out.read_bytes().startswith(b"%PDF")
    bad = CliRunner().invoke(main, ["signatories", str(path), "--statement", "nope", "-o", str(out)])
    assert bad.exit_code == 1 and bad.output.count("\n") == 1


# -- the pack ------------------------------------------------------------------------------------------------

def test_the_pack_holds_the_annex_when_a_leaflet_cannot_list_everyone(tmp_path, big):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CampaignWarning)
        packed = make_pack(big, tmp_path / "pack", jobs=2)
    materials = [f.material for f in packed.files]
    assert "signatories" in materials
    short = load(write(tmp_path, people(3)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CampaignWarning)
        assert "signatories" not in [f.material for f in make_pack(short, tmp_path / "short").files]


@pytest.mark.parametrize("language, names", [
    ("hi", [f"सफाई कर्मचारी संघ शाखा {n}" for n in range(300)]),
    ("th", [f"สหภาพแรงงานท่าเรือ สาขา {n}" for n in range(300)]),
])
def test_an_annex_in_a_shaped_script_prints_every_name_in_order(tmp_path, language, names):
    pytest.importorskip("uharfbuzz")
    from printed_text import poppler_text

    path = write(tmp_path, [(name, "", "") for name in names], language=f'language = "{language}"',
                 by="श्रमिक संघ" if language == "hi" else "สหภาพแรงงาน",
                 demand="न्यूनतम वेतन" if language == "hi" else "ค่าแรงที่เป็นธรรม")
    annex = make_signatories(load(path))
    printed = poppler_text(annex.data)
    found = [int(n) for n in re.findall(r"(?:शाखा|สาขา) (\d+)", printed)]
    assert sorted(found) == list(range(300))
    assert unicodedata.normalize("NFKC", names[123]) in printed  # each name whole, its marks in logical order
    assert pdf_problems(annex) == []
    assert text_edge_problems(read_text(annex.data), "A4") == []
