"""Pack speed: `campaignkit pack` for the built-in campaign with `--jobs 1` and `--jobs 2`, whole processes,
alternated: CPU (the process and its workers) and wall medians, and the peak RSS of the largest process.
With `--baseline VENV` the same commands of another install are alternated with these, and every file of
its packs is checked to be byte-identical to this install's.

Run from the repository root with an ordinary (not editable) install:
    /tmp/ck-bench/bin/python bench/bench_pack.py [--runs 9] [--jobs 1] [--baseline /tmp/ck-old]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from timing import alternate, median_cpu, median_wall, peak

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="the --jobs values to measure")
    parser.add_argument("--baseline", type=Path, help="another virtual environment with campaignkit installed")
    args = parser.parse_args()
    installs = {"": BIN} | ({"baseline ": args.baseline / "bin"} if args.baseline else {})
    env = os.environ | {"SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1772323200")}
    with tempfile.TemporaryDirectory() as tmp:
        commands = {f"{who}pack --jobs {jobs}": [str(bin_ / "campaignkit"), "pack", "-o", f"{tmp}/{who.strip()}pack{jobs}",
                                                  "--force", "--jobs", str(jobs)]
                    for who, bin_ in installs.items() for jobs in args.jobs}
        samples = alternate(commands, args.runs, env=env)
        packs = [_contents(Path(command[3])) for command in commands.values()]
        files = len(packs[0])
        names = list(commands)
        different = [f"{name}: {sorted(k for k in pack.keys() | packs[0].keys() if pack.get(k) != packs[0].get(k))}"
                     for name, pack in zip(names[1:], packs[1:]) if pack != packs[0]]
    for name, runs in samples.items():
        print(f"campaignkit {name} (cold, {files} files): CPU {median_cpu(runs) * 1000:.0f} ms, "
              f"wall {median_wall(runs) * 1000:.0f} ms, peak RSS {peak(runs):.0f} MiB ({args.runs} runs)")
    print(f"load average {os.getloadavg()[0]:.1f}; " + (
        "every pack byte-identical" if not different else "DIFFERENT FILES in " + "; ".join(different)))


def _contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


if __name__ == "__main__":
    main()
