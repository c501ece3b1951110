"""What every PDF says about itself: Info and XMP agreeing, one date (SOURCE_DATE_EPOCH when set),
and the viewer preferences that keep placards at actual size and two-up sheets the right way up."""

from __future__ import annotations

import io

import pikepdf
import pytest
from click.testing import CliRunner

from campaignkit import load, make_factsheet, make_leaflet, make_placard, make_signup
from campaignkit.cli import main

from conftest import ROOT

HARBOUR = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
MAKERS = {
    "leaflet": lambda: make_leaflet(HARBOUR),
    "two-up": lambda: make_leaflet(HARBOUR, two_up=True),
    "placard": lambda: make_placard(HARBOUR, size="A4"),
    "tiled": lambda: make_placard(HARBOUR, size="A3", tile="A4", slogans=["Same job, same pay!"]),
    "factsheet": lambda: make_factsheet(HARBOUR, lang="ru"),
    "signup": lambda: make_signup(HARBOUR),
    "press": lambda: make_leaflet(HARBOUR, press=True),
}


def xmp_and_info(data: bytes) -> tuple[dict, dict, pikepdf.Dictionary, bool]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stream = pdf.Root.Metadata
        compressed = "/Filter" in stream
        meta = pdf.open_metadata()
        xmp = {key: meta.get(key) for key in ("dc:title", "dc:description", "dc:creator", "dc:language",
                                              "xmp:CreatorTool", "xmp:CreateDate", "xmp:ModifyDate",
                                              "pdf:Producer", "pdf:Keywords")}
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        prefs = pikepdf.Dictionary(pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary()))
        lang = str(pdf.Root.Lang)
    xmp["lang"] = lang
    return xmp, info, prefs, compressed


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_xmp_repeats_the_info_dictionary(kind, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    xmp, info, _, compressed = xmp_and_info(MAKERS[kind]().data)
    assert not compressed, "XMP readers expect the packet uncompressed"
    assert xmp["dc:title"] == info["/Title"] and xmp["dc:description"] == info["/Subject"]
    assert xmp["dc:creator"] == [info["/Author"]]
    assert xmp["dc:language"] == {xmp["lang"]}
    assert xmp["xmp:CreatorTool"] == info["/Creator"] and xmp["pdf:Producer"] == info["/Producer"]
    assert xmp["pdf:Keywords"] == info["/Keywords"] and "campaignkit-material=" in info["/Keywords"]
    assert info["/CreationDate"] == info["/ModDate"] == "D:20000101000000+00'00'"
    assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2000-01-01T00:00:00Z"


def test_source_date_epoch_sets_every_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    first = make_factsheet(HARBOUR).data
    xmp, info, _, _ = xmp_and_info(first)
    assert info["/CreationDate"] == info["/ModDate"] == "D:20231114221320+00'00'"
    assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2023-11-14T22:13:20Z"
    assert make_factsheet(HARBOUR).data == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    assert make_factsheet(HARBOUR).data != first


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5", "99999999999999"])
def test_a_malformed_source_date_epoch_is_one_clear_error(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out = tmp_path / "leaflet.pdf"
    result = CliRunner().invoke(main, ["leaflet", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "SOURCE_DATE_EPOCH: expected a whole number of seconds" in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize("kind, scaling, duplex", [
    ("leaflet", None, None), ("two-up", None, "/DuplexFlipShortEdge"), ("placard", "/None", None),
    ("tiled", "/None", None), ("factsheet", None, None), ("signup", None, None), ("press", None, None),
])
def test_viewer_preferences(kind, scaling, duplex):
    _, _, prefs, _ = xmp_and_info(MAKERS[kind]().data)
    assert prefs.get("/DisplayDocTitle") is True
    assert prefs.get("/PrintScaling") == scaling
    assert prefs.get("/Duplex") == duplex
