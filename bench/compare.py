"""The built-in campaign's A4 leaflet made by campaignkit, by the floor (`floor_leaflet.py`: the same
page drawn straight onto a reportlab canvas) and by Typst (`leaflet.typ`, through its Python binding),
plus `campaignkit pack`; every figure is also given as a ratio to the floor.

Cold: whole processes, alternated (the order rotating each round), CPU time (user + system) medians,
peak RSS. Warm: one more leaflet in a process that has made one. Prints a table and writes
bench/results.json.

Run from the repository root with an ordinary (not editable) install:
    python3 -m venv /tmp/ck-bench && /tmp/ck-bench/bin/pip install '.[bench]'
    /tmp/ck-bench/bin/python bench/compare.py [--runs 15] [--warm 50]
Typst comes from the `bench` extra; when it is not installed its rows are left out.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import alternate, median_cpu, median_wall, peak

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
FONTS = str(ROOT / "assets" / "fonts")


def available(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


def commands(tmp: str, baseline: Path | None) -> tuple[dict[str, list[str]], dict[str, str]]:
    py = sys.executable
    cold = {
        "campaignkit leaflet": [str(BIN / "campaignkit"), "leaflet", "-o", f"{tmp}/ck.pdf", "--force"],
        "floor (canvas)": [py, str(HERE / "floor_leaflet.py"), f"{tmp}/floor.pdf"],
    }
    outputs = {"campaignkit leaflet": f"{tmp}/ck.pdf", "floor (canvas)": f"{tmp}/floor.pdf"}
    if baseline is not None:
        cold["baseline leaflet"] = [str(baseline / "bin" / "campaignkit"), "leaflet", "-o", f"{tmp}/base.pdf", "--force"]
        cold["baseline pack"] = [str(baseline / "bin" / "campaignkit"), "pack", "-o", f"{tmp}/basepack", "--force"]
        outputs["baseline leaflet"] = f"{tmp}/base.pdf"
    if available("typst"):
        code = (f"import typst; typst.compile({str(HERE / 'leaflet.typ')!r}, output={tmp + '/typst.pdf'!r}, "
                f"font_paths=[{FONTS!r}], ignore_system_fonts=True)")
        cold["Typst (python binding)"] = [py, "-c", code]
        outputs["Typst (python binding)"] = f"{tmp}/typst.pdf"
    cold["campaignkit pack -j 1"] = [str(BIN / "campaignkit"), "pack", "-o", f"{tmp}/pack1", "-j", "1", "--force"]
    cold["campaignkit pack -j 2"] = [str(BIN / "campaignkit"), "pack", "-o", f"{tmp}/pack2", "-j", "2", "--force"]
    return cold, outputs


WARM = """
import statistics, sys, time, warnings
warnings.simplefilter("ignore")
import campaignkit
from campaignkit.api import make_leaflet
campaign = campaignkit.load()
make_leaflet(campaign)
times = []
for _ in range(int(sys.argv[1])):
    start = time.process_time()
    make_leaflet(campaign)
    times.append(time.process_time() - start)
print(statistics.median(times))
"""


def warm(runs: int, baseline: Path | None) -> dict[str, float]:
    """Median seconds per leaflet, in-process, after a first leaflet."""
    results = {}
    if baseline is not None:
        out = subprocess.run([str(baseline / "bin" / "python"), "-c", WARM, str(runs)], capture_output=True,
                             text=True, check=True, cwd=tempfile.gettempdir()).stdout
        results["baseline leaflet"] = float(out)

    def measure(name, make):
        make()
        times = []
        for _ in range(runs):
            start = time.process_time()
            make()
            times.append(time.process_time() - start)
        results[name] = statistics.median(times)

    import campaignkit
    from campaignkit.api import make_leaflet

    campaign = campaignkit.load()
    measure("campaignkit leaflet", lambda: make_leaflet(campaign))
    sys.path.insert(0, str(HERE))
    import floor_leaflet

    measure("floor (canvas)", lambda: floor_leaflet.leaflet(io.BytesIO()))
    if available("typst"):
        import typst

        compiler = typst.Compiler(str(HERE / "leaflet.typ"), font_paths=[FONTS], ignore_system_fonts=True)
        measure("Typst (python binding)", compiler.compile)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warm", type=int, default=50)
    parser.add_argument("--baseline", type=Path, help="another virtual environment with campaignkit installed: "
                                                      "its leaflet and pack are measured alongside")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    try:
        cold, outputs = commands(tmp, args.baseline)
        samples = alternate(cold, args.runs, cwd=ROOT)
        sizes = {name: Path(path).stat().st_size for name, path in outputs.items()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    per_leaflet = warm(args.warm, args.baseline)
    floor_cold = median_cpu(samples["floor (canvas)"])
    floor_warm = per_leaflet["floor (canvas)"]
    rows = []
    for name in cold:
        cpu = median_cpu(samples[name])
        warm_s = per_leaflet.get(name)
        rows.append({
            "tool": name,
            "cold_cpu_ms": round(cpu * 1000, 1),
            "cold_wall_ms": round(median_wall(samples[name]) * 1000, 1),
            "cold_vs_floor": round(cpu / floor_cold, 2),
            "warm_ms": round(warm_s * 1000, 2) if warm_s is not None else None,
            "warm_vs_floor": round(warm_s / floor_warm, 2) if warm_s is not None else None,
            "peak_rss_mib": round(peak(samples[name]), 1),
            "pdf_kb": round(sizes[name] / 1024, 1) if name in sizes else None,
        })
    print(f"{'tool':24} {'cold CPU':>9} {'vs floor':>8} {'cold wall':>9} {'warm':>9} {'vs floor':>8} "
          f"{'peak RSS':>8} {'PDF':>8}")
    for r in rows:
        warm_text = f"{r['warm_ms']:.2f}ms" if r["warm_ms"] is not None else "-"
        warm_ratio = f"{r['warm_vs_floor']:.2f}x" if r["warm_vs_floor"] is not None else "-"
        pdf_text = f"{r['pdf_kb']:.1f}KB" if r["pdf_kb"] is not None else "-"
        print(f"{r['tool']:24} {r['cold_cpu_ms']:7.0f}ms {r['cold_vs_floor']:7.2f}x {r['cold_wall_ms']:7.0f}ms "
              f"{warm_text:>9} {warm_ratio:>8} {r['peak_rss_mib']:5.0f}MiB {pdf_text:>8}")
    result = {"runs": args.runs, "warm_runs": args.warm, "python": sys.version.split()[0],
              "measure": "CPU time (user + system) medians of alternated whole processes", "rows": rows}
    (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
