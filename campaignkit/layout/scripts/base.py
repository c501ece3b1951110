"""A character in, its script out: the scripts campaignkit prints, their bundled faces, and the Face and Run records."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

WEIGHTS = ("regular", "bold", "display", "narrow")  # narrow: the display face, extra-condensed where one exists
LATIN = "latin"
CJK_SCRIPTS = ("han", "kana", "hangul")
USER = "user"  # the script of a face the campaign names in `fonts`: whatever it covers

# script -> (regular, bold, display[, narrow]); all from Debian fonts-noto-core / fonts-noto-extra 20201225-1.
BUNDLED: dict[str, tuple[str, ...]] = {
    LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-CondensedBlack.ttf",
            "NotoSans-ExtraCondensedBlack.ttf"),
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

# Scripts whose letters, vowel signs or tone marks reach well above and below the line: their lines are
# never set closer than `MARKED_LEADING` times the type size, or one line's marks meet the next line.
MARKED = frozenset({"arabic", "devanagari", "bengali", "tamil", "thai"})
MARKED_LEADING = 1.32

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


@dataclass(frozen=True)
class Face:
    """A font face for one script and weight: its file, index in the file and reportlab name."""

    name: str  # the reportlab font name
    path: Path
    index: int
    script: str
    weight: str
    embolden: float = 0.0  # a stroke this many em wide, for a heavier weight the font does not have

    @property
    def shapable(self) -> bool:
        return self.script in COMPLEX or self.script in CJK_SCRIPTS or self.script.startswith(USER)


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn by one face at one bidi embedding level (odd: right to left)."""

    text: str
    face: Face
    level: int = 0

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1
