"""Option types and shared options for the commands, and the small helpers every command uses."""

from __future__ import annotations

import click

from ..loader import DEFAULT_CAMPAIGN
from ..options import SHEET_PAPERS, Paper
from .output import detail, plural, say, timed


class PaperChoice(click.Choice):
    """A paper size from a material's allowed sizes, matched without regard to case and shown as
    printers name them ([A4|A5|letter], the same spelling as the default)."""

    def __init__(self, allowed: tuple[Paper, ...]):
        super().__init__([p.value for p in allowed], case_sensitive=False)

    def get_metavar(self, param, ctx=None):
        return f"[{'|'.join(map(str, self.choices))}]"

    def get_invalid_choice_message(self, value, ctx=None):
        return f"{value!r} is not one of {', '.join(map(str, self.choices))}."

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(c) for c in map(str, self.choices) if c.lower().startswith(incomplete.lower())]


class CampaignRef(click.ParamType):
    """A built-in campaign id, a campaign file or "-"; completes to the built-in ids and to files."""

    name = "campaign"

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from ..loader import builtin_campaigns

        ids = [CompletionItem(ref, help="built-in campaign")
               for ref in builtin_campaigns() if ref.startswith(incomplete)]
        return [CompletionItem(incomplete, type="file"), *ids]  # bash lists files when no id matches


class Millimetres(click.ParamType):
    """A length such as `3mm`, `0.125in` or `3` (millimetres), in millimetres, from `low` to `high`."""

    name = "LENGTH"

    def __init__(self, low: float = 0.0, high: float = float("inf")):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        from ..errors import CampaignkitError
        from ..options import length_mm

        try:
            mm = length_mm(value, "length")
        except CampaignkitError as exc:
            self.fail(str(exc).removeprefix("length: "), param, ctx)
        if not self.low <= mm <= self.high:
            inches = f"{self.low / 25.4:.3g} to {self.high / 25.4:.3g} in"
            self.fail(f"expected {self.low:g} to {self.high:g} mm ({inches}), got {value!r} ({mm:g} mm)", param, ctx)
        return mm


class LanguageTag(click.ParamType):
    """A BCP 47 language tag such as en, ru, kk-Latn, zh-Hans."""

    name = "TAG"

    def convert(self, value, param, ctx):
        from ..tags import LanguageTagError, parse_language

        try:
            return parse_language(value)
        except LanguageTagError as exc:
            self.fail(str(exc), param, ctx)


campaign_argument = click.argument("campaign", type=CampaignRef(), default=DEFAULT_CAMPAIGN, metavar="[CAMPAIGN]")
lang_option = click.option("--lang", type=LanguageTag(), help="Language of the printed text (en, ru, kk, ...).")
grayscale_option = click.option("--grayscale", is_flag=True, help="Black on white, for photocopiers.")
press_option = click.option(
    "--press", is_flag=True,
    help="For a print shop: process colours (body text, rules and crop marks in black ink only), the FOGRA39 "
         "output intent, trim and bleed boxes.")
force_option = click.option("--force", is_flag=True,
                            help="Replace existing output even where campaignkit did not make it.")
today_option = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
    help="The day of printing, which decides what is past (default: SOURCE_DATE_EPOCH, else today).")
output_option = click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True),
                             help="PDF file to write, or - for standard output.")


def bleed_option(text: str = "Bleed for a print shop, e.g. 3mm or 0.125in (adds crop marks)."):
    return click.option("--bleed", type=Millimetres(0, 10), default="0mm", help=text)


sheet_paper_option = click.option("--paper", type=PaperChoice(SHEET_PAPERS), default="A4", show_default=True,
                                  help="Paper size.")


def sheets_option(default: int):
    return click.option("--sheets", type=click.IntRange(1, 500), default=default, show_default=True, metavar="N",
                        help="Numbered sign-up sheets to make.")


def dpi_option(default: int, low: int):
    return click.option("--dpi", type=click.IntRange(low, 600), default=default, show_default=True, metavar="N",
                        help="Rendering resolution in dots per inch.")


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

    with timed(f"loaded {'standard input' if ref == '-' else ref}"):
        campaign = load(ref)
    detail(f"campaign {campaign.id}: {plural(len(campaign.statements), 'statement')}, "
           f"{plural(len(campaign.events), 'event')}, {plural(len(campaign.slogans), 'slogan')}, "
           f"{plural(len(campaign.sources), 'source')}; language {campaign.language}")
    ctx = click.get_current_context(silent=True)
    extra = ctx.meta.get("campaignkit.fonts", ()) if ctx else ()
    if extra:
        campaign = replace(campaign, fonts=campaign.fonts + tuple(str(Path(f).resolve()) for f in extra))
    return campaign


def report(rendered, out: str | None, what: str) -> None:
    """Say what was written (to standard error when the PDF itself went to standard output)."""
    where = "standard output" if out == "-" else (out or rendered.name)
    say(f"Wrote {where} ({what}, {plural(rendered.pages, 'page')}, {len(rendered.data) / 1024:.0f} KB)",
        err=out == "-")


def write_default(rendered, force: bool) -> None:
    """Write a material under its suggested name in the current folder."""
    from ..write import write

    write(rendered.data, rendered.name, force=force)


def make_material(what: str, maker, campaign: str, out: str | None, force: bool, **options):
    """Load the campaign (with any --font files), make one material with the API's `maker` and write it:
    to `out` when given, else under its suggested name in the current folder. Returns the Rendered."""
    loaded = load_campaign(campaign)
    with timed(f"made the {what}"):
        rendered = maker(loaded, out or None, force=force, **options)
        if out is None:
            write_default(rendered, force)
    return rendered
