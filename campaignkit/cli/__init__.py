"""Command-line arguments in, calls to the public API out; library errors become one-line messages.

The commands live in `campaign` (list, show, validate, init), `materials` (leaflet, placard,
factsheet, signup, signatories, social) and `jobs` (pack, batch, print, verify, preview). Each parses its options,
calls one API function and reports what was written. The one place library errors become
`click.ClickException` (exit 1) is `_Group.invoke`; usage mistakes are click's (exit 2).
"""

from __future__ import annotations

import warnings

import click

from .._version import __version__
from ..errors import CampaignkitError


class _Group(click.Group):
    """Turns every CampaignkitError into `Error: ...` (exit 1) and warnings into `Warning: ...`."""

    def invoke(self, ctx: click.Context):
        from ..errors import CampaignWarning

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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="campaignkit")
@click.option("--strict", is_flag=True, help="Treat warnings (http:// URLs, low-resolution logos, ...) as errors.")
def main(strict: bool) -> None:
    """Print-ready picket materials from one campaign file.

    CAMPAIGN is a built-in campaign id or a .toml/.json file; the default is kazakhstan-2022.
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
