"""Batch speed: 1,000 local pickets, leaflets only, with --jobs 1 and --jobs 2 (whole processes).

Reports CPU (the process and its workers) and wall time, leaflets per second of wall time and the peak
RSS of the largest process, for each.
Run from the repository root:  /tmp/ck-bench/bin/python bench/bench_batch.py [--rows 1000] [--runs 1]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from pathlib import Path

from timing import alternate, median_cpu, median_wall, peak

BIN = Path(sys.executable).parent
CITIES = ["London", "Москва", "Алматы", "Қарағанды", "Berlin", "Өскемен", "Paris", "Жаңаөзен"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        events = Path(tmp) / "pickets.csv"
        with open(events, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["city", "place", "date", "time", "contact", "lang"])
            for i in range(args.rows):
                writer.writerow([CITIES[i % len(CITIES)], f"Square no. {i}", f"2026-03-{1 + i % 28:02d}",
                                 f"{10 + i % 9}:30", f"group{i}@example.org", ["", "ru", "kk"][i % 3]])
        commands = {f"--jobs {jobs}": [str(BIN / "campaignkit"), "batch", "--events", str(events), "-o",
                                       f"{tmp}/out{jobs}", "--jobs", str(jobs), "--today", "2026-02-01"]
                    for jobs in (1, 2)}
        samples = alternate(commands, args.runs, warm=False,
                            before=lambda name: shutil.rmtree(f"{tmp}/out{name[-1]}", ignore_errors=True))
    for name, runs in samples.items():
        wall = median_wall(runs)
        print(f"{name}: {args.rows} leaflets, CPU {median_cpu(runs):.2f} s, wall {wall:.2f} s = "
              f"{args.rows / wall:.0f} leaflets/s ({wall / args.rows * 1000:.1f} ms each); peak RSS {peak(runs):.0f} MiB")


if __name__ == "__main__":
    main()
