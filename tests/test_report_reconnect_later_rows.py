"""A contact whose only rows are dated after the as-of date: 'nothing is logged up to ...',
not 'no contact is logged yet' (next_actions._reconnect_actions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
from helpers import CONTACTS_HEADER, INTERACTIONS_HEADER, write_log

from netcoach.loading import load_log
from netcoach.scoring import next_actions
from netcoach.scoring.follow_up import follow_up_tables
from netcoach.scoring.window import prepare

AS_OF = dt.date(2025, 3, 31)


def _reasons(tmp_path: Path, **later: object) -> dict[str, str]:
    """Each reconnect action's reason by contact id, scored on AS_OF."""
    folder = write_log(
        tmp_path / "log",
        CONTACTS_HEADER + "c1,Ann Example,,,,close,,,,,\nc2,Bo Example,,,,close,,,,,\n",
        INTERACTIONS_HEADER + "2025-05-02,c1,email,check_in,me,\n",
    )
    log = load_log(folder)
    data = prepare(log, AS_OF, log.folder_settings.scoring)
    part = next_actions._reconnect_actions(follow_up_tables(data)["cadence"], **later)
    return dict(zip(part["contact_id"].to_pylist(), part["reason"].to_pylist(), strict=True))


def test_a_contact_with_only_later_rows_has_nothing_logged_up_to_the_date(tmp_path) -> None:
    reasons = _reasons(tmp_path, later_ids=pa.array(["c1"]), as_of=AS_OF)
    assert reasons["c1"] == (
        "Reconnect with Ann Example: nothing is logged up to 31 Mar 2025 (later rows are not "
        "counted yet) and you planned every 30 days."
    )
    assert reasons["c2"] == (
        "Reconnect with Bo Example: no contact is logged yet and you planned every 30 days."
    )


def test_without_later_rows_the_wording_is_as_before(tmp_path) -> None:
    reasons = _reasons(tmp_path)
    assert reasons["c1"].startswith("Reconnect with Ann Example: no contact is logged yet and")


def test_score_log_says_so_for_a_contact_with_only_later_rows(tmp_path) -> None:
    from netcoach.scoring import Scorer, score_log

    folder = write_log(
        tmp_path / "log",
        CONTACTS_HEADER + "c1,Ann Example,,,,close,,,,,\nc2,Bo Example,,,,close,,,,,\n",
        INTERACTIONS_HEADER + "2025-05-02,c1,email,check_in,me,\n",
    )
    log = load_log(folder)
    for report in (score_log(log, AS_OF), Scorer(log).score(AS_OF)):
        actions = report.next_actions
        reasons = dict(zip(actions["contact_id"], actions["reason"], strict=True))
        assert (
            "nothing is logged up to 31 Mar 2025 (later rows are not counted yet)"
            in (reasons["c1"])
        )
        assert "no contact is logged yet" in reasons["c2"]
    later = score_log(log, dt.date(2025, 5, 2)).next_actions
    assert "c1" not in set(later["contact_id"])  # in touch that day: nothing to reconnect
