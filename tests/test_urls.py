"""URL rules as browsers read URLs (WHATWG parsing, UTS 46, Unicode's confusables data), and the promise
that a QR code holds exactly the ASCII form of the URL printed beside it."""

from __future__ import annotations

import warnings

import ada_url
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignkit import CampaignWarning, UnsafeURLError
from campaignkit.loader.urls import check_url, readable_url


def refused(url: str) -> str:
    with pytest.raises(UnsafeURLError) as info:
        check_url(url, "sources[0].url")
    message = str(info.value)
    assert message.startswith("sources[0].url: ") and "\n" not in message
    return message


@pytest.mark.parametrize(
    "url, address",
    [
        ("https://127.1/", "127.0.0.1"),
        ("https://0x7f.0.0.1/", "127.0.0.1"),
        ("https://0177.0.0.1/", "127.0.0.1"),
        ("https://10.1/", "10.0.0.1"),
        ("https://192.168.1/", "192.168.0.1"),
        ("https://127.0.0.1\\.example.org/", "127.0.0.1"),
        ("https://127.0.0.1./", "127.0.0.1"),
        ("https://%31%32%37.0.0.1/", "127.0.0.1"),
        ("https://%30x7f.1/", "127.0.0.1"),
        ("https://3232235777/", "192.168.1.1"),
        ("https://８.８.８.８/", "8.8.8.8"),
        ("https://[::1]/", "::1"),
        ("https://[::ffff:127.0.0.1]:8443/", "::ffff:7f00:1"),
        ("https://93.184.216.34/", "93.184.216.34"),
    ],
)
def test_every_spelling_of_an_ip_address_is_refused_naming_the_address(url, address):
    assert f"the URL points at the IP address {address}" in refused(url)


def test_shorthand_addresses_say_how_browsers_read_them():
    assert "browsers read 0x7f.0.0.1 as 127.0.0.1" in refused("https://0x7f.0.0.1/x")


@pytest.mark.parametrize(
    "url, host",
    [
        ("https://localhost/", "localhost"),
        ("https://ｌｏｃａｌｈｏｓｔ/", "localhost"),
        ("https://intranet/", "intranet"),
        ("https://printer.local/", "printer.local"),
        ("https://db.internal./", "db.internal"),
    ],
)
def test_local_names_are_refused(url, host):
    assert f"{host} is not a public host name" in refused(url)


def test_uts46_gives_the_browsers_encoding_not_idna_2003():
    url = check_url("https://faß.de/")
    assert url.ascii == "https://xn--fa-hia.de/" and url.host == "xn--fa-hia.de"
    assert url.text == "https://faß.de/" and url.international
    assert "faß.de".encode("idna") == b"fass.de"  # what Python's own codec would have sent


@pytest.mark.parametrize(
    "url, real",
    [
        ("https://g₀₀gle.com/", "g00gle.com"),
        ("https://ｅｘａｍｐｌｅ.org/", "example.org"),
        ("https://example。org/", "example.org"),
        ("https://ex%61mple.org/", "example.org"),
        ("https://ﬁle.example.org/", "file.example.org"),
    ],
)
def test_a_host_browsers_map_to_another_spelling_is_refused_naming_the_real_host(url, real):
    message = refused(url)
    assert "is not what browsers open" in message and f"they go to {real}" in message


def test_letter_case_and_either_form_of_a_label_are_what_browsers_open():
    assert check_url("https://EXAMPLE.Org/Path").ascii == "https://example.org/Path"
    upper = check_url("https://ПРИМЕР.РФ/")
    assert upper.text == "https://пример.рф/" and upper.ascii == "https://xn--e1afmkfd.xn--p1ai/"
    for written in ("https://xn--e1afmkfd.xn--p1ai/", "https://пример.xn--p1ai/"):
        url = check_url(written)
        assert url.text == "https://пример.рф/" and url.ascii == "https://xn--e1afmkfd.xn--p1ai/"


@pytest.mark.parametrize(
    "url, shown",
    [
        ("https://аpple.com/", "mixes scripts (CYRILLIC, LATIN)"),
        ("https://xn--pple-43d.com/", "mixes scripts (CYRILLIC, LATIN)"),
        ("https://paypaι.com/", "mixes scripts (GREEK, LATIN)"),
        ("https://аррӏе.com/", "CYRILLIC letters that look like ASCII ones"),
        ("https://xn--80ak6aa92e.com/", "CYRILLIC letters that look like ASCII ones"),
        ("https://ѕсоре.example.org/", "CYRILLIC letters that look like ASCII ones"),
        ("https://ɡoogle.com/", "LATIN letters that look like ASCII ones"),
        ("https://www.οpenai.com/", "mixes scripts (GREEK, LATIN)"),
    ],
)
def test_confusable_hosts_are_refused_in_unicode_and_xn_form_naming_the_real_host(url, shown):
    message = refused(url)
    assert shown in message and "it would really go to " in message and "xn--" in message.split("really go to ")[1]


@pytest.mark.parametrize(
    "url, ascii_host",
    [
        ("https://пример.рф/", "xn--e1afmkfd.xn--p1ai"),
        ("https://правда.рф/", "xn--80aafi6cg.xn--p1ai"),
        ("https://straße.de/", "xn--strae-oqa.de"),
        ("https://münchen.de/", "xn--mnchen-3ya.de"),
        ("https://bücher.example.com/", "xn--bcher-kva.example.com"),
        ("https://日本語.jp/", "xn--wgv71a119e.jp"),
        ("https://ドメイン名例.jp/", "xn--eckwd4c7cu47r2wf.jp"),
        ("https://한국.kr/", "xn--3e0b707e.kr"),
        ("https://ελλάδα.gr/", "xn--hxakic4aa.gr"),
        ("https://қазақстан.kz/", "xn--80aaa0a6awh12ed.kz"),
    ],
)
def test_genuine_single_script_names_are_accepted(url, ascii_host):
    checked = check_url(url)
    assert checked.host == ascii_host and checked.international


@pytest.mark.parametrize(
    "url, why",
    [
        ("https://example.com⁄evil.org/", "U+2044"),
        ("https://i❤.ws/", "U+2764"),
        ("https://xn--zz.com/", "not a valid international name"),
    ],
)
def test_labels_idna_2008_does_not_allow_are_refused(url, why):
    assert why in refused(url)


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u200d", "\u202e", "\u2066", "\ufe0f", "\u3164", "\U000e0041", "\t"])
def test_invisible_characters_are_refused_anywhere(char):
    for url in (f"https://exa{char}mple.org/", f"https://example.org/a{char}b"):
        assert f"U+{ord(char):04X}" in refused(url)


def test_user_info_is_refused_naming_the_host_browsers_open():
    assert "the real host is evil.example.net" in refused("https://campaign.org@evil.example.net/")
    assert "the real host is c.example.net" in refused("https://a@b@c.example.net/")
    assert "the real host is evil.example.net" in refused("https://@evil.example.net/")


def test_backslashes_are_read_as_browsers_read_them():
    url = check_url("https:\\\\example.org\\a\\b")
    assert url.ascii == url.text == "https://example.org/a/b"
    # urlsplit saw user-info here and named good.example.org; browsers open evil.example.net
    url = check_url("https://evil.example.net\\@good.example.org/")
    assert url.host == "evil.example.net" and url.text == "https://evil.example.net/@good.example.org/"


def test_schemes_empty_and_long_urls_keep_their_rules():
    assert "'javascript:'" in refused("javascript:alert(1)")
    assert "'data:'" in refused("data:text/html,hi")
    assert "'file:'" in refused("file:///etc/passwd")
    assert "'ftp:'" in refused("ftp://example.org/")
    assert "no scheme" in refused("example.org/page")
    assert "the URL is empty" in refused("  ")
    assert "at most 1000" in refused("https://example.org/" + "a" * 1000)
    assert "invalid port" in refused("https://example.org:99999/")
    assert "not a valid web address" in refused("https://1.2.3.4.5/")
    with pytest.warns(CampaignWarning, match="not https"):
        assert check_url("http://example.org").insecure


def test_printed_form_is_readable_and_the_code_form_is_the_browsers_href():
    url = check_url("https://пример.рф/акция?id=1&x=2#раздел")
    assert url.text == "https://пример.рф/акция?id=1&x=2#раздел"
    assert url.ascii == "https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F?id=1&x=2#%D1%80%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB"
    assert url.domain == "пример.рф"
    # ASCII escapes change meaning when decoded, and escapes of invisible characters stay visible
    url = check_url("https://example.org/a%2Fb%20c/%E2%80%8B/caf%C3%A9")
    assert url.text == "https://example.org/a%2Fb%20c/%E2%80%8B/café"
    plain = check_url("https://example.org/donate")
    assert plain.text == plain.ascii == "https://example.org/donate" and not plain.international


def test_readable_url_undoes_the_encoding():
    href = "https://xn--e1afmkfd.xn--p1ai/%D0%B0%D0%BA%D1%86%D0%B8%D1%8F?id=1"
    assert readable_url(href) == "https://пример.рф/акция?id=1"
    assert readable_url("not a url") == "not a url"


# Hosts: labels from ASCII and from genuine alphabets (and some confusable letters, which must be
# refused or else keep the promise); paths with every kind of character browsers encode or keep.
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"
UNICODE_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіßüöäéèçñαβγδεζηθλμξπστφχψω日本語ドメイン한국"
label = st.one_of(
    st.text(LETTERS, min_size=1, max_size=12),
    st.text(LETTERS + UNICODE_LETTERS, min_size=1, max_size=12),
    st.text("аеорсху" + "abc", min_size=1, max_size=8),  # look-alikes
)
host = st.lists(label, min_size=1, max_size=3).map(".".join).flatmap(
    lambda h: st.sampled_from([h + ".org", h + ".рф", h + ".de", h + ".xn--p1ai", h.upper() + ".com"]))
path_char = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(list("/?&=#%.:;@!$'()*+,~[]|^`{}\\\"<>")),
    st.sampled_from(["%2F", "%20", "%D0%B0", "%d0%b0", "%E2%80%8B", "%C3%A9", "%FF", "%", "%41", "..", "./"]),
)
tail = st.lists(path_char, max_size=30).map("".join)
url_text = st.builds(lambda scheme, h, port, t: f"{scheme}://{h}{port}/{t}",
                     st.sampled_from(["https", "HTTPS", "http"]), host,
                     st.sampled_from(["", ":443", ":8443", ":0"]), tail)


@pytest.mark.filterwarnings("ignore::campaignkit.CampaignWarning")
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url_text)
def test_a_browser_sends_the_printed_text_and_the_code_to_the_same_href(raw):
    try:
        url = check_url(raw)
    except UnsafeURLError:
        return
    href = ada_url.URL(url.ascii).href
    assert href == url.ascii, "the code holds a browser's own serialisation"
    assert ada_url.URL(url.text).href == url.ascii, "the printed text opens what the code opens"
    assert url.ascii.isascii()
    assert url.international == (url.text != url.ascii)
    assert url.host == ada_url.URL(url.ascii).hostname
    assert check_url(url.text).ascii == url.ascii, "the printed form passes the rules itself"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_a_url_or_one_clean_refusal(raw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CampaignWarning)
        try:
            url = check_url(raw, "sources[0].url")
        except UnsafeURLError as exc:
            assert str(exc).startswith("sources[0].url: ") and "\n" not in str(exc)
            return
    assert ada_url.URL(url.text).href == url.ascii
