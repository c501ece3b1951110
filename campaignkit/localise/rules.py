"""Text in one language in, the same text with no-break spaces where that language needs them out.

Line breaking is the layout's job, but where a line may not break depends on the language, so it is
decided here and carried in the text itself as U+00A0:
- in Slavic languages and Kazakh, a one-letter word (в, с, и, a, z) stays with the word after it;
- a dash never starts a line: it stays with the word before it ("Войска — вон" keeps "Войска —");
- a number stays with its unit or currency ("50 ₸", "100 %", "№ 5") and its digit groups ("40 000").

Where a long word may break is decided here too (`hyphenator`), for the languages that build long
compounds: the layout breaks a word only at the soft hyphens (U+00AD) it is given, with a visible hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .hyphenation import Patterns

NBSP = "\u00a0"
# Languages whose one-letter prepositions and conjunctions must not end a line.
SINGLE_LETTER_TIES = frozenset({"ru", "uk", "be", "bg", "kk", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "mk"})

# Languages that join words into compounds too long for a narrow column ("Tarifvertragsverhandlungs-
# gemeinschaft"): their long words are hyphenated with their dictionary's patterns (hyphenation.py).
HYPHENATED = frozenset({"de", "nl", "sv", "da", "nb", "nn", "is", "et", "hu", "af"})
LONG_WORD = 12  # letters: shorter words are never hyphenated
EDGE = 3  # letters kept together at either end of a word
SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(rf"\w{{{LONG_WORD},}}")
_TOKEN = re.compile(r"\S+")
_ADDRESS = re.compile(r"@|/|\w\.\w")  # an e-mail address, a URL, a domain or a file name

_SINGLE_LETTER = re.compile(r"(?<![\w\-])(\w) (?=\S)")
_DASH = re.compile(r"(\S) ([—–])(?= )")
_DIGIT_GROUPS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_UNIT = re.compile(r"(\d) (%|‰|₸|₽|€|\$|£|¥|₴|₹|°|km|kg|mm|cm|m|h|мм|см|км|кг|м|ч|тг|руб\.?|тенге|теңге)(?!\w)")
_NUMERO = re.compile(r"(№|#) (?=\d)")


def tie(text: str, language: str) -> str:
    """`text` with the no-break spaces its language needs."""
    if language.split("-", 1)[0] in SINGLE_LETTER_TIES:
        text = _SINGLE_LETTER.sub(rf"\1{NBSP}", text)
    text = _DASH.sub(rf"\1{NBSP}\2", text)
    text = _DIGIT_GROUPS.sub(NBSP, text)
    text = _UNIT.sub(rf"\1{NBSP}\2", text)
    return _NUMERO.sub(rf"\1{NBSP}", text)


def hyphenator(language: str) -> Callable[[str], str] | None:
    """For a language that hyphenates: a function giving text with soft hyphens where its words of
    `LONG_WORD` letters or more may break (one function per language and region, so paragraphs can be
    shared); None for every other language."""
    parts = language.replace("_", "-").split("-")
    primary = parts[0].lower()
    if primary not in HYPHENATED:
        return None
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), primary.upper())
    return _hyphenator_of(primary, region)


@cache
def _hyphenator_of(primary: str, region: str) -> Callable[[str], str]:
    def word(m: re.Match) -> str:
        return _hyphenated(m.group(0), primary, region)

    def token(m: re.Match) -> str:  # an address keeps its letters as they are typed: no hyphen in it
        return m.group(0) if _ADDRESS.search(m.group(0)) else _WORD.sub(word, m.group(0))

    return lambda text: _TOKEN.sub(token, text)


@lru_cache(maxsize=4096)
def _hyphenated(word: str, primary: str, region: str) -> str:
    if not word.isalpha():  # digits or underscores: a code, a number, not a word
        return word
    patterns = _patterns(primary, region)
    if patterns is None:
        return word
    out, last = [], 0
    for point in patterns.points(word, EDGE, EDGE):
        out += [word[last:point], SOFT_HYPHEN]
        last = point
    return "".join(out) + word[last:]


@cache
def _patterns(primary: str, region: str) -> Patterns | None:
    from .hyphenation import Patterns, dictionary_path  # only campaigns in a hyphenated language need it

    path = dictionary_path(primary, region)
    return Patterns(path) if path is not None else None
