"""The integer-code helpers behind fast scoring give the same answers as plain pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from netcoach.schema import ASK_KINDS, GIVE_KINDS, KINDS
from netcoach.scoring.follow_up import first_max_per_group
from netcoach.scoring.window import (
    KIND_CODE,
    contact_date_order,
    kind_mask,
    positions,
    stable_order,
)
from netcoach.scoring.wording import (
    day,
    format_days,
    format_distinct,
    join_texts,
    rows_phrase,
    rows_phrases,
)

codes_strategy = hnp.arrays(np.int64, st.integers(0, 60), elements=st.integers(0, 200_000))


@given(codes_strategy)
def test_stable_order_is_a_stable_argsort(codes):
    assert np.array_equal(stable_order(codes), np.argsort(codes, kind="stable"))


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5)), max_size=40), st.booleans())
def test_contact_date_order_sorts_by_contact_then_date_then_row(pairs, by_date):
    codes = np.array([c for c, _ in pairs], dtype="int64")
    dates = np.array([d for _, d in pairs], dtype="int64").astype("M8[D]").astype("M8[ns]")
    rows = np.arange(len(pairs), dtype="int64") + 2
    if by_date:  # a log kept by date: the fast path
        keep = np.argsort(dates, kind="stable")
        codes, dates = codes[keep], dates[keep]
    expected = np.lexsort((rows, dates, codes))
    assert np.array_equal(contact_date_order(codes, dates, rows), expected)


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6)), min_size=1, max_size=40))
def test_first_max_per_group_matches_groupby_idxmax(pairs):
    frame = pd.DataFrame(sorted(pairs, key=lambda p: p[0]), columns=["group", "value"])
    expected = frame.groupby("group")["value"].idxmax().to_numpy()
    found = first_max_per_group(frame["group"].to_numpy(), frame["value"].to_numpy())
    assert np.array_equal(found, expected)


@given(st.lists(st.one_of(st.none(), st.integers(-30_000, 60_000)), max_size=30))
def test_format_days_formats_each_date_as_day_does(day_numbers):
    dates = pd.Series(
        np.array([d if d is not None else "NaT" for d in day_numbers], dtype="M8[D]"),
        dtype="M8[ns]",
    )
    expected = format_distinct(dates, lambda d: day(d) if pd.notna(d) else "")
    assert format_days(dates).equals(expected)
    assert format_days(dates.array).equals(expected)


@given(st.lists(st.integers(2, 10_000), max_size=30))
def test_rows_phrase_reads_a_numpy_array_like_a_list(rows):
    assert rows_phrase(np.array(rows, dtype="int64")) == rows_phrase(rows)


@given(st.lists(st.lists(st.integers(2, 10_000), max_size=12), max_size=8))
def test_rows_phrases_phrase_each_list_as_rows_phrase_does(row_lists):
    expected = [rows_phrase(rows) for rows in row_lists]
    assert rows_phrases(row_lists).to_pylist() == expected
    assert rows_phrases(row_lists, file="contacts.csv", limit=3).to_pylist() == [
        rows_phrase(rows, file="contacts.csv", limit=3) for rows in row_lists
    ]


def test_join_texts_joins_row_by_row():
    names = pd.Series(["Ann", "Bo"], dtype="str")
    assert join_texts("Hi ", names, "!").to_pylist() == ["Hi Ann!", "Hi Bo!"]


def test_kind_mask_matches_isin_and_never_matches_an_unknown_kind():
    kinds = pd.Series(["shared", "bogus", "asked_lead", "thanked", ""], dtype="str")
    frame = pd.DataFrame({KIND_CODE: positions(kinds, KINDS).astype("int8")})
    for wanted in (GIVE_KINDS, ASK_KINDS, "thanked", GIVE_KINDS + ASK_KINDS):
        expected = kinds.isin([wanted] if isinstance(wanted, str) else wanted).to_numpy()
        assert np.array_equal(kind_mask(frame, wanted), expected)
