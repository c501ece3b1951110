"""A material's description (kind, title, language, page) in, a set-up reportlab document or canvas
out, and the finished bytes in, a `Rendered` result out.

Document setup happens once, here: metadata (title, subject, language, creator, in the Info
dictionary and as XMP), the material's mark (`campaignkit-material=<kind>` in Keywords, which `print`
and the file-ownership check read), viewer preferences (actual size for placards, short-edge duplex
for two-up), reproducible dates and ids (SOURCE_DATE_EPOCH, else a fixed day), the bundled font as
the initial font so no unembedded Helvetica creeps in, and for a print shop (`inks` "cmyk" or "k")
a canvas that draws in process inks with trim and bleed boxes and an output intent (see `press`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, cast

from ..errors import FitError
from ..marks import CREATOR, MATERIAL_MARK
from . import fonts
from .flowables import forget_earlier_builds
from .text import Typesetter


@dataclass(frozen=True)
class Rendered:
    """A finished material: its bytes and what a writer, a printer or a test needs to know about it."""

    data: bytes
    name: str  # the suggested file name
    material: str  # leaflet, leaflet-two-up, placard, placard-tiled, factsheet, signup, signatories, card
    pages: int
    page_size: tuple[float, float]  # of the printed sheet, in points
    media_type: str = "application/pdf"
    warnings: tuple[str, ...] = ()
    details: tuple[Any, ...] = field(default=(), compare=False)  # what the material reports (placard plans)

    def __bytes__(self) -> bytes:
        return self.data

    def __len__(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class Info:
    """What a PDF says about itself."""

    title: str
    subject: str
    author: str  # the campaign id: no personal data
    language: str
    material: str
    print_scaling_none: bool = False  # placards and tiles: never "fit to page"
    short_edge_duplex: bool = False  # two-up sheets
    inks: str = "rgb"  # "rgb"; for a print shop "cmyk" or "k" (black ink only): see Theme.inks

    @property
    def keywords(self) -> str:
        return f"{MATERIAL_MARK}{self.material}"


def pdf_document(buffer: io.BytesIO, info: Info, page_size: tuple[float, float], templates: list,
                 boxes: dict | None = None):
    """A platypus document template with campaignkit's metadata and settings, which also measures the
    room left at the foot of each page (`doc.leftover`, page number -> points)."""
    from reportlab.platypus import BaseDocTemplate

    from ..localise import source_date_epoch
    from .metadata import add_metadata

    source_date_epoch()  # a malformed value is an error here, before reportlab reads it

    class MeasuredDocument(BaseDocTemplate):
        def _makeCanvas(self, filename=None, canvasmaker=None, **kwargs):
            from functools import partial

            from reportlab.pdfgen.canvas import Canvas

            maker = canvasmaker or Canvas
            if isinstance(maker, partial):
                maker = partial(_canvas_class(cast(type, maker.func), info.inks), *maker.args, **maker.keywords)
            else:
                maker = _canvas_class(maker, info.inks)
            canv = super()._makeCanvas(filename, maker, **kwargs)
            add_metadata(canv._doc)
            return canv

        def afterFlowable(self, flowable):
            frame = getattr(self, "frame", None)
            if frame is not None:  # the last flowable of a page decides
                self.leftover[self.page] = frame._y - frame._y1

        def build(self, *args, **kwargs):
            self.leftover: dict[int, float] = {}
            return super().build(*args, **kwargs)

    doc = MeasuredDocument(
        buffer, pagesize=page_size, pageTemplates=templates, invariant=1, initialFontName=fonts.BODY,
        title=info.title, subject=info.subject, author=info.author, creator=CREATOR, keywords=info.keywords,
        lang=info.language, displayDocTitle=1, **(boxes or {}),
    )
    if info.print_scaling_none:
        doc.printScaling = "None"
    if info.short_edge_duplex:
        doc.duplex = "DuplexFlipShortEdge"
    return doc


def pdf_canvas(buffer: io.BytesIO, info: Info, page_size: tuple[float, float], canvas_class=None):
    """A canvas with campaignkit's metadata and settings."""
    from reportlab.pdfgen.canvas import Canvas

    from ..localise import source_date_epoch
    from .metadata import add_metadata

    source_date_epoch()
    made = _canvas_class(canvas_class or Canvas, info.inks)
    canvas = made(buffer, pagesize=page_size, invariant=1, initialFontName=fonts.BODY, lang=info.language)
    canvas.setTitle(info.title)
    canvas.setSubject(info.subject)
    canvas.setAuthor(info.author)
    canvas.setCreator(CREATOR)
    canvas.setKeywords(info.keywords)
    canvas.setViewerPreference("DisplayDocTitle", "true")
    if info.print_scaling_none:
        canvas.setViewerPreference("PrintScaling", "None")
    if info.short_edge_duplex:
        canvas.setViewerPreference("Duplex", "DuplexFlipShortEdge")
    add_metadata(canvas._doc)
    return canvas


def _canvas_class(base: type, inks: str) -> type:
    """A Canvas class whose links survive forms, drawing in process inks for a print shop."""
    from .links import with_form_links

    made = with_form_links(base)
    if inks == "rgb":
        return made
    from .press import press_canvas

    return press_canvas(made, inks)


def build(doc, story: list, ts: Typesetter, **callbacks) -> bytes:
    """Check every glyph, lay out `story` with `doc` into its buffer, and return the PDF bytes."""
    from reportlab.platypus.doctemplate import LayoutError

    ts.check()
    forget_earlier_builds(story)
    doc.filename = io.BytesIO()  # a document laid out again starts from an empty buffer
    try:
        doc.build(list(story), **callbacks)  # platypus consumes the list it is given
    except LayoutError as exc:
        raise FitError(f"a block of text is too large for one page even on its own ({exc})") from None
    return doc.filename.getvalue()


def page_count(data: bytes) -> int:
    """Pages in a PDF that campaignkit wrote (it writes one /Type /Page object per page)."""
    return len(re.findall(rb"/Type /Page[^s]", data))

