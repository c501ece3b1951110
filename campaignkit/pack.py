"""A `Campaign` in, a folder with every material for one picket out, plus `manifest.json`.

The pack holds the leaflet (single and two-up), a placard per slogan, one large tiled placard, the
fact sheet, numbered sign-up sheets, social cards and a contact sheet of every page. Everything is
made in a temporary folder beside the target and moved into place only when all of it succeeded,
so a failure never leaves a half-made pack that looks complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import __version__
from .errors import CampaignkitError, OutputError
from .model import Campaign
from .output import pdf_page_count, slugify

MANIFEST = "manifest.json"
THUMB_HEIGHT = 160


@dataclass(frozen=True)
class PackedFile:
    name: str
    kind: str
    sha256: str
    bytes: int
    pages: int | None


@dataclass(frozen=True)
class Pack:
    folder: Path
    files: tuple[PackedFile, ...]


def _steps(campaign: Campaign, lang, paper, sheets):
    """(kind, file name, maker) for every material; makers return bytes, or a list of (name, bytes)."""
    from .factsheet import make_factsheet
    from .leaflet import make_leaflet
    from .placard import make_placard
    from .signup import make_signup
    from .social import make_social

    base = campaign.id + (f"-{lang}" if lang else "")
    tile = "letter" if paper == "letter" else "A4"
    steps = []
    if campaign.statements:
        steps.append(("leaflet", f"{base}-leaflet-{paper.lower()}.pdf",
                      lambda: make_leaflet(campaign, paper=paper, lang=lang)))
        steps.append(("leaflet two-up", f"{base}-leaflet-two-up.pdf",
                      lambda: make_leaflet(campaign, lang=lang, two_up=True)))
    for i, slogan in enumerate(campaign.slogans):
        text = slogan.text.get(lang)
        steps.append(("placard A3", f"{base}-placard-{i + 1}-{slugify(text, limit=40)}-a3.pdf",
                      lambda text=text: make_placard(campaign, size="A3", slogans=[text], lang=lang)))
    if campaign.slogans:
        first = campaign.slogans[0].text.get(lang)
        steps.append((f"placard A2 tiled on {tile}", f"{base}-placard-a2-tiled-{tile.lower()}.pdf",
                      lambda: make_placard(campaign, size="A2", tile=tile, slogans=[first], lang=lang)))
    if campaign.timeline or campaign.facts or campaign.sources:
        steps.append(("fact sheet", f"{base}-factsheet-{paper.lower()}.pdf",
                      lambda: make_factsheet(campaign, paper="letter" if paper == "letter" else "A4", lang=lang)))
    if campaign.statements:
        steps.append(("sign-up sheets", f"{base}-signup-{sheets}-sheets.pdf",
                      lambda: make_signup(campaign, paper="letter" if paper == "letter" else "A4", lang=lang, sheets=sheets)))
    if campaign.slogans:
        steps.append(("social cards", "cards/", lambda: [(f"cards/{c.name}", c.png) for c in make_social(campaign, lang=lang)]))
    return steps


def pack_steps(campaign: Campaign, *, lang: str | None = None, paper: str = "A4", sheets: int = 5) -> int:
    """How many steps `make_pack` reports progress for (materials plus the contact sheet)."""
    return len(_steps(campaign, lang, paper, sheets)) + 1


def make_pack(
    campaign: Campaign,
    out_dir: str | os.PathLike,
    *,
    lang: str | None = None,
    paper: str = "A4",
    sheets: int = 5,
    progress: Callable[[str], None] | None = None,
) -> Pack:
    """Make every material into `out_dir` (a new folder, an empty one, or an earlier pack)."""
    from .preview import contact_sheet

    if paper not in ("A4", "A5", "letter"):
        raise CampaignkitError(f"paper: expected A4, A5 or letter, got {paper!r}")
    target = Path(out_dir)
    check_target(target)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=parent))
    except OSError as exc:
        raise OutputError(f"{target}: cannot create the pack folder ({exc.strerror or exc})") from None
    try:
        made, thumbs = _make_all(campaign, lang, paper, sheets, progress)
        for _, file_name, data in made:
            path = work / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        sheet = contact_sheet(thumbs, thumb_height=THUMB_HEIGHT)
        made.append(("contact sheet", f"{campaign.id}-contact-sheet.png", sheet))
        (work / f"{campaign.id}-contact-sheet.png").write_bytes(sheet)
        if progress:
            progress("contact sheet")
        files = tuple(
            PackedFile(name, kind, hashlib.sha256(data).hexdigest(), len(data),
                       pdf_page_count(data) if name.endswith(".pdf") else None)
            for kind, name, data in made
        )
        manifest = _manifest(campaign, lang, paper, files)
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        swap_into_place(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Pack(target, files)


def _make_all(campaign, lang, paper, sheets, progress):
    """Make every material; thumbnails and social cards are drawn on worker threads meanwhile.

    The PDFs are pure Python and hold the GIL; pdfium (through ctypes), FreeType and zlib release it,
    so rendering previews and encoding PNGs overlap with laying out the next PDF. pdfium is not
    thread-safe, so all rendering goes through one dedicated thread.
    """
    import io
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image

    from .preview import render_pages

    steps = _steps(campaign, lang, paper, sheets)
    from . import fonts

    fonts.register_all()  # before any thread needs them: reportlab's font registry is not locked
    label = lambda name: Path(name).stem.removeprefix(campaign.id + "-")  # noqa: E731
    with ThreadPoolExecutor(1) as renderer, ThreadPoolExecutor(1) as drawer:
        drawn = {name: drawer.submit(maker) for _, name, maker in steps if name.endswith("/")}  # start early
        pending = []
        for kind, name, maker in steps:
            if name.endswith("/"):
                pending.append((kind, name, drawn[name]))
                continue
            data = maker()
            pending.append((kind, name, data, renderer.submit(render_pages, data, height=THUMB_HEIGHT)))
            if progress:
                progress(kind)
        made, thumbs = [], []
        for entry in pending:
            if len(entry) == 3:
                kind, _, future = entry
                for file_name, data in future.result():
                    made.append((kind, file_name, data))
                    thumbs.append((label(file_name), [Image.open(io.BytesIO(data))]))
                if progress:
                    progress(kind)
            else:
                kind, name, data, future = entry
                made.append((kind, name, data))
                thumbs.append((label(name), future.result()))
    return made, thumbs


def check_target(target: Path, marker: str = MANIFEST) -> None:
    """Fail early, in one line, when `target` cannot become (or replace) a campaignkit output folder."""
    ancestor = target.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"{target}: {ancestor} is a file, not a folder")
    if not os.access(ancestor, os.W_OK):
        raise OutputError(f"{target}: {ancestor} is not writable")
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not _is_ours(target, marker):
        raise OutputError(
            f"{target}: the folder is not empty and holds no campaignkit {'pack' if marker == MANIFEST else 'batch'}; "
            "choose another folder"
        )


def _is_ours(folder: Path, marker: str) -> bool:
    try:
        return json.loads((folder / marker).read_text(encoding="utf-8")).get("generator") == "campaignkit"
    except (OSError, ValueError, AttributeError):
        return False


def swap_into_place(work: Path, target: Path) -> None:
    """Replace `target` with the finished `work` folder; an earlier pack is removed only afterwards."""
    old = None
    try:
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(work, target)
    except OSError as exc:
        if old is not None and not target.exists():
            os.replace(old, target)
        raise OutputError(f"{target}: cannot move the finished pack into place ({exc.strerror or exc})") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _manifest(campaign: Campaign, lang, paper, files) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "unknown"

    return {
        "generator": "campaignkit",
        "campaignkit": __version__,
        "libraries": {name: installed(name) for name in ("reportlab", "pillow", "qrcode", "pypdfium2")},
        "campaign": {"id": campaign.id, "version": campaign.version, "title": campaign.title.get(lang)},
        "language": lang or campaign.language,
        "paper": paper,
        "files": [
            {k: v for k, v in (("name", f.name), ("kind", f.kind), ("sha256", f.sha256), ("bytes", f.bytes),
                               ("pages", f.pages)) if v is not None}
            for f in files
        ],
    }
