"""Exercise checks 5 and 8: keys left in the index by groupby count as columns, and the
chart must show the rich share (not something else)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from netcoach.grading import answers, checks
from netcoach.grading import exercise_checks as ex


def test_groupby_max_with_keys_in_the_index_passes(capsys: pytest.CaptureFixture) -> None:
    table = answers.action_list(ex.sample_log())[["contact_id", "action", "days_overdue"]]
    ex.overdue_actions(1, table.groupby(["contact_id", "action"]).max())
    ranked = table.set_index(["contact_id", "action"])
    ex.weekly_list(2, ranked.head(10))
    assert capsys.readouterr().out.count("✓") == 2


def _chart(series) -> object:
    ax = series.plot()
    ax.set_title("Rich share")
    ax.set_xlabel("Month")
    ax.set_ylabel("Share (0 to 1)")
    return ax


def test_a_chart_of_the_rich_share_passes(capsys: pytest.CaptureFixture) -> None:
    ex.labelled_chart(3, _chart(answers.monthly_rich_share(ex.sample_log())))
    plt.close("all")
    assert "✓" in capsys.readouterr().out


def test_a_chart_of_something_else_fails() -> None:
    counts = answers.monthly_counts(ex.sample_log())
    with pytest.raises(checks.CheckFailed, match="rich_by_month"):
        ex.labelled_chart(3, _chart(counts))
    plt.close("all")


def test_the_hint_for_a_missing_axes_names_rich_by_month() -> None:
    with pytest.raises(checks.CheckFailed, match=r"ax = rich_by_month\.plot"):
        ex.labelled_chart(3, None)
