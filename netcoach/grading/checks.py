"""The building blocks of a check cell: one stable line when right, a hint when wrong.

A check cell in an exercise notebook calls a function that ends in :func:`check`. A right
answer prints one line, ``check 2: channel shares ✓``, which nbval compares with the stored
expected output. A wrong answer raises :class:`CheckFailed`, which Jupyter shows as one
readable line (no traceback) saying what was expected and giving a hint. nbval fails any
cell that raises, so a wrong answer fails even if the learner saved their own outputs.

The comparisons here tolerate row order, index or column layout and float rounding; each
returns ``None`` when the answer matches or a short sentence that names the problem without
giving the answer away.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sys
from collections.abc import Iterable, Mapping
from types import FrameType, ModuleType
from typing import Any

import numpy as np
import pandas as pd

PASS_MARK = "✓"
FAIL_MARK = "✗"
CHECK_LOG_ENV = "NETCOACH_CHECK_LOG"
"""When set, every check appends one JSON line (number, label, ok, intact, message) to this
file; ``intact`` is False when the check code was changed or called through other code."""

NOT_ANSWERED = "not answered yet: replace the ... with your code, then run the cells again"


class CheckFailed(AssertionError):
    """A wrong answer. Jupyter shows it as one line instead of a traceback."""

    def __init__(self, number: int, label: str, message: str) -> None:
        self.number = number
        self.label = label
        self.message = message
        super().__init__(f"check {number}: {label} {FAIL_MARK} {message}")

    def _render_traceback_(self) -> list[str]:  # IPython calls this instead of a traceback
        return [str(self)]


def passed_line(number: int, label: str) -> str:
    """The exact line a passing check prints (and nbval expects)."""
    return f"check {number}: {label} {PASS_MARK}"


def check(number: int, label: str, ok: bool, hint: str) -> None:
    """Print the pass line when ``ok``; otherwise raise :class:`CheckFailed` with ``hint``."""
    _record(number, label, bool(ok), "" if ok else hint)
    if ok:
        print(passed_line(number, label))
        return
    raise CheckFailed(number, label, hint)


def check_all(number: int, label: str, problems: Iterable[str | None], hint: str = "") -> None:
    """Pass when every problem is ``None``; otherwise report the first one, then the hint."""
    first = next((p for p in problems if p), None)
    message = (
        first if first is None or not hint or NOT_ANSWERED in first else f"{first}. Hint: {hint}"
    )
    check(number, label, first is None, message or "")


def _record(number: int, label: str, ok: bool, message: str) -> None:
    path = os.environ.get(CHECK_LOG_ENV)
    if not path:
        return
    line = {"number": number, "label": label, "ok": ok, "intact": _intact(), "message": message}
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


# --- is the check code the course's own? (a cheap guard for the grader, not a sandbox) -------

_SEALED: dict[ModuleType, dict[str, Any]] = {}


def seal(*modules: ModuleType) -> None:
    """Remember these modules' names and values as imported, to notice a learner's changes."""
    for module in modules:
        _SEALED.setdefault(module, dict(vars(module)))


def _intact() -> bool:
    """True when the sealed check code is unchanged and was called straight from a cell."""
    return _unchanged() and _called_from_cell(sys._getframe(1))


def _unchanged() -> bool:
    """True when no sealed module had a name re-bound or added (dunder names aside)."""
    for module, sealed in _SEALED.items():
        now = {k: v for k, v in vars(module).items() if not k.startswith("__")}
        if now.keys() != {k for k in sealed if not k.startswith("__")}:
            return False
        if any(value is not sealed[name] for name, value in now.items()):
            return False
    return True


def _called_from_cell(frame: FrameType | None) -> bool:
    """True when, below the sealed modules' own frames, the caller is a notebook cell's top
    level (not a function or lambda the learner wrote)."""
    sealed = [vars(module) for module in _SEALED]
    while frame is not None and any(frame.f_globals is names for names in sealed):
        frame = frame.f_back
    return (
        frame is not None
        and frame.f_code.co_name == "<module>"
        and frame.f_globals.get("__name__") == "__main__"
    )


# --- tolerant comparisons: each returns None (fine) or one sentence --------------------------


def is_missing(value: Any) -> bool:
    """True for the starter's untouched ``...`` placeholder (``None`` is an answer, if wrong)."""
    return value is Ellipsis


def given(value: Any) -> str:
    """What a wrong-typed answer is, in a few words: ``got None``, ``got a list``."""
    if value is None:
        return "got None"
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    return f"got {article} {kind}"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, pd.Series | pd.DataFrame) and value.size == 1:
        value = value.to_numpy().ravel()[0]
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def number_problem(got: Any, expected: float, name: str, tol: float = 1e-9) -> str | None:
    """Compare one number; say whether it is too high or too low."""
    if is_missing(got):
        return f"{name}: {NOT_ANSWERED}"
    value = _number(got)
    if value is None:
        return f"{name} should be a number; {given(got)}"
    if math.isclose(value, expected, rel_tol=1e-9, abs_tol=tol):
        return None
    side = "too high" if value > expected else "too low"
    return f"{name} is {_fmt(value)}, which is {side}"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"


def as_day(value: Any) -> str | None:
    """A date in any common form (Timestamp, date, numpy datetime64, text) as ``YYYY-MM-DD``;
    None if not."""
    if isinstance(value, dt.date | pd.Timestamp | np.datetime64 | str):
        try:
            return pd.Timestamp(value).strftime("%Y-%m-%d")
        except (ValueError, TypeError):
            return None
    return None


def date_problem(got: Any, expected: Any, name: str) -> str | None:
    """Compare one date, whatever its type; say whether it is too early or too late."""
    if is_missing(got):
        return f"{name}: {NOT_ANSWERED}"
    day = as_day(got)
    if day is None:
        return f"{name} should be a date (a Timestamp or text like 2025-01-31); {given(got)}"
    want = as_day(expected)
    if day == want:
        return None
    side = "too late" if day > str(want) else "too early"
    return f"{name} is {day}, which is {side}"


def text_problem(got: Any, expected: str, name: str, form: str = "") -> str | None:
    """Compare one short text (spaces at either end ignored)."""
    if is_missing(got):
        return f"{name}: {NOT_ANSWERED}"
    if not isinstance(got, str):
        return f"{name} should be text{form and f' like {form}'}; {given(got)}"
    if got.strip() == expected:
        return None
    return f"{name} is {got.strip()!r}, which is not it"


def as_mapping(got: Any) -> dict[str, Any] | None:
    """A Series, a dict or a two-column table as ``{key: value}``; None if it is none of these."""
    if isinstance(got, pd.DataFrame):
        frame = got.reset_index() if got.shape[1] == 1 else got
        if frame.shape[1] != 2:
            return None
        got = frame.set_index(frame.columns[0])[frame.columns[1]]
    if isinstance(got, pd.Series):
        return {str(k): v for k, v in got.items()}
    if isinstance(got, Mapping):
        return {str(k): v for k, v in got.items()}
    return None


def mapping_problem(
    got: Any, expected: Mapping[str, float], name: str, tol: float = 1e-9, what: str = "keys"
) -> str | None:
    """Compare ``{key: number}`` answers given as a Series, a dict or a two-column table."""
    if is_missing(got):
        return f"{name}: {NOT_ANSWERED}"
    mapping = as_mapping(got)
    if mapping is None:
        return f"{name} should be a Series (or a dict) with one value per {what[:-1]}; {given(got)}"
    problem = _keys_problem(set(mapping), set(map(str, expected)), name, what)
    if problem:
        return problem
    wrong = [k for k, v in expected.items() if _differs(mapping[str(k)], v, tol)]
    if wrong:
        return (
            f"{len(wrong)} of the {len(expected)} values in {name} differ, for example {wrong[0]!r}"
        )
    return None


def _keys_problem(got: set[str], expected: set[str], name: str, what: str) -> str | None:
    """What is off between the keys given and the keys wanted: how many are missing (never
    which, that would give the answer away) and one example of a key that should not be
    there."""
    missing, extra = sorted(expected - got), sorted(got - expected)
    if not missing and not extra:
        return None
    example = f"for example {extra[0]!r} should not be there" if extra else ""
    if len(got) == len(expected):
        return f"{name} has the right number of {what}, but some are not the right ones ({example})"
    parts = [f"{name} should have {len(expected)} {what}; it has {len(got)}"]
    if missing:
        parts.append(f"{len(missing)} of them missing")
    if extra:
        parts.append(example)
    return ", ".join(parts)


def _differs(got: Any, expected: Any, tol: float) -> bool:
    if isinstance(expected, np.generic):
        expected = expected.item()
    if isinstance(got, np.generic):
        got = got.item()
    if expected is None or _isnan(expected):
        return not _isnan(got)
    if isinstance(expected, bool):
        return not isinstance(got, bool | int) or bool(got) != expected
    if isinstance(expected, int | float):
        value = _number(got)
        return value is None or not math.isclose(value, expected, rel_tol=1e-9, abs_tol=tol)
    if isinstance(expected, pd.Timestamp | dt.date):
        return as_day(got) != as_day(expected)
    return str(got).strip() != str(expected)


def _isnan(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_list(got: Any, column: str | None = None) -> list[str] | None:
    """A list, set, Series, Index or one column of a table as a list of text values (a
    whole-number float such as ``168.0`` as ``"168"``)."""
    if isinstance(got, pd.DataFrame):
        if column is None or column not in got.columns:
            if column is not None and column in got.index.names:
                got = got.reset_index()
            else:
                return None
        got = got[column]
    if isinstance(got, str | bytes) or not isinstance(got, Iterable):
        return None
    return [_as_text(v) for v in got]


def _as_text(value: Any) -> str:
    """One value as text, a whole-number float written as a whole number."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        value = int(value)
    return str(value).strip()


def set_problem(
    got: Any, expected: Iterable[Any], name: str, what: str = "items", column: str | None = None
) -> str | None:
    """Compare a collection without caring about order; each item must appear once."""
    if is_missing(got):
        return f"{name}: {NOT_ANSWERED}"
    values = as_list(got, column)
    if values is None:
        where = f" (or a table with a {column!r} column)" if column else ""
        return f"{name} should be a list or a Series of {what}{where}; {given(got)}"
    if len(values) != len(set(values)):
        return f"{name} should list each of its {what} once; some appear more than once"
    return _keys_problem(set(values), {_as_text(v) for v in expected}, name, what)


def table_problem(
    got: Any,
    expected: pd.DataFrame,
    key: str,
    columns: Iterable[str],
    name: str,
    tol: float = 1e-9,
    what: str = "rows",
) -> str | None:
    """Compare a table on ``columns``, matching rows by ``key`` (any row order, any index)."""
    if is_missing(got):
        return f"{name}: {NOT_ANSWERED}"
    if not isinstance(got, pd.DataFrame):
        return f"{name} should be a DataFrame; {given(got)}"
    columns = list(columns)
    frame = got.reset_index() if key not in got.columns and key in got.index.names else got
    absent = [c for c in [key, *columns] if c not in frame.columns]
    if absent:
        return f"{name} needs a column called {absent[0]!r}"
    if frame[key].duplicated().any():
        return f"{name} should have one row per {key}; some appear twice"
    keys = frame[key].astype(str).str.strip()
    problem = _keys_problem(set(keys), set(expected[key].astype(str)), name, what)
    if problem:
        return problem
    mine = frame.assign(**{key: keys}).set_index(key)
    want = expected.assign(**{key: expected[key].astype(str)}).set_index(key)
    for column in columns:
        wrong = [k for k in want.index if _differs(mine.at[k, column], want.at[k, column], tol)]
        if wrong:
            return (
                f"{len(wrong)} of the {len(want)} values in the {column!r} column differ, "
                f"for example for {key} {wrong[0]!r}"
            )
    return None
