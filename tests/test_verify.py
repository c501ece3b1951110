"""`verify` cannot be fooled: the decoded URL must be printed as a whole token, in visible ink, near its
code; pages too large to render are refused; and everything campaignkit makes passes."""

from __future__ import annotations

import io
import warnings

import pytest
from reportlab.pdfgen.canvas import Canvas

import campaignkit
from campaignkit import CampaignkitError, load, loads, make_factsheet, make_leaflet, make_signup
from campaignkit.layout import fonts, qr
from campaignkit.layout.paper import MM
from campaignkit.verify import MAX_PIXELS, verify_pdf

from conftest import ROOT

CODE_X, CODE_Y, CODE_SIZE = 50, 600, 30 * MM


def fake(code_url: str, draw=None, *, pagesize=(595.28, 841.89), code_size: float = CODE_SIZE) -> bytes:
    """A page with a QR code to `code_url` at a known place, and whatever `draw(canvas)` adds."""
    buffer = io.BytesIO()
    fonts.register_all()
    canvas = Canvas(buffer, invariant=1, initialFontName=fonts.BODY, pagesize=pagesize)
    qr.draw(canvas, code_url, CODE_X, CODE_Y, code_size)
    canvas.setFont(fonts.BODY, 10)
    if draw:
        draw(canvas)
    canvas.save()
    return buffer.getvalue()


def text_at(text: str, x: float = CODE_X, y: float = CODE_Y - 20, *, size: float = 10, rgb=(0, 0, 0)):
    def draw(canvas):
        canvas.setFillColorRGB(*rgb)
        canvas.setFont(fonts.BODY, size)
        canvas.drawString(x, y, text)
        canvas.setFillColorRGB(0, 0, 0)

    return draw


def both(*draws):
    def draw(canvas):
        for d in draws:
            d(canvas)

    return draw


def check(data: bytes):
    report = verify_pdf(data, dpi=150)
    assert len(report.codes) == 1
    return report.codes[0]


def test_a_url_printed_plainly_beside_its_code_passes():
    code = check(fake("https://example.org/donate", text_at("https://example.org/donate")))
    assert code.printed and not code.problem


@pytest.mark.parametrize(
    "draw, why",
    [
        (text_at("https://evil.example.com/login", size=1, rgb=(1, 1, 1)), "1.0 pt text"),
        (text_at("https://evil.example.com/login", size=1), "1.0 pt text"),
        (text_at("https://evil.example.com/login", size=5), "5.0 pt text (at least 6 pt)"),
        (text_at("https://evil.example.com/login", rgb=(1, 1, 1)), "ink too close to its background"),
        (text_at("https://evil.example.com/login", rgb=(0.9, 0.9, 0.9)), "ink too close to its background"),
    ],
)
def test_a_url_in_tiny_white_or_pale_text_does_not_count(draw, why):
    code = check(fake("https://evil.example.com/login", draw))
    assert not code.printed and why in code.problem and code.problem.startswith("the decoded URL is not printed")


def test_a_url_shrunk_by_its_text_matrix_or_drawn_invisibly_or_painted_over_does_not_count():
    def scaled(canvas):
        canvas.saveState()
        canvas.translate(CODE_X, CODE_Y - 20)
        canvas.scale(0.1, 0.1)
        canvas.setFont(fonts.BODY, 12)
        canvas.drawString(0, 0, "https://evil.example.com/login")
        canvas.restoreState()

    code = check(fake("https://evil.example.com/login", scaled))
    assert not code.printed and "1.2 pt text" in code.problem

    def invisible(canvas):
        text = canvas.beginText(CODE_X, CODE_Y - 20)
        text.setFont(fonts.BODY, 10)
        text.setTextRenderMode(3)
        text.textOut("https://evil.example.com/login")
        canvas.drawText(text)

    code = check(fake("https://evil.example.com/login", invisible))
    assert not code.printed and "invisible text" in code.problem

    def covered(canvas):
        canvas.drawString(CODE_X, CODE_Y - 20, "https://evil.example.com/login")
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(CODE_X - 5, CODE_Y - 25, 250, 15, stroke=0, fill=1)

    code = check(fake("https://evil.example.com/login", covered))
    assert not code.printed and "hardly shows on the rendered page" in code.problem


def test_faint_text_does_not_count_and_half_tone_text_does():
    def faint(alpha):
        def draw(canvas):
            canvas.setFillAlpha(alpha)
            canvas.drawString(CODE_X, CODE_Y - 20, "https://example.org/donate")
            canvas.setFillAlpha(1)

        return draw

    assert "ink too close to its background" in check(fake("https://example.org/donate", faint(0.2))).problem
    assert check(fake("https://example.org/donate", faint(0.6))).printed


def test_white_text_on_a_dark_box_is_visible():
    def dark_box(canvas):
        canvas.rect(CODE_X - 5, CODE_Y - 25, 250, 16, stroke=0, fill=1)

    code = check(fake("https://example.org/donate", both(dark_box, text_at("https://example.org/donate", rgb=(1, 1, 1)))))
    assert code.printed and not code.problem


def test_a_code_to_a_prefix_of_a_longer_printed_url_fails():
    code = check(fake("https://evil.com", text_at("https://evil.com.example.org/page")))
    assert not code.printed and "only inside the longer https://evil.com.example.org/page" in code.problem
    code = check(fake("https://example.org/pay", text_at("https://example.org/pay/more")))
    assert not code.printed
    code = check(fake("https://example.org/pay", text_at("xhttps://example.org/pay")))
    assert not code.printed


def test_hidden_characters_read_as_blanks():
    # A white tail is no part of what people read: the code to the visible part passes, the
    # code to the whole text does not.
    def split(canvas):
        canvas.drawString(CODE_X, CODE_Y - 20, "https://evil.com")
        width = canvas.stringWidth("https://evil.com", fonts.BODY, 10)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.drawString(CODE_X + width, CODE_Y - 20, ".example.org/page")

    assert check(fake("https://evil.com", split)).printed
    assert not check(fake("https://evil.com.example.org/page", split)).printed


def test_a_url_far_from_its_code_does_not_count():
    code = check(fake("https://example.org/donate", text_at("https://example.org/donate", x=300, y=100)))
    assert not code.printed and "mm from the code (at most 30 mm)" in code.problem
    near = check(fake("https://example.org/donate", text_at("https://example.org/donate", x=CODE_X + 100, y=CODE_Y + 40)))
    assert near.printed


def test_a_url_drawn_under_or_over_the_code_does_not_count():
    under = text_at("https://evil.example.com/login", x=CODE_X + 10, y=CODE_Y + 40)

    def under_the_modules(canvas):
        under(canvas)
        qr.draw(canvas, "https://evil.example.com/login", CODE_X, CODE_Y, CODE_SIZE)

    assert not check(fake("https://evil.example.com/login", under_the_modules)).printed
    assert not check(fake("https://evil.example.com/login", under)).printed  # on top of the modules

    def on_a_patch(canvas):  # readable, on a white patch in the middle of a large code, which still decodes
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(CODE_X + 95, CODE_Y + 110, 52, 11, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont(fonts.BODY, 8)
        canvas.drawString(CODE_X + 96, CODE_Y + 112, "https://e.org/")

    code = check(fake("https://e.org/", on_a_patch, code_size=85 * MM))
    assert not code.printed and "over the code itself" in code.problem


def test_a_wrapped_url_is_reassembled_and_only_the_whole_of_it_matches():
    lines = ["https://example.org/a/very/", "long/path?id=1&", "x=2"]

    def wrapped(canvas):
        for n, line in enumerate(lines):
            canvas.drawString(CODE_X + 100, CODE_Y + 60 - 12 * n, line)

    assert check(fake("https://example.org/a/very/long/path?id=1&x=2", wrapped)).printed
    assert not check(fake("https://example.org/a/very/", wrapped)).printed
    assert not check(fake("https://example.org/a/very/long/path?id=1&", wrapped)).printed


def lines_at(*lines: str):
    def draw(canvas):
        for n, line in enumerate(lines):
            canvas.drawString(CODE_X + 100, CODE_Y + 60 - 12 * n, line)

    return draw


def test_a_host_is_joined_across_lines_only_at_a_dot_or_hyphen():
    assert check(fake("https://evil.com.example.org/page", lines_at("https://evil.com.", "example.org/page"))).printed
    assert check(fake("https://a-long-name.example.org/", lines_at("https://a-long-", "name.example.org/"))).printed
    code = check(fake("https://evil.comple.org/page", lines_at("https://evil.com", "ple.org/page")))
    assert not code.printed
    # past the host, a line may break anywhere (reportlab splits a word too long for its line)
    assert check(fake("https://example.org/aaaabbbb", lines_at("https://example.org/aaaa", "bbbb"))).printed


def test_a_line_ending_in_a_dot_does_not_run_on_into_a_url_below_it():
    """A source's date ("опубликовано 20 января 2026 г.") over its address is two lines, not one token."""
    code = check(fake("https://example.org/zayavlenie", lines_at("опубликовано 20 января 2026 г.",
                                                                  "https://example.org/", "zayavlenie")))
    assert code.printed, code.problem


def test_campaignkit_urls_split_by_the_layout_still_pass():
    for url in ("https://example.org/x/" + "b" * 150, "https://a-very-long-campaign-organisation-name.example.org/page"):
        campaign = loads(f'id = "c"\ntitle = "T"\n[[sources]]\nid = "s"\nurl = "{url}"\n'
                         '[[sources]]\nid = "t"\nurl = "https://example.org/b"\n'
                         '[[facts]]\ntext = "F."\nsource = "s"\n[[facts]]\ntext = "G."\nsource = "t"\n', name="c.toml")
        report = verify_pdf(make_factsheet(campaign), dpi=150)
        assert report.ok and len(report.codes) == 2


def test_a_url_followed_by_a_line_of_words_is_still_whole():
    def lines(canvas):
        canvas.drawString(CODE_X + 100, CODE_Y + 60, "https://пример.рф/")
        canvas.drawString(CODE_X + 100, CODE_Y + 48, "in ASCII:")
        canvas.drawString(CODE_X + 100, CODE_Y + 36, "https://xn--e1afmkfd.xn--p1ai/")

    assert check(fake("https://xn--e1afmkfd.xn--p1ai/", lines)).printed


def test_the_readable_form_alone_counts_and_a_browser_equivalent_spelling_counts():
    href = "https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F?id=1"
    assert check(fake(href, text_at("https://пример.рф/акция?id=1"))).printed
    assert check(fake("https://example.org/", text_at("https://example.org"))).printed
    assert check(fake("https://example.org/donate", text_at("(https://example.org/donate)."))).printed
    assert not check(fake(href, text_at("https://пример.рф/акция?id=2"))).printed


def test_a_look_alike_url_printed_exactly_still_fails_the_url_rules():
    code = check(fake("https://xn--pple-43d.com/", text_at("https://аpple.com/")))
    assert code.printed and "breaks a URL rule" in code.problem and "mixes scripts" in code.problem
    assert "IP address 127.0.0.1" in check(fake("https://127.1/", text_at("https://127.1/"))).problem


def test_pages_above_the_pixel_cap_are_refused_before_rendering():
    data = fake("https://example.org/donate", text_at("https://example.org/donate"), pagesize=(14400, 14400))
    with pytest.raises(CampaignkitError) as info:
        verify_pdf(data, name="huge.pdf")
    message = str(info.value)
    assert "\n" not in message and message.startswith("huge.pdf: page 1 is 5080 x 5080 mm")
    assert "1,600 million pixels at 200 dpi" in message and "at most 100 million" in message
    assert "too large to check" in message
    a0 = fake("https://example.org/donate", text_at("https://example.org/donate"), pagesize=(2384, 3370))
    with pytest.raises(CampaignkitError, match=r"139 million pixels at 300 dpi; verify renders at most 100 million per page; try --dpi 254$"):
        verify_pdf(a0, dpi=300)
    assert MAX_PIXELS == 100_000_000


def test_the_install_hint_works_from_source_too(without_qr_decoder):
    with pytest.raises(CampaignkitError, match=r"pip install zxing-cpp"):
        verify_pdf(b"%PDF-1.4")


IDN = "https://пример.рф/акция?id=1&x=2"


@pytest.fixture(scope="module")
def idn_campaign():
    text = (ROOT / "examples" / "harbour-cleaners-strike.toml").read_text(encoding="utf-8")
    text = text.replace("https://example.org/harbour-cleaners/petition", IDN)
    text = text.replace("https://example.org/harbour-cleaners/bulletin-1",
                        "https://правда.рф/новости/2022/01/очень-длинный-адрес-статьи-о-забастовке?id=1&x=2&y=3")
    text = text.replace("https://example.org/gazette/cleaners-walk-out", "https://faß.de/")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return loads(text, name="idn.toml", base_dir=ROOT / "examples")


def test_every_pdf_of_a_pack_passes(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        campaignkit.make_pack(load(), tmp_path / "pack")
    pdfs = sorted((tmp_path / "pack").rglob("*.pdf"))
    assert pdfs
    codes = 0
    for pdf in pdfs:
        report = verify_pdf(pdf, dpi=150)
        assert report.ok, [c.problem for c in report.codes]
        codes += len(report.codes)
    assert codes >= 5


@pytest.mark.parametrize("lang", [None, "ru"])
def test_international_leaflets_fact_sheets_and_signup_sheets_pass(idn_campaign, lang):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        made = [make_leaflet(idn_campaign, lang=lang), make_leaflet(idn_campaign, lang=lang, paper="A5"),
                make_leaflet(idn_campaign, lang=lang, two_up=True), make_leaflet(idn_campaign, lang=lang, grayscale=True),
                make_factsheet(idn_campaign, lang=lang), make_signup(idn_campaign, lang=lang)]
    urls = set()
    for data in made:
        report = verify_pdf(data, dpi=150)
        assert report.codes and report.ok, [c.problem for c in report.codes]
        urls |= {c.url for c in report.codes}
    assert "https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F?id=1&x=2" in urls
    assert "https://xn--fa-hia.de/" in urls


def test_a_fact_sheet_with_an_international_source_passes():
    campaign = loads(
        'id = "idn"\ntitle = "T"\n[[sources]]\nid = "s"\ntitle = "Акция"\n'
        f'url = "{IDN}"\n[[facts]]\ntext = "A fact."\nsource = "s"\n',
        name="idn.toml",
    )
    report = verify_pdf(make_factsheet(campaign))
    assert report.ok and [c.url for c in report.codes] == [campaign.sources[0].url.ascii]


def test_a_micro_qr_version_gives_its_module_count_and_a_false_one_in_a_picture_is_no_code():
    """zxing reports Micro QR versions as "M1".."M4": module sizes are worked out from them, and a Micro
    QR that does not decode (read in the texture of a logo) is not counted as a code of the page."""
    from types import SimpleNamespace

    from campaignkit.verify import _false_detection, modules_across

    assert [modules_across(v) for v in ("1", "5", 5, "M1", "M4", "", None, "R7x43")] == [21, 37, 37, 11, 17, 0, 0, 0]
    assert _false_detection(SimpleNamespace(valid=False, extra={"Version": "M4"}))
    assert not _false_detection(SimpleNamespace(valid=True, extra={"Version": "M4"}))
    assert not _false_detection(SimpleNamespace(valid=False, extra={"Version": "5"}))


def test_a_micro_qr_read_in_the_corner_of_a_qr_code_is_not_a_code_of_the_page():
    """zxing may read a QR code's corner (its finder pattern and the modules beside it) as a Micro QR
    that decodes: inside a code found on the page it is that code's corner; on its own it is a code."""
    from types import SimpleNamespace

    from campaignkit.verify import _false_detection

    def found(valid, version, x0, y0, x1, y1):
        point = SimpleNamespace
        position = SimpleNamespace(top_left=point(x=x0, y=y0), top_right=point(x=x1, y=y0),
                                   bottom_left=point(x=x0, y=y1), bottom_right=point(x=x1, y=y1))
        return SimpleNamespace(valid=valid, extra={"Version": version}, position=position)

    code = found(True, "5", 96, 849, 238, 990)
    corner = found(True, "M2", 198, 849, 237, 888)
    elsewhere = found(True, "M2", 400, 849, 439, 888)
    page = [code, corner, elsewhere]
    assert _false_detection(corner, page)
    assert not _false_detection(elsewhere, page)
    assert not _false_detection(code, page)
    assert not _false_detection(corner, [corner])
