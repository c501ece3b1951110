"""How much a command says, set by -q/--quiet and -v/--verbose, in; lines on the terminal out.

Quiet prints only errors (and a command's result on standard output: `show`, `list`, `export`,
`schema`, `print --dry-run`); the default also says what was written; verbose adds what was loaded
and made, with timings. Messages about files go to standard output, except when the result itself
went there (`-o -`); verbose lines always go to standard error.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2
LEVEL = "campaignkit.verbosity"  # the key in click's context meta, shared by the group and its command


def set_level(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Callback of -q and -v: record the level; both at once is a usage error."""
    if not value:
        return
    level = QUIET if param.name == "quiet" else VERBOSE
    if ctx.meta.get(LEVEL, level) != level:
        raise click.UsageError("-q/--quiet and -v/--verbose cannot be used together", ctx)
    ctx.meta[LEVEL] = level


def level() -> int:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(LEVEL, NORMAL) if ctx is not None else NORMAL


def say(message: str, *, err: bool = False) -> None:
    """A message at the default level: what was written, and instructions that go with it."""
    if level() >= NORMAL:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """A message only under --verbose, on standard error."""
    if level() >= VERBOSE:
        click.echo(message, err=True)


def show_progress() -> bool:
    """Whether a progress bar is wanted: at the default level (verbose prints a line per step instead)."""
    return level() == NORMAL


@contextmanager
def timed(what: str) -> Iterator[None]:
    """Under --verbose, say how long the block took: `made the leaflet in 0.61 s`."""
    start = time.perf_counter()
    yield
    detail(f"{what} in {time.perf_counter() - start:.2f} s")


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 file`, `2 files`, `1,024 bytes`; `many` for irregular plurals (`copy`, `copies`)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
