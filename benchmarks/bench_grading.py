"""How long ``netcoach grade`` takes per exercise notebook.

    .venv/bin/python benchmarks/bench_grading.py [--jobs 2] [--json PATH]

Grades every committed solution notebook (``exercises/NN-name/solution.ipynb``) once, one
at a time, and then all of them with ``--jobs`` notebooks at a time. Reports each
notebook's wall time, and the CPU time of the whole run (Python, pytest, nbval and the
kernels), which is roughly what the wall time would be on an idle machine: the shared
development machine is often busy. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    from netcoach.grading.authoring import EXERCISES_DIR, master_paths
    from netcoach.grading.grader import grade_paths

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    paths = [EXERCISES_DIR / p.stem / "solution.ipynb" for p in master_paths()]
    per_notebook = {}
    cpu_start, wall_start = child_cpu(), time.perf_counter()
    for path in paths:
        sub = grade_paths([path], jobs=1)[0]
        assert sub.status == "passed", (path, sub.status, sub.notes)
        per_notebook[path.parent.name] = round(sub.seconds, 2)
    serial_wall = time.perf_counter() - wall_start
    serial_cpu = child_cpu() - cpu_start

    wall_start = time.perf_counter()
    grade_paths(paths, jobs=args.jobs)
    parallel_wall = time.perf_counter() - wall_start

    result = {
        "notebooks": len(paths),
        "per_notebook_s": per_notebook,
        "median_notebook_s": round(statistics.median(per_notebook.values()), 2),
        "serial_wall_s": round(serial_wall, 1),
        "serial_cpu_s": round(serial_cpu, 1),
        "cpu_per_notebook_s": round(serial_cpu / len(paths), 2),
        f"parallel_wall_s_jobs_{args.jobs}": round(parallel_wall, 1),
        "load_average": os.getloadavg()[0],
        "python": platform.python_version(),
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
