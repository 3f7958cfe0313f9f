"""Interactions dated after the 'as of' date are counted and named, in plain words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import write_log

from netcoach.future_dates import future_rows
from netcoach.loading import load_log
from netcoach.scoring import score_log

CONTACTS = "contact_id,name\nc1,Amara Ashwell\n"


def _log(tmp_path: Path, dates: list[str]):
    rows = "".join(f"{d},c1,email,check_in\n" for d in dates)
    return load_log(write_log(tmp_path / "log", CONTACTS, "date,contact_id,channel,kind\n" + rows))


def test_rows_after_as_of_are_counted_and_named(tmp_path: Path) -> None:
    log = _log(tmp_path, ["2025-09-01", "2025-10-02", "2025-09-30", "2026-09-01", "2025-10-01"])
    later = future_rows(log, dt.date(2025, 9, 30))
    assert (later.count, later.rows) == (3, (3, 5, 6))
    assert later.text() == (
        "3 interactions are dated after 30 September 2025, your 'as of' date, so they are not "
        "counted yet (rows 3, 5 and 6 of interactions.csv)."
    )
    # The scores do leave them out: that is why the learner is told.
    kept = score_log(log, as_of="2025-09-30").channel_mix.details["by_channel"]["count"].sum()
    assert kept == 2


def test_one_row_and_none(tmp_path: Path) -> None:
    log = _log(tmp_path, ["2025-09-01", "2025-09-02"])
    one = future_rows(log, "2025-09-01")
    assert one.text() == (
        "1 interaction is dated after 1 September 2025, your 'as of' date, so it is not "
        "counted yet (row 3 of interactions.csv)."
    )
    none = future_rows(log, dt.date(2025, 9, 2))
    assert not none and none.count == 0 and none.text() == ""


def test_many_rows_show_the_first_few_and_the_total(tmp_path: Path) -> None:
    log = _log(tmp_path, ["2025-01-01"] + [f"2025-12-{d:02d}" for d in range(1, 21)])
    later = future_rows(log, "2025-06-30")
    assert later.count == 20
    assert later.text().endswith("(rows 3, 4, 5, 6, 7, 8, 9, 10 and 12 more of interactions.csv).")
    assert "20 interactions are dated after 30 June 2025" in later.text()
