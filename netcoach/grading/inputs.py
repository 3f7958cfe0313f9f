"""The tables an exercise starts from, built for the learner: never the answers they make.

A starter imports these instead of :mod:`netcoach.grading.answers`, so the reference answer
of an exercise (such as the ranked action list) is not one name away in the notebook.
"""

from __future__ import annotations

import pandas as pd

from netcoach.grading.answers import cadence_table as _cadence_table
from netcoach.grading.answers import group_counts as _group_counts
from netcoach.grading.answers import help_not_thanked as _help_not_thanked
from netcoach.grading.answers import help_thanked as _help_thanked
from netcoach.grading.answers import leads as _leads
from netcoach.grading.answers import leads_not_followed as _leads_not_followed
from netcoach.grading.answers import rich_share as _rich_share
from netcoach.log import NetworkLog


def follow_up_tables(log: NetworkLog) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Exercise 8's inputs, as made in exercises 6 and 7: ``leads`` and ``helped`` (with
    ``answered_on``) and ``cadence`` (with ``days_since`` and ``cadence_days``)."""
    cadence = _cadence_table(log).drop(columns="overdue")
    return _leads(log), _help_thanked(log), cadence


def summary_numbers(log: NetworkLog) -> pd.Series:
    """Exercise 9's table of numbers to write advice from."""
    counts = _group_counts(log)
    cadence = _cadence_table(log)
    return pd.Series(
        {
            "gives": counts["gives"],
            "asks": counts["asks"],
            "rich share": round(_rich_share(log), 2),
            "leads never followed up": len(_leads_not_followed(log)),
            "help never thanked": len(_help_not_thanked(log)),
            "contacts past their cadence": int(cadence["overdue"].sum()),
        }
    )
