"""Scoring: pure functions from a network log and an "as of" date to a :class:`Report`.

>>> report = score_log(log, as_of="2025-09-30")      # doctest: +SKIP
>>> report.reciprocity.score, report.next_actions.head()  # doctest: +SKIP

The formulas are written in each module's docstring (and explained in the book chapter
"Measuring your network"): :mod:`~netcoach.scoring.reciprocity`,
:mod:`~netcoach.scoring.channel_mix`, :mod:`~netcoach.scoring.follow_up`,
:mod:`~netcoach.scoring.next_actions`. The **overall** score is the weighted mean of the
three (``Settings.weights``, equal by default), rounded (halves up, as on paper).

Nothing here reads the clock: without ``as_of``, the log folder's ``settings.toml`` must
give one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from netcoach.log import NetworkLog
from netcoach.scoring.channel_mix import score_channel_mix
from netcoach.scoring.follow_up import (
    follow_up_keys,
    follow_up_tables,
    over_asked,
    score_follow_up,
)
from netcoach.scoring.memo import Memo, compute
from netcoach.scoring.next_actions import build_next_actions
from netcoach.scoring.reciprocity import reciprocity_with_columns
from netcoach.scoring.results import Reason, Report, ScoreResult, nothing_logged
from netcoach.scoring.window import later_contact_ids, prepare, to_timestamp
from netcoach.settings import Settings, as_of_problem
from netcoach.words import names_text, whole

__all__ = [
    "Memo",
    "Reason",
    "Report",
    "ScoreResult",
    "Scorer",
    "overall_score",
    "score_log",
]


def overall_score(parts: list[ScoreResult], settings: Settings) -> ScoreResult:
    """Weighted mean of the three scores, with the strongest and weakest named.

    The reason says "the average of reciprocity 25, ..." when the weights are equal (as by
    default; the book quotes that sentence) and "a weighted average of reciprocity 25
    (weight 0, not counted), ..." when they are not. A score with weight 0 does not count,
    so it is never named as the strongest area or the one to work on first.
    """
    top_weight = max(settings.weights[p.name] for p in parts)
    # (scaled so the largest weight is 1: weights of 1e308 would otherwise add up to inf)
    weights = {p.name: settings.weights[p.name] / top_weight for p in parts}
    total = sum(weights.values())
    raw = sum(weights[p.name] * p.components["raw_score"] for p in parts) / total
    if len({settings.weights[p.name] for p in parts}) == 1:
        listed = ", ".join(f"{p.title.lower()} {p.score}" for p in parts)
        reasons = [Reason(f"The overall score is the average of {listed}.")]
    else:
        listed = ", ".join(
            f"{p.title.lower()} {p.score} ({_weight_text(settings.weights[p.name])})" for p in parts
        )
        reasons = [Reason(f"The overall score is a weighted average of {listed}.")]
    counted = [p for p in parts if weights[p.name] > 0]
    if nothing_logged(parts):
        reasons.append(
            Reason(
                "Nothing is logged for this period yet, so these scores are only a starting "
                "point: log a few conversations and score again to see your real strengths."
            )
        )
    elif len({p.score for p in counted}) > 1:
        reasons.append(Reason(_strongest_and_weakest(counted)))
    components = {f"{p.name}": float(p.components["raw_score"]) for p in parts}
    components["raw_score"] = raw
    return ScoreResult("overall", whole(raw), components, reasons)


def _weight_text(weight: float) -> str:
    """'weight 2', 'weight 0.5', or 'weight 0, not counted'."""
    return f"weight {weight:g}" + (", not counted" if weight == 0 else "")


def _strongest_and_weakest(parts: list[ScoreResult]) -> str:
    """'Your strongest area is X; the one to work on first is Y.', by the scores as shown
    (out of 100): areas that share the top or the bottom score are named together, in the
    report's order, never one of them picked by its name."""
    top, bottom = max(p.score for p in parts), min(p.score for p in parts)
    best = [p.title.lower() for p in parts if p.score == top]
    worst = [p.title.lower() for p in parts if p.score == bottom]
    strongest = (
        f"Your strongest area is {best[0]}"
        if len(best) == 1
        else f"Your strongest areas are {names_text(best)}, {_tied(best, top)}"
    )
    if len(worst) == 1:
        return f"{strongest}; the one to work on first is {worst[0]}."
    return f"{strongest}; {names_text(worst)} tie as the ones to work on, {_tied(worst, bottom)}."


def _tied(titles: list[str], score: int) -> str:
    return f"{'both' if len(titles) == 2 else 'all'} at {score}"


def score_log(
    log: NetworkLog,
    as_of: dt.date | str | pd.Timestamp | None = None,
    settings: Settings | None = None,
    *,
    memo: Memo | None = None,
) -> Report:
    """Score a log as it stood on ``as_of`` (default: the folder's ``settings.toml``).

    ``memo`` (one per log; see :class:`Scorer`) lets repeated calls with changed settings
    reuse every part whose settings did not change. The result is the same either way.
    """
    as_of = as_of if as_of is not None else log.folder_settings.as_of
    if as_of is None:
        raise ValueError(
            "choose an 'as of' date: pass as_of=..., or set as_of in the folder's settings.toml"
        )
    settings = settings or log.folder_settings.scoring
    day = to_timestamp(as_of)
    problem = as_of_problem(day.date())
    if problem:
        raise ValueError(f"the 'as of' date {day.date().isoformat()} {problem}")
    window_key = (day, settings.lookback_days)
    prepared = compute(memo, "prepare", window_key, lambda: prepare(log, as_of, settings))
    data = dataclasses.replace(prepared, settings=settings)
    reciprocity, per_contact = compute(
        memo, "reciprocity", window_key, lambda: reciprocity_with_columns(data)
    )
    channel_mix = compute(
        memo,
        "channel_mix",
        (*window_key, settings.rich_channel_target),
        lambda: score_channel_mix(data),
    )
    keys = follow_up_keys(data)
    asked_too_often = compute(memo, "over_contact", keys["over_contact"], lambda: over_asked(data))
    tables = follow_up_tables(data, memo)
    follow_up = score_follow_up(data, tables, asked_too_often)
    overall = overall_score([reciprocity, channel_mix, follow_up], settings)
    actions = build_next_actions(
        per_contact,
        tables,
        settings.lead_follow_up_days,
        settings.thanks_days,
        settings.ask_window_days,
        asked_too_often,
        recent_from=(data.as_of - pd.Timedelta(days=settings.ask_window_days - 1)).to_datetime64(),
        memo=memo,
        keys={**keys, "reciprocity": window_key},
        later_ids=compute(memo, "later_ids", day, lambda: later_contact_ids(log, day)),
        as_of=data.as_of.date(),
    )
    return Report(
        as_of=data.as_of.date(),
        settings=settings,
        reciprocity=reciprocity,
        channel_mix=channel_mix,
        follow_up=follow_up,
        overall=overall,
        next_actions=actions,
    )


class Scorer:
    """Score one log again and again, as the widget's sliders do, reusing unchanged parts.

    >>> scorer = Scorer(log)                                          # doctest: +SKIP
    >>> scorer.score(settings=Settings(lead_follow_up_days=10))       # doctest: +SKIP
    """

    def __init__(self, log: NetworkLog, max_entries: int = 256) -> None:
        self.log = log
        self.memo = Memo(max_entries)

    def score(
        self,
        as_of: dt.date | str | pd.Timestamp | None = None,
        settings: Settings | None = None,
    ) -> Report:
        """The same report as ``score_log(self.log, as_of, settings)``."""
        return score_log(self.log, as_of, settings, memo=self.memo)
