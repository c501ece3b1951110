"""No network, reproducible bytes across processes and hash seeds, and QR codes that survive."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys

import pytest
from PIL import ImageDraw

from campaignkit import load, make_pack
from campaignkit.batch import make_batch
from campaignkit.verify import _false_detection

from conftest import ROOT, decode_qr, render_pages

CAMPAIGN = load()


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[:2]}")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)


def test_every_material_is_made_without_the_network(no_network, tmp_path):
    pack = make_pack(CAMPAIGN, tmp_path / "pack", lang="kk")
    assert len(pack.files) > 15
    example = load(ROOT / "examples" / "harbour-cleaners-strike.toml")  # with a logo and a petition QR code
    assert make_pack(example, tmp_path / "example").files
    csv = tmp_path / "e.csv"
    csv.write_text("city,place,date\nLeeds,Square,2026-03-01\nАлматы,Алаң,2026-03-02\n", encoding="utf-8")
    result = make_batch(CAMPAIGN, csv, tmp_path / "batch", materials=("leaflet", "placard", "signup"), jobs=1,
                        today=dt.date(2026, 2, 1))
    assert len(result.made) == 2


@pytest.mark.parametrize("cache", ["", "use"])
def test_same_bytes_under_different_hash_seeds(tmp_path, cache):
    hashes = []
    for seed in ("1", "987654"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "CAMPAIGNKIT_CACHE_DIR": str(tmp_path / "cache") if cache else ""}
        out = tmp_path / f"pack-{seed}"
        subprocess.run([sys.executable, "-m", "campaignkit", "pack", "-o", str(out), "--lang", "ru"],
                       check=True, capture_output=True, env=env)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        hashes.append([(f["name"], f["sha256"]) for f in manifest["files"]])
    assert hashes[0] == hashes[1]


def test_every_code_in_the_pack_decodes_at_150_dpi_and_with_15_percent_blanked(tmp_path):
    import zxingcpp

    pack = make_pack(CAMPAIGN, tmp_path / "pack")
    codes_seen = 0
    for packed in pack.files:
        if not packed.name.endswith(".pdf"):
            continue
        for image in render_pages((tmp_path / "pack" / packed.name).read_bytes(), 150):
            image = image.convert("L")
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            found = [code for code in found if not _false_detection(code, found)]  # a code's corner read as Micro QR
            if not found:
                continue
            expected = sorted(code.text for code in found)
            draw = ImageDraw.Draw(image)
            for code in found:
                p = code.position
                left, top, side = p.top_left.x, p.top_left.y, p.top_right.x - p.top_left.x
                half = (0.15 ** 0.5) * side / 2  # a square of 15% of the code's area, off-centre
                cx, cy = left + 0.6 * side, top + 0.6 * side
                draw.rectangle([cx - half, cy - half, cx + half, cy + half], fill=255)
            assert sorted(decode_qr(image)) == expected, packed.name
            codes_seen += len(found)
    assert codes_seen >= 7
