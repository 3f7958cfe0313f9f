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
from collections.abc import Mapping, Sequence
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


MAX_DAYS = 36500
"""The most days a day count may be (100 years), in ``settings.toml`` and in the
``cadence_days`` column of ``contacts.csv``. A larger number is surely a slip, and a date
that far ahead cannot be stored (pandas dates end in the year 2262): a lead answered a day
later would be marked late."""

AS_OF_RANGE: tuple[dt.date, dt.date] = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))
"""The first and last "as of" dates Network Coach scores on. Pandas stores dates from 1677
to 2262 only, and a window of up to :data:`MAX_DAYS` (100 years) either side of the "as of"
date must fit in that: beyond it, a deadline or a look-back window would wrap round and a
lead answered the next day would be marked late. A year outside this range is surely a
slip."""


def as_of_problem(day: dt.date) -> str | None:
    """Why ``day`` cannot be an "as of" date ('is after 2100: check the year'), or None."""
    first, last = AS_OF_RANGE
    if day < first:
        return f"is before {first.year}: check the year"
    if day > last:
        return f"is after {last.year}: check the year"
    return None


FAR_AFTER_TODAY_DAYS = 365
"""An "as of" date more days than this after today is questioned (a warning, not a refusal)."""


def far_off_as_of(
    day: dt.date, today: dt.date, last_logged: dt.date | None, lookback_days: int
) -> str | None:
    """Why the "as of" date ``day`` looks like a slip of the year, to follow the name of the
    date ('is 73 years after your last logged interaction, so no interaction falls in the
    look-back window: check the year'), or None. It is questioned when it is more than the
    look-back window after the last logged interaction (``last_logged``; None when nothing
    is logged), or more than :data:`FAR_AFTER_TODAY_DAYS` after ``today``. (The command line
    and the score widget both warn with it.)"""
    from netcoach.words import time_span

    if last_logged is not None and (gap := (day - last_logged).days) > lookback_days:
        return (
            f"is {time_span(gap)} after your last logged interaction, so no interaction "
            "falls in the look-back window: check the year"
        )
    if (ahead := (day - today).days) > FAR_AFTER_TODAY_DAYS:
        return f"is {time_span(ahead)} after today: check the year"
    return None


DAY_SETTINGS: tuple[str, ...] = (
    "lead_follow_up_days",
    "thanks_days",
    "lookback_days",
    "ask_window_days",
)
"""The settings that count days: each a whole number from 1 to :data:`MAX_DAYS`."""

WEIGHT_NAMES: tuple[str, ...] = ("reciprocity", "channel_mix", "follow_up")
"""The scores the ``weights`` table may weigh, in the report's order."""

DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(WEIGHT_NAMES, 1.0)
"""Every score counts the same in the overall score until a learner says otherwise."""


MIN_RICH_TARGET = 0.01
"""The smallest rich-channel target, 1%: a target of 0 cannot be scored against, and one
below 1% would be shown as "the 0% target" on the slider and in the charts."""


def rich_target_rule() -> str:
    """'rich_channel_target must be a share from 0.01 to 1 (1% to 100%)'."""
    return f"rich_channel_target must be a share from {MIN_RICH_TARGET:g} to 1 (1% to 100%)"


def days_rule() -> str:
    """'a whole number of days from 1 to 36500': the rule for every day count."""
    return f"a whole number of days from 1 to {MAX_DAYS}"


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


def day_count(value: Any, name: str) -> int:
    """``value`` as a number of days from 1 to :data:`MAX_DAYS`, or a ``ValueError`` naming
    the setting (100000 days would run past the last date pandas can store)."""
    days = whole_number(value, name)
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"{name} must be {days_rule()}, not {days}")
    return days


def weight(value: Any, name: str) -> float:
    """A score's weight: a number of 0 or more (a negative weight would push the overall
    score outside 0 to 100), or a ``ValueError`` naming it."""
    number = share(value, name)
    if number < 0:
        raise ValueError(f"{name} must be 0 or more, not {toml_text(value)}; {_like(name, '1')}")
    return number


def _table(value: Any, name: str, example: str) -> dict[Any, Any]:
    """A table setting (``cadence_days``, ``weights``) as a ``dict``, or a ``ValueError``
    that shows how to write one."""
    if isinstance(value, Mapping):
        return dict(value)
    raise ValueError(
        f"{name} must be a table, not {toml_text(value)}; write it like {name} = {example}"
    )


_CADENCE_EXAMPLE = "{ inner = 14, close = 30 }"
_WEIGHTS_EXAMPLE = "{ reciprocity = 1, channel_mix = 1, follow_up = 2 }"


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
        cad = _table(self.cadence_days, "cadence_days", _CADENCE_EXAMPLE)
        unknown = set(cad) - set(TIERS)
        if unknown:
            raise ValueError(f"unknown tier(s) in cadence_days: {sorted(map(str, unknown))}")
        for tier in TIERS:
            cad.setdefault(tier, DEFAULT_CADENCE_DAYS[tier])
            if cad[tier] is not None:
                cad[tier] = day_count(cad[tier], f"cadence_days.{tier}")
        object.__setattr__(self, "cadence_days", MappingProxyType(cad))
        given = _table(self.weights, "weights", _WEIGHTS_EXAMPLE)
        unknown = set(given) - set(WEIGHT_NAMES)
        if unknown:  # a misspelt weight would otherwise leave that score at 1, unsaid
            raise ValueError(
                f"{_unknown_settings_text(unknown, WEIGHT_NAMES)} in weights; it may weigh "
                f"{', '.join(WEIGHT_NAMES[:-1])} and {WEIGHT_NAMES[-1]}"
            )
        weights = {  # a weight left out counts as its default, as a tier's cadence does
            name: weight(given.get(name, DEFAULT_WEIGHTS[name]), f"weights.{name}")
            for name in WEIGHT_NAMES
        }
        object.__setattr__(self, "weights", MappingProxyType(weights))
        for name in WHOLE_NUMBER_SETTINGS:
            object.__setattr__(self, name, whole_number(getattr(self, name), name))
        for name in DAY_SETTINGS:
            day_count(getattr(self, name), name)
        if self.max_asks_in_window < 1:
            raise ValueError("max_asks_in_window must be at least 1")
        object.__setattr__(
            self, "rich_channel_target", share(self.rich_channel_target, "rich_channel_target")
        )
        if not MIN_RICH_TARGET <= self.rich_channel_target <= 1:
            raise ValueError(f"{rich_target_rule()}, not {self.rich_channel_target:g}")
        if not any(self.weights.values()):
            raise ValueError(
                "weights must not all be 0: give at least one score a weight above 0; "
                f"write it like weights = {_WEIGHTS_EXAMPLE}"
            )

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.to_dict_items())))

    def to_dict_items(self) -> list[tuple[str, Any]]:
        """Hashable (name, value) pairs, mappings flattened to sorted tuples."""
        return [
            (k, tuple(sorted(v.items())) if isinstance(v, dict) else v)
            for k, v in self.to_dict().items()
        ]

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed (``cadence_days`` and ``weights`` may be
        partial: the parts not given keep this copy's values)."""
        for name, example in (("cadence_days", _CADENCE_EXAMPLE), ("weights", _WEIGHTS_EXAMPLE)):
            if name in changes:
                changes[name] = {**getattr(self, name), **_table(changes[name], name, example)}
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data view, for JSON output and reports."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            out[f.name] = dict(value) if isinstance(value, MappingProxyType) else value
        return out


def settings_warnings(settings: Settings) -> list[str]:
    """Settings that are accepted but do not work as written, each in a sentence for a
    warning (a refusal would be too strict: the scores are still right for what they
    count). Empty when there are none."""
    asks, lookback = settings.ask_window_days, settings.lookback_days
    if asks <= lookback:
        return []
    return [
        f"ask_window_days = {asks} is longer than lookback_days = {lookback}, but only the "
        f"asks in the look-back window are counted, so asking too often is checked over "
        f"{lookback} days at most; set ask_window_days to {lookback} or less, or "
        f"lookback_days to {asks} or more"
    ]


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


def _unknown_settings_text(unknown: set[Any], known: Sequence[str]) -> str:
    """'unknown setting(s) ['asof'] (did you mean as_of?)': a misspelt setting would
    otherwise be ignored, and the learner would never know."""
    names = sorted(map(str, unknown))
    text = f"unknown setting(s) {names}"
    guesses = [g for name in names for g in difflib.get_close_matches(name, known, 1)]
    if guesses:
        text += f" (did you mean {' or '.join(guesses)}?)"
    return text


def _as_of_date(value: Any, path: Path) -> dt.date | None:
    """The ``as_of`` setting as a date (TOML date or ISO text), or a clear ``ValueError``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(
                f"{path}: as_of = {value!r} is not a date; write it like as_of = 2025-09-30"
            ) from None
    return day  # (its range is checked where it is used: --as-of may stand in for it)
