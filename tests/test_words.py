"""Plain-English wording in plain Python (:mod:`netcoach.words`), and the widgets that write
sentences without loading pandas."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from netcoach.words import long_date, names_text, percent, plural, times, verb, whole


@pytest.mark.parametrize(
    ("shown", "total", "expected"),
    [
        ([], None, ""),
        (["Ann"], None, "Ann"),
        (["Ann", "Bo"], None, "Ann and Bo"),
        (["Ann", "Bo", "Cy"], None, "Ann, Bo and Cy"),
        (["Ann", "Bo", "Cy"], 7, "Ann, Bo, Cy and 4 others"),
        (["Ann", "Bo", "Cy"], 4, "Ann, Bo, Cy and 1 other"),
        (["Ann", "Bo", "Cy", "Di"], None, "Ann, Bo, Cy and 1 other"),
    ],
)
def test_names_text(shown, total, expected) -> None:
    assert names_text(shown, total) == expected


def test_counts_and_dates() -> None:
    assert [plural(1, "lead"), plural(2, "lead"), plural(2, "reply", "replies")] == [
        "1 lead",
        "2 leads",
        "2 replies",
    ]
    assert [times(1), times(2), times(5)] == ["once", "twice", "5 times"]
    assert [verb(1, "was", "were"), verb(0, "was", "were")] == ["was", "were"]
    assert percent(0.237) == "24%"
    assert long_date(dt.date(2025, 9, 3)) == "3 September 2025"


def test_the_quick_check_answers_without_loading_pandas() -> None:
    """Its sentences come from netcoach.words: the first answer does not wait for pandas."""
    code = (
        "import sys\n"
        "from netcoach.widgets.quick_check import QuickCheck\n"
        "check = QuickCheck()\n"
        "for toggle in list(check.questions.values())[:3]:\n"
        "    toggle.value = toggle.options[0]\n"
        "print('pandas' in sys.modules, 'work on first' in check.summary.value)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(62.5, 63), (12.5, 13), (0.5, 1), (2.5, 3), (62.49, 62), (99.5, 100), (100 * (1 - 0.375), 63)],
)
def test_whole_numbers_round_halves_up_as_on_paper(value, expected) -> None:
    # Python's round(62.5) is 62; a learner checking a score with a pencil writes 63.
    assert whole(value) == expected


def test_percent_rounds_a_half_up() -> None:
    assert (percent(0.125), percent(0.625), percent(0.237)) == ("13%", "63%", "24%")
