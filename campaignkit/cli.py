"""Command-line arguments in, calls to the public API out; library errors become one-line messages.

This module only parses options and reports; all layout lives in the generator modules.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import click

from . import __version__
from .campaigns import DEFAULT_CAMPAIGN
from .errors import CampaignkitError


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


campaign_argument = click.argument("campaign", default=DEFAULT_CAMPAIGN, metavar="[CAMPAIGN]")
lang_option = click.option("--lang", type=click.Choice(["en", "ru", "kk"]), help="Language of the printed text.")
grayscale_option = click.option("--grayscale", is_flag=True, help="Black on white, for photocopiers.")


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


def _output(out: str | None, default: str) -> Path:
    return Path(out) if out else Path(default)


force_option = click.option("--force", is_flag=True, help="Replace an existing output file not made by campaignkit.")


def _write(path: Path, data: bytes, force: bool) -> None:
    """Write atomically; an existing file is replaced only if campaignkit made it, or with --force."""
    from .output import made_by_campaignkit, write_atomic

    if path.exists() and not force and not made_by_campaignkit(path):
        raise click.ClickException(f"{path} exists and was not made by campaignkit; use --force to replace it")
    write_atomic(path, data)


def _save(campaign, out: str | None, name_parts, data: bytes, force: bool, what: str) -> None:
    """Write a PDF to -o, or to CAMPAIGN-ID-part-part.pdf, and say what was written."""
    from .output import pdf_page_count

    path = _output(out, "-".join([campaign.id, *(p for p in name_parts if p)]) + ".pdf")
    _write(path, data, force)
    pages = pdf_page_count(data)
    click.echo(f"Wrote {path} ({what}, {pages} page{'s' if pages != 1 else ''}, {len(data) / 1024:.0f} KB)")


def _load(ref: str):
    from .campaigns import load

    return load(ref)


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
    from .campaigns import builtin_campaigns, load

    for ref in builtin_campaigns():
        click.echo(f"{ref}\t{load(ref).title.original}")


@main.command()
@campaign_argument
@click.option("--json", "as_json", is_flag=True, help="Everything in the campaign as JSON, for scripts.")
@click.option("--lang", type=click.Choice(["en", "ru", "kk", "kk-Latn"]), help="Show translations in this language.")
def show(campaign: str, as_json: bool, lang: str | None) -> None:
    """Show everything in a campaign."""
    from .serialize import describe, to_data

    loaded = _load(campaign)
    if as_json:
        click.echo(json.dumps(to_data(loaded), ensure_ascii=False, indent=2))
    else:
        click.echo(describe(loaded, lang))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
def validate(file: str) -> None:
    """Check a campaign file and report the first problem."""
    loaded = _load(file)
    counts = (
        f"{sum(len(s.demands) for s in loaded.statements)} demands, {len(loaded.statements)} statements, "
        f"{len(loaded.events)} events, {len(loaded.sources)} sources"
    )
    click.echo(f"{file}: OK ({counts})")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(file: str, force: bool) -> None:
    """Write a commented campaign template to FILE."""
    from .output import write_atomic

    path = Path(file)
    if path.exists() and not force:
        raise click.ClickException(f"{file} already exists; use --force to overwrite it")
    template = Path(__file__).resolve().parent / "templates" / "campaign.toml"
    write_atomic(path, template.read_bytes())
    click.echo(f"Wrote {file}: edit it, then run `campaignkit validate {file}`.")


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="PDF file to write.")
@click.option("--paper", type=click.Choice(["A4", "A5", "letter"], case_sensitive=False), default="A4", show_default=True)
@lang_option
@click.option("--statement", metavar="ID", help="Only this statement's demands (default: all).")
@click.option("--event", metavar="ID", help="The event to advertise (default: the first).")
@click.option("--two-up", is_flag=True, help="Two A5 leaflets on one A4 sheet, with a cut line.")
@grayscale_option
@force_option
@click.option("--bleed", type=Millimetres(), default=0.0, help="Bleed for a print shop, e.g. 3mm (adds crop marks).")
def leaflet(campaign, out, force, paper, lang, statement, event, two_up, grayscale, bleed) -> None:
    """Make a print-ready leaflet."""
    from .leaflet import make_leaflet

    loaded = _load(campaign)
    paper = {"a4": "A4", "a5": "A5"}.get(paper.lower(), paper.lower())
    data = make_leaflet(
        loaded, paper=paper, lang=lang, statement=statement, event=event, two_up=two_up,
        grayscale=grayscale, bleed_mm=bleed,
    )
    _save(loaded, out, ("leaflet", lang, "two-up" if two_up else paper if paper != "A4" else ""), data, force,
          "two A5 leaflets per A4 sheet" if two_up else paper)


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="PDF file to write.")
@click.option(
    "--size", type=click.Choice(["A4", "A3", "A2", "A1", "A0", "letter", "tabloid"], case_sensitive=False),
    default="A3", show_default=True, help="Placard size.",
)
@click.option("--landscape", is_flag=True, help="Landscape instead of portrait.")
@click.option("--tile", type=click.Choice(["A4", "letter"], case_sensitive=False), help="Print a large placard on these sheets.")
@click.option("--overlap", type=Millimetres(), default=10.0, show_default=True, help="Glue overlap between tiles.")
@click.option("--slogan", "slogans", multiple=True, metavar="TEXT", help="Slogan to print (repeatable); default: the campaign's.")
@lang_option
@click.option("--double-sided", is_flag=True, help="Each slogan twice, to read from both sides of a stick.")
@grayscale_option
@force_option
def placard(campaign, out, force, size, landscape, tile, overlap, slogans, lang, double_sided, grayscale) -> None:
    """Make placards: one slogan per page, fitted as large as it goes."""
    from .placard import make_placard, plan_placards

    loaded = _load(campaign)
    size = {"a4": "A4", "a3": "A3", "a2": "A2", "a1": "A1", "a0": "A0"}.get(size.lower(), size.lower())
    tile = {"a4": "A4"}.get(tile.lower(), tile.lower()) if tile else None
    plans = plan_placards(loaded, size=size, landscape=landscape, slogans=slogans or None, lang=lang)
    data = make_placard(
        loaded, size=size, landscape=landscape, tile=tile, slogans=slogans or None, lang=lang,
        double_sided=double_sided, grayscale=grayscale, overlap_mm=overlap,
    )
    for plan in plans:
        click.echo(
            f"{plan.field}: {plan.fitted.size:.0f} pt on {len(plan.fitted.lines)} line(s), capitals "
            f"{plan.cap_height_mm:.0f} mm: best from {plan.best_distance_m:.1f} m, legible to about "
            f"{plan.legible_distance_m:.0f} m  \"{plan.text}\""
        )
    click.echo("(signage rule: 25 mm of capital height per 3 m for best impact, legible to 4 times that)")
    _save(loaded, out, ("placards", lang, size, f"tiled-{tile}" if tile else ""), data, force,
          f"{size}{' on ' + tile + ' sheets' if tile else ''}")


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="PDF file to write.")
@click.option("--paper", type=click.Choice(["A4", "letter"], case_sensitive=False), default="A4", show_default=True)
@lang_option
@force_option
def factsheet(campaign, out, force, paper, lang) -> None:
    """Make a fact sheet: timeline, figures, demands and QR-linked sources."""
    from .factsheet import make_factsheet

    loaded = _load(campaign)
    paper = "A4" if paper.lower() == "a4" else "letter"
    data = make_factsheet(loaded, paper=paper, lang=lang)
    _save(loaded, out, ("factsheet", lang, paper if paper != "A4" else ""), data, force, paper)


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
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="PDF file to write.")
@click.option("--paper", type=click.Choice(["A4", "letter"], case_sensitive=False), default="A4", show_default=True)
@click.option("--sheets", type=click.IntRange(1, 500), default=1, show_default=True, help="Number of numbered sheets.")
@lang_option
@force_option
def signup(campaign, out, force, paper, sheets, lang) -> None:
    """Make numbered petition and sign-up sheets."""
    from .signup import make_signup

    loaded = _load(campaign)
    paper = "A4" if paper.lower() == "a4" else "letter"
    data = make_signup(loaded, paper=paper, lang=lang, sheets=sheets)
    _save(loaded, out, ("signup", lang, f"{sheets}-sheets" if sheets > 1 else ""), data, force, f"{paper} landscape")


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the PNG cards.")
@lang_option
@force_option
def social(campaign, out, lang, force) -> None:
    """Make social media cards (square and story PNGs) for every slogan."""
    from .social import make_social

    loaded = _load(campaign)
    folder = Path(out) if out else Path(f"{loaded.id}-cards" + (f"-{lang}" if lang else ""))
    cards = make_social(loaded, lang=lang)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
    for card in cards:
        _write(folder / card.name, card.png, force)
    for card in cards:
        click.echo(f"Wrote {folder / card.name} ({card.size[0]}x{card.size[1]}, {len(card.png) / 1024:.0f} KB)")


@main.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the PNGs (default: beside the PDF).")
@click.option("--dpi", type=click.IntRange(10, 600), default=100, show_default=True)
def preview(pdf, out, dpi) -> None:
    """Render each page of a PDF to PNG, from the PDF itself."""
    from .preview import preview_pdf

    for path in preview_pdf(pdf, out, dpi=dpi):
        click.echo(f"Wrote {path}")


@main.command()
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the pack.")
@lang_option
@click.option("--paper", type=click.Choice(["A4", "A5", "letter"], case_sensitive=False), default="A4", show_default=True)
@click.option("--sheets", type=click.IntRange(1, 500), default=5, show_default=True, help="Sign-up sheets to number.")
def pack(campaign, out, lang, paper, sheets) -> None:
    """Make everything for a picket: leaflets, placards, fact sheet, sign-up sheets, cards."""
    from .pack import check_target, make_pack, pack_steps

    loaded = _load(campaign)
    paper = {"a4": "A4", "a5": "A5"}.get(paper.lower(), "letter")
    folder = Path(out) if out else Path(f"{loaded.id}{'-' + lang if lang else ''}-pack")
    check_target(folder)
    with click.progressbar(length=pack_steps(loaded, lang=lang, paper=paper, sheets=sheets),
                           label="Making materials", file=sys.stderr) as bar:
        result = make_pack(loaded, folder, lang=lang, paper=paper, sheets=sheets,
                           progress=lambda _kind: bar.update(1))
    width = max(len(f.name) for f in result.files)
    click.echo(f"{'file':{width}}  {'what':26} {'pages':>5} {'size':>8}")
    for f in result.files:
        pages = "" if f.pages is None else str(f.pages)
        click.echo(f"{f.name:{width}}  {f.kind:26} {pages:>5} {f.bytes / 1024:6.0f} KB")
    click.echo(f"{len(result.files)} files in {folder}/ (see manifest.json for SHA-256 hashes)")


@main.command()
@campaign_argument
@click.option("--events", "events_csv", required=True, type=click.Path(exists=True, dir_okay=False),
              help="CSV: city, place, date, time, contact[, organisers, lang, end_time, title].")
@click.option("-o", "--output", "out", type=click.Path(file_okay=False), help="Folder for the results.")
@click.option("--materials", default="leaflet", show_default=True, metavar="LIST",
              help="Comma-separated: leaflet, placard, signup.")
@lang_option
@click.option("--jobs", type=click.IntRange(1, 64), help="Processes to use (default: the number of cores).")
@click.option("--keep-going", is_flag=True, help="Make the good rows and list the bad ones at the end.")
def batch(campaign, events_csv, out, materials, lang, jobs, keep_going) -> None:
    """Make materials for many local events from a CSV, one folder per event."""
    from .batch import make_batch, read_events

    loaded = _load(campaign)
    chosen = tuple(m.strip() for m in materials.split(",") if m.strip())
    folder = Path(out) if out else Path(f"{loaded.id}-batch")
    events, failed = read_events(events_csv)
    if failed and not keep_going:
        raise click.ClickException(f"{failed[0]} (use --keep-going to make the other rows)")
    total = len(events)
    with click.progressbar(length=total, label=f"Making {total} events", file=sys.stderr) as bar:
        result = make_batch(loaded, events_csv, folder, materials=chosen, lang=lang, jobs=jobs,
                            keep_going=keep_going, progress=bar.update)
    files = sum(len(f) for _, f in result.made)
    click.echo(f"Made {len(result.made)} event folders ({files} files) in {folder}/; index.json and index.csv list them")
    if result.failed:
        for error in result.failed:
            click.echo(f"  failed: {error}", err=True)
        raise click.ClickException(f"{len(result.failed)} row(s) failed; the other {len(result.made)} were made")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
