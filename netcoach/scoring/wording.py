"""Small helpers that turn numbers, names and row lists into plain English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

MAX_NAMES = 3
MAX_ROWS = 8


def percent(share: float) -> str:
    """0.237 -> '24%'."""
    return f"{round(100 * float(share))}%"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 lead', '3 leads'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def times(n: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(int(n), f"{int(n)} times")


def verb(n: int, one: str, many: str) -> str:
    """Pick the verb form for a count: verb(1, "was", "were") -> "was"."""
    return one if n == 1 else many


def name_list(names: Sequence[str], limit: int = MAX_NAMES) -> str:
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy', 'Ann, Bo, Cy and 4 others'."""
    names = [str(n) for n in names]
    if len(names) > limit:
        shown, rest = names[:limit], len(names) - limit
        return ", ".join(shown) + f" and {plural(rest, 'other')}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def rows_phrase(rows: Iterable[int], file: str = "interactions.csv", limit: int = MAX_ROWS) -> str:
    """'(interactions.csv rows 4, 9 and 12)' so a learner can find the rows."""
    rows = _distinct_sorted(rows) if isinstance(rows, np.ndarray) else sorted(set(map(int, rows)))
    if not rows:
        return ""
    if len(rows) == 1:
        return f"({file} row {rows[0]})"
    shown = [str(r) for r in rows[:limit]]
    if len(rows) > limit:
        return f"({file} rows {', '.join(shown)} and {len(rows) - limit} more)"
    return f"({file} rows {', '.join(shown[:-1])} and {shown[-1]})"


def format_distinct(values: pd.Series, func: Callable[[Any], str]) -> pd.Series:
    """``values.map(func)`` calling ``func`` once per distinct value (days, counts and
    dates repeat across thousands of next-action rows and reasons)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if not len(uniques):
        return values.map(func)
    texts = pd.Series([func(u) for u in uniques]).to_numpy()
    return pd.Series(texts[codes], index=values.index, dtype=object)


def map_each(values: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """``values.map(func)`` as an object Series: pandas infers a type for the results of
    ``map``, which for short texts costs more than making them."""
    return pd.Series([func(v) for v in values.tolist()], index=values.index, dtype=object)


def _distinct_sorted(rows: np.ndarray) -> list[int]:
    # For a numpy array (up to hundreds of thousands of rows, from a window filter): sorted
    # in numpy; np.unique hashes first and costs ten times more.
    ordered = np.sort(rows)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first].tolist()


def day(ts: pd.Timestamp) -> str:
    """A date as '3 Sep 2025'."""
    return _day(ts.year, ts.month, ts.day)


@lru_cache(maxsize=8192)
def _day(year: int, month: int, day_of_month: int) -> str:
    # strftime costs tens of microseconds and next actions format one date per row (tens of
    # thousands at 1M interactions), over a few hundred distinct days: format each day once.
    return f"{day_of_month} {dt.date(year, month, day_of_month).strftime('%b %Y')}"
