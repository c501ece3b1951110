"""Leaflet pages in, two-up sheets out: each leaflet page drawn into a form and placed twice, side by
side, on a landscape sheet with a dashed line to cut along.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ..layout.paper import draw_cut_line


class TwoUpCanvas(Canvas):
    """Draws each page into a form, then places it twice on a landscape `sheet` with a cut line."""

    def __init__(self, *args, pagesize, sheet: tuple[float, float], **kwargs):
        self._cell = pagesize
        self._sheet = sheet
        super().__init__(*args, pagesize=self._sheet, **kwargs)
        self._forms = 0
        self._begin()

    def setPageSize(self, size):
        self._cell = size
        super().setPageSize(self._sheet)

    def _begin(self):
        self._forms += 1
        self.beginForm(f"leaflet{self._forms}", 0, 0, *self._cell)

    def showPage(self):
        self.endForm()
        name = f"leaflet{self._forms}"
        half = self._sheet[0] / 2
        inset = (half - self._cell[0]) / 2  # A5 is 148 mm, half an A4 sheet 148.5 mm
        for x in (inset, half + inset):
            self.saveState()
            self.translate(x, 0)
            self.doForm(name)
            self.restoreState()
        draw_cut_line(self, half, 0, half, self._sheet[1])
        super().showPage()
        self._begin()

    def save(self):
        # The form opened after the last sheet is empty: drop it rather than emit an unused object.
        self._restartAccumulators()
        self.pop_state_stack()
        super().save()
