"""A web address as written in a campaign in, a checked `URL` (readable and ASCII forms) out.

A printed QR code is trusted by whoever scans it, so a URL is read the way a browser reads it and
then held to these rules (each refusal is one line naming the field and the rule):

- Parsing is the WHATWG URL standard's, through ada (the parser Node.js uses): IPv4 shorthand
  (`127.1`, `0x7f.0.0.1`, `0177.0.0.1`, `10.1`), backslashes read as slashes, percent-decoded hosts
  and UTS 46 mapping (`faß.de` is `xn--fa-hia.de`) all come out as a browser would have them.
- Only https (http warns); any other scheme (`javascript:`, `data:`, `file:` ...) is refused.
- No user-info (`https://campaign.org@evil.example/`): the message names the real host.
- No IP addresses in any spelling, including IPv6 literals and percent-encoded or shorthand hosts;
  no local names (`localhost`, a name without a dot, `.local`, `.internal`, `.test` ...).
- No invisible or control characters anywhere (bidi controls, zero-width characters, soft hyphen,
  variation selectors and the rest of Unicode's default-ignorable code points).
- The host as written must be the host a browser opens, up to letter case and the choice between a
  label's Unicode and `xn--` forms: `g₀₀gle.com`, `ｅｘａｍｐｌｅ.org` or `ex%61mple.org` are mapped by
  browsers to other spellings, so they are refused with the real host named.
- Every international label must be a valid IDNA 2008 label (checked with the `idna` package) and
  give the same A-label as the browser's UTS 46: that keeps out look-alike punctuation such as the
  fraction slash in `example.com⁄evil.org`, and emoji.
- Confusables, judged per label on its Unicode form (an `xn--` label is decoded first, so
  `xn--pple-43d.com` is judged as `аpple.com`), with Unicode's own data (the script of each code
  point from Scripts.txt and its look-alikes from confusables.txt, as shipped by the
  `confusable-homoglyphs` package; nothing is listed by hand here):
  * mixed script: a label may use one script, plus Common and Inherited characters (digits,
    hyphen, combining marks); the only mixtures allowed are those of UTS 39's highly restrictive
    level, for Japanese, Chinese and Korean (Han with Hiragana and Katakana, Bopomofo or Hangul,
    each also with Latin). `аpple` (Cyrillic а, Latin pple) is refused.
  * whole-script look-alike: a label with a non-ASCII letter, every character of which is ASCII
    or has an ASCII letter or digit among its confusables, reads as an ASCII label it is not and is
    refused: `аррӏе` (all Cyrillic) reads as "apple", `ɡoogle` (Latin script g) as "google". A
    genuine name keeps at least one letter with no ASCII look-alike (`пример`, `правда`, `рф`,
    `faß`), and is accepted.
- At most `MAX_URL_LENGTH` characters.

The result's `ascii` is the WHATWG `href` (what the QR code holds and a browser opens) and its
`text` the readable form of the same address: the host in Unicode, and percent-encoded non-ASCII
letters of the path, query and fragment decoded. A WHATWG parser sends `text` to that same `href`
(this is checked for every URL), so what people read and what the code opens agree.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from bisect import bisect_right
from functools import lru_cache

from ..errors import CampaignWarning, UnsafeURLError
from ..model import URL

MAX_URL_LENGTH = 1000
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home", ".arpa", ".test", ".invalid", ".example")
# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt): drawn as nothing at all.
_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
_HIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
# UTS 39 "highly restrictive": the script mixtures that real Japanese, Chinese and Korean names use.
_ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
_NO_SCRIPT = frozenset({"COMMON", "INHERITED"})


def _fail(message: str, path: str, source: str = "") -> UnsafeURLError:
    return UnsafeURLError(message, path=path, source=source)


def hidden_character(text: str) -> str | None:
    """The first character of `text` that prints as nothing or controls layout, if any."""
    for ch in text:
        code = ord(ch)
        if unicodedata.category(ch) in _HIDDEN_CATEGORIES or any(lo <= code <= hi for lo, hi in _IGNORABLE):
            return ch
    return None


def check_url(raw: str, path: str = "url", source: str = "") -> URL:
    """Check `raw` against the printing rules; `path` names the field in errors."""
    text = unicodedata.normalize("NFC", raw.strip())
    if not text:
        raise _fail("the URL is empty", path, source)
    if len(text) > MAX_URL_LENGTH:
        raise _fail(f"the URL is {len(text)} characters long; at most {MAX_URL_LENGTH} fit a QR code", path, source)
    hidden = hidden_character(text)
    if hidden is not None:
        raise _fail(f"the URL contains the invisible or control character U+{ord(hidden):04X}", path, source)
    match = _SCHEME.match(text)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ("https", "http"):
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise _fail(f"the URL has {shown}; only https:// addresses are printed", path, source)
    # The authority as written: WHATWG skips any mix of / and \ after a special scheme, and ends the
    # authority at the first / \ ? or #.
    rest = text[len(scheme) + 1:].lstrip("/\\")
    authority = re.split(r"[/\\?#]", rest, maxsplit=1)[0]
    parsed = _parse(text)
    if "@" in authority:
        real = _readable_host(parsed.hostname) if parsed is not None else authority.rsplit("@", 1)[1]
        raise _fail(f"user-info present in the URL; the real host is {real}", path, source)
    if authority.startswith("["):  # an IPv6 literal, refused below
        written_host, _, written_port = authority.partition("]")
        written_host += "]"
    else:
        written_host, _, written_port = authority.partition(":")
    if parsed is None:
        written_port = written_port.removeprefix(":")
        if written_port and (not written_port.isdigit() or int(written_port) > 65535):
            raise _fail(f"the URL has an invalid port in {authority}", path, source)
        if not written_host:
            raise _fail("the URL has no host name", path, source)
        raise _fail(f"the URL is not a valid web address (a browser cannot open {authority})", path, source)
    import ada_url

    host = parsed.hostname
    if parsed.host_type != ada_url.HostType.DEFAULT:
        address = host.strip("[]")
        how = f" (browsers read {written_host} as {address})" if written_host.lower().strip("[]") != address else ""
        raise _fail(f"the URL points at the IP address {address}{how}; use a public host name", path, source)
    bare = host.rstrip(".")
    readable_host = _readable_host(host)
    if "." not in bare or bare == "localhost" or bare.endswith(_LOCAL_SUFFIXES):
        raise _fail(f"{readable_host.rstrip('.')} is not a public host name", path, source)
    _check_written_host(written_host, host, readable_host, path, source)
    _check_labels(host, readable_host, path, source)
    href = parsed.href
    readable = _readable(href, host, readable_host)
    if scheme == "http":
        where = ": ".join(p for p in (source, path) if p)
        warnings.warn(CampaignWarning(f"{where}: {readable} is not https; prefer an https:// address"), stacklevel=2)
    return URL(text=readable, ascii=href, host=host, insecure=scheme == "http")


def readable_url(href: str) -> str:
    """The readable form of a URL (Unicode host, visible non-ASCII text decoded), or `href` itself
    when it is not a URL a browser opens; a browser reads the result as the same `href`."""
    parsed = _parse(href)
    if parsed is None or parsed.username or parsed.password:
        return href
    href = parsed.href
    return _readable(href, parsed.hostname, _readable_host(parsed.hostname))


def _parse(text: str):
    """The WHATWG parse of `text` (an ada_url.URL), or None where a browser would refuse it."""
    import ada_url

    try:
        return ada_url.URL(text)
    except ValueError:
        return None


def _readable_host(ascii_host: str) -> str:
    """The host with every `xn--` label in Unicode (UTS 46 ToUnicode), as people read it."""
    import ada_url

    if "xn--" not in ascii_host:
        return ascii_host
    return ada_url.idna_to_unicode(ascii_host)


def _check_written_host(written: str, host: str, readable_host: str, path: str, source: str) -> None:
    """The host as written must be the one browsers open: each label its A-label or its U-label, in
    any letter case; anything else (compatibility forms, percent-escapes, other dots) is refused."""
    written_labels = unicodedata.normalize("NFC", written.lower()).split(".")
    ascii_labels, unicode_labels = host.split("."), readable_host.split(".")
    same = len(written_labels) == len(ascii_labels) == len(unicode_labels) and all(
        w in (a, u) for w, a, u in zip(written_labels, ascii_labels, unicode_labels)
    )
    if not same:
        shown = readable_host if readable_host == host else f"{readable_host} ({host})"
        raise _fail(f"the host name {written} is not what browsers open: they go to {shown}; "
                    f"write the real host", path, source)


def _check_labels(host: str, readable_host: str, path: str, source: str) -> None:
    """IDNA 2008 validity and the confusables rules (module docstring) for each international label."""
    for a_label, u_label in zip(host.split("."), readable_host.split(".")):
        if a_label == u_label and not a_label.startswith("xn--"):
            continue  # plain ASCII (letters, digits, hyphen and the like): nothing to confuse
        _check_idna2008(a_label, u_label, readable_host, path, source)
        scripts = {_script(ch) for ch in u_label} - _NO_SCRIPT
        if len(scripts) > 1 and not any(scripts <= mix for mix in _ALLOWED_MIXES):
            raise _fail(
                f"the host name {readable_host} mixes scripts ({', '.join(sorted(scripts))}) in one label; "
                f"it would really go to {host}", path, source)
        if all(ch.isascii() or _ascii_look_alike(ch) for ch in u_label):
            named = ", ".join(sorted(scripts)) or "non-ASCII"
            raise _fail(
                f"the host name {readable_host} is written in {named} letters that look like ASCII ones "
                f"('{u_label}'); it would really go to {host}", path, source)


def _check_idna2008(a_label: str, u_label: str, readable_host: str, path: str, source: str) -> None:
    import idna

    try:
        encoded = idna.alabel(u_label).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise _fail(f"the host name {readable_host} has a label that is not a valid international name "
                    f"({a_label}: {exc})", path, source) from None
    if encoded != a_label:
        raise _fail(f"the host name {readable_host} encodes differently in IDNA 2008 ({encoded}) and in "
                    f"browsers ({a_label})", path, source)


@lru_cache(maxsize=1)
def _unicode_data() -> tuple[list[int], list[tuple[int, str]], dict[str, list[dict[str, str]]]]:
    """Scripts (range starts, (range end, script)) and confusables, from confusable-homoglyphs' data files.

    The files are read directly: the package's modules also import urllib.request, which costs more
    start-up time than the data itself."""
    import json
    from importlib.resources import files

    root = files("confusable_homoglyphs")
    categories = json.loads((root / "categories.json").read_text(encoding="utf-8"))
    confusables = json.loads((root / "confusables.json").read_text(encoding="utf-8"))
    aliases = categories["iso_15924_aliases"]
    ranges = sorted(categories["code_points_ranges"])
    return [r[0] for r in ranges], [(r[1], aliases[r[2]]) for r in ranges], confusables


def _script(ch: str) -> str:
    """The Unicode script (Scripts.txt) of `ch`, upper case (LATIN, CYRILLIC, COMMON ...)."""
    starts, ends, _ = _unicode_data()
    index = bisect_right(starts, ord(ch)) - 1
    if index >= 0 and ord(ch) <= ends[index][0]:
        return ends[index][1].upper()
    return "UNKNOWN"


def _ascii_look_alike(ch: str) -> bool:
    """Whether Unicode's confusables data gives `ch` an ASCII letter or digit look-alike."""
    found = _unicode_data()[2].get(ch, ())
    return any(len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum() for g in found)


def _readable(href: str, host: str, readable_host: str) -> str:
    """`href` as people read it: Unicode host, and percent-encoded runs that are visible non-ASCII
    text decoded. Falls back step by step to the ASCII form if a browser would not read the result
    as the same `href`."""
    scheme_host = href.split("//", 1)[0] + "//"
    rest = href[len(scheme_host):]
    if not rest.startswith(host):
        return href
    rest = rest[len(host):]
    for candidate in (scheme_host + readable_host + _decode_visible(rest), scheme_host + readable_host + rest):
        again = _parse(candidate)
        if again is not None and again.href == href and hidden_character(candidate) is None:
            return candidate
    return href


def _decode_visible(text: str) -> str:
    """Decode each percent-encoded character that is visible, NFC and non-ASCII (written in upper-case
    hex, as a browser writes it); ASCII escapes such as %2F or %20 change meaning and stay as they are."""

    def decode(match: re.Match[str]) -> str:
        run = match.group(0)
        data = bytes.fromhex(run.replace("%", ""))
        out, i = [], 0
        while i < len(data):
            size = next((n for n in (1, 2, 3, 4) if i + n <= len(data) and _utf8_char(data[i:i + n])), 0)
            escapes = run[3 * i:3 * (i + max(size, 1))]
            ch = data[i:i + size].decode("utf-8") if size else ""
            visible = (size > 1 and escapes == escapes.upper() and hidden_character(ch) is None
                       and not unicodedata.category(ch).startswith("M") and unicodedata.normalize("NFC", ch) == ch)
            out.append(ch if visible else escapes)
            i += max(size, 1)
        return "".join(out)

    return _PERCENT_RUN.sub(decode, text)


def _utf8_char(data: bytes) -> bool:
    try:
        return len(data.decode("utf-8")) == 1
    except UnicodeDecodeError:
        return False
