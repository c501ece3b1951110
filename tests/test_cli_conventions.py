"""The habits every command shares: the campaign from standard input, -q/-v, global options before or
after the command, the same option names everywhere, help for every option with an example per command,
the whole command list, shell completion of campaign ids and files, plurals."""

from __future__ import annotations

import json

import click
import pypdf
import pytest
from click.testing import CliRunner

from campaignkit.cli import main
from campaignkit.loader import builtin_campaigns

from conftest import MINIMAL

COMMANDS = sorted(main.commands)
MATERIALS = ("leaflet", "placard", "factsheet", "signup", "social", "pack", "batch")


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def test_validate_reads_the_campaign_from_standard_input():
    result = run("validate", "-", input=MINIMAL)
    assert result.exit_code == 0, result.output
    assert result.stdout == "standard input: OK (2 demands, 1 statement, 0 events, 1 source)\n"
    bad = run("validate", "-", input=MINIMAL.replace('"Second demand."', "42"))
    assert bad.exit_code == 1 and bad.output.startswith("Error: <stdin>:") and bad.output.count("\n") == 1


def test_a_material_from_standard_input_resolves_a_relative_logo_in_the_working_folder(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    Image.new("RGB", (600, 600), "#B0151F").save("logo.png")
    campaign = MINIMAL.replace('title = "Test campaign"', 'title = "Test campaign"\nlogo = "logo.png"')
    result = run("leaflet", "-", "-o", "out.pdf", input=campaign)
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(tmp_path / "out.pdf")
    assert any(page.images for page in reader.pages), "the logo is not on the leaflet"
    missing = run("leaflet", "-", "-o", "x.pdf", input=campaign.replace("logo.png", "nope.png"))
    assert missing.exit_code == 1 and "nope.png" in missing.output and missing.output.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_quiet_prints_nothing_and_verbose_says_what_was_made(tmp_path):
    quiet = run("leaflet", "-o", str(tmp_path / "q.pdf"), "-q")
    assert quiet.exit_code == 0 and quiet.stdout == "" and "Warning" not in quiet.stderr
    assert (tmp_path / "q.pdf").stat().st_size > 0
    normal = run("leaflet", "-o", str(tmp_path / "n.pdf"))
    assert normal.stdout.startswith(f"Wrote {tmp_path / 'n.pdf'} (A4, 1 page, ")
    verbose = run("-v", "leaflet", "-o", str(tmp_path / "v.pdf"))
    assert verbose.exit_code == 0 and verbose.stdout == normal.stdout.replace("n.pdf", "v.pdf")
    lines = verbose.stderr.splitlines()
    assert lines[0].startswith("loaded kazakhstan-2022 in ") and lines[0].endswith(" s")
    assert lines[1].startswith("campaign kazakhstan-2022: 2 statements, ")
    assert any(line.startswith("made the leaflet in ") for line in lines)
    assert any(line.startswith("campaignkit leaflet: done in ") for line in lines)
    both = run("leaflet", "-q", "-v")
    assert both.exit_code == 2 and "cannot be used together" in both.output


def test_quiet_and_verbose_are_on_every_command():
    for name in COMMANDS:
        options = {opt for param in main.commands[name].params for opt in getattr(param, "opts", [])}
        assert {"-q", "--quiet", "-v", "--verbose", "--strict", "-h", "--help"} <= options | {"-h", "--help"}, name


@pytest.mark.parametrize("args", [["--strict", "validate", "FILE"], ["validate", "FILE", "--strict"],
                                  ["-q", "validate", "--strict", "FILE"]])
def test_strict_works_before_and_after_the_command(write_campaign, args):
    path = str(write_campaign(MINIMAL.replace("https://", "http://")))
    result = run(*(path if arg == "FILE" else arg for arg in args))
    assert result.exit_code == 1 and "(an error under --strict)" in result.output and "not https" in result.output
    assert run("validate", path).exit_code == 0


def test_pack_takes_force_grayscale_and_bleed(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("pack", "-o", str(folder), "-q")
    assert refused.exit_code == 1 and "--force" in refused.output and (folder / "notes.txt").exists()
    made = run("pack", "-o", str(folder), "--force", "--grayscale", "--bleed", "3mm", "--sheets", "1", "-q")
    assert made.exit_code == 0, made.output
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["bleed_mm"] == 3.0
    files = {f["material"]: f["name"] for f in manifest["files"]}
    leaflet = pypdf.PdfReader(folder / files["leaflet"]).pages[0]
    bleed, trim = leaflet.bleedbox, leaflet.trimbox
    assert round((float(trim.left) - float(bleed.left)) / 72 * 25.4, 1) == 3.0
    two_up = pypdf.PdfReader(folder / files["leaflet-two-up"]).pages[0]
    assert two_up.trimbox == two_up.mediabox, "the two-up sheet is for home printers: no bleed"


def test_batch_takes_jobs_as_j_and_force(tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("city,place,date,time,contact\nLeeds,Briggate,2026-03-01,12:00,leeds@example.org\n",
                      encoding="utf-8")
    out = tmp_path / "batch"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    args = ["batch", "--events", str(events), "-o", str(out), "--today", "2026-02-01", "-j", "1"]
    refused = run(*args)
    assert refused.exit_code == 1 and "--force" in refused.output
    made = run(*args, "--force")
    assert made.exit_code == 0, made.output
    assert made.stdout.startswith(f"Made 1 event folder (1 file) in {out}/")


def test_the_same_option_means_the_same_thing_everywhere():
    seen: dict[str, tuple[tuple[str, ...], str]] = {}
    for name in COMMANDS:
        for param in main.commands[name].params:
            if not isinstance(param, click.Option):
                continue
            if param.name in ("force", "lang", "grayscale", "paper", "today", "bleed", "strict", "quiet", "verbose"):
                flags = tuple(sorted(param.opts))
                assert seen.setdefault(param.name, (flags, name))[0] == flags, (name, param.name)
    for name in MATERIALS:
        names = {p.name for p in main.commands[name].params}
        assert {"force", "lang"} <= names, name
    assert {"grayscale", "bleed", "force"} <= {p.name for p in main.commands["pack"].params}


def test_every_option_has_help_and_every_command_an_example():
    for name in COMMANDS:
        command = main.commands[name]
        for param in command.params:
            if isinstance(param, click.Option):
                assert (param.help or "").strip(), f"{name} {param.opts[0]} has no help"
        result = run(name, "--help")
        assert result.exit_code == 0
        example = result.output.split("Example:\n", 1)[1]
        assert example.strip().startswith(f"campaignkit {name}"), name


def test_the_command_list_shows_every_command_with_its_whole_first_sentence():
    result = run("--help")
    assert result.exit_code == 0
    listing = result.output.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    flat = "".join(listing.split())  # lines wrap at spaces and after hyphens
    for name in COMMANDS:
        first = (main.commands[name].help or "").split("\n\n")[0]
        sentence = " ".join(first.split()).split(". ")[0]
        assert "".join(f"{name} {sentence}".split()) in flat, name
    assert "..." not in listing
    assert "_CAMPAIGNKIT_COMPLETE=bash_source campaignkit" in result.output


def test_choices_are_shown_as_printers_name_them():
    result = run("leaflet", "--help")
    assert "--paper [A4|A5|letter]" in result.output and "[default: A4]" in result.output
    assert "--bleed LENGTH" in result.output
    bad = run("leaflet", "--paper", "a7")
    assert bad.exit_code == 2 and "'a7' is not one of A4, A5, letter." in bad.output
    assert run("leaflet", "--paper", "a5", "--help").exit_code == 0


def complete(words: str) -> list[tuple[str, str]]:
    """What bash completion offers for the command line `words` (the last word is being typed)."""
    parts = words.split(" ")
    env = {"_CAMPAIGNKIT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(main, [], env=env, prog_name="campaignkit")
    assert result.exit_code == 0, result.output
    return [tuple(line.split(",", 1)) for line in result.output.splitlines()]  # type: ignore[misc]


def test_completion_offers_built_in_campaigns_files_commands_and_paper_sizes():
    ids = builtin_campaigns()
    assert ("plain", ids[0]) in complete(f"campaignkit leaflet {ids[0][:3]}")
    offered = complete("campaignkit pack ")
    assert ("file", "") in offered and {("plain", ref) for ref in ids} <= set(offered)
    assert complete("campaignkit valid") == [("plain", "validate")]
    assert complete("campaignkit leaflet --paper l") == [("plain", "letter")]
    assert ("file", "my") in complete("campaignkit validate my")
    source = CliRunner().invoke(main, [], env={"_CAMPAIGNKIT_COMPLETE": "zsh_source"}, prog_name="campaignkit")
    assert "compdef _campaignkit_completion campaignkit" in source.output


@pytest.mark.parametrize(("count", "word", "expected"), [(1, "statement", "1 statement"),
                                                         (2, "statement", "2 statements"),
                                                         (1, "copy", "1 copy"), (3, "copy", "3 copies"),
                                                         (1024, "byte", "1,024 bytes")])
def test_plurals(count, word, expected):
    from campaignkit.cli.output import plural

    assert plural(count, word, "copies" if word == "copy" else None) == expected


def test_print_dry_run_lists_the_commands_even_when_quiet(tmp_path):
    pdf = tmp_path / "leaflet.pdf"
    assert run("leaflet", "-o", str(pdf), "-q").exit_code == 0
    result = run("print", str(pdf), "--copies", "3", "--dry-run", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("lp ") and "-n 3" in result.stdout and str(pdf) in result.stdout
