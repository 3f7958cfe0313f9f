"""Build tiny, already-normalised network logs for hand-worked scoring tests.

These bypass the CSV loader on purpose: scoring tests should fail only when scoring is
wrong. ``tests/test_validation.py`` covers the loader.
"""

from __future__ import annotations

import pandas as pd

from netcoach.log import NetworkLog
from netcoach.schema import CONTACT_COLUMNS, DEFAULT_INITIATOR

AS_OF = pd.Timestamp("2025-09-30")


def contact(contact_id: str, name: str | None = None, tier: str = "outer", cadence=None) -> dict:
    """One contacts.csv row with sensible blanks."""
    row = {c: "" for c in CONTACT_COLUMNS}
    row.update(contact_id=contact_id, name=name or contact_id.title(), tier=tier)
    row["cadence_days"] = cadence
    return row


def event(date: str, contact_id: str, kind: str, channel: str = "email") -> dict:
    """One interactions.csv row."""
    return {"date": date, "contact_id": contact_id, "channel": channel, "kind": kind, "note": ""}


def make_log(contacts: list[dict], interactions: list[dict]) -> NetworkLog:
    """A NetworkLog from plain rows, with the loader's dtypes and row numbers."""
    c = pd.DataFrame(contacts, columns=list(CONTACT_COLUMNS))
    c["cadence_days"] = pd.array(c["cadence_days"].tolist(), dtype="Int64")
    c["row"] = range(2, len(c) + 2)
    i = pd.DataFrame(interactions, columns=["date", "contact_id", "channel", "kind", "note"])
    i["date"] = pd.to_datetime(i["date"]).astype("M8[ns]")
    i["initiated_by"] = i["kind"].map(DEFAULT_INITIATOR)
    i = i[["date", "contact_id", "channel", "kind", "initiated_by", "note"]]
    i["row"] = range(2, len(i) + 2)
    return NetworkLog(contacts=c, interactions=i)
