"""Side-by-side benchmark on the built-in campaign: campaignkit against a hand-written reportlab
script (the floor of our stack), Typst and WeasyPrint, plus `campaignkit pack`.

Cold runs are whole processes, alternated between the tools, reported as medians with their ratio
to the hand-written script and the peak memory (RSS) of each process; warm runs make leaflets
in-process after a first one. Prints one table and writes it to bench/results.json.

Run from the repository root:
    python3 -m venv .venv && .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/compare.py [--runs 9] [--warm 50]
Typst and WeasyPrint come from the `bench` extra; a tool that is not installed is skipped.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
FONTS = str(ROOT / "assets" / "fonts")


def run(command: list[str]) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def available(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


def cold_commands(tmp: str) -> dict[str, tuple[list[str], str]]:
    py = sys.executable
    commands = {
        "campaignkit leaflet": ([str(BIN / "campaignkit"), "leaflet", "-o", f"{tmp}/ck.pdf"], f"{tmp}/ck.pdf"),
        "hand-written reportlab": ([py, str(HERE / "handwritten_leaflet.py"), f"{tmp}/rl.pdf"], f"{tmp}/rl.pdf"),
    }
    if available("typst"):
        code = (f"import typst; typst.compile({str(HERE / 'leaflet.typ')!r}, output={tmp + '/typst.pdf'!r}, "
                f"font_paths=[{FONTS!r}], ignore_system_fonts=True)")
        commands["Typst"] = ([py, "-c", code], f"{tmp}/typst.pdf")
    if available("weasyprint"):
        code = f"import weasyprint; weasyprint.HTML({str(HERE / 'leaflet.html')!r}).write_pdf({tmp + '/weasy.pdf'!r})"
        commands["WeasyPrint"] = ([py, "-c", code], f"{tmp}/weasy.pdf")
    commands["campaignkit pack"] = ([str(BIN / "campaignkit"), "pack", "-o", f"{tmp}/pack"], "")
    return commands


def warm(runs: int) -> dict[str, float]:
    """Median seconds per leaflet, in-process, after a first leaflet."""
    results = {}

    def measure(name, make, count=runs):
        make()
        times = []
        for _ in range(count):
            start = time.perf_counter()
            make()
            times.append(time.perf_counter() - start)
        results[name] = statistics.median(times)

    import campaignkit
    from campaignkit.leaflet import make_leaflet

    campaign = campaignkit.load()
    measure("campaignkit leaflet", lambda: make_leaflet(campaign))
    sys.path.insert(0, str(HERE))
    import handwritten_leaflet

    measure("hand-written reportlab", lambda: handwritten_leaflet.leaflet(io.BytesIO()))
    if available("typst"):
        import typst

        compiler = typst.Compiler(str(HERE / "leaflet.typ"), font_paths=[FONTS], ignore_system_fonts=True)
        measure("Typst", compiler.compile)
    if available("weasyprint"):
        import weasyprint

        measure("WeasyPrint", lambda: weasyprint.HTML(str(HERE / "leaflet.html")).write_pdf(), count=max(3, runs // 10))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--warm", type=int, default=50)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    try:
        commands = cold_commands(tmp)
        for command, _ in commands.values():
            run(command)  # warm the file cache and campaignkit's own cache
            if "pack" in command:
                shutil.rmtree(f"{tmp}/pack", ignore_errors=True)
        times = {name: [] for name in commands}
        peaks = dict.fromkeys(commands, 0)
        for _ in range(args.runs):
            for name, (command, _) in commands.items():
                elapsed, peak = run(command)
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
        sizes = {name: Path(out).stat().st_size for name, (_, out) in commands.items() if out}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_leaflet = warm(args.warm)
    floor = statistics.median(times["hand-written reportlab"])
    rows = []
    for name in commands:
        cold = statistics.median(times[name])
        rows.append({
            "tool": name,
            "cold_ms": round(cold * 1000, 1),
            "cold_ratio": round(cold / floor, 2),
            "warm_ms": round(per_leaflet[name] * 1000, 2) if name in per_leaflet else None,
            "peak_rss_mib": round(peaks[name] / 1024, 1),
            "pdf_kb": round(sizes[name] / 1024, 1) if name in sizes else None,
        })
    print(f"{'tool':24} {'cold':>9} {'vs floor':>9} {'warm/leaflet':>13} {'peak RSS':>9} {'PDF':>8}")
    for r in rows:
        warm_text = f"{r['warm_ms']:.2f} ms" if r["warm_ms"] is not None else "-"
        pdf_text = f"{r['pdf_kb']:.1f} KB" if r["pdf_kb"] is not None else "-"
        print(f"{r['tool']:24} {r['cold_ms']:7.0f}ms {r['cold_ratio']:8.2f}x {warm_text:>13} "
              f"{r['peak_rss_mib']:6.0f}MiB {pdf_text:>8}")
    result = {"runs": args.runs, "warm_runs": args.warm, "python": sys.version.split()[0], "rows": rows}
    (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
