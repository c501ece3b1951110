"""Pack speed: `campaignkit pack` for the built-in campaign with `--jobs 1` and `--jobs 2`, whole processes,
alternated: CPU (the process and its workers) and wall medians, and the peak RSS of the largest process.

Run from the repository root with an ordinary (not editable) install:
    /tmp/ck-bench/bin/python bench/bench_pack.py [--runs 9]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from timing import alternate, median_cpu, median_wall, peak

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        commands = {f"pack --jobs {jobs}": [str(BIN / "campaignkit"), "pack", "-o", f"{tmp}/pack{jobs}", "--force",
                                            "--jobs", str(jobs)] for jobs in (1, 2)}
        samples = alternate(commands, args.runs)
        files = sum(1 for p in Path(f"{tmp}/pack1").rglob("*") if p.is_file())
    for name, runs in samples.items():
        print(f"campaignkit {name} (cold, {files} files): CPU {median_cpu(runs) * 1000:.0f} ms, "
              f"wall {median_wall(runs) * 1000:.0f} ms, peak RSS {peak(runs):.0f} MiB ({args.runs} runs)")


if __name__ == "__main__":
    main()
