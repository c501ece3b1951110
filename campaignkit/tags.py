"""A language tag as written in a campaign or on the command line in, a canonical BCP 47 tag out.

Also the lookup order of tags (`fallbacks`), shared by translations and interface catalogues.

Well-formed tags are accepted whether or not campaignkit has interface labels for them ("sw",
"pt-BR", "sr-Latn"); the case is normalised ("zh-hans" -> "zh-Hans"). A two-letter language
subtag must be an ISO 639-1 code, so a country code used by mistake ("kz") is caught with a
suggestion. Grandfathered and private-use-only tags are refused: campaigns need a real language.
"""

from __future__ import annotations

import re

_TAG = re.compile(
    r"""^(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})
        (?:-(?P<script>[a-z]{4}))?
        (?:-(?P<region>[a-z]{2}|\d{3}))?
        (?P<variants>(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*)
        (?P<extensions>(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*)
        (?P<private>-x(?:-[a-z0-9]{1,8})+)?$""",
    re.VERBOSE,
)

# ISO 639-1: every two-letter language code there is.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee
    el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io
    is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn
    mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se
    sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo
    wa wo xh yi yo za zh zu""".split()
)

# Country codes people write for a language, and the language they mean.
_LIKELY_MISTAKES = {"kz": "kk", "ua": "uk", "gr": "el", "jp": "ja", "cn": "zh", "dk": "da", "cz": "cs", "il": "he",
                    "ir": "fa", "vn": "vi"}


class LanguageTagError(ValueError):
    """A tag that is not well-formed BCP 47, with a message saying what was expected."""


def parse_language(tag: str) -> str:
    """The canonical form of a BCP 47 language tag; LanguageTagError when it is not one."""
    if not isinstance(tag, str):
        raise LanguageTagError(f"expected a language tag such as 'en', 'ru' or 'zh-Hans', got {tag!r}")
    match = _TAG.match(tag.strip().replace("_", "-").lower())
    if not match:
        raise LanguageTagError(f"expected a language tag such as 'en', 'ru' or 'zh-Hans' (BCP 47), got {tag!r}")
    language = match["language"]
    primary = language.split("-")[0]
    if len(primary) == 2 and primary not in ISO_639_1:
        hint = _LIKELY_MISTAKES.get(primary)
        suggestion = f" (did you mean {hint!r}?)" if hint else ""
        raise LanguageTagError(f"unknown language {tag!r}{suggestion}; expected an ISO 639 code such as 'en' or 'kk'")
    parts = [language]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    rest = "".join(match[name] or "" for name in ("variants", "extensions", "private"))
    return "-".join(parts) + rest


def fallbacks(tag: str) -> list[str]:
    """Tags to try for `tag`, most specific first (BCP 47 lookup), but never dropping a script subtag,
    since the shorter tag implies another script: zh-Hant-TW, zh-Hant (not zh); pt-BR, pt; kk-Latn."""
    parts = tag.split("-")
    tags = []
    for n in range(len(parts), 0, -1):
        tags.append("-".join(parts[:n]))
        if n > 1 and len(parts[n - 1]) == 4 and parts[n - 1].isalpha():
            break
    return tags
