"""A PDF (bytes or path) in, PNG images of its pages out, rendered by pdfium from the PDF itself, so
what you see is what prints; and the pack's contact sheet: every page and card, small, on one PNG.

Pages are rendered one at a time and each PNG is on disk before the next page is drawn, so memory
holds one page whatever the page count. Every page's size is checked before anything is drawn: a
page over `MAX_PIXELS`, or a document over `MAX_TOTAL_PIXELS` in all, is one clear error rather
than gigabytes of memory or hours of work.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from .errors import CampaignkitError
from .layout.document import Rendered

MAX_PIXELS = 100_000_000  # per rendered page: an A0 poster at 300 dpi is 108 MP; at 200 dpi 48 MP
MAX_TOTAL_PIXELS = 1_000_000_000  # per document: 1,000 A4 pages at 100 dpi (some two minutes of work)
MAX_PDF_BYTES = 512 * 1024 * 1024


def render_pages(pdf: bytes, *, dpi: float = 100, height: int | None = None, name: str = "<pdf>"):
    """Each page as a PIL image, at `dpi` or scaled to `height` pixels (all held at once: for small
    renderings; `iter_pages` gives them one at a time)."""
    return list(iter_pages(pdf, dpi=dpi, height=height, name=name))


def page_count(pdf: bytes, *, dpi: float = 100, height: int | None = None, name: str = "<pdf>") -> int:
    """The number of pages `iter_pages` would give, after checking their sizes (nothing is rendered)."""
    document = _open(pdf, name)
    try:
        return len(_scales(document, dpi, height, name))
    finally:
        document.close()


def iter_pages(pdf: bytes, *, dpi: float = 100, height: int | None = None,
               name: str = "<pdf>") -> Iterator:
    """Each page as a PIL image, rendered when asked for; every page's size (and the total) is
    checked before the first is rendered."""
    document = _open(pdf, name)
    try:
        for index, scale in enumerate(_scales(document, dpi, height, name)):
            page = document[index]
            try:
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
            yield image
    finally:
        document.close()


def _open(pdf: bytes, name: str):
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise CampaignkitError(f"{name}: not a readable PDF ({exc})") from None


def _scales(document, dpi: float, height: int | None, name: str) -> list[float]:
    """The scale of every page, after checking each page and the whole document against the limits."""
    scales: list[float] = []
    total = 0.0
    for index in range(len(document)):
        width, page_height = document.get_page_size(index)
        scale = height / page_height if height else dpi / 72
        pixels = width * scale * page_height * scale
        if pixels > MAX_PIXELS:
            raise CampaignkitError(
                f"{name}: page {index + 1} is {width / 72 * 25.4:.0f} x {page_height / 72 * 25.4:.0f} mm and would "
                f"be {pixels / 1e6:.0f} million pixels at {scale * 72:.0f} dpi; the limit is "
                f"{MAX_PIXELS / 1e6:.0f} million (use a lower --dpi)"
            )
        total += pixels
        scales.append(scale)
    if total > MAX_TOTAL_PIXELS:
        raise CampaignkitError(
            f"{name}: its {len(scales):,} pages would be {total / 1e6:,.0f} million pixels "
            f"{f'{height} pixels high' if height else f'at {dpi:g} dpi'}; preview "
            f"renders at most {MAX_TOTAL_PIXELS / 1e6:,.0f} million per document (use a lower --dpi, or preview a "
            "shorter PDF)"
        )
    return scales


def preview_pdf(pdf: str | Path, out_dir: str | Path | None = None, *, dpi: int = 100,
                force: bool = False) -> list[Path]:
    """Write page PNGs named after the PDF (leaflet-p01.png, ...) into `out_dir` (default: beside it),
    all or none. Every name is checked first: a file campaignkit did not make is kept unless `force`."""
    from .layout.raster import png_bytes
    from .loader import read_file
    from .write import write_files_from

    path = Path(pdf)
    data = read_file(path, str(pdf), MAX_PDF_BYTES, "a PDF file", "PDF files to preview")
    count = page_count(data, dpi=dpi, name=str(pdf))
    digits = max(2, len(str(count)))
    names = [f"{path.stem}-p{n:0{digits}d}.png" for n in range(1, count + 1)]
    pngs = (png_bytes(image, compress_level=6) for image in iter_pages(data, dpi=dpi, name=str(pdf)))
    return write_files_from(Path(out_dir) if out_dir else path.parent, names, pngs, force=force)


def thumbnail(image, height: int):
    """A PIL image in, the same in RGB `height` pixels high out, as the contact sheet shows it: reduced by a
    whole factor to at most twice that height, then scaled bilinearly. A large image is converted and reduced
    a band at a time (each block of the reduction lies in one band, so the pixels are the same), so that its
    RGB copy is never held whole."""
    from PIL import Image

    factor = max(1, image.height // (2 * height))
    if factor > 1:
        width, full = image.size
        band = factor * 64
        reduced = Image.new("RGB", (-(-width // factor), -(-full // factor)))
        for top in range(0, full, band):
            part = image.crop((0, top, width, min(full, top + band))).convert("RGB").reduce(factor)
            reduced.paste(part, (0, top // factor))
        image = reduced
    image = image.convert("RGB")
    if image.height != height:
        scale = height / image.height
        image = image.resize((max(1, round(image.width * scale)), height), Image.Resampling.BILINEAR)
    return image


def contact_sheet(items: list[tuple[str, Rendered]], *, thumb_height: int = 160, columns: int = 9) -> bytes:
    """A PNG grid of thumbnails of every page and card, each labelled with its name and page. A card whose
    `details` hold a PIL image (its thumbnail, or the card itself) is shown from that, not decoded again."""
    from PIL import Image, ImageDraw

    from .layout import fonts
    from .layout.raster import face, png_bytes

    label_font = face(fonts.BODY, 12)
    thumbs = []
    for name, rendered in items:
        if rendered.media_type == "application/pdf":
            images = render_pages(rendered.data, height=thumb_height, name=name)
        else:
            made = [detail for detail in rendered.details if isinstance(detail, Image.Image)]
            if made:  # the image itself, kept when it was drawn
                images = made[:1]
            else:
                image = Image.open(io.BytesIO(rendered.data))
                image.draft("RGB", (image.width // 4, image.height // 4))
                images = [image]
        for number, image in enumerate(images, 1):
            thumbs.append((thumbnail(image, thumb_height), f"{name}" + (f"  p{number}" if len(images) > 1 else "")))
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
