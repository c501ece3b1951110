"""Text and a position in, the text drawn out: one shaped line on a reportlab canvas or a Pillow image."""

from __future__ import annotations

from functools import cache

from .base import Run
from .bidi import direction, whole_run_text
from .faces import Faces, default_faces
from .shaping import ink_extents, run_width

# reportlab canvas (placards)


def line_width(text: str, size: float, weight: str = "display", faces: Faces | None = None) -> float:
    """The drawn width of one line: the sum of its shaped runs. Use it for fitting placard slogans."""
    faces = faces or default_faces()
    return sum(run_width(r, size) for r in faces.runs(text, weight))


def line_extents(text: str, weight: str = "display", faces: Faces | None = None) -> tuple[float, float]:
    """How far the ink of one line reaches above and below its baseline, in em: the most of its runs."""
    faces = faces or default_faces()
    extents = [ink_extents(whole_run_text(r), r.face.path, r.face.index) for r in faces.runs(text, weight)
               if not r.text.isspace()]
    return max((e[0] for e in extents), default=0.0), max((e[1] for e in extents), default=0.0)


def draw_line(canvas, x: float, y: float, text: str, size: float, weight: str = "display",
              anchor: str = "start", faces: Faces | None = None) -> float:
    """Draw one line of user text on a reportlab canvas at baseline y; returns its width.

    anchor: "start" (left for LTR, right for RTL text), "middle" or "end", relative to x. Each run is
    shaped by HarfBuzz and drawn in visual order. A left-to-right line is marked with its logical text as
    ActualText, so text extraction gives back what was typed even where the ToUnicode map cannot (vowel
    signs drawn before their consonant, as in हि); right-to-left lines rely on the ToUnicode map.
    """
    faces = faces or default_faces()
    base = direction(text)
    runs = faces.visual_runs(text, weight, base)
    total = sum(run_width(r, size) for r in runs)
    if anchor == "middle":
        left = x - total / 2
    elif (anchor == "end") != (base == "rtl"):
        left = x - total
    else:
        left = x
    return draw_runs(canvas, left, y, runs, size, text)


def draw_runs(canvas, left: float, y: float, runs: list[Run], size: float, text: str) -> float:
    """Draw visually ordered runs from `left` at baseline y, each shaped in its own face; returns the width.

    A left-to-right line is marked with its logical `text` as ActualText, so text extraction gives back
    what was typed even where the ToUnicode map cannot (vowel signs drawn before their consonant, as in
    हि). poppler reverses the ActualText of right-to-left lines as if it were visual, so those rely on the
    ToUnicode map alone."""
    from reportlab.pdfbase.ttfonts import shapeStr

    actual = all(not r.rtl for r in runs)
    if actual:
        canvas.addLiteral(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC")
    start = left
    for run in runs:
        if run.face.embolden:
            canvas.saveState()
            canvas.setStrokeColor(canvas._fillColorObj)
            canvas.setLineWidth(run.face.embolden * size)
        t = canvas.beginText(left, y)
        t.setFont(run.face.name, size)
        if run.face.embolden:
            t.setTextRenderMode(2)  # fill and stroke
        drawn = whole_run_text(run)
        t.textOut(shapeStr(drawn, run.face.name, size, force=True) if run.face.shapable else drawn)
        canvas.drawText(t)
        if run.face.embolden:
            canvas.restoreState()
        left += run_width(run, size)
    if actual:
        canvas.addLiteral("EMC")
    return left - start


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
        if run.face.embolden:
            kw = {**kw, "stroke_width": max(1, round(run.face.embolden * size))}
        draw.text((left, baseline), run.text, font=font, fill=fill, anchor="ls", stroke_fill=fill, **kw)
        ink = draw.textbbox((left, baseline), run.text, font=font, anchor="ls", **kw)
        if not run.text.isspace():
            box = [ink[i] if box[i] is None else (min if i < 2 else max)(box[i], ink[i]) for i in range(4)]
        left += width
    return tuple(round(v) for v in box) if box[0] is not None else (0, 0, 0, 0)
