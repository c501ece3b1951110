"""A web address as written in a campaign in, a checked `URL` (readable and ASCII forms) out.

The rules exist because a printed QR code is trusted by whoever scans it: only https (http
warns), no other schemes, no user-info that hides the real host, no IP literals or local names,
no host label that mixes scripts (the `аpple.com` trick), no invisible or control characters.
The ASCII form (IDNA host, percent-encoded path) is what goes into a QR code.
"""

from __future__ import annotations

import ipaddress
import unicodedata
import warnings
from urllib.parse import quote, urlsplit, urlunsplit

from ..errors import CampaignWarning, UnsafeURLError
from ..model import URL

MAX_URL_LENGTH = 1000
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"} | {chr(c) for c in range(0x202A, 0x202F)} | {
    chr(c) for c in range(0x2066, 0x206A)
}
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home", ".arpa", ".test", ".invalid", ".example")
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"


def _script(ch: str) -> str | None:
    if ch.isdigit() or ch in "-_":
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def _fail(message: str, path: str, source: str = "") -> UnsafeURLError:
    return UnsafeURLError(message, path=path, source=source)


def check_url(raw: str, path: str = "url", source: str = "") -> URL:
    """Check `raw` against the printing rules; `path` names the field in errors."""
    text = unicodedata.normalize("NFC", raw.strip())
    if not text:
        raise _fail("the URL is empty", path, source)
    if len(text) > MAX_URL_LENGTH:
        raise _fail(f"the URL is {len(text)} characters long; at most {MAX_URL_LENGTH} fit a QR code", path, source)
    for ch in text:
        if ch in _INVISIBLE or unicodedata.category(ch) in ("Cc", "Zs", "Zl", "Zp"):
            raise _fail(f"the URL contains the invisible or control character U+{ord(ch):04X}", path, source)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise _fail(f"the URL has {shown}; only https:// addresses are printed", path, source)
    if "@" in parts.netloc:
        real = parts.netloc.rsplit("@", 1)[1]
        raise _fail(f"user-info present in the URL; the real host is {real}", path, source)
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise _fail("the URL has no host name", path, source)
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        raise _fail(f"the URL points at the IP address {host}; use a public host name", path, source)
    if parts.netloc.startswith("["):
        raise _fail(f"the URL points at an IP literal {parts.netloc}; use a public host name", path, source)
    lowered = host.lower()
    if "." not in lowered or lowered == "localhost" or lowered.endswith(_LOCAL_SUFFIXES):
        raise _fail(f"{host} is not a public host name", path, source)
    try:
        ascii_host = lowered.encode("idna").decode("ascii")
    except UnicodeError:
        raise _fail(f"the host name {host} cannot be encoded for the web (IDNA)", path, source) from None
    for label in lowered.split("."):
        scripts = {s for s in map(_script, label) if s}
        if len(scripts) > 1:
            raise _fail(
                f"the host name {host} mixes scripts ({', '.join(sorted(scripts))}) in one label; "
                f"it would really go to {ascii_host}",
                path,
                source,
            )
    try:
        port = parts.port
    except ValueError:
        raise _fail(f"the URL has an invalid port in {parts.netloc}", path, source) from None
    netloc = ascii_host + (f":{port}" if port else "")
    ascii_url = urlunsplit(
        (
            scheme,
            netloc,
            quote(parts.path, safe=_SAFE_PATH),
            quote(parts.query, safe=_SAFE_PATH + "?/"),
            quote(parts.fragment, safe=_SAFE_PATH + "?/"),
        )
    )
    if scheme == "http":
        where = ": ".join(p for p in (source, path) if p)
        warnings.warn(CampaignWarning(f"{where}: {text} is not https; prefer an https:// address"), stacklevel=2)
    return URL(text=text, ascii=ascii_url, host=ascii_host, insecure=scheme == "http")
