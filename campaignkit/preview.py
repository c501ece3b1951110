"""A PDF (bytes or path) in, PNG images of its pages out, rendered by pdfium from the PDF itself,
so what you see is what prints. Also the pack's contact sheet: every page and card, small.
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import CampaignkitError
from .output import write_atomic
from .social import png_info


def _pdfium():
    import pypdfium2

    return pypdfium2


def render_pages(pdf: bytes, *, dpi: float = 100, height: int | None = None):
    """Each page as a PIL image, at `dpi` or scaled to `height` pixels."""
    pdfium = _pdfium()
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise CampaignkitError(f"not a readable PDF ({exc})") from None
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            scale = height / page.get_height() if height else dpi / 72
            images.append(page.render(scale=scale).to_pil())
            page.close()
        return images
    finally:
        document.close()


def preview_pdf(pdf: str | Path, out_dir: str | Path | None = None, *, dpi: int = 100) -> list[Path]:
    """Write page PNGs named after the PDF (leaflet-p1.png, ...) into `out_dir` (default: beside it)."""
    path = Path(pdf)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CampaignkitError(f"{pdf}: cannot be read ({exc.strerror or exc})") from None
    folder = Path(out_dir) if out_dir else path.parent
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, image in enumerate(render_pages(data, dpi=dpi), 1):
        buffer = io.BytesIO()
        image.save(buffer, "PNG", pnginfo=png_info())
        target = folder / f"{path.stem}-p{number}.png"
        write_atomic(target, buffer.getvalue())
        written.append(target)
    return written


def contact_sheet(items: list[tuple[str, list]], *, thumb_height: int = 160, columns: int = 9) -> bytes:
    """A PNG grid of thumbnails, each labelled with its file name and page number."""
    from PIL import Image, ImageDraw, ImageFont

    from . import fonts

    label_font = ImageFont.truetype(str(fonts.font_dir() / fonts.FILES[fonts.BODY]), 12, layout_engine=ImageFont.Layout.BASIC)
    thumbs = []
    for name, images in items:
        for number, image in enumerate(images, 1):
            image = image.convert("RGB")
            if image.height != thumb_height:
                factor = max(1, image.height // (2 * thumb_height))
                image = image.reduce(factor) if factor > 1 else image
                scale = thumb_height / image.height
                image = image.resize((max(1, round(image.width * scale)), thumb_height), Image.Resampling.BILINEAR)
            caption = f"{name}" + (f"  p{number}" if len(images) > 1 else "")
            thumbs.append((image, caption))
    cell_w = max(image.width for image, _ in thumbs) + 24
    cell_h = thumb_height + 38
    rows = (len(thumbs) + columns - 1) // columns
    sheet = Image.new("RGB", (cell_w * min(columns, len(thumbs)) + 24, cell_h * rows + 24), (236, 236, 236))
    draw = ImageDraw.Draw(sheet)
    for i, (image, caption) in enumerate(thumbs):
        x = 24 + (i % columns) * cell_w
        y = 24 + (i // columns) * cell_h
        draw.rectangle([x - 1, y - 1, x + image.width, y + image.height], outline=(180, 180, 180))
        sheet.paste(image, (x, y))
        length = draw.textlength(caption, font=label_font)
        if length > cell_w - 28:  # shorten in proportion, then trim the last few characters if needed
            caption = caption[: int(len(caption) * (cell_w - 28) / length) - 1] + "…"
        draw.text((x, y + thumb_height + 8), caption, font=label_font, fill=(60, 60, 60))
    buffer = io.BytesIO()
    sheet.save(buffer, "PNG", compress_level=1, pnginfo=png_info())
    return buffer.getvalue()
