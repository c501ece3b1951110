"""Bundled TrueType fonts in, the same fonts without their hinting out (rewritten in place): the
glyph programs and the fpgm, prep and cvt tables that screen rasterisers may use at small pixel sizes.

A PDF for print does not need them, and reportlab copies them into every font subset it embeds
(about 40% of a subset's bytes). Outlines, metrics, cmap, GSUB/GPOS/GDEF (for shaping) and names are
kept, and so is every glyph and its id. Run once after adding or updating a font (needs fontTools,
which campaignkit itself does not use):

    pip install fonttools && python tools/strip_hinting.py assets/fonts/*.ttf
"""

from __future__ import annotations

import sys
from pathlib import Path


def strip(path: Path) -> tuple[int, int]:
    """Remove hinting from the font at `path`; (bytes before, bytes after)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables import ttProgram

    before = path.stat().st_size
    font = TTFont(path)
    for tag in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "DSIG"):
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if hasattr(glyph, "program"):
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
    maxp = font["maxp"]
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    if "gasp" in font:  # no hinting left to switch on: smooth at every size
        font["gasp"].gaspRange = {0xFFFF: 0x000A}
    font.save(path)
    return before, path.stat().st_size


def main(paths: list[str]) -> None:
    for name in paths:
        before, after = strip(Path(name))
        print(f"{name}: {before} -> {after} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
