"""Runs in, shaped widths and glyphs out: HarfBuzz measuring, and run shaping installed into reportlab."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from .base import Run
from .bidi import whole_run_text


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


@cache
def _hb_font(path: str, index: int):
    import uharfbuzz as hb

    return hb.Font(hb.Face(hb.Blob.from_file_path(path), index))


def ink_extents(text: str, font_path: str | Path, index: int = 0) -> tuple[float, float]:
    """How far the ink of `text`, shaped in a font file, reaches above and below the baseline, in em
    (marks stacked on letters and dots under them included)."""
    import uharfbuzz as hb

    font = _hb_font(str(font_path), index)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, SHAPING_FEATURES)
    top = bottom = 0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        extents = font.get_glyph_extents(info.codepoint)
        if extents is None:
            continue
        top = max(top, pos.y_offset + extents.y_bearing)
        bottom = min(bottom, pos.y_offset + extents.y_bearing + extents.height)
    upem = font.face.upem
    return top / upem, -bottom / upem


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
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

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
                cmap = cmap.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{text}>", 1)
        return cmap

    setattr(shape_per_run, "per_run", True)  # noqa: B010 - marks the patch as installed
    ttfonts.shapeFragWord = shape_per_run
    paragraph.shapeFragWord = shape_per_run
    ttfonts.makeToUnicodeCMap = cmap_with_cluster_text


# ---------------------------------------------------------------------------------------------------------
# reportlab Paragraphs
