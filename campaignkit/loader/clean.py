"""Text from any input (campaign file, CSV cell, command-line option) in, printable NFC text out.

One rule for every way text enters campaignkit: normalise to NFC; remove characters that would
print as stray marks or reorder what people read (zero-width characters, bidirectional controls,
the soft hyphen) and report them; refuse control, private-use and unassigned characters.
"""

from __future__ import annotations

import unicodedata

INVISIBLE = frozenset(
    {"\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u061c"}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)
# Joiners shape some scripts (Persian, the Indic conjuncts); they are kept in scripts that need them.
_JOINERS = frozenset({"\u200c", "\u200d"})
_JOINING_SCRIPTS = ("ARABIC", "DEVANAGARI", "BENGALI", "TAMIL", "GURMUKHI", "GUJARATI", "ORIYA", "TELUGU",
                    "KANNADA", "MALAYALAM", "SINHALA", "MYANMAR", "KHMER")


class TextProblem(ValueError):
    """A character that cannot be printed; the message names it by code point."""


def clean(value: str, *, multiline: bool = True) -> tuple[str, list[str]]:
    """(cleaned text, code points removed). Raises TextProblem for control or unassigned characters."""
    text = unicodedata.normalize("NFC", value)
    if text.replace("\n", "").replace("\t", "").isprintable():  # no control, format or private character at all
        if not multiline and "\n" in text:
            raise TextProblem("contains the control or unassigned character U+000A")
        return text.replace("\t", " ").strip(), []
    removed: list[str] = []
    kept = []
    for i, ch in enumerate(text):
        if ch in INVISIBLE and not (ch in _JOINERS and _between_joining_letters(text, i)):
            removed.append(f"U+{ord(ch):04X}")
            continue
        kept.append(ch)
    cleaned = "".join(kept)
    for ch in cleaned:
        allowed = "\n\t" if multiline else "\t"
        if ch not in allowed and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            raise TextProblem(f"contains the control or unassigned character U+{ord(ch):04X}")
    return cleaned.replace("\t", " ").strip(), sorted(set(removed))


def _between_joining_letters(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return any(unicodedata.name(ch, "").startswith(_JOINING_SCRIPTS) for ch in (before, after) if ch)
