"""A far-off "as of" date gets a plain warning (not a refusal): long after the last logged
interaction, or long after today, the year is probably a slip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import write_log

from netcoach.widgets import score_my_network

TODAY = dt.date(2025, 10, 15)


def test_an_as_of_date_decades_after_the_last_interaction_is_questioned() -> None:
    view = score_my_network("graduate", today=TODAY)
    view.as_of.value = dt.date(2099, 9, 30)
    assert view.date_notice.kind == "warning"
    notice = view.date_notice.text
    assert notice.startswith("Your “Score as of” date, 2099-09-30, is 74 years after your last")
    assert notice.endswith("check the year.")
    assert view.report is not None  # a warning, not a refusal


def test_an_as_of_date_from_settings_toml_is_questioned_too(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", settings="as_of = 2099-09-30\n")
    view = score_my_network(None, folder=folder, today=TODAY)
    assert view.report is not None
    assert "75 years after your last logged interaction" in view.date_notice.text
    assert view.date_notice.text.startswith("The as_of date in settings.toml, 2099-09-30,")


def test_an_as_of_date_inside_the_look_back_window_is_not_questioned() -> None:
    view = score_my_network("graduate", today=TODAY)
    assert "check the year" not in view.date_notice.text


def test_an_as_of_date_far_after_today_with_no_interactions_is_questioned(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", interactions=None)
    view = score_my_network(None, folder=folder, today=TODAY)
    view.as_of.value = dt.date(2090, 1, 1)
    assert "64 years after today: check the year" in view.date_notice.text


def test_time_spans_read_in_whole_units() -> None:
    from netcoach.words import time_span

    assert [time_span(d) for d in (1, 59, 400, 730, 27573)] == [
        "1 day",
        "59 days",
        "13 months",
        "23 months",
        "75 years",
    ]
