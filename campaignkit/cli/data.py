"""The data commands: the JSON Schema of the campaign format, exports for other tools (iCalendar,
CSV, JSON, OSDI), and importing signatories from a petition platform's CSV."""

from __future__ import annotations

from pathlib import Path

import click

from . import main
from .options import LanguageTag, campaign_argument, force_option, load_campaign
from .output import plural, say

FORMAT_CHOICE = click.Choice(["ics", "csv", "json", "osdi"], case_sensitive=False)
out_option = click.option("-o", "--output", "out", default="-", type=click.Path(dir_okay=False, allow_dash=True),
                          help="File to write (default: standard output).")


def _where(out: str) -> str:
    return "standard output" if out == "-" else out


@main.command(example="campaignkit schema -o campaign.schema.json")
@out_option
@force_option
def schema(out: str, force: bool) -> None:
    """Write the JSON Schema of the campaign format (for editors: a `#:schema` line points to it)."""
    from ..schema import write_schema

    data = write_schema(out, force=force)
    if out != "-":
        say(f"Wrote {out} ({len(data) / 1024:.0f} KB): a campaign file beside it can start with the line "
            f"#:schema ./{Path(out).name}")


@main.command(example="campaignkit export my-campaign.toml --format ics -o events.ics")
@campaign_argument
@click.option("--format", "fmt", required=True, type=FORMAT_CHOICE,
              help="ics (events), csv (demands, calls, signatories), json (the whole campaign), "
                   "osdi (events, petition).")
@out_option
@click.option("--lang", type=LanguageTag(), help="Language of the exported text (default: the originals).")
@force_option
def export(campaign: str, fmt: str, out: str, lang: str | None, force: bool) -> None:
    """Export a campaign's data for calendars, spreadsheets and organising platforms."""
    from ..export import export_campaign

    data = export_campaign(load_campaign(campaign), fmt.lower(), out, lang=lang, force=force)
    say(f"Wrote {_where(out)} ({fmt.lower()}, {plural(len(data), 'byte')})", err=out == "-")


def _mapping(values: tuple[str, ...]) -> dict[str, str]:
    from ..importer import FIELDS

    mapping = {}
    for value in values:
        field, sep, header = value.partition("=")
        if not sep or field.strip() not in FIELDS or not header.strip():
            raise click.BadParameter(f"expected FIELD=HEADER with FIELD one of {', '.join(FIELDS)}, got {value!r}",
                                     param_hint="--column")
        mapping[field.strip()] = header.strip()
    return mapping


@main.command("import", example="campaignkit import signers.csv --into my-campaign.toml --statement open-letter")
@click.argument("signatories_csv", type=click.Path(dir_okay=False))
@click.option("--into", "into", required=True, type=click.Path(dir_okay=False),
              help="The campaign file (.toml or .json) to add the signatories to; it is edited in place.")
@click.option("--statement", required=True, metavar="ID", help="The id of the statement they signed.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=HEADER",
              help="Read FIELD (name, first_name, last_name, organisation) from the column HEADER; repeatable.")
@click.option("--dry-run", is_flag=True, help="Report what would be added without changing the file.")
def import_command(signatories_csv: str, into: str, statement: str, columns: tuple[str, ...], dry_run: bool) -> None:
    """Add signatories from a petition platform's CSV export to a statement of a campaign file."""
    from ..importer import import_signatories

    result = import_signatories(signatories_csv, into, statement, columns=_mapping(columns), dry_run=dry_run)
    verb = "Would add" if dry_run else "Added"
    extra = f" ({len(result.already)} already there)" if result.already else ""
    say(f"{verb} {plural(len(result.added), 'signatory', 'signatories')} to statement {statement!r} in {into}{extra}")
