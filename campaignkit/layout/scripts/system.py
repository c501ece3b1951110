"""A script in, a system face (path, index) out: fontconfig look-ups for CJK faces reportlab can embed."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from functools import cache
from pathlib import Path

from .base import CJK_LANG, CJK_SAMPLE, INSTALL_HINT, SCRIPT_NAMES


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


def _fc_candidates(fc_lang: str) -> list[tuple[str, int, int]]:
    """(file, index, fontconfig weight) of the outline faces fontconfig lists for `lang`."""
    if not shutil.which("fc-list"):
        return []
    result = subprocess.run(
        ["fc-list", "-f", "%{file}\t%{index}\t%{weight}\n", f":lang={fc_lang}:outline=True"],
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
        if not embeddable(path, index) or not covers_sample(path, index, sample):
            continue
        # Monospaced and dot-matrix ("Sharp") variants make poor body text.
        penalty = abs(fc_weight - wanted) + (50 if re.search(r"Mono|Coding|Sharp", _family(path, index)) else 0)
        if best is None or (penalty, path, index) < best:
            best = (penalty, path, index)
    return (Path(best[1]), best[2]) if best else None


@cache
def system_weight(path: str | Path, index: int = 0) -> int:
    """The fontconfig weight of a face (80 regular, 100 medium, 200 bold); 80 when fontconfig cannot say."""
    if not shutil.which("fc-query"):
        return 80
    result = subprocess.run(["fc-query", "-i", str(index), "-f", "%{weight}", str(path)],
                            capture_output=True, text=True, check=False, timeout=30)
    found = re.match(r"\[?(\d+)", result.stdout)
    return int(found.group(1)) if found else 80


def _family(path: str, index: int) -> str:
    result = subprocess.run(["fc-query", "-i", str(index), "-f", "%{family}", path],
                            capture_output=True, text=True, check=False, timeout=30)
    return result.stdout


@cache
def _file_cmap(path: str, index: int) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFace

    return frozenset(TTFontFace(path, subfontIndex=index).charToGlyph)


def covers_sample(path: str, index: int, sample: str) -> bool:
    try:
        cmap = _file_cmap(path, index)
    except Exception:
        return False
    return all(ord(ch) in cmap for ch in sample if not ch.isspace())


def missing_face_message(script: str) -> str:
    """What to tell the user when no installed face can print `script`."""
    return (f"no installed font can print {SCRIPT_NAMES.get(script, script)} text in a PDF "
            f"(reportlab needs TrueType outlines; Noto CJK is CFF and cannot be embedded): {INSTALL_HINT[script]}")
