"""Exercises 1 and 2: either month of a tie is the busiest, and a ratio rounded to one
decimal passes."""

from __future__ import annotations

import pytest

from netcoach.grading import checks
from netcoach.grading import exercise_checks as ex


def test_either_month_of_a_tie_is_the_busiest(capsys: pytest.CaptureFixture) -> None:
    ex.busiest_month(3, "2024-10")
    ex.busiest_month(3, "2024-12")
    assert capsys.readouterr().out.count("✓") == 2
    with pytest.raises(checks.CheckFailed):
        ex.busiest_month(3, "2025-04")


def test_a_ratio_rounded_to_one_decimal_passes(capsys: pytest.CaptureFixture) -> None:
    ex.asks_per_give(2, round(79 / 4, 1))
    assert "✓" in capsys.readouterr().out
    with pytest.raises(checks.CheckFailed):
        ex.asks_per_give(2, 19.6)
