"""Loading and scoring at one size, in a fresh process (so peak memory is this size's alone).

    .venv/bin/python -m benchmarks.scale FOLDER [--repeat 3]

Prints one JSON object: best-of-``repeat`` wall and CPU times of (a) ``load_log`` (reading
and validating both CSV files), (b) ``score_log`` (all three scores, reasons and next
actions) and (c) the floor: a bare pandas group-by aggregate over the same columns
(``groupby(["contact_id", "kind"]).size()``, a ``channel`` value count and the last
``date`` per contact). (b) and (c) run in turn, so both see the machine alike, as many
times as fit in about three seconds (``turns``: about 200 at 1k, 5 at 1M). Peak
resident memory of the process is read after the loads and again after one scoring
(``ru_maxrss``: it includes Python, pandas and the loaded log).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(step: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best wall and best CPU time (seconds) over ``repeat`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        result = None  # let the previous result go before the next run
        wall, cpu = time.perf_counter(), time.process_time()
        result = step()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus), result


def best_of_in_turn(
    steps: dict[str, Callable[[], Any]], repeat: int
) -> dict[str, tuple[float, float, Any]]:
    """:func:`best_of` for several steps run in turn (a, b, a, b, ...): a machine that
    slows down or speeds up for some seconds affects each step alike, so their ratio holds."""
    walls: dict[str, list[float]] = {name: [] for name in steps}
    cpus: dict[str, list[float]] = {name: [] for name in steps}
    results: dict[str, Any] = dict.fromkeys(steps)
    for _ in range(repeat):
        for name, step in steps.items():
            results[name] = None  # let the previous result go before the next run
            wall, cpu = time.perf_counter(), time.process_time()
            results[name] = step()
            cpus[name].append(time.process_time() - cpu)
            walls[name].append(time.perf_counter() - wall)
    return {name: (min(walls[name]), min(cpus[name]), results[name]) for name in steps}


IN_TURN_SECONDS = 3.0
"""Scoring and the floor run in turn for about this long: a best of three is still noisy
for a log that scores in a few milliseconds on a shared machine."""


def turns_for(seconds_per_turn: float, repeat: int, most: int = 500) -> int:
    """How many times to run scoring and the floor in turn: as many as fit in
    :data:`IN_TURN_SECONDS`, at least ``repeat`` and at most ``most``."""
    return max(repeat, min(most, int(IN_TURN_SECONDS / max(seconds_per_turn, 1e-9))))


def floor_aggregate(interactions: Any) -> tuple[Any, Any, Any]:
    """The floor: what any scorer has to do at least, in bare pandas."""
    per_kind = interactions.groupby(["contact_id", "kind"]).size()
    channels = interactions["channel"].value_counts()
    last = interactions.groupby("contact_id")["date"].max()
    return per_kind, channels, last


def measure(folder: Path, repeat: int = 3) -> dict[str, Any]:
    """Time and peak memory of loading, scoring and the floor for the log in ``folder``."""
    import os

    import pandas as pd

    from netcoach.loading import load_log
    from netcoach.scoring import score_log

    base = peak_mb()
    load_s, load_cpu, log = best_of(lambda: load_log(folder), repeat)
    load_peak = peak_mb()
    start = time.perf_counter()
    score_log(log)  # once first, so the peak is scoring's however the two run in turn
    score_peak = peak_mb()
    floor_aggregate(log.interactions)
    turns = turns_for(time.perf_counter() - start, repeat)
    timed = best_of_in_turn(
        {"score": lambda: score_log(log), "floor": lambda: floor_aggregate(log.interactions)},
        turns,
    )
    (score_s, score_cpu, report), (floor_s, floor_cpu, _) = timed["score"], timed["floor"]
    return {
        "interactions": len(log.interactions),
        "contacts": len(log.contacts),
        "next_actions": len(report.next_actions),
        "repeat": repeat,
        "turns": turns,
        "load_s": load_s,
        "load_cpu_s": load_cpu,
        "score_s": score_s,
        "score_cpu_s": score_cpu,
        "floor_s": floor_s,
        "floor_cpu_s": floor_cpu,
        "ratio": score_s / floor_s,
        "ratio_cpu": score_cpu / floor_cpu if floor_cpu else None,
        "base_peak_mb": base,
        "load_peak_mb": load_peak,
        "score_peak_mb": score_peak,
        "pandas": pd.__version__,
        "load_average": list(os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    json.dump(measure(args.folder, args.repeat), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
