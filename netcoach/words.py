"""Plain-English wording of counts, names and dates, in plain Python.

These helpers load nothing heavy, so a widget that only writes sentences (the quick habits
check, the log form) can use them without pulling in pandas. The scorer's column-at-a-time
wording, over Arrow text arrays, is in :mod:`netcoach.scoring.wording`, built on these.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

MAX_NAMES = 3
"""How many names a sentence lists before '... and 4 others'."""


def whole(value: float) -> int:
    """``value`` rounded to a whole number as on paper: halves go up (62.5 -> 63, 12.5 -> 13).

    Python's ``round`` sends halves to the even number (62.5 -> 62), which a learner checking
    a score with a pencil would not get. A hair of tolerance keeps a half that floating point
    stored as 62.49999999999999 a half.
    """
    return math.floor(float(value) + 0.5 + 1e-9)


def percent(share: float) -> str:
    """0.237 -> '24%'; a half goes up (0.125 -> '13%')."""
    return f"{whole(100 * float(share))}%"


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 lead', '3 leads'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def times(n: int) -> str:
    """'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(int(n), f"{int(n)} times")


def verb(n: int, one: str, many: str) -> str:
    """Pick the verb form for a count: verb(1, "was", "were") -> "was"."""
    return one if n == 1 else many


def names_text(shown: Sequence[str], total: int | None = None, limit: int = MAX_NAMES) -> str:
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy', 'Ann, Bo, Cy and 4 others': the names
    ``shown`` (the first ``limit`` of ``total`` names, all of them when ``total`` is None)."""
    total = len(shown) if total is None else total
    if total > limit:
        return ", ".join(shown[:limit]) + f" and {plural(total - limit, 'other')}"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def long_date(date: dt.date) -> str:
    """A date written out, as the book, the reports and the forms write it: '30 September 2025'."""
    return f"{date.day} {date:%B %Y}"


def time_span(days: int) -> str:
    """A gap in days in rough words: '75 years', '14 months', '40 days'."""
    if (years := int(days / 365.25)) >= 2:
        return f"{years} years"
    if (months := int(days / 30.44)) >= 2:
        return f"{months} months"
    return plural(days, "day")
