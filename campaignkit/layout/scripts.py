"""Text and a weight in; the faces, runs, direction, markup and shaped drawing that print it out.

Every major script gets a face: Noto Sans (Latin, Cyrillic, Greek) and Noto Sans Arabic, Hebrew, Devanagari,
Bengali, Tamil, Thai, Georgian, Armenian and Ethiopic are bundled in assets/fonts; Chinese, Japanese and
Korean come from a TrueType (glyf) face installed on the system, found through fontconfig, or from a path
the caller gives. Text is cut into runs, each drawn by one face that covers it, in the bidi order that
Unicode prescribes. The runs feed three renderers:

- reportlab Paragraphs: `ScriptParagraph` breaks lines itself and gives reportlab one line of visually
  ordered `<font>` runs per line (reportlab 5.1 has no bidi without the `rlbidi` package, which PyPI lacks);
- the reportlab canvas: `draw_line` shapes each run with HarfBuzz and draws it, with the logical text as
  ActualText so copy and paste give back what was typed;
- Pillow: `draw_pillow_line` draws each run through raqm.

Faces are registered with reportlab under names like "CKS-arabic-bold". Shaping needs uharfbuzz.
"""

from __future__ import annotations

import bisect
import re
import shutil
import struct
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

WEIGHTS = ("regular", "bold", "display")
LATIN = "latin"
CJK_SCRIPTS = ("han", "kana", "hangul")

# script -> (regular, bold, display); all from Debian fonts-noto-core / fonts-noto-extra 20201225-1.
BUNDLED: dict[str, tuple[str, str, str]] = {
    LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-CondensedBlack.ttf"),
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "NotoSansArabic-CondensedBlack.ttf"),
    "hebrew": ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", "NotoSansHebrew-CondensedBlack.ttf"),
    "devanagari": (
        "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", "NotoSansDevanagari-CondensedBlack.ttf",
    ),
    # Noto Sans Bengali has no Condensed Black; Black is its heaviest face.
    "bengali": ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", "NotoSansBengali-Black.ttf"),
    "tamil": ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", "NotoSansTamil-CondensedBlack.ttf"),
    "thai": ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", "NotoSansThai-CondensedBlack.ttf"),
    "georgian": ("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf", "NotoSansGeorgian-CondensedBlack.ttf"),
    "armenian": ("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf", "NotoSansArmenian-CondensedBlack.ttf"),
    "ethiopic": ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", "NotoSansEthiopic-CondensedBlack.ttf"),
}

# Scripts whose text needs OpenType shaping (joining, reordering, conjuncts, mark positioning).
COMPLEX = frozenset({"arabic", "hebrew", "devanagari", "bengali", "tamil", "thai"})

# (first, last, script) for the blocks campaignkit prints; everything else is "common" (None).
_RANGES = sorted([
    (0x0041, 0x005A, LATIN), (0x0061, 0x007A, LATIN), (0x00C0, 0x024F, LATIN), (0x0370, 0x03FF, LATIN),
    (0x0400, 0x052F, LATIN), (0x1C80, 0x1C8F, LATIN), (0x1E00, 0x1FFF, LATIN), (0x2DE0, 0x2DFF, LATIN),
    (0xA640, 0xA69F, LATIN), (0xA720, 0xA7FF, LATIN),
    (0x0530, 0x058F, "armenian"), (0xFB13, 0xFB17, "armenian"),
    (0x0590, 0x05FF, "hebrew"), (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0870, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"), (0xA8E0, 0xA8FF, "devanagari"),
    (0x0980, 0x09FF, "bengali"), (0x0B80, 0x0BFF, "tamil"), (0x0E00, 0x0E7F, "thai"),
    (0x10A0, 0x10FF, "georgian"), (0x1C90, 0x1CBF, "georgian"), (0x2D00, 0x2D2F, "georgian"),
    (0x1200, 0x139F, "ethiopic"), (0x2D80, 0x2DDF, "ethiopic"), (0xAB00, 0xAB2F, "ethiopic"),
    (0x1100, 0x11FF, "hangul"), (0x3130, 0x318F, "hangul"), (0xA960, 0xA97F, "hangul"),
    (0xAC00, 0xD7FF, "hangul"),
    (0x3040, 0x30FF, "kana"), (0x31F0, 0x31FF, "kana"), (0xFF66, 0xFF9F, "kana"),
    (0x2E80, 0x2FDF, "han"), (0x3400, 0x4DBF, "han"), (0x4E00, 0x9FFF, "han"), (0xF900, 0xFAFF, "han"),
    (0x20000, 0x3134F, "han"),
])
_STARTS = [r[0] for r in _RANGES]

# fontconfig language and sample characters for the system faces; the install hint names one package each.
CJK_LANG = {"han": "zh", "kana": "ja", "hangul": "ko"}
CJK_SAMPLE = {"han": "工人团结罢工", "kana": "労働者のストライキ", "hangul": "노동자 연대 파업"}
INSTALL_HINT = {
    "han": "apt install fonts-droid-fallback (DroidSansFallbackFull.ttf) or fonts-wqy-zenhei",
    "kana": "apt install fonts-droid-fallback (DroidSansFallbackFull.ttf) or fonts-wqy-zenhei",
    "hangul": "apt install fonts-nanum (NanumGothic) or fonts-wqy-zenhei",
}
SCRIPT_NAMES = {"han": "Chinese (Han)", "kana": "Japanese (kana)", "hangul": "Korean (Hangul)"}

# Characters whose glyph is mirrored in right-to-left text (Unicode BidiMirroring, the pairs we print).
_MIRROR = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹"))
_STRONG_RTL = frozenset({"R", "AL"})


def script_of(ch: str) -> str | None:
    """The script of a character among those campaignkit prints; None for common and inherited ones."""
    cp = ord(ch)
    i = bisect.bisect_right(_STARTS, cp) - 1
    if i >= 0 and _RANGES[i][0] <= cp <= _RANGES[i][1]:
        return _RANGES[i][2]
    return None


@cache
def bundled_dir() -> Path:
    """The bundled font folder, found as campaignkit/fonts.py finds it: in the package, or in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "assets" / "fonts", package.parent / "assets" / "fonts"):
        if (candidate / BUNDLED[LATIN][0]).is_file():
            return candidate
    raise FileNotFoundError(f"the bundled fonts are missing (looked in {package / 'assets' / 'fonts'})")


# ---------------------------------------------------------------------------------------------------------
# System faces (CJK)


def sfnt_tables(path: str | Path, index: int = 0) -> frozenset[str]:
    """The table tags of a TrueType/OpenType file (or of face `index` in a .ttc collection)."""
    with open(path, "rb") as f:
        head = f.read(12)
        offset = 0
        if head[:4] == b"ttcf":
            count = struct.unpack(">I", head[8:12])[0]
            if index >= count:
                return frozenset()
            f.seek(12 + 4 * index)
            offset = struct.unpack(">I", f.read(4))[0]
            f.seek(offset)
            head = f.read(12)
        tables = struct.unpack(">H", head[4:6])[0]
        f.seek(offset + 12)
        directory = f.read(16 * tables)
    return frozenset(directory[i : i + 4].decode("latin-1") for i in range(0, len(directory), 16))


def embeddable(path: str | Path, index: int = 0) -> bool:
    """True when reportlab can embed the face: TrueType outlines (glyf), not CFF."""
    try:
        tables = sfnt_tables(path, index)
    except (OSError, struct.error):
        return False
    return "glyf" in tables and "CFF " not in tables and "CFF2" not in tables


def _fc_candidates(lang: str) -> list[tuple[str, int, int]]:
    """(file, index, fontconfig weight) of the outline faces fontconfig lists for `lang`."""
    if not shutil.which("fc-list"):
        return []
    result = subprocess.run(
        ["fc-list", "-f", "%{file}\t%{index}\t%{weight}\n", f":lang={lang}:outline=True"],
        capture_output=True, text=True, check=False, timeout=30,
    )
    found = []
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].isdigit():
            weight = re.match(r"\[?(\d+)", parts[2])
            found.append((parts[0], int(parts[1]), int(weight.group(1)) if weight else 80))
    return sorted(set(found))


def find_system_face(script: str, weight: str = "regular", sample: str | None = None) -> tuple[Path, int] | None:
    """A system face (path, subfont index) for a CJK script that reportlab can embed and that covers
    `sample`; the closest to the weight wins (fontconfig: 80 regular, 200 bold). None when there is none."""
    lang = CJK_LANG[script]
    sample = sample or CJK_SAMPLE[script]
    wanted = 80 if weight == "regular" else 200
    best: tuple[int, str, int] | None = None
    for path, index, fc_weight in _fc_candidates(lang):
        if not embeddable(path, index) or not _covers_file(path, index, sample):
            continue
        # Monospaced and dot-matrix ("Sharp") variants make poor body text.
        penalty = abs(fc_weight - wanted) + (50 if re.search(r"Mono|Coding|Sharp", _family(path, index)) else 0)
        if best is None or (penalty, path, index) < best:
            best = (penalty, path, index)
    return (Path(best[1]), best[2]) if best else None


def _family(path: str, index: int) -> str:
    result = subprocess.run(["fc-query", "-i", str(index), "-f", "%{family}", path],
                            capture_output=True, text=True, check=False, timeout=30)
    return result.stdout


@cache
def _file_cmap(path: str, index: int) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFace

    return frozenset(TTFontFace(path, subfontIndex=index).charToGlyph)


def _covers_file(path: str, index: int, sample: str) -> bool:
    try:
        cmap = _file_cmap(path, index)
    except Exception:  # noqa: BLE001 - a face reportlab cannot read is no candidate
        return False
    return all(ord(ch) in cmap for ch in sample if not ch.isspace())


def missing_face_message(script: str) -> str:
    """What to tell the user when no installed face can print `script`."""
    return (f"no installed font can print {SCRIPT_NAMES.get(script, script)} text in a PDF "
            f"(reportlab needs TrueType outlines; Noto CJK is CFF and cannot be embedded): {INSTALL_HINT[script]}")


# ---------------------------------------------------------------------------------------------------------
# Faces


@dataclass(frozen=True)
class Face:
    name: str  # the reportlab font name
    path: Path
    index: int
    script: str
    weight: str

    @property
    def shapable(self) -> bool:
        return self.script in COMPLEX or self.script in CJK_SCRIPTS


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn by one face at one bidi embedding level (odd: right to left)."""

    text: str
    face: Face
    level: int = 0

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


class Faces:
    """The faces for every script and weight: bundled ones from `font_dir`, CJK ones from `system`
    ({script: path or (path, index)}) or, when `search_system` is true, from fontconfig."""

    def __init__(self, font_dir: str | Path | None = None, system: dict | None = None, search_system: bool = True):
        self.font_dir = Path(font_dir) if font_dir else bundled_dir()
        self.system = {k: (Path(v), 0) if isinstance(v, (str, Path)) else (Path(v[0]), v[1])
                       for k, v in (system or {}).items()}
        self.search_system = search_system
        self._faces: dict[tuple[str, str], Face | None] = {}

    def face(self, script: str, weight: str = "regular") -> Face | None:
        """The registered face for a script and weight, or None when there is none."""
        key = (script, weight)
        if key not in self._faces:
            self._faces[key] = self._find(script, weight)
        return self._faces[key]

    def _find(self, script: str, weight: str) -> Face | None:
        if weight not in WEIGHTS:
            raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
        if script in BUNDLED:
            path, index = self.font_dir / BUNDLED[script][WEIGHTS.index(weight)], 0
        elif script in CJK_SCRIPTS:
            found = self.system.get(script)
            if found is None and self.search_system:
                # CJK faces rarely come in a display weight; bold stands in for it.
                found = find_system_face(script, "regular" if weight == "regular" else "bold")
            if found is None:
                return None
            path, index = found
            if not embeddable(path, index):
                raise ValueError(f"{path} has no TrueType (glyf) outlines; reportlab cannot embed it")
        else:
            return None
        face = Face(f"CKS-{script}-{weight}", path, index, script, weight)
        _register(face)
        return face

    def covers(self, face: Face, ch: str) -> bool:
        return ord(ch) in _cmap(face.name)

    def candidates(self, weight: str) -> list[Face]:
        """Latin first, then the other bundled faces: the order fallback tries them in."""
        return [f for f in (self.face(s, weight) for s in BUNDLED) if f is not None]

    # -- runs ------------------------------------------------------------------------------------------------

    def assign(self, text: str, weight: str = "regular") -> list[Face | None]:
        """The face that draws each character of `text` (None where no face covers it).

        Letters go to their script's face. Common characters (spaces, digits, punctuation) stay with the
        face before them when it covers them, else the face after them, else Latin, else any bundled face;
        a stretch of them without spaces (such as "40%") keeps one face when one covers it all.
        Combining marks always stay with their base.
        """
        faces: list[Face | None] = [None] * len(text)
        common: list[int] = []
        for i, ch in enumerate(text):
            script = script_of(ch)
            if script is None or unicodedata.category(ch) in ("Mn", "Me"):
                common.append(i)
            else:
                faces[i] = self._letter_face(ch, script, faces[i - 1] if i else None, weight)
        for group in _common_groups(text, common):
            self._assign_common(text, group, faces, weight)
        return faces

    def _letter_face(self, ch: str, script: str, before: Face | None, weight: str) -> Face | None:
        if script == "han" and before is not None and before.script in CJK_SCRIPTS and self.covers(before, ch):
            return before  # kanji in Japanese text and hanja in Korean keep the face of the sentence
        own = self.face(script, weight)
        if own is not None and self.covers(own, ch):
            return own
        return self._any_face(ch, weight)

    def _any_face(self, ch: str, weight: str) -> Face | None:
        for face in self.candidates(weight):
            if self.covers(face, ch):
                return face
        return None

    def _assign_common(self, text: str, group: list[int], faces: list[Face | None], weight: str) -> None:
        first, last = group[0], group[-1]
        before = faces[first - 1] if first > 0 else None
        after = next((faces[j] for j in range(last + 1, len(text)) if faces[j] is not None), None)
        marks_only = all(unicodedata.category(text[i]) in ("Mn", "Me") for i in group)
        choices = [before] if marks_only else [before, after, self.face(LATIN, weight), *self.candidates(weight)]
        for face in choices:
            if face is not None and all(self.covers(face, text[i]) or text[i].isspace() for i in group):
                for i in group:
                    faces[i] = face
                return
        if marks_only:
            for i in group:
                faces[i] = before  # a mark its base's face lacks is reported missing, never split off
            return
        for i in group:
            faces[i] = before if before and self.covers(before, text[i]) else self._any_face(text[i], weight)
            if faces[i] is None and text[i].isspace():
                faces[i] = self.face(LATIN, weight)

    def missing(self, text: str, weight: str = "regular") -> list[str]:
        """The distinct characters of `text` that no available face draws, in order of appearance."""
        out: list[str] = []
        for ch, face in zip(text, self.assign(text, weight)):
            if ch.isspace() or ch in out or unicodedata.category(ch) == "Cf":
                continue
            if face is None or not self.covers(face, ch):
                out.append(ch)
        return out

    def runs(self, text: str, weight: str = "regular", base: str | None = None) -> list[Run]:
        """`text` cut into runs of one face and one bidi level, in logical order."""
        if not text:
            return []
        faces = self.assign(text, weight)
        latin = self.face(LATIN, weight)
        faces = [f or latin for f in faces]  # missing() reports the gaps; drawing shows .notdef
        levels = bidi_levels(text, base or direction(text))
        out: list[Run] = []
        start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or faces[i] != faces[start] or levels[i] != levels[start]:
                out.append(Run(text[start:i], faces[start], levels[start]))
                start = i
        return out

    def visual_runs(self, text: str, weight: str = "regular", base: str | None = None) -> list[Run]:
        """The runs of one line in the order they are drawn from left to right (Unicode bidi rule L2)."""
        base = base or direction(text)
        return reorder(_reset_trailing_space(self.runs(text, weight, base), base))


def _common_groups(text: str, indices: list[int]) -> list[list[int]]:
    """Consecutive common characters, cut where whitespace starts or stops."""
    groups: list[list[int]] = []
    for i in indices:
        if groups and groups[-1][-1] == i - 1 and text[i].isspace() == text[i - 1].isspace():
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _reset_trailing_space(runs: list[Run], base: str) -> list[Run]:
    """Rule L1: whitespace at the end of a line takes the paragraph level."""
    level = 1 if base == "rtl" else 0
    if not runs:
        return runs
    last = runs[-1]
    stripped = last.text.rstrip()
    if stripped == last.text or last.level == level:
        return runs
    tail = [Run(last.text[len(stripped):], last.face, level)]
    return runs[:-1] + ([Run(stripped, last.face, last.level)] if stripped else []) + tail


@cache
def _register(face: Face) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(face.name, str(face.path), subfontIndex=face.index, shapable=face.shapable))
    if face.shapable:
        install_reportlab_run_shaping()


@cache
def _cmap(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


# ---------------------------------------------------------------------------------------------------------
# Bidi (Unicode Bidirectional Algorithm, UAX #9, for one paragraph without explicit embeddings or
# isolates: rules W1-W7, N1-N2, I1-I2, L1 at line ends and L2. Bracket pairs (N0) are not resolved.)


def direction(text: str) -> str:
    """"rtl" when the first strong character is right-to-left (Hebrew, Arabic...), else "ltr"."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in _STRONG_RTL:
            return "rtl"
    return "ltr"


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
        if mid == "ES" and left == right == "EN" or mid == "CS" and left == right and left in ("EN", "AN"):
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
        before = strength(types[i - 1]) if i > 0 else edge
        after = strength(types[j]) if j < len(types) else edge
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


def shaped_width(text: str, font_name: str, size: float) -> float:
    """The advance width of `text` after HarfBuzz shaping with a registered reportlab font, in points.

    pdfmetrics.stringWidth sums the widths of the unshaped characters: wrong for joined Arabic and for
    Indic conjuncts. This is what reportlab will draw, because it is reportlab's own shaping call.
    """
    from reportlab.pdfbase.ttfonts import shapeStr

    if not text:
        return 0.0
    shaped = shapeStr(text, font_name, size, force=True)
    return sum(d.x_advance for d in shaped.__shapeData__) * size / 1000


def run_width(run: Run, size: float) -> float:
    if run.face.shapable:
        return shaped_width(whole_run_text(run), run.face.name, size)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(run.text, run.face.name, size)


# reportlab turns on discretionary ligatures ("dlig"), which makes Hebrew וי into the Yiddish ligature ױ.
SHAPING_FEATURES = {"kern": True, "liga": True}


def harfbuzz_glyphs(text: str, font_path: str | Path, index: int = 0) -> list[int]:
    """The glyph ids HarfBuzz shapes `text` to in a font file, in visual order, with SHAPING_FEATURES."""
    import uharfbuzz as hb

    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(font_path)), index))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, SHAPING_FEATURES)
    return [info.codepoint for info in buf.glyph_infos]


# ToUnicode text for glyphs that have no character of their own (conjuncts, ligatures, contextual forms):
# {font face name: {private-use code reportlab gave the glyph: the characters it stands for}}.
_GLYPH_TEXT: dict[str, dict[int, str]] = {}


def _record_glyph_text(pieces, word) -> None:
    """Remember the characters behind each private-use code in shaped pieces [(frag, ShapedStr)]."""
    from reportlab.pdfbase import pdfmetrics

    for (f, shaped), (_, source) in zip(pieces, word):
        data = getattr(shaped, "__shapeData__", None)
        if not data or len(data) != len(shaped):
            continue
        face = pdfmetrics.getFont(f.fontName).face
        table = _GLYPH_TEXT.setdefault(face.name.decode("latin-1"), {})
        starts = sorted({d.cluster for d in data if 0 <= d.cluster < len(source)})
        for uchar, d in zip(shaped, data):
            code = ord(uchar)
            if not 0xE000 <= code <= 0xF8FF or code in table or d.cluster not in starts:
                continue
            end = next((c for c in starts if c > d.cluster), len(source))
            cluster = source[d.cluster:end]
            own = "".join(u for u, e in zip(shaped, data) if e.cluster == d.cluster and not 0xE000 <= ord(u) <= 0xF8FF)
            rest = list(unicodedata.normalize("NFD", cluster))
            for ch in unicodedata.normalize("NFD", own):
                if ch in rest:
                    rest.remove(ch)
            table[code] = unicodedata.normalize("NFC", "".join(rest)) or cluster


@cache
def install_reportlab_run_shaping() -> None:
    """Make reportlab shape each font run of a word with its own font, and give shaped glyphs their text.

    reportlab 5.1 (`ttfonts.shapeFragWord`) shapes the whole of a word with the font of its first fragment
    and reads the resulting glyph ids in the other fragments' fonts: "שלום," with the comma from Noto Sans
    prints a wrong glyph for the comma. Glyphs without a character of their own (the conjunct क्ष, the
    Arabic ligature of ن and ئ) get private-use codes that reportlab's ToUnicode maps to themselves, so
    text extraction gives U+E000...; here they map to the characters of their cluster instead.
    Words of one font, and paragraphs without shaping, are shaped exactly as before.
    """
    import reportlab.platypus.paragraph as paragraph
    from reportlab.pdfbase import ttfonts

    original = ttfonts.shapeFragWord
    if getattr(original, "per_run", False):
        return
    to_unicode = ttfonts.makeToUnicodeCMap

    def shape(word, force=False, features=None):
        shaped = original(word, features=features or SHAPING_FEATURES, force=force)
        if shaped is not word:
            _record_glyph_text(shaped[1:], word[1:])
        return shaped

    def shape_per_run(word, features=None, force=False):
        pieces = word[1:]
        fonts = {f.fontName for f, _ in pieces if not hasattr(f, "cbDefn")}
        if len(fonts) < 2 or any(hasattr(f, "cbDefn") for f, _ in pieces) or isinstance(word, ttfonts.ShapedFragWord):
            return shape(word, force, features)
        from reportlab.pdfbase.pdfmetrics import stringWidth

        width, parts = 0.0, []
        for f, text in pieces:
            shaped = shape([stringWidth(text, f.fontName, f.fontSize), (f, text)], True, features)
            width += shaped[0]
            parts.extend(shaped[1:])
        return ttfonts.makeShapedFragWord(word)([width, *parts])

    def cmap_with_cluster_text(fontname, subset):
        table = _GLYPH_TEXT.get(fontname.partition("+")[2], {})
        cmap = to_unicode(fontname, subset)
        for i, code in enumerate(subset):
            if code in table:
                text = table[code].encode("utf-16-be").hex().upper()
                cmap = cmap.replace("<%02X> <%04X>" % (i, code), "<%02X> <%s>" % (i, text), 1)
        return cmap

    shape_per_run.per_run = True
    ttfonts.shapeFragWord = shape_per_run
    paragraph.shapeFragWord = shape_per_run
    ttfonts.makeToUnicodeCMap = cmap_with_cluster_text


# ---------------------------------------------------------------------------------------------------------
# reportlab Paragraphs


def line_markup(runs: list[Run]) -> str:
    """Paragraph markup for one line of visually ordered runs: escaped text in `<font>` tags.
    User text never becomes markup."""
    return "".join(f'<font name="{r.face.name}">{xml_escape(visual_text(r))}</font>' for r in runs)


def break_lines(text: str, faces: Faces, weight: str, size: float, width: float, base: str) -> list[str]:
    """Greedy line breaking at spaces with shaped widths; a word wider than `width` gets a line of its own.

    Thai, which is written without spaces between words, breaks only at the spaces it has."""
    words = text.split()
    if not words:
        return []
    space = max(run_width(Run(" ", faces.face(LATIN, weight)), size), 0.0)
    lines, current, current_width = [], [], 0.0
    for word in words:
        w = sum(run_width(r, size) for r in faces.runs(word, weight, base))
        if current and current_width + space + w > width:
            lines.append(" ".join(current))
            current, current_width = [], 0.0
        current_width += (space if current else 0.0) + w
        current.append(word)
    lines.append(" ".join(current))
    return lines


_DEFAULT: Faces | None = None


def default_faces() -> Faces:
    """The faces from the bundled folder and, for CJK, from fontconfig."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Faces()
    return _DEFAULT


def needs_scripts(text: str, weight: str = "regular", faces: Faces | None = None) -> bool:
    """False when the Latin face prints all of `text` left to right: today's plain path stays exact."""
    faces = faces or default_faces()
    latin = faces.face(LATIN, weight)
    return direction(text) == "rtl" or any(
        not ch.isspace() and (not faces.covers(latin, ch) or unicodedata.bidirectional(ch) in _STRONG_RTL)
        for ch in text
    )


def _paragraph_class():
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.platypus import Paragraph

    class ScriptParagraph(Paragraph):
        """A Paragraph of user text in any script: escaped, cut into font runs, broken into lines with
        shaped widths, each line in bidi visual order, flush right when the text is right-to-left.

        `style.fontSize` and `style.leading` are used as given; the style's font is replaced by the faces
        of `weight`. Plain Latin/Cyrillic text goes through reportlab unchanged (unshaped, as before).
        """

        def __init__(self, text: str, style, weight: str = "regular", faces: Faces | None = None, base=None):
            self.user_text, self.weight, self.faces = " ".join(text.split()), weight, faces or default_faces()
            self.base = base or direction(self.user_text)
            self.plain = not needs_scripts(self.user_text, weight, self.faces)
            self._broken_for: float | None = None
            self.script_style = style if self.plain else self._script_style(style)
            markup = xml_escape(self.user_text) if self.plain else ""
            super().__init__(markup, self.script_style)

        def _script_style(self, style):
            first = self.faces.runs(self.user_text, self.weight, self.base)
            shaped = next((r.face for r in first if r.face.shapable), None)
            # reportlab shapes a paragraph only when the style's own font is shapable.
            font = shaped or (first[0].face if first else self.faces.face(LATIN, self.weight))
            alignment = style.alignment
            if self.base == "rtl" and alignment == TA_LEFT:
                alignment = TA_RIGHT
            return style.clone(f"{style.name}-{self.weight}-{self.base}", fontName=font.name, shaping=1,
                               alignment=alignment, wordWrap=None)

        def lines_for(self, width: float) -> list[str]:
            st = self.script_style
            usable = width - st.leftIndent - st.rightIndent - 0.5  # reportlab must not break again
            return break_lines(self.user_text, self.faces, self.weight, st.fontSize, usable, self.base)

        def wrap(self, available_width, available_height):
            if not self.plain and self._broken_for != available_width:
                lines = self.lines_for(available_width)
                markup = "<br/>".join(
                    line_markup(self.faces.visual_runs(line, self.weight, self.base)) for line in lines
                )
                Paragraph.__init__(self, markup, self.script_style)
                self._broken_for = available_width
            return super().wrap(available_width, available_height)

        def split(self, available_width, available_height):
            if self.plain:
                return super().split(available_width, available_height)
            lines = self.lines_for(available_width)
            fit = int((available_height + 1e-6) // self.script_style.leading)
            if fit <= 0:
                return []
            if fit >= len(lines):
                return [self]
            make = type(self)
            return [make(" ".join(lines[:fit]), self.style, self.weight, self.faces, self.base),
                    make(" ".join(lines[fit:]), self.style, self.weight, self.faces, self.base)]

    return ScriptParagraph


@cache
def script_paragraph_class():
    """The `ScriptParagraph` flowable class (built on first use, so importing this module needs no reportlab)."""
    return _paragraph_class()


def ScriptParagraph(text: str, style, weight: str = "regular", faces: Faces | None = None, base: str | None = None):
    return script_paragraph_class()(text, style, weight, faces, base)


# ---------------------------------------------------------------------------------------------------------
# reportlab canvas (placards)


def line_width(text: str, size: float, weight: str = "display", faces: Faces | None = None) -> float:
    """The drawn width of one line: the sum of its shaped runs. Use it for fitting placard slogans."""
    faces = faces or default_faces()
    return sum(run_width(r, size) for r in faces.runs(text, weight))


def draw_line(canvas, x: float, y: float, text: str, size: float, weight: str = "display",
              anchor: str = "start", faces: Faces | None = None) -> float:
    """Draw one line of user text on a reportlab canvas at baseline y; returns its width.

    anchor: "start" (left for LTR, right for RTL text), "middle" or "end", relative to x. Each run is
    shaped by HarfBuzz and drawn in visual order. A left-to-right line is marked with its logical text as
    ActualText, so text extraction gives back what was typed even where the ToUnicode map cannot (vowel
    signs drawn before their consonant, as in हि); right-to-left lines rely on the ToUnicode map.
    """
    from reportlab.pdfbase.ttfonts import shapeStr

    faces = faces or default_faces()
    base = direction(text)
    runs = faces.visual_runs(text, weight, base)
    widths = [run_width(r, size) for r in runs]
    total = sum(widths)
    if anchor == "middle":
        left = x - total / 2
    elif (anchor == "end") != (base == "rtl"):
        left = x - total
    else:
        left = x
    # poppler reverses ActualText of right-to-left lines as if it were visual: only left-to-right lines get it.
    actual = all(not r.rtl for r in runs)
    if actual:
        canvas.addLiteral(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC")
    for run, width in zip(runs, widths):
        t = canvas.beginText(left, y)
        t.setFont(run.face.name, size)
        drawn = whole_run_text(run)
        t.textOut(shapeStr(drawn, run.face.name, size, force=True) if run.face.shapable else drawn)
        canvas.drawText(t)
        left += width
    if actual:
        canvas.addLiteral("EMC")
    return total


# ---------------------------------------------------------------------------------------------------------
# Pillow (social cards), through raqm


_LANGUAGE = {"arabic": "ar", "hebrew": "he", "devanagari": "hi", "bengali": "bn", "tamil": "ta", "thai": "th",
             "georgian": "ka", "armenian": "hy", "ethiopic": "am", "han": "zh", "kana": "ja", "hangul": "ko"}


@cache
def pillow_font(path: str, index: int, size: int):
    from PIL import ImageFont, features

    if not features.check("raqm"):
        raise RuntimeError("Pillow was built without raqm (libraqm): complex scripts cannot be shaped")
    return ImageFont.truetype(path, size=size, index=index, layout_engine=ImageFont.Layout.RAQM)


def _pillow_runs(text: str, size: int, weight: str, faces: Faces):
    for run in faces.visual_runs(text, weight, direction(text)):
        font = pillow_font(str(run.face.path), run.face.index, size)
        kw = {"direction": "rtl" if run.rtl else "ltr", "language": _LANGUAGE.get(run.face.script)}
        yield run, font, kw, font.getlength(run.text, **kw)


def pillow_width(text: str, size: int, weight: str = "display", faces: Faces | None = None) -> float:
    """The advance width, in pixels, of one line drawn by `draw_pillow_line`."""
    return sum(width for *_, width in _pillow_runs(text, size, weight, faces or default_faces()))


def draw_pillow_line(draw, x: float, baseline: float, text: str, size: int, fill, weight: str = "display",
                     anchor: str = "middle", faces: Faces | None = None) -> tuple[int, int, int, int]:
    """Draw one line on a PIL ImageDraw with per-run fonts; returns the ink box (left, top, right, bottom).

    Each run goes to raqm with its direction and language, so raqm shapes it (and reorders inside it);
    the order of the runs is this module's bidi. anchor as for `draw_line`, relative to x.
    """
    faces = faces or default_faces()
    parts = list(_pillow_runs(text, size, weight, faces))
    total = sum(p[3] for p in parts)
    rtl = direction(text) == "rtl"
    left = x - total / 2 if anchor == "middle" else x - total if (anchor == "end") != rtl else x
    box = [None, None, None, None]
    for run, font, kw, width in parts:
        draw.text((left, baseline), run.text, font=font, fill=fill, anchor="ls", **kw)
        ink = draw.textbbox((left, baseline), run.text, font=font, anchor="ls", **kw)
        if not run.text.isspace():
            box = [ink[i] if box[i] is None else (min if i < 2 else max)(box[i], ink[i]) for i in range(4)]
        left += width
    return tuple(int(round(v)) for v in box) if box[0] is not None else (0, 0, 0, 0)
