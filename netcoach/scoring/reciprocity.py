"""Reciprocity: do you give at least as much as you ask?

Counts in the look-back window (see ``data/README.md`` for the kinds):

* ``G`` = gives (shared, congratulated, introduced, referred, helped),
* ``A`` = asks (for advice, an introduction, a referral, a job lead),
* per contact: gives, asks and help received.

Three components, each between 0 and 1:

* **balance** = ``min(1, 2G / (G + A))``: 1 once you give at least as often as you ask,
  0.5 when you give once for every three asks, 0 when you only ask. With no gives and
  no asks it is 0.5 (nothing to judge yet).
* **no one-way contacts** = ``1 - one_way / asked``: a one-way contact is someone you
  asked and never gave to in the window; ``asked`` is everyone you asked (1 if nobody).
* **help returned** = ``1 - unreturned / helpers``: an unreturned helper gave you help
  (any ``received_…`` row) and got no give back in the window (1 if nobody helped).

Score = ``100 × (0.5 × balance + 0.25 × no one-way + 0.25 × help returned)``, rounded.

Adding a give can only raise ``G`` and remove one-way or unreturned contacts, so it never
lowers the score; renaming contacts or shuffling rows changes nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from netcoach.schema import ASK_KINDS, GIVE_KINDS, RECEIVED_KINDS
from netcoach.scoring.results import Reason, ScoreResult
from netcoach.scoring.window import (
    CONTACT_CODE,
    ScoringInput,
    first_rows,
    frame,
    kind_groups,
    kind_mask,
)
from netcoach.scoring.wording import name_list, rows_phrase, take_texts
from netcoach.words import plural, verb, whole

WEIGHTS = {"balance": 0.5, "no_one_way": 0.25, "help_returned": 0.25}


def per_contact_counts(data: ScoringInput) -> tuple[pd.DataFrame, dict[str, Any], np.ndarray]:
    """Name, gives, asks and help received per contact in the window (contacts with any),
    sorted by contact id; the same columns as arrays (reading them back from the table costs
    more than the sums); and each row's contact code."""
    window, n_ids = data.window, len(data.contact_ids)
    columns = {"gives": GIVE_KINDS, "asks": ASK_KINDS, "received": RECEIVED_KINDS}
    # One count over (contact, group) pairs: the three groups of kinds do not overlap.
    group = kind_groups(window, tuple(columns.values()))
    pairs = window[CONTACT_CODE].astype("int64") * (len(columns) + 1) + group
    table = np.bincount(pairs, minlength=n_ids * (len(columns) + 1)).reshape(
        n_ids, len(columns) + 1
    )
    counts = {column: table[:, i].astype("int64") for i, column in enumerate(columns)}
    kept = np.flatnonzero(counts["gives"] + counts["asks"] + counts["received"] > 0)
    gives, asks, received = (counts[c][kept] for c in columns)
    arrays = {
        "contact_id": take_texts(data.contact_ids.array, kept),
        "name": data.names_for(kept),
        "gives": gives,
        "asks": asks,
        "received": received,
        "one_way": (asks > 0) & (gives == 0),
        "unreciprocated": (received > 0) & (gives == 0),
    }
    return frame(arrays), arrays, kept


def balance(gives: int, asks: int) -> float:
    """``min(1, 2G/(G+A))``, 0.5 when there is nothing to judge."""
    if gives + asks == 0:
        return 0.5
    return min(1.0, 2.0 * gives / (gives + asks))


def score_reciprocity(data: ScoringInput) -> ScoreResult:
    """Reciprocity score, components, reasons and the per-contact table."""
    return reciprocity_with_columns(data)[0]


def reciprocity_with_columns(data: ScoringInput) -> tuple[ScoreResult, dict[str, Any]]:
    """:func:`score_reciprocity`, and its per-contact table's columns as arrays (the next
    actions read them)."""
    per_contact, arrays, codes = per_contact_counts(data)

    g, a = int(arrays["gives"].sum()), int(arrays["asks"].sum())
    asked = int(np.count_nonzero(arrays["asks"]))
    helpers = int(np.count_nonzero(arrays["received"]))
    one_way = int(np.count_nonzero(arrays["one_way"]))
    unreturned = int(np.count_nonzero(arrays["unreciprocated"]))

    components = {
        "gives": g,
        "asks": a,
        "balance": balance(g, a),
        "one_way_contacts": one_way,
        "asked_contacts": asked,
        "no_one_way": 1.0 - one_way / asked if asked else 1.0,
        "unreturned_helpers": unreturned,
        "helpers": helpers,
        "help_returned": 1.0 - unreturned / helpers if helpers else 1.0,
    }
    raw = 100 * sum(w * components[k] for k, w in WEIGHTS.items())
    components["raw_score"] = raw
    reasons = _reasons(data, arrays, codes, g, a, asked, helpers)
    result = ScoreResult(
        "reciprocity", whole(raw), components, reasons, {"per_contact": per_contact}
    )
    return result, arrays


def _rows_for(data: ScoringInput, codes: np.ndarray, kinds: tuple[str, ...]) -> np.ndarray:
    """Window rows of these kinds with the contacts of these codes, in window order."""
    wanted = np.zeros(len(data.contact_ids), dtype=bool)
    wanted[codes] = True
    window = data.window
    of_kind = data.rows_of_kinds("window", kinds)
    kept = of_kind[wanted.take(window[CONTACT_CODE].take(of_kind))]
    return window["row"].take(kept)


def _ratio_text(gives: int, asks: int) -> str:
    """'no gives', '1.5 gives for every ask', or, with fewer than one give in ten asks (which
    could show as '0.0 gives for every ask'), '1 give for every 26 asks'."""

    if gives == 0:
        return "no gives"
    if asks == 0:
        return "no asks"
    if 10 * gives < asks:
        return f"1 give for every {whole(asks / gives)} asks"
    return f"{gives / asks:.1f} gives for every ask"


def _of_those(count: int, total: int) -> str:
    """'3 of the 8 people', or 'the one person' when there is only one."""
    if total == 1:
        return "the one person"
    return f"{count} of the {plural(total, 'person', 'people')}"


def _reasons(
    data: ScoringInput,
    per_contact: dict[str, Any],
    codes: np.ndarray,
    g: int,
    a: int,
    asked: int,
    helpers: int,
) -> list[Reason]:
    window, days = data.window, plural(data.settings.lookback_days, "day")  # '365 days'
    names = per_contact["name"]
    one_way = np.flatnonzero(per_contact["one_way"])
    unreturned = np.flatnonzero(per_contact["unreciprocated"])
    reasons: list[Reason] = []
    if g + a == 0:
        reasons.append(
            Reason(
                f"No gives or asks are logged in the last {days}, so the balance part "
                "of this score counts as half."
            )
        )
    else:
        ratio = _ratio_text(g, a)
        verdict = "at or above" if g >= a else "below"
        reasons.append(
            Reason(
                f"In the last {days} you logged {plural(g, 'give')} and "
                f"{plural(a, 'ask')} ({ratio}): {verdict} the aim of giving at least as "
                "often as you ask.",
                tuple(first_rows(window, lambda w: kind_mask(w, GIVE_KINDS + ASK_KINDS), 20)),
                row_count=g + a,
            )
        )
    if len(one_way):
        rows = _rows_for(data, codes[one_way], ASK_KINDS)
        reasons.append(
            Reason(
                f"You asked {name_list(names, at=one_way)} for something and gave "
                f"nothing back ({_of_those(len(one_way), asked)} you asked) {rows_phrase(rows)}.",
                tuple(rows.tolist()),
            )
        )
    elif asked:
        everyone = (
            "The one person you asked has" if asked == 1 else f"Everyone you asked ({asked}) has"
        )
        reasons.append(Reason(f"{everyone} also had something from you."))
    if len(unreturned):
        rows = _rows_for(data, codes[unreturned], RECEIVED_KINDS)
        reasons.append(
            Reason(
                f"{name_list(names, at=unreturned)} helped you and "
                f"{verb(len(unreturned), 'has', 'have')} had nothing back yet "
                f"({_of_those(len(unreturned), helpers)} who helped you) {rows_phrase(rows)}.",
                tuple(rows.tolist()),
            )
        )
    elif helpers:
        everyone = "the one person" if helpers == 1 else f"all {helpers} people"
        reasons.append(Reason(f"You have given something back to {everyone} who helped you."))
    return reasons
