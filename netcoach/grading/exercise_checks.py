"""One function per check cell of the exercises in ``exercises/``.

Each takes the check's number and the learner's answers, works out the expected answer
from the sample learner (:mod:`netcoach.grading.answers`) and calls
:func:`netcoach.grading.checks.check`. The hints say what to look at, never the answer.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

import pandas as pd

from netcoach.grading import answers as _answers
from netcoach.grading import checks
from netcoach.grading.checks import (
    NOT_ANSWERED,
    check_all,
    date_problem,
    given,
    is_missing,
    mapping_problem,
    number_problem,
    set_problem,
    table_problem,
    text_problem,
)
from netcoach.log import NetworkLog
from netcoach.schema import CHANNELS

SAMPLE = "graduate"
SHARE_TOL = 0.006  # shares rounded to two decimals still pass
RATIO_TOL = 0.051  # a ratio such as asks per give rounded to one decimal still passes


@cache
def sample_log(name: str = SAMPLE) -> NetworkLog:
    """The sample learner the exercises use (loaded once per kernel)."""
    from netcoach.samples import load_sample

    return load_sample(name)


# --- 01 load and inspect ---------------------------------------------------------------------


def log_size(number: int, n_contacts: Any, n_interactions: Any, sample: str = SAMPLE) -> None:
    log = sample_log(sample)
    check_all(
        number,
        "contacts and interactions counted",
        [
            number_problem(n_contacts, len(log.contacts), "n_contacts"),
            number_problem(n_interactions, len(log.interactions), "n_interactions"),
        ],
        "len() of a table is its number of rows; use log.contacts and log.interactions",
    )


def date_range(number: int, first_day: Any, last_day: Any, sample: str = SAMPLE) -> None:
    dates = sample_log(sample).interactions["date"]
    check_all(
        number,
        "first and last day",
        [
            date_problem(first_day, dates.min(), "first_day"),
            date_problem(last_day, dates.max(), "last_day"),
        ],
        "use .min() and .max() on the interactions' date column",
    )


def _top_months(sample: str) -> set[str]:
    """Every ``YYYY-MM`` month with the largest number of interactions (a tie has several)."""
    dates = sample_log(sample).interactions["date"]
    per_month = dates.dt.strftime("%Y-%m").value_counts()
    return set(per_month[per_month == per_month.max()].index)


def busiest_month(number: int, month: Any, sample: str = SAMPLE) -> None:
    tied = isinstance(month, str) and month.strip() in _top_months(sample)
    want = month.strip() if tied else _answers.busiest_month(sample_log(sample))
    check_all(
        number,
        "busiest month",
        [text_problem(month, want, "busiest", "'2025-01'")],
        "turn each date into its month with .dt.strftime('%Y-%m'), count the rows per month "
        "and take the month with the largest count (.idxmax())",
    )


# --- 02 gives and asks -----------------------------------------------------------------------


def gives_and_asks(number: int, gives: Any, asks: Any, received: Any, sample: str = SAMPLE) -> None:
    want = _answers.group_counts(sample_log(sample))
    check_all(
        number,
        "gives, asks and help received",
        [
            number_problem(gives, want["gives"], "gives"),
            number_problem(asks, want["asks"], "asks"),
            number_problem(received, want["received"], "received"),
        ],
        "count the rows whose kind .isin() GIVE_KINDS, ASK_KINDS or RECEIVED_KINDS; "
        "kinds such as thanked or check_in belong to none of the three",
    )


def asks_per_give(number: int, ratio: Any, sample: str = SAMPLE) -> None:
    want = _answers.group_counts(sample_log(sample))
    check_all(
        number,
        "asks per give",
        [number_problem(ratio, want["asks"] / want["gives"], "asks_per_give", tol=RATIO_TOL)],
        "divide the number of asks by the number of gives (not the other way round)",
    )


# --- 03 reciprocity --------------------------------------------------------------------------


def per_contact(number: int, table: Any, sample: str = SAMPLE) -> None:
    want = _answers.per_contact(sample_log(sample))
    check_all(
        number,
        "gives and asks per contact",
        [
            table_problem(
                table, want, "contact_id", ["gives", "asks"], "per_contact", what="contacts"
            )
        ],
        "keep one row for every contact in log.contacts, with 0 for people you never gave to "
        "or asked; sum the gives and asks per contact_id, then join onto the contacts",
    )


def one_way(number: int, contact_ids: Any, sample: str = SAMPLE) -> None:
    table = _answers.per_contact(sample_log(sample))
    want = table.loc[table["one_way"], "contact_id"]
    check_all(
        number,
        "one-way contacts",
        [set_problem(contact_ids, want, "one_way", "contact ids", column="contact_id")],
        "a one-way contact is someone you asked at least once and never gave to",
    )


# --- 04 channel mix --------------------------------------------------------------------------


def channel_shares(number: int, shares: Any, sample: str = SAMPLE) -> None:
    want = _answers.channel_shares(sample_log(sample))
    hint = (
        f"the shares should add up to 1 and there are {len(CHANNELS)} channels (a channel "
        "you never used has share 0: .reindex(CHANNELS, fill_value=0)); did you divide "
        "by the number of interactions?"
    )
    check_all(
        number,
        "channel shares",
        [mapping_problem(shares, want.to_dict(), "shares", SHARE_TOL, what="channels")],
        hint,
    )


def rich_share(number: int, share: Any, sample: str = SAMPLE) -> None:
    want = _answers.rich_share(sample_log(sample))
    check_all(
        number,
        "rich share",
        [number_problem(share, want, "rich_share", tol=SHARE_TOL)],
        "a share is between 0 and 1; add up the shares of the RICH_CHANNELS "
        "(in person, event, video and phone)",
    )


# --- 05 monthly trend ------------------------------------------------------------------------


def monthly_counts(number: int, by_month: Any, sample: str = SAMPLE) -> None:
    want = _answers.monthly_counts(sample_log(sample)).reset_index()
    want["month"] = want["month"].astype(str)
    problem = None
    if isinstance(by_month, pd.DataFrame) and "month" not in by_month.columns:
        by_month = by_month.rename_axis("month").reset_index()
        by_month["month"] = by_month["month"].astype(str)
    problem = table_problem(by_month, want, "month", list(CHANNELS), "by_month", what="months")
    check_all(
        number,
        "interactions per month and channel",
        [problem],
        "one row per month ('2025-01'), one column per channel (all seven, 0 where unused); "
        "pd.crosstab(month, channel) does most of it",
    )


def monthly_rich_share(number: int, shares: Any, sample: str = SAMPLE) -> None:
    want = _answers.monthly_rich_share(sample_log(sample))
    check_all(
        number,
        "rich share per month",
        [mapping_problem(shares, want.to_dict(), "rich_by_month", SHARE_TOL, what="months")],
        "for each month, add the four rich channels' counts and divide by that month's total",
    )


def labelled_chart(number: int, ax: Any, months: int = 12, sample: str = SAMPLE) -> None:
    if is_missing(ax):
        problem = f"ax: {NOT_ANSWERED}"
    elif not hasattr(ax, "get_title"):
        problem = (
            f"ax should be the chart's Axes (ax = rich_by_month.plot(...) returns one); {given(ax)}"
        )
    elif not ax.get_title().strip():
        problem = "the chart has no title: ax.set_title(...)"
    elif not ax.get_xlabel().strip() or not ax.get_ylabel().strip():
        problem = "both axes need a label, with units: ax.set_xlabel(...), ax.set_ylabel(...)"
    elif not any(len(line.get_xdata()) == months for line in ax.get_lines()) and (
        len(ax.patches) < months
    ):
        problem = f"the chart should show all {months} months"
    elif not _shows(ax, _answers.monthly_rich_share(sample_log(sample)).to_numpy()):
        problem = "the chart should show rich_by_month, the rich share of each month"
    else:
        problem = None
    check_all(number, "chart with a title and labelled axes", [problem])


def _shows(ax: Any, values: Any) -> bool:
    """True when a line or the bars of ``ax`` plot ``values``, in order."""
    heights = [[p.get_height() for p in ax.patches]]
    drawn = [line.get_ydata() for line in ax.get_lines()] + heights
    return any(_same_numbers(ys, values) for ys in drawn)


def _same_numbers(got: Any, values: Any) -> bool:
    """True when ``got`` holds the same numbers as ``values`` (to two decimals)."""
    try:
        numbers = [float(v) for v in got]
    except (TypeError, ValueError):
        return False
    return len(numbers) == len(values) and all(
        abs(a - b) < SHARE_TOL for a, b in zip(numbers, values, strict=True)
    )


# --- 06 cadence ------------------------------------------------------------------------------


def _cadence_column(
    number: int, table: Any, column: str, label: str, hint: str, sample: str
) -> None:
    want = _answers.cadence_table(sample_log(sample))
    check_all(
        number,
        label,
        [table_problem(table, want, "contact_id", [column], "cadence", what="contacts")],
        hint,
    )


def cadence_days(number: int, table: Any, sample: str = SAMPLE) -> None:
    hint = (
        "a contact's own cadence_days wins; otherwise use the tier's default "
        "(inner 14, close 30, active 90); leave out contacts with no cadence at all"
    )
    _cadence_column(number, table, "cadence_days", "cadence per contact", hint, sample)


def days_since(number: int, table: Any, sample: str = SAMPLE) -> None:
    hint = (
        "take the latest date per contact_id, then count the days from it to as_of "
        "(.dt.days); a contact never in touch has no value (NaN)"
    )
    _cadence_column(number, table, "days_since", "days since last contact", hint, sample)


def overdue(number: int, contact_ids: Any, sample: str = SAMPLE) -> None:
    table = _answers.cadence_table(sample_log(sample))
    check_all(
        number,
        "contacts past their cadence",
        [
            set_problem(
                contact_ids,
                table.loc[table["overdue"], "contact_id"],
                "overdue",
                "contact ids",
                column="contact_id",
            )
        ],
        "overdue means more days since the last contact than the cadence allows (strictly more)",
    )


# --- 07 follow-up ----------------------------------------------------------------------------


def _rows_check(number: int, rows: Any, want: list[int], label: str, name: str, hint: str) -> None:
    check_all(number, label, [set_problem(rows, want, name, "rows", "row")], hint)


def leads_not_followed(number: int, rows: Any, sample: str = SAMPLE) -> None:
    hint = (
        "a lead is answered by a followed_up_lead or declined_lead with the same contact on "
        "or after the lead's date; merge the leads with the answers on contact_id"
    )
    want = _answers.leads_not_followed(sample_log(sample))
    _rows_check(number, rows, want, "leads not followed up", "not_followed", hint)


def help_not_thanked(number: int, rows: Any, sample: str = SAMPLE) -> None:
    hint = (
        "help is every received_... kind; a thanked row with the same contact on or after "
        "the day answers it, and for a lead a follow-up or a decline answers it too"
    )
    want = _answers.help_not_thanked(sample_log(sample))
    _rows_check(number, rows, want, "help not thanked", "not_thanked", hint)


def leads_on_time(number: int, share: Any, sample: str = SAMPLE) -> None:
    log = sample_log(sample)
    table = _answers.leads(log)
    days = (table["answered_on"] - table["date"]).dt.days
    want = float((days <= log.folder_settings.scoring.lead_follow_up_days).mean())
    check_all(
        number,
        "leads answered within a week",
        [number_problem(share, want, "on_time_share", tol=SHARE_TOL)],
        "divide the leads answered within 7 days (of the lead's date) by all leads, "
        "including the ones never answered",
    )


# --- 08 weekly action list -------------------------------------------------------------------


def _pairs(table: pd.DataFrame) -> pd.Series:
    return table["contact_id"].astype(str).str.strip() + " " + table["action"].astype(str)


def _keys_as_columns(table: Any, columns: set[str]) -> Any:
    """A table whose key columns ``groupby`` left in the index, with them as columns again
    (anything else as it is)."""
    if isinstance(table, pd.DataFrame) and columns - set(table.columns) <= set(table.index.names):
        return table.reset_index() if columns & set(table.index.names) else table
    return table


def overdue_actions(number: int, actions: Any, sample: str = SAMPLE) -> None:
    want = _answers.action_list(sample_log(sample))
    actions = _keys_as_columns(actions, {"contact_id", "action", "days_overdue"})
    if isinstance(actions, pd.DataFrame) and {"contact_id", "action", "days_overdue"} <= set(
        actions.columns
    ):
        got: Any = dict(zip(_pairs(actions), actions["days_overdue"], strict=True))
    elif is_missing(actions):
        got = actions
    else:
        got = "not a table"
    problem = (
        _not_a_table("actions", actions, "contact_id, action and days_overdue")
        if isinstance(got, str)
        else mapping_problem(
            got,
            dict(zip(_pairs(want), want["days_overdue"], strict=True)),
            "actions",
            what="contact-and-action pairs",
        )
    )
    check_all(
        number,
        "overdue actions",
        [problem],
        "stack the three kinds of action, keep only days_overdue above 0, and keep one row per "
        "contact and action (the largest days_overdue)",
    )


def _not_a_table(name: str, value: Any, columns: str) -> str:
    """Which columns a table answer needs, and what was given when it is not a table."""
    tail = "" if isinstance(value, pd.DataFrame) else f"; {given(value)}"
    return f"{name} should be a DataFrame with {columns} columns{tail}"


def weekly_list(number: int, this_week: Any, sample: str = SAMPLE) -> None:
    want = _pairs(_answers.action_list(sample_log(sample)).head(_answers.WEEKLY_ACTIONS)).tolist()
    this_week = _keys_as_columns(this_week, {"contact_id", "action"})
    if is_missing(this_week):
        problem = f"this_week: {NOT_ANSWERED}"
    elif not isinstance(this_week, pd.DataFrame) or not {"contact_id", "action"} <= set(
        this_week.columns
    ):
        problem = _not_a_table("this_week", this_week, "contact_id and action")
    else:
        got = _pairs(this_week).tolist()
        if len(got) != len(want):
            problem = f"this_week should have {len(want)} rows; it has {len(got)}"
        else:
            wrong = [i for i, (a, b) in enumerate(zip(got, want, strict=True)) if a != b]
            problem = f"row {wrong[0] + 1} is not the right action" if wrong else None
    check_all(
        number,
        "this week's ten actions, worst first",
        [problem],
        "sort by days_overdue (largest first), break ties by contact_id then action, "
        "and keep the first ten rows",
    )


# --- 09 reflection ---------------------------------------------------------------------------

SCORE_AREA_WORDS: dict[str, tuple[str, ...]] = {
    "reciprocity": (
        "give", "gave", "given", "giving", "ask", "reciprocity", "reciprocate", "help",
        "helpful", "return", "one-way",
    ),
    "channel mix": (
        "channel", "in person", "in-person", "face", "event", "video", "call", "phone",
        "email", "e-mail", "rich", "meet", "meeting", "met", "coffee",
    ),
    "follow-up": (
        "follow", "followed", "following", "thank", "reconnect", "lead", "reply", "replies",
        "replied", "cadence", "touch",
    ),
}  # fmt: skip
"""Words that name a score area: each counts as a whole word, with an ending such as -s,
-ed or -ing ("asked", "events"), never inside another word ("tasks", "prevent")."""

_ENDINGS = r"(?:s|es|ed|d|ing)?"
_AREA_PATTERNS = {
    area: re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in words) + ")" + _ENDINGS + r"\b", re.I
    )
    for area, words in SCORE_AREA_WORDS.items()
}


ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "dr.", "mr.", "mrs.", "ms.")


def sentences(text: str) -> list[str]:
    """Split advice into sentences at ``.``, ``!`` or ``?`` followed by a space or the end.

    A full stop that ends a common abbreviation (``e.g.``, ``i.e.``, ``etc.``, ``vs.``,
    ``approx.``, ``Dr.``, ``Mr.``, ``Mrs.``, ``Ms.``) does not end a sentence.
    """
    out: list[str] = []
    for part in re.split(r"(?<=[.!?])\s+", text.strip()):
        if not part:
            continue
        if out and _word_end(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _word_end(text: str) -> bool:
    """The abbreviation at the end of ``text`` is a whole word (not ``Adr.``)."""
    last = text.split()[-1].lower() if text.split() else ""
    return last.lstrip("(\"'") in ABBREVIATIONS


def areas_of(sentence: str) -> set[str]:
    """The score areas a sentence mentions (by a few key words, as whole words)."""
    return {area for area, pattern in _AREA_PATTERNS.items() if pattern.search(sentence)}


def _advice_problem(advice: Any) -> str | None:
    if is_missing(advice) or (isinstance(advice, str) and not advice.strip()):
        return f"advice: {NOT_ANSWERED}"
    if not isinstance(advice, str):
        return f"advice should be text (a string in quotes); {given(advice)}"
    return None


def three_sentences(number: int, advice: Any) -> None:
    problem = _advice_problem(advice)
    if problem is None and len(sentences(advice)) != 3:
        problem = f"advice should be three sentences; it has {len(sentences(advice))}"
    check_all(number, "three sentences", [problem], "end each sentence with a full stop")


def names_score_areas(number: int, advice: Any) -> None:
    problem = _advice_problem(advice)
    if problem is None:
        vague = [i + 1 for i, s in enumerate(sentences(advice)) if not areas_of(s)]
        if vague:
            problem = f"sentence {vague[0]} does not say which habit it is about"
    check_all(
        number,
        "each sentence names a score area",
        [problem],
        "mention giving or asking (reciprocity), a channel such as calls or events "
        "(channel mix), or following up and thanking (follow-up)",
    )


def uses_numbers(number: int, advice: Any) -> None:
    problem = _advice_problem(advice)
    if problem is None:
        bare = [i + 1 for i, s in enumerate(sentences(advice)) if not re.search(r"\d", s)]
        if bare:
            problem = f"sentence {bare[0]} has no number in it"
    check_all(
        number,
        "each sentence uses a number",
        [problem],
        "start from your numbers: a count, a share or a number of days",
    )


checks.seal(sys.modules[__name__], _answers, checks)  # last: every check defined above
