"""Errors that name the file and line: a URL too long for any QR code, a material's error traced back
to its line."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from campaignkit import (
    FitError,
    GlyphError,
    ImageError,
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
