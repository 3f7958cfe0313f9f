"""A small Report built by hand, with known numbers, for the chart and HTML-report tests.

It follows the details tables of CONTRIBUTING.md, so these tests do not depend on how the
scores are computed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from netcoach.scoring.results import Reason, Report, ScoreResult
from netcoach.settings import Settings

AS_OF = dt.date(2025, 9, 30)
HOSTILE = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x")'
MONTHS = [f"2025-{m:02d}" for m in range(4, 10)]  # six months, April to September


def per_contact() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "contact_id": ["c1", "c2", "c3", "c4"],
            "name": ["Amara Ashwell", HOSTILE, FORMULA, "Bilal Brackley"],
            "gives": [4, 0, 1, 0],
            "asks": [1, 5, 2, 0],
            "received": [2, 1, 0, 0],
            "one_way": [False, True, False, False],
            "unreciprocated": [False, True, False, False],
        }
    )


def by_month() -> pd.DataFrame:
    rich = [1, 1, 2, 1, 4, 5]
    total = [10, 8, 9, 10, 9, 10]
    table = pd.DataFrame({"month": MONTHS})
    table["in_person"] = rich
    for channel in ("event", "video", "phone", "social", "text"):
        table[channel] = 0
    table["email"] = [t - r for t, r in zip(total, rich, strict=True)]
    table["total"] = total
    table["rich"] = rich
    table["rich_share"] = [r / t for r, t in zip(rich, total, strict=True)]
    return table


def leads() -> pd.DataFrame:
    date = pd.to_datetime(["2025-04-03", "2025-05-10", "2025-06-01", "2025-07-15", "2025-09-27"])
    return pd.DataFrame(
        {
            "row": [2, 5, 9, 14, 20],
            "date": date,
            "contact_id": ["c1", "c2", "c3", "c1", "c4"],
            "name": ["Amara Ashwell", HOSTILE, FORMULA, "Amara Ashwell", "Bilal Brackley"],
            "due": date + pd.Timedelta(days=7),
            "responded_on": pd.to_datetime(["2025-04-05", "2025-05-30", None, None, None]),
            "status": ["on_time", "late", "overdue", "overdue", "open"],
            "days_overdue": [0, 13, 114, 70, 0],
        }
    )


def thanks() -> pd.DataFrame:
    date = pd.to_datetime(["2025-04-03", "2025-06-20", "2025-08-02"])
    return pd.DataFrame(
        {
            "row": [2, 11, 17],
            "date": date,
            "contact_id": ["c1", "c2", "c3"],
            "name": ["Amara Ashwell", HOSTILE, FORMULA],
            "kind": ["received_lead", "received_help", "received_intro"],
            "due": date + pd.Timedelta(days=3),
            "thanked_on": pd.to_datetime(["2025-04-04", None, "2025-08-12"]),
            "status": ["on_time", "overdue", "late"],
            "days_overdue": [0, 99, 7],
        }
    )


def cadence() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "contact_id": ["c1", "c2", "c3", "c4"],
            "name": ["Amara Ashwell", HOSTILE, FORMULA, "Bilal Brackley"],
            "tier": ["inner", "close", "active", "close"],
            "cadence_days": [14, 30, 90, 30],
            "last_contact": pd.to_datetime(["2025-09-25", "2025-07-01", "2025-08-15", None]),
            "days_since": pd.array([5, 91, 46, pd.NA], dtype="Int64"),
            "days_overdue": [0, 61, 0, 0],
            "status": ["ok", "overdue", "ok", "never"],
        }
    )


def next_actions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": [1, 2, 3],
            "contact_id": ["c3", "c2", "c1"],
            "name": [FORMULA, HOSTILE, "Amara Ashwell"],
            "action": ["follow_up_lead", "send_thanks", "follow_up_lead"],
            "reason": [
                f"{FORMULA} gave you a lead on 1 June; it is 114 days overdue.",
                f"Thank {HOSTILE} for their help on 20 June.",
                "Amara Ashwell gave you a lead on 15 July; it is 70 days overdue.",
            ],
            "days_overdue": [114, 99, 70],
            "priority": [3.0, 2.5, 2.0],
            "rows": [(9,), (11,), (14,)],
        }
    )


def tiny_report() -> Report:
    """A report with hand-picked numbers (and hostile contact names)."""
    settings = Settings()
    reciprocity = ScoreResult(
        "reciprocity",
        48,
        {"gives": 5, "asks": 8},
        [Reason(f"You asked {HOSTILE} five times and never gave back.", (3, 4))],
        {"per_contact": per_contact()},
    )
    channel_mix = ScoreResult(
        "channel_mix",
        50,
        {"rich_share": 14 / 56},
        [Reason("A quarter of your contact was rich; the target is half.")],
        {"by_month": by_month()},
    )
    follow_up = ScoreResult(
        "follow_up",
        61,
        {"overdue_leads": 2},
        [Reason("Two job leads are overdue.", (9, 14))],
        {"leads": leads(), "thanks": thanks(), "cadence": cadence()},
    )
    overall = ScoreResult("overall", 53, {}, [Reason("The mean of the three scores.")], {})
    return Report(AS_OF, settings, reciprocity, channel_mix, follow_up, overall, next_actions())
