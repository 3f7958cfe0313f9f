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


def test_a_contact_missing_from_contacts_or_without_a_name_is_named_by_id():
    from netcoach.log import NetworkLog
    from netcoach.scoring.window import prepare
    from netcoach.settings import Settings

    contacts = pd.DataFrame(
        {
            "contact_id": pd.array(["c1", "c2", "c3"], dtype="str"),
            "name": pd.array(["Ann Lee", None, "Bo Day"], dtype="str"),  # c3: no interaction
            "tier": pd.array(["close"] * 3, dtype="str"),
            "cadence_days": pd.array([None] * 3, dtype="Int64"),
        }
    )
    interactions = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-02", "2025-01-03", "2025-01-04"]),
            "contact_id": pd.array(["c2", "c9", "c1"], dtype="str"),
            "channel": pd.array(["email"] * 3, dtype="str"),
            "kind": pd.array(["shared"] * 3, dtype="str"),
        }
    )
    for listed in (interactions, interactions.iloc[[0, 2]]):  # with and without c9
        log = NetworkLog(contacts, listed.reset_index(drop=True))
        data = prepare(log, "2025-02-01", Settings())
        names = dict(zip(data.contact_ids, data.contact_names, strict=True))
        expected = {"c1": "Ann Lee", "c2": "c2", "c9": "c9"}
        assert names == {i: expected[i] for i in listed["contact_id"]}
        assert data.contact_names.dtype == contacts["name"].dtype
