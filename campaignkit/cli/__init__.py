"""Command-line arguments in, calls to the public API out; library errors become one-line messages.

The commands live in `campaign` (list, show, validate, init), `data` (schema, export, import),
`materials` (leaflet, placard, factsheet, signup, signatories,
social) and `jobs` (pack, batch, print, verify,
preview). Each parses its options,
calls one API function and reports what was written. The one place library errors become
`click.ClickException` (exit 1) is `_Group.invoke`; usage mistakes are click's (exit 2).
`command.Command` gives every command the global options (--strict, -q, -v) and its help page;
`output` decides what is said at each verbosity.
"""

from __future__ import annotations

import warnings

import click

from .._version import __version__
from ..errors import CampaignkitError, CampaignWarning
from .command import Command, global_options, write_section
from .output import QUIET, level

COMPLETION = """\
Completes commands, options, built-in campaign ids and files. To switch it on:
bash, in ~/.bashrc:  eval "$(_CAMPAIGNKIT_COMPLETE=bash_source campaignkit)"
zsh, in ~/.zshrc:    eval "$(_CAMPAIGNKIT_COMPLETE=zsh_source campaignkit)"
fish, once:          _CAMPAIGNKIT_COMPLETE=fish_source campaignkit \\
                         > ~/.config/fish/completions/campaignkit.fish"""


class _Group(click.Group):
    """Turns every CampaignkitError into `Error: ...` (exit 1) and warnings into `Warning: ...`."""

    command_class = Command

    def __init__(self, *args, example: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.example = example
        self.params.extend(global_options())

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str())
                for name, command in sorted(self.commands.items()) if not command.hidden]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        write_section(formatter, "Example", self.example)
        write_section(formatter, "Shell completion", COMPLETION)

    def invoke(self, ctx: click.Context):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return super().invoke(ctx)
            except CampaignkitError as exc:
                raise click.ClickException(str(exc)) from None
            except CampaignWarning as exc:
                raise click.ClickException(f"{exc} (an error under --strict)") from None
            finally:
                for w in caught:
                    if issubclass(w.category, UserWarning) and level() > QUIET:
                        click.echo(f"Warning: {w.message}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             example="campaignkit pack my-campaign.toml --lang ru -o picket-pack")
@click.version_option(__version__, prog_name="campaignkit")
def main() -> None:
    """Print-ready picket materials from one campaign file.

    CAMPAIGN is a built-in campaign id (campaignkit list), a .toml or .json campaign file, or - to
    read the campaign from standard input (a relative logo path is then relative to the working
    folder); the default is kazakhstan-2022. --strict, -q and -v may come before or after the
    command; `campaignkit COMMAND --help` shows a command's options and an example.
    """


from . import campaign, data, jobs, materials  # noqa: E402,F401  (they add their commands to `main`)


def run() -> None:
    """The `campaignkit` console script: `main`, with start-up work put off until needed and the interpreter's
    teardown skipped after every file is written and the output flushed (see `start`)."""
    from . import start

    start.prepare()
    try:
        main.main(prog_name="campaignkit")
    except SystemExit as exc:  # click ends every command this way
        start.finish(exc.code)
    start.finish(0)


if __name__ == "__main__":  # pragma: no cover
    run()
