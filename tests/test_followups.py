"""Errors that name the file and line, and the edges of reading and writing files: a URL too long for
any QR code, a material's error traced back to its line, previews written a page at a time, a
campaign file swapped for a pipe, modes kept on rewrite, campaignkit's own JSON, calendars and CSV
recognised."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from campaignkit import (
    CampaignFileError,
    FitError,
    GlyphError,
    ImageError,
    OutputError,
    load,
    make_leaflet,
    make_pack,
    make_placard,
)
from campaignkit.batch import make_batch
from campaignkit.cli import main
from campaignkit.layout import qr

LONG_URL = "https://example.org/" + "ж" * 300  # 1,820 bytes percent-encoded, under the 1,000-character limit
CAMPAIGN = """\
id = "c"
title = "Solidarity"
slogans = ["Fair pay now"]

[[sources]]
id = "s"
url = "{url}"

[[statements]]
id = "st"
by = "Union"
title = "Our demands"
source = "s"
demands = ["{demand}"]
signatories = ["Ann Lee"]
"""


def campaign_file(tmp_path: Path, *, url: str = "https://example.org/s", demand: str = "Fair pay.",
                  name: str = "c.toml") -> Path:
    path = tmp_path / name
    path.write_text(CAMPAIGN.format(url=url, demand=demand), encoding="utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    """The 1-based number of the first line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def cli(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.output
    return errors[0]


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: a blocked read is interrupted."""
    def expired(*_):
        raise TimeoutError(f"blocked for {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def umask(mask: int):
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


# -- 1. a URL longer than any QR code holds ---------------------------------------------------------

def test_a_url_over_the_qr_capacity_names_the_field_and_the_limit():
    data = "https://example.org/" + "a" * 1300
    expected = ("sources[2].url: the URL is 1,320 bytes; a QR code at error correction H holds at most 1,273; "
                "use a shorter URL")
    with pytest.raises(FitError) as caught:
        qr.size_for(data, 20.0, 10_000.0, "sources[2].url")
    assert str(caught.value) == expected
    with pytest.raises(FitError) as caught:
        qr.draw(None, data, 0, 0, 10_000.0, field="sources[2].url")
    assert str(caught.value) == expected
    at_limit = "https://example.org/" + "a" * (qr.CAPACITY - 20)
    assert qr.modules_across(at_limit) == 177 + 2 * qr.QUIET  # version 40 holds exactly the limit


def test_a_leaflet_with_a_url_over_the_qr_capacity_is_one_line_naming_file_line_and_field(tmp_path):
    path = campaign_file(tmp_path, url=LONG_URL)
    line = one_error_line(cli("leaflet", str(path), "-o", str(tmp_path / "l.pdf")))
    assert line == (f"Error: {path}:{line_of(path, 'url =')}: sources[0].url: the URL is 1,820 bytes; a QR code at "
                    "error correction H holds at most 1,273; use a shorter URL")
    assert not (tmp_path / "l.pdf").exists()


# -- 2. a material's error names the file and line --------------------------------------------------

def test_a_material_error_names_the_file_and_line_of_its_field(tmp_path):
    path = campaign_file(tmp_path, demand="Pay ✊ now")
    where = f"{path}:{line_of(path, 'demands =')}: statements[0].demands[0]: "
    with pytest.raises(GlyphError) as caught:
        make_leaflet(load(path))
    assert str(caught.value).startswith(where) and "'✊' (U+270A)" in str(caught.value)
    assert caught.value.field == "statements[0].demands[0]" and caught.value.chars == ["✊"]
    # the pack fails the same way, and writes nothing
    with pytest.raises(GlyphError, match="^" + where.replace("[", r"\[").replace("]", r"\]")):
        make_pack(load(path), tmp_path / "pack")
    assert not (tmp_path / "pack").exists()
    line = one_error_line(cli("pack", str(path), "-o", str(tmp_path / "pack")))
    assert line.startswith(f"Error: {where}")


def test_a_logo_error_from_a_material_names_the_logo_line(tmp_path):
    Image.new("RGB", (40, 40)).save(tmp_path / "logo.gif", "GIF")
    path = campaign_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('title = "Solidarity"\n',
                                                             'title = "Solidarity"\nlogo = "logo.gif"\n'))
    with pytest.raises(ImageError) as caught:
        make_leaflet(load(path))
    assert str(caught.value).startswith(f"{path}:{line_of(path, 'logo =')}: logo: logo.gif is not a PNG or JPEG")


def test_text_not_from_the_file_is_never_given_a_line_of_it(tmp_path):
    path = campaign_file(tmp_path)
    campaign = load(path)
    # a campaign changed in memory: its title is not the file's
    changed = dataclasses.replace(campaign, title=dataclasses.replace(campaign.title, original="Solidarity ✊"))
    with pytest.raises(GlyphError) as caught:
        make_leaflet(changed)
    assert str(caught.value).startswith("title: ")
    # a slogan from the command line
    with pytest.raises(GlyphError) as caught:
        make_placard(campaign, slogans=["Now ✊"])
    assert str(caught.value).startswith("--slogan[0]: ")
    # a batch row: its event comes from the CSV, the demand from the campaign file
    events = tmp_path / "e.csv"
    events.write_text("city,place,date\nLeeds,Square ✊,2030-03-01\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"^row 2 \(Leeds\): events\[0\]\.place: no bundled font"):
        make_batch(campaign, events, tmp_path / "batch", jobs=1)
    broken = campaign_file(tmp_path, demand="Pay ✊ now", name="broken.toml")
    events.write_text("city,place,date\nLeeds,Square,2030-03-01\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        make_batch(load(broken), events, tmp_path / "batch", jobs=1)
    assert str(caught.value).startswith(f"row 2 (Leeds): {broken}:{line_of(broken, 'demands =')}: "
                                        "statements[0].demands[0]: ")
    assert not (tmp_path / "batch").exists()


def test_a_json_campaign_error_names_the_file(tmp_path):
    data = {"id": "c", "title": "Solidarity", "statements": [{"id": "st", "by": "Union", "demands": ["Pay ✊"]}]}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GlyphError, match=rf"^{path}: statements\[0\]\.demands\[0\]: no bundled font"):
        make_leaflet(load(path))


# -- 3. previews a page at a time, with a cap on the whole ------------------------------------------

def many_pages(count: int, size: tuple[float, float] = (200, 100)) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=1)
    for n in range(count):
        canvas.drawString(10, 10, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_preview_has_each_page_on_disk_before_the_next_is_drawn(tmp_path, monkeypatch):
    from campaignkit.layout import raster
    from campaignkit.preview import preview_pdf

    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(many_pages(12))
    out = tmp_path / "out"
    staged_before: list[int] = []
    encode = raster.png_bytes

    def counting(image, **kwargs):
        staged_before.append(len([p for p in out.iterdir() if p.name.startswith(".ck-")]))
        return encode(image, **kwargs)

    monkeypatch.setattr(raster, "png_bytes", counting)
    paths = preview_pdf(pdf, out, dpi=72)
    assert staged_before == list(range(12))  # page n is encoded with the n pages before it already on disk
    assert [p.name for p in paths] == [f"doc-p{n:02d}.png" for n in range(1, 13)]
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in paths]  # nothing hidden left
    for path in paths:
        with Image.open(path) as image:
            assert image.size == (200, 100)


def test_a_preview_failing_halfway_leaves_no_page(tmp_path, monkeypatch):
    from campaignkit.layout import raster
    from campaignkit.preview import preview_pdf

    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(many_pages(6))
    out = tmp_path / "out"
    out.mkdir()
    encode = raster.png_bytes
    calls = []

    def failing(image, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise OutputError("doc-p04.png: cannot write (No space left on device)")
        return encode(image, **kwargs)

    monkeypatch.setattr(raster, "png_bytes", failing)
    with pytest.raises(OutputError, match="No space left"):
        preview_pdf(pdf, out, dpi=72)
    assert list(out.iterdir()) == []


def test_a_preview_over_the_total_pixel_cap_is_one_line_and_writes_nothing(tmp_path):
    from campaignkit.preview import MAX_PIXELS, MAX_TOTAL_PIXELS

    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(many_pages(20, (2000, 2000)))  # 69 million pixels a page at 300 dpi: each under the page cap
    assert (2000 * 300 / 72) ** 2 < MAX_PIXELS < 20 * (2000 * 300 / 72) ** 2
    line = one_error_line(cli("preview", str(pdf), "--dpi", "300", "-o", str(tmp_path / "out")))
    assert line == (f"Error: {pdf}: its 20 pages would be 1,389 million pixels at 300 dpi; preview renders at most "
                    f"{MAX_TOTAL_PIXELS / 1e6:,.0f} million per document (use a lower --dpi, or preview a shorter PDF)")
    assert not (tmp_path / "out").exists()


def test_preview_of_a_named_pipe_is_one_line_at_once(tmp_path):
    fifo = tmp_path / "doc.pdf"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "campaignkit", "preview", str(fifo), "-o", str(tmp_path / "o")],
                          capture_output=True, timeout=60, check=False)
    err = done.stderr.decode()
    assert done.returncode == 1 and "Traceback" not in err
    assert err.strip().splitlines()[-1] == f"Error: {fifo}: is not a regular file; expected a PDF file"


# -- 4. a campaign file swapped for a pipe ----------------------------------------------------------

def test_a_campaign_file_swapped_for_a_pipe_after_the_check_is_refused_not_waited_on(tmp_path, monkeypatch):
    path = campaign_file(tmp_path)
    checked = Path.is_file

    def swap(self):
        answer = checked(self)
        if self == path:
            path.unlink()
            os.mkfifo(path)  # after the check, before the read
        return answer

    monkeypatch.setattr(Path, "is_file", swap)
    with deadline(10), pytest.raises(CampaignFileError) as caught:
        load(path)
    assert str(caught.value) == f"{path}: is not a regular file; expected a .toml or .json campaign file"


def test_a_campaign_file_behind_a_link_loads_and_a_huge_one_is_refused_unread(tmp_path):
    path = campaign_file(tmp_path)
    link = tmp_path / "link.toml"
    link.symlink_to(path.name)
    assert load(link).id == "c"
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # sparse: nothing to read
    with pytest.raises(CampaignFileError, match=r"huge.toml: the file is 3,145,728 bytes; campaign files are "
                                                r"limited to 2,097,152 bytes"):
        load(huge)


# -- 5. modes kept; campaignkit's own JSON and calendars recognised ---------------------------------

def test_a_private_campaign_file_stays_private_after_import(tmp_path):
    path = campaign_file(tmp_path)
    path.chmod(0o600)
    signers = tmp_path / "signers.csv"
    signers.write_text("name,email\nBo Chan,bo@example.org\n", encoding="utf-8")
    with umask(0o022):
        result = cli("import", str(signers), "--into", str(path), "--statement", "st")
    assert result.exit_code == 0, result.output
    assert '"Bo Chan"' in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_new_files_follow_the_umask_and_replaced_ones_keep_their_bits(tmp_path):
    campaign = load(campaign_file(tmp_path))
    for mask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        target = tmp_path / f"new-{mask:o}.pdf"
        with umask(mask):
            make_leaflet(campaign, target)
        assert stat.S_IMODE(target.stat().st_mode) == mode
    shared = tmp_path / "shared.pdf"
    make_leaflet(campaign, shared)
    shared.chmod(0o664 | stat.S_ISUID)
    with umask(0o077):
        make_leaflet(campaign, shared)  # campaignkit's own file: replaced without --force
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664  # its bits, not the umask's; never set-id


def test_campaignkits_own_schema_calendar_and_osdi_are_replaced_without_force(tmp_path):
    path = campaign_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + textwrap.dedent("""
        [[events]]
        id = "e"
        kind = "picket"
        title = "Picket"
        place = "Square"
        date = 2030-03-01
    """), encoding="utf-8")
    runs = {"schema.json": ("schema",), "events.ics": ("export", str(path), "--format", "ics"),
            "osdi.json": ("export", str(path), "--format", "osdi")}
    for name, args in runs.items():
        target = tmp_path / name
        for _ in range(2):
            result = cli(*args, "-o", str(target))
            assert result.exit_code == 0, result.output
        assert target.stat().st_size > 100
    # files of the same kinds that someone else made are kept
    foreign = {
        "schema.json": json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema",
                                   "$comment": "Made by hand after campaignkit"}),
        "events.ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Calendar App//EN\r\nEND:VCALENDAR\r\n",
        "osdi.json": json.dumps({"_embedded": {"osdi:events": [{"origin_system": "campaignkit",
                                                                "identifiers": ["action_network:1"]}]}}),
    }
    for name, text in foreign.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
        line = one_error_line(cli(*runs[name], "-o", str(tmp_path / name)))
        assert line == f"Error: {tmp_path / name}: exists and was not made by campaignkit; use --force to replace it"
        assert (tmp_path / name).read_bytes() == text.encode("utf-8")


def test_csv_and_json_campaign_exports_are_replaced_while_unchanged_and_kept_once_edited(tmp_path):
    path = campaign_file(tmp_path)
    for fmt in ("csv", "json"):
        target = tmp_path / f"out.{fmt}"
        assert cli("export", str(path), "--format", fmt, "-o", str(target)).exit_code == 0
        made = target.read_bytes()
        again = cli("export", str(path), "--format", fmt, "-o", str(target))  # a rerun replaces its own file
        assert again.exit_code == 0, again.output
        assert target.read_bytes() == made
        target.write_bytes(made.replace(b"Ann Lee", b"Ann Lee-Smith"))  # edited in a spreadsheet or editor
        line = one_error_line(cli("export", str(path), "--format", fmt, "-o", str(target)))
        assert line == f"Error: {target}: exists and was changed after campaignkit wrote it; use --force to replace it"
        assert b"Ann Lee-Smith" in target.read_bytes()
        assert cli("export", str(path), "--format", fmt, "-o", str(target), "--force").exit_code == 0
        assert target.read_bytes() == made


def test_a_users_own_csv_or_campaign_file_of_the_same_name_is_never_replaced(tmp_path, monkeypatch):
    path = campaign_file(tmp_path)
    theirs = {
        "out.csv": ("csv", b"name,phone\r\nAnn,0123\r\n",
                    "carries no mark of who made it (CSV has no place for one), and campaignkit has no note of "
                    "writing it there"),
        "out.json": ("json", json.dumps({"id": "mine", "title": "My own"}).encode(),
                     "is a campaign file, which carries no mark of who made it, and campaignkit has no note of "
                     "writing it there"),
    }
    for name, (fmt, data, why) in theirs.items():
        target = tmp_path / name
        target.write_bytes(data)
        line = one_error_line(cli("export", str(path), "--format", fmt, "-o", str(target)))
        assert line == f"Error: {target}: exists and {why}; use --force to replace it"
        assert target.read_bytes() == data
    # a note is only ever kept in campaignkit's signed cache: with none, an export is replaced only with --force
    monkeypatch.setenv("CAMPAIGNKIT_CACHE_DIR", "")
    target = tmp_path / "uncached.csv"
    assert cli("export", str(path), "--format", "csv", "-o", str(target)).exit_code == 0
    line = one_error_line(cli("export", str(path), "--format", "csv", "-o", str(target)))
    assert line.endswith("campaignkit has no note of writing it there; use --force to replace it")


def test_a_planted_note_does_not_make_a_users_file_replaceable(tmp_path):
    import hashlib

    from campaignkit import cache
    from campaignkit.write import made_by_campaignkit
    from campaignkit.write.ours import WRITTEN, _place

    target = tmp_path / "mine.csv"
    target.write_bytes(b"name\r\nAnn\r\n")
    key = (_place(target),)
    entry, shown_key, _ = cache._entry(WRITTEN, key)
    value = {"sha256": hashlib.sha256(target.read_bytes()).hexdigest(), "size": target.stat().st_size}
    entry.write_text(json.dumps({"key": shown_key, "value": value, "mac": "0" * 64}), encoding="utf-8")
    assert made_by_campaignkit(target) is False  # unsigned: ignored
    cache.remember(WRITTEN, key, value)
    assert made_by_campaignkit(target) is True  # the same note, signed


def test_recognising_a_file_never_waits_on_a_pipe(tmp_path):
    from campaignkit.write import made_by_campaignkit

    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with deadline(10):
        assert made_by_campaignkit(fifo) is False
