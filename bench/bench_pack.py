"""Pack speed: `campaignkit pack` for the built-in campaign, cold (whole process), median of N runs,
with the peak memory (RSS) of the process.

Run from the repository root with the project's virtual environment:
    .venv/bin/python bench/bench_pack.py [--runs 7]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(BIN / "campaignkit"), "pack", "-o", f"{tmp}/pack"]
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
            peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
        files = sum(1 for p in Path(f"{tmp}/pack").rglob("*") if p.is_file())
    print(f"campaignkit pack (cold): median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {args.runs} runs; "
          f"peak RSS {max(peaks) / 1024:.0f} MiB; {files} files")


if __name__ == "__main__":
    main()
