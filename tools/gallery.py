"""Render every material of every corpus campaign (tests/corpus) and draw one labelled contact sheet
per campaign, plus a README listing the sheets with what the layout rules measure on each material.

    python tools/gallery.py [--out docs/gallery] [--dpi 40] [--max-kb 300] [--campaign NAME ...]

Each page is rendered by pdfium at --dpi (social cards are scaled to match: a story card is as tall
as an A4 page); under each thumbnail are the page's file name, material, paper and language. A
sheet larger than --max-kb is redrawn with smaller thumbnails until it fits; the labels keep their
size. Materials that cannot be made are drawn as a grey box saying why.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("CAMPAIGNKIT_CACHE_DIR", "")  # the gallery leaves the user's QR cache alone

import layout_rules as rules  # noqa: E402

LABEL_PX = 11
PAD = 14
BACKGROUND = (236, 236, 236)
INK = (50, 50, 50)
ALERT = (170, 20, 20)
A4_HEIGHT_MM = 297.0


@dataclass
class Thumb:
    image: object  # PIL image at full --dpi size
    name: str  # file name, with the page number for several pages
    label: str  # material · paper · language
    broken: bool = False


def _pages(case: rules.Case, dpi: float) -> list[Thumb]:
    from PIL import Image, ImageDraw

    label = f"{case.material} · {case.paper} · {case.lang}"
    try:
        made = rules.make(case)
    except Exception as exc:  # what cannot be made is shown, not hidden
        height = round(A4_HEIGHT_MM / 25.4 * dpi)
        image = Image.new("RGB", (round(height * 0.7), height), (200, 200, 200))
        _wrap_text(ImageDraw.Draw(image), f"cannot be made: {exc}", 8, 8, image.width - 16, ALERT)
        return [Thumb(image, f"{case.id} (not made)", label, broken=True)]
    if case.material == "cards":
        thumbs = []
        story_height = A4_HEIGHT_MM / 25.4 * dpi
        for card in made:
            image = Image.open(io.BytesIO(card.data)).convert("RGB")
            scale = story_height / 1920
            image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
            thumbs.append(Thumb(image, card.name, label))
        return thumbs
    pages = rules.render(made.data, dpi)
    return [Thumb(page.image, made.name + (f"  p{n}/{len(pages)}" if len(pages) > 1 else ""), label)
            for n, page in enumerate(pages, 1)]


def _font(size: int):
    from campaignkit.layout import fonts
    from campaignkit.layout.raster import face

    return face(fonts.BODY, size)


def _wrap_text(draw, text: str, x: int, y: int, width: int, fill) -> int:
    """Draw `text` wrapped to `width` pixels (breaking anywhere if it must); return the y below it."""
    font = _font(LABEL_PX)
    line = ""
    for char in text:
        if draw.textlength(line + char, font=font) > width and line:
            draw.text((x, y), line, font=font, fill=fill)
            y += LABEL_PX + 3
            line = "" if char == " " else char
        else:
            line += char
    if line:
        draw.text((x, y), line, font=font, fill=fill)
        y += LABEL_PX + 3
    return y


def _caption_lines(draw, thumb: Thumb, width: int) -> list[str]:
    font = _font(LABEL_PX)
    lines, line = [], ""
    for part in thumb.name.replace("-", "-\u0000").split("\u0000"):  # break file names after hyphens
        if draw.textlength(line + part, font=font) > width and line:
            lines.append(line)
            line = part
        else:
            line += part
    lines.append(line)
    return [*lines, thumb.label]


def contact_sheet(title: str, sections: list[tuple[str, list[Thumb]]], scale: float, width: int):
    """A sheet `width` pixels wide: per section (a language) a heading, then its thumbnails, scaled by
    `scale`, flowed in rows with their captions."""
    from PIL import Image, ImageDraw

    scratch = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    placed = []  # (x, y, image, caption lines, broken)
    y = PAD + 30
    headings = []
    for heading, thumbs in sections:
        headings.append((PAD, y, heading))
        y += 26
        x, row_height = PAD, 0
        for thumb in thumbs:
            image = thumb.image
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0) if scale != 1 else image
            cell = max(image.width, 120)
            lines = _caption_lines(scratch, thumb, cell)
            height = image.height + 6 + len(lines) * (LABEL_PX + 3)
            if x + cell > width - PAD and x > PAD:
                x, y = PAD, y + row_height + PAD
                row_height = 0
            placed.append((x, y, image, lines, thumb.broken))
            x += cell + PAD
            row_height = max(row_height, height)
        y += row_height + PAD + 10
    sheet = Image.new("RGB", (width, y), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    from campaignkit.layout import fonts
    from campaignkit.layout.raster import draw_text

    draw_text(draw, (PAD, PAD), title, fonts.BODY, 20, INK, "la")  # the campaign's title, in any script
    for x, y_head, heading in headings:
        draw.text((x, y_head), heading, font=_font(16), fill=INK)
    for x, y_top, image, lines, broken in placed:
        sheet.paste(image, (x, y_top))
        draw.rectangle([x - 1, y_top - 1, x + image.width, y_top + image.height], outline=(170, 170, 170))
        ty = y_top + image.height + 6
        for n, line in enumerate(lines):
            colour = ALERT if broken else (INK if n < len(lines) - 1 else (110, 110, 110))
            draw.text((x, ty), line, font=_font(LABEL_PX), fill=colour)
            ty += LABEL_PX + 3
    return sheet


def png(sheet) -> bytes:
    from PIL import Image

    small = sheet.quantize(colors=16, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def measure(case: rules.Case) -> dict:
    """What the rules measure on one material: pages, the tallest blank band, the rules it breaks."""
    result: dict = {"pages": "", "blank": "", "broken": [], "note": ""}
    try:
        made = rules.make(case)
    except Exception as exc:
        result["broken"] = ["made"]
        result["note"] = str(exc).split(";")[0]
        return result
    result["pages"] = len(made) if case.material == "cards" else made.pages
    if case.material in ("leaflet", "leaflet-two-up", "factsheet"):
        images, two_up = rules.images_of(case), case.material == "leaflet-two-up"
        checked = images[:-1] if case.material == "factsheet" else images
        result["blank"] = f"{rules.worst_blank_band(checked, case.paper, two_up=two_up):.1%}" if checked else "—"
        if case.material == "factsheet":  # the last page may end early: shown, not judged
            result["blank"] += f" (last page {rules.worst_blank_band(images[-1:], case.paper):.0%})"
    if case.material == "signup":
        rows = rules.signup_rows(rules.text_of(case)[0])
        result["note"] = f"{len(rows)} rows of {min(rows):.1f} mm" if rows else "no rows found"
    if case.material == "placard":
        plans = made.details
        result["note"] = "capitals " + ", ".join(f"{p.cap_height_mm:.0f}" for p in plans) + " mm"
    if case.material != "cards":
        interlocked = rules.interlocked_words(rules.readable(case))
        if interlocked:
            note = f"word rectangles interlocking (glyphs apart): {interlocked}"
            result["note"] = f"{result['note']}; {note}" if result["note"] else note
    for rule, applies in rules.APPLIES.items():
        if rule != "made" and applies(case):
            try:
                if rules.check(rule, case):
                    result["broken"].append(rule)
            except Exception:
                result["broken"].append(rule)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "gallery"), help="folder for the sheets and README")
    parser.add_argument("--dpi", type=float, default=40, help="resolution of the page thumbnails (default 40)")
    parser.add_argument("--max-kb", type=float, default=300, help="largest sheet in KB; thumbnails shrink to fit")
    parser.add_argument("--campaign", action="append", help="only this corpus campaign (repeatable)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = args.campaign or list(rules.corpus())
    readme = [
        "# Gallery of the layout corpus",
        "",
        "Every material of every campaign in `tests/corpus` (and the `init` template, the built-in campaign and",
        f"the example), in every language it has, printed on {rules.TODAY:%-d %B %Y}. Made with",
        "`python tools/gallery.py`; the rules are defined in `tests/layout_rules.py` and checked by",
        "`tests/test_layout_rules.py`. *Blank band*: the tallest blank band inside the margins as a share of",
        "the page height (at most 8%; fact sheets: all pages but the last, the last shown in brackets).",
        "*Rules broken*: the rules of `layout_rules.APPLIES` that find a problem.",
        "",
    ]
    started = time.time()
    for name in names:
        campaign = rules.corpus()[name]
        cases = [case for case in rules.all_cases() if case.campaign == name]
        sections = [(f"{lang}", [t for case in cases if case.lang == lang for t in _pages(case, args.dpi)])
                    for lang in campaign.languages()]
        title = f"{name}: {campaign.title.original}"
        widest = max(t.image.width for _, thumbs in sections for t in thumbs)
        width = max(12 * round(210 / 25.4 * args.dpi), widest) + 2 * PAD
        scale, data = 1.0, b""
        for _ in range(10):
            data = png(contact_sheet(title, sections, scale, width))
            if len(data) <= args.max_kb * 1024:
                break
            scale *= 0.97 * (args.max_kb * 1024 / len(data)) ** 0.5
        path = out / f"{name}.png"
        path.write_bytes(data)
        print(f"{path}: {len(data) / 1024:.0f} KB, thumbnails at {args.dpi * scale:.0f} dpi", flush=True)
        readme += [f"## {name}", "", f"{campaign.title.original} ({', '.join(campaign.languages())})", "",
                   f"![{name}]({name}.png)", "",
                   "| material | paper | language | pages | blank band | rules broken | measured |",
                   "|---|---|---|---|---|---|---|"]
        for case in cases:
            m = measure(case)
            readme.append(f"| {case.material} | {case.paper} | {case.lang} | {m['pages']} | {m['blank']} | "
                          f"{', '.join(m['broken']) or '—'} | {m['note']} |")
        readme.append("")
    readme += ["## Placard capital heights (A3)", "",
               "| campaign | language | slogan | portrait | landscape |", "|---|---|---|---|---|"]
    for name in names:
        for lang in rules.corpus()[name].languages():
            portrait, landscape = rules.cap_heights(name, lang, False), rules.cap_heights(name, lang, True)
            for p, q in zip(portrait, landscape):
                readme.append(f"| {name} | {lang} | {' '.join(p[0].split())} | {p[1]:.1f} mm | {q[1]:.1f} mm |")
    readme.append("")
    (out / "README.md").write_text("\n".join(readme), encoding="utf-8")
    print(f"{out / 'README.md'} ({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
