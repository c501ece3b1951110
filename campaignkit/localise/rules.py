"""Text in one language in, the same text with no-break spaces where that language needs them out.

Line breaking is the layout's job, but where a line may not break depends on the language, so it is
decided here and carried in the text itself as U+00A0:
- in Slavic languages and Kazakh, a one-letter word (в, с, и, a, z) stays with the word after it;
- a dash never starts a line: it stays with the word before it ("Войска — вон" keeps "Войска —");
- a number stays with its unit or currency ("50 ₸", "100 %", "№ 5") and its digit groups ("40 000").
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# Languages whose one-letter prepositions and conjunctions must not end a line.
SINGLE_LETTER_TIES = frozenset({"ru", "uk", "be", "bg", "kk", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "mk"})

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
