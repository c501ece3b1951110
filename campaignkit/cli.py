"""Command-line arguments in, calls to the public API out; library errors become one-line messages.

Each command parses its options, calls one API function and reports what was written. The one
place library errors become `click.ClickException` (exit 1) is `_Group.invoke`; usage mistakes are
click's (exit 2).
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import click

from . import __version__
from .errors import CampaignkitError
from .loader import DEFAULT_CAMPAIGN
from .options import LEAFLET_PAPERS, PLACARD_SIZES, SHEET_PAPERS, Paper


class _Group(click.Group):
    """Turns every CampaignkitError into `Error: ...` (exit 1) and warnings into `Warning: ...`."""

    def invoke(self, ctx: click.Context):
        from .errors import CampaignWarning

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if ctx.params.get("strict"):
                warnings.simplefilter("error", CampaignWarning)
            try:
                return super().invoke(ctx)
            except CampaignkitError as exc:
                raise click.ClickException(str(exc)) from None
            except CampaignWarning as exc:
                raise click.ClickException(f"{exc} (an error under --strict)") from None
            finally:
                for w in caught:
                    if issubclass(w.category, UserWarning):
                        click.echo(f"Warning: {w.message}", err=True)


class PaperChoice(click.Choice):
    """A paper size from a material's allowed sizes, matched without regard to case."""

    def __init__(self, allowed: tuple[Paper, ...]):
        super().__init__([p.value for p in allowed], case_sensitive=False)


class Millimetres(click.ParamType):
    """A length such as `3mm` or `3` (millimetres)."""

    name = "MM"

    def convert(self, value, param, ctx):
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value).strip().lower().removesuffix("mm").strip()
        try:
            number = float(text)
        except ValueError:
            self.fail(f"expected a length in millimetres such as 3mm, got {value!r}", param, ctx)
        if number < 0:
            self.fail(f"expected a length of 0 mm or more, got {value!r}", param, ctx)
        return number


class LanguageTag(click.ParamType):
    """A BCP 47 language tag such as en, ru, kk-Latn, zh-Hans."""

    name = "TAG"

    def convert(self, value, param, ctx):
        from .loader.language import LanguageTagError, parse_language

        try:
            return parse_language(value)
        except LanguageTagError as exc:
            self.fail(str(exc), param, ctx)


campaign_argument = click.argument("campaign", default=DEFAULT_CAMPAIGN, metavar="[CAMPAIGN]")
lang_option = click.option("--lang", type=LanguageTag(), help="Language of the printed text (en, ru, kk, ...).")
grayscale_option = click.option("--grayscale", is_flag=True, help="Black on white, for photocopiers.")
force_option = click.option("--force", is_flag=True, help="Replace an existing output not made by campaignkit.")
output_option = click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True),
                             help="PDF file to write, or - for standard output.")


def _load(ref: str):
    from .loader import load

    return load(ref)


def _report(rendered, out: str | None, what: str) -> None:
    """Say what was written (to standard error when the PDF itself went to standard output)."""
    where = "standard output" if out == "-" else (out or rendered.name)
    pages = f"{rendered.pages} page{'s' if rendered.pages != 1 else ''}"
    click.echo(f"Wrote {where} ({what}, {pages}, {len(rendered.data) / 1024:.0f} KB)", err=out == "-")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="campaignkit")
@click.option("--strict", is_flag=True, help="Treat warnings (http:// URLs, low-resolution logos, ...) as errors.")
def main(strict: bool) -> None:
    """Print-ready picket materials from one campaign file.

    CAMPAIGN is a built-in campaign id or a .toml/.json file; the default is kazakhstan-2022.
    """


@main.command("list")
def list_command() -> None:
    """List the built-in campaigns."""
    from .loader import builtin_campaigns, load

    for ref in builtin_campaigns():
        click.echo(f"{ref}\t{load(ref).title.original}")


@main.command()
@campaign_argument
@click.option("--json", "as_json", is_flag=True, help="Everything in the campaign as JSON, for scripts.")
@lang_option
def show(campaign: str, as_json: bool, lang: str | None) -> None:
    """Show everything in a campaign."""
    from .serialize import describe, to_data

    loaded = _load(campaign)
    if as_json:
        click.echo(json.dumps(to_data(loaded), ensure_ascii=False, indent=2))
    else:
        click.echo(describe(loaded, lang))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
def validate(file: str) -> None:
    """Check a campaign file and report the first problem."""
    loaded = _load(file)
    counts = {"demand": sum(len(s.demands) for s in loaded.statements), "statement": len(loaded.statements),
              "event": len(loaded.events), "source": len(loaded.sources)}
    listed = ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for word, n in counts.items())
    click.echo(f"{file}: OK ({listed})")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(file: str, force: bool) -> None:
    """Write a commented campaign template to FILE."""
    from .templates import template
    from .write import write

    path = Path(file)
    if path.exists() and not force:
        raise click.ClickException(f"{file} already exists; use --force to overwrite it")
    write(template(), path, force=True)
    click.echo(f"Wrote {file}: edit it, then run `campaignkit validate {file}`.")


@main.command()
@campaign_argument
@output_option
@click.option("--paper", type=PaperChoice(LEAFLET_PAPERS), default="A4", show_default=True, help="Paper size.")
@lang_option
@click.option("--statement", metavar="ID", help="Only this statement's demands (default: all).")
@click.option("--event", metavar="ID", help="The event to show (default: the next one to come).")
@click.option("--two-up", is_flag=True, help="Two leaflets on one A4 (or Letter) sheet, with a cut line.")
@grayscale_option
@force_option
@click.option("--bleed", type=Millimetres(), default=0.0, help="Bleed for a print shop, e.g. 3mm (adds crop marks).")
def leaflet(campaign, out, force, paper, lang, statement, event, two_up, grayscale, bleed) -> None:
    """Make a print-ready leaflet."""
    from .api import make_leaflet

    rendered = make_leaflet(_load(campaign), out or None, paper=paper, lang=lang, statement=statement, event=event,
                            two_up=two_up, grayscale=grayscale, bleed_mm=bleed, force=force)
    if out is None:
        _write_default(rendered, force)
    what = "two leaflets per sheet" if two_up else paper
    _report(rendered, out, what)
    if two_up:
        click.echo("Print double-sided, flipping on the short edge, then cut along the dashed line.",
                   err=out == "-")


def _write_default(rendered, force: bool) -> None:
    from .write import write

    write(rendered.data, rendered.name, force=force)


@main.command()
@campaign_argument
@output_option
@click.option("--size", type=PaperChoice(PLACARD_SIZES), default="A3", show_default=True, help="Placard size.")
@click.option("--landscape", is_flag=True, help="Landscape instead of portrait.")
@click.option("--tile", type=PaperChoice(SHEET_PAPERS), help="Print a large placard on these sheets.")
@click.option("--overlap", type=Millimetres(), default=10.0, show_default=True, help="Glue overlap between tiles.")
@click.option("--slogan", "slogans", multiple=True, metavar="TEXT", help="Slogan to print (repeatable).")
@lang_option
@click.option("--double-sided", is_flag=True, help="Each slogan twice, to read from both sides of a stick.")
@grayscale_option
@force_option
def placard(campaign, out, force, size, landscape, tile, overlap, slogans, lang, double_sided, grayscale) -> None:
    """Make placards: one slogan per page, fitted as large as it goes."""
    from .api import make_placard

    rendered = make_placard(_load(campaign), out or None, size=size, landscape=landscape, tile=tile,
                            slogans=slogans or None, lang=lang, double_sided=double_sided, grayscale=grayscale,
                            overlap_mm=overlap, force=force)
    if out is None:
        _write_default(rendered, force)
    for plan in rendered.details:
        click.echo(f"{plan.field}: {plan.fitted.size:.0f} pt on {len(plan.fitted.lines)} line(s), capitals "
                   f"{plan.cap_height_mm:.0f} mm: best from {plan.best_distance_m:.1f} m, legible to about "
                   f"{plan.legible_distance_m:.0f} m  \"{plan.text}\"", err=out == "-")
    click.echo("(signage rule: 25 mm of capital height per 3 m for best impact, legible to 4 times that)",
               err=out == "-")
    _report(rendered, out, f"{size}{' on ' + tile + ' sheets' if tile else ''}")


@main.command()
@campaign_argument
@output_option
@click.option("--paper", type=PaperChoice(SHEET_PAPERS), default="A4", show_default=True, help="Paper size.")
@lang_option
@grayscale_option
@force_option
def factsheet(campaign, out, force, paper, lang, grayscale) -> None:
    """Make a fact sheet: timeline, figures, demands and QR-linked sources."""
    from .api import make_factsheet

    rendered = make_factsheet(_load(campaign), out or None, paper=paper, lang=lang, grayscale=grayscale, force=force)
    if out is None:
        _write_default(rendered, force)
    _report(rendered, out, paper)


@main.command()
@campaign_argument
@output_option
@click.option("--paper", type=PaperChoice(SHEET_PAPERS), default="A4", show_default=True, help="Paper size.")
@click.option("--sheets", type=click.IntRange(1, 500), default=1, show_default=True, help="Number of numbered sheets.")
@lang_option
@grayscale_option
@force_option
def signup(campaign, out, force, paper, sheets, lang, grayscale) -> None:
    """Make numbered petition and sign-up sheets."""
    from .api import make_signup

    rendered = make_signup(_load(campaign), out or None, paper=paper, lang=lang, sheets=sheets, grayscale=grayscale,
                           force=force)
    if out is None:
        _write_default(rendered, force)
    _report(rendered, out, f"{paper} landscape")


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the PNG cards.")
@lang_option
@force_option
def social(campaign, out, lang, force) -> None:
    """Make social media cards (square and story PNGs) for every slogan."""
    from .api import make_social

    loaded = _load(campaign)
    folder = Path(out) if out else Path(f"{loaded.id}-cards" + (f"-{lang}" if lang else ""))
    for card in make_social(loaded, folder, lang=lang, force=force):
        click.echo(f"Wrote {folder / card.name} ({card.page_size[0]}x{card.page_size[1]}, "
                   f"{len(card.data) / 1024:.0f} KB)")


@main.command()
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dpi", type=click.IntRange(72, 600), default=200, show_default=True, help="Rendering resolution.")
def verify(pdfs, dpi) -> None:
    """Decode every QR code in PDFs and check each against the URL printed on its page."""
    from .verify import verify_pdf

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
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the PNGs (default: beside the PDF).")
@click.option("--dpi", type=click.IntRange(10, 600), default=100, show_default=True, help="Rendering resolution.")
@force_option
def preview(pdf, out, dpi, force) -> None:
    """Render each page of a PDF to PNG, from the PDF itself."""
    from .preview import preview_pdf

    for path in preview_pdf(pdf, out, dpi=dpi, force=force):
        click.echo(f"Wrote {path}")


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the pack.")
@lang_option
@click.option("--paper", type=PaperChoice(LEAFLET_PAPERS), default="A4", show_default=True, help="Leaflet paper size.")
@click.option("--sheets", type=click.IntRange(1, 500), default=5, show_default=True, help="Sign-up sheets to number.")
@grayscale_option
@force_option
def pack(campaign, out, lang, paper, sheets, grayscale, force) -> None:
    """Make everything for a picket: leaflets, placards, fact sheet, sign-up sheets, cards."""
    from .pack import make_pack, pack_steps

    loaded = _load(campaign)
    folder = Path(out) if out else Path(f"{loaded.id}{'-' + lang if lang else ''}-pack")
    with click.progressbar(length=pack_steps(loaded, lang=lang, paper=paper, sheets=sheets),
                           label="Making materials", file=sys.stderr) as bar:
        result = make_pack(loaded, folder, lang=lang, paper=paper, sheets=sheets, grayscale=grayscale, force=force,
                           progress=lambda _what: bar.update(1))
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
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Processes to use (default: the number of cores).")
@click.option("--keep-going", is_flag=True, help="Make the good rows and list the bad ones at the end.")
@force_option
def batch(campaign, events_csv, out, materials, lang, jobs, keep_going, force) -> None:
    """Make materials for many local events from a CSV, one folder per event."""
    from .batch import make_batch, read_events

    loaded = _load(campaign)
    chosen = tuple(m.strip() for m in materials.split(",") if m.strip())
    folder = Path(out) if out else Path(f"{loaded.id}-batch")
    events, failed = read_events(events_csv)
    if failed and not keep_going:
        raise click.ClickException(f"{failed[0]} (use --keep-going to make the other rows)")
    with click.progressbar(length=len(events), label=f"Making {len(events)} events", file=sys.stderr) as bar:
        result = make_batch(loaded, events, folder, materials=chosen, lang=lang, jobs=jobs, keep_going=keep_going,
                            force=force, progress=bar.update)
    errors = [*failed, *result.failed]
    files = sum(len(f) for _, f in result.made)
    click.echo(f"Made {len(result.made)} event folders ({files} files) in {folder}/; index.json and index.csv list them")
    if errors:
        for error in errors:
            click.echo(f"  failed: {error}", err=True)
        raise click.ClickException(f"{len(errors)} row(s) failed; the other {len(result.made)} were made")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
