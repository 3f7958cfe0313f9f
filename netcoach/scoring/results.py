"""Result types shared by the three scores, the overall score and the next actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from netcoach.settings import Settings

SCORE_NAMES: tuple[str, ...] = ("reciprocity", "channel_mix", "follow_up")
SCORE_TITLES: dict[str, str] = {
    "reciprocity": "Reciprocity",
    "channel_mix": "Channel mix",
    "follow_up": "Follow-up",
    "overall": "Overall",
}


@dataclass(frozen=True)
class Reason:
    """One plain-English sentence explaining part of a score.

    ``rows`` are line numbers in ``interactions.csv`` (``file`` says which file) so a
    learner can check the arithmetic against their own spreadsheet. When only the first
    few rows are kept, ``row_count`` says how many rows are behind the reason in all.
    """

    text: str
    rows: tuple[int, ...] = ()
    file: str = "interactions.csv"
    row_count: int | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def total_rows(self) -> int:
        """How many rows are behind the reason: ``row_count``, or all of ``rows``."""
        return len(self.rows) if self.row_count is None else self.row_count


@dataclass
class ScoreResult:
    """A score from 0 to 100 with its parts, its reasons and the tables behind it."""

    name: str
    score: int
    components: dict[str, float]
    reasons: list[Reason]
    details: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return SCORE_TITLES[self.name]

    def to_dict(self) -> dict[str, Any]:
        """The stable public JSON shape of one score."""
        return {
            "score": int(self.score),
            "reasons": [r.text for r in self.reasons],
            "components": {k: _plain(v) for k, v in self.components.items()},
        }


def nothing_logged(parts: list[ScoreResult]) -> bool:
    """True when the scored period holds no interactions (an empty or brand-new log): then no
    area can honestly be called the strongest, and an empty action list is no achievement."""
    return any(p.name == "channel_mix" and not p.components.get("interactions") for p in parts)


@dataclass
class Report:
    """Everything ``score_log`` computes for one log on one "as of" date."""

    as_of: dt.date
    settings: Settings
    reciprocity: ScoreResult
    channel_mix: ScoreResult
    follow_up: ScoreResult
    overall: ScoreResult
    next_actions: pd.DataFrame
    """Ranked: rank, contact_id, name, action, reason, days_overdue, priority, rows."""

    @property
    def no_actions_text(self) -> str:
        """What to say when there are no next actions: praise only when something is logged."""
        if nothing_logged([self.reciprocity, self.channel_mix, self.follow_up]):
            return "No next actions yet: log a few conversations, then score again."
        return "Nothing is overdue: no next actions today. Keep it up."

    @property
    def scores(self) -> dict[str, ScoreResult]:
        return {
            "reciprocity": self.reciprocity,
            "channel_mix": self.channel_mix,
            "follow_up": self.follow_up,
            "overall": self.overall,
        }

    def to_dict(self) -> dict[str, Any]:
        """The stable public JSON shape (``netcoach score --json``)."""
        actions = [
            {
                "rank": int(a["rank"]),
                "contact_id": str(a["contact_id"]),
                "name": str(a["name"]),
                "action": str(a["action"]),
                "reason": str(a["reason"]),
                "days_overdue": int(a["days_overdue"]),
            }
            for a in self.next_actions.to_dict("records")
        ]
        return {
            "as_of": self.as_of.isoformat(),
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
            "next_actions": actions,
            "settings": self.settings.to_dict(),
        }


def _plain(value: Any) -> Any:
    """Turn numpy scalars into JSON-ready Python numbers."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return round(value, 4)
    return value
