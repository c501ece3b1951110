"""Printed addresses in, link annotations over them out, for reading the PDF on a screen.

A URL's link goes to what its QR code holds: the WHATWG href (ASCII), which a browser reaches from
the readable form too. Paragraphs reportlab sets itself carry `<a href>` markup (the href escaped as
an attribute, so no user text becomes markup); shaped paragraphs (`scripts`) get a link over each of
their lines from the lines' own measurements. A PDF form cannot carry annotations, so links drawn
into a form (two leaflets on a sheet) are put on the page at every place the form is drawn.
"""

from __future__ import annotations

from functools import cache, lru_cache

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from .flowables import WithParagraph
from .markup import quote_attribute


@lru_cache(maxsize=256)
def linked(markup: str, href: str) -> str:
    """Paragraph markup made a link to `href`."""
    return f"<a href={quote_attribute(href)}>{markup}</a>"


class LinkedLines(WithParagraph):
    """A shaped paragraph (a `ScriptParagraph` of one URL) with a link to `href` over each of its lines."""

    def __init__(self, para, href: str):
        super().__init__(para)
        self.href = href

    def split(self, available_width, available_height):
        return [LinkedLines(part, self.href) for part in self.para.split(available_width, available_height)]

    def draw(self):
        super().draw()
        for rect in line_boxes(self.para):
            self.canv.linkURL(self.href, rect, relative=1, thickness=0)


def line_boxes(para) -> list[tuple[float, float, float, float]]:
    """The box of each line of a wrapped reportlab Paragraph, in its own coordinates: where reportlab
    put the line (its indents and alignment), from below the descenders to above the capitals."""
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT

    style, bl = para.style, para.blPara
    lines = bl.lines if bl.kind == 1 else [bl]
    size, leading = style.fontSize, style.leading
    baseline = para.height - (size if rl_config.paraFontSizeHeightOffset else getattr(lines[0], "ascent", size))
    boxes = []
    for n, line in enumerate(lines):
        room = para.width - style.leftIndent - style.rightIndent - (style.firstLineIndent if n == 0 else 0)
        used = room - line.extraSpace
        x = style.leftIndent + (style.firstLineIndent if n == 0 else 0)
        if style.alignment == TA_RIGHT:
            x += room - used
        elif style.alignment == TA_CENTER:
            x += (room - used) / 2
        y = baseline - n * leading
        boxes.append((x, y - 0.3 * size, x + used, y + size))
    return boxes


class FormLinks(Canvas):
    """Canvas mixin: a link drawn while a form is open is kept, and added to the page in the place of
    each drawing of the form (`doForm`)."""

    _open_form: str | None = None

    def beginForm(self, name, *args, **kwargs):
        self._open_form = name
        self.__dict__.setdefault("_form_links", {})[name] = []
        return super().beginForm(name, *args, **kwargs)

    def endForm(self, *args, **kwargs):
        self._open_form = None
        return super().endForm(*args, **kwargs)

    def linkURL(self, url, rect, relative=0, *args, **kwargs):
        if self._open_form is not None:
            self._form_links[self._open_form].append((url, self._absRect(rect, relative), args, kwargs))
            return None
        return super().linkURL(url, rect, relative, *args, **kwargs)

    def doForm(self, name):
        super().doForm(name)
        for url, rect, args, kwargs in self.__dict__.get("_form_links", {}).get(name, ()):
            super().linkURL(url, rect, 1, *args, **kwargs)


@cache
def with_form_links(base: type) -> type:
    """`base` (a reportlab Canvas class) with `FormLinks`."""
    return type(base.__name__, (FormLinks, base), {})
