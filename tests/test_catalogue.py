"""The bad-input catalogue (reliability notes, section 8): one test per entry, each asserting the
exact behaviour: a one-line campaignkit error naming the field, file or row (exit 1, no traceback,
no output file), or the stated graceful handling."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import socket
import textwrap
import unicodedata

import pytest
from click.testing import CliRunner
from PIL import Image

from campaignkit import (
    CampaignDataError,
    CampaignFileError,
    CampaignWarning,
    FitError,
    GlyphError,
    ImageError,
    OutputError,
    UnsafeURLError,
    load,
    loads,
    make_factsheet,
    make_leaflet,
    make_pack,
    make_placard,
    make_signatories,
)
from campaignkit.cli import main
from campaignkit.layout import qr
from campaignkit.layout.images import place_image
from campaignkit.layout.paper import MM
from campaignkit.slugs import slugify
from campaignkit.write import write_atomic

from conftest import char_geometry, decode_qr, pdf_text, render_pages, squash

BASE = """
id = "cat"
title = "Catalogue"

[[sources]]
id = "src"
url = "https://example.org/statement"

[[statements]]
id = "st"
by = "Union"
source = "src"
demands = ["Fair pay.", "Safe work.", "Free speech.", "Sick pay."]
"""


def campaign_with(replace: dict[str, str] | None = None, extra: str = ""):
    text = BASE
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    return loads(text + textwrap.dedent(extra), name="cat.toml")


def cli_error(tmp_path, toml: str, *args: str) -> str:
    """Run a command on a campaign file; assert one clean error line, exit 1, no output file."""
    path = tmp_path / "c.toml"
    path.write_text(toml, encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = CliRunner().invoke(main, [*args, str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[-1].startswith("Error: ") and "Traceback" not in result.output
    assert not out.exists()
    return lines[-1]


def text_of(data: bytes) -> str:
    return squash(" ".join(pdf_text(data)))


def test_01_markup_characters_print_literally():
    data = make_leaflet(campaign_with({"Fair pay.": "Pay < costs & profits > wages"}))
    assert "Pay < costs & profits > wages" in text_of(data)


def test_02_markup_tags_are_literal_with_no_file_read_or_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", no_network)
    evil = '<font color=red>x</font> <img src="/etc/passwd"/> <unichar name="x"/>'
    data = make_leaflet(campaign_with({"Fair pay.": evil.replace('"', "'")})).data
    assert evil.replace('"', "'") in text_of(data)
    assert b"/Subtype /Image" not in data


def test_03_a_2000_word_demand_spills_onto_pages_on_a_leaflet_and_is_refused_on_a_placard():
    words = " ".join(f"w{n}" for n in range(2000))
    with pytest.warns(CampaignWarning, match="pages"):
        data = make_leaflet(campaign_with({"Safe work.": words}))
    assert words in text_of(data)
    with pytest.raises(FitError, match=r"--slogan\[0\]: 2000 words; a placard holds at most 60 words at 40 pt"):
        make_placard(campaign_with(), slogans=[words])


def test_04_an_unbreakable_word_wraps_on_a_leaflet_and_is_an_error_on_a_placard():
    word = "Solidarity" * 30
    data = make_leaflet(campaign_with({"Fair pay.": word}))
    assert word in "".join(" ".join(pdf_text(data)).split())
    for width, height, chars in char_geometry(data):
        assert all(0 <= c[1] and c[3] <= width for c in chars)
    with pytest.raises(FitError, match=r"the word 'Solidarity.*' is \d+ mm wide at the minimum 40 pt, wider than the \d+ mm"):
        make_placard(campaign_with(), slogans=[word])


def test_05_a_character_no_font_has_is_a_preflight_error_with_field_and_character():
    # Khmer is not bundled: without a font file for it under `fonts`, nothing can draw it.
    with pytest.raises(GlyphError, match=r"statements\[0\]\.demands\[2\]: no bundled font has a glyph for 'ក' \(U\+1780\)"
                       r".*`fonts`.*--font"):
        make_leaflet(campaign_with({"Free speech.": "Free ក speech."}))


def test_06_emoji_is_an_error_naming_the_code_point():
    with pytest.raises(GlyphError, match=r"U\+270A"):
        make_leaflet(campaign_with({"Fair pay.": "Fair pay ✊🏽"}))


@pytest.mark.parametrize("code", ["\\u0000", "\\u000b"])
def test_07_control_characters_are_an_error_with_field_and_code_point(code):
    with pytest.raises(CampaignDataError, match=rf"statements\[0\]\.demands\[0\]: contains the control or unassigned character U\+{code[2:].upper()}"):
        campaign_with({"Fair pay.": f"Fair{code}pay."})


def test_08_bidi_and_zero_width_are_refused_in_urls_and_stripped_from_text_with_a_warning():
    with pytest.raises(UnsafeURLError, match=r"sources\[0\]\.url: .*U\+200B"):
        campaign_with({"https://example.org/statement": "https://example.org/\\u200bstatement"})
    with pytest.warns(CampaignWarning, match=r"statements\[0\]\.demands\[0\]: removed invisible characters U\+202E"):
        campaign = campaign_with({"Fair pay.": "Fair\\u202e pay."})
    assert campaign.statements[0].demands[0].text.original == "Fair pay."


def test_09_nfd_text_prints_as_nfc():
    nfd = unicodedata.normalize("NFD", "Қазақ Ёлка Café")
    campaign = campaign_with({"Fair pay.": nfd})
    assert campaign.statements[0].demands[0].text.original == "Қазақ Ёлка Café"
    assert "Қазақ Ёлка Café" in text_of(make_leaflet(campaign))


def test_10_empty_or_blank_text_is_an_error(tmp_path):
    line = cli_error(tmp_path, BASE.replace('"Safe work."', '"   "'), "leaflet")
    assert "statements[0].demands[1]: is empty" in line


def test_11_five_thousand_signatories_the_leaflet_counts_the_rest_and_the_annex_prints_all():
    names = ", ".join(f'"Branch {n}"' for n in range(5000))
    campaign = loads(BASE.replace("demands = [", f"signatories = [{names}]\ndemands = ["), name="cat.toml")
    leaflet = make_leaflet(campaign)
    assert leaflet.pages == 1
    printed = text_of(leaflet.data)
    shown = len(re.findall(r"Branch \d+", printed))
    assert squash(" · ".join(f"Branch {n}" for n in range(shown))) in printed
    assert f"and {5000 - shown:,} more — full list: the signatory annex" in printed
    annex = text_of(make_signatories(campaign).data)
    assert "5,000 signatories" in annex
    assert re.findall(r"Branch (\d+)", annex) == [str(n) for n in range(5000)]


def test_12_repeated_demands_and_signatories_are_listed_in_a_warning():
    with pytest.warns(CampaignWarning, match=r"statements\[0\]\.demands: repeated demand: 'Fair pay.'"):
        campaign_with({"Safe work.": "Fair pay."})
    with pytest.warns(CampaignWarning, match=r"repeated signatory: 'A'"):
        loads(BASE.replace("demands = [", 'signatories = ["A", "B", "A"]\ndemands = ['), name="cat.toml")


@pytest.mark.parametrize(
    "url, rule",
    [
        ("javascript:alert(1)", "'javascript:'"),
        ("data:text/html;base64,AAAA", "'data:'"),
        ("file:///etc/passwd", "'file:'"),
        ("https://10.0.0.1/", "IP address 10.0.0.1"),
        ("https://localhost:8080/", "localhost is not a public host name"),
    ],
)
def test_13_dangerous_urls_are_refused_naming_field_and_rule(url, rule):
    with pytest.raises(UnsafeURLError, match=r"sources\[0\]\.url: ") as info:
        campaign_with({"https://example.org/statement": url})
    assert rule in str(info.value)


def test_14_http_warns_and_is_an_error_under_strict(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(BASE.replace("https://", "http://"), encoding="utf-8")
    relaxed = CliRunner().invoke(main, ["validate", str(path)])
    assert relaxed.exit_code == 0 and "Warning: " in relaxed.stderr and "not https" in relaxed.stderr
    strict = CliRunner().invoke(main, ["--strict", "leaflet", str(path), "-o", str(tmp_path / "o.pdf")])
    assert strict.exit_code == 1 and "not https" in strict.output and "--strict" in strict.output
    assert not (tmp_path / "o.pdf").exists()


def test_15_user_info_names_the_real_host():
    with pytest.raises(UnsafeURLError, match="user-info present in the URL; the real host is evil.example"):
        campaign_with({"https://example.org/statement": "https://campaign.org@evil.example/"})


def test_16_mixed_script_domain_shows_its_punycode():
    with pytest.raises(UnsafeURLError, match=r"xn--pple-43d\.com"):
        campaign_with({"https://example.org/statement": "https://аpple.com/"})


def test_17_single_script_idn_prints_both_forms_and_encodes_ascii():
    campaign = campaign_with({"https://example.org/statement": "https://пример.рф/акция"})
    data = make_factsheet(campaign)
    flat = "".join(" ".join(pdf_text(data)).split())
    assert "https://пример.рф/акция" in flat and "https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F" in flat
    assert decode_qr(render_pages(data, 150)[0]) == ["https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F"]


def test_18_a_url_too_long_for_the_code_gives_bytes_room_and_module_size():
    long_url = "https://example.org/" + "a" * 900
    campaign = campaign_with({"https://example.org/statement": long_url})
    with pytest.raises(FitError, match=r"sources\[0\]\.url: the URL is 920 bytes; its QR code needs \d+ mm for 0.5 mm modules but this material has room for 45 mm \(modules would be 0\.\d\d mm\)"):
        make_leaflet(campaign)


def test_19_an_empty_url_is_an_error():
    with pytest.raises(UnsafeURLError, match=r"sources\[0\]\.url: the URL is empty"):
        campaign_with({'url = "https://example.org/statement"': 'url = ""'})


def test_20_a_code_too_small_to_scan_is_an_error_with_both_sizes():
    from reportlab.pdfgen.canvas import Canvas

    with pytest.raises(FitError, match=r"sources\[0\]\.url: the QR code for .* would have 0\.\d\d mm modules; at least 0\.5 mm"):
        qr.draw(Canvas(io.BytesIO()), "https://example.org/statement", 0, 0, 12 * MM, field="sources[0].url")


def write_image(path, size, fmt="PNG", **kwargs):
    Image.new("RGB", size, (200, 30, 30)).save(path, fmt, **kwargs)
    return path


def test_21_a_small_file_declaring_a_huge_image_is_refused_before_decoding(tmp_path):
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b"")
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb)
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ImageError, match=r"logo: bomb.png declares 20000x20000 = 400,000,000 pixels; images are limited to 64,000,000"):
        place_image(str(path), 30)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB: no 1.2 GB decode


def test_22_a_large_logo_is_downsampled_to_300_dpi_at_its_printed_size(tmp_path):
    path = write_image(tmp_path / "big.jpg", (8000, 6000), "JPEG", quality=50)
    placed = place_image(str(path), 30)
    assert placed.original == (8000, 6000)
    assert placed.width == round(30 / 25.4 * 300) and abs(placed.dpi - 300) < 1


def test_23_a_small_logo_printed_large_warns_with_its_dpi(tmp_path):
    path = write_image(tmp_path / "tiny.png", (100, 100))
    with pytest.warns(CampaignWarning, match=r"logo: tiny.png prints at 25 dpi at 100 mm wide"):
        place_image(str(path), 100)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("cut.jpg", None, "damaged or truncated"),
        ("vector.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not a PNG or JPEG image (it looks like SVG)"),
        ("empty.png", b"", "is an empty file"),
        ("sky.png", b"SIMPLE  =                    T" + b" " * 50, "it looks like FITS"),
        ("art.png", b"%!PS-Adobe-3.0 EPSF-3.0\n", "it looks like EPS"),
    ],
)
def test_24_damaged_or_foreign_images_are_refused_naming_file_and_format(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is None:
        full = io.BytesIO()
        Image.new("RGB", (400, 400), (10, 120, 200)).save(full, "JPEG")
        content = full.getvalue()[: len(full.getvalue()) // 3]
    path.write_bytes(content)
    with pytest.raises(ImageError, match=rf"logo: {name} .*"):
        place_image(str(path), 30)
    with pytest.raises(ImageError) as info:
        place_image(str(path), 30)
    assert expected in str(info.value)


def test_25_exif_orientation_6_prints_upright(tmp_path):
    image = Image.new("RGB", (400, 200), "white")
    image.paste((255, 0, 0), (0, 0, 200, 200))  # red on the left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    path = tmp_path / "photo.jpg"
    image.save(path, "JPEG", exif=exif.tobytes(), quality=95)
    placed = place_image(str(path), 20)
    upright = Image.open(io.BytesIO(placed.png)).convert("RGB")
    assert upright.height > upright.width  # portrait once turned
    top, bottom = upright.getpixel((upright.width // 2, 5)), upright.getpixel((upright.width // 2, upright.height - 5))
    assert top[0] > 200 and top[1] < 80 and bottom[1] > 200  # red on top after the turn


def test_26_toml_syntax_error_names_file_line_and_column(tmp_path):
    line = cli_error(tmp_path, 'id = "x"\ntitle = "T"\ndemands = [\n  "a",\n  "b" "c"\n]\n', "leaflet")
    assert "c.toml:5:" in line and "TOML syntax error" in line


def test_27_a_typo_key_suggests_the_right_one_with_the_line(tmp_path):
    line = cli_error(tmp_path, BASE + '\n[[timeline]]\ndate = 2022-01-03\ntxt = "x"\n', "leaflet")
    assert "timeline[0].txt: unknown key 'txt' (did you mean 'text'?)" in line and "c.toml:17:" in line


def test_28_json_duplicate_keys_are_an_error(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"id": "x", "title": "A", "title": "B"}', encoding="utf-8")
    with pytest.raises(CampaignFileError, match="duplicate key 'title'"):
        load(path)


def test_29_a_cp1251_file_says_it_is_not_utf8(tmp_path):
    path = tmp_path / "c.toml"
    path.write_bytes(BASE.replace("Catalogue", "Каталог").encode("cp1251"))
    with pytest.raises(CampaignFileError, match=r"c.toml: not UTF-8 at byte 21 \(save the file as UTF-8; byte 0xCA\)"):
        load(path)


def test_30_a_huge_file_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "c.toml"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(CampaignFileError, match=r"the file is 104,857,600 bytes; campaign files are limited to 2,097,152 bytes"):
        load(path)


@pytest.mark.parametrize("title, slug", [("../../x", "x"), ("Жильё/2026", "zhilyo-2026"), ("Қазақ елі", "qazaq-eli")])
def test_31_names_built_from_data_are_safe_slugs_inside_the_output_folder(tmp_path, title, slug):
    assert slugify(title) == slug
    campaign = loads(f'id = "c"\ntitle = "T"\nslogans = [{json.dumps(title)}]\n', name="c.toml")
    pack = make_pack(campaign, tmp_path / "pack")
    for packed in pack.files:
        resolved = (tmp_path / "pack" / packed.name).resolve()
        assert resolved.is_relative_to((tmp_path / "pack").resolve()) and resolved.exists()
    assert any(slug in f.name for f in pack.files)


def test_32_existing_files_are_kept_and_failed_writes_leave_nothing(tmp_path, monkeypatch):
    mine = tmp_path / "notes.pdf"
    mine.write_bytes(b"%PDF-1.4 my own notes")
    result = CliRunner().invoke(main, ["leaflet", "-o", str(mine)])
    assert result.exit_code == 1 and "was not made by campaignkit; use --force" in result.output
    assert mine.read_bytes() == b"%PDF-1.4 my own notes"
    assert CliRunner().invoke(main, ["leaflet", "-o", str(mine), "--force"]).exit_code == 0
    assert CliRunner().invoke(main, ["leaflet", "-o", str(mine)]).exit_code == 0  # ours now: replaced

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(tmp_path / "new.pdf", b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.pdf"]


def test_33_an_event_ending_before_it_starts_names_the_event_and_both_times(tmp_path):
    extra = '\n[[events]]\nid = "e"\ntitle = "Picket"\nplace = "Gate"\ntime = "18:00"\nend_time = "09:30"\n'
    line = cli_error(tmp_path, BASE + extra, "leaflet")
    assert "events[0].end_time: the event ends (09:30) before it starts (18:00)" in line


def url_pdf(code_url: str, printed: str, *, size: float = 10, rgb=(0, 0, 0), pagesize=(595.28, 841.89)) -> bytes:
    """A page with a QR code to `code_url` and `printed` just below it, in the given size and colour."""
    from reportlab.pdfgen.canvas import Canvas

    from campaignkit.layout import fonts

    buffer = io.BytesIO()
    fonts.register_all()
    canvas = Canvas(buffer, invariant=1, initialFontName=fonts.BODY, pagesize=pagesize)
    qr.draw(canvas, code_url, 50, 600, 30 * MM)
    canvas.setFillColorRGB(*rgb)
    canvas.setFont(fonts.BODY, size)
    canvas.drawString(50, 580, printed)
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    "url, address",
    [
        ("https://127.1/", "127.0.0.1"),
        ("https://0x7f.0.0.1/", "127.0.0.1"),
        ("https://0177.0.0.1/", "127.0.0.1"),
        ("https://10.1/", "10.0.0.1"),
        ("https://192.168.1/", "192.168.0.1"),
        ("https://127.0.0.1\\\\.example.org/", "127.0.0.1"),
        ("https://[::1]/", "::1"),
        ("https://[fd00::1]:8443/", "fd00::1"),
        ("https://%31%32%37.0.0.1/", "127.0.0.1"),
        ("https://%31%30.1/", "10.0.0.1"),
    ],
)
def test_34_urls_browsers_resolve_to_ip_addresses_are_refused_naming_the_address(tmp_path, url, address):
    line = cli_error(tmp_path, BASE.replace("https://example.org/statement", url), "leaflet")
    assert f"sources[0].url: the URL points at the IP address {address}" in line


def test_35_international_names_encode_by_uts46_and_print_in_both_forms():
    campaign = campaign_with({"https://example.org/statement": "https://faß.de/aktion"})
    url = campaign.sources[0].url
    assert (url.text, url.ascii, url.host, url.international) == (
        "https://faß.de/aktion", "https://xn--fa-hia.de/aktion", "xn--fa-hia.de", True)
    data = make_factsheet(campaign)
    flat = "".join(" ".join(pdf_text(data)).split())
    assert "https://faß.de/aktion" in flat and "https://xn--fa-hia.de/aktion" in flat
    assert decode_qr(render_pages(data, 150)[0]) == ["https://xn--fa-hia.de/aktion"]


def test_36_a_host_browsers_map_to_another_name_is_refused_naming_the_real_host():
    with pytest.raises(UnsafeURLError, match=r"sources\[0\]\.url: the host name g₀₀gle\.com is not what browsers open: "
                                             r"they go to g00gle\.com"):
        campaign_with({"https://example.org/statement": "https://g₀₀gle.com/"})


@pytest.mark.parametrize(
    "url, rule",
    [
        ("https://аpple.com/", "mixes scripts (CYRILLIC, LATIN) in one label; it would really go to xn--pple-43d.com"),
        ("https://xn--pple-43d.com/", "mixes scripts (CYRILLIC, LATIN) in one label; it would really go to xn--pple-43d.com"),
        ("https://аррӏе.com/", "CYRILLIC letters that look like ASCII ones ('аррӏе'); it would really go to xn--80ak6aa92e.com"),
        ("https://xn--80ak6aa92e.com/", "CYRILLIC letters that look like ASCII ones ('аррӏе'); it would really go to xn--80ak6aa92e.com"),
    ],
)
def test_37_confusable_hosts_are_refused_in_unicode_and_xn_form_and_genuine_ones_kept(url, rule):
    with pytest.raises(UnsafeURLError, match=r"sources\[0\]\.url: ") as info:
        campaign_with({"https://example.org/statement": url})
    assert rule in str(info.value)
    for genuine in ("https://пример.рф/", "https://правда.рф/"):
        assert campaign_with({"https://example.org/statement": genuine}).sources[0].url.text == genuine


def test_38_the_code_holds_exactly_the_ascii_form_of_the_printed_url():
    import ada_url

    # TOML doubles each backslash: the third URL is written https:\\example.org\a
    for written in ("https://пример.рф/акция?id=1&x=2", "HTTPS://Example.ORG:443/a/../b", "https:\\\\\\\\example.org\\\\a",
                    "https://xn--e1afmkfd.xn--p1ai/", "https://faß.de/#Straße"):
        url = campaign_with({"https://example.org/statement": written}).sources[0].url
        assert ada_url.URL(url.text).href == ada_url.URL(url.ascii).href == url.ascii


def test_39_verify_fails_a_code_whose_url_is_printed_only_in_tiny_white_text(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(url_pdf("https://evil.example.com/login", "https://evil.example.com/login", size=1, rgb=(1, 1, 1)))
    result = CliRunner().invoke(main, ["verify", str(bad)])
    assert result.exit_code == 1 and "FAIL" in result.output and "NOT printed" in result.output
    assert "printed only in 1.0 pt text (at least 6 pt)" in result.output


def test_40_verify_fails_a_code_to_a_prefix_of_a_longer_printed_url(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(url_pdf("https://evil.com", "https://evil.com.example.org/page"))
    result = CliRunner().invoke(main, ["verify", str(bad)])
    assert result.exit_code == 1 and "FAIL" in result.output
    assert "printed only inside the longer https://evil.com.example.org/page" in result.output


def test_41_verify_refuses_a_page_too_large_to_render_in_one_line(tmp_path):
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(url_pdf("https://example.org/donate", "https://example.org/donate", pagesize=(14400, 14400)))
    result = CliRunner().invoke(main, ["verify", str(huge)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"Error: {huge}: page 1 is 5080 x 5080 mm, 1,600 million pixels at 200 dpi; verify renders at "
                     f"most 100 million per page; it is too large to check"]


def test_42_verify_without_the_decoder_says_how_to_install_it_from_source_too(without_qr_decoder):
    from campaignkit import CampaignkitError
    from campaignkit.verify import verify_pdf

    with pytest.raises(CampaignkitError, match=r"verify needs the QR decoder zxing-cpp: pip install zxing-cpp \("):
        verify_pdf(b"%PDF-1.4")


def test_43_every_pdf_campaignkit_makes_passes_verify(tmp_path):
    result = CliRunner().invoke(main, ["pack", "-o", str(tmp_path / "pack")])
    assert result.exit_code == 0, result.output
    idn = campaign_with({"https://example.org/statement": "https://пример.рф/акция?id=1&x=2"})
    (tmp_path / "pack" / "idn-leaflet.pdf").write_bytes(bytes(make_leaflet(idn)))
    (tmp_path / "pack" / "idn-factsheet.pdf").write_bytes(bytes(make_factsheet(idn, lang="ru")))
    pdfs = sorted(str(p) for p in (tmp_path / "pack").rglob("*.pdf"))
    result = CliRunner().invoke(main, ["verify", "--dpi", "150", *pdfs])
    assert result.exit_code == 0, result.output
    assert "FAIL" not in result.output and result.output.count(": ok ") >= 9
