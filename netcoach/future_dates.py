"""Interactions dated after the "as of" date: the scores leave them out, so say so.

Scoring counts only what had happened by ``as_of`` (:mod:`netcoach.scoring.window`), so a
row dated later (a typo in the year, or a meeting logged before it happens) silently adds
nothing. :func:`future_rows` finds those rows and :meth:`FutureRows.text` tells the learner,
for the score widget, ``netcoach score`` and the log form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from netcoach import schema
from netcoach.log import NetworkLog
from netcoach.report_text import MAX_ROWS_SHOWN, rows_text
from netcoach.scoring.results import Reason
from netcoach.words import long_date


@dataclass(frozen=True)
class FutureRows:
    """The interactions dated after ``as_of``: how many, and the first rows of them."""

    as_of: dt.date
    count: int
    rows: tuple[int, ...]
    """Their line numbers in ``interactions.csv``, in order (the first few only)."""

    def __bool__(self) -> bool:
        return self.count > 0

    def text(self) -> str:
        """One plain sentence for the learner; empty when no row is dated after ``as_of``."""
        if not self.count:
            return ""
        where = rows_text(
            Reason("", self.rows, file=schema.INTERACTIONS_FILE, row_count=self.count)
        )
        are, they = ("is", "it is") if self.count == 1 else ("are", "they are")
        noun = "interaction" if self.count == 1 else "interactions"
        return (
            f"{self.count} {noun} {are} dated after {long_date(self.as_of)}, your 'as of' "
            f"date, so {they} not counted yet ({where})."
        )


def future_rows(log: NetworkLog, as_of: dt.date | str | pd.Timestamp) -> FutureRows:
    """The interactions in ``log`` dated after ``as_of`` (vectorised: one comparison)."""
    day = pd.Timestamp(as_of).normalize()
    table = log.interactions
    later = (table["date"] > day).to_numpy(dtype=bool, na_value=False)
    rows = np.sort(table["row"].to_numpy()[later])[:MAX_ROWS_SHOWN]
    return FutureRows(day.date(), int(later.sum()), tuple(int(r) for r in rows))
