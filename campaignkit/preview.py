"""A PDF (bytes or path) in, PNG images of its pages out, rendered by pdfium from the PDF itself, so
what you see is what prints; and the pack's contact sheet: every page and card, small, on one PNG.

Rendering is capped in pixels per page, so a PDF with absurdly large pages is one clear error
rather than gigabytes of memory.
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import CampaignkitError
from .layout.document import Rendered

MAX_PIXELS = 100_000_000  # per rendered page: an A0 poster at 300 dpi is 108 MP; at 200 dpi 48 MP


def render_pages(pdf: bytes, *, dpi: float = 100, height: int | None = None, name: str = "<pdf>"):
    """Each page as a PIL image, at `dpi` or scaled to `height` pixels."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise CampaignkitError(f"{name}: not a readable PDF ({exc})") from None
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            width, page_height = page.get_size()
            scale = height / page_height if height else dpi / 72
            pixels = width * scale * page_height * scale
            if pixels > MAX_PIXELS:
                raise CampaignkitError(
                    f"{name}: page {index + 1} is {width / 72 * 25.4:.0f} x {page_height / 72 * 25.4:.0f} mm and would "
                    f"be {pixels / 1e6:.0f} million pixels at {scale * 72:.0f} dpi; the limit is "
                    f"{MAX_PIXELS / 1e6:.0f} million (use a lower --dpi)"
                )
            images.append(page.render(scale=scale).to_pil())
            page.close()
        return images
    finally:
        document.close()


def preview_pdf(pdf: str | Path, out_dir: str | Path | None = None, *, dpi: int = 100,
                force: bool = False) -> list[Path]:
    """Write page PNGs named after the PDF (leaflet-p01.png, ...) into `out_dir` (default: beside it).
    Every name is checked first: a file campaignkit did not make is kept unless `force`."""
    from .layout.raster import png_bytes
    from .write import write_files

    path = Path(pdf)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CampaignkitError(f"{pdf}: cannot be read ({exc.strerror or exc})") from None
    images = render_pages(data, dpi=dpi, name=str(pdf))
    digits = max(2, len(str(len(images))))
    files = [(f"{path.stem}-p{n:0{digits}d}.png", png_bytes(image, compress_level=6))
             for n, image in enumerate(images, 1)]
    return write_files(Path(out_dir) if out_dir else path.parent, files, force=force)


def contact_sheet(items: list[tuple[str, Rendered]], *, thumb_height: int = 160, columns: int = 9) -> bytes:
    """A PNG grid of thumbnails of every page and card, each labelled with its name and page."""
    from PIL import Image, ImageDraw

    from .layout import fonts
    from .layout.raster import face, png_bytes

    label_font = face(fonts.BODY, 12)
    thumbs = []
    for name, rendered in items:
        if rendered.media_type == "application/pdf":
            images = render_pages(rendered.data, height=thumb_height, name=name)
        else:
            image = Image.open(io.BytesIO(rendered.data))
            image.draft("RGB", (image.width // 4, image.height // 4))
            images = [image]
        for number, image in enumerate(images, 1):
            image = image.convert("RGB")
            if image.height != thumb_height:
                factor = max(1, image.height // (2 * thumb_height))
                image = image.reduce(factor) if factor > 1 else image
                scale = thumb_height / image.height
                image = image.resize((max(1, round(image.width * scale)), thumb_height), Image.Resampling.BILINEAR)
            thumbs.append((image, f"{name}" + (f"  p{number}" if len(images) > 1 else "")))
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
        if length > cell_w - 28:  # shorten in proportion, then mark what was cut
            caption = caption[: int(len(caption) * (cell_w - 28) / length) - 1] + "…"
        draw.text((x, y + thumb_height + 8), caption, font=label_font, fill=(60, 60, 60))
    return png_bytes(sheet, compress_level=1)
