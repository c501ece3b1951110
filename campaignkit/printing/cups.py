"""Commands for CUPS in, answers out: the printers there are, the destination a job goes to, whether
it prints two-sided, and on Windows (which has no `lp`) the PDF viewer's Print command.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import warnings
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CampaignWarning, PrintError

if TYPE_CHECKING:
    from . import PrintJob

Runner = Callable[..., subprocess.CompletedProcess]
NO_LP = ("the `lp` command was not found: printing needs the CUPS client "
         "(Debian/Ubuntu: sudo apt install cups-client; Fedora: sudo dnf install cups-client; macOS has lp built in)")


def run(runner: Runner, argv: Iterable[str], *, timeout: float = 30) -> subprocess.CompletedProcess:
    argv = list(argv)
    try:
        return runner(argv, capture_output=True, text=True, timeout=timeout, env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        raise PrintError(NO_LP) from None
    except subprocess.TimeoutExpired:
        raise PrintError(f"`{shlex.join(argv)}` gave no answer in {timeout:g} s; is CUPS running?") from None


def message(result: subprocess.CompletedProcess) -> str:
    return " ".join(((result.stderr or "") + " " + (result.stdout or "")).split()) or f"exit status {result.returncode}"


def list_printers(runner: Runner = subprocess.run) -> list[str]:
    """The CUPS destinations this machine can print to."""
    result = run(runner, ["lpstat", "-e"])  # CUPS 2.2 (2016) and later
    if result.returncode != 0:
        raise PrintError(f"cannot list the printers: {message(result)}")
    return [line.strip() for line in result.stdout.splitlines() if line.strip()]


def check_destination(printer: str | None, runner: Runner) -> str:
    """The destination the jobs go to; one clear error when it does not exist or none is set."""
    printers = list_printers(runner)
    listed = ", ".join(printers)
    if not printers and "not running" in run(runner, ["lpstat", "-r"]).stdout:
        raise PrintError("the CUPS scheduler is not running; start it (sudo systemctl start cups, or sudo cupsd)")
    if not printers:
        raise PrintError("no printers are set up in CUPS; add one in the system's printer settings or with lpadmin")
    if printer is not None:
        if printer not in printers:
            raise PrintError(f"no printer named {printer!r}; the printers are: {listed}")
        return printer
    found = re.search(r"destination: (\S+)", run(runner, ["lpstat", "-d"]).stdout or "")
    if not found:
        raise PrintError(f"no default printer is set; choose one with --printer (printers: {listed})")
    return found.group(1)


def warn_without_duplex(destination: str, jobs: list[PrintJob], runner: Runner) -> None:
    """CUPS accepts two-sided jobs for one-sided printers and prints them one-sided, so say so before."""
    if not any("sides=two-sided" in part for job in jobs for part in job.argv):
        return
    result = run(runner, ["lpoptions", "-p", destination, "-l"])
    if result.returncode != 0:
        return
    duplex = re.search(r"^\S*duplex\S*/.*:(.*)$", result.stdout or "", flags=re.IGNORECASE | re.MULTILINE)
    choices = set(duplex.group(1).replace("*", "").split()) if duplex else set()
    if not choices - {"None", "Off", "False", "Simplex"}:
        warnings.warn(CampaignWarning(
            f"{destination} lists no two-sided printing: two-sided jobs print one-sided. For two-up leaflets print "
            "page 1, put the stack back turned over on the short edge, then print page 2"), stacklevel=3)


def open_for_printing(path: Path) -> None:
    os.startfile(str(path), "print")  # type: ignore[attr-defined]  # Windows only


def print_with_viewer(jobs: list[PrintJob]) -> list[PrintJob]:
    warnings.warn(CampaignWarning(
        "Windows has no lp: each PDF goes to its viewer's Print command, where copies, two-sided printing and "
        "'actual size' must be chosen by hand (see each file's notes)"), stacklevel=3)
    for job in jobs:
        try:
            open_for_printing(job.path)
        except OSError as exc:
            raise PrintError(f"{job.path}: cannot hand it to a PDF viewer for printing ({exc})") from None
    return [replace(job, argv=(), notes=(f"{job.copies} copies", *job.notes)) for job in jobs]
