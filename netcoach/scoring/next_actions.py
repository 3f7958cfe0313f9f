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

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netcoach.scoring.memo import Memo, compute
from netcoach.scoring.results import ScoreResult
from netcoach.scoring.wording import (
    day,
    format_distinct,
    join_texts,
    plural,
    rows_phrases,
    times,
)

URGENCY = {"follow_up_lead": 5, "send_thanks": 4, "ease_off": 3, "reconnect": 2, "give_back": 1}
COLUMNS = ["rank", "contact_id", "name", "action", "reason", "days_overdue", "priority", "rows"]


def _frame(
    rows: pd.DataFrame,
    action: str,
    reasons: pa.Array,
    days: np.ndarray | int,
    refs: Sequence[tuple[int, ...]] | None = None,
) -> pd.DataFrame:
    """One kind of action: ``rows`` gives contact_id and name, ``refs`` each action's rows
    (none when ``None``)."""
    days_overdue = np.broadcast_to(np.asarray(days, dtype="int64"), len(rows))
    refs = [()] * len(rows) if refs is None else refs
    return pd.DataFrame(
        {
            "contact_id": rows["contact_id"].array,
            "name": rows["name"].array,
            "action": action,
            "reason": pd.array(reasons, dtype="str"),
            "days_overdue": days_overdue,
            "priority": URGENCY[action] + np.minimum(days_overdue, 365) / 366,
            "rows": np.fromiter(refs, dtype=object, count=len(rows)),
        }
    )


def _ranked_order(actions: pd.DataFrame) -> np.ndarray:
    """Highest priority first, then name and contact id (A to Z), ties kept in order: one
    stable Arrow sort on the three columns."""
    table = pa.table(
        {
            "priority": actions["priority"].to_numpy(),
            "name": pa.array(actions["name"].array),
            "contact_id": pa.array(actions["contact_id"].array),
        }
    )
    keys = [("priority", "descending"), ("name", "ascending"), ("contact_id", "ascending")]
    return pc.sort_indices(table, sort_keys=keys).to_numpy()


def _rows_per_group(codes: np.ndarray, rows: np.ndarray) -> list[tuple[int, ...]]:
    """Each group's rows as a sorted tuple, groups in code order (codes ``0..n-1``): one
    sort and one split instead of a Python call per group."""
    ordered = rows[np.lexsort((rows, codes))].tolist()
    ends = np.cumsum(np.bincount(codes)).tolist()
    return [tuple(ordered[start:end]) for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _overdue(table: pd.DataFrame) -> pd.DataFrame:
    return table[(table["status"] == "overdue").to_numpy()]


def _days_text(days: pd.Series | np.ndarray) -> pa.Array:
    return format_distinct(days, lambda d: plural(int(d), "day"))


def _lead_actions(follow_up: ScoreResult, window_days: int) -> pd.DataFrame:
    leads = _overdue(follow_up.details["leads"])
    if leads.empty:
        return pd.DataFrame()
    refs = [(r,) for r in leads["row"].tolist()]
    reasons = join_texts(
        "Follow up the job lead ",
        leads["name"],
        " gave you on ",
        format_distinct(leads["date"], day),
        ": ",
        _days_text(leads["days_overdue"]),
        f" past the {window_days}-day window. If it is not for you, tell them why ",
        rows_phrases(refs),
        ".",
    )
    return _frame(leads, "follow_up_lead", reasons, leads["days_overdue"], refs)


def _thanks_actions(follow_up: ScoreResult, window_days: int) -> pd.DataFrame:
    thanks = _overdue(follow_up.details["thanks"])
    if thanks.empty:
        return pd.DataFrame()
    per_person, codes = _per_person(thanks)
    refs = _rows_per_group(codes, thanks["row"].to_numpy("int64"))
    reasons = join_texts(
        "Thank ",
        per_person["name"],
        " for ",
        format_distinct(
            per_person["items"], lambda n: "their help" if n == 1 else f"{n} pieces of help"
        ),
        " (since ",
        format_distinct(per_person["first"], day),
        "): ",
        _days_text(per_person["days_overdue"]),
        f" past the {window_days}-day thanks window ",
        rows_phrases(refs),
        ".",
    )
    return _frame(per_person, "send_thanks", reasons, per_person["days_overdue"], refs)


def _per_person(thanks: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Per contact, in order of first appearance: contact_id, name (first), items (count),
    first (earliest date), days_overdue (largest); and each row's position in that table."""
    codes, ids = pd.factorize(thanks["contact_id"])
    order = np.argsort(codes, kind="stable")
    items = np.bincount(codes)
    starts = np.r_[0, np.cumsum(items)[:-1]]
    firsts = order[starts]
    table = pd.DataFrame(
        {
            "contact_id": ids.array,
            "name": thanks["name"].array.take(firsts),
            "items": items,
            "first": np.minimum.reduceat(thanks["date"].to_numpy()[order], starts),
            "days_overdue": np.maximum.reduceat(
                thanks["days_overdue"].to_numpy("int64")[order], starts
            ),
        }
    )
    return table, codes


def _ease_off_actions(follow_up: ScoreResult, ask_window_days: int) -> pd.DataFrame:
    flagged = follow_up.details["over_contact"]
    if flagged.empty:
        return pd.DataFrame()
    refs = flagged["rows"].tolist()
    reasons = join_texts(
        "Give ",
        flagged["name"],
        " some room: you asked them ",
        format_distinct(flagged["asks_in_window"], times),
        f" within {ask_window_days} days. Next time, offer something before you ask ",
        rows_phrases(refs),
        ".",
    )
    return _frame(flagged, "ease_off", reasons, 0, refs)


def _reconnect_actions(follow_up: ScoreResult) -> pd.DataFrame:
    cadence = follow_up.details["cadence"]
    cadence = cadence[(cadence["status"] != "ok").to_numpy()]
    if cadence.empty:
        return pd.DataFrame()
    every = format_distinct(cadence["cadence_days"], str)
    never = join_texts("no contact is logged yet and you planned every ", every, " days.")
    since = join_texts(
        "last in touch ",
        format_distinct(cadence["last_contact"], lambda d: day(d) if pd.notna(d) else ""),
        ", ",
        _days_text(cadence["days_overdue"]),
        " past your ",
        every,
        "-day cadence. A short check-in with something useful is enough.",
    )
    is_never = (cadence["status"] == "never").to_numpy()
    reasons = join_texts(
        "Reconnect with ", cadence["name"], ": ", pc.if_else(is_never, never, since)
    )
    return _frame(cadence, "reconnect", reasons, cadence["days_overdue"])


def _give_back_actions(reciprocity: ScoreResult) -> pd.DataFrame:
    per_contact = reciprocity.details["per_contact"]
    owed = per_contact[(per_contact["one_way"] | per_contact["unreciprocated"]).to_numpy()]
    if owed.empty:
        return pd.DataFrame()
    # What was asked and received, told once per distinct (asks, received) pair.
    pairs = owed["asks"].to_numpy("int64") << 32 | owed["received"].to_numpy("int64")
    what = format_distinct(pairs, lambda pair: _asked_and_helped(pair >> 32, pair & 0xFFFFFFFF))
    reasons = join_texts(
        "Offer ",
        owed["name"],
        " something of value (an article, an introduction, congratulations): ",
        what,
        ", and you have given nothing back yet.",
    )
    return _frame(owed, "give_back", reasons, 0)


def _asked_and_helped(asks: int, received: int) -> str:
    """'you asked them twice and they helped you once' (either part left out at zero)."""
    parts = [f"you asked them {times(asks)}"] if asks else []
    if received:
        parts.append(f"they helped you {times(received)}")
    return " and ".join(parts)


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
