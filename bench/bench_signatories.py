"""Long signatory lists: `campaignkit leaflet` and `campaignkit signatories` for a statement whose
signatories come from a CSV of 5,000 and of 50,000 names (with organisations and countries), as whole
processes, alternated; CPU medians, the 50k/5k ratio (10 when time grows linearly), peak RSS, pages.

Run from the repository root with an ordinary (not editable) install:
    /tmp/ck-bench/bin/python bench/bench_signatories.py [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from timing import alternate, median_cpu, median_wall, peak

BIN = Path(sys.executable).parent
SIZES = (5_000, 50_000)
ORGS = ["Unite", "CGT", "", "ver.di", "RMT", "", "Sindicato de Trabajadores", ""]
COUNTRIES = ["United Kingdom", "France", "", "Germany", "Brazil"]
CAMPAIGN = """id = "open-letter"
title = "Open letter: reinstate the dockworkers"

[[statements]]
id = "letter"
by = "Dockworkers' solidarity committee"
demands = ["Reinstate every dismissed docker.", "Recognise the union."]
signatories_file = "signers-{count}.csv"
"""


def write(folder: Path, count: int) -> Path:
    with open(folder / f"signers-{count}.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "organisation", "country"])
        for n in range(count):
            writer.writerow([f"Signer {n:05d} Okonkwo-Østergård", ORGS[n % len(ORGS)], COUNTRIES[n % len(COUNTRIES)]])
    path = folder / f"letter-{count}.toml"
    path.write_text(CAMPAIGN.format(count=count), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        commands = {}
        for count in SIZES:
            campaign = str(write(folder, count))
            for material in ("leaflet", "signatories"):
                commands[f"{material} {count:,}"] = [str(BIN / "campaignkit"), material, campaign, "-o",
                                                     f"{tmp}/{material}-{count}.pdf", "--force"]
        samples = alternate(commands, args.runs)
        from pypdf import PdfReader

        pages = {name: len(PdfReader(command[-2]).pages) for name, command in commands.items()}
    print(f"{'what':22} {'CPU':>8} {'wall':>8} {'peak RSS':>9} {'pages':>6}")
    for name in commands:
        print(f"{name:22} {median_cpu(samples[name]):7.2f}s {median_wall(samples[name]):7.2f}s "
              f"{peak(samples[name]):6.0f}MiB {pages[name]:6}")
    for material in ("leaflet", "signatories"):
        small, large = (median_cpu(samples[f"{material} {count:,}"]) for count in SIZES)
        print(f"{material}: 50k/5k CPU ratio {large / small:.1f}")


if __name__ == "__main__":
    main()
