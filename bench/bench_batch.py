"""Batch speed: 1,000 local pickets, leaflets only, with --jobs 1 and --jobs 2 (whole process).

Reports wall time, leaflets per second and peak memory (RSS, largest process) for each.
Run from the repository root:  .venv/bin/python bench/bench_batch.py [--rows 1000]
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CITIES = ["London", "Москва", "Алматы", "Қарағанды", "Berlin", "Өскемен", "Paris", "Жаңаөзен"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "pickets.csv"
        with open(events, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["city", "place", "date", "time", "contact", "lang"])
            for i in range(args.rows):
                writer.writerow([CITIES[i % len(CITIES)], f"Square no. {i}", f"2026-03-{1 + i % 28:02d}",
                                 f"{10 + i % 9}:30", f"group{i}@example.org", ["", "ru", "kk"][i % 3]])
        for jobs in (1, 2):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            subprocess.run([str(BIN / "campaignkit"), "batch", "--events", str(events), "-o", f"{tmp}/out{jobs}",
                            "--jobs", str(jobs)], check=True, capture_output=True)
            elapsed = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(f"--jobs {jobs}: {args.rows} leaflets in {elapsed:.2f} s = {args.rows / elapsed:.0f} leaflets/s "
                  f"({elapsed / args.rows * 1000:.1f} ms each); peak RSS {max(peak, before) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
