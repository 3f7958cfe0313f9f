"""The ranked next-actions list: what to do this week, person by person.

Actions, most urgent kind first (the ``URGENCY`` order):

1. ``follow_up_lead``: a job lead past its follow-up window with no follow-up.
2. ``send_thanks``: help past its thanks window with no thank-you (one per person).
3. ``ease_off``: someone you asked too often in a short span; give them room. For someone
   also past their stay-in-touch cadence, only one of the two is given: room while the asks
   that were too many are recent (within the last ask window), else the reconnect advice
   (they have heard nothing from you since) (:func:`_silent_and_recent`).
4. ``reconnect``: someone past their stay-in-touch cadence (or never contacted).
5. ``give_back``: someone you asked, or who helped you, who has had nothing from you.

Within a kind, the most overdue comes first, then the name (A to Z, ignoring case and
accents: :func:`~netcoach.scoring.wording.name_sort_keys`) to keep ties stable.
``priority`` = urgency + ``min(days_overdue, 365) / 366``, so it only orders within a kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netcoach.scoring.follow_up import (
    CADENCE_OK,
    CADENCE_OVERDUE,
    NEVER,
    OVERDUE,
    Columns,
    OverAsked,
    Table,
)
from netcoach.scoring.memo import Memo, compute
from netcoach.scoring.window import CONTACT_CODE, frame
from netcoach.scoring.wording import (
    TEXT,
    as_text,
    day,
    format_days,
    format_distinct,
    join_texts,
    name_sort_keys,
    pick,
    rows_phrases,
    rows_phrases_of_runs,
    runs_as_tuples,
    take_texts,
    text_array,
)
from netcoach.words import plural, times

URGENCY = {"follow_up_lead": 5, "send_thanks": 4, "ease_off": 3, "reconnect": 2, "give_back": 1}
COLUMNS = ["rank", "contact_id", "name", "action", "reason", "days_overdue", "priority", "rows"]


Part = dict[str, Any]
"""One kind of action, column by column (``_part``): built into the table once, ranked."""


def _part(
    rows: Mapping[str, Any],
    action: str,
    reasons: pa.Array,
    days: Any,
    refs: Sequence[tuple[int, ...]] | None = None,
) -> Part:
    """One kind of action: ``rows`` gives contact_id and name, ``refs`` each action's rows
    (none when ``None``)."""
    n = len(reasons)
    return {
        "contact_id": pa.array(rows["contact_id"]),
        "name": pa.array(rows["name"]),
        "action": pa.repeat(pa.scalar(action, TEXT), n),
        "reason": reasons,
        "days_overdue": np.broadcast_to(np.asarray(days, dtype="int64"), n),
        "urgency": np.full(n, URGENCY[action]),
        "rows": np.fromiter([()] * n if refs is None else refs, object, n),
    }


def _ranked_table(parts: list[Part]) -> pd.DataFrame:
    """All parts in one table, highest priority first, then name (A to Z, ignoring case and
    accents; names alike that way by their text) and contact id, ties kept in order (one
    stable Arrow sort); ``rank`` numbers the rows."""
    columns = {c: _joined([p[c] for p in parts]) for c in parts[0]}
    days = columns["days_overdue"]
    priority = columns.pop("urgency") + np.minimum(days, 365) / 366
    names = columns["name"]
    order = pc.sort_indices(
        pa.table(
            {"p": priority, "k": name_sort_keys(names), "n": names, "c": columns["contact_id"]}
        ),
        sort_keys=[("p", "descending"), ("k", "ascending"), ("n", "ascending"), ("c", "ascending")],
    ).to_numpy()
    table = {"rank": np.arange(1, len(order) + 1), **{c: v.take(order) for c, v in columns.items()}}
    table["priority"] = priority.take(order)
    for text in ("contact_id", "name", "action", "reason"):
        table[text] = text_array(table[text])
    return frame({c: table[c] for c in COLUMNS})  # no columns=: that reindexes


def _joined(arrays: list[Any]) -> Any:
    """Arrays of one column, end to end (Arrow text arrays stay Arrow)."""
    if isinstance(arrays[0], pa.Array):
        return pa.concat_arrays([as_text(a) for a in arrays])  # one array: quicker to take
    return np.concatenate(arrays)


def _rows_per_group(codes: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each group's rows, sorted, groups end to end in code order (codes ``0..n-1``), and
    how many rows each group has (for :func:`runs_as_tuples`): one sort, no call per group."""
    return rows[np.lexsort((rows, codes))], np.bincount(codes)


class _Rows(dict):
    """The ``columns`` (arrays) at positions ``kept``, each taken when first read."""

    def __init__(self, columns: Mapping[str, Any], kept: np.ndarray) -> None:
        super().__init__()
        self.columns, self.kept = columns, kept

    def __missing__(self, column: str) -> Any:
        self[column] = taken = take_texts(self.columns[column], self.kept)
        return taken

    def at(self, column: str, positions: np.ndarray) -> Any:
        """``self[column].take(positions)``, taken straight from the table (one take)."""
        return take_texts(self.columns[column], self.kept[positions])


def _with_status(table: Table, code: int, wanted: bool = True) -> _Rows:
    """The rows of a follow-up table whose status code is (``wanted``) or is not ``code``."""
    columns = table[1]
    return _Rows(columns, np.flatnonzero((columns["code"] == code) == wanted))


def _days_text(days: pd.Series | np.ndarray) -> pa.Array:
    return format_distinct(days, lambda d: plural(int(d), "day"))


def _lead_actions(leads: Table, window_days: int) -> Part | None:
    leads = _with_status(leads, OVERDUE)
    if not len(leads["row"]):
        return None
    refs = [(r,) for r in np.asarray(leads["row"]).tolist()]
    reasons = join_texts(
        "Follow up the job lead ",
        leads["name"],
        " gave you on ",
        format_days(leads["date"]),
        ": ",
        _days_text(leads["days_overdue"]),
        f" past the {window_days}-day window. If it is not for you, tell them why ",
        rows_phrases(refs),
        ".",
    )
    return _part(leads, "follow_up_lead", reasons, leads["days_overdue"], refs)


def _thanks_actions(thanks: Table, window_days: int) -> Part | None:
    thanks = _with_status(thanks, OVERDUE)
    if not len(thanks["row"]):
        return None
    per_person, codes = _per_person(thanks)
    ordered, counts = _rows_per_group(codes, np.asarray(thanks["row"], dtype="int64"))
    refs = runs_as_tuples(ordered, counts)
    reasons = join_texts(
        "Thank ",
        per_person["name"],
        " for ",
        format_distinct(
            per_person["items"], lambda n: "their help" if n == 1 else f"{n} pieces of help"
        ),
        " (since ",
        format_days(per_person["first"]),
        "): ",
        _days_text(per_person["days_overdue"]),
        f" past the {window_days}-day thanks window ",
        rows_phrases_of_runs(ordered, counts),
        ".",
    )
    return _part(per_person, "send_thanks", reasons, per_person["days_overdue"], refs)


def _per_person(thanks: _Rows) -> tuple[dict[str, Any], np.ndarray]:
    """Per contact, in order of first appearance: contact_id, name (first), items (count),
    first (earliest date), days_overdue (largest); and each row's position in that table."""
    codes = pd.factorize(thanks[CONTACT_CODE])[0]
    order = np.argsort(codes, kind="stable")
    items = np.bincount(codes)
    starts = np.r_[0, np.cumsum(items)[:-1]]
    firsts = order[starts]
    table = {
        "contact_id": thanks.at("contact_id", firsts),
        "name": thanks.at("name", firsts),
        "items": items,
        "first": np.minimum.reduceat(thanks["date"][order], starts),
        "days_overdue": np.maximum.reduceat(thanks["days_overdue"][order], starts),
    }
    return table, codes


def _silent_and_recent(
    asked_too_often: OverAsked, cadence: Table, recent_from: np.datetime64 | None
) -> tuple[np.ndarray, pa.Array]:
    """Of the contacts asked too often, which get "give room" (positions in the flagged
    table), and the ids of those whose "reconnect" gives way to it.

    Giving room and getting back in touch cannot both be right. For someone also past
    their stay-in-touch cadence: when the asks that were too many came within the last
    ask window (from ``recent_from`` on), they have heard from you lately, so room wins and
    the reconnect is dropped (the latest span of too many asks counts, not the worst);
    when they came earlier, you have gone quiet since, so the
    reconnect wins. Either way the over-asking still counts in the follow-up score."""
    _, flagged, _ = asked_too_often
    everyone = np.arange(len(flagged["rows"]))
    columns = cadence[1]
    overdue = np.asarray(columns["code"]) == CADENCE_OVERDUE
    if not len(everyone) or not overdue.any():
        return everyone, pa.array([], pa.string())
    silent_ids = pa.array(take_texts(columns["contact_id"], np.flatnonzero(overdue)))
    flagged_ids = pa.array(flagged["contact_id"])
    silent = pc.is_in(flagged_ids, value_set=silent_ids).to_numpy(zero_copy_only=False)
    recent = np.ones(len(everyone), dtype=bool)
    if recent_from is not None:
        recent = np.asarray(flagged["last_over_ask"], dtype="M8[ns]") >= recent_from
    kept = np.flatnonzero(~silent | recent)
    return kept, flagged_ids.filter(pa.array(silent & recent))


def _ease_off_actions(
    asked_too_often: OverAsked,
    ask_window_days: int,
    cadence: Table,
    recent_from: np.datetime64 | None = None,
) -> Part | None:
    """'Give them some room', for each contact asked too often, unless they are past their
    cadence and the asks came before the last ask window (:func:`_silent_and_recent`)."""
    _, flagged, rows_texts = asked_too_often
    if not len(flagged["rows"]):
        return None
    kept, _ = _silent_and_recent(asked_too_often, cadence, recent_from)
    if not len(kept):
        return None
    if len(kept) < len(flagged["rows"]):
        flagged = _Rows(flagged, kept)
        rows_texts = rows_texts.take(kept)
    refs = list(flagged["rows"])
    reasons = join_texts(
        "Give ",
        flagged["name"],
        " some room: you asked them ",
        format_distinct(flagged["asks_in_window"], times),
        f" within {plural(ask_window_days, 'day')}. Next time, offer something before you ask ",
        rows_texts,
        ".",
    )
    return _part(flagged, "ease_off", reasons, 0, refs)


NOTHING_YET = "no contact is logged yet"


def _nothing_yet(
    contact_ids: Any, later_ids: pa.Array | None, as_of: dt.date | None
) -> str | pa.Array:
    """How a contact with nothing logged is described: 'no contact is logged yet', or, for
    one whose rows are all dated after ``as_of`` (``later_ids``), 'nothing is logged up to
    31 Mar 2025 (later rows are not counted yet)'. One Arrow look-up, no loop per row."""
    if later_ids is None or as_of is None or not len(later_ids):
        return NOTHING_YET
    later = pc.is_in(pa.array(contact_ids), value_set=later_ids).to_numpy(zero_copy_only=False)
    up_to = f"nothing is logged up to {day(as_of)} (later rows are not counted yet)"
    return pick(later, up_to, NOTHING_YET)


def _reconnect_actions(
    cadence: Table,
    asked_too_often: OverAsked | None = None,
    recent_from: np.datetime64 | None = None,
    later_ids: pa.Array | None = None,
    as_of: dt.date | None = None,
) -> Part | None:
    """'Reconnect with ...' for each contact past their cadence or never contacted, but not
    for one just asked too often (:func:`_silent_and_recent`: room wins). ``later_ids``:
    the contacts with rows dated after ``as_of``, so a contact with nothing logged up to
    then is not said to have none at all (:func:`_nothing_yet`)."""
    columns = cadence[1]
    wanted = np.asarray(columns["code"]) != CADENCE_OK
    if asked_too_often is not None:
        _, given_room = _silent_and_recent(asked_too_often, cadence, recent_from)
        if len(given_room):
            ids = pa.array(columns["contact_id"])
            wanted &= ~pc.is_in(ids, value_set=given_room).to_numpy(zero_copy_only=False)
    cadence = _Rows(columns, np.flatnonzero(wanted))
    if not len(cadence["code"]):
        return None
    every = format_distinct(cadence["cadence_days"], str)
    never = join_texts(
        _nothing_yet(cadence["contact_id"], later_ids, as_of),
        " and you planned every ",
        _days_text(cadence["cadence_days"]),
        ".",
    )
    since = join_texts(
        "last in touch ",
        format_days(cadence["last_contact"]),
        ", ",
        _days_text(cadence["days_overdue"]),
        " past your ",
        every,
        "-day cadence. A short check-in with something useful is enough.",
    )
    is_never = cadence["code"] == NEVER
    reasons = join_texts("Reconnect with ", cadence["name"], ": ", pick(is_never, never, since))
    return _part(cadence, "reconnect", reasons, cadence["days_overdue"])


def _give_back_actions(per_contact: Columns) -> Part | None:
    owed = _Rows(
        per_contact, np.flatnonzero(per_contact["one_way"] | per_contact["unreciprocated"])
    )
    if not len(owed["asks"]):
        return None
    # What was asked and received, told once per distinct (asks, received) pair.
    pairs = np.asarray(owed["asks"], dtype="int64") << 32 | np.asarray(owed["received"], "int64")
    what = format_distinct(pairs, lambda pair: _asked_and_helped(pair >> 32, pair & 0xFFFFFFFF))
    reasons = join_texts(
        "Offer ",
        owed["name"],
        " something of value (an article, an introduction, congratulations): ",
        what,
        ", and you have given nothing back yet.",
    )
    return _part(owed, "give_back", reasons, 0)


def _asked_and_helped(asks: int, received: int) -> str:
    """'you asked them twice and they helped you once' (either part left out at zero)."""
    parts = [f"you asked them {times(asks)}"] if asks else []
    if received:
        parts.append(f"they helped you {times(received)}")
    return " and ".join(parts)


def build_next_actions(
    per_contact: Columns,
    follow_up: Mapping[str, Table],
    lead_window_days: int,
    thanks_window_days: int,
    ask_window_days: int,
    asked_too_often: OverAsked,
    *,
    recent_from: np.datetime64 | None = None,
    memo: Memo | None = None,
    keys: dict[str, tuple] | None = None,
    later_ids: pa.Array | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """All next actions, ranked (1 = do first), from the reciprocity score's per-contact
    columns (:func:`~netcoach.scoring.reciprocity.reciprocity_with_columns`), the follow-up's
    leads, thanks and cadence tables (:func:`~netcoach.scoring.follow_up.follow_up_tables`)
    and ``asked_too_often``, its :func:`~netcoach.scoring.follow_up.over_asked` (rows
    already phrased).

    With a ``memo``, ``keys`` names what each source table depends on (``leads``, ``thanks``,
    ``over_contact``, ``cadence``, ``reciprocity``), and each kind of action is rebuilt only
    when its table's key changes. ``later_ids`` (the contacts with rows dated after
    ``as_of``) words the reconnect advice for a contact with nothing logged up to then.
    """
    keys = keys or {}
    parts = [
        compute(
            memo,
            "lead_actions",
            keys.get("leads"),
            lambda: _lead_actions(follow_up["leads"], lead_window_days),
        ),
        compute(
            memo,
            "thanks_actions",
            keys.get("thanks"),
            lambda: _thanks_actions(follow_up["thanks"], thanks_window_days),
        ),
        compute(
            memo,
            "ease_off_actions",
            (keys.get("over_contact"), keys.get("cadence")),
            lambda: _ease_off_actions(
                asked_too_often, ask_window_days, follow_up["cadence"], recent_from
            ),
        ),
        compute(
            memo,
            "reconnect_actions",
            (keys.get("cadence"), keys.get("over_contact")),
            lambda: _reconnect_actions(
                follow_up["cadence"], asked_too_often, recent_from, later_ids, as_of
            ),
        ),
        compute(
            memo,
            "give_back_actions",
            keys.get("reciprocity"),
            lambda: _give_back_actions(per_contact),
        ),
    ]
    parts = [p for p in parts if p is not None]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return _ranked_table(parts)
