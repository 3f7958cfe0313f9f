"""The trend reason says its months are calendar months, the current one only so far: as of
1 October, "the last 3 months" held one day of October, and three phone calls of 2 July
counted as "the 3 months before", which read as a fall from 100% to 0%."""

from __future__ import annotations

import pandas as pd

from netcoach.log import NetworkLog
from netcoach.scoring import score_log


def test_the_trend_reason_names_calendar_months_and_the_month_so_far() -> None:
    contacts = pd.DataFrame({"contact_id": ["a"], "name": ["Ann Able"], "tier": ["close"]})
    dates = ["2025-07-02"] * 3 + ["2025-08-10", "2025-10-01"]
    channels = ["phone"] * 3 + ["email", "email"]
    interactions = pd.DataFrame(
        {
            "date": dates,
            "contact_id": ["a"] * 5,
            "channel": channels,
            "kind": ["check_in"] * 5,
            "initiated_by": ["me"] * 5,
            "note": [""] * 5,
        }
    )
    log = NetworkLog.from_frames(contacts, interactions)
    reasons = [r.text for r in score_log(log, as_of="2025-10-01").channel_mix.reasons]
    [trend] = [r for r in reasons if "months before" in r]
    assert trend.startswith("In the last 3 calendar months (this one so far) 0% of your contact")
