"""Every corpus campaign and the built-in one in, how much work each leaflet takes out: how many stories
are composed, measured and laid out by platypus (built) for A4, A5, Letter and two-up, and the CPU time
of one leaflet made in a process that has made it once before.

    python bench/leaflet_builds.py
"""

from __future__ import annotations

import collections
import time
import warnings
from pathlib import Path

import campaignkit.materials.leaflet as leaflet
from campaignkit import load, make_leaflet

ROOT = Path(__file__).resolve().parent.parent
CASES = (("A4", False), ("A5", False), ("letter", False), ("A4", True))


def counted(counts: collections.Counter, name: str, function):
    def call(*args, **kwargs):
        counts[name] += 1
        return function(*args, **kwargs)

    return call


def main() -> None:
    warnings.simplefilter("ignore")
    counts: collections.Counter = collections.Counter()
    leaflet._compose = counted(counts, "composed", leaflet._compose)
    leaflet._measure = counted(counts, "measured", leaflet._measure)
    leaflet._Layout.build = counted(counts, "built", leaflet._Layout.build)
    totals: collections.Counter = collections.Counter()
    refs = ["kazakhstan-2022", *sorted(str(p) for p in (ROOT / "tests" / "corpus").glob("*.toml"))]
    print(f"{'campaign':30} {'paper':8} pages composed measured built   ms")
    for ref in refs:
        campaign = load(ref)
        for paper, two_up in CASES:
            make_leaflet(campaign, paper=paper, two_up=two_up)
            counts.clear()
            start = time.process_time()
            made = make_leaflet(campaign, paper=paper, two_up=two_up)
            spent = time.process_time() - start
            totals.update(counts)
            print(f"{Path(ref).stem:30} {paper + (' 2up' if two_up else ''):8} {made.pages:5} {counts['composed']:8} "
                  f"{counts['measured']:8} {counts['built']:5} {1000 * spent:4.0f}")
    print(f"{'total':30} {'':8} {'':5} {totals['composed']:8} {totals['measured']:8} {totals['built']:5}")


if __name__ == "__main__":
    main()
