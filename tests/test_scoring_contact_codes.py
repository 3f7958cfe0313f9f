"""``code_contacts`` codes contact ids exactly as ``pd.factorize(sort=True)`` does."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.scoring.window import code_contacts, positions

ids_strategy = st.lists(st.sampled_from(["b", "B", "a b", "é", "10", "9", "zz", "Ä"]), max_size=30)


@settings(max_examples=80)
@given(ids_strategy, ids_strategy)
def test_code_contacts_matches_a_sorted_factorize(ids, listed):
    """Listed or not (an id missing from the contacts takes the slow path), repeated in
    the contacts or not: the same codes, ids and contacts' rows."""
    ids, listed = pd.array(ids, dtype="str"), pd.array(listed, dtype="str")
    codes, distinct, rows = code_contacts(ids, listed)
    want_codes, want_ids = pd.factorize(ids, sort=True)
    assert np.array_equal(codes, want_codes)
    assert list(distinct) == list(want_ids)
    assert isinstance(distinct, pd.Index)
    assert np.array_equal(rows, positions(pd.Index(want_ids), listed))
