"""Leaflet speed: cold (whole process) against the hand-written reportlab script, and warm per leaflet.

Run from the repository root with the project's virtual environment:
    .venv/bin/python bench/bench_leaflet.py [--runs 7]
Cold runs alternate between the two commands; medians are reported with their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def cold(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warm", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours = [str(BIN / "campaignkit"), "leaflet", "-o", f"{tmp}/ours.pdf"]
        floor = [sys.executable, str(HERE / "handwritten_leaflet.py"), f"{tmp}/floor.pdf"]
        cold(ours), cold(floor)  # warm the file cache
        times: dict[str, list[float]] = {"campaignkit leaflet": [], "hand-written reportlab": []}
        for _ in range(args.runs):
            times["campaignkit leaflet"].append(cold(ours))
            times["hand-written reportlab"].append(cold(floor))
        sizes = {"campaignkit leaflet": Path(f"{tmp}/ours.pdf").stat().st_size,
                 "hand-written reportlab": Path(f"{tmp}/floor.pdf").stat().st_size}

    import campaignkit
    from campaignkit.leaflet import make_leaflet

    campaign = campaignkit.load()
    make_leaflet(campaign)
    warm = []
    for _ in range(args.warm):
        start = time.perf_counter()
        make_leaflet(campaign)
        warm.append(time.perf_counter() - start)

    base = statistics.median(times["hand-written reportlab"])
    print(f"{'what':28} {'median':>9} {'ratio':>6} {'PDF':>8}")
    for name, values in times.items():
        m = statistics.median(values)
        print(f"{name + ' (cold)':28} {m * 1000:7.0f}ms {m / base:6.2f} {sizes[name] / 1024:6.1f}KB")
    print(f"{'campaignkit leaflet (warm)':28} {statistics.median(warm) * 1000:7.1f}ms   per leaflet, in-process")


if __name__ == "__main__":
    main()
