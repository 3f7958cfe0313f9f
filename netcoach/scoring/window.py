"""Shared preparation for the scorers: the "as of" date, the look-back window, names.

Every scorer sees the same :class:`ScoringInput`, built once per ``score_log`` call:
interactions after ``as_of`` are ignored (they have not happened yet on that date) and
``window`` holds only the last ``settings.lookback_days`` days up to and including
``as_of``.

Contact ids, kinds and channels are also coded as integers here, once: grouping, merging,
sorting or testing membership on Arrow strings costs about 0.1 s per million rows each
time, on integer codes a few milliseconds. ``history`` and ``window`` are plain numpy
columns (:data:`Rows`): each read of a DataFrame column costs some microseconds, and the
scorers read a hundred or so per call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netcoach.log import NetworkLog
from netcoach.schema import CHANNELS, KINDS
from netcoach.scoring.wording import take_texts
from netcoach.settings import Settings

CONTACT_CODE = "contact_code"
"""Column of ``history``, ``window`` and ``contacts``: the contact's position in
:attr:`ScoringInput.contact_ids` (-1 for a contact with no interaction up to ``as_of``)."""
KIND_CODE = "kind_code"
"""Column of ``history`` and ``window``: the kind's position in ``schema.KINDS``."""
CHANNEL_CODE = "channel_code"
"""Column of ``window``: the channel's position in ``schema.CHANNELS``."""


Rows = dict[str, np.ndarray]
"""A table as numpy columns of one length, by name."""


@dataclass(frozen=True)
class ScoringInput:
    """The tables and dates every scorer works from."""

    as_of: pd.Timestamp
    window_start: pd.Timestamp
    settings: Settings
    contacts: dict[str, pd.api.extensions.ExtensionArray | np.ndarray]
    """contact_id, name, tier, cadence_days (the log's arrays) and contact_code (numpy),
    one row per contact."""
    history: Rows
    """Every interaction up to ``as_of``: date, row, contact_code, kind_code (names:
    :meth:`names_for`)."""
    window: Rows
    """The part of ``history`` inside the look-back window, plus channel_code."""
    contact_ids: pd.Index
    """The distinct contact ids in ``history``, sorted: ``contact_code`` indexes this."""
    contact_names: pd.api.extensions.ExtensionArray
    """The name of each id in ``contact_ids`` (the id itself if it is not in contacts)."""
    kinds: pd.api.extensions.ExtensionArray
    """``schema.KINDS`` as text of the log's ``kind`` type (``kind_code`` indexes it)."""

    _found: dict[tuple[str, str | tuple[str, ...]], np.ndarray] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Positions found by :meth:`rows_of_kinds`, kept for the next scorer that asks."""

    def rows_of_kinds(self, table: str, kinds: str | tuple[str, ...]) -> np.ndarray:
        """Positions of the rows of ``history`` or ``window`` (``table``) with these kinds;
        several scorers ask for the same ones, so each is found once."""
        key = (table, kinds)
        if key not in self._found:
            self._found[key] = np.flatnonzero(kind_mask(getattr(self, table), kinds))
        return self._found[key]

    def names_for(self, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
        """The names of the contacts with these codes (as ``contact_names``' text array)."""
        return take_texts(self.contact_names, codes)

    @property
    def window_key(self) -> tuple[pd.Timestamp, int]:
        """What the window depends on: the "as of" date and the look-back (for memos)."""
        return (self.as_of, self.settings.lookback_days)


def frame(columns: Mapping[str, Any]) -> pd.DataFrame:
    """``pd.DataFrame(columns)`` for a dict of columns of one length (arrays or lists),
    built by pandas' own ``DataFrame._from_arrays``: every column is still checked and
    converted as the dict path does, but the column labels and row index are made once,
    not inferred (about half the ~100 us a small table costs; scoring builds eight). When
    every column is already what those checks would give (:func:`_ready`), they are
    skipped."""
    arrays = list(columns.values())
    if not arrays or not hasattr(pd.DataFrame, "_from_arrays"):  # a pandas without it
        return pd.DataFrame(columns)
    try:
        return pd.DataFrame._from_arrays(
            arrays,
            columns=_labels(tuple(columns)).copy(),  # its own copy: a name set on it stays
            index=pd.RangeIndex(len(arrays[0])),
            verify_integrity=not all(map(_ready, arrays)),
        )
    except TypeError:  # a pandas whose private constructor takes other arguments
        return pd.DataFrame(columns)


def _ready(column: Any) -> bool:
    """Whether pandas' checks would hand ``column`` on as it is: a 1-D numpy array of
    numbers, booleans or dates, or an extension array (not a list, not text or objects,
    which pandas converts). A table whose columns are all ready skips the checks."""
    if isinstance(column, np.ndarray):
        return column.ndim == 1 and column.dtype.kind not in "OUSV"
    return isinstance(column, pd.api.extensions.ExtensionArray) and not isinstance(
        column, pd.arrays.NumpyExtensionArray
    )


@lru_cache(maxsize=64)
def _labels(names: tuple[str, ...]) -> pd.Index:
    """Column labels as ``pd.DataFrame`` makes them from a dict's keys (made once a set)."""
    return pd.DataFrame({name: [] for name in names}).columns


def to_timestamp(value: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    """Midnight of a date given as a date, an ISO string or a timestamp."""
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def positions(
    values: pd.Series | pd.Index | pd.api.extensions.ExtensionArray,
    keys: pd.Index | pd.api.extensions.ExtensionArray | list[str] | tuple[str, ...],
) -> np.ndarray:
    """The position of each value in ``keys`` (unique), -1 where it is not there (or NaN):
    one Arrow hash lookup (a third faster than factorising, and no Python objects)."""
    texts = pa.array(values, type=pa.large_string(), from_pandas=True)
    value_set = _fixed_set(keys) if isinstance(keys, tuple) else pa.array(keys, pa.large_string())
    found = pc.index_in(texts, value_set=value_set)
    if found.null_count:  # filling costs an Arrow call even with nothing to fill
        found = found.fill_null(-1)
    return found.to_numpy().astype(np.int64, copy=False)


@lru_cache(maxsize=16)
def _fixed_set(keys: tuple[str, ...]) -> pa.Array:
    """A fixed list of texts (the schema's kinds, channels, tiers) as Arrow, made once."""
    return pa.array(keys, type=pa.large_string())


def kind_mask(frame: Rows | pd.DataFrame, kinds: str | tuple[str, ...]) -> np.ndarray:
    """``frame["kind"].isin(kinds)`` as a boolean array, read from the ``kind_code`` column."""
    return _code_mask(np.asarray(frame[KIND_CODE]), KINDS, kinds)


def channel_mask(frame: Rows | pd.DataFrame, channels: tuple[str, ...]) -> np.ndarray:
    """``frame["channel"].isin(channels)`` as a boolean array, from ``channel_code``."""
    return _code_mask(np.asarray(frame[CHANNEL_CODE]), CHANNELS, channels)


def kind_groups(frame: Rows | pd.DataFrame, groups: tuple[tuple[str, ...], ...]) -> np.ndarray:
    """For each row, the position in ``groups`` of the group holding its kind, or
    ``len(groups)`` when none does (groups of kinds that do not overlap)."""
    table = np.full(len(KINDS) + 1, len(groups), dtype=np.int64)  # last slot: code -1
    for position, kinds in enumerate(groups):
        table[[KINDS.index(k) for k in kinds]] = position
    return np.take(table, np.asarray(frame[KIND_CODE]))


def first_rows(table: Rows, mask: Callable[[Rows], np.ndarray], limit: int) -> list[int]:
    """The ``row`` of the first ``limit`` rows where ``mask`` holds, testing only as long a
    head of ``table`` as it takes (a few hundred rows, not a million)."""
    size = 64 * limit
    while True:
        head = {column: values[:size] for column, values in table.items()}
        found = np.flatnonzero(mask(head))[:limit]
        if len(found) == limit or size >= len(table["row"]):
            return head["row"][found].tolist()
        size *= 8


def _code_mask(
    codes: np.ndarray, values: tuple[str, ...], wanted: str | tuple[str, ...]
) -> np.ndarray:
    wanted = (wanted,) if isinstance(wanted, str) else wanted
    table = np.zeros(len(values) + 1, dtype=bool)  # the last slot is code -1 (not a value)
    table[[values.index(v) for v in wanted]] = True
    return np.take(table, codes)  # twice as fast as table[codes] for int8 codes


def stable_order(codes: np.ndarray) -> np.ndarray:
    """``np.argsort(codes, kind="stable")`` for non-negative integer codes, as a radix sort
    on 16-bit digits (numpy sorts 16-bit keys by radix, about ten times faster)."""
    order = np.argsort((codes & 0xFFFF).astype(np.uint16), kind="stable")
    high = codes[order] >> 16
    if len(high) and high.max() > 0:
        order = order[np.argsort(high, kind="stable")]
    return order


def contact_date_order(codes: np.ndarray, dates: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The order that sorts by contact code, then date, then row number.

    Contact codes follow the ids' order, so this is the order by contact id too. When the
    rows already run by date and row (a log kept by date), a stable sort by contact alone
    gives it, several times faster than a three-key lexsort."""
    if in_date_order(dates, rows):
        return stable_order(codes)
    return np.lexsort((rows, dates, codes))


def in_date_order(dates: np.ndarray, rows: np.ndarray) -> bool:
    """Whether the rows run by date, then row number."""
    same_day = dates[1:] == dates[:-1]
    return bool(np.all((dates[1:] > dates[:-1]) | (same_day & (rows[1:] > rows[:-1]))))


def _kept(mask: np.ndarray) -> slice | np.ndarray:
    """The positions where ``mask`` holds: a slice (no copy when taken) when they are
    contiguous, as they are in a log sorted by date (found from the first and last ``True``
    without listing every position)."""
    if not len(mask):
        return np.flatnonzero(mask)
    first, end = int(np.argmax(mask)), len(mask) - int(np.argmax(mask[::-1]))
    if mask[first] and mask[first:end].all():
        return slice(first, end)
    return np.flatnonzero(mask)


def code_contacts(
    ids: pd.api.extensions.ExtensionArray, listed_ids: pd.api.extensions.ExtensionArray
) -> tuple[np.ndarray, pd.Index, np.ndarray]:
    """``pd.factorize(ids, sort=True)`` as (codes, distinct ids as an Index), plus each
    distinct id's row in ``listed_ids`` (the contacts' ids; -1 where it is not there).

    When every id is listed (as in a validated log), the ids are found among the contacts'
    (one hash lookup) and only the contacts that occur are sorted: cheaper than hashing and
    then sorting every distinct id, and the contacts' rows come with it."""
    found = positions(ids, listed_ids)
    if len(found) and found.min() < 0:  # an id not in contacts: factorise them all
        codes, distinct = pd.factorize(ids, sort=True)
        distinct = pd.Index(distinct)
        return codes, distinct, positions(distinct, listed_ids)
    used = np.flatnonzero(np.bincount(found, minlength=len(listed_ids)))
    used_ids = pa.array(take_texts(listed_ids, used), type=pa.large_string())
    used = used[pc.sort_indices(used_ids).to_numpy()]
    code_of_row = np.full(len(listed_ids), -1, dtype=np.int64)
    code_of_row[used] = np.arange(len(used))
    return code_of_row.take(found), pd.Index(take_texts(listed_ids, used)), used


def later_contact_ids(log: NetworkLog, as_of: pd.Timestamp) -> pa.Array | None:
    """The distinct ids of the contacts with rows dated after ``as_of`` (rows not scored
    yet), or None when there are none (the usual case, checked with one comparison)."""
    later = log.interactions["date"].values > as_of.to_datetime64()
    if not later.any():
        return None
    return pc.unique(pa.array(log.interactions["contact_id"].array[later]))


def prepare(
    log: NetworkLog, as_of: dt.date | str | pd.Timestamp, settings: Settings
) -> ScoringInput:
    """Cut the log to what was known on ``as_of``; code contacts, kinds and channels."""
    as_of_ts = to_timestamp(as_of)
    window_start = as_of_ts - pd.Timedelta(days=settings.lookback_days - 1)
    contacts = {c: log.contacts[c].array for c in ("contact_id", "name", "tier", "cadence_days")}
    ix = log.interactions
    dates = ix["date"].values  # read-only, as to_numpy() gives it, in a fifth of the time
    rows = ix["row"].to_numpy() if "row" in ix.columns else np.arange(2, len(ix) + 2)
    kept = _kept(dates <= as_of_ts)
    codes, contact_ids, listed = code_contacts(ix["contact_id"].array[kept], contacts["contact_id"])
    names = _names_of(contacts["name"], listed, contact_ids)
    kinds = ix["kind"].array
    history = {
        "date": dates[kept],
        "row": rows[kept],
        CONTACT_CODE: codes,
        KIND_CODE: positions(kinds[kept], KINDS).astype("int8"),
    }
    contacts[CONTACT_CODE] = positions(contacts["contact_id"], contact_ids)
    in_window = _kept(history["date"] >= window_start)
    window = {column: values[in_window] for column, values in history.items()}
    channels = ix["channel"].array[kept][in_window]
    window[CHANNEL_CODE] = positions(channels, CHANNELS).astype("int8")
    return ScoringInput(
        as_of_ts,
        window_start,
        settings,
        contacts,
        history,
        window,
        contact_ids,
        names,
        kind_texts(kinds.dtype),
    )


def _names_of(
    names: pd.api.extensions.ExtensionArray, listed: np.ndarray, ids: pd.Index
) -> pd.api.extensions.ExtensionArray:
    """The name in row ``listed`` of the contacts (``names``) for each of ``ids``; the id
    itself where it is not in contacts (-1) or that contact has no name."""
    if len(listed) and listed.min() >= 0:
        found = take_texts(names, listed)
    else:
        found = names.take(listed, allow_fill=True)
    if found.isna().any():
        found = pd.Series(found).fillna(pd.Series(ids)).array
    return found


@lru_cache(maxsize=8)
def kind_texts(dtype: Any) -> pd.api.extensions.ExtensionArray:
    """``schema.KINDS`` as text of this type (made once a type: it is the same each call)."""
    return pd.array(list(KINDS), dtype=dtype)
