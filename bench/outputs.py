"""Every campaign (tests/corpus/*.toml and the built-in one) in, the sha256 of every material the
`campaignkit` command makes from it out: one line per file, to compare before and after a change
that must not alter a byte of what is printed.

    python bench/outputs.py > /tmp/before.txt     # ... change ...
    python bench/outputs.py > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt

Runs the installed `campaignkit` beside the Python that runs it, two commands at a time, with a fixed
--today and SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-03-01"
EPOCH = "1772323200"  # 2026-03-01
BUILTIN = "kazakhstan-2022"

LEAFLETS = {
    "leaflet-a4": ["leaflet", "--paper", "A4"],
    "leaflet-a5": ["leaflet", "--paper", "A5"],
    "leaflet-letter": ["leaflet", "--paper", "letter"],
    "leaflet-two-up": ["leaflet", "--two-up"],
    "leaflet-letter-two-up": ["leaflet", "--two-up", "--paper", "letter"],
    "leaflet-press-bleed": ["leaflet", "--press", "--bleed", "3mm"],
    "leaflet-a5-grayscale": ["leaflet", "--paper", "A5", "--grayscale"],
}
OTHERS = {
    "factsheet": ["factsheet"],
    "signup": ["signup"],
    "placard": ["placard"],
    "placard-tiled": ["placard", "--size", "A2", "--tile", "A4"],
}


def languages(python: str, campaign: str) -> list[str]:
    code = ("import sys, campaignkit; from campaignkit.loader import load; "
            "print(' '.join(load(sys.argv[1]).languages()))")
    return subprocess.run([python, "-c", code, campaign], check=True, capture_output=True, text=True,
                          cwd=ROOT).stdout.split()


def jobs(python: str) -> list[tuple[str, list[str], str]]:
    """(name, arguments, output) for every material of every campaign."""
    made = []
    campaigns = [BUILTIN, *sorted(str(p) for p in (ROOT / "tests" / "corpus").glob("*.toml"))]
    for campaign in campaigns:
        short = Path(campaign).stem
        for lang in languages(python, campaign):
            for name, args in LEAFLETS.items():
                made.append((f"{short} {lang} {name}", [*args, campaign, "--lang", lang], "pdf"))
        for name, args in OTHERS.items():
            made.append((f"{short} {name}", [*args, campaign], "pdf"))
        made.append((f"{short} cards", ["social", campaign], "dir"))
        made.append((f"{short} pack", ["pack", campaign], "dir"))
    return made


def digest(path: Path) -> list[tuple[str, str]]:
    if path.is_dir():
        return [(str(p.relative_to(path)), hashlib.sha256(p.read_bytes()).hexdigest())
                for p in sorted(path.rglob("*")) if p.is_file()]
    return [("", hashlib.sha256(path.read_bytes()).hexdigest())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    python = sys.executable
    command = str(Path(python).parent / "campaignkit")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    with tempfile.TemporaryDirectory() as tmp:
        def run(index_job):
            index, (name, args, kind) = index_job
            out = Path(tmp) / f"{index}.{kind}"
            extra = [] if args[0] in ("placard", "social") else ["--today", TODAY]
            done = subprocess.run([command, *args, *extra, "-o", str(out), "-q"], env=env, capture_output=True,
                                  text=True, cwd=tmp)
            if done.returncode:
                return [f"{name}\tFAILED {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"]
            return [f"{name}{' ' + file if file else ''}\t{sha}" for file, sha in digest(out)]

        with ThreadPoolExecutor(options.jobs) as pool:
            for lines in pool.map(run, enumerate(jobs(python))):
                print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()
