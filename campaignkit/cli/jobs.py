"""The job commands: pack, batch, verify and preview, built on the materials."""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import click

from ..options import LEAFLET_PAPERS
from . import main
from .options import (
    PaperChoice,
    bleed_option,
    campaign_argument,
    day,
    dpi_option,
    font_option,
    force_option,
    grayscale_option,
    lang_option,
    load_campaign,
    press_option,
    sheets_option,
    today_option,
)
from .output import QUIET, detail, level, plural, say, show_progress, timed


@main.command(example="campaignkit verify kazakhstan-2022-pack/*.pdf")
@click.argument("pdfs", nargs=-1, required=True, metavar="PDF...", type=click.Path(exists=True, dir_okay=False))
@dpi_option(200, 72)
def verify(pdfs, dpi) -> None:
    """Decode every QR code in PDFs and check each against the URL printed on its page.

    Each code is listed with its URL, whether that URL is printed on the same page, and its module size;
    with -q only the codes that fail are listed.
    """
    from ..verify import verify_pdf

    failed = 0
    for pdf in pdfs:
        with timed(f"checked {pdf}"):
            report = verify_pdf(pdf, dpi=dpi)
        if not report.codes:
            say(f"{pdf}: {plural(report.pages, 'page')}, no QR codes")
        for code in report.codes:
            status = "FAIL" if code.problem else "ok"
            shown = code.url or "(undecodable)"
            printed = "printed on the page" if code.printed else "NOT printed on the page"
            line = (f"{pdf} p{code.page}: {status}  {shown}  ({printed}; modules {code.module_mm:.2f} mm)"
                    + (f"  - {code.problem}" if code.problem else ""))
            if code.problem and level() == QUIET:
                click.echo(line, err=True)
            else:
                say(line)
        failed += not report.ok
    if failed:
        raise click.ClickException(f"{failed} of {plural(len(pdfs), 'file')} have QR codes that do not match "
                                   "their page")


@main.command(example="campaignkit preview kazakhstan-2022-leaflet-en-a4.pdf -o previews --dpi 60")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False),
              help="Folder for the PNGs (default: beside the PDF).")
@dpi_option(100, 10)
@force_option
def preview(pdf, out, dpi, force) -> None:
    """Render each page of a PDF to PNG, from the PDF itself.

    The PNGs are named after the PDF and numbered from 01 (leaflet-p01.png, leaflet-p02.png, ...), with
    as many digits as the last page needs, so they sort in page order.
    """
    from ..preview import preview_pdf

    with timed(f"rendered {pdf}"):
        paths = preview_pdf(pdf, out, dpi=dpi, force=force)
    for path in paths:
        say(f"Wrote {path}")


@main.command(example="campaignkit pack my-campaign.toml --lang ru --paper A5 -o pack-ru")
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(file_okay=False),
              help="Folder for the pack (default: CAMPAIGN[-LANG]-pack in the working folder).")
@lang_option
@font_option
@click.option("--paper", type=PaperChoice(LEAFLET_PAPERS), default="A4", show_default=True, help="Leaflet paper size.")
@sheets_option(5)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to make the materials in (on two cores one is faster: it draws the cards on a "
                   "thread meanwhile).")
@grayscale_option
@bleed_option("Bleed for a print shop on the single leaflet, e.g. 3mm (adds crop marks).")
@press_option
@force_option
@today_option
def pack(campaign, out, lang, paper, sheets, jobs, grayscale, bleed, press, force, today) -> None:
    """Make everything for a picket: leaflets, placards, fact sheet, sign-up sheets, cards (and the signatory
    annex when a leaflet cannot list every signatory)."""
    from ..pack import check_pack_folder, make_pack, pack_steps

    gc.enable()  # the command line starts with it off; a pack makes many materials

    loaded = load_campaign(campaign)
    folder = Path(out) if out else Path(f"{loaded.id}{'-' + lang if lang else ''}-pack")
    check_pack_folder(folder, force)
    steps = pack_steps(loaded, lang=lang, paper=paper, sheets=sheets)
    with click.progressbar(length=steps, label="Making materials", file=sys.stderr, hidden=not show_progress()) as bar:
        step = _StepTimer(bar)
        result = make_pack(loaded, folder, lang=lang, paper=paper, sheets=sheets, grayscale=grayscale, bleed_mm=bleed,
                           press=press, force=force, today=day(today), jobs=jobs, progress=step)
    width = max(len(f.name) for f in result.files)
    say(f"{'file':{width}}  {'material':16} {'pages':>5} {'size':>8}")
    for f in result.files:
        pages = "" if f.pages is None else str(f.pages)
        say(f"{f.name:{width}}  {f.material:16} {pages:>5} {f.bytes / 1024:6.0f} KB")
    say(f"{plural(len(result.files), 'file')} in {folder}/ (see manifest.json for SHA-256 hashes)")


class _StepTimer:
    """The progress callback of pack: advances the bar, and under --verbose says how long each step took."""

    def __init__(self, bar):
        self.bar = bar
        self.last = time.perf_counter()

    def __call__(self, what) -> None:
        now = time.perf_counter()
        detail(f"made {what} in {now - self.last:.2f} s")
        self.last = now
        self.bar.update(1)


@main.command(example="campaignkit batch --events pickets.csv --materials leaflet,signup -o pickets")
@campaign_argument
@click.option("--events", "events_csv", required=True, type=click.Path(exists=True, dir_okay=False),
              help="CSV: city, place, date, time, contact[, organisers, lang, end_time, title].")
@click.option("-o", "--output", "out", type=click.Path(file_okay=False),
              help="Folder for the results (default: CAMPAIGN-batch in the working folder).")
@click.option("--materials", default="leaflet", show_default=True, metavar="LIST",
              help="Comma-separated: leaflet, placard, signup.")
@lang_option
@font_option
@click.option("-j", "--jobs", type=click.IntRange(1, 64), metavar="N",
              help="Processes to use (default: the number of cores).")
@click.option("--keep-going", is_flag=True, help="Make the good rows and list the bad ones at the end.")
@force_option
@today_option
def batch(campaign, events_csv, out, materials, lang, jobs, keep_going, force, today) -> None:
    """Make materials for many local events from a CSV, one folder per event."""
    from ..batch import make_batch, read_events

    gc.enable()  # the command line starts with it off; a batch makes many materials

    loaded = load_campaign(campaign)
    chosen = tuple(m.strip() for m in materials.split(",") if m.strip())
    folder = Path(out) if out else Path(f"{loaded.id}-batch")
    events, failed = read_events(events_csv)
    if failed and not keep_going:
        raise click.ClickException(f"{failed[0]} (use --keep-going to make the other rows)")
    with (click.progressbar(length=len(events), label=f"Making {plural(len(events), 'event')}", file=sys.stderr,
                            hidden=not show_progress()) as bar, timed(f"made {plural(len(events), 'event')}")):
        result = make_batch(loaded, events, folder, materials=chosen, lang=lang, jobs=jobs, keep_going=keep_going,
                            force=force, today=day(today), progress=bar.update)
    errors = [*failed, *result.failed]
    files = sum(len(f) for _, f in result.made)
    say(f"Made {plural(len(result.made), 'event folder')} ({plural(files, 'file')}) in {folder}/; "
        "index.json and index.csv list them")
    if errors:
        for error in errors:
            click.echo(f"  failed: {error}", err=True)
        made = f"the other {len(result.made)} {'was' if len(result.made) == 1 else 'were'} made"
        raise click.ClickException(f"{plural(len(errors), 'row')} failed; {made}")


@main.command("print", example="campaignkit print kazakhstan-2022-pack --copies leaflet=200 --dry-run")
@click.argument("target", metavar="FILE|PACK_DIR", type=click.Path(exists=True))
@click.option("--printer", metavar="NAME", help="CUPS printer to use (default: the system's default printer).")
@click.option("--copies", multiple=True, metavar="N|MATERIAL=N",
              help="Copies of everything, or of one material (repeatable): --copies leaflet=100 --copies placard=2.")
@click.option("--dry-run", is_flag=True, help="Show the lp commands without running them.")
def print_command(target, printer, copies, dry_run) -> None:
    """Print a PDF or a whole pack through CUPS, each material with its paper, sides, scaling and copies.

    A pack prints 50 leaflets, 25 two-up sheets, 10 fact sheets, and each placard, the tiled placard and
    the sign-up sheets once, unless --copies says otherwise; a single PDF prints once.
    """
    from ..printing import parse_copies, print_files

    jobs = print_files(target, printer=printer, copies=parse_copies(copies), dry_run=dry_run)
    for job in jobs:
        if dry_run:
            click.echo(job.command)
        else:
            request = f" as {job.request_id}" if job.request_id else ""
            say(f"Sent {job.path.name} ({job.material}, {plural(job.copies, 'copy', 'copies')}){request}")
        for note in job.notes:
            (click.echo if dry_run else say)(f"  # {note}")
    if not dry_run:
        say(f"{plural(len(jobs), 'job')} sent; `lpstat -o` lists those still waiting")
