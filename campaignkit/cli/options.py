"""Option types and shared options for the commands, and the small helpers every command uses."""

from __future__ import annotations

import click

from ..loader import DEFAULT_CAMPAIGN
from ..options import Paper


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
        from ..tags import LanguageTagError, parse_language

        try:
            return parse_language(value)
        except LanguageTagError as exc:
            self.fail(str(exc), param, ctx)


campaign_argument = click.argument("campaign", default=DEFAULT_CAMPAIGN, metavar="[CAMPAIGN]")
lang_option = click.option("--lang", type=LanguageTag(), help="Language of the printed text (en, ru, kk, ...).")
grayscale_option = click.option("--grayscale", is_flag=True, help="Black on white, for photocopiers.")
force_option = click.option("--force", is_flag=True, help="Replace an existing output not made by campaignkit.")
today_option = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
    help="The day of printing, which decides what is past (default: SOURCE_DATE_EPOCH, else today).")
output_option = click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True),
                             help="PDF file to write, or - for standard output.")


def _remember_fonts(ctx, param, value):
    ctx.meta["campaignkit.fonts"] = tuple(value or ())


font_option = click.option(
    "--font", "fonts", multiple=True, type=click.Path(exists=True, dir_okay=False), expose_value=False,
    callback=_remember_fonts, metavar="FILE",
    help="A TrueType font for text the bundled fonts lack (Chinese, Japanese, Korean, or another script); "
         "repeatable, added to the campaign's `fonts`.")


def day(value):
    return value.date() if value is not None else None


def load_campaign(ref: str):
    """The campaign, with any --font files added to its own fonts."""
    from dataclasses import replace
    from pathlib import Path

    from ..loader import load

    campaign = load(ref)
    ctx = click.get_current_context(silent=True)
    extra = ctx.meta.get("campaignkit.fonts", ()) if ctx else ()
    if extra:
        campaign = replace(campaign, fonts=campaign.fonts + tuple(str(Path(f).resolve()) for f in extra))
    return campaign


def report(rendered, out: str | None, what: str) -> None:
    """Say what was written (to standard error when the PDF itself went to standard output)."""
    where = "standard output" if out == "-" else (out or rendered.name)
    pages = f"{rendered.pages} page{'s' if rendered.pages != 1 else ''}"
    click.echo(f"Wrote {where} ({what}, {pages}, {len(rendered.data) / 1024:.0f} KB)", err=out == "-")


def write_default(rendered, force: bool) -> None:
    """Write a material under its suggested name in the current folder."""
    from ..write import write

    write(rendered.data, rendered.name, force=force)
