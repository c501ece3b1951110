"""Text and a weight in, runs of one face each out: the faces registered for every script and weight."""

from __future__ import annotations

import hashlib
import itertools
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .. import fonts
from ..fonts import font_dir as bundled_dir
from .base import BUNDLED, CJK_SAMPLE, CJK_SCRIPTS, LATIN, USER, WEIGHTS, Face, Run, script_of
from .bidi import bidi_levels, direction, reorder
from .shaping import install_reportlab_run_shaping
from .system import covers_sample, embeddable, find_system_face, system_weight


class Faces:
    """The faces for every script and weight: bundled ones from `font_dir`; CJK ones from `system`
    ({script: path or (path, index)}), from the `extra` font files that cover them, or, when
    `search_system` is true, from fontconfig. `extra` faces (TrueType outlines) also draw any character
    no bundled face has, in the order given, in every weight."""

    def __init__(self, font_dir: str | Path | None = None, system: dict | None = None, search_system: bool = True,
                 extra: Sequence[str | Path] = ()):
        self.font_dir = Path(font_dir) if font_dir else bundled_dir()
        self.system = {k: (Path(v), 0) if isinstance(v, (str, Path)) else (Path(v[0]), v[1])
                       for k, v in (system or {}).items()}
        self.search_system = search_system
        self._faces: dict[tuple[str, str], Face | None] = {}
        self.extra: list[Face] = []
        for path in map(Path, extra):
            if not embeddable(path):
                raise ValueError(f"{path} is not a TrueType font with glyf outlines; a PDF cannot embed it "
                                 "(OpenType CFF faces such as Noto CJK cannot be used)")
            digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
            face = Face(f"CKS-{USER}-{digest}", path, 0, f"{USER}-{digest}", "regular")
            _register(face)
            self.extra.append(face)
            for script in CJK_SCRIPTS:
                if script not in self.system and covers_sample(str(path), 0, CJK_SAMPLE[script]):
                    self.system[script] = (path, 0)

    def face(self, script: str, weight: str = "regular") -> Face | None:
        """The registered face for a script and weight, or None when there is none."""
        key = (script, weight)
        if key not in self._faces:
            self._faces[key] = self._find(script, weight)
        return self._faces[key]

    def latin(self, weight: str = "regular") -> Face:
        """The bundled Latin face, which every other script falls back on for spaces and punctuation."""
        face = self.face(LATIN, weight)
        if face is None:
            raise FileNotFoundError(f"the bundled Latin {weight} face is missing from {self.font_dir}")
        return face

    def _find(self, script: str, weight: str) -> Face | None:
        if weight not in WEIGHTS:
            raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
        if script == LATIN:
            # The Latin faces are the plain path's own fonts, so a PDF embeds each of them once.
            name = fonts.register(fonts.OF_WEIGHT[weight])
            return Face(name, self.font_dir / fonts.FILES[name], 0, LATIN, weight)
        if script in BUNDLED:
            files = BUNDLED[script]
            path, index = self.font_dir / files[min(WEIGHTS.index(weight), len(files) - 1)], 0
        elif script in CJK_SCRIPTS:
            found = self.system.get(script)
            if found is None and self.search_system:
                # CJK faces rarely come in a display weight; bold stands in for it and for narrow.
                found = find_system_face(script, "regular" if weight == "regular" else "bold")
            if found is None:
                return None
            path, index = found
            if not embeddable(path, index):
                raise ValueError(f"{path} has no TrueType (glyf) outlines; reportlab cannot embed it")
        else:
            return None
        if weight == "narrow" and len(BUNDLED.get(script, ())) < 4:
            return self.face(script, "display")
        if weight != "regular" and script in CJK_SCRIPTS and system_weight(path, index) < 150:
            # No bold face on the system: draw the one there is heavier.
            regular = self.face(script, "regular")
            if regular is not None and (regular.path, regular.index) == (path, index):
                return emboldened(regular, weight)
            face = emboldened(Face(f"CKS-{script}-{weight}", path, index, script, weight), weight)
        else:
            face = Face(f"CKS-{script}-{weight}", path, index, script, weight)
        _register(face)
        return face

    def covers(self, face: Face, ch: str) -> bool:
        return ord(ch) in _cmap(face.name)

    def candidates(self, weight: str) -> list[Face]:
        """Latin first, then the other bundled faces, then the extra ones: the order fallback tries them in."""
        extra = self.extra if weight == "regular" else [emboldened(f, weight) for f in self.extra]
        return [f for f in (self.face(s, weight) for s in BUNDLED) if f is not None] + extra

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
        for face in self._fallbacks(weight):
            if self.covers(face, ch):
                return face
        return None

    def _fallbacks(self, weight: str):
        """The candidates, then the CJK faces (looked up only when nothing else covers a character, such
        as the ideographic full stop 。 on its own)."""
        yield from self.candidates(weight)
        for script in CJK_SCRIPTS:
            face = self.face(script, weight)
            if face is not None:
                yield face

    def _assign_common(self, text: str, group: list[int], faces: list[Face | None], weight: str) -> None:
        first, last = group[0], group[-1]
        before = faces[first - 1] if first > 0 else None
        after = next((faces[j] for j in range(last + 1, len(text)) if faces[j] is not None), None)
        marks_only = all(unicodedata.category(text[i]) in ("Mn", "Me") for i in group)
        choices = [before] if marks_only else itertools.chain([before, after, self.face(LATIN, weight)],
                                                              self._fallbacks(weight))
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

    def runs(self, text: str, weight: str | Sequence[str] = "regular", base: str | None = None) -> list[Run]:
        """`text` cut into runs of one face and one bidi level, in logical order. `weight` is one weight
        for all of it or one per character (a bold label before plain text)."""
        if not text:
            return []
        weights = [weight] * len(text) if isinstance(weight, str) else list(weight)
        assigned = {w: self.assign(text, w) for w in dict.fromkeys(weights)}
        # missing() reports the gaps before drawing; a character no face has would print as .notdef
        faces = [assigned[w][i] or self.latin(w) for i, w in enumerate(weights)]
        levels = bidi_levels(text, base or direction(text))
        out: list[Run] = []
        start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or faces[i] != faces[start] or levels[i] != levels[start]:
                out.append(Run(text[start:i], faces[start], levels[start]))
                start = i
        return out

    def visual_runs(self, text: str, weight: str | Sequence[str] = "regular", base: str | None = None) -> list[Run]:
        """The runs of one line in the order they are drawn from left to right (Unicode bidi rule L2)."""
        base = base or direction(text)
        return reorder(_reset_trailing_space(self.runs(text, weight, base), base))


_DEFAULT: Faces | None = None


def default_faces() -> Faces:
    """The faces from the bundled folder and, for CJK, from fontconfig."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Faces()
    return _DEFAULT


EMBOLDEN = {"bold": 0.035, "display": 0.055, "narrow": 0.055}


def emboldened(face: Face, weight: str) -> Face:
    """A face of one weight standing in for a heavier one: the same font, drawn with a stroke."""
    return Face(face.name, face.path, face.index, face.script, weight, EMBOLDEN.get(weight, 0.0))


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
