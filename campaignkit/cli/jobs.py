"""The job commands: pack, batch, verify and preview, built on the materials."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from ..options import LEAFLET_PAPERS
from . import main
from .options import (
    PaperChoice,
    campaign_argument,
    day,
    font_option,
    force_option,
    grayscale_option,
    lang_option,
    load_campaign,
    today_option,
)


@main.command()
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dpi", type=click.IntRange(72, 600), default=200, show_default=True, help="Rendering resolution.")
def verify(pdfs, dpi) -> None:
    """Decode every QR code in PDFs and check each against the URL printed on its page."""
    from ..verify import verify_pdf

    failed = 0
    for pdf in pdfs:
        report = verify_pdf(pdf, dpi=dpi)
        if not report.codes:
            click.echo(f"{pdf}: {report.pages} page(s), no QR codes")
        for code in report.codes:
            status = "FAIL" if code.problem else "ok"
            shown = code.url or "(undecodable)"
            printed = "printed on the page" if code.printed else "NOT printed on the page"
            click.echo(f"{pdf} p{code.page}: {status}  {shown}  ({printed}; modules {code.module_mm:.2f} mm)"
                       + (f"  - {code.problem}" if code.problem else ""))
        failed += not report.ok
    if failed:
        raise click.ClickException(f"{failed} of {len(pdfs)} file(s) have QR codes that do not match their page")


@main.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False),
              help="Folder for the PNGs (default: beside the PDF).")
@click.option("--dpi", type=click.IntRange(10, 600), default=100, show_default=True, help="Rendering resolution.")
@force_option
def preview(pdf, out, dpi, force) -> None:
    """Render each page of a PDF to PNG, from the PDF itself."""
    from ..preview import preview_pdf

    for path in preview_pdf(pdf, out, dpi=dpi, force=force):
        click.echo(f"Wrote {path}")


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the pack.")
@lang_option
@font_option
@click.option("--paper", type=PaperChoice(LEAFLET_PAPERS), default="A4", show_default=True, help="Leaflet paper size.")
@click.option("--sheets", type=click.IntRange(1, 500), default=5, show_default=True, help="Sign-up sheets to number.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to make the materials in (on two cores one is faster: it draws the cards on a "
                   "thread meanwhile).")
@grayscale_option
@force_option
@today_option
def pack(campaign, out, lang, paper, sheets, jobs, grayscale, force, today) -> None:
    """Make everything for a picket: leaflets, placards, fact sheet, sign-up sheets, cards (and the signatory
    annex when a leaflet cannot list every signatory)."""
    from ..pack import check_pack_folder, make_pack, pack_steps

    gc.enable()  # the command line starts with it off; a pack makes many materials

    loaded = load_campaign(campaign)
    folder = Path(out) if out else Path(f"{loaded.id}{'-' + lang if lang else ''}-pack")
    check_pack_folder(folder, force)
    with click.progressbar(length=pack_steps(loaded, lang=lang, paper=paper, sheets=sheets),
                           label="Making materials", file=sys.stderr) as bar:
        result = make_pack(loaded, folder, lang=lang, paper=paper, sheets=sheets, grayscale=grayscale, force=force,
                           today=day(today), jobs=jobs, progress=lambda _what: bar.update(1))
    width = max(len(f.name) for f in result.files)
    click.echo(f"{'file':{width}}  {'material':16} {'pages':>5} {'size':>8}")
    for f in result.files:
        pages = "" if f.pages is None else str(f.pages)
        click.echo(f"{f.name:{width}}  {f.material:16} {pages:>5} {f.bytes / 1024:6.0f} KB")
    click.echo(f"{len(result.files)} files in {folder}/ (see manifest.json for SHA-256 hashes)")


@main.command()
@campaign_argument
@click.option("--events", "events_csv", required=True, type=click.Path(exists=True, dir_okay=False),
              help="CSV: city, place, date, time, contact[, organisers, lang, end_time, title].")
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the results.")
@click.option("--materials", default="leaflet", show_default=True, metavar="LIST",
              help="Comma-separated: leaflet, placard, signup.")
@lang_option
@font_option
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Processes to use (default: the number of cores).")
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
    with click.progressbar(length=len(events), label=f"Making {len(events)} events", file=sys.stderr) as bar:
        result = make_batch(loaded, events, folder, materials=chosen, lang=lang, jobs=jobs, keep_going=keep_going,
                            force=force, today=day(today), progress=bar.update)
    errors = [*failed, *result.failed]
    files = sum(len(f) for _, f in result.made)
    click.echo(f"Made {len(result.made)} event folders ({files} files) in {folder}/; "
               "index.json and index.csv list them")
    if errors:
        for error in errors:
            click.echo(f"  failed: {error}", err=True)
        raise click.ClickException(f"{len(errors)} row(s) failed; the other {len(result.made)} were made")


@main.command("print")
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
            count = f"{job.copies} cop{'y' if job.copies == 1 else 'ies'}"
            request = f" as {job.request_id}" if job.request_id else ""
            click.echo(f"Sent {job.path.name} ({job.material}, {count}){request}")
        for note in job.notes:
            click.echo(f"  # {note}")
    if not dry_run:
        click.echo(f"{len(jobs)} job{'s' if len(jobs) != 1 else ''} sent; `lpstat -o` lists those still waiting")
