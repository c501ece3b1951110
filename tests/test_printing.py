"""Printing: which material each PDF is, the `lp` command for it, the errors a person sees, and a whole pack
printed through a real CUPS queue (cups-pdf), checked by what CUPS recorded and what it printed."""

from __future__ import annotations

import json
import re
import subprocess
import warnings
from pathlib import Path

import pypdf
import pytest

import campaignkit
from campaignkit import printing
from campaignkit.errors import CampaignWarning, OutputError
from campaignkit.printing import MATERIALS, parse_copies, plan_print, print_files

# What each material must be printed with, written out here rather than taken from printing.py:
# material: (pack copies, media, sides, exact size, landscape)
EXPECTED = {
    "leaflet": (50, "A4", "one-sided", False, False),
    "leaflet-two-up": (25, "A4", "two-sided-short-edge", False, True),
    "placard": (1, "A3", "one-sided", True, None),  # each slogan in the orientation that suits it
    "placard-tiled": (1, "A4", "one-sided", True, False),
    "factsheet": (10, "A4", "two-sided-long-edge", False, False),
    "signup": (1, "A4", "one-sided", False, True),
}
MEDIA_POINTS = {"A4": (595.3, 841.9), "A3": (841.9, 1190.6)}


def expected_for(job):
    """EXPECTED for the job's material, with an orientation left open taken from the file's pages."""
    copies, media, sides, exact, landscape = EXPECTED[job.material]
    if landscape is None:
        landscape = all(float(p.mediabox.width) > float(p.mediabox.height) for p in pypdf.PdfReader(job.path).pages)
    return copies, media, sides, exact, landscape


def add_material_keyword(path: Path, material: str) -> None:
    """Write `campaignkit-material=<id>` into a PDF's Keywords, as the generators are to do themselves."""
    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.add_metadata({**(reader.metadata or {}), "/Keywords": f"campaignkit-material={material}"})
    with open(path, "wb") as handle:
        writer.write(handle)


def keywords(path: Path) -> str:
    return str((pypdf.PdfReader(path).metadata or {}).get("/Keywords", ""))


def options(job) -> dict[str, str]:
    pairs = [job.argv[i + 1] for i, part in enumerate(job.argv) if part == "-o"]
    return dict(pair.split("=", 1) for pair in pairs)


@pytest.fixture(scope="module")
def campaign():
    return campaignkit.load(campaignkit.DEFAULT_CAMPAIGN)


@pytest.fixture(scope="module")
def pack(campaign, tmp_path_factory) -> Path:
    """A pack as make_pack writes it: its manifest lists each file's `material`."""
    folder = tmp_path_factory.mktemp("print") / "pack"
    campaignkit.make_pack(campaign, folder, sheets=3)
    return folder


@pytest.fixture(scope="module")
def keyworded_pack(pack, tmp_path_factory) -> Path:
    """The pack with the material in every PDF's Keywords and no `kind` left in the manifest to fall back on."""
    folder = tmp_path_factory.mktemp("print-keywords") / "pack"
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    folder.mkdir()
    for entry in manifest["files"]:
        source = pack / entry["name"]
        if entry["name"].endswith(".pdf"):
            (folder / entry["name"]).write_bytes(source.read_bytes())
            assert "campaignkit-material=" in keywords(source)  # every PDF says what it is
            entry.pop("material", None)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def loose_pdfs(campaign, tmp_path) -> dict[str, Path]:
    """Single files as the generators write them, named as the CLI names them."""
    made = {
        "kazakhstan-2022-leaflet-two-up.pdf": campaignkit.make_leaflet(campaign, two_up=True),
        "kazakhstan-2022-placards-A2-tiled-A4.pdf": campaignkit.make_placard(campaign, size="A2", tile="A4"),
        "kazakhstan-2022-signup-3-sheets.pdf": campaignkit.make_signup(campaign, sheets=3),
        "kazakhstan-2022-factsheet.pdf": campaignkit.make_factsheet(campaign),
        "kazakhstan-2022-leaflet.pdf": campaignkit.make_leaflet(campaign),
        "kazakhstan-2022-leaflet-A5.pdf": campaignkit.make_leaflet(campaign, paper="A5"),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data.data)
    return paths


class FakeCups:
    """Answers lpstat, lpoptions and lp as CUPS would, and records every command."""

    def __init__(self, printers=("office", "pdfq"), default="office", duplex=True, failing_lp_call=None, running=True):
        self.printers, self.default, self.duplex, self.running = list(printers), default, duplex, running
        self.failing_lp_call = failing_lp_call
        self.calls: list[list[str]] = []

    def __call__(self, argv, **kwargs):
        self.calls.append(list(argv))
        answer = {"lpstat": self.lpstat, "lpoptions": self.lpoptions, "lp": self.lp}[argv[0]](argv[1:])
        return subprocess.CompletedProcess(argv, *answer)

    def lpstat(self, args):
        if args == ["-r"]:
            return 0, "scheduler is running\n" if self.running else "scheduler is not running\n", ""
        if args == ["-e"]:
            return 0, "".join(f"{p}\n" for p in self.printers), ""
        if args == ["-d"]:
            answer = f"system default destination: {self.default}" if self.default else "no system default destination"
            return 0, answer + "\n", ""
        raise AssertionError(args)

    def lpoptions(self, args):
        sides = "Duplex/2-Sided Printing: *None DuplexNoTumble DuplexTumble\n" if self.duplex else ""
        return 0, "PageSize/Media Size: *A4 A3 Letter\n" + sides, ""

    def lp(self, args):
        number = sum(call[0] == "lp" for call in self.calls)
        if number == self.failing_lp_call:
            return 1, "", "lp: Error - unable to print file: client-error-document-format-not-supported"
        return 0, f"request id is office-{number} (1 file(s))\n", ""

    @property
    def lp_calls(self):
        return [call for call in self.calls if call[0] == "lp"]


# --- which material a file is ----------------------------------------------------------------------------------

def test_pack_materials_come_from_the_manifest(pack):
    jobs = plan_print(pack)
    assert [j.material for j in jobs] == ["leaflet", "leaflet-two-up", *["placard"] * 5, "placard-tiled", "factsheet",
                                          "signup"]
    assert all(j.path.suffix == ".pdf" for j in jobs), "PNG cards and the contact sheet are never printed"


def test_pack_materials_come_from_the_pdf_keywords(keyworded_pack):
    assert [j.material for j in plan_print(keyworded_pack)][:2] == ["leaflet", "leaflet-two-up"]
    assert {j.material for j in plan_print(keyworded_pack)} == set(EXPECTED)


def test_the_manifest_material_comes_first(pack, tmp_path):
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        entry["material"] = "signatories" if "factsheet" in entry["name"] else None
        if entry["material"] is None:
            del entry["material"]
    copy = tmp_path / "pack"
    copy.mkdir()
    for entry in manifest["files"]:
        if entry["name"].endswith(".pdf"):
            (copy / entry["name"]).write_bytes((pack / entry["name"]).read_bytes())
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert [j.material for j in plan_print(copy)].count("signatories") == 1


def test_loose_files_are_recognised_by_name_and_page_size(loose_pdfs):
    found = {path.name: plan_print(path)[0].material for path in loose_pdfs.values()}
    assert found == {
        "kazakhstan-2022-leaflet-two-up.pdf": "leaflet-two-up",
        "kazakhstan-2022-placards-A2-tiled-A4.pdf": "placard-tiled",
        "kazakhstan-2022-signup-3-sheets.pdf": "signup",
        "kazakhstan-2022-factsheet.pdf": "factsheet",
        "kazakhstan-2022-leaflet.pdf": "leaflet",
        "kazakhstan-2022-leaflet-A5.pdf": "leaflet",
    }


def test_keywords_beat_the_file_name(loose_pdfs):
    path = loose_pdfs["kazakhstan-2022-factsheet.pdf"]
    add_material_keyword(path, "signatories")
    assert plan_print(path)[0].material == "signatories"


def test_an_unknown_material_id_is_named(loose_pdfs):
    path = loose_pdfs["kazakhstan-2022-leaflet.pdf"]
    add_material_keyword(path, "poster")
    with pytest.raises(OutputError, match="material 'poster'; expected one of leaflet, leaflet-two-up"):
        plan_print(path)


def test_an_unrecognisable_pdf_is_refused(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    stranger = tmp_path / "minutes.pdf"
    canvas = Canvas(str(stranger), pagesize=(595, 842))
    canvas.drawString(72, 720, "Minutes of the branch meeting")
    canvas.save()
    with pytest.raises(OutputError, match="cannot tell which campaignkit material"):
        plan_print(stranger)


# --- the lp command for each material ----------------------------------------------------------------------------

def test_each_material_gets_its_paper_sides_scaling_and_copies(pack):
    for job in plan_print(pack, printer="office"):
        copies, media, sides, exact, landscape = expected_for(job)
        got = options(job)
        assert job.argv[:5] == ("lp", "-d", "office", "-n", str(copies)), job.command
        assert job.argv[-1] == str(job.path)
        assert got["media"] == media and got["sides"] == sides, job.command
        assert (got.get("print-scaling"), got.get("fit-to-page")) == (("none", "false") if exact else (None, None))
        assert ("orientation-requested" in got) == landscape, job.command
        assert got.get("collate") == ("true" if job.pages > 1 and copies > 1 else None), job.command


def test_tiles_and_two_up_sheets_carry_advice(pack):
    notes = {j.material: j.notes for j in plan_print(pack)}
    assert "flip on the short edge" in notes["leaflet-two-up"][0]
    assert "never 'fit to page'" in notes["placard-tiled"][0]


def test_a_loose_file_prints_once_unless_told(loose_pdfs):
    path = loose_pdfs["kazakhstan-2022-leaflet-two-up.pdf"]
    assert plan_print(path)[0].copies == 1
    assert plan_print(path, copies=40)[0].copies == 40
    assert plan_print(path, copies={"leaflet-two-up": 30})[0].copies == 30


def test_copies_per_material_and_zero_skips(pack):
    jobs = plan_print(pack, copies={"leaflet": 200, "placard": 0})
    assert {j.material: j.copies for j in jobs} == {"leaflet": 200, "leaflet-two-up": 25, "placard-tiled": 1,
                                                    "factsheet": 10, "signup": 1}
    assert {j.copies for j in plan_print(pack, copies=2)} == {2}
    with pytest.raises(OutputError, match="nothing to print"):
        plan_print(pack, copies=0)


@pytest.mark.parametrize("copies, message", [
    ({"poster": 2}, "unknown material 'poster'"), (-1, "from 0 to 9999"), (10_000, "from 0 to 9999"),
    ({"leaflet": 1.5}, "got 1.5"), (True, "got True"), ("10", "got '10'"),
])
def test_bad_copies_are_refused(pack, copies, message):
    with pytest.raises(OutputError, match=message):
        plan_print(pack, copies=copies)


def test_copies_from_the_command_line():
    assert parse_copies([]) is None
    assert parse_copies(["12"]) == 12
    assert parse_copies(["leaflet=100", "placard = 2"]) == {"leaflet": 100, "placard": 2}
    assert parse_copies(["3", "leaflet=100"]) == {**dict.fromkeys(MATERIALS, 3), "leaflet": 100}
    with pytest.raises(OutputError, match="MATERIAL=NUMBER"):
        parse_copies(["many"])
    with pytest.raises(OutputError, match="unknown material 'flyer'"):
        parse_copies(["flyer=3"])


def test_what_cannot_be_printed(tmp_path, pack):
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "loose").mkdir()
    with pytest.raises(OutputError, match="only PDF files"):
        plan_print(tmp_path / "notes.txt")
    with pytest.raises(OutputError, match="not a campaignkit pack"):
        plan_print(tmp_path / "loose")
    with pytest.raises(OutputError, match="no such file or folder"):
        plan_print(tmp_path / "missing.pdf")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "manifest.json").write_text(json.dumps({"files": [{"name": "../pack/x.pdf"}]}))
    with pytest.raises(OutputError, match="outside the pack folder"):
        plan_print(tmp_path / "bad")


# --- sending, with a stand-in for CUPS ---------------------------------------------------------------------------

def test_dry_run_runs_nothing(pack):
    cups = FakeCups()
    jobs = print_files(pack, dry_run=True, runner=cups)
    assert cups.calls == [] and len(jobs) == 10 and all(j.request_id is None for j in jobs)


def test_jobs_go_to_the_default_printer(pack):
    cups = FakeCups()
    sent = print_files(pack, runner=cups)
    assert cups.lp_calls == [list(j.argv) for j in sent]
    assert [j.request_id for j in sent] == [f"office-{n}" for n in range(1, 11)]


def test_missing_lp_says_what_to_install(pack):
    def no_cups(argv, **kwargs):
        raise FileNotFoundError(argv[0])

    with pytest.raises(OutputError, match=r"sudo apt install cups-client.*macOS has lp built in"):
        print_files(pack, runner=no_cups)


def test_an_unknown_printer_lists_the_printers(pack):
    cups = FakeCups()
    with pytest.raises(OutputError, match="no printer named 'ofice'; the printers are: office, pdfq"):
        print_files(pack, printer="ofice", runner=cups)
    assert cups.lp_calls == []


def test_no_default_printer_lists_the_printers(pack):
    with pytest.raises(OutputError, match=r"no default printer.*--printer \(printers: office, pdfq\)"):
        print_files(pack, runner=FakeCups(default=None))
    with pytest.raises(OutputError, match="no printers are set up"):
        print_files(pack, runner=FakeCups(printers=(), default=None))
    with pytest.raises(OutputError, match="scheduler is not running; start it"):  # lpstat then lists nothing
        print_files(pack, runner=FakeCups(printers=(), default=None, running=False))


def test_a_failing_lp_names_the_file_and_what_was_sent(pack):
    with pytest.raises(OutputError, match=r"two-up.pdf: lp failed: .*not-supported; already sent: office-1$"):
        print_files(pack, runner=FakeCups(failing_lp_call=2))


def test_a_printer_without_duplex_is_warned_about(pack):
    with pytest.warns(CampaignWarning, match="office lists no two-sided printing"):
        print_files(pack, runner=FakeCups(duplex=False))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        print_files(pack, runner=FakeCups(duplex=True))


def test_windows_hands_each_file_to_the_pdf_viewer(pack, monkeypatch):
    opened = []
    monkeypatch.setattr(printing.sys, "platform", "win32")
    monkeypatch.setattr(printing.cups, "open_for_printing", opened.append)
    with pytest.warns(CampaignWarning, match="Windows has no lp"):
        jobs = print_files(pack, runner=FakeCups())
    assert opened == [j.path for j in jobs] and all(j.argv == () for j in jobs)
    assert jobs[0].notes[0] == "50 copies"


# --- a real CUPS queue -------------------------------------------------------------------------------------------

def words(text: str) -> set[str]:
    """The words on a page; what cups-pdf keeps of a tile is the visible part of the source page's text."""
    return set(re.findall(r"\w+", text))


def test_a_pack_prints_through_cups(keyworded_pack, cups_pdf_queue):
    queue = cups_pdf_queue
    with pytest.warns(CampaignWarning, match="lists no two-sided printing"):  # cups-pdf has no duplex
        jobs = print_files(keyworded_pack, printer=queue.name)
    assert sorted(j.material for j in jobs) == sorted([*EXPECTED, *["placard"] * 4])
    ids = [j.request_id for j in jobs]
    assert all(ids) and len(set(ids)) == len(jobs)
    queue.wait_until_completed(ids)

    for job in jobs:
        copies, media, sides, exact, landscape = expected_for(job)
        recorded = queue.job_attributes(job.request_id)
        where = f"{job.material} ({job.request_id}): {recorded}"
        assert recorded["job-state"] == "completed", where
        assert recorded["document-name-supplied"] == job.path.name, where
        assert recorded["copies"] == str(copies), where
        assert recorded["media"] == media, where
        assert recorded["sides"] == sides, where
        assert recorded.get("print-scaling") == ("none" if exact else None), where
        assert recorded.get("fit-to-page") == ("false" if exact else None), where
        assert recorded.get("orientation-requested") == ("landscape" if landscape else None), where
        assert int(recorded["job-impressions-completed"]) == job.pages * copies, where

        check_printed_pdf(job, copies, media, queue.output_for(job.request_id), where)


def check_printed_pdf(job, copies: int, media: str, output: Path, where: str) -> None:
    """cups-pdf's PDF holds the pages on the media CUPS chose, and collated copies when CUPS made them."""
    printed = pypdf.PdfReader(output)
    collated = job.pages > 1 and copies > 1  # CUPS makes collated copies itself; others it leaves to the printer
    assert len(printed.pages) == job.pages * (copies if collated else 1), where
    want = MEDIA_POINTS[media]
    for page in printed.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert abs(size[0] - want[0]) < 1.5 and abs(size[1] - want[1]) < 1.5, (where, size)
    source = [words(page.extract_text()) for page in pypdf.PdfReader(job.path).pages]
    shared = set.intersection(*source) if len(source) > 1 else set()  # e.g. the 10 cm bar's note on every tile
    source = [page_words - shared for page_words in source]
    for number, page in enumerate(printed.pages[: 2 * job.pages]):
        intended, got = number % job.pages, words(page.extract_text()) - shared
        contained = len(got & source[intended]) / max(len(got), 1)
        likeness = [len(got & page_words) / max(len(got | page_words), 1) for page_words in source]
        others = [s for k, s in enumerate(likeness) if source[k] != source[intended]]
        assert contained >= 0.8 and all(likeness[intended] >= s for s in others), (where, number, likeness)
        label = re.search(r"R\d+ C\d+", pypdf.PdfReader(job.path).pages[intended].extract_text())
        if label:  # tiles differ only by their label: each must come out in its place
            assert label.group() in page.extract_text(), (where, number, label.group())
