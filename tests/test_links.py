"""Links on screen: every printed URL and every fact-sheet reference is a link annotation that pdfium
finds, over exactly the printed text, pointing where the QR code points."""

from __future__ import annotations

import ctypes
from collections import defaultdict

import ada_url
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from campaignkit import load, loads, make_factsheet, make_leaflet, make_placard, make_signup

from conftest import ROOT, decode_qr, pdf_problems, render_pages

HARBOUR = load(ROOT / "examples" / "harbour-cleaners-strike.toml")
PETITION = "https://example.org/harbour-cleaners/petition"
BULLETIN = "https://example.org/harbour-cleaners/bulletin-1"
GAZETTE = "https://example.org/gazette/cleaners-walk-out"


def page_links(data) -> list[list[tuple[str, str, tuple[float, float, float, float]]]]:
    """For each page, pdfium's links: (URI, the text under the link's rectangle, the rectangle)."""
    pdf = pdfium.PdfDocument(bytes(data))
    pages = []
    for page in pdf:
        text = page.get_textpage()
        found, position, link = [], ctypes.c_int(0), raw.FPDF_LINK()
        while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
            rect = raw.FS_RECTF()
            assert raw.FPDFLink_GetAnnotRect(link, rect)
            action = raw.FPDFLink_GetAction(link)
            size = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFAction_GetURIPath(pdf.raw, action, buffer, size)
            box = (rect.left, rect.bottom, rect.right, rect.top)
            found.append((buffer.value.decode("ascii"), text.get_text_bounded(*box), box))
        pages.append(found)
    return pages


def linked_texts(data) -> dict[str, list[str]]:
    """URI -> the printed text of each linked run: a URL's lines (links to one URI, one under the other at
    the same left edge) joined."""
    out: dict[str, list[str]] = defaultdict(list)
    for links in page_links(data):
        previous = None
        for uri, text, box in links:
            if previous and uri == previous[0] and abs(box[0] - previous[2][0]) < 1 and \
                    0 <= previous[2][1] - box[3] < 4:
                out[uri][-1] += text
            else:
                out[uri].append(text)
            previous = (uri, text, box)
    return out


@pytest.fixture(scope="module")
def leaflet():
    return make_leaflet(HARBOUR).data


def test_every_printed_url_on_a_leaflet_is_a_link_to_what_its_qr_code_holds(leaflet):
    texts = linked_texts(leaflet)
    assert set(texts) == {PETITION, BULLETIN}
    for uri, printed in texts.items():
        assert [t.strip() for t in printed] == [uri], uri  # the whole URL, once, under its own link
    assert set(decode_qr(render_pages(leaflet, 150)[0])) == set(texts)
    assert pdf_problems(leaflet) == []


def test_two_up_links_sit_over_both_copies_of_each_url():
    data = make_leaflet(HARBOUR, two_up=True).data
    back = page_links(data)[-1]
    for uri in (PETITION, BULLETIN):
        lefts = {round(box[0]) for u, _, box in back if u == uri}
        printed = "".join(text for u, text, _ in back if u == uri)
        assert printed.replace(" ", "") == 2 * uri, uri
        assert min(lefts) < 421 < max(lefts), "one link in each half of the landscape sheet"


def test_fact_sheet_references_and_sources_link_to_their_sources():
    data = make_factsheet(HARBOUR).data
    links = [link for page in page_links(data) for link in page]
    references = [(uri, text.strip()) for uri, text, _ in links if text.strip().startswith("[")]
    assert references, "the fact sheet's [n] references are links"
    numbers = {text: uri for uri, text in references}
    assert numbers == {"[1]": BULLETIN, "[2]": GAZETTE}, numbers
    texts = linked_texts(data)
    for uri in (BULLETIN, GAZETTE):
        assert uri in [t.strip() for t in texts[uri]], uri  # its address, printed in full, is a link too


def test_a_url_links_to_its_ascii_address_while_the_readable_form_is_printed():
    campaign = loads(
        'id = "x"\ntitle = "T"\n[petition]\nurl = "https://пример.рф/подписать?за=да"\n'
        '[[sources]]\nid = "s"\nurl = "https://example.org/statement"\n'
        '[[statements]]\nid = "st"\nby = "B"\nsource = "s"\ndemands = ["D"]\n', name="idn.toml")
    data = make_leaflet(campaign).data
    texts = linked_texts(data)
    href = ada_url.URL("https://пример.рф/подписать?за=да").href  # what a browser opens
    assert href.isascii() and href.startswith("https://xn--")
    # the readable form and, under it, the address the phone will show: both printed, both links
    assert [t.strip() for t in texts[href]] == ["https://пример.рф/подписать?за=да", href]
    assert href in decode_qr(render_pages(data, 150)[0])


@pytest.mark.parametrize("make", [
    lambda: make_leaflet(HARBOUR, press=True), lambda: make_factsheet(HARBOUR, press=True),
    lambda: make_leaflet(HARBOUR, press=True, two_up=True),
])
def test_a_print_file_carries_no_links(make):
    assert all(page == [] for page in page_links(make().data))


def test_placards_have_no_links_and_each_sign_up_sheet_links_its_petition():
    assert all(page == [] for page in page_links(make_placard(HARBOUR, size="A4").data))
    sheets = page_links(make_signup(HARBOUR, sheets=2).data)
    assert len(sheets) == 2
    for links in sheets:
        assert {uri for uri, _, _ in links} == {PETITION}
        assert PETITION in "".join(text for _, text, _ in links).replace("\r\n", "")
