"""The text helpers build a few rows' texts one by one in Python and many rows' with Arrow
(``wording.FEW_ROWS``): each helper is run both ways on the same input and must give the
same texts, so which way a log of a given size takes never shows in a report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcoach.scoring import wording
from netcoach.scoring.wording import (
    FEW_ROWS,
    format_days,
    format_distinct,
    join_texts,
    name_list,
    rows_phrases,
    rows_phrases_of_runs,
    take_texts,
)
from netcoach.words import plural, times

row_lists_strategy = st.lists(st.lists(st.integers(2, 60), max_size=12), max_size=20)


@contextmanager
def texts_built(way: str) -> Iterator[None]:
    """Every helper takes ``way`` ("python" or "arrow") whatever the number of rows."""
    saved = dict(FEW_ROWS)
    FEW_ROWS.update(dict.fromkeys(FEW_ROWS, 10**9 if way == "python" else -1))
    try:
        yield
    finally:
        FEW_ROWS.update(saved)


def both_ways(build: Callable[[], pa.Array]) -> tuple[list[Any], list[Any]]:
    """The texts ``build`` gives one by one in Python, and with Arrow (each as a list)."""
    with texts_built("python"):
        python = build()
    with texts_built("arrow"):
        arrow = build()
    assert python.type == arrow.type == wording.TEXT
    return python.to_pylist(), arrow.to_pylist()


def test_the_switch_really_changes_the_way_texts_are_built(monkeypatch):
    calls = []
    monkeypatch.setattr(wording.pd, "factorize", lambda *a, **k: calls.append(1) or (1 / 0))
    with texts_built("python"):
        assert format_distinct(np.array([1, 1]), str).to_pylist() == ["1", "1"]
    with texts_built("arrow"), pytest.raises(ZeroDivisionError):
        format_distinct(np.array([1, 1]), str)
    assert calls == [1]


@given(st.lists(st.integers(0, 400), max_size=40))
def test_format_distinct_gives_the_same_texts_both_ways(values):
    days = np.array(values, dtype="int64")
    python, arrow = both_ways(lambda: format_distinct(days, lambda d: plural(int(d), "day")))
    assert python == arrow == [plural(v, "day") for v in values]
    python, arrow = both_ways(lambda: format_distinct(days, times))
    assert python == arrow


@given(st.lists(st.one_of(st.none(), st.floats(0, 50, allow_nan=False)), max_size=20))
def test_format_distinct_formats_a_missing_number_the_same_both_ways(values):
    numbers = np.array([np.nan if v is None else v for v in values], dtype="float64")
    python, arrow = both_ways(lambda: format_distinct(numbers, str))
    assert python == arrow


@given(st.lists(st.one_of(st.none(), st.integers(-30_000, 60_000)), max_size=30))
def test_format_distinct_hands_func_a_date_as_a_timestamp_both_ways(day_numbers):
    dates = pd.Series(
        np.array([d if d is not None else "NaT" for d in day_numbers], dtype="M8[D]"),
        dtype="M8[ns]",
    )
    python, arrow = both_ways(lambda: format_distinct(dates, lambda d: type(d).__name__))
    assert python == arrow
    assert set(python) <= {"Timestamp", "NaTType"}


@given(st.lists(st.one_of(st.none(), st.integers(-30_000, 60_000)), max_size=30))
def test_format_days_gives_the_same_texts_both_ways(day_numbers):
    dates = np.array([d if d is not None else "NaT" for d in day_numbers], dtype="M8[D]")
    dates = dates.astype("M8[ns]")
    python, arrow = both_ways(lambda: format_days(dates))
    assert python == arrow
    assert all(text == "" for text, d in zip(python, day_numbers, strict=True) if d is None)


@given(row_lists_strategy, st.integers(1, 9), st.sampled_from(["interactions.csv", "c.csv"]))
def test_rows_phrases_give_the_same_texts_both_ways(row_lists, limit, file):
    lengths = np.array([len(rows) for rows in row_lists], dtype=np.int64)
    flat = np.array([r for rows in row_lists for r in rows], dtype=np.int64)
    python, arrow = both_ways(lambda: rows_phrases(row_lists, file, limit))
    assert python == arrow
    python_runs, arrow_runs = both_ways(lambda: rows_phrases_of_runs(flat, lengths, file, limit))
    assert python_runs == arrow_runs == python


def test_rows_phrases_say_how_many_more_both_ways():
    python, arrow = both_ways(lambda: rows_phrases([[9, 3, 3, 5, 7], [4], []], limit=3))
    assert (
        python
        == arrow
        == [
            "(interactions.csv rows 3, 5, 7 and 1 more)",
            "(interactions.csv row 4)",
            "",
        ]
    )


@given(st.lists(st.text(max_size=5), min_size=1, max_size=20))
def test_join_texts_gives_the_same_texts_both_ways(names):
    arrow_names = pa.array(names, wording.TEXT)
    pandas_names = pd.array(names, dtype="str")
    python, arrow = both_ways(
        lambda: join_texts("Hi ", arrow_names, ", ", pandas_names, np.array(names, object), "!")
    )
    assert python == arrow == [f"Hi {n}, {n}{n}!" for n in names]


def test_join_texts_leaves_a_row_with_a_missing_text_missing_both_ways():
    names = pd.array(["Ann", None, "Cy"], dtype="str")
    python, arrow = both_ways(lambda: join_texts("Hi ", names, "!"))
    assert python == arrow == ["Hi Ann!", None, "Hi Cy!"]


@given(
    st.lists(st.text(max_size=4), max_size=15),
    st.lists(st.integers(0, 14), max_size=25),
    st.sampled_from(["str", "string[pyarrow]", "string[python]"]),
)
def test_take_texts_takes_as_pandas_does(names, picks, dtype):
    values = pd.array(names, dtype=dtype)
    positions = np.array([p for p in picks if p < len(names)], dtype=np.int64)
    taken, expected = take_texts(values, positions), values.take(positions)
    assert taken.dtype == expected.dtype
    assert list(taken) == list(expected)


def test_take_texts_counts_a_negative_position_from_the_end_as_pandas_does():
    values = pd.array(["Ann", "Bo", "Cy"], dtype="str")
    assert list(take_texts(values, np.array([-1, 0]))) == ["Cy", "Ann"]


@given(st.lists(st.text(max_size=3), max_size=8), st.lists(st.integers(0, 7), max_size=8))
def test_name_list_at_positions_lists_the_names_taken_there(names, picks):
    values = pd.array(names, dtype="str")
    positions = np.array([p for p in picks if p < len(names)], dtype=np.int64)
    assert name_list(values, at=positions) == name_list(values.take(positions))
