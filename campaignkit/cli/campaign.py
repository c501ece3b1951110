"""The campaign commands: list the built-in campaigns, show one, validate a file, write a template."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import main
from .options import campaign_argument, lang_option, load_campaign
from .output import plural, say


@main.command("list", example="campaignkit list")
def list_command() -> None:
    """List the built-in campaigns."""
    from ..loader import builtin_campaigns, load

    for ref in builtin_campaigns():
        click.echo(f"{ref}\t{load(ref).title.original}")


@main.command(example="campaignkit show my-campaign.toml --lang ru")
@campaign_argument
@click.option("--json", "as_json", is_flag=True, help="Everything in the campaign as JSON, for scripts.")
@lang_option
def show(campaign: str, as_json: bool, lang: str | None) -> None:
    """Show everything in a campaign."""
    from ..serialize import describe, to_data

    loaded = load_campaign(campaign)
    if as_json:
        click.echo(json.dumps(to_data(loaded), ensure_ascii=False, indent=2))
    else:
        click.echo(describe(loaded, lang))


@main.command(example="campaignkit validate my-campaign.toml --all")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--all", "every", is_flag=True, help="List every problem, one per line, not only the first.")
def validate(file: str, every: bool) -> None:
    """Check a campaign file, with every check the materials make, and report the first problem.

    FILE is a .toml or .json campaign file, or - to read one from standard input.
    """
    from ..preflight import problems

    loaded = load_campaign(file)
    found = problems(loaded)
    if found and every:
        for problem in found[:-1]:
            click.echo(f"Error: {problem}", err=True)
        raise click.ClickException(f"{found[-1]} ({plural(len(found), 'problem')})")
    if found:
        more = f" (and {len(found) - 1} more: campaignkit validate --all)" if len(found) > 1 else ""
        raise click.ClickException(f"{found[0]}{more}")
    counts = {"demand": sum(len(s.demands) for s in loaded.statements), "statement": len(loaded.statements),
              "event": len(loaded.events), "source": len(loaded.sources)}
    name = "standard input" if file == "-" else file
    say(f"{name}: OK ({', '.join(plural(n, word) for word, n in counts.items())})")


@main.command(example="campaignkit init my-campaign.toml")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing file, and the schema beside it.")
def init(file: str, force: bool) -> None:
    """Write a commented campaign template to FILE, and beside it the schema editors check it against."""
    from ..schema import FILE_NAME, schema_json
    from ..templates import template
    from ..write import write

    path = Path(file)
    if path.exists() and not force:
        raise click.ClickException(f"{file} already exists; use --force to overwrite it")
    schema = path.parent / FILE_NAME
    write(template(), path, force=True)
    if force or not schema.exists():
        write(schema_json(), schema, force=True)
    say(f"Wrote {file}: edit it, then run `campaignkit validate {file}`. Editors that read its "
        f"`#:schema` line check it against {schema} as you type.")
