"""`python -m campaignkit`: the same as the `campaignkit` command."""

from .cli import run

run()
