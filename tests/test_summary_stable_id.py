"""One log, one learner: every summary of a log folder has the same default id, and the
cohort view counts only the newest month, so one learner never counts as several."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from netcoach.cli import main
from netcoach.cohort import cohort_view, load_cohort, skipped_text
from netcoach.samples import SAMPLE_NAMES, sample_path

MONTH_ENDS = ("2025-08-31", "2025-09-30")
ID_FILE = ".netcoach-id"
ID_RE = re.compile(r"^learner-[a-z2-9]{6}$")


def _copy_sample(name: str, tmp_path: Path) -> Path:
    """A learner's own copy of a sample log (the course's sample folders stay as they are)."""
    return Path(shutil.copytree(sample_path(name), tmp_path / f"log-{name}"))


def _summarise(folder: Path, out: Path, as_of: str, *extra: str) -> None:
    assert main(["summary", str(folder), "--as-of", as_of, "--out", f"{out}/", *extra]) == 0


def _nicknames(out: Path) -> set[str]:
    return {json.loads(p.read_text())["nickname"] for p in out.glob("*.json")}


def test_every_summary_of_one_log_folder_has_the_same_random_id(tmp_path):
    log = _copy_sample("graduate", tmp_path)
    for as_of in ("2025-07-31", *MONTH_ENDS):
        _summarise(log, tmp_path / "out", as_of)
    [nickname] = _nicknames(tmp_path / "out")
    assert ID_RE.match(nickname)
    kept = log / ID_FILE
    assert kept.read_text().strip() == nickname
    if os.name != "nt":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_the_course_samples_have_a_fixed_id_and_are_not_written_to(tmp_path):
    before = sorted(p.name for p in sample_path("graduate").iterdir())
    _summarise(sample_path("graduate"), tmp_path / "out", MONTH_ENDS[1])
    assert _nicknames(tmp_path / "out") == {"sample-graduate"}
    assert sorted(p.name for p in sample_path("graduate").iterdir()) == before


def test_a_refused_summary_keeps_no_id(tmp_path):
    log = _copy_sample("graduate", tmp_path)
    assert main(["summary", str(log), "--as-of", "2020-01-31", "--out", "-"]) != 0
    assert not (log / ID_FILE).exists()


def test_three_learners_over_two_months_are_three_learners(tmp_path, capsys):
    """The reviewer's case: three logs summarised at the end of August and of September
    showed '6 learners shared a summary'; it is three, too few to show anything."""
    out = tmp_path / "three"
    for name in SAMPLE_NAMES:
        log = _copy_sample(name, tmp_path)
        for as_of in MONTH_ENDS:
            _summarise(log, out, as_of)
    view = cohort_view(load_cohort(out))
    assert view.suppressed and view.size == 3
    assert len(view.problems) == 3
    assert all(p.reason.startswith("an older summary (2025-08)") for p in view.problems)


def test_twelve_months_of_one_learner_are_one_learner(tmp_path):
    log = _copy_sample("graduate", tmp_path)
    ends = ["2024-10-31", "2024-11-30", "2024-12-31", "2025-01-31", "2025-02-28", "2025-03-31"]
    ends += ["2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31", *MONTH_ENDS]
    for as_of in ends:
        _summarise(log, tmp_path / "out", as_of)
    assert load_cohort(tmp_path / "out").size == 1


def test_monthly_summaries_under_fresh_ids_count_once(tmp_path, capsys):
    """Even made with a new nickname each month, only the newest month counts."""
    out = tmp_path / "out"
    log = _copy_sample("experienced", tmp_path)
    for i, as_of in enumerate(MONTH_ENDS):
        _summarise(log, out, as_of, "--nickname", f"moth {i}")
    view = cohort_view(load_cohort(out))
    assert view.size == 1 and view.problems == []
    [left_out] = view.left_out
    assert left_out.file == "moth-0-summary-2025-08.json"
    assert left_out.reason.startswith(
        "made for 2025-08, not the month most summaries here were made for (2025-09)"
    )
    assert "Left out 1 summary file(s) made for another month:" in skipped_text(view)


def test_the_widget_shares_under_the_folder_id_too(tmp_path, capsys):
    from netcoach.widgets.score_view import score_my_network

    log = _copy_sample("career-changer", tmp_path)
    _summarise(log, tmp_path / "cli", MONTH_ENDS[1])
    widget = score_my_network(folder=log, output_folder=tmp_path / "widget")
    path = widget.export_summary()
    assert widget.export_message.kind == "success", widget.export_message.text
    assert json.loads(path.read_text())["nickname"] == (log / ID_FILE).read_text().strip()
    assert _nicknames(tmp_path / "cli") == _nicknames(tmp_path / "widget")


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="read-only needs POSIX, no root")
def test_a_read_only_log_folder_gets_a_warning_not_a_failure(tmp_path, capsys):
    log = _copy_sample("graduate", tmp_path)
    log.chmod(0o555)
    try:
        _summarise(log, tmp_path / "out", MONTH_ENDS[1])
    finally:
        log.chmod(0o755)
    err = capsys.readouterr().err
    assert "the random id could not be saved in" in err and "--nickname" in err
    assert not (log / ID_FILE).exists()


def test_the_title_names_only_the_month_counted(tmp_path):
    """'12 learners shared a summary (2024-10 to 2025-09)': the first month came from one
    learner. Only the newest month counts, and the title names it alone."""
    from helpers import graduate_summary, write_summaries

    from netcoach.cohort_samples import perturbed_summaries

    summaries = perturbed_summaries(graduate_summary(), 7, seed=11)
    summaries[0] = dict(summaries[0], as_of_month="2024-10")
    view = cohort_view(load_cohort(write_summaries(tmp_path / "c", summaries)))
    assert view.message == "6 learners shared a summary (2025-09)."
    assert [p.file for p in view.left_out] == ["learner-00000.json"]
