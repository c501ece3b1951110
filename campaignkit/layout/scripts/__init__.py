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

from ..fonts import font_dir as bundled_dir
from .base import CJK_SCRIPTS, COMPLEX, INSTALL_HINT, LATIN, WEIGHTS, Face, Run, script_of
from .bidi import bidi_levels, direction, reorder, visual_text
from .drawing import draw_line, draw_pillow_line, line_extents, line_width, pillow_width
from .faces import Faces, default_faces
from .paragraph import ScriptParagraph, Styled, break_lines, break_styled, needs_scripts
from .shaping import harfbuzz_glyphs, shaped_width
from .system import embeddable, find_system_face, missing_face_message

__all__ = [
    "CJK_SCRIPTS",
    "COMPLEX",
    "INSTALL_HINT",
    "LATIN",
    "WEIGHTS",
    "Face",
    "Faces",
    "Run",
    "ScriptParagraph",
    "Styled",
    "bidi_levels",
    "break_lines",
    "break_styled",
    "bundled_dir",
    "default_faces",
    "direction",
    "draw_line",
    "draw_pillow_line",
    "embeddable",
    "find_system_face",
    "harfbuzz_glyphs",
    "line_extents", "line_width",
    "missing_face_message",
    "needs_scripts",
    "pillow_width",
    "reorder",
    "script_of",
    "shaped_width",
    "visual_text",
]
