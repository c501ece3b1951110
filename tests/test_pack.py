"""The pack: every material, valid PDFs whose QR codes match their pages, a truthful manifest,
identical bytes on a second run, and no half-made pack on failure."""

from __future__ import annotations

import hashlib
import json
import warnings

import pytest
from click.testing import CliRunner
from PIL import Image

from campaignkit import CampaignkitError, CampaignWarning, OutputError, load, make_pack
from campaignkit.cli import main
from campaignkit.verify import verify_pdf

from conftest import font_problems, pdf_problems

CAMPAIGN = load()


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack") / "out"
    make_pack(CAMPAIGN, folder)
    return folder


def manifest(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_the_pack_holds_every_material(pack):
    kinds = [f["material"] for f in manifest(pack)["files"]]
    assert kinds.count("leaflet") == 1 and kinds.count("leaflet-two-up") == 1
    assert kinds.count("placard") == len(CAMPAIGN.slogans)
    assert "placard-tiled" in kinds and "factsheet" in kinds and "signup" in kinds
    assert kinds.count("card") == 2 * len(CAMPAIGN.slogans) and "contact-sheet" in kinds
    assert manifest(pack)["kind"] == "pack"
    for entry in manifest(pack)["files"]:
        assert (pack / entry["name"]).is_file()
        assert all(c.isascii() and (c.isalnum() or c in "-./") for c in entry["name"])


def test_manifest_hashes_sizes_and_versions_match(pack):
    data = manifest(pack)
    assert data["campaign"]["id"] == "kazakhstan-2022" and data["campaign"]["version"] == CAMPAIGN.version
    assert data["campaignkit"] and data["libraries"]["reportlab"]
    for entry in data["files"]:
        content = (pack / entry["name"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"] and len(content) == entry["bytes"]
    on_disk = {str(p.relative_to(pack)) for p in pack.rglob("*") if p.is_file()} - {"manifest.json"}
    assert on_disk == {e["name"] for e in data["files"]}


def test_the_manifest_names_the_installed_library_versions(pack):
    from importlib.metadata import version

    assert manifest(pack)["libraries"] == {name: version(name) for name in ("reportlab", "pillow", "qrcode",
                                                                             "pypdfium2")}


def test_cards_shown_from_their_drawn_images_look_as_their_decoded_pngs():
    from dataclasses import replace

    from campaignkit.pack import THUMB_HEIGHT, _cards
    from campaignkit.preview import contact_sheet

    cards = _cards(CAMPAIGN, "ru")
    assert all(isinstance(card.details[0], Image.Image) for card in cards)
    decoded = [(card.name, replace(card, details=())) for card in cards]
    assert contact_sheet([(card.name, card) for card in cards], thumb_height=THUMB_HEIGHT) == contact_sheet(
        decoded, thumb_height=THUMB_HEIGHT)


def test_every_pdf_is_valid_embeds_its_fonts_and_passes_verify(pack):
    pdfs = sorted(pack.glob("*.pdf"))
    assert len(pdfs) >= 9
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert pdf_problems(data) == [], pdf.name
        assert font_problems(data) == [], pdf.name
        report = verify_pdf(data, dpi=150, name=pdf.name)
        assert report.ok, (pdf.name, report)
    codes = sum(len(verify_pdf(p.read_bytes(), dpi=150).codes) for p in pdfs)
    assert codes >= 7  # leaflets (2 + 2 x 2 two-up), fact sheet (3)


def test_contact_sheet_shows_every_page(pack):
    sheet = Image.open(pack / "kazakhstan-2022-contact-sheet.png")
    pages = sum(e.get("pages", 1) for e in manifest(pack)["files"] if e["material"] != "contact-sheet")
    assert sheet.width > 1000 and sheet.height > 160 * (pages // 9)


def test_two_packs_are_identical(pack, tmp_path):
    again = tmp_path / "again"
    make_pack(CAMPAIGN, again)
    assert [(e["name"], e["sha256"]) for e in manifest(again)["files"]] == [
        (e["name"], e["sha256"]) for e in manifest(pack)["files"]
    ]


def test_a_second_run_replaces_an_earlier_pack(tmp_path):
    folder = tmp_path / "p"
    make_pack(CAMPAIGN, folder, lang="ru")
    make_pack(CAMPAIGN, folder, lang="kk")
    assert manifest(folder)["language"] == "kk"
    assert [p.name for p in tmp_path.iterdir()] == ["p"]


def test_refuses_a_folder_that_is_not_a_pack(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"holds files campaignkit did not make \(notes.txt\)"):
        make_pack(CAMPAIGN, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_user_files_in_an_earlier_pack_are_refused_or_kept_with_force(tmp_path):
    folder = tmp_path / "p"
    make_pack(CAMPAIGN, folder, sheets=1)
    (folder / "NOTES.txt").write_text("who prints what", encoding="utf-8")
    (folder / "photos").mkdir()
    (folder / "photos" / "picket.jpg").write_bytes(b"\xff\xd8 not really")
    with pytest.raises(OutputError, match=r"holds files campaignkit did not make \(NOTES.txt, photos\)"):
        make_pack(CAMPAIGN, folder, lang="ru")
    make_pack(CAMPAIGN, folder, lang="ru", force=True)
    assert manifest(folder)["language"] == "ru"
    assert (folder / "NOTES.txt").read_text(encoding="utf-8") == "who prints what"
    assert (folder / "photos" / "picket.jpg").read_bytes() == b"\xff\xd8 not really"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failure_halfway_leaves_nothing(tmp_path, jobs):
    from campaignkit import loads

    bad = loads('id = "b"\ntitle = "T"\nslogans = ["Fine", "Bad ✊"]\n[[statements]]\nid = "s"\nby = "B"\ndemands = ["D"]\n',
                name="b.toml")
    with pytest.raises(CampaignkitError, match="no bundled font has a glyph for '✊'"):  # the worker's error, as it was raised
        make_pack(bad, tmp_path / "pack", jobs=jobs)
    assert list(tmp_path.iterdir()) == []


def test_a_pack_in_two_processes_is_the_same_as_in_one(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CampaignWarning)
        one = make_pack(CAMPAIGN, tmp_path / "one", sheets=2, jobs=1)
    with pytest.warns(CampaignWarning, match="petition.collected_by"):  # a worker's warning reaches the caller
        two = make_pack(CAMPAIGN, tmp_path / "two", sheets=2, jobs=2)
    assert [(f.name, f.sha256) for f in one.files] == [(f.name, f.sha256) for f in two.files]
    assert manifest(tmp_path / "one") == manifest(tmp_path / "two")


def test_unwritable_output_is_one_clear_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["pack", "-o", str(blocker / "pack")])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "Traceback" not in result.output


def test_cli_pack_prints_a_summary(tmp_path):
    result = CliRunner().invoke(main, ["pack", "-o", str(tmp_path / "p"), "--sheets", "2"])
    assert result.exit_code == 0, result.output
    assert "21 files in" in result.output and "signup-en-2-sheets.pdf" in result.output


def test_cli_preview_renders_each_page(tmp_path, pack):
    pdf = pack / "kazakhstan-2022-factsheet-en-a4.pdf"
    result = CliRunner().invoke(main, ["preview", str(pdf), "-o", str(tmp_path), "--dpi", "50"])
    assert result.exit_code == 0, result.output
    pngs = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in pngs] == ["kazakhstan-2022-factsheet-en-a4-p01.png", "kazakhstan-2022-factsheet-en-a4-p02.png"]
    width, height = Image.open(pngs[0]).size
    assert abs(width - 210 / 25.4 * 50) <= 1 and abs(height - 297 / 25.4 * 50) <= 1
