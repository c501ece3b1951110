"""The command class every campaignkit command is made with: a command's function, options and example in;
the global options (--strict, -q, -v) added, a full help page with its example, and --verbose timing out.

The global options are accepted on the group (`campaignkit -q pack`) and on every command
(`campaignkit pack -q`); both record into click's context meta, which the group and its command share.
"""

from __future__ import annotations

import time
import warnings

import click

from .output import detail, set_level

STRICT = "campaignkit.strict"

CAMPAIGN_HELP = (
    "CAMPAIGN is a built-in campaign id (campaignkit list), a .toml or .json campaign file, or - to read "
    "the campaign from standard input, where a relative logo path is then relative to the working "
    "folder; the default is kazakhstan-2022."
)


def _set_strict(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[STRICT] = True


def global_options() -> list[click.Option]:
    """Fresh --strict, -q and -v options (a click parameter belongs to one command)."""
    return [
        click.Option(["--strict"], is_flag=True, expose_value=False, callback=_set_strict,
                     help="Treat warnings (http:// URLs, low-resolution logos, ...) as errors."),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=set_level,
                     help="Print only errors."),
        click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=set_level,
                     help="Also say what was loaded and made, with timings."),
    ]


def first_sentence(text: str) -> str:
    """The first sentence of a help text, whole: the line the command list shows."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[: end + 1]


def write_section(formatter: click.HelpFormatter, title: str, text: str | None) -> None:
    """A titled section of the help with each line as written (never re-wrapped)."""
    if not text:
        return
    with formatter.section(title):
        for line in text.strip("\n").splitlines():
            formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


class Command(click.Command):
    """A campaignkit command: the global options, a whole first sentence in the list, an example."""

    def __init__(self, *args, example: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.example = example
        if any(param.name == "campaign" for param in self.params):
            self.help = f"{(self.help or '').rstrip()}\n\n{CAMPAIGN_HELP}"
        self.params.extend(global_options())

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or first_sentence(self.help or "")

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        write_section(formatter, "Example", self.example)

    def invoke(self, ctx: click.Context):
        from ..errors import CampaignWarning

        if ctx.meta.get(STRICT):
            warnings.simplefilter("error", CampaignWarning)  # inside the group's catch_warnings
        start = time.perf_counter()
        result = super().invoke(ctx)
        detail(f"campaignkit {ctx.info_name}: done in {time.perf_counter() - start:.2f} s")
        return result
