"""Shared preparation for the scorers: the "as of" date, the look-back window, names.

Every scorer sees the same :class:`ScoringInput`, built once per ``score_log`` call:
interactions after ``as_of`` are ignored (they have not happened yet on that date) and
``window`` holds only the last ``settings.lookback_days`` days up to and including
``as_of``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from netcoach.log import NetworkLog
from netcoach.settings import Settings


@dataclass(frozen=True)
class ScoringInput:
    """The tables and dates every scorer works from."""

    as_of: pd.Timestamp
    window_start: pd.Timestamp
    settings: Settings
    contacts: pd.DataFrame
    """contact_id, name, tier, cadence_days (one row per contact)."""
    history: pd.DataFrame
    """Every interaction up to ``as_of``: date, contact_id, channel, kind, row, name."""
    window: pd.DataFrame
    """The part of ``history`` inside the look-back window."""

    @property
    def window_key(self) -> tuple[pd.Timestamp, int]:
        """What the window depends on: the "as of" date and the look-back (for memos)."""
        return (self.as_of, self.settings.lookback_days)


def to_timestamp(value: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    """Midnight of a date given as a date, an ISO string or a timestamp."""
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def lookup(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``keys.map(table)`` (NaN for a missing key), looking up each distinct key only once.

    ``table`` has a unique index. Same result as ``Series.map``, but mapping a million Arrow
    strings through an index costs about 0.6 s, factorising them first about a sixth of that.
    """
    found = positions(keys, table.index)
    return pd.Series(table.array.take(found, allow_fill=True), index=keys.index)


def isin_keys(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """``values.isin(keys)`` as a boolean array, for many keys (such as contact ids).

    pandas checks Arrow strings against a list of keys one Python object per key (about
    0.2 s for 20k keys); here each distinct value is looked up once in an index of the keys.
    Values and keys never hold NaN (contact ids are required).
    """
    return positions(values, pd.Index(keys).unique()) >= 0


def positions(values: pd.Series, keys: pd.Index | list[str]) -> np.ndarray:
    """The position of each value in ``keys`` (unique), -1 where it is not there (or NaN);
    each distinct value is looked up once."""
    codes, uniques = pd.factorize(values)
    found = pd.Index(keys).get_indexer(uniques)
    return np.append(found, -1)[codes]


def prepare(
    log: NetworkLog, as_of: dt.date | str | pd.Timestamp, settings: Settings
) -> ScoringInput:
    """Cut the log to what was known on ``as_of`` and attach contact names."""
    as_of_ts = to_timestamp(as_of)
    window_start = as_of_ts - pd.Timedelta(days=settings.lookback_days - 1)
    contacts = log.contacts[["contact_id", "name", "tier", "cadence_days"]].reset_index(drop=True)
    ix = log.interactions
    if "row" not in ix.columns:
        ix = ix.assign(row=range(2, len(ix) + 2))
    history = ix.loc[
        ix["date"] <= as_of_ts, ["date", "contact_id", "channel", "kind", "row"]
    ].reset_index(drop=True)
    names = contacts.set_index("contact_id")["name"]
    history["name"] = lookup(history["contact_id"], names).fillna(history["contact_id"])
    window = history.loc[history["date"] >= window_start].reset_index(drop=True)
    return ScoringInput(as_of_ts, window_start, settings, contacts, history, window)
