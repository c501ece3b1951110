"""A hyphenation dictionary (TeX patterns in the hunspell `hyph_*.dic` files that Pyphen ships) and a
word in, the points where the word may break out, by Liang's algorithm.

The German dictionary holds 66,000 patterns; parsing each of them takes Pyphen half a second, once per
process. Here the file is split into patterns at once (the digits stripped in one pass give each
pattern's letters) and a pattern's numbers are read only when a word looks it up, so a leaflet pays
for the few hundred patterns its long words touch. The points are Pyphen's, except where a pattern
changes the spelling at the break (Hungarian "ssz" to "sz-sz"): a soft hyphen can only be inserted, so
such a point is left out.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

_DIGIT = re.compile("[0-9]")
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_HEX = re.compile(r"\^{2}([0-9a-f]{2})")
_NONZERO = re.compile(r"[1-9]")


def dictionary_path(primary: str, region: str) -> Path | None:
    """Pyphen's dictionary for a language: the region's (de_CH), else the language's own country's
    (de_DE, nl_NL), else the first of the language's; None when it has none (or Pyphen is missing)."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionaries"
    for name in (f"{primary}_{region}", f"{primary}_{primary.upper()}", primary):
        if (folder / f"hyph_{name}.dic").is_file():
            return folder / f"hyph_{name}.dic"
    found = sorted(folder.glob(f"hyph_{primary}_*.dic"))
    return found[0] if found else None


class Patterns:
    """The patterns of one `hyph_*.dic` file."""

    def __init__(self, path: Path):
        first, _, body = path.read_bytes().partition(b"\n")
        encoding = first.decode("ascii", "replace").strip()
        text = body.decode("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding)
        if "^^" in text:
            text = _HEX.sub(lambda m: chr(int(m.group(1), 16)), text)
        lines = [line for line in map(str.strip, text.split("\n")) if line and not line.startswith(_IGNORED)]
        patterns = [line.partition("/")[0] for line in lines] if "/" in text else lines
        keep = [n for n, pattern in enumerate(patterns) if _NONZERO.search(pattern)]  # all zeros: no pattern
        lines, patterns = [lines[n] for n in keep], [patterns[n] for n in keep]
        keys = _DIGIT.sub("", "\n".join(patterns)).split("\n")
        self._lines = dict(zip(keys, lines))  # a later pattern with the same letters wins, as in Pyphen
        self.longest = max(map(len, self._lines), default=0)
        self._values: dict[str, tuple[int, tuple[int, ...], bool]] = {}

    def values(self, letters: str) -> tuple[int, tuple[int, ...], bool] | None:
        """(offset of the first number, the numbers, whether the pattern changes the spelling) of the
        pattern with these letters, or None."""
        found = self._values.get(letters)
        if found is None:
            line = self._lines.get(letters)
            if line is None:
                return None
            pattern, alternative, _ = line.partition("/")
            numbers = [0] * (len(letters) + 1)
            at = 0
            for ch in pattern:
                if "0" <= ch <= "9":
                    numbers[at] = int(ch)
                else:
                    at += 1
            start, end = 0, len(numbers)
            while not numbers[start]:
                start += 1
            while not numbers[end - 1]:
                end -= 1
            found = self._values[letters] = (start, tuple(numbers[start:end]), bool(alternative))
        return found

    def points(self, word: str, left: int, right: int) -> list[int]:
        """Where `word` may break with a plain hyphen: the number of letters before each point, keeping
        `left` and `right` letters whole at its ends."""
        pointed = f".{word.lower()}."
        best = [0] * (len(pointed) + 1)
        changes = [False] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            for j in range(i + 1, min(i + self.longest, len(pointed)) + 1):
                found = self.values(pointed[i:j])
                if found is None:
                    continue
                offset, numbers, changed = found
                for k, number in enumerate(numbers, i + offset):
                    if number >= best[k]:  # the later pattern wins a tie, as Python's max does for Pyphen
                        best[k], changes[k] = number, changed
        return [k - 1 for k in range(len(best))
                if best[k] % 2 and not changes[k] and left <= k - 1 <= len(word) - right]
