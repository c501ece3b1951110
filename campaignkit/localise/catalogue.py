"""A language tag in, the interface wording campaignkit prints (labels, month names, number marks) out.

The wording lives in gettext catalogues, `locales/<tag>.po`, keyed by `msgctxt`; `messages.pot`
holds the English text. A label missing from a language is looked up along a fallback chain,
documented in docs/languages.md: the tag, then shorter forms of it (`pt-BR` -> `pt`), then the
language's usual script (`zh` -> `zh-Hans`, `kk` -> `kk`), then English.
"""

from __future__ import annotations

import ast
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
TEMPLATE = "messages.pot"
# Tags whose catalogue is named with an explicit script or for another tag.
_LIKELY = {"zh": "zh-Hans", "zh-TW": "zh-Hant", "zh-HK": "zh-Hant", "zh-MO": "zh-Hant", "zh-CN": "zh-Hans",
           "zh-SG": "zh-Hans", "kk-Cyrl": "kk", "sr": "sr-Cyrl", "uz": "uz-Latn", "az": "az-Latn"}


@dataclass
class Entries:
    """One parsed catalogue: key -> forms (one form, or one per plural), and the plural rule."""

    forms: dict[str, list[str]] = field(default_factory=dict)
    plural: Callable[[int], int] = lambda n: int(n != 1)
    headers: dict[str, str] = field(default_factory=dict)


def _unquote(line: str) -> str:
    return ast.literal_eval(line) if line.startswith('"') else ""


def read_po(path: Path, *, source: bool = False) -> Entries:
    """Parse a .po file (or, with `source`, the English msgids of a .pot file)."""
    entries = Entries()
    current: dict[str, str] = {}
    last = ""

    def flush() -> None:
        if "msgid" not in current:
            return
        key = current.get("msgctxt", "")
        if not key and current["msgid"] == "":
            header = current.get("msgstr", "")
            entries.headers = dict(
                line.split(":", 1) for line in header.splitlines() if ":" in line
            )
            entries.headers = {k.strip(): v.strip() for k, v in entries.headers.items()}
        elif source:
            entries.forms[key] = [current["msgid"], current.get("msgid_plural", current["msgid"])]
        else:
            forms = [current[k] for k in sorted(current, key=_plural_index) if k.startswith("msgstr")]
            if any(forms):
                entries.forms[key] = forms

    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
            current, last = {}, ""
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[last] += _unquote(line)
        else:
            keyword, _, rest = line.partition(" ")
            last = keyword
            current[keyword] = _unquote(rest.strip())
    rule = re.search(r"plural=(.*?);?$", entries.headers.get("Plural-Forms", ""))
    if rule:
        entries.plural = gettext.c2py(rule.group(1).rstrip(";"))
    return entries


def _plural_index(keyword: str) -> int:
    match = re.search(r"\[(\d+)\]", keyword)
    return int(match.group(1)) if match else 0


@cache
def available() -> tuple[str, ...]:
    """The tags that have a catalogue, English included."""
    return tuple(sorted({"en", *(p.stem for p in LOCALES.glob("*.po"))}))


def chain(tag: str) -> list[str]:
    """The catalogues to consult for `tag`, most specific first, always ending in English."""
    from ..tags import fallbacks

    order: list[str] = []
    for candidate in fallbacks(tag):
        for name in (candidate, _LIKELY.get(candidate, "")):
            if name and name in available() and name not in order:
                order.append(name)
    if "en" not in order:
        order.append("en")
    return order


@cache
def _entries(name: str) -> Entries:
    if name == "en":
        return read_po(LOCALES / TEMPLATE, source=True)
    return read_po(LOCALES / f"{name}.po")


class Catalogue:
    """The interface wording for one language tag, with its fallbacks resolved."""

    def __init__(self, tag: str):
        self.tag = tag
        self.names = chain(tag)
        self._layers = [_entries(name) for name in self.names]

    @property
    def language(self) -> str:
        """The catalogue actually used first (the tag itself, a broader one, or "en")."""
        return self.names[0]

    def text(self, key: str, **values: object) -> str:
        return self._find(key, 1).format(**values)

    def plural(self, key: str, count: int, **values: object) -> str:
        return self._find(key, count).format(count=values.pop("shown", count), **values)

    def has(self, key: str) -> bool:
        return any(key in layer.forms for layer in self._layers)

    def _find(self, key: str, count: int) -> str:
        for layer in self._layers:
            forms = layer.forms.get(key)
            if forms:
                index = layer.plural(count) if len(forms) > 1 else 0
                return forms[min(index, len(forms) - 1)]
        raise KeyError(f"no interface wording for {key!r}")
