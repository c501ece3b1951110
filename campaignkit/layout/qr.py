"""A URL in, a QR module matrix and a vector drawing out (error correction H, 4-module quiet zone).

Codes are made once per URL and process; modules are drawn as filled vector rectangles, so they
stay sharp at any size. `module_mm` tells how large each module prints. Level H (30% recovery) is
chosen over M because printed codes at pickets get rained on, folded and stickered: at H a code
still decodes with 15% of it blanked, wherever the damage falls; at M it often does not.
"""

from __future__ import annotations

import os
from functools import lru_cache

from ..errors import FitError
from .paper import MM

QUIET = 4
MIN_MODULE_MM = 0.5
CAPACITY = 1273  # bytes at version 40, error correction H


def check_capacity(data: str, field: str = "url") -> None:
    """Raise a FitError naming `field` when `data` is empty or more than any QR code at level H holds."""
    if not data:
        raise FitError(f"{field}: a QR code needs a non-empty URL")
    size = len(data.encode("utf-8"))
    if size > CAPACITY:
        raise FitError(f"{field}: the URL is {size:,} bytes; a QR code at error correction H holds at most "
                       f"{CAPACITY:,}; use a shorter URL")


@lru_cache(maxsize=256)
def matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules (without quiet zone) of `data`, error correction H (kept in the disk cache)."""
    from ..cache import cached

    check_capacity(data)
    version, mask = cached("qr-plan", (data, "H", _qrcode_version()), lambda: _plan(data),
                           encode=list, decode=_checked_plan)
    try:
        return _encode(data, version, mask)
    except Exception:
        version, mask = _plan(data)
        return _encode(data, version, mask)


@lru_cache(maxsize=1)
def _qrcode_version() -> tuple:
    """Identifies the installed qrcode library without importing it (or importlib.metadata)."""
    from importlib.util import find_spec

    spec = find_spec("qrcode")
    origin = spec.origin if spec and spec.origin else ""
    try:
        stat = os.stat(origin)
    except OSError:
        return (origin,)
    return (origin, stat.st_size, stat.st_mtime_ns)


def _plan(data: str) -> tuple[int, int]:
    """The smallest version for `data` at level H and the mask the QR standard's penalty rule picks:
    the slow part of encoding, and all the disk cache keeps."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.version, code.best_mask_pattern()


def _checked_plan(value: object) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2 or not all(type(v) is int for v in value)
            or not 1 <= value[0] <= 40 or not 0 <= value[1] <= 7):
        raise ValueError("not a QR plan")
    return value[0], value[1]


def _encode(data: str, version: int, mask: int) -> tuple[tuple[bool, ...], ...]:
    """The modules of `data` at level H, in a given version and mask (the URL is always encoded here)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=0, version=version, mask_pattern=mask)
    code.add_data(data)
    code.make(fit=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


def modules_across(data: str) -> int:
    """Modules across the printed code, quiet zone included."""
    return len(matrix(data)) + 2 * QUIET


def module_mm(data: str, size: float) -> float:
    """Printed size of one module, in mm, for a code `size` points wide."""
    return size / modules_across(data) / MM


def min_size(data: str, module: float = MIN_MODULE_MM) -> float:
    """The smallest code, in points, whose modules are at least `module` mm."""
    return modules_across(data) * module * MM


@lru_cache(maxsize=256)
def _path_ops(data: str) -> str:
    """PDF path operators for the dark modules, one rectangle per horizontal run, in module units."""
    rows = matrix(data)
    ops = []
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                ops.append(f"{start} {-(r + 1)} {c - start} 1 re")
            else:
                c += 1
    return "\n".join(ops)


def size_for(data: str, preferred: float, largest: float, field: str) -> float:
    """The printed size for a code: `preferred`, or larger so modules reach 0.5 mm, but never above
    `largest` (then the URL is too long for the space, and that is an error naming the field)."""
    check_capacity(data, field)
    needed = min_size(data)
    if needed > largest:
        raise FitError(
            f"{field}: the URL is {len(data.encode('utf-8'))} bytes; its QR code needs {needed / MM:.0f} mm for "
            f"{MIN_MODULE_MM} mm modules but this material has room for {largest / MM:.0f} mm "
            f"(modules would be {module_mm(data, largest):.2f} mm); use a shorter URL"
        )
    return max(preferred, needed)


def draw(canvas, data: str, x: float, y: float, size: float, *, field: str = "url", ink=None, paper=None) -> None:
    """Draw the code with its quiet zone as a `size`-point square whose lower left is (x, y)."""
    check_capacity(data, field)
    mm = module_mm(data, size)
    if mm < MIN_MODULE_MM - 1e-9:
        raise FitError(
            f"{field}: the QR code for {data} would have {mm:.2f} mm modules; at least {MIN_MODULE_MM} mm scan "
            f"reliably (the URL is too long for this space)"
        )
    step = size / modules_across(data)
    from reportlab.lib import colors

    canvas.saveState()
    canvas.setFillColor(paper or colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(ink or colors.black)
    # Module coordinates are whole numbers, so the path is made once per URL and scaled into place.
    canvas.translate(x + QUIET * step, y + size - QUIET * step)
    canvas.scale(step, step)
    canvas.addLiteral(_path_ops(data) + "\nf")
    canvas.restoreState()
