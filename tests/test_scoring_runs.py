"""Flat rows cut into runs, contiguous masks found without listing every position, and the
most overdue first without a Series."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from netcoach.scoring.follow_up import _most_overdue_first
from netcoach.scoring.window import _kept, frame
from netcoach.scoring.wording import rows_phrases, rows_phrases_of_runs, runs_as_tuples, texts

lists_strategy = st.lists(st.lists(st.integers(2, 40), max_size=12), max_size=8)


@given(lists_strategy)
def test_runs_as_tuples_cuts_flat_rows_back_into_their_lists(row_lists):
    lengths = np.array([len(rows) for rows in row_lists], dtype=np.int64)
    flat = np.array([r for rows in row_lists for r in rows], dtype=np.int64)
    assert runs_as_tuples(flat, lengths) == [tuple(rows) for rows in row_lists]
    assert rows_phrases_of_runs(flat, lengths).to_pylist() == rows_phrases(row_lists).to_pylist()


@given(st.lists(st.booleans(), max_size=30))
def test_kept_is_a_slice_exactly_when_the_positions_are_contiguous(values):
    mask = np.array(values, dtype=bool)
    positions = np.flatnonzero(mask)
    kept = _kept(mask)
    contiguous = len(positions) > 0 and positions[-1] - positions[0] + 1 == len(positions)
    assert isinstance(kept, slice) == contiguous
    assert np.array_equal(np.arange(len(mask))[kept], positions)


@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 6)), max_size=60))
def test_most_overdue_first_orders_as_pandas_sort_values_descending(rows):
    table = {
        "code": np.array([c for c, _ in rows], dtype=np.int64),
        "days_overdue": np.array([d for _, d in rows], dtype=np.int64),
    }
    kept = np.flatnonzero(table["code"] == 1)
    days = pd.Series(table["days_overdue"][kept])
    expected = kept[days.sort_values(ascending=False).index.to_numpy()]
    assert np.array_equal(_most_overdue_first(table, 1), expected)


def test_frame_builds_the_table_pandas_builds_from_the_dict():
    cases = [
        {
            "contact_id": np.array([], object),
            "when": np.array([], "M8[ns]"),
            "rows": [],
        },
        {"label": ["a", "b"], "rich": [True, False], "share": np.array([0.5, 0.5])},
        {
            "name": pd.array(["Ann", None], dtype="str"),
            "days": pd.arrays.IntegerArray(np.array([1, 2]), np.array([False, True])),
            "status": np.array(["ok", "never"]),
            "rows": np.array([(1,), (2, 3)], dtype=object),
        },
        {  # every column ready: pandas' checks are skipped
            "row": np.array([4, 9]),
            "due": np.array(["2025-01-02", "2025-03-04"], "M8[ns]"),
            "name": texts(["Ann", "Bo"]),
            "late": np.array([True, False]),
            "days": np.array([1.5, 2.0]),
        },
    ]
    for columns in cases:
        want, got = pd.DataFrame(columns), frame(columns)
        assert got.equals(want)
        assert list(got.dtypes) == list(want.dtypes)
        assert got.columns.equals(want.columns) and got.columns.dtype == want.columns.dtype
        assert type(got.index) is type(want.index) and got.index.equals(want.index)
    named = frame(cases[1])
    named.columns.name = "changed"
    assert frame(cases[1]).columns.name is None  # each table has its own labels


def test_texts_are_the_column_pandas_makes_of_python_or_numpy_texts():
    for values in (["ann", "bo"], np.array(["2025-01", "2025-02"])):
        want = pd.DataFrame({"t": values})["t"]
        got = pd.DataFrame({"t": texts(values)})["t"]
        assert got.equals(want) and got.dtype == want.dtype
