"""Text in, bidi levels and visual order out: the Unicode bidirectional algorithm, enough of it for campaign copy."""

from __future__ import annotations

import re
import unicodedata

from .base import _MIRROR, _STRONG_RTL, Run, script_of


def direction(text: str, default: str = "ltr") -> str:
    """"rtl" when the first strong character is right-to-left (Hebrew, Arabic...), "ltr" when it is left to
    right, `default` when there is none (digits and punctuation take the direction of what surrounds them)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in _STRONG_RTL:
            return "rtl"
    return default


def bidi_levels(text: str, base: str = "ltr") -> list[int]:
    """The resolved embedding level of each character (even: left to right, odd: right to left)."""
    level = 1 if base == "rtl" else 0
    edge = "R" if level else "L"
    types = [unicodedata.bidirectional(ch) or "L" for ch in text]
    types = ["BN" if t in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI") else t for t in types]
    _resolve_weak(types, edge)
    _resolve_neutral(types, edge, level)
    return [_implicit_level(level, t) for t in types]


def _resolve_weak(types: list[str], edge: str) -> None:
    previous = edge
    for i, t in enumerate(types):  # W1: marks take the type of what they follow
        if t == "NSM":
            types[i] = previous
        elif t != "BN":
            previous = t
    strong = edge
    for i, t in enumerate(types):  # W2, W3
        if t in ("L", "R", "AL"):
            strong = t
        if t == "EN" and strong == "AL":
            types[i] = "AN"
        if t == "AL":
            types[i] = "R"
    for i in range(1, len(types) - 1):  # W4
        left, mid, right = types[i - 1], types[i], types[i + 1]
        if (mid == "ES" and left == right == "EN") or (mid == "CS" and left == right and left in ("EN", "AN")):
            types[i] = left
    for i, t in enumerate(types):  # W5: terminators (%, $...) next to European numbers become numbers
        if t == "ET":
            j = i
            while j < len(types) and types[j] in ("ET", "BN"):
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
    for i, t in enumerate(types):  # W6
        if t in ("ES", "ET", "CS"):
            types[i] = "ON"
    strong = edge
    for i, t in enumerate(types):  # W7
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[i] = "L"


def _resolve_neutral(types: list[str], edge: str, level: int) -> None:
    def strength(t: str) -> str | None:
        return "L" if t == "L" else "R" if t in ("R", "EN", "AN") else None

    i = 0
    while i < len(types):
        if strength(types[i]) is not None:
            i += 1
            continue
        j = i
        while j < len(types) and strength(types[j]) is None:
            j += 1
        before = (strength(types[i - 1]) or edge) if i > 0 else edge
        after = (strength(types[j]) or edge) if j < len(types) else edge
        resolved = before if before == after else ("R" if level else "L")  # N1, else N2
        for k in range(i, j):
            types[k] = resolved
        i = j


def _implicit_level(level: int, t: str) -> int:
    if level % 2 == 0:
        return level + (1 if t == "R" else 2 if t in ("AN", "EN") else 0)
    return level + (1 if t in ("L", "EN", "AN") else 0)


def reorder(runs: list[Run]) -> list[Run]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every stretch at or above it."""
    if not runs:
        return runs
    out = list(runs)
    highest = max(r.level for r in out)
    lowest_odd = min((r.level for r in out if r.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(out):
            if out[i].level >= level:
                j = i
                while j < len(out) and out[j].level >= level:
                    j += 1
                out[i:j] = reversed(out[i:j])
                i = j
            else:
                i += 1
    return out


def visual_text(run: Run) -> str:
    """The run's text as it must reach a shaper that works left to right unless the text is strongly RTL.

    HarfBuzz (through reportlab) reverses and mirrors right-to-left *words* itself, but reportlab lays the
    words of a run out left to right and shapes neutral-only stretches (punctuation, spaces) as LTR. So in
    a right-to-left run the words are reversed here, and neutral words are reversed and mirrored.
    """
    if not run.rtl:
        # Arabic-script digits (۴۰, ٤٠) make HarfBuzz guess right-to-left and reverse them: pre-reverse.
        return "".join(t[::-1] if _guessed_rtl(t) else t for t in re.split(r"(\s+)", run.text))
    tokens = re.split(r"(\s+)", run.text)
    out = []
    for token in reversed(tokens):
        if any(unicodedata.bidirectional(ch) in _STRONG_RTL for ch in token):
            out.append(token)
        else:
            out.append("".join(_MIRROR.get(ch, ch) for ch in reversed(token)))
    return "".join(out)


def _guessed_rtl(text: str) -> bool:
    """True when HarfBuzz's guess_segment_properties makes `text` right-to-left (its script is RTL)."""
    return any(script_of(ch) in ("arabic", "hebrew") for ch in text)


def whole_run_text(run: Run) -> str:
    """The run's text for shaping it in one HarfBuzz buffer (as `draw_line` does): HarfBuzz reverses and
    mirrors a right-to-left-script buffer itself, guesses left-to-right for punctuation alone, and
    right-to-left for Arabic-script digits, which must still read left to right."""
    if run.rtl and not _guessed_rtl(run.text):
        return visual_text(run)
    if not run.rtl and _guessed_rtl(run.text):
        return run.text[::-1]
    return run.text


# ---------------------------------------------------------------------------------------------------------
# Measuring and shaping
