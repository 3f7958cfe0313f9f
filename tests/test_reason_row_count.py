"""A reason that keeps only its first rows still tells the true number of rows behind it."""

from __future__ import annotations

import pandas as pd
from scoring_helpers import AS_OF, contact, event, make_log

from netcoach.report_text import rows_text
from netcoach.scoring import score_log
from netcoach.scoring.results import Reason

GIVES = 30
CALLS = 40


def _busy_log():
    """Ann: 30 gives by email and 40 asks by phone, one a day up to ``AS_OF``."""
    days = pd.date_range(end=AS_OF, periods=GIVES + CALLS).strftime("%Y-%m-%d")
    gives = [event(d, "ann", "shared") for d in days[:GIVES]]
    asks = [event(d, "ann", "asked_advice", "phone") for d in days[GIVES:]]
    return make_log([contact("ann")], gives + asks)


def test_rows_text_counts_the_rows_not_kept() -> None:
    reason = Reason("x", tuple(range(2, 22)), row_count=500)
    assert rows_text(reason) == "rows 2, 3, 4, 5, 6, 7, 8, 9 and 492 more of interactions.csv"


def test_reason_without_a_count_counts_its_rows() -> None:
    assert Reason("x", (4, 5, 6)).total_rows == 3
    assert Reason("x", (4, 5, 6), row_count=90).total_rows == 90


def test_reciprocity_balance_reason_tells_all_gives_and_asks() -> None:
    balance = score_log(_busy_log(), AS_OF).reciprocity.reasons[0]
    assert len(balance.rows) == 20
    assert balance.total_rows == GIVES + CALLS
    assert rows_text(balance).endswith(f"and {GIVES + CALLS - 8} more of interactions.csv")


def test_channel_mix_rich_reason_tells_all_rich_rows() -> None:
    rich = score_log(_busy_log(), AS_OF).channel_mix.reasons[0]
    assert len(rich.rows) == 20
    assert rich.total_rows == CALLS
    assert rows_text(rich).endswith(f"and {CALLS - 8} more of interactions.csv")
