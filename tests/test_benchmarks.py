"""Smoke test of the benchmark harness on the smallest size: it runs and fills the table.

No timing is asserted here (speed is measured in ``benchmarks/``, never in tests).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/ is not installed

from benchmarks import run
from benchmarks.generate import SIZES, ensure_log, folder_for

SCALE_FIELDS = {
    "size",
    "interactions",
    "contacts",
    "load_s",
    "load_cpu_s",
    "load_peak_mb",
    "score_s",
    "score_cpu_s",
    "score_peak_mb",
    "floor_s",
    "floor_cpu_s",
    "ratio",
    "ratio_cpu",
    "load_average",
}


def test_generated_log_is_cached_and_has_the_requested_size(tmp_path):
    folder = ensure_log("1k", tmp_path)
    assert folder == folder_for("1k", tmp_path)
    stamp = (folder / "interactions.csv").stat().st_mtime_ns
    assert ensure_log("1k", tmp_path) == folder
    assert (folder / "interactions.csv").stat().st_mtime_ns == stamp  # not written again
    lines = (folder / "interactions.csv").read_text(encoding="utf-8").splitlines()
    contacts = (folder / "contacts.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) - 1 == SIZES["1k"][0]
    assert len(contacts) - 1 == SIZES["1k"][1]
    assert lines[0] == "date,contact_id,channel,kind,initiated_by,note"


def test_harness_quick_run_on_1k_fills_the_table(tmp_path, capsys):
    out = tmp_path / "latest.json"
    argv = ["--quick", "--sizes", "1k", "--repeat", "1", "--import-repeat", "1"]
    argv += ["--skip", "widget", "tests", "--cache", str(tmp_path), "--json", str(out)]
    assert run.main(argv) == 0
    results = json.loads(out.read_text(encoding="utf-8"))

    (row,) = results["scale"]
    assert row.keys() >= SCALE_FIELDS
    assert row["size"] == "1k" and row["interactions"] == SIZES["1k"][0]
    assert row["contacts"] == SIZES["1k"][1]
    assert row["score_peak_mb"] >= row["load_peak_mb"] > 0
    assert row["ratio"] == row["score_s"] / row["floor_s"]
    assert results["import"]["netcoach"]["best_s"] > 0
    assert {"cpu", "cores", "memory_gb", "python", "pandas"} <= results["machine"].keys()
    assert "book" not in results and "1M" not in results["options"]["sizes"]  # --quick
    goals = {g["goal"] for g in results["goals"]}
    assert "scoring/floor <= 3 at 1k" in goals and "import netcoach < 0.3 s" in goals

    printed = capsys.readouterr().out
    assert "| 1k | 1,000 | 500 |" in printed
    assert "import netcoach (-X importtime" in printed
    assert results["table"] in printed


@pytest.mark.slow  # needs Chromium, which `make test` installs
def test_widget_benchmark_runs_on_a_small_log_and_times_the_browser_too(tmp_path, capsys):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import bench_widget_latency

    out = tmp_path / "widget.json"
    argv = ["--interactions", "300", "--contacts", "40", "--repeat", "3", "--json", str(out)]
    assert bench_widget_latency.main(argv) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["visible_tab"] == "Follow-up"
    assert result["slider_to_view_fresh"]["n"] == 6  # two sliders, three steps
    assert result["one_chart_svg_only"]["p50_ms"] > 0
    # make test installs Chromium and Playwright, so the browser's part is measured.
    assert result["browser_chart_painted"]["n"] == 3
    assert result["browser_chart_laid_out"]["p95_ms"] <= result["browser_chart_painted"]["p95_ms"]
    assert "browser_chart_painted" in capsys.readouterr().out


def test_scoring_and_floor_are_timed_in_turn_and_the_best_of_each_is_kept(monkeypatch):
    from benchmarks import scale

    calls: list[str] = []
    clock = iter([0.0, 5.0, 10.0, 11.0, 20.0, 22.0, 30.0, 34.0])  # a 5, b 1, a 2, b 4
    monkeypatch.setattr(scale.time, "perf_counter", lambda: next(clock))
    monkeypatch.setattr(scale.time, "process_time", lambda: 0.0)
    steps = {"a": lambda: calls.append("a") or "A", "b": lambda: calls.append("b") or "B"}
    timed = scale.best_of_in_turn(steps, repeat=2)
    assert calls == ["a", "b", "a", "b"]
    assert timed == {"a": (2.0, 0.0, "A"), "b": (1.0, 0.0, "B")}


def test_a_quick_log_is_scored_in_turn_more_often_than_a_slow_one():
    from benchmarks.scale import IN_TURN_SECONDS, turns_for

    assert turns_for(0.01, repeat=3) == int(IN_TURN_SECONDS / 0.01)
    assert turns_for(0.0001, repeat=3) == 500  # at most
    assert turns_for(2.0, repeat=3) == 3  # at least repeat
