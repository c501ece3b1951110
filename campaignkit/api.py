"""A `Campaign` and options in, a `Rendered` material out (written to a target when one is given):
the public entry points, each running the stages in order: localise, lay out, write.

Every `make_*` function returns the `Rendered` result (its bytes, pages, size, warnings and a
suggested file name); given a target (a path, "-" for standard output, or a binary stream) it also
writes it there, refusing to replace a file campaignkit did not make unless `force=True`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CampaignDataError, CampaignkitError, CampaignWarning
from .layout.document import Rendered
from .layout.theme import Theme
from .localise import Copy, Phrase, localise
from .model import Campaign
from .options import LEAFLET_PAPERS, PLACARD_SIZES, SHEET_PAPERS, Paper, number
from .options import paper as to_paper
from .write import Target, write, write_files

if TYPE_CHECKING:  # the placard module loads with the placard, not with every material
    from .materials.placard import PlannedSlogan

__all__ = ["make_factsheet", "make_leaflet", "make_placard", "make_signatories", "make_signup", "make_social",
           "plan_placards"]


def _deliver(rendered: Rendered, target: Target, force: bool) -> Rendered:
    for message in rendered.warnings:
        warnings.warn(CampaignWarning(message), stacklevel=3)
    if target is not None:
        write(rendered.data, target, force=force)
    return rendered


@contextmanager
def _located(campaign: Campaign) -> Iterator[None]:
    """An error naming a field of the campaign file names the file and line too (worked out only then)."""
    try:
        yield
    except CampaignkitError as exc:
        from .preflight import locate_error

        located = locate_error(campaign, exc)
        if located is exc:
            raise
        raise located.with_traceback(exc.__traceback__) from None


def _theme(theme: Theme | None, grayscale: bool, press: bool = False) -> Theme:
    base = theme or Theme()
    if grayscale and not base.grayscale:
        base = replace(base, grayscale=True)
    if press and not base.press:
        base = replace(base, press=True)
    return base


def make_leaflet(campaign: Campaign, target: Target = None, *, paper: Paper | str = Paper.A4,
                 lang: str | None = None, statement: str | None = None, event: str | None = None,
                 two_up: bool = False, grayscale: bool = False, bleed_mm: float = 0.0, today: dt.date | None = None,
                 theme: Theme | None = None, press: bool = False, force: bool = False) -> Rendered:
    """A print-ready leaflet on A4, A5 or Letter, or two-up (two per A4 or Letter sheet); `press` makes it
    for a print shop (process inks, output intent, trim and bleed boxes; add a bleed with `bleed_mm`)."""
    from .materials.leaflet import render_leaflet

    chosen = to_paper(paper, LEAFLET_PAPERS)
    copy = localise(campaign, lang, today=today, event=event)
    with _located(campaign):
        rendered = render_leaflet(copy, paper=chosen, statement=statement, two_up=two_up,
                                  bleed_mm=number(bleed_mm, "bleed", 0, 10), theme=_theme(theme, grayscale, press))
    return _deliver(rendered, target, force)


def _with_slogans(copy: Copy, slogans: Sequence[str] | None) -> Copy:
    """The copy with the given slogans (from the command line) instead of the campaign's."""
    if not slogans:
        return copy
    from .loader.clean import TextProblem, clean
    from .localise.rules import tie

    phrases = []
    for i, raw in enumerate(slogans):
        field = f"--slogan[{i}]"
        try:
            text, removed = clean(str(raw), multiline=False)
        except TextProblem as exc:
            raise CampaignDataError(str(exc), path=field) from None
        if removed:
            warnings.warn(CampaignWarning(f"{field}: removed invisible characters {', '.join(removed)}"), stacklevel=3)
        if not text:
            raise CampaignDataError("is empty", path=field)
        phrases.append(Phrase(tie(text, copy.language), field))
    return replace(copy, slogans=tuple(phrases))


def plan_placards(campaign: Campaign, *, size: Paper | str = Paper.A3, landscape: bool | None = None,
                  slogans: Sequence[str] | None = None, lang: str | None = None,
                  theme: Theme | None = None) -> list[PlannedSlogan]:
    """How every slogan fits the placard: orientation (`landscape=None` chooses the one giving the larger
    type), type size, line breaks and reading distance."""
    from .layout.text import faces_for
    from .materials.placard import plan_slogans

    copy = _with_slogans(localise(campaign, lang), slogans)
    with _located(campaign):
        return plan_slogans(copy.slogans, to_paper(size, PLACARD_SIZES, "size"), landscape,
                            (theme or Theme()).margin("placard"), faces_for(copy.fonts))


def make_placard(campaign: Campaign, target: Target = None, *, size: Paper | str = Paper.A3,
                 landscape: bool | None = None,
                 tile: Paper | str | None = None, slogans: Sequence[str] | None = None, lang: str | None = None,
                 double_sided: bool = False, grayscale: bool = False, overlap_mm: float = 10.0,
                 theme: Theme | None = None, press: bool = False, force: bool = False) -> Rendered:
    """Placards, one slogan per page, fitted as large as they go, each in the orientation that gives the
    larger type unless `landscape` is True or False; tiled onto `tile` sheets when given; for a print
    shop with `press`. The plan of each slogan is in the result's `details`."""
    from .materials.placard import render_placard

    copy = _with_slogans(localise(campaign, lang), slogans)
    with _located(campaign):
        rendered = render_placard(
            copy, size=to_paper(size, PLACARD_SIZES, "size"), landscape=landscape,
            tile=to_paper(tile, SHEET_PAPERS, "tile") if tile is not None else None, double_sided=double_sided,
            overlap_mm=number(overlap_mm, "overlap", 3, 30), theme=_theme(theme, grayscale, press),
        )
    return _deliver(rendered, target, force)


def make_factsheet(campaign: Campaign, target: Target = None, *, paper: Paper | str = Paper.A4,
                   lang: str | None = None, grayscale: bool = False, today: dt.date | None = None,
                   theme: Theme | None = None, press: bool = False, force: bool = False) -> Rendered:
    """A fact sheet: dated timeline, key figures, the demands in brief and QR-linked sources (for a print
    shop with `press`)."""
    from .materials.factsheet import render_factsheet

    copy = localise(campaign, lang, today=today)
    with _located(campaign):
        rendered = render_factsheet(copy, paper=to_paper(paper, SHEET_PAPERS), theme=_theme(theme, grayscale, press))
    return _deliver(rendered, target, force)


def make_signup(campaign: Campaign, target: Target = None, *, paper: Paper | str = Paper.A4,
                lang: str | None = None, sheets: int = 1, grayscale: bool = False, today: dt.date | None = None,
                theme: Theme | None = None, press: bool = False, force: bool = False) -> Rendered:
    """Numbered petition and sign-up sheets, landscape (for a print shop with `press`)."""
    from .materials.signup import render_signup

    copy = localise(campaign, lang, today=today)
    with _located(campaign):
        rendered = render_signup(copy, paper=to_paper(paper, SHEET_PAPERS), sheets=sheets,
                                 theme=_theme(theme, grayscale, press))
    return _deliver(rendered, target, force)


def make_signatories(campaign: Campaign, target: Target = None, *, paper: Paper | str = Paper.A4,
                     lang: str | None = None, statement: str | None = None, grayscale: bool = False,
                     press: bool = False, theme: Theme | None = None, force: bool = False) -> Rendered:
    """The signatory annex: every signatory of every statement (or of `statement`), in columns, ordered as
    each statement's `signatories_order` says."""
    from .materials.signatories import render_signatories

    copy = localise(campaign, lang)
    with _located(campaign):
        rendered = render_signatories(copy, paper=to_paper(paper, SHEET_PAPERS), statement=statement,
                                      theme=_theme(theme, grayscale, press))
    return _deliver(rendered, target, force)


def make_social(campaign: Campaign, out_dir: str | Path | None = None, *, lang: str | None = None,
                theme: Theme | None = None, force: bool = False) -> tuple[Rendered, ...]:
    """Square and story PNG cards for every slogan; written into `out_dir` (all or none) when given."""
    from .materials.social import render_social

    copy = localise(campaign, lang)
    with _located(campaign):
        cards = render_social(copy, theme=theme or Theme())
    if out_dir is not None:
        write_files(Path(out_dir), [(card.name, card.data) for card in cards], force=force)
    return cards
