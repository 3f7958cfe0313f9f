"""Every threshold the scores use, in one frozen object with documented defaults.

The defaults are explained in the book chapter "Measuring your network". A learner can
override any of them in the ``[scoring]`` table of their folder's ``settings.toml``, or with
the sliders in the score widget.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import numbers
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from netcoach.schema import SETTINGS_FILE, TIERS

DEFAULT_CADENCE_DAYS: dict[str, int | None] = {
    "inner": 14,  # every two weeks
    "close": 30,  # about monthly
    "active": 90,  # about once a season
    "outer": None,  # no reminder unless you set one on the contact
}


WHOLE_NUMBER_SETTINGS: tuple[str, ...] = (
    "lead_follow_up_days",
    "thanks_days",
    "lookback_days",
    "ask_window_days",
    "max_asks_in_window",
)
"""The settings that count days or asks, so must be whole numbers."""


def whole_number(value: Any, name: str) -> int:
    """``value`` as an ``int`` (``7`` or ``7.0``), or a ``ValueError`` naming the setting:
    ``2.5`` days, ``true`` or ``"7"`` would otherwise fail deep inside scoring, or be read
    as 1."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            if value == int(value):
                return int(value)
        except (OverflowError, ValueError):  # infinity or NaN
            pass
    raise ValueError(f"{name} must be a whole number, not {toml_text(value)}; {_like(name, '7')}")


def share(value: Any, name: str) -> float:
    """``value`` as a ``float``, or a ``ValueError`` naming the setting (``true`` and text
    are refused: Python would read ``true`` as 1)."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise ValueError(f"{name} must be a number, not {toml_text(value)}; {_like(name, '0.5')}")


def toml_text(value: Any) -> str:
    """A value as it is written in ``settings.toml`` (``true``, ``"7"``), for messages."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def _like(name: str, example: str) -> str:
    """How to write a setting: 'write it like thanks_days = 7', or for one part of a table
    (``cadence_days.inner``) 'write it like cadence_days = { inner = 7 }', as the template does."""
    table, _, key = name.rpartition(".")
    if table:
        return f"write it like {table} = {{ {key} = {example} }}"
    return f"write it like {name} = {example}"


def _frozen_cadence() -> MappingProxyType:
    return MappingProxyType(dict(DEFAULT_CADENCE_DAYS))


@dataclass(frozen=True)
class Settings:
    """Thresholds for the three scores. All windows are in days."""

    cadence_days: MappingProxyType = field(default_factory=_frozen_cadence)
    """Stay-in-touch cadence per tier; a contact's own ``cadence_days`` wins."""
    lead_follow_up_days: int = 7
    """A job lead should be followed up (or politely declined) within this many days."""
    thanks_days: int = 3
    """Help received should be thanked within this many days."""
    rich_channel_target: float = 0.5
    """Target share of contacts in person, at events, by video or by phone."""
    lookback_days: int = 365
    """Only interactions in the last ``lookback_days`` up to ``as_of`` count."""
    ask_window_days: int = 30
    """Window for over-contact: asks to one person inside this many days ..."""
    max_asks_in_window: int = 2
    """... above this number are flagged as asking too often."""
    weights: MappingProxyType = field(
        default_factory=lambda: MappingProxyType(
            {"reciprocity": 1.0, "channel_mix": 1.0, "follow_up": 1.0}
        )
    )
    """Weights of the three scores in the overall score."""

    def __post_init__(self) -> None:
        cad = dict(self.cadence_days)
        unknown = set(cad) - set(TIERS)
        if unknown:
            raise ValueError(f"unknown tier(s) in cadence_days: {sorted(unknown)}")
        for tier in TIERS:
            cad.setdefault(tier, DEFAULT_CADENCE_DAYS[tier])
            if cad[tier] is not None:
                cad[tier] = whole_number(cad[tier], f"cadence_days.{tier}")
                if cad[tier] <= 0:
                    raise ValueError(f"cadence for tier {tier!r} must be a positive number of days")
        object.__setattr__(self, "cadence_days", MappingProxyType(cad))
        weights = {name: share(value, f"weights.{name}") for name, value in self.weights.items()}
        object.__setattr__(self, "weights", MappingProxyType(weights))
        for name in WHOLE_NUMBER_SETTINGS:
            object.__setattr__(self, name, whole_number(getattr(self, name), name))
        for name in ("lead_follow_up_days", "thanks_days", "lookback_days", "ask_window_days"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be a positive number of days")
        if self.max_asks_in_window < 1:
            raise ValueError("max_asks_in_window must be at least 1")
        object.__setattr__(
            self, "rich_channel_target", share(self.rich_channel_target, "rich_channel_target")
        )
        if not 0 < self.rich_channel_target <= 1:
            raise ValueError("rich_channel_target must be a share between 0 and 1")
        if sum(self.weights.values()) <= 0:
            raise ValueError("score weights must add up to more than zero")

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.to_dict_items())))

    def to_dict_items(self) -> list[tuple[str, Any]]:
        """Hashable (name, value) pairs, mappings flattened to sorted tuples."""
        return [
            (k, tuple(sorted(v.items())) if isinstance(v, dict) else v)
            for k, v in self.to_dict().items()
        ]

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed (``cadence_days`` may be partial)."""
        if "cadence_days" in changes:
            changes["cadence_days"] = {**self.cadence_days, **changes["cadence_days"]}
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view, for JSON output and reports."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = dict(value) if isinstance(value, MappingProxyType) else value
        return out


@dataclass(frozen=True)
class FolderSettings:
    """What a network-log folder's optional ``settings.toml`` says."""

    as_of: dt.date | None = None
    """A fixed "as of" date (the samples have one); otherwise the caller chooses."""
    day_first: bool = True
    """How to read dates like 03/04/2024: day first (3 April) unless set to false."""
    scoring: Settings = field(default_factory=Settings)


def read_folder_settings(folder: str | Path) -> FolderSettings:
    """Read ``settings.toml`` from a log folder; defaults when it is absent."""
    path = Path(folder) / SETTINGS_FILE
    if not path.exists():
        return FolderSettings()
    from netcoach.loading import MixedEncodingError, decode_text  # (loading imports this)

    try:  # as Notepad or TextEdit may have saved it: UTF-8, UTF-16, Windows' cp1252
        text, _ = decode_text(path.read_bytes())
    except MixedEncodingError as err:
        raise ValueError(
            f"{path}: line {err.line} is not saved as UTF-8 while the rest of the file is; "
            "check the accented letters on it and save the file again as UTF-8"
        ) from None
    except UnicodeDecodeError:
        raise ValueError(
            f"{path}: Network Coach cannot read this file's letters; open it in a text editor "
            "and save it again as UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"{path}: not valid TOML ({err})") from err
    unknown = set(data) - set(TOP_LEVEL_SETTINGS)
    if unknown:
        raise ValueError(f"{path}: {_unknown_settings_text(unknown, TOP_LEVEL_SETTINGS)}")
    as_of = _as_of_date(data.get("as_of"), path)
    day_first = data.get("day_first", True)
    if not isinstance(day_first, bool):
        raise ValueError(
            f"{path}: day_first = {toml_text(day_first)} is not true or false; write it without "
            "quotes, "
            "like day_first = false"
        )
    scoring_table = data.get("scoring", {})
    if not isinstance(scoring_table, dict):
        raise ValueError(f"{path}: scoring must be a table: a line [scoring], then its settings")
    known = [f.name for f in dataclasses.fields(Settings)]
    unknown = set(scoring_table) - set(known)
    if unknown:
        raise ValueError(f"{path}: {_unknown_settings_text(unknown, known)} in [scoring]")
    try:
        scoring = Settings().replace(**scoring_table)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{path}: [scoring] {err}") from None
    return FolderSettings(as_of=as_of, day_first=day_first, scoring=scoring)


TOP_LEVEL_SETTINGS: tuple[str, ...] = ("as_of", "day_first", "scoring")
"""What ``settings.toml`` may hold outside ``[scoring]``."""


def _unknown_settings_text(unknown: set[str], known: Sequence[str]) -> str:
    """'unknown setting(s) ['asof'] (did you mean as_of?)': a misspelt setting would
    otherwise be ignored, and the learner would never know."""
    text = f"unknown setting(s) {sorted(unknown)}"
    guesses = [g for name in sorted(unknown) for g in difflib.get_close_matches(name, known, 1)]
    if guesses:
        text += f" (did you mean {' or '.join(guesses)}?)"
    return text


def _as_of_date(value: Any, path: Path) -> dt.date | None:
    """The ``as_of`` setting as a date (TOML date or ISO text), or a clear ``ValueError``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(
            f"{path}: as_of = {value!r} is not a date; write it like as_of = 2025-09-30"
        ) from None
