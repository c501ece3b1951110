"""The bad-input catalogue, continued from tests/test_catalogue.py (34 onwards): files, the cache and
inputs. One test per entry, each asserting the exact behaviour: nothing of the user's lost, and every
bad input one line naming the file, key path or line and what was expected (exit 1, 2 for usage, no
traceback, no half-written output)."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from campaignkit import (
    CampaignFileError,
    CampaignWarning,
    FitError,
    GlyphError,
    ImageError,
    OutputError,
    Theme,
    load,
    loads,
    make_pack,
    make_social,
)
from campaignkit.batch import make_batch
from campaignkit.cli import main
from campaignkit.layout.images import fit_logo, place_image
from campaignkit.preflight import preflight
from campaignkit.write import folders

from conftest import pdf_text

TINY = """
id = "tiny"
title = "Tiny"
slogans = ["Fair pay now", "Safe work"]

[[statements]]
id = "st"
by = "Union"
demands = ["Fair pay."]

[petition]
collected_by = "Union"
"""
CAMPAIGN = loads(TINY, name="tiny.toml")
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def cli(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def one_error_line(result, exit_code: int = 1) -> str:
    """The run failed with one `Error: ` line (the last), the given exit code and no traceback."""
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.output
    return errors[0]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """campaignkit in its own process (for what CliRunner cannot show: signals, limits, real streams)."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    kwargs.setdefault("timeout", 120)
    return subprocess.run([sys.executable, "-m", "campaignkit", *args], env=kwargs.pop("env", ENV), check=False,
                          **kwargs)


def one_line_failure(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, err
    return errors[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) and the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def hidden_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".ck-"))


def write_toml(tmp_path: Path, text: str, name: str = "c.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CampaignWarning)
        return function(*args, **kwargs)


# -- files ----------------------------------------------------------------------------------------------

def test_34_pack_into_its_earlier_folder_never_deletes_what_the_user_added(tmp_path):
    folder = tmp_path / "p"
    quietly(make_pack, CAMPAIGN, folder, sheets=1)
    (folder / "NOTES.txt").write_text("who prints what", encoding="utf-8")
    (folder / "photos").mkdir()
    (folder / "photos" / "picket.jpg").write_bytes(b"\xff\xd8 mine")
    (folder / "empty").mkdir()
    (folder / "cards" / "my-edit.png").write_bytes(b"my own card")  # inside a folder campaignkit made
    mine = {k: v for k, v in snapshot(folder).items() if k.startswith(("NOTES", "photos", "cards/my-edit"))}
    with pytest.raises(OutputError, match=r"holds files campaignkit did not make \(NOTES.txt, cards/my-edit.png, "
                                          r"empty and 1 more\); .*use --force to keep them"):
        quietly(make_pack, CAMPAIGN, folder, lang="ru", sheets=1)
    quietly(make_pack, CAMPAIGN, folder, lang="ru", sheets=1, force=True)
    after = snapshot(folder)
    assert all(after[name] == digest for name, digest in mine.items())
    assert (folder / "empty").is_dir()
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["language"] == "ru"
    # a file of ours the user changed is theirs now: refused until --force
    leaflet = next(folder.glob("tiny-leaflet-ru-a4.pdf"))
    leaflet.write_bytes(leaflet.read_bytes() + b"% my note\n")
    with pytest.raises(OutputError, match=r"tiny-leaflet-ru-a4.pdf \(changed since campaignkit made it\)"):
        quietly(make_pack, CAMPAIGN, folder, lang="ru", sheets=1)
    assert hidden_leftovers(tmp_path) == []


def test_35_pack_into_a_batch_folder_or_an_older_one_keeps_everything(tmp_path):
    csv = tmp_path / "e.csv"
    csv.write_text("city,place,date\nLeeds,Square,2030-03-01\nYork,Gate,2030-03-02\n", encoding="utf-8")
    batch = tmp_path / "b"
    quietly(make_batch, CAMPAIGN, csv, batch, jobs=1)
    before = snapshot(batch)
    result = cli("pack", str(write_toml(tmp_path, TINY)), "-o", str(batch), "--sheets", "1")
    assert "holds a campaignkit batch, not a pack" in one_error_line(result)
    assert snapshot(batch) == before
    assert cli("pack", str(tmp_path / "c.toml"), "-o", str(batch), "--sheets", "1", "--force").exit_code == 0
    after = snapshot(batch)
    kept = {name: digest for name, digest in before.items() if name != "manifest.json"}
    assert {name: after.get(name) for name in kept} == kept  # the event folders and indexes, untouched
    older = tmp_path / "older"
    (older / "Documents").mkdir(parents=True)
    (older / "Documents" / "minutes.odt").write_bytes(b"minutes")
    (older / "manifest.json").write_text('{"generator": "campaignkit"}', encoding="utf-8")
    result = cli("pack", str(tmp_path / "c.toml"), "-o", str(older), "--sheets", "1")
    assert "holds files of an older campaignkit" in one_error_line(result)
    assert cli("pack", str(tmp_path / "c.toml"), "-o", str(older), "--sheets", "1", "--force").exit_code == 0
    assert (older / "Documents" / "minutes.odt").read_bytes() == b"minutes"


def test_36_preview_never_overwrites_the_users_own_png(tmp_path):
    pdf = tmp_path / "photo.pdf"
    assert cli("leaflet", str(write_toml(tmp_path, TINY)), "-o", str(pdf)).exit_code == 0
    mine = tmp_path / "photo-p01.png"
    Image.new("RGB", (10, 10), "red").save(mine)
    original = mine.read_bytes()
    line = one_error_line(cli("preview", str(pdf)))
    assert "photo-p01.png: exists and was not made by campaignkit; use --force" in line
    assert mine.read_bytes() == original
    assert cli("preview", str(pdf), "--force").exit_code == 0 and mine.read_bytes() != original
    assert cli("preview", str(pdf)).exit_code == 0  # ours now: replaced without --force
    assert hidden_leftovers(tmp_path) == []


def test_37_social_cards_are_written_all_or_none(tmp_path, monkeypatch):
    folder = tmp_path / "cards"
    folder.mkdir()
    names = [card.name for card in make_social(CAMPAIGN)]
    mine = folder / names[2]
    Image.new("RGB", (10, 10)).save(mine)
    with pytest.raises(OutputError, match="was not made by campaignkit"):
        make_social(CAMPAIGN, folder)
    assert sorted(p.name for p in folder.iterdir()) == [names[2]]  # no card 1 written before card 3 failed
    mine.unlink()
    make_social(CAMPAIGN, folder)
    before = snapshot(folder)
    real_replace = os.replace
    calls = []

    def fails_on_the_third(source, destination):
        calls.append(destination)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", fails_on_the_third)
    with pytest.raises(OutputError, match="Input/output error"):
        make_social(CAMPAIGN, folder, theme=Theme(accent="#1A7F3C"))  # the same names, other bytes
    monkeypatch.undo()
    assert snapshot(folder) == before  # the two cards already replaced were put back; no temporary files


def test_38_a_pack_killed_between_its_renames_is_whole_after_the_next_run(tmp_path):
    folder = tmp_path / "p"
    quietly(make_pack, CAMPAIGN, folder, sheets=1)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    pid = int(dead.stdout)
    prefix = folders._prefix(folder)
    # Killed after `p` was moved aside and before the new folder took its place (two-rename systems):
    old = tmp_path / f"{prefix}old-{pid}-0badf00d"
    finished = tmp_path / f"{prefix}partial-{pid}-0badcafe"
    shutil.copytree(folder, finished)
    folder.rename(old)
    # ... an unfinished staging folder of another dead run, and one whose process id is in use again
    # by an unrelated process (its lock is gone and it is over a minute old):
    (tmp_path / f"{prefix}partial-{pid}-00000001").mkdir()
    reused = tmp_path / f"{prefix}partial-{os.getppid()}-00000002"
    (reused / "cards").mkdir(parents=True)
    os.utime(reused, (time.time() - 3600, time.time() - 3600))
    quietly(make_pack, CAMPAIGN, folder, sheets=1, lang="ru")
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["language"] == "ru"
    assert hidden_leftovers(tmp_path) == []
    # With only the previous folder left (killed before its staging folder was finished), it comes back:
    folder.rename(tmp_path / f"{prefix}old-{pid}-0badf00d")
    (tmp_path / f"{prefix}partial-{pid}-0badcafe").mkdir()
    folders.recover(folder)
    assert (folder / "manifest.json").is_file() and hidden_leftovers(tmp_path) == []


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_39_folder_and_file_modes_follow_the_umask(tmp_path, mask):
    previous = os.umask(mask)
    try:
        quietly(make_pack, CAMPAIGN, tmp_path / "p", sheets=1)
        make_social(CAMPAIGN, tmp_path / "cards")
        result = cli("leaflet", str(write_toml(tmp_path, TINY)), "-o", str(tmp_path / "l.pdf"))
        assert result.exit_code == 0
    finally:
        os.umask(previous)
    for path in (tmp_path / "p", tmp_path / "p" / "cards", tmp_path / "cards"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o777 & ~mask, path
    for path in (tmp_path / "p" / "manifest.json", next((tmp_path / "p").glob("*.pdf")), tmp_path / "l.pdf",
                 next((tmp_path / "cards").glob("*.png"))):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path


def test_40_pipes_and_devices_are_refused_at_once_and_dash_is_standard_output(tmp_path):
    campaign = write_toml(tmp_path, TINY)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    line = one_line_failure(run("leaflet", str(campaign), "-o", str(fifo), timeout=60))  # never waits for a reader
    assert line == f"Error: {fifo}: is a named pipe, not a file; use -o - to write to standard output"
    read_end, write_end = os.pipe()
    try:  # what -o >(lpr) passes: /dev/fd/N, a link to a pipe
        done = run("leaflet", str(campaign), "-o", f"/dev/fd/{write_end}", pass_fds=(write_end,), timeout=60)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert "is a link to a named pipe" in one_line_failure(done)
    assert "is a device" in one_line_failure(run("leaflet", str(campaign), "-o", "/dev/null"))
    out = run("leaflet", str(campaign), "-o", "-")
    assert out.returncode == 0 and out.stdout.startswith(b"%PDF-") and b"Wrote standard output" in out.stderr
    with open("/dev/full", "wb") as full:
        line = one_line_failure(run("leaflet", str(campaign), "-o", "-", stdout=full, stderr=subprocess.PIPE))
    assert line == "Error: standard output: cannot write (No space left on device)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml", "fifo"]


def test_41_dangerous_and_overlong_output_names_are_one_line_and_250_bytes_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    campaign = str(write_toml(tmp_path, TINY))
    assert "is the folder you are working in" in one_error_line(cli("pack", campaign, "-o", "."))
    assert "is the folder you are working in" in one_error_line(cli("pack", campaign, "-o", ".."))
    long = "x" * 304
    line = one_error_line(cli("pack", campaign, "-o", long))
    assert "the folder name is 304 bytes long; file systems allow at most 255" in line
    assert "File name too long" in one_error_line(cli("leaflet", campaign, "-o", long + ".pdf"))
    name = "y" * 246 + ".pdf"  # 250 bytes
    assert cli("leaflet", campaign, "-o", name).exit_code == 0 and (tmp_path / name).is_file()
    folder = "z" * 250
    assert cli("pack", campaign, "-o", folder, "--sheets", "1").exit_code == 0
    assert (tmp_path / folder / "manifest.json").is_file()
    assert cli("pack", campaign, "-o", folder, "--sheets", "1").exit_code == 0  # and again, over it
    assert hidden_leftovers(tmp_path) == []


def small_filesystem(tmp_path: Path, size: str, script: str, read_only: bool = False) -> dict | None:
    """Run `script` (Python, printing JSON) with a tmpfs of `size` mounted at tmp_path/'small', in a
    private mount namespace that ends with it; None when mounting is not possible here."""
    small = tmp_path / "small"
    small.mkdir()
    options = f"size={size}" + (",ro" if read_only else "")
    shell = (f"mount -t tmpfs -o {options} tmpfs {small} || exit 97; "
             f"exec {sys.executable} -c \"$CK_SCRIPT\"")
    if shutil.which("unshare") is None:
        return None
    done = subprocess.run(["unshare", "-rm", "sh", "-c", shell], capture_output=True, text=True, timeout=300,
                          env={**ENV, "CK_SCRIPT": script, "CK_SMALL": str(small)}, check=False)
    if done.returncode == 97 or "unshare" in done.stderr[:200]:
        return None
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


FULL_DISK = """
import hashlib, json, os, subprocess, sys
small = os.environ["CK_SMALL"]
def snap(folder):
    out = {}
    for root, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, folder)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out
def ck(*args):
    return subprocess.run([sys.executable, "-m", "campaignkit", *args], capture_output=True, text=True)
campaign = os.path.join(small, "..", "c.toml")
csv = os.path.join(small, "..", "e.csv")
first = ck("pack", campaign, "-o", os.path.join(small, "p"), "--sheets", "1")
before = snap(os.path.join(small, "p"))
second = ck("pack", campaign, "-o", os.path.join(small, "p"), "--sheets", "40", "--lang", "ru")
batch = ck("batch", campaign, "--events", csv, "-o", os.path.join(small, "b"), "-j", "1",
           "--materials", "leaflet,placard,signup")
print(json.dumps({"first": first.returncode, "second": [second.returncode, second.stderr],
                  "batch": [batch.returncode, batch.stderr], "intact": snap(os.path.join(small, "p")) == before,
                  "listing": sorted(os.listdir(small))}))
"""


def test_42_a_full_disk_in_pack_and_batch_is_one_line_and_the_earlier_pack_survives(tmp_path, monkeypatch):
    write_toml(tmp_path, TINY)
    rows = "".join(f"City {n},Square,2030-03-01\n" for n in range(12))
    (tmp_path / "e.csv").write_text("city,place,date\n" + rows, encoding="utf-8")
    found = small_filesystem(tmp_path, "600k", FULL_DISK)
    if found is not None:  # a real 600 KB file system: the first pack fits, a second beside it does not
        assert found["first"] == 0
        code, err = found["second"]
        assert code == 1 and "Traceback" not in err and err.strip().splitlines()[-1].startswith("Error: ")
        assert "No space left on device" in err and "/.ck-" not in err  # names the pack's file, not the staging
        assert found["intact"] and found["listing"] == ["p"]  # no staging folder and no batch folder left
        code, err = found["batch"]
        assert code == 1 and "No space left on device" in err and "Traceback" not in err
        return
    # No file system to fill here: the same refusal, simulated where the bytes are written.
    folder = tmp_path / "p"
    quietly(make_pack, CAMPAIGN, folder, sheets=1)
    before = snapshot(folder)
    real_fdopen = os.fdopen

    def full(descriptor, *args, **kwargs):
        handle = real_fdopen(descriptor, *args, **kwargs)

        class Full:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                raise OSError(errno.ENOSPC, "No space left on device")

        return Full()

    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(OutputError, match=r"p/tiny-.*: cannot write \(No space left on device\)"):
        quietly(make_pack, CAMPAIGN, folder, sheets=2, lang="ru")
    with pytest.raises(OutputError, match="No space left on device"):
        quietly(make_batch, CAMPAIGN, tmp_path / "e.csv", tmp_path / "b", jobs=1)
    monkeypatch.undo()
    assert snapshot(folder) == before and sorted(p.name for p in tmp_path.iterdir()) == ["c.toml", "e.csv", "p"]


def test_43_a_file_size_limit_efbig_in_pack_and_batch_is_one_line(tmp_path):
    import resource

    campaign = write_toml(tmp_path, TINY)
    (tmp_path / "e.csv").write_text("city,place,date\nLeeds,Square,2030-03-01\n", encoding="utf-8")
    assert run("pack", str(campaign), "-o", str(tmp_path / "p"), "--sheets", "1").returncode == 0
    before = snapshot(tmp_path / "p")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    line = one_line_failure(run("pack", str(campaign), "-o", str(tmp_path / "p"), "--sheets", "3", "--lang", "ru",
                                preexec_fn=limit))
    assert "File too large" in line and f"{tmp_path / 'p'}/" in line and "/.ck-" not in line
    assert snapshot(tmp_path / "p") == before
    line = one_line_failure(run("batch", str(campaign), "--events", str(tmp_path / "e.csv"), "-o",
                                str(tmp_path / "b"), "-j", "1", preexec_fn=limit))
    assert "File too large" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml", "e.csv", "p"]


def test_44_preview_into_a_read_only_folder_is_one_line(tmp_path):
    pdf = tmp_path / "l.pdf"
    assert cli("leaflet", str(write_toml(tmp_path, TINY)), "-o", str(pdf)).exit_code == 0
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        try:
            line = one_error_line(cli("preview", str(pdf), "-o", str(locked)))
        finally:
            locked.chmod(0o755)
        assert "Permission denied" in line and list(locked.iterdir()) == []
        return
    script = ("import os, subprocess, sys, json; d = os.environ['CK_SMALL']; "
              f"r = subprocess.run([sys.executable, '-m', 'campaignkit', 'preview', {str(pdf)!r}, '-o', d], "
              "capture_output=True, text=True); print(json.dumps([r.returncode, r.stderr]))")
    found = small_filesystem(tmp_path, "1m", script, read_only=True)
    if found is None:
        pytest.skip("no read-only folder can be made here (root, and no mount namespace)")
    code, err = found
    assert code == 1 and "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("Error: ")] == [
        f"Error: {tmp_path / 'small' / 'l-p01.png'}: cannot write in {tmp_path / 'small'} (Read-only file system)"]


# -- the cache ------------------------------------------------------------------------------------------

QR_URL = "https://example.org/statement"


def fresh_qr(monkeypatch, folder: Path):
    from campaignkit import cache
    from campaignkit.layout import qr

    monkeypatch.setenv("CAMPAIGNKIT_CACHE_DIR", str(folder))
    cache._secret.cache_clear()
    qr.matrix.cache_clear()
    return qr


@pytest.mark.parametrize("plant", ["wrong plan", "other json", "key and None", "huge", "fifo", "folder",
                                   "link to passwd", "deep json"])
def test_45_a_planted_cache_entry_is_ignored_and_written_anew(tmp_path, monkeypatch, plant):
    folder = tmp_path / "cache"
    qr = fresh_qr(monkeypatch, folder)
    clean = qr.matrix(QR_URL)
    entry = next(folder.glob("qr-plan-*.json"))
    stored = json.loads(entry.read_text(encoding="utf-8"))
    entry.unlink()
    if plant == "wrong plan":  # the right key, another valid version and mask: would change the printed code
        entry.write_text(json.dumps({**stored, "value": [12, 3]}), encoding="utf-8")
    elif plant == "other json":
        entry.write_text('{"py/object": "os.system", "args": ["touch pwned"]}', encoding="utf-8")
    elif plant == "key and None":
        entry.write_text(json.dumps({"key": stored["key"], "value": None}), encoding="utf-8")
    elif plant == "huge":
        with open(entry, "wb") as handle:
            handle.truncate(10 * 1024 * 1024 * 1024)  # sparse: ten gigabytes never read
    elif plant == "fifo":
        os.mkfifo(entry)
    elif plant == "folder":
        entry.mkdir()
    elif plant == "link to passwd":
        entry.symlink_to("/etc/passwd")
    else:
        entry.write_text("[" * 30_000 + "]" * 30_000, encoding="utf-8")
    qr.matrix.cache_clear()
    assert qr.matrix(QR_URL) == clean  # the same code, and no hang
    assert json.loads(entry.read_text(encoding="utf-8"))["value"] == stored["value"]  # written anew
    assert not Path("pwned").exists() and not (tmp_path / "pwned").exists()
    assert Path("/etc/passwd").read_text(encoding="utf-8")  # still there, never written through


def test_46_the_cache_folder_is_capped_and_never_loses_other_files(tmp_path, monkeypatch):
    from campaignkit import cache

    folder = tmp_path / "cache"
    qr = fresh_qr(monkeypatch, folder)
    folder.mkdir(mode=0o700)
    (folder / "notes.txt").write_text("a file of the user's", encoding="utf-8")
    monkeypatch.setattr(cache, "MAX_ENTRIES", 10)
    monkeypatch.setattr(cache, "MAX_BYTES", 2000)
    for n in range(40):
        qr.matrix(f"https://example.org/{n}")
    entries = list(folder.glob("qr-plan-*.json"))
    assert len(entries) <= 10 and sum(p.stat().st_size for p in entries) < 2000 + 400
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "a file of the user's"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE((folder / "key").stat().st_mode) == 0o600
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # anyone may write here: not trusted, not used
    fresh_qr(monkeypatch, shared).matrix(QR_URL)
    assert list(shared.iterdir()) == []


# -- inputs -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("nesting", [
    "x = " + "[" * 5000 + "]" * 5000,
    "x = " + "{a = " * 5000 + "1" + "}" * 5000,
    "x." + ".".join(["a"] * 5000) + " = 1",
    "[x." + ".".join(["a"] * 5000) + "]",
])
def test_47_toml_nested_5000_deep_is_one_line(tmp_path, nesting):
    path = write_toml(tmp_path, f'id = "c"\ntitle = "T"\n{nesting}\n')
    line = one_error_line(cli("validate", str(path)))
    assert line.startswith(f"Error: {path}") and ("nested 5000 levels deep" in line or "a dotted key of 5001 parts"
                                                 in line) and "at most 40" in line


def test_48_json_nested_5000_deep_is_one_line(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"id": "c", "title": "T", "x": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    line = one_error_line(cli("validate", str(path)))
    assert line == f"Error: {path}: nested 5001 levels deep; campaign files nest at most 40"


def test_49_a_5000_digit_attendance_is_one_line_with_its_line(tmp_path):
    event = '[[events]]\nid = "e"\ntitle = "T"\nplace = "P"\nattendance = ' + "9" * 5000 + "\n"
    path = write_toml(tmp_path, 'id = "c"\ntitle = "T"\n' + event)
    assert one_error_line(cli("validate", str(path))) == (
        f"Error: {path}:7: a number of 5,000 digits; campaign files take whole numbers of at most 18 digits")
    data = {"id": "c", "title": "T", "events": [{"id": "e", "title": "T", "place": "P", "attendance": 0}]}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data, indent=1).replace('"attendance": 0', '"attendance": ' + "9" * 5000),
                    encoding="utf-8")
    assert one_error_line(cli("validate", str(path))) == (
        f"Error: {path}:9: a number of 5,000 digits; campaign files take whole numbers of at most 18 digits")


def test_50_a_1_by_64000_pixel_logo_is_one_line_not_a_division_by_zero(tmp_path):
    Image.new("RGB", (1, 64000), (200, 0, 0)).save(tmp_path / "tall.png")
    with pytest.raises(ImageError, match=r"logo: tall.png is 1x64000 pixels, more than 20 times longer one way than "
                                         r"the other; it would print as a thin line"):
        fit_logo(str(tmp_path / "tall.png"), 26, 20)
    path = write_toml(tmp_path, TINY.replace('title = "Tiny"', 'title = "Tiny"\nlogo = "tall.png"'))
    assert "c.toml:4: logo: tall.png is 1x64000 pixels" in one_error_line(cli("validate", str(path)))
    assert "tall.png is 1x64000" in one_error_line(cli("leaflet", str(path), "-o", str(tmp_path / "l.pdf")))
    assert not (tmp_path / "l.pdf").exists()


def test_51_a_16_bit_greyscale_logo_prints_grey_not_white(tmp_path):
    image = Image.new("I;16", (256, 64))
    image.putdata([(x * 257) for _ in range(64) for x in range(256)])  # a ramp from black to white
    image.save(tmp_path / "ramp.png")
    placed = place_image(str(tmp_path / "ramp.png"), 256 / 300 * 25.4)  # printed at 300 dpi: not resampled
    grey = Image.open(io.BytesIO(placed.png))
    assert grey.mode == "L"
    row = [grey.getpixel((x, 10)) for x in range(256)]
    assert row == list(range(256))  # each 16-bit level scaled to its 8-bit level, none clipped to white


def test_52_a_white_campaign_colour_is_an_error_about_contrast(tmp_path):
    path = write_toml(tmp_path, 'id = "c"\ntitle = "T"\ncolour = "#FFFFFF"\n')
    assert one_error_line(cli("validate", str(path))) == (
        f"Error: {path}:3: colour: white text on #FFFFFF has a contrast of only 1.0:1; at least 4.5:1 is needed to "
        "read it (choose a darker colour)")


def test_53_bidi_marks_and_soft_hyphens_from_the_command_line_or_a_csv_are_removed_with_a_warning(tmp_path):
    campaign = write_toml(tmp_path, TINY)
    slogan = "Free\u200e all\u200f pris\u00adoners\u202e now"
    result = cli("placard", str(campaign), "--slogan", slogan, "-o", str(tmp_path / "s.pdf"))
    assert result.exit_code == 0
    assert "Warning: --slogan[0]: removed invisible characters U+00AD, U+200E, U+200F, U+202E" in result.stderr
    assert "Free all prisoners now" in " ".join(" ".join(pdf_text((tmp_path / "s.pdf").read_bytes())).split())
    csv = tmp_path / "e.csv"
    csv.write_text("city,place,date\nLe\u200feds\u00ad,Squ\u202eare,2030-03-01\n", encoding="utf-8")
    result = cli("batch", str(campaign), "--events", str(csv), "-o", str(tmp_path / "b"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert f"Warning: {csv}:2: column city: removed invisible characters U+00AD, U+200F" in result.stderr
    assert f"Warning: {csv}:2: column place: removed invisible characters U+202E" in result.stderr
    assert "2,Leeds,Square,2030-03-01" in (tmp_path / "b" / "index.csv").read_text(encoding="utf-8")


def test_54_a_formula_in_a_batch_csv_is_escaped_in_index_csv(tmp_path):
    csv = tmp_path / "e.csv"
    csv.write_text("city,place,date\n\"=cmd|' /C calc'!A0\",+SUM(A1),2030-03-01\n", encoding="utf-8")
    result = cli("batch", str(write_toml(tmp_path, TINY)), "--events", str(csv), "-o", str(tmp_path / "b"), "-j", "1")
    assert result.exit_code == 0, result.output
    index = (tmp_path / "b" / "index.csv").read_text(encoding="utf-8").splitlines()
    assert index[1].startswith("2,'=cmd|' /C calc'!A0,'+SUM(A1),2030-03-01,")
    assert json.loads((tmp_path / "b" / "index.json").read_text(encoding="utf-8"))["events"][0]["city"] == (
        "=cmd|' /C calc'!A0")  # the JSON keeps the text as it is: no spreadsheet reads it


@pytest.mark.parametrize("count", [40_000, 150_000])
def test_55_tens_of_thousands_of_signatories_validate(tmp_path, count):
    names = ",\n".join(f'"B{n}"' for n in range(count))
    path = write_toml(tmp_path, f'id = "c"\ntitle = "T"\n[[statements]]\nid = "s"\nby = "B"\ndemands = ["D"]\n'
                                f"signatories = [{names}]\n")
    result = cli("validate", str(path))  # linear in the names (timed by hand: about a second for 150,000)
    assert result.exit_code == 0 and "OK (1 demand, 1 statement" in result.output


def test_56_a_14400_point_page_at_600_dpi_is_one_line_not_a_memory_error(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "huge.pdf"
    canvas = Canvas(str(pdf), pagesize=(14400, 14400))
    canvas.drawString(100, 100, "x")
    canvas.save()
    line = one_error_line(cli("preview", str(pdf), "--dpi", "600", "-o", str(tmp_path / "out")))
    assert line == (f"Error: {pdf}: page 1 is 5080 x 5080 mm and would be 14400 million pixels at 600 dpi; "
                    "the limit is 100 million (use a lower --dpi)")
    assert not (tmp_path / "out").exists()


def test_57_validate_runs_the_materials_checks(tmp_path):
    Image.new("RGB", (40, 40)).save(tmp_path / "logo.gif", "GIF")
    cases = {
        'title = "Solidarity ✊"': ("title: the font NotoSans-Regular has no glyph for '✊' (U+270A)", GlyphError),
        'title = "T"\nlogo = "logo.gif"': ("logo: logo.gif is not a PNG or JPEG image (it looks like GIF)", ImageError),
        'title = "T"\nslogans = ["Solidaritysolidaritysolidarity now"]':
            ("slogans[0]: the word 'Solidaritysolidaritysolidarity' is 180 mm wide at the minimum 40 pt, wider than "
             "the 186 mm", None),
        'title = "T"\nslogans = ["Solidaritysolidaritysolidaritysolidarity now"]':
            ("slogans[0]: the word 'Solidaritysolidaritysolidaritysolidarity' is 240 mm wide at the minimum 40 pt, "
             "wider than the 186 mm available", FitError),
        'title = "T"\n[[sources]]\nid = "s"\nurl = "https://example.org/' + "ж" * 900 + '"':
            ("sources[0].url: the URL is 5,420 bytes in the form a QR code holds", FitError),
    }
    for n, (body, (expected, kind)) in enumerate(cases.items()):
        path = write_toml(tmp_path, f'id = "c"\n{body}\n', f"c{n}.toml")
        result = cli("validate", str(path))
        if kind is None:  # fits an A4 placard: no error
            assert result.exit_code == 0, result.output
            continue
        line = one_error_line(result)
        assert line.startswith(f"Error: {path}:") and expected in line, line
        problems = preflight(load(path))
        assert problems and expected in problems[0]
    # --all lists every problem, one per line
    path = write_toml(tmp_path, 'id = "c"\ntitle = "✊"\nlogo = "logo.gif"\n', "all.toml")
    result = cli("validate", "--all", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [line.split(": ", 3)[2] for line in result.output.splitlines()] == ["title", "logo"]


def test_58_an_event_list_from_a_pipe_or_a_device_is_bounded_and_columns_are_not_repeated(tmp_path):
    from campaignkit.loader.events_csv import MAX_CSV_BYTES, read_events

    with pytest.raises(CampaignFileError, match=rf"/dev/zero: more than {MAX_CSV_BYTES:,} bytes"):
        read_events("/dev/zero")
    csv = tmp_path / "e.csv"
    csv.write_text("city,place,date,city\nLeeds,Square,2030-03-01,York\n", encoding="utf-8")
    with pytest.raises(CampaignFileError, match=r"e.csv:1: the column 'city' appears more than once"):
        read_events(csv)
