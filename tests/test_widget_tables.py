"""The HTML tables of the "Score my network" widget: escaping, and the overdue list."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest

from netcoach.loading import load_log
from netcoach.samples import sample_path
from netcoach.scoring import Report, score_log
from netcoach.widgets.common import esc, html_table
from netcoach.widgets.score_view import (
    NO_OVERDUE_TEXT,
    OVERDUE_SHOWN,
    ScoreMyNetwork,
    overdue_table_html,
)

ALL = 10**6
"""A ``top`` no list reaches."""


def body_rows(table_html: str) -> list[list[str]]:
    """The cells of each body row, as the page shows them (unescaped)."""
    import html

    body = table_html.split("<tbody>", 1)[1]
    return [
        [html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


@pytest.fixture(scope="module")
def report() -> Report:
    """The graduate sample with a one-day lead window: leads and thanks are overdue."""
    log = load_log(sample_path("graduate"))
    settings = dataclasses.replace(log.folder_settings.scoring, lead_follow_up_days=1)
    return score_log(log, settings=settings)


def test_html_table_escapes_every_cell_heading_and_caption() -> None:
    frame = pd.DataFrame({"a": ['<b>"Jo" & Al</b>', None], "b": [3, 4], "c": [(2, 5), ()]})
    assert frame["a"].isna()[1]  # a missing text is NaN in a pandas text column
    table = html_table(frame, [("a", "A <i>"), ("c", "Rows"), ("b", "B")], caption="<x>")
    assert "<b>" not in table and "<i>" not in table and "<x>" not in table
    assert "&lt;b&gt;&quot;Jo&quot; &amp; Al&lt;/b&gt;" in table
    assert "A &lt;i&gt;" in table and "&lt;x&gt;" in table
    # Columns in the order asked for; a missing value shows as an empty cell, not "nan".
    assert body_rows(table) == [['<b>"Jo" & Al</b>', "(2, 5)", "3"], ["", "()", "4"]]


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NaT, pd.NA])
def test_a_missing_value_shows_as_nothing(missing: object) -> None:
    assert esc(missing) == ""


def test_values_show_as_python_writes_them() -> None:
    assert [esc(v) for v in (0, 0.5, "nan", dt.date(2025, 9, 3), "O'Neil")] == [
        "0",
        "0.5",
        "nan",
        "2025-09-03",
        "O&#x27;Neil",
    ]


def test_html_table_of_nothing_says_so() -> None:
    assert html_table(pd.DataFrame({"a": []}), [("a", "A")], empty="<none>") == (
        "<p>&lt;none&gt;</p>"
    )


def expected_overdue(report: Report) -> list[list[str]]:
    """Every overdue lead and thanks, most overdue first, then by row, leads first on a tie."""
    rows = []
    for key, what in (("leads", "Follow up a lead"), ("thanks", "Say thank you")):
        table = report.follow_up.details[key]
        for item in table[table["status"] == "overdue"].itertuples():
            rows.append(
                (-item.days_overdue, item.row, key != "leads", what, item.name, item.date, item.due)
            )
    return [
        [what, name, f"{day:%d %b %Y}", f"{due:%d %b %Y}", str(-minus_days), str(row)]
        for minus_days, row, _, what, name, day, due in sorted(rows)
    ]


def test_overdue_list_holds_every_overdue_lead_and_thanks_most_overdue_first(
    report: Report,
) -> None:
    expected = expected_overdue(report)
    assert {row[0] for row in expected} == {"Follow up a lead", "Say thank you"}
    assert len(expected) <= OVERDUE_SHOWN  # so the widget's own list is complete here
    shown = overdue_table_html(report)
    assert body_rows(shown) == expected
    assert "most overdue of" not in shown


def test_a_long_overdue_list_shows_the_most_overdue_and_says_how_many_in_all(
    report: Report,
) -> None:
    expected = expected_overdue(report)
    shown = overdue_table_html(report, top=3)
    assert body_rows(shown) == expected[:3]
    assert f"the 3 most overdue of {len(expected)};" in shown
    assert body_rows(overdue_table_html(report, top=ALL)) == expected


def test_nothing_overdue_says_so() -> None:
    log = load_log(sample_path("graduate"))
    first_day = log.interactions["date"].min().date()
    quiet = score_log(log, as_of=first_day - dt.timedelta(days=1))
    assert overdue_table_html(quiet) == f"<p>{NO_OVERDUE_TEXT}</p>"


def test_the_widget_shows_the_overdue_list_of_its_report() -> None:
    view = ScoreMyNetwork(sample="graduate")
    view.lead_days.value = 1
    assert view.overdue.value == overdue_table_html(view.report)
    assert body_rows(view.overdue.value)
