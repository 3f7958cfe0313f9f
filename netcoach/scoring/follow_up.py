"""Follow-up: leads, thanks, staying in touch, and not over-doing it.

The score counts **duties** and **gaps** (gap points between 0 and 1 per duty):

* **Leads** (``received_lead`` in the look-back window). A lead is answered by the first
  ``followed_up_lead`` or ``declined_lead`` with the same person on or after its date.
  Within ``lead_follow_up_days``: on time (gap 0). Answered later: late (gap 0.5). Not
  answered and the window has passed: overdue (gap 1). Still inside its window: open
  (not yet a duty).
* **Thanks** (any ``received_…`` help in the window), answered by the first ``thanked``
  with the same person on or after it, within ``thanks_days``; same rules as leads.
* **Staying in touch**: every contact with a cadence (their own ``cadence_days``, else
  their tier's) is a duty. Days since the last interaction of any kind, counted from the
  day it **happened**: within the cadence, gap 0; past it, a gap from 0.5 growing to 1 at
  twice the cadence; no interaction logged at all, gap 0.5.
* **Not over-asking**: everyone you asked in the window is a duty; if more than
  ``max_asks_in_window`` asks to one person fall inside any ``ask_window_days`` span, gap 1.

Score = ``100 × (1 − gap points / duties)``, rounded; 100 when there are no duties.
A follow-up also counts as being in touch, so it never adds a cadence gap. It answers a
lead twice, as its follow-up and as the thank-you for it (the only one, if no ``thanked``
row comes first): on time as a follow-up within ``lead_follow_up_days``, but as a thank-you
only within ``thanks_days``, so a lead reported back on day 5 is followed up on time and
thanked late (as ``data/README.md`` and chapter 6 describe).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from netcoach.schema import (
    ASK_KINDS,
    FOLLOW_UP_KINDS,
    KINDS,
    LEAD_KIND,
    RECEIVED_KINDS,
    THANKS_KIND,
    TIERS,
)
from netcoach.scoring.memo import Memo, compute
from netcoach.scoring.results import Reason, ScoreResult
from netcoach.scoring.window import (
    CONTACT_CODE,
    KIND_CODE,
    ScoringInput,
    contact_date_order,
    frame,
    in_date_order,
    positions,
    stable_order,
)
from netcoach.scoring.wording import (
    day,
    format_days,
    format_distinct,
    join_texts,
    name_list,
    pick,
    rows_phrase,
    rows_phrases_of_runs,
    runs_as_tuples,
    take_texts,
)
from netcoach.words import plural, times, verb, whole

GAP_POINTS = {"on_time": 0.0, "late": 0.5, "overdue": 1.0}
STATUSES = pd.array(["on_time", "late", "overdue", "open"], dtype="str")
"""Lead and thanks statuses (text, taken by position: cheaper than from a numpy array)."""
ON_TIME, LATE, OVERDUE, OPEN = range(4)
"""Lead and thanks status codes (positions in ``STATUSES``)."""
CADENCE_STATUSES = pd.array(["ok", "overdue", "never"], dtype="str")
CADENCE_OK, CADENCE_OVERDUE, NEVER = range(3)
"""Cadence status codes (positions in ``CADENCE_STATUSES``)."""
NEVER_CONTACTED_GAP = 0.5
NOT_FOUND = np.datetime64("NaT", "ns")
LEAD_COLUMNS = [
    "row",
    "date",
    "contact_id",
    "name",
    "due",
    "responded_on",
    "status",
    "days_overdue",
]
THANKS_COLUMNS = [
    *LEAD_COLUMNS[:4],
    "kind",
    "due",
    "thanked_on",
    "status",
    "days_overdue",
]
CADENCE_COLUMNS = [
    "contact_id",
    "name",
    "tier",
    "cadence_days",
    "last_contact",
    "days_since",
    "days_overdue",
    "status",
]
Table = tuple[pd.DataFrame, dict[str, Any]]
"""A follow-up table as published (``details``) and its columns as arrays, with each row's
``gap`` points (NaN: no duty) and ``code`` (its status's position in ``STATUSES`` or
the cadence codes): the reasons and next actions read these, not the DataFrame."""


Responses = tuple[np.ndarray, np.ndarray]
"""The contact codes and dates of responses (``_responses``)."""


Columns = dict[str, Any]
"""A table's columns by name, arrays of one length, made into a DataFrame once."""


OverAsked = tuple[pd.DataFrame, Columns, pa.Array]
"""The ``over_contact`` table, its columns as arrays, and each row's ``rows_phrases`` text:
the follow-up reasons and the ease-off next actions both quote the rows, phrased once
(``over_asked``), and read the arrays, not the table."""


def match_responses(
    items: Columns,
    responses: Responses,
    window_days: int,
    as_of: pd.Timestamp,
    lead_responses: Responses | None = None,
) -> Columns:
    """Pair each item (a lead, some help) with the first response on or after it.

    ``lead_responses`` also answer items that are leads (reporting back on a lead to the
    person who gave it thanks them for it). Items (row, date and the window's
    ``contact_code`` and ``kind_code``, by date and row) and responses are matched on the
    contact code. Returns the columns ``responded_on``, ``due``, ``status`` (on_time, late,
    overdue, open), ``gap`` (its ``GAP_POINTS``, NaN while open) and ``days_overdue`` (days
    past ``due``: until the response if late, until ``as_of`` if overdue, else 0).
    """
    codes, item_dates = items[CONTACT_CODE], items["date"].astype("M8[ns]", copy=False)
    responded_on = _first_on_or_after(codes, item_dates, *responses)
    if lead_responses is not None:  # a lead is answered by whichever response comes first
        leads = np.flatnonzero(items[KIND_CODE] == KINDS.index(LEAD_KIND))
        by_lead = _first_on_or_after(codes[leads], item_dates[leads], *lead_responses)
        responded_on[leads] = np.fmin(responded_on[leads], by_lead)  # fmin skips NaT
    due = item_dates + np.timedelta64(window_days, "D")
    answered = ~np.isnat(responded_on)
    on_time = answered & (responded_on <= due)
    late = answered & ~on_time
    as_of = as_of.to_datetime64()
    overdue = ~answered & (as_of > due)
    status = np.select([on_time, late, overdue], [ON_TIME, LATE, OVERDUE], OPEN)
    zero = np.timedelta64(0, "ns")
    lateness = np.where(late, responded_on - due, np.where(overdue, as_of - due, zero))
    return {
        "responded_on": responded_on,
        "due": due,
        "status": take_texts(STATUSES, status),
        "code": status,
        "gap": np.array([GAP_POINTS[s] for s in STATUSES[:3]] + [np.nan])[status],
        "days_overdue": (lateness // np.timedelta64(1, "D")).astype("int64"),
    }


def _first_on_or_after(
    codes: np.ndarray, dates: np.ndarray, answer_codes: np.ndarray, answer_dates: np.ndarray
) -> np.ndarray:
    """For each (code, date), the first answer date on or after it with the same code (NaT
    if none).

    Answers are sorted by code, then date, and each item is searched for as one integer:
    its code times the number of distinct answer dates (plus one), plus the position of the
    first answer date on or after its own. Items are searched in the same order (a search
    for sorted values runs faster)."""
    found_on = np.full(len(codes), NOT_FOUND)
    if not len(codes) or not len(answer_codes):
        return found_on
    by_date = np.argsort(answer_dates, kind="stable")
    answer_dates = answer_dates.astype("M8[ns]", copy=False)[by_date]
    new_day = np.empty(len(answer_dates), dtype=bool)
    new_day[0] = True
    np.not_equal(answer_dates[1:], answer_dates[:-1], out=new_day[1:])
    days = answer_dates[new_day]  # the distinct answer dates, in order
    span = len(days) + 1
    answer_codes = answer_codes.astype("int64", copy=False)[by_date]
    order = stable_order(answer_codes)  # by code, then date
    answer_keys = answer_codes[order] * span + (np.cumsum(new_day) - 1)[order]
    item_order = stable_order(codes)
    item_keys = (codes * span + np.searchsorted(days, dates, side="left"))[item_order]
    found = np.searchsorted(answer_keys, item_keys, side="left")
    hit = found < len(answer_keys)
    found[~hit] = 0
    hit &= answer_keys[found] // span == item_keys // span
    found_on[item_order] = np.where(hit, answer_dates[order][found], NOT_FOUND)
    return found_on


def cadence_status(data: ScoringInput) -> Table:
    """Days since last contact against each contact's cadence (contacts with a cadence)."""
    contacts = data.contacts
    cadence = _cadences(contacts, data.settings.cadence_days)
    kept = np.flatnonzero(~np.isnan(cadence))
    cadence = cadence[kept].astype("int64")
    last = last_contact(data).take(contacts[CONTACT_CODE].take(kept))
    never, as_of = np.isnat(last), data.as_of.to_datetime64()
    since = (as_of - np.where(never, as_of, last)) // np.timedelta64(1, "D")  # 0 if never
    over = np.maximum(since - cadence, 0)
    overdue = ~never & (since > cadence)
    code = np.select([never, overdue], [NEVER, CADENCE_OVERDUE], CADENCE_OK)
    return _published(
        {
            **{c: take_texts(contacts[c], kept) for c in ("contact_id", "name", "tier")},
            "cadence_days": cadence,
            "last_contact": last,
            "days_since": pd.arrays.IntegerArray(since, never),
            "days_overdue": over,
            "status": take_texts(CADENCE_STATUSES, code),  # pandas text: cheaper in a table
            "code": code,
            "gap": np.select(
                [never, overdue],
                [NEVER_CONTACTED_GAP, np.minimum(1.0, 0.5 + 0.5 * over / cadence)],
                0.0,
            ),
        },
        CADENCE_COLUMNS,
    )


def _cadences(contacts: Mapping[str, Any], tier_days: Mapping[str, int | None]) -> np.ndarray:
    """Each contact's cadence in days: their own, else their tier's; NaN for none."""
    by_tier = np.array([np.nan if tier_days[t] is None else tier_days[t] for t in TIERS] + [np.nan])
    own = contacts["cadence_days"].to_numpy("float64", na_value=np.nan)
    return np.where(np.isnan(own), by_tier.take(positions(contacts["tier"], TIERS)), own)


def last_contact(data: ScoringInput) -> np.ndarray:
    """The date of the last interaction with each contact code, then NaT (for code -1)."""
    history = data.history
    # NaT is the smallest int64: a maximum over the dates as int64 leaves NaT where nothing
    # was logged.
    last = np.full(len(data.contact_ids) + 1, np.iinfo(np.int64).min, dtype="int64")
    dates = history["date"].astype("M8[ns]", copy=False).view("int64")
    np.maximum.at(last, history[CONTACT_CODE], dates)
    return last.view("M8[ns]")


def over_contact(data: ScoringInput) -> pd.DataFrame:
    """Contacts asked more than ``max_asks_in_window`` times inside ``ask_window_days``.

    For each ask, counts the asks to the same person in the ``ask_window_days`` ending that
    day (a sorted search, no loop per row). Returns one row per flagged contact.
    """
    return _over_contact_runs(data)[0][0]


def _over_contact_runs(data: ScoringInput) -> tuple[Table, np.ndarray, np.ndarray]:
    """:func:`over_contact` and its columns, and its ``rows`` flat: every flagged contact's
    rows end to end, and how many each has (for
    :func:`~netcoach.scoring.wording.rows_phrases_of_runs`)."""
    settings, window = data.settings, data.window
    columns = ["contact_id", "name", "asks_in_window", "first_ask", "last_ask", "rows"]
    asks = data.rows_of_kinds("window", ASK_KINDS)
    if not len(asks):
        table = pd.DataFrame(columns=columns)
        no_rows = np.empty(0, np.int64)
        arrays = {c: table[c].to_numpy() for c in columns}
        arrays["last_over_ask"] = np.empty(0, "M8[ns]")  # (as below: not in the table)
        return (table, arrays), no_rows, no_rows
    codes = window[CONTACT_CODE].astype("int64", copy=False).take(asks)
    dates = window["date"].take(asks)
    rows = window["row"].take(asks)
    order = contact_date_order(codes, dates, rows)
    codes, dates, rows = codes.take(order), dates.take(order), rows.take(order)
    days = (dates - np.datetime64("1900-01-01")) // np.timedelta64(1, "D")
    key = codes * 1_000_000 + days
    first = np.searchsorted(key, key - (settings.ask_window_days - 1), side="left")
    asks_in_window = np.arange(len(key)) - first + 1
    worst = first_max_per_group(codes, asks_in_window)
    worst = worst[asks_in_window[worst] > settings.max_asks_in_window]
    # Each flagged contact's rows: the asks from the first one in its worst span to it.
    lengths = worst - first[worst] + 1
    spans = np.repeat(first[worst] - (np.cumsum(lengths) - lengths), lengths)
    flat = rows[spans + np.arange(len(spans))]
    ids, names = take_texts(data.contact_ids.array, codes[worst]), data.names_for(codes[worst])
    refs = np.fromiter(
        runs_as_tuples(flat, lengths), dtype=object, count=len(worst)
    )  # an object array: pandas reads a list of tuples slowly, element by element
    if not len(worst):  # nobody flagged: the column types pandas infers from empty lists
        ids, names, refs = ids.to_numpy(), names.to_numpy(), []
    arrays = {
        "contact_id": ids,
        "name": names,
        "asks_in_window": asks_in_window[worst].astype("int64"),
        "first_ask": dates[first[worst]],
        "last_ask": dates[worst],
        "rows": refs,
    }
    table = frame(arrays)
    # (not in the table: when the last span with too many asks ended, for the next actions)
    over = np.flatnonzero(asks_in_window > settings.max_asks_in_window)
    last_of_contact = np.append(codes[over][1:] != codes[over][:-1], len(over) > 0)
    arrays["last_over_ask"] = dates[over[last_of_contact[: len(over)]]]
    return (table, arrays), flat, lengths


def over_asked(data: ScoringInput) -> OverAsked:
    """The ``over_contact`` table, its columns, and the rows phrase of each flagged contact."""
    (flagged, arrays), flat, lengths = _over_contact_runs(data)
    return flagged, arrays, rows_phrases_of_runs(flat, lengths)


def first_max_per_group(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For ``groups`` sorted into runs, the position of each run's first largest value
    (as ``groupby(groups).idxmax()`` on a default index), runs in order."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    run = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(groups)]))
    at_max = np.flatnonzero(values == np.maximum.reduceat(values, starts)[run])
    return at_max[np.r_[True, run[at_max][1:] != run[at_max][:-1]]]


def lead_table(data: ScoringInput) -> Table:
    """Leads in the window with their first follow-up and status."""
    items = _items(data, LEAD_KIND)
    matched = match_responses(
        items, _responses(data, FOLLOW_UP_KINDS), data.settings.lead_follow_up_days, data.as_of
    )
    return _published(_named(data, items) | matched, LEAD_COLUMNS)


def thanks_table(data: ScoringInput) -> Table:
    """Help received in the window with its first thank-you and status."""
    items = _items(data, RECEIVED_KINDS)
    matched = match_responses(
        items,
        _responses(data, THANKS_KIND),
        data.settings.thanks_days,
        data.as_of,
        lead_responses=_responses(data, FOLLOW_UP_KINDS),
    )
    matched["thanked_on"] = matched.pop("responded_on")
    columns = _named(data, items) | {"kind": take_texts(data.kinds, items[KIND_CODE])} | matched
    return _published(columns, THANKS_COLUMNS)


def _published(columns: Columns, published: list[str]) -> Table:
    """The table of the ``published`` columns, and all the columns as arrays."""
    return frame({c: columns[c] for c in published}), columns


def _named(data: ScoringInput, items: Columns) -> Columns:
    """Row, date, contact_id and name of the items, and their contact codes (grouping by
    code is cheaper than by id)."""
    codes = items[CONTACT_CODE]
    return {
        "row": items["row"],
        "date": items["date"],
        "contact_id": take_texts(data.contact_ids.array, codes),
        "name": data.names_for(codes),
        CONTACT_CODE: codes,
    }


def _items(data: ScoringInput, kinds: str | tuple[str, ...]) -> Columns:
    """Window rows of these kinds, to be answered, by date and row: row, date, codes."""
    window = data.window
    kept = data.rows_of_kinds("window", kinds)
    dates, rows = window["date"][kept], window["row"][kept]
    if not in_date_order(dates, rows):
        kept = kept[np.lexsort((rows, dates))]
    columns = ("row", "date", CONTACT_CODE, KIND_CODE)
    return {c: window[c][kept] for c in columns}


def _responses(data: ScoringInput, kinds: str | tuple[str, ...]) -> Responses:
    """The contact code and date of every response of these kinds up to ``as_of``."""
    history = data.history
    kept = data.rows_of_kinds("history", kinds)
    return history[CONTACT_CODE].astype("int64", copy=False)[kept], history["date"][kept]


def follow_up_keys(data: ScoringInput) -> dict[str, tuple]:
    """For each part of the follow-up score, the dates and settings it depends on."""
    s, base = data.settings, data.window_key
    return {
        "leads": (*base, s.lead_follow_up_days),
        "thanks": (*base, s.thanks_days),
        "cadence": (data.as_of, tuple(sorted(s.cadence_days.items()))),
        "over_contact": (*base, s.ask_window_days, s.max_asks_in_window),
    }


def follow_up_tables(data: ScoringInput, memo: Memo | None = None) -> dict[str, Table]:
    """The leads, thanks and cadence tables. With a ``memo``, each is reused while the
    settings it depends on are unchanged."""
    keys = follow_up_keys(data)
    return {
        "leads": compute(memo, "leads", keys["leads"], lambda: lead_table(data)),
        "thanks": compute(memo, "thanks", keys["thanks"], lambda: thanks_table(data)),
        "cadence": compute(memo, "cadence", keys["cadence"], lambda: cadence_status(data)),
    }


def score_follow_up(
    data: ScoringInput, tables: Mapping[str, Table], asked_too_often: OverAsked
) -> ScoreResult:
    """Follow-up score, components, reasons and the leads/thanks/cadence/over-contact tables
    (``tables`` from :func:`follow_up_tables`; the last from :func:`over_asked`: the next
    actions quote its rows too)."""
    window = data.window
    (leads, lead_columns), (thanks, thanks_columns), (cadence, cadence_columns) = (
        tables["leads"],
        tables["thanks"],
        tables["cadence"],
    )
    lead_gap, thanks_gap, cadence_gap = (
        lead_columns["gap"],
        thanks_columns["gap"],
        cadence_columns["gap"],
    )
    flagged = asked_too_often[0]
    asked_codes = window[CONTACT_CODE].take(data.rows_of_kinds("window", ASK_KINDS))
    asked = int(np.count_nonzero(np.bincount(asked_codes, minlength=len(data.contact_ids))))

    components = {
        "leads_due": int(np.count_nonzero(~np.isnan(lead_gap))),
        "leads_gap": float(np.nansum(lead_gap)),
        "thanks_due": int(np.count_nonzero(~np.isnan(thanks_gap))),
        "thanks_gap": float(np.nansum(thanks_gap)),
        "cadence_contacts": len(cadence),
        "cadence_gap": float(np.nansum(cadence_gap)),
        "asked_contacts": asked,
        "over_contact_gap": float(len(flagged)),
    }
    duties = (
        components["leads_due"]
        + components["thanks_due"]
        + components["cadence_contacts"]
        + components["asked_contacts"]
    )
    gaps = (
        components["leads_gap"]
        + components["thanks_gap"]
        + components["cadence_gap"]
        + components["over_contact_gap"]
    )
    components.update(duties=duties, gap_points=gaps, gap_rate=gaps / duties if duties else 0.0)
    raw = 100 * (1 - components["gap_rate"])
    components["raw_score"] = raw
    details = {"leads": leads, "thanks": thanks, "cadence": cadence, "over_contact": flagged}
    reasons = _reasons(data, lead_columns, thanks_columns, cadence_columns, asked_too_often, duties)
    return ScoreResult("follow_up", whole(raw), components, reasons, details)


def _reasons(
    data: ScoringInput,
    leads: Columns,
    thanks: Columns,
    cadence: Columns,
    asked_too_often: OverAsked,
    duties: int,
) -> list[Reason]:
    s = data.settings
    if duties == 0:
        return [_nothing_due(leads, thanks, s.lead_follow_up_days, s.thanks_days)]
    return [
        *_lead_reasons(leads, s.lead_follow_up_days),
        *_thanks_reasons(thanks, s.thanks_days),
        *_cadence_reasons(cadence),
        *_over_contact_reasons(asked_too_often, s.ask_window_days),
    ]


def _nothing_due(leads: Columns, thanks: Columns, lead_days: int, thanks_days: int) -> Reason:
    """The reason when there are no duties: leads and help may still be logged, inside
    their windows (open), so the sentence says so rather than 'no leads, help'."""
    open_leads, open_help = len(_with_status(leads, OPEN)), len(_with_status(thanks, OPEN))
    if not open_leads and not open_help:
        return Reason("Nothing needs following up yet: no leads, help, asks or cadences.")
    still = []
    if open_leads:
        still.append(
            f"{plural(open_leads, 'job lead')} {verb(open_leads, 'is', 'are')} still inside "
            f"your {lead_days}-day follow-up window"
        )
    if open_help:
        still.append(
            f"{plural(open_help, 'piece')} of help {verb(open_help, 'is', 'are')} still inside "
            f"your {thanks_days}-day thanks window"
        )
    return Reason(f"Nothing needs following up yet: {' and '.join(still)}.")


def _with_status(table: Columns, code: int) -> np.ndarray:
    """Positions of the rows of ``table`` with this status ``code``."""
    return np.flatnonzero(table["code"] == code)


def _most_overdue_first(table: Columns, code: int) -> np.ndarray:
    """Positions of the rows with this status code, most days overdue first (the order of
    ``sort_values("days_overdue", ascending=False)`` on those rows)."""
    kept = _with_status(table, code)
    days = table["days_overdue"][kept]
    # As pandas' nargsort sorts in descending order: the reversed values are sorted, and
    # the order read back reversed (the same numpy sort, without a Series).
    return kept[::-1][days[::-1].argsort(kind="quicksort")][::-1]


def _lead_reasons(leads: Columns, window_days: int) -> list[Reason]:
    reasons: list[Reason] = []
    overdue, late = _most_overdue_first(leads, OVERDUE), _with_status(leads, LATE)
    on_time = len(_with_status(leads, ON_TIME))
    rows, names = leads["row"], leads["name"]
    if len(overdue):
        worst = overdue[0]
        reasons.append(
            Reason(
                f"{plural(len(overdue), 'job lead')} got no follow-up within "
                f"{plural(window_days, 'day')}, from "
                f"{name_list(names, at=_first_per_contact(leads, overdue))}; "
                f"the oldest, from {names[worst]} on "
                f"{day(pd.Timestamp(leads['date'][worst]))}, is "
                f"{plural(int(leads['days_overdue'][worst]), 'day')} overdue "
                f"{rows_phrase(rows[overdue])}.",
                tuple(rows[overdue].tolist()),
            )
        )
    if len(late):
        reasons.append(
            Reason(
                f"{plural(len(late), 'lead')} {verb(len(late), 'was', 'were')} followed up late "
                f"(after {plural(window_days, 'day')}) {rows_phrase(rows[late])}.",
                tuple(rows[late].tolist()),
            )
        )
    if on_time:
        reasons.append(
            Reason(
                f"{plural(on_time, 'lead')} {verb(on_time, 'was', 'were')} followed up on time: "
                "well done."
            )
        )
    return reasons


def _thanks_reasons(thanks: Columns, window_days: int) -> list[Reason]:
    unthanked = _with_status(thanks, OVERDUE)
    if len(unthanked):
        rows = thanks["row"][unthanked]
        names = name_list(thanks["name"], at=_first_per_contact(thanks, unthanked))
        return [
            Reason(
                f"{plural(len(unthanked), 'piece')} of help got no thank-you within "
                f"{plural(window_days, 'day')}, from {names} "
                f"{rows_phrase(rows)}.",
                tuple(rows.tolist()),
            )
        ]
    still_open = len(_with_status(thanks, OPEN))
    due = len(thanks["row"]) - still_open
    window = f"your {window_days}-day window"
    if not due:  # nothing thanked or unthanked yet: all of it is still open (or none logged)
        if not still_open:
            return []
        return [
            Reason(
                f"{plural(still_open, 'piece')} of help {verb(still_open, 'is', 'are')} still "
                f"inside {window} for a thank-you."
            )
        ]
    late_thanks = len(_with_status(thanks, LATE))
    if not late_thanks:
        extra = ""
    elif due == 1:
        extra = " (late)"
    else:
        extra = f" ({late_thanks} of them late)"
    if not still_open:
        return [Reason(f"You thanked people for all the help you logged{extra}.")]
    return [
        Reason(
            f"You thanked people for all the help that was due{extra}, and {still_open} more "
            f"{verb(still_open, 'is', 'are')} still inside {window}."
        )
    ]


def _first_per_contact(table: Columns, kept: np.ndarray) -> np.ndarray:
    """Each contact's first row among ``kept``, contacts in order of first appearance (as
    ``drop_duplicates("contact_id")``)."""
    codes = pd.factorize(table[CONTACT_CODE].take(kept))[0]
    first = np.empty(codes.max() + 1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # the last write is the first row
    return kept[first]


def _cadence_reasons(cadence: Columns) -> list[Reason]:
    reasons: list[Reason] = []
    silent, never = _most_overdue_first(cadence, CADENCE_OVERDUE), _with_status(cadence, NEVER)
    names, listed = cadence["name"], len(cadence["code"])
    if len(silent):
        longest = int(cadence["days_overdue"][silent[0]])
        reasons.append(
            Reason(
                f"{plural(len(silent), 'contact')} {verb(len(silent), 'is', 'are')} past "
                f"their stay-in-touch cadence: {name_list(names, at=silent)} "
                f"(longest: {plural(longest, 'day')} overdue).",
                file="contacts.csv",
            )
        )
    if len(never):
        reasons.append(
            Reason(
                f"{plural(len(never), 'contact')} with a cadence "
                f"{verb(len(never), 'has', 'have')} no contact logged yet: "
                f"{name_list(names, at=never)}.",
                file="contacts.csv",
            )
        )
    if listed == 1 and not len(silent) and not len(never):
        reasons.append(Reason("Your 1 contact with a cadence is up to date."))
    elif listed and not len(silent) and not len(never):
        reasons.append(Reason(f"All {listed} contacts with a cadence are up to date."))
    return reasons


def _over_contact_reasons(asked_too_often: OverAsked, ask_window_days: int) -> list[Reason]:
    """One reason per contact asked too often, the texts built column by column."""
    _, flagged, rows_texts = asked_too_often
    refs = list(flagged["rows"])
    first, last = format_days(flagged["first_ask"]), format_days(flagged["last_ask"])
    one_day = np.asarray(flagged["first_ask"], "M8[D]") == np.asarray(flagged["last_ask"], "M8[D]")
    texts = join_texts(
        "You asked ",
        flagged["name"],
        " for something ",
        format_distinct(flagged["asks_in_window"], times),
        f" within {plural(ask_window_days, 'day')} (",
        pick(one_day, join_texts("on ", first), join_texts(first, " to ", last)),
        ") ",
        rows_texts,
        ": give them some room.",
    )
    return [Reason(text, rows) for text, rows in zip(texts.to_pylist(), refs, strict=True)]
