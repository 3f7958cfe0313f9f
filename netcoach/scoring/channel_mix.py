"""Channel mix: how much of your contact carries a voice or a face?

Rich channels (in person, event, video, phone) let people read each other; lean ones
(email, social, text) carry less (Daft and Lengel's media richness). In the look-back
window:

* ``rich_share`` = rich interactions / all interactions;
* score = ``100 × min(1, rich_share / target)``, rounded (target: ``rich_channel_target``,
  half by default). No interactions at all scores 0.

The month-by-month table shows the trend; the reasons compare the last three months
with the three before them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from netcoach.schema import CHANNEL_LABELS, CHANNELS, RICH_CHANNELS
from netcoach.scoring.results import Reason, ScoreResult
from netcoach.scoring.window import (
    CHANNEL_CODE,
    Rows,
    ScoringInput,
    channel_mask,
    first_rows,
    frame,
)
from netcoach.scoring.wording import texts
from netcoach.words import names_text, percent, plural, whole

TREND_MONTHS = 3
RICH_CODES = [CHANNELS.index(c) for c in RICH_CHANNELS]
"""The positions of the rich channels in ``CHANNELS``."""


def channel_counts(window: Rows) -> np.ndarray:
    """How many rows of ``window`` use each channel, in ``CHANNELS`` order.

    ``window`` carries ``channel_code`` (see :func:`~netcoach.scoring.window.prepare`)."""
    codes = window[CHANNEL_CODE].astype("int64")
    # Shifted by one so that code -1 (not a channel) lands in a first bin, then dropped.
    return np.bincount(codes + 1, minlength=len(CHANNELS) + 1)[1:].astype("int64")


def by_channel(window: Rows, counts: np.ndarray | None = None) -> pd.DataFrame:
    """Count and share per channel, every channel listed (zero when unused); ``counts``
    when :func:`channel_counts` is already known."""
    counts = channel_counts(window) if counts is None else counts
    total = int(counts.sum())
    return frame(
        {
            "channel": texts(CHANNELS),
            "label": texts([CHANNEL_LABELS[c] for c in CHANNELS]),
            "count": counts,
            "share": counts / total if total else np.zeros(len(CHANNELS)),
            "rich": np.array([c in RICH_CHANNELS for c in CHANNELS]),
        }
    )


def month_counts(window: Rows, start: pd.Timestamp, as_of: pd.Timestamp) -> dict[str, Any]:
    """Interactions per month and channel, every month of the window listed: the columns of
    the ``by_month`` table, as arrays."""
    # Months as numpy months (M8[M]): a pd.period_range and its labels cost ~0.2 ms.
    first = start.to_datetime64().astype("M8[M]")
    months = np.arange(first, as_of.to_datetime64().astype("M8[M]") + 1)
    # Counted with one bincount over (month, channel) positions: the same table as
    # pd.crosstab, several times faster (crosstab also costs ~10 ms on a tiny window).
    n_channels = len(CHANNELS)
    month = _month_positions(window["date"].astype("M8[ns]", copy=False), start, first)
    channel = window[CHANNEL_CODE].astype("int64")
    outside = len(months) * n_channels  # one extra bin for rows with no channel or month
    cell = np.where(
        (channel >= 0) & (month >= 0) & (month < len(months)),
        month * n_channels + channel,
        outside,
    )
    counts = np.bincount(cell, minlength=outside + 1)[:outside].reshape(len(months), n_channels)
    total = counts.sum(axis=1)
    rich = counts[:, RICH_CODES].sum(axis=1)
    return {
        "month": texts(np.datetime_as_string(months, unit="M")),  # YYYY-MM
        **{c: counts[:, i].astype("int64") for i, c in enumerate(CHANNELS)},
        "total": total,
        "rich": rich,
        "rich_share": rich / np.where(total > 0, total, np.nan),
    }


def _month_positions(dates: np.ndarray, start: pd.Timestamp, first: np.datetime64) -> np.ndarray:
    """Months from ``first`` to each date: the month of each day is worked out once per
    day, then read by the day's position (casting a million dates to months costs more)."""
    days = (dates - start.to_datetime64()) // np.timedelta64(1, "D")
    low, high = (int(days.min()), int(days.max())) if len(days) else (0, -1)
    each_day = np.arange(low, high + 1).astype("m8[D]") + start.to_datetime64().astype("M8[D]")
    since_1970 = each_day.astype("M8[M]").view("int64")
    return np.take(since_1970 - first.astype("int64"), days - low)


def score_channel_mix(data: ScoringInput) -> ScoreResult:
    """Channel-mix score, components, reasons and the channel and month tables."""
    window, target = data.window, data.settings.rich_channel_target
    counts = channel_counts(window)
    months = month_counts(window, data.window_start, data.as_of)
    total = int(counts.sum())
    rich = int(counts[RICH_CODES].sum())
    share = rich / total if total else 0.0
    recent, previous = _trend(months["total"], months["rich"])
    components = {
        "interactions": total,
        "rich": rich,
        "lean": total - rich,
        "rich_share": share,
        "target": target,
        "recent_rich_share": recent,
        "previous_rich_share": previous,
    }
    raw = 100 * min(1.0, share / target)
    components["raw_score"] = raw
    reasons = _reasons(data, counts, total, rich, share, recent, previous)
    return ScoreResult(
        "channel_mix",
        whole(raw),
        components,
        reasons,
        {"by_channel": by_channel(window, counts), "by_month": frame(months)},
    )


def _trend(total: np.ndarray, rich: np.ndarray) -> tuple[float | None, float | None]:
    """Rich share in the last three months and in the three before them (from the monthly
    totals and rich counts). The three before are None unless the window holds a month more
    than the six compared: its first month is usually only partly in the window, and a
    short look-back (``lookback_days = 100``) would compare three months with a few days."""
    if len(total) <= 2 * TREND_MONTHS:
        return _share(total, rich, slice(-TREND_MONTHS, None)), None
    return (
        _share(total, rich, slice(-TREND_MONTHS, None)),
        _share(total, rich, slice(-2 * TREND_MONTHS, -TREND_MONTHS)),
    )


def _share(total: np.ndarray, rich: np.ndarray, part: slice) -> float | None:
    """The rich share over the months in ``part``; None when they hold no interactions."""
    part_total = total[part].sum()
    return float(rich[part].sum() / part_total) if part_total else None


def _most_used(counts: np.ndarray, total: int) -> str:
    """'Your most used channel is email (40%).'; channels that tie are named together, in
    the schema's order, never one picked by its name."""
    top = [
        CHANNEL_LABELS[c].lower()
        for c, n in zip(CHANNELS, counts, strict=True)
        if n == counts.max()
    ]
    share = percent(counts.max() / total)
    if len(top) == 1:
        return f"Your most used channel is {top[0]} ({share})."
    return f"Your most used channels are {names_text(top)} ({share} each)."


def _reasons(
    data: ScoringInput,
    counts: np.ndarray,
    total: int,
    rich: int,
    share: float,
    recent: float | None,
    previous: float | None,
) -> list[Reason]:
    target = data.settings.rich_channel_target
    days = plural(data.settings.lookback_days, "day")  # '365 days'
    if total == 0:
        return [Reason(f"No interactions are logged in the last {days} yet.")]
    rich_rows = first_rows(data.window, lambda w: channel_mask(w, RICH_CHANNELS), 20)
    verdict = "meeting" if share >= target else "below"
    if verdict == "below" and percent(share) == percent(target):
        verdict = "just below"  # (49.7% shows as 50%: never "50% ... below your target of 50%")
    reasons = [
        Reason(
            f"{rich} of your {plural(total, 'interaction')} in the last {days} "
            f"({percent(share)}) were in person, at events, by video or by phone: "
            f"{verdict} your target of {percent(target)}.",
            tuple(rich_rows),
            row_count=rich,
        )
    ]
    reasons.append(Reason(_most_used(counts, total)))
    if recent is not None and previous is not None:
        change = recent - previous
        direction = "up" if change > 0.02 else "down" if change < -0.02 else "about level"
        reasons.append(
            Reason(
                f"In the last {TREND_MONTHS} calendar months (this one so far) "
                f"{percent(recent)} of your contact was rich, "
                f"{direction} {'with' if direction == 'about level' else 'from'} "
                f"{percent(previous)} in the {TREND_MONTHS} months before."
            )
        )
    return reasons
