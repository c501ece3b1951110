"""Whole processes in, CPU time, wall time and peak memory out; commands alternated so that a busy
machine slows every command alike, and medians and ratios of what was measured.

CPU time (user + system, the process and the children it waited for) is the figure to compare on a
shared machine: wall time also counts the time other processes held the cores.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    cpu: float  # seconds, user + system
    wall: float  # seconds
    rss: int  # peak resident set, KiB (the largest single process)


def run(command: list[str], *, cwd=None, env=None) -> Sample:
    """Run one command to its end; a failure stops the benchmark with its error output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(map(str, command))} failed: {process.stderr.read().decode()}")
    process.stderr.close()
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss)


def alternate(commands: dict[str, list[str]], runs: int, *, cwd=None, env=None, warm: bool = True,
              before=None) -> dict[str, list[Sample]]:
    """Each command `runs` times, taking turns (the order rotating each round), after one unmeasured run
    of each that fills the file cache and campaignkit's own. `before(name)` runs ahead of every run."""
    names = list(commands)
    if warm:
        for name in names:
            if before:
                before(name)
            run(commands[name], cwd=cwd, env=env)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for round_ in range(runs):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in order:
            if before:
                before(name)
            samples[name].append(run(commands[name], cwd=cwd, env=env))
    return samples


def median_cpu(samples: list[Sample]) -> float:
    return statistics.median(s.cpu for s in samples)


def median_wall(samples: list[Sample]) -> float:
    return statistics.median(s.wall for s in samples)


def peak(samples: list[Sample]) -> float:
    """The largest peak RSS seen, in MiB."""
    return max(s.rss for s in samples) / 1024
