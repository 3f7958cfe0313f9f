"""Run every benchmark and print one table: ``python -m benchmarks [--quick]`` (or ``make bench``).

Parts (``--skip`` any of them):

* ``scale``: for each size (1k, 10k, 100k, 1M interactions), in a fresh process, loading
  and validation, full scoring, and the bare pandas floor; the ratio scoring/floor and peak
  memory (``benchmarks/scale.py``). Logs are generated once into ``benchmarks/.data/``.
* ``widget``: slider change to updated view at 10k interactions, p50/p95
  (``benchmarks/bench_widget_latency.py``, the score widget's own benchmark).
* ``import``: ``python -X importtime -c "import netcoach"``, best of 5 (and
  ``netcoach.scoring``, for information).
* ``book``: a clean and then a cached build of the whole book into ``--book-dir``.
* ``tests``: the time of ``pytest -m "not slow" -q`` (``--slow-tests``: also the slow part).

``--quick`` skips the 1M size and the book build. Wall times on a busy machine are
inflated, so every figure comes with its CPU time (this process only) and the load average.
Results are written as JSON to ``benchmarks/results/latest.json``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: benchmarks/run.py
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import CACHE_DIR, SIZES, ensure_log  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
PARTS = ("scale", "widget", "import", "book", "tests")
WIDGET_SCRIPT = ROOT / "benchmarks" / "bench_widget_latency.py"

GOALS = {
    "ratio": 3.0,  # scoring / floor at each size
    "score_1m_s": 2.0,
    "peak_1m_mb": 1024.0,
    "widget_p95_ms": 100.0,
    "import_s": 0.3,
}


# --- the machine ----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """CPU model, cores, memory and the versions that matter for the figures."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    versions = {"python": platform.python_version()}
    for name in ("pandas", "numpy", "pyarrow"):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:
            versions[name] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory_gb, **versions}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _python() -> str:
    return sys.executable


# --- the parts ------------------------------------------------------------------------------


def bench_scale(sizes: list[str], repeat: int, cache: Path) -> list[dict[str, Any]]:
    """Loading, scoring and the floor at each size, one fresh process per size."""
    rows = []
    for size in sizes:
        folder = ensure_log(size, cache)
        before = load_average()
        out = subprocess.run(
            [_python(), "-m", "benchmarks.scale", str(folder), "--repeat", str(repeat)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        row = {"size": size, **json.loads(out.stdout.strip().splitlines()[-1])}
        row["load_average_before"] = before
        rows.append(row)
        print(
            f"  {size}: load {row['load_s']:.3f} s, score {row['score_s']:.3f} s "
            f"(cpu {row['score_cpu_s']:.3f} s), floor {row['floor_s']:.3f} s, "
            f"peak {row['score_peak_mb']:.0f} MB; load average {row['load_average']}",
            flush=True,
        )
    return rows


def bench_widget(interactions: int, repeat: int) -> dict[str, Any] | None:
    """The score widget's latency benchmark (its own script), or None when it is absent."""
    if not WIDGET_SCRIPT.is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="netcoach-bench-") as tmp:
        path = Path(tmp) / "widget.json"
        done = subprocess.run(
            [
                _python(),
                str(WIDGET_SCRIPT),
                "--interactions",
                str(interactions),
                "--repeat",
                str(repeat),
                "--json",
                str(path),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return {"error": (done.stderr or done.stdout).strip().splitlines()[-5:]}
        return json.loads(path.read_text(encoding="utf-8"))


def import_time(module: str, repeat: int) -> dict[str, Any]:
    """Best cumulative ``-X importtime`` figure for ``module`` over fresh processes."""
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [_python(), "-X", "importtime", "-c", f"import {module}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        for line in out.stderr.splitlines():
            parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
            if len(parts) == 3 and parts[2] == module:
                times.append(int(parts[1]) / 1e6)
    if not times:
        raise RuntimeError(f"python -X importtime did not report {module}")
    return {"module": module, "best_s": min(times), "runs": len(times)}


def bench_import(repeat: int) -> dict[str, Any]:
    return {
        "netcoach": import_time("netcoach", repeat),
        "netcoach.scoring": import_time("netcoach.scoring", repeat),
        "load_average": load_average(),
    }


def _timed_run(cmd: list[str], log_path: Path) -> dict[str, Any]:
    """Run a command (output to ``log_path``); wall time, children's CPU time, exit code."""
    before = load_average()
    cpu0 = os.times()
    start = time.perf_counter()
    with log_path.open("w", encoding="utf-8") as log:
        result = subprocess.run(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False)
    wall = time.perf_counter() - start
    cpu1 = os.times()
    cpu = (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "returncode": result.returncode,
        "log": str(log_path),
        "load_average_before": before,
        "load_average_after": load_average(),
    }


def bench_book(book_dir: Path) -> dict[str, Any]:
    """A clean build (empty output folder, no notebook cache), then a cached one."""
    shutil.rmtree(book_dir, ignore_errors=True)
    cmd = [_python(), "-m", "netcoach.build_book", "--output", str(book_dir)]
    logs = book_dir.parent
    clean = _timed_run(cmd, logs / f"{book_dir.name}-clean.log")
    cached = _timed_run(cmd, logs / f"{book_dir.name}-cached.log")
    return {"clean": clean, "cached": cached, "output": str(book_dir)}


_PYTEST_SUMMARY = re.compile(r"^=*\s*(?P<counts>\d+ \w+.*) in (?P<secs>[\d.]+)s")


def bench_tests(slow: bool) -> dict[str, Any]:
    """Duration of the fast test suite (and of the slow part with ``slow``)."""
    runs = {}
    markers = {"not_slow": "not slow", **({"slow": "slow"} if slow else {})}
    logs = Path(tempfile.gettempdir())
    for key, marker in markers.items():
        cmd = [_python(), "-m", "pytest", "-m", marker, "-q", "-p", "no:cacheprovider"]
        run = _timed_run(cmd, logs / f"netcoach-bench-tests-{key}.log")
        lines = Path(run["log"]).read_text(encoding="utf-8", errors="replace").splitlines()
        summary = next((m for m in map(_PYTEST_SUMMARY.match, reversed(lines)) if m), None)
        run["summary"] = summary.group("counts") if summary else (lines[-1] if lines else "")
        run["pytest_s"] = float(summary.group("secs")) if summary else None
        runs[key] = run
    return runs


# --- the table ------------------------------------------------------------------------------


def _s(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "NO")


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal, the figure it is judged on and whether it is met."""
    rows = []
    for row in results.get("scale", []):
        rows.append(
            {
                "goal": f"scoring/floor <= {GOALS['ratio']:g} at {row['size']}",
                "figure": f"{row['ratio']:.1f} (cpu {row['ratio_cpu']:.1f})",
                "met": row["ratio"] <= GOALS["ratio"],
            }
        )
        if row["size"] == "1M":
            rows.append(
                {
                    "goal": f"1M scored in < {GOALS['score_1m_s']:g} s",
                    "figure": f"{row['score_s']:.2f} s (cpu {row['score_cpu_s']:.2f} s)",
                    "met": row["score_s"] < GOALS["score_1m_s"],
                }
            )
            rows.append(
                {
                    "goal": f"1M peak memory < {GOALS['peak_1m_mb']:g} MB",
                    "figure": f"{row['score_peak_mb']:.0f} MB",
                    "met": row["score_peak_mb"] < GOALS["peak_1m_mb"],
                }
            )
    widget = results.get("widget")
    if widget and "error" not in widget:
        step, paint = widget["slider_to_view_fresh"], widget.get("browser_chart_painted")
        total = step["p95_ms"] + (paint["p95_ms"] if paint else 0)
        rows.append(
            {
                "goal": f"widget p95 < {GOALS['widget_p95_ms']:g} ms at "
                f"{widget['interactions']} interactions: slider to updated view, chart included",
                "figure": f"kernel p95 {step['p95_ms']:.0f} ms"
                + (
                    f" + browser paint p95 {paint['p95_ms']:.0f} ms"
                    if paint
                    else " (browser paint not measured)"
                ),
                "met": total < GOALS["widget_p95_ms"],
            }
        )
    imports = results.get("import")
    if imports:
        best = imports["netcoach"]["best_s"]
        rows.append(
            {
                "goal": f"import netcoach < {GOALS['import_s']:g} s",
                "figure": f"{best:.3f} s",
                "met": best < GOALS["import_s"],
            }
        )
    return rows


def table(results: dict[str, Any]) -> str:
    """The results as plain-text (Markdown) tables."""
    m = results["machine"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}, "
        f"pandas {m['pandas']}, numpy {m['numpy']}, pyarrow {m['pyarrow']}",
        f"Load average (1, 5, 15 min): {results['load_average_start']} at the start, "
        f"{results['load_average_end']} at the end; {results['when']}",
        "",
    ]
    scale = results.get("scale")
    if scale:
        lines += [
            f"Loading: best of {scale[0]['repeat']}. Scoring and the floor: run in turn, best "
            "of as many runs as fit in about 3 s ("
            + ", ".join(f"{r['size']} {r.get('turns', r['repeat'])}" for r in scale)
            + "). Wall s (cpu s). Peak = process RSS.",
            "",
            "| size | interactions | contacts | load + validate | load peak MB | score_log "
            "| peak MB | floor | ratio (cpu) | load avg |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in scale:
            lines.append(
                f"| {r['size']} | {r['interactions']:,} | {r['contacts']:,} "
                f"| {_s(r['load_s'])} ({_s(r['load_cpu_s'])}) | {r['load_peak_mb']:.0f} "
                f"| {_s(r['score_s'])} ({_s(r['score_cpu_s'])}) | {r['score_peak_mb']:.0f} "
                f"| {_s(r['floor_s'])} ({_s(r['floor_cpu_s'])}) "
                f"| {r['ratio']:.1f} ({r['ratio_cpu']:.1f}) | {r['load_average'][0]:.1f} |"
            )
        lines.append("")
    other = []
    widget = results.get("widget")
    if widget and "error" in widget:
        other.append(("widget latency", f"failed: {' '.join(widget['error'])[-200:]}", None))
    elif widget:
        for key, label in (
            ("slider_to_scores_shown", "widget: slider to cards and tables"),
            ("slider_to_view_fresh", "widget: slider to updated view, chart included"),
            ("slider_to_view_fresh_cpu", "widget: same, CPU time"),
            ("browser_chart_painted", "widget: Chromium swaps in the new chart and paints it"),
            ("slider_to_view_cached", "widget: back to seen settings"),
            ("score_log_only", "widget: score_log alone"),
            ("one_chart_svg_only", "widget: the visible tab's SVG chart written alone"),
            ("one_chart_png_only", "the same chart drawn to PNG by matplotlib (book, report)"),
        ):
            s = widget.get(key)
            if s is None:
                other.append((label, "not measured (needs Chromium and Playwright)", None))
                continue
            other.append(
                (
                    f"{label} ({widget['interactions']:,} interactions, "
                    f"{widget['contacts']:,} contacts)",
                    f"p50 {s['p50_ms']:.0f} ms, p95 {s['p95_ms']:.0f} ms",
                    widget["load_average"][0],
                )
            )
    elif "widget" in results:
        other.append(("widget latency", f"not measured: {WIDGET_SCRIPT.name} is absent", None))
    imports = results.get("import")
    if imports:
        for mod in ("netcoach", "netcoach.scoring"):
            i = imports[mod]
            other.append(
                (
                    f"import {mod} (-X importtime, best of {i['runs']})",
                    f"{i['best_s']:.3f} s",
                    imports["load_average"][0],
                )
            )
    book = results.get("book")
    if book:
        for key in ("clean", "cached"):
            b = book[key]
            ok = "" if b["returncode"] == 0 else f", exit {b['returncode']}"
            other.append(
                (
                    f"book build, {key}",
                    f"{b['wall_s']:.0f} s (cpu {b['cpu_s']:.0f} s{ok})",
                    b["load_average_after"][0],
                )
            )
    for key, t in (results.get("tests") or {}).items():
        other.append(
            (
                f'pytest -m "{key.replace("_", " ")}"',
                f"{t['wall_s']:.0f} s (cpu {t['cpu_s']:.0f} s): {t['summary']}",
                t["load_average_after"][0],
            )
        )
    if other:
        lines += ["| measurement | figure | load avg |", "|---|---|---|"]
        lines += [f"| {a} | {b} | {'' if c is None else f'{c:.1f}'} |" for a, b, c in other]
        lines.append("")
    met = goals(results)
    if met:
        lines += ["| goal | figure | met |", "|---|---|---|"]
        lines += [f"| {g['goal']} | {g['figure']} | {_met(g['met'])} |" for g in met]
    return "\n".join(lines)


# --- the command ----------------------------------------------------------------------------


def save(results: dict[str, Any], path: Path) -> None:
    """Write the results so far (a long run that stops still leaves its figures)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def run(args: argparse.Namespace) -> dict[str, Any]:
    skip = set(args.skip)
    sizes = [s for s in args.sizes if not (args.quick and s == "1M")]
    if args.quick:
        skip.add("book")
    results: dict[str, Any] = {
        "machine": machine(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_start": load_average(),
        "options": {
            "sizes": sizes,
            "repeat": args.repeat,
            "quick": args.quick,
            "skip": sorted(skip),
        },
    }
    if "scale" not in skip:
        print(f"scale: {', '.join(sizes)}", flush=True)
        results["scale"] = bench_scale(sizes, args.repeat, args.cache)
        save(results, args.json)
    if "widget" not in skip:
        print("widget latency ...", flush=True)
        results["widget"] = bench_widget(args.widget_interactions, args.widget_repeat)
        save(results, args.json)
    if "import" not in skip:
        print("import time ...", flush=True)
        results["import"] = bench_import(args.import_repeat)
        save(results, args.json)
    if "tests" not in skip:
        print("test suite ...", flush=True)
        results["tests"] = bench_tests(args.slow_tests)
        save(results, args.json)
    if "book" not in skip:
        print("book build (clean, then cached) ...", flush=True)
        results["book"] = bench_book(args.book_dir)
    results["load_average_end"] = load_average()
    results["goals"] = goals(results)
    return results


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="skip the 1M size and the book build")
    p.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
    p.add_argument("--repeat", type=int, default=3, help="best of N for load/score/floor")
    p.add_argument("--skip", nargs="*", choices=PARTS, default=[], help="parts to leave out")
    p.add_argument("--widget-interactions", type=int, default=10_000)
    p.add_argument("--widget-repeat", type=int, default=40, help="slider steps")
    p.add_argument("--import-repeat", type=int, default=5)
    p.add_argument("--slow-tests", action="store_true", help="also time the slow tests")
    p.add_argument("--book-dir", type=Path, default=Path(tempfile.gettempdir()) / "bench-book")
    p.add_argument("--cache", type=Path, default=CACHE_DIR, help="where generated logs live")
    p.add_argument("--json", type=Path, default=RESULTS, help="where to write the results")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    results = run(args)
    results["table"] = table(results)
    print()
    print(results["table"])
    save(results, args.json)
    print(f"\nWritten to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
