"""The ranked next-actions list: what to do this week, person by person.

Actions, most urgent kind first (the ``URGENCY`` order):

1. ``follow_up_lead``: a job lead past its follow-up window with no follow-up.
2. ``send_thanks``: help past its thanks window with no thank-you (one per person).
3. ``ease_off``: someone you asked too often in a short span; give them room.
4. ``reconnect``: someone past their stay-in-touch cadence (or never contacted).
5. ``give_back``: someone you asked, or who helped you, who has had nothing from you.

Within a kind, the most overdue comes first, then the name (A to Z) to keep ties stable.
``priority`` = urgency + ``min(days_overdue, 365) / 366``, so it only orders within a kind.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netcoach.scoring.memo import Memo, compute
from netcoach.scoring.results import ScoreResult
from netcoach.scoring.wording import day, format_distinct, map_each, plural, rows_phrase, times

URGENCY = {"follow_up_lead": 5, "send_thanks": 4, "ease_off": 3, "reconnect": 2, "give_back": 1}
COLUMNS = ["rank", "contact_id", "name", "action", "reason", "days_overdue", "priority", "rows"]


def _frame(
    rows: pd.DataFrame, action: str, reasons: pd.Series, days: pd.Series, refs: pd.Series
) -> pd.DataFrame:
    days_overdue = days.to_numpy("int64")
    return pd.DataFrame(
        {
            "contact_id": rows["contact_id"].to_numpy(),
            "name": rows["name"].to_numpy(),
            "action": action,
            "reason": reasons.to_numpy(),
            "days_overdue": days_overdue,
            "priority": URGENCY[action] + np.minimum(days_overdue, 365) / 366,
            "rows": refs.to_numpy(),
        }
    )


def _ranked_order(actions: pd.DataFrame) -> np.ndarray:
    """Highest priority first, then name and contact id (A to Z), ties kept in order: one
    lexsort of sorted integer codes (sorting the text columns themselves costs more)."""
    names = pd.factorize(actions["name"], sort=True, use_na_sentinel=False)[0]
    ids = pd.factorize(actions["contact_id"], sort=True, use_na_sentinel=False)[0]
    return np.lexsort((ids, names, -actions["priority"].to_numpy()))


def _rows_per_group(keys: pd.Series, rows: pd.Series) -> list[tuple[int, ...]]:
    """Each key's rows as a sorted tuple, keys in order of first appearance (as
    ``groupby(sort=False)``): one sort and one split instead of a Python call per group."""
    codes = pd.factorize(keys)[0]
    values = rows.to_numpy("int64")
    ordered = values[np.lexsort((values, codes))].tolist()
    ends = np.cumsum(np.bincount(codes)).tolist()
    return [tuple(ordered[start:end]) for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _single_rows(rows: pd.Series) -> pd.Series:
    return map_each(rows, lambda r: (int(r),))


def _lead_actions(follow_up: ScoreResult, window_days: int) -> pd.DataFrame:
    leads = follow_up.details["leads"]
    leads = leads[leads["status"] == "overdue"]
    if leads.empty:
        return pd.DataFrame()
    reasons = (
        "Follow up the job lead "
        + leads["name"]
        + " gave you on "
        + format_distinct(leads["date"], day)
        + ": "
        + format_distinct(leads["days_overdue"], lambda d: plural(d, "day"))
        + f" past the {window_days}-day window. If it is not for you, tell them why "
        + map_each(leads["row"], lambda r: rows_phrase([r]))
        + "."
    )
    return _frame(
        leads, "follow_up_lead", reasons, leads["days_overdue"], _single_rows(leads["row"])
    )


def _thanks_actions(follow_up: ScoreResult, window_days: int) -> pd.DataFrame:
    thanks = follow_up.details["thanks"]
    thanks = thanks[thanks["status"] == "overdue"]
    if thanks.empty:
        return pd.DataFrame()
    per_person = thanks.groupby("contact_id", sort=False).agg(
        name=("name", "first"),
        items=("row", "size"),
        first=("date", "min"),
        days_overdue=("days_overdue", "max"),
    )
    per_person["rows"] = _rows_per_group(thanks["contact_id"], thanks["row"])
    per_person = per_person.reset_index()
    reasons = (
        "Thank "
        + per_person["name"]
        + " for "
        + format_distinct(
            per_person["items"], lambda n: "their help" if n == 1 else f"{n} pieces of help"
        )
        + " (since "
        + format_distinct(per_person["first"], day)
        + "): "
        + format_distinct(per_person["days_overdue"], lambda d: plural(d, "day"))
        + f" past the {window_days}-day thanks window "
        + map_each(per_person["rows"], rows_phrase)
        + "."
    )
    return _frame(
        per_person, "send_thanks", reasons, per_person["days_overdue"], per_person["rows"]
    )


def _ease_off_actions(follow_up: ScoreResult, ask_window_days: int) -> pd.DataFrame:
    flagged = follow_up.details["over_contact"]
    if flagged.empty:
        return pd.DataFrame()
    reasons = (
        "Give "
        + flagged["name"]
        + " some room: you asked them "
        + format_distinct(flagged["asks_in_window"], times)
        + f" within {ask_window_days} days. "
        "Next time, offer something before you ask " + map_each(flagged["rows"], rows_phrase) + "."
    )
    zero = pd.Series(0, index=flagged.index)
    return _frame(flagged, "ease_off", reasons, zero, flagged["rows"])


def _reconnect_actions(follow_up: ScoreResult) -> pd.DataFrame:
    cadence = follow_up.details["cadence"]
    cadence = cadence[cadence["status"] != "ok"]
    if cadence.empty:
        return pd.DataFrame()
    never = cadence["status"] == "never"
    last = format_distinct(cadence["last_contact"], lambda d: day(d) if pd.notna(d) else "")
    reasons = pd.Series(
        [
            f"Reconnect with {n}: no contact is logged yet and you planned every {c} days."
            if nv
            else f"Reconnect with {n}: last in touch {lc}, {plural(int(d), 'day')} past your "
            f"{c}-day cadence. A short check-in with something useful is enough."
            for n, c, nv, lc, d in zip(
                cadence["name"].tolist(),  # lists: iterating Arrow strings is slower
                cadence["cadence_days"].tolist(),
                never.tolist(),
                last.tolist(),
                cadence["days_overdue"].tolist(),
                strict=True,
            )
        ],
        index=cadence.index,
        dtype=object,
    )
    empty = pd.Series([()] * len(cadence), index=cadence.index, dtype=object)
    return _frame(cadence, "reconnect", reasons, cadence["days_overdue"], empty)


def _give_back_actions(reciprocity: ScoreResult) -> pd.DataFrame:
    per_contact = reciprocity.details["per_contact"]
    owed = per_contact[per_contact["one_way"] | per_contact["unreciprocated"]]
    if owed.empty:
        return pd.DataFrame()
    what = format_distinct(owed["asks"], lambda a: f"you asked them {times(a)}").where(
        owed["asks"] > 0, ""
    )
    helped = format_distinct(owed["received"], lambda r: f"they helped you {times(r)}")
    what = what.where(owed["received"] == 0, what.where(what == "", what + " and ") + helped)
    reasons = (
        "Offer " + owed["name"] + " something of value (an article, an introduction, "
        "congratulations): " + what + ", and you have given nothing back yet."
    )
    zero = pd.Series(0, index=owed.index)
    empty = pd.Series([()] * len(owed), index=owed.index, dtype=object)
    return _frame(owed, "give_back", reasons, zero, empty)


def build_next_actions(
    reciprocity: ScoreResult,
    follow_up: ScoreResult,
    lead_window_days: int,
    thanks_window_days: int,
    ask_window_days: int,
    *,
    memo: Memo | None = None,
    keys: dict[str, tuple] | None = None,
) -> pd.DataFrame:
    """All next actions, ranked (1 = do first).

    With a ``memo``, ``keys`` names what each source table depends on (``leads``, ``thanks``,
    ``over_contact``, ``cadence``, ``reciprocity``), and each kind of action is rebuilt only
    when its table's key changes.
    """
    keys = keys or {}
    parts = [
        compute(
            memo,
            "lead_actions",
            keys.get("leads"),
            lambda: _lead_actions(follow_up, lead_window_days),
        ),
        compute(
            memo,
            "thanks_actions",
            keys.get("thanks"),
            lambda: _thanks_actions(follow_up, thanks_window_days),
        ),
        compute(
            memo,
            "ease_off_actions",
            keys.get("over_contact"),
            lambda: _ease_off_actions(follow_up, ask_window_days),
        ),
        compute(
            memo, "reconnect_actions", keys.get("cadence"), lambda: _reconnect_actions(follow_up)
        ),
        compute(
            memo,
            "give_back_actions",
            keys.get("reciprocity"),
            lambda: _give_back_actions(reciprocity),
        ),
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    actions = pd.concat(parts, ignore_index=True)
    actions = actions.take(_ranked_order(actions)).reset_index(drop=True)
    actions.insert(0, "rank", range(1, len(actions) + 1))
    return actions[COLUMNS]
