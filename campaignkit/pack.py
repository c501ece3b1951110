"""A `Campaign` in, a folder with every material for one picket out, plus a contact sheet and a
`manifest.json` listing every file with its material, SHA-256, size and pages.

The pack holds the leaflet (single and two-up), a placard per slogan, one large placard tiled on
home-printer sheets, the fact sheet, numbered sign-up sheets, social cards, and the signatory annex
when a leaflet has no room for every signatory. With `jobs` above 1 the materials are made in
parallel processes; the bytes of every file are the same whatever the number. The folder is
written by `write.folders.replace_folder`: all of it or nothing, and nothing of the user's lost.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__
from .errors import CampaignkitError
from .layout.document import Rendered
from .localise import today_for_print
from .model import Campaign
from .options import LEAFLET_PAPERS, Paper, home_sheet, number
from .options import paper as to_paper
from .slugs import slugify

THUMB_HEIGHT = 160
KIND = "pack"
GC_YOUNG = 10_000  # objects allocated between collections of the youngest generation while a pack is made


@dataclass(frozen=True)
class PackedFile:
    name: str
    material: str
    sha256: str
    bytes: int
    pages: int | None


@dataclass(frozen=True)
class Pack:
    folder: Path
    files: tuple[PackedFile, ...]


def _steps(campaign: Campaign, lang: str | None, paper: Paper, sheets: int, today: dt.date | None,
           grayscale: bool, bleed_mm: float = 0.0,
           press: bool = False) -> list[tuple[str, Callable[[], tuple[Rendered, ...]]]]:
    """(what, make) for every material, in the order they are listed; make returns Rendered results.
    A bleed goes on the single leaflet, the one a print shop prints; the rest are for home printers.
    `press` makes every PDF for a print shop (the cards stay RGB: they are for screens)."""
    from .api import make_factsheet, make_leaflet, make_placard, make_signatories, make_signup

    sheet = home_sheet(paper)
    steps: list[tuple[str, Callable[[], tuple[Rendered, ...]]]] = []
    if campaign.statements:
        steps.append(("leaflet", lambda: (make_leaflet(campaign, paper=paper, lang=lang, today=today,
                                                       grayscale=grayscale, bleed_mm=bleed_mm, press=press),)))
        steps.append(("leaflet two-up", lambda: (make_leaflet(campaign, paper=sheet, lang=lang, two_up=True,
                                                              today=today, grayscale=grayscale, press=press),)))
    for i, slogan in enumerate(campaign.slogans):
        text = slogan.text.get(lang)

        def placard(text: str = text, number: int = i + 1) -> tuple[Rendered, ...]:
            made = make_placard(campaign, size="A3", slogans=[text], lang=lang, grayscale=grayscale, press=press)
            stem = made.name.removesuffix(".pdf").replace("-placards-", f"-placard-{number}-{slugify(text, limit=40)}-")
            return (replace(made, name=stem + ".pdf"),)

        steps.append((f"placard {i + 1}", placard))
    if campaign.slogans:
        first = campaign.slogans[0].text.get(lang)
        steps.append(("tiled placard", lambda: (make_placard(campaign, size="A2", tile=sheet, slogans=[first],
                                                             lang=lang, grayscale=grayscale, press=press),)))
    if campaign.timeline or campaign.facts or campaign.sources:
        steps.append(("fact sheet", lambda: (make_factsheet(campaign, paper=sheet, lang=lang, today=today,
                                                            grayscale=grayscale, press=press),)))
    if campaign.statements:
        steps.append(("sign-up sheets", lambda: (make_signup(campaign, paper=sheet, lang=lang, sheets=sheets,
                                                             today=today, grayscale=grayscale, press=press),)))
    if _long_lists(campaign, lang, paper, sheet):
        steps.append(("signatory annex", lambda: (make_signatories(campaign, paper=sheet, lang=lang,
                                                                   grayscale=grayscale, press=press),)))
    if campaign.slogans:
        steps.append(("social cards", lambda: _cards(campaign, lang)))
    return steps


def _cards(campaign: Campaign, lang: str | None) -> tuple[Rendered, ...]:
    """The social cards, each with its contact-sheet thumbnail in `details`, made from the image as it was
    drawn (on the cards' thread or worker) rather than from its PNG decoded again."""
    from .api import make_social
    from .materials import social
    from .preview import thumbnail

    thumbs: list = []
    token = social.DRAWN.set(lambda image: thumbs.append(thumbnail(image, THUMB_HEIGHT)))
    try:
        cards = make_social(campaign, lang=lang)
    finally:
        social.DRAWN.reset(token)
    if len(thumbs) != len(cards):
        return cards
    return tuple(replace(card, details=(thumb,)) for card, thumb in zip(cards, thumbs))


def _long_lists(campaign: Campaign, lang: str | None, paper: Paper, sheet: Paper) -> bool:
    """Whether the leaflet or the two-up leaflet may leave out signatories, which the annex then lists."""
    if not any(st.signatories for st in campaign.statements):
        return False
    from .localise import localise
    from .materials.leaflet_fit import two_up_sheet
    from .materials.signatories import leaflet_cuts

    copy = localise(campaign, lang)
    return leaflet_cuts(copy, paper) or leaflet_cuts(copy, two_up_sheet(sheet)[1])


def pack_steps(campaign: Campaign, *, lang: str | None = None, paper: Paper | str = Paper.A4,
               sheets: int = 5) -> int:
    """How many steps `make_pack` reports progress for (materials plus the contact sheet)."""
    return len(_steps(campaign, lang, to_paper(paper, LEAFLET_PAPERS), sheets, None, False)) + 1


def check_pack_folder(out_dir: str | os.PathLike, force: bool = False) -> None:
    """Fail early, in one line, when `out_dir` cannot become (or replace) a pack."""
    from .write.folders import check_folder

    check_folder(Path(os.path.abspath(out_dir)), KIND, force)


def make_pack(campaign: Campaign, out_dir: str | os.PathLike, *, lang: str | None = None,
              paper: Paper | str = Paper.A4, sheets: int = 5, today: dt.date | None = None, grayscale: bool = False,
              bleed_mm: float = 0.0, press: bool = False, force: bool = False, jobs: int = 1,
              progress: Callable[[str], None] | None = None) -> Pack:
    """Make every material into `out_dir` (a new folder, an empty one, or an earlier pack); `bleed_mm`
    adds a bleed and crop marks to the single leaflet, for a print shop, and `press` makes every PDF
    for one; the materials are made in `jobs` processes."""
    from .write.folders import replace_folder

    chosen = to_paper(paper, LEAFLET_PAPERS)
    bleed_mm = number(bleed_mm, "bleed", 0, 10)
    target = Path(out_dir)
    check_pack_folder(target, force)
    plan = (campaign, lang, chosen, sheets, today_for_print(today), grayscale, bleed_mm, press)
    # Every material allocates many short-lived objects: at Python's default threshold (700) the collector
    # ran some ninety times per pack, a twentieth of its CPU; at this one it runs a few times, for the same memory.
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_YOUNG), *threshold[1:])
    try:
        made = _make_all(plan, jobs, progress)
        files = [(_file_name(campaign, r), r) for r in made]
        sheet = _contact_sheet(campaign, files)
    finally:
        gc.set_threshold(*threshold)
    if progress:
        progress("contact sheet")
    files.append((sheet.name, sheet))
    packed = tuple(PackedFile(name, r.material, hashlib.sha256(r.data).hexdigest(), len(r.data),
                              r.pages if r.media_type == "application/pdf" else None) for name, r in files)
    manifest = {
        "campaignkit": __version__,
        "libraries": _library_versions(),
        "campaign": {"id": campaign.id, "version": campaign.version, "title": campaign.title.get(lang)},
        "language": lang or campaign.language,
        "paper": str(chosen),
        **({"bleed_mm": bleed_mm} if bleed_mm else {}),
        "files": [{k: v for k, v in vars(f).items() if v is not None} for f in packed],
    }
    replace_folder(target, [(name, r.data) for name, r in files], manifest, kind=KIND, force=force)
    return Pack(target, packed)


def _file_name(campaign: Campaign, rendered: Rendered) -> str:
    """Cards go into cards/; every name is ASCII and starts with the campaign id."""
    name = rendered.name if rendered.name.startswith(campaign.id) else f"{campaign.id}-{rendered.name}"
    stem, _, suffix = name.rpartition(".")
    safe = "-".join(slugify(part, limit=120) for part in stem.split("-") if part)
    return f"cards/{safe}.{suffix}" if rendered.material == "card" else f"{safe}.{suffix}"


def _make_all(plan: tuple, jobs: int, progress) -> list[Rendered]:
    """Run every step, in order or in `jobs` worker processes; the results keep the steps' order."""
    steps = _steps(*plan)
    if jobs > 1 and len(steps) > 1 and hasattr(os, "fork"):
        return _make_in_processes(steps, jobs, progress)
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image, ImageDraw

    from .layout import fonts

    fonts.register_all()  # before any thread needs them: reportlab's font registry is not locked
    # loaded here, not on two threads at once (the command line loads these on first use)
    _ = Image.Image, ImageDraw.Draw
    made: list[Rendered] = []
    # cards are drawn on a worker thread meanwhile (Pillow and zlib release the GIL)
    with ThreadPoolExecutor(1) as drawer:
        pending = [(what, drawer.submit(make) if what == "social cards" else None, make) for what, make in steps]
        for what, future, make in pending:
            made.extend(future.result() if future is not None else make())
            if progress:
                progress(what)
    return made


_FORKED: list = []  # the steps, inherited by forked workers


def _make_in_processes(steps, jobs: int, progress) -> list[Rendered]:
    """Each step in a forked worker (which inherits the steps, the loaded campaign and the modules);
    results are collected in the steps' order, so the pack is the same as one made in one process."""
    import multiprocessing

    from .layout import fonts

    fonts.register_all()  # once, inherited by every worker
    _FORKED[:] = steps
    made: list[Rendered] = []
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(steps))) as pool:
            for (what, _), (result, caught, error) in zip(steps, pool.imap(_run_step, range(len(steps)))):
                for message in caught:  # as if the step had run here
                    warnings.warn(message, stacklevel=2)
                if error is not None:
                    raise error
                made.extend(result)
                if progress:
                    progress(what)
    finally:
        _FORKED.clear()
    return made


def _run_step(n: int) -> tuple[tuple[Rendered, ...], list[Warning], CampaignkitError | None]:
    """Step `n`, in a worker process: its results, the warnings it gave and the error it stopped on."""
    import pickle

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            made, error = tuple(_FORKED[n][1]()), None
        except CampaignkitError as exc:
            made, error = (), exc
            try:
                pickle.loads(pickle.dumps(exc))
            except Exception:  # an error whose arguments do not survive pickling arrives as its message
                error = CampaignkitError(str(exc))
    return made, [w.message for w in caught if isinstance(w.message, Warning)], error


def _contact_sheet(campaign: Campaign, files: list[tuple[str, Rendered]]) -> Rendered:
    """Every page and card, small, on one PNG."""
    from .preview import contact_sheet

    png = contact_sheet([(Path(name).stem.removeprefix(campaign.id + "-"), r) for name, r in files],
                        thumb_height=THUMB_HEIGHT)
    return Rendered(png, f"{campaign.id}-contact-sheet.png", "contact-sheet", 1, (0, 0), media_type="image/png")


LIBRARIES = (("reportlab", "reportlab"), ("pillow", "PIL"), ("qrcode", "qrcode"), ("pypdfium2", "pypdfium2"))


def _library_versions() -> dict[str, str]:
    """The installed version of every library the pack's bytes depend on: read from the distribution's
    metadata beside the imported module (importing `importlib.metadata` and searching every path costs
    some 17 ms), else asked of `importlib.metadata`."""
    return {name: _beside(name, module) or _installed(name) for name, module in LIBRARIES}


def _beside(name: str, module: str) -> str | None:
    """The version in the one `<name>-*.dist-info/METADATA` in the folder that holds the imported `module`."""
    import sys

    loaded = sys.modules.get(module)
    where = getattr(loaded, "__file__", None)
    if not where:
        return None
    folder = Path(where).parent.parent
    prefix = name.lower().replace("-", "_") + "-"
    try:
        found = [entry.path for entry in os.scandir(folder)
                 if entry.name.lower().startswith(prefix) and entry.name.endswith(".dist-info")]
        if len(found) != 1:
            return None
        with open(os.path.join(found[0], "METADATA"), encoding="utf-8") as metadata:
            for line in metadata:
                if not line.strip():
                    break  # the end of the headers
                key, _, value = line.partition(":")
                if key.lower() == "version":
                    return value.strip() or None
    except OSError:
        return None
    return None


def _installed(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
