"""Property tests: bounds, monotonicity and invariance of the scores."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scoring_helpers import AS_OF, contact, event, make_log

from netcoach.schema import CHANNELS, GIVE_KINDS, KINDS, RICH_CHANNELS, TIERS
from netcoach.scoring import score_log
from netcoach.settings import Settings

IDS = ["c1", "c2", "c3", "c4", "c5"]
dates = st.integers(min_value=-400, max_value=5).map(
    lambda d: (AS_OF + pd.Timedelta(days=d)).date().isoformat()
)
rows = st.tuples(dates, st.sampled_from(IDS), st.sampled_from(KINDS), st.sampled_from(CHANNELS))
contacts = st.lists(
    st.tuples(st.sampled_from(TIERS), st.one_of(st.none(), st.integers(1, 120))),
    min_size=len(IDS),
    max_size=len(IDS),
)
settings_strategy = st.builds(
    Settings,
    lead_follow_up_days=st.integers(1, 30),
    thanks_days=st.integers(1, 14),
    rich_channel_target=st.floats(0.05, 1.0),
    lookback_days=st.integers(30, 500),
    ask_window_days=st.integers(1, 90),
    max_asks_in_window=st.integers(1, 5),
)
SLOW_OK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build(contact_rows, interaction_rows):
    people = [
        contact(cid, tier=t, cadence=c) for cid, (t, c) in zip(IDS, contact_rows, strict=True)
    ]
    return make_log(people, [event(d, cid, k, ch) for d, cid, k, ch in interaction_rows])


def scores(report):
    return {k: v.score for k, v in report.scores.items()}


@SLOW_OK
@given(contacts, st.lists(rows, max_size=40), settings_strategy)
def test_every_score_stays_between_0_and_100(contact_rows, interaction_rows, s):
    report = score_log(build(contact_rows, interaction_rows), AS_OF, s)
    for part in report.scores.values():
        assert 0 <= part.score <= 100
        assert 0 <= part.components["raw_score"] <= 100


@SLOW_OK
@given(
    contacts, st.lists(rows, max_size=40), dates, st.sampled_from(IDS), st.sampled_from(GIVE_KINDS)
)
def test_adding_a_give_never_lowers_reciprocity(contact_rows, interaction_rows, day, cid, kind):
    before = score_log(build(contact_rows, interaction_rows), AS_OF).reciprocity
    after = score_log(build(contact_rows, [*interaction_rows, (day, cid, kind, "email")]), AS_OF)
    assert after.reciprocity.components["raw_score"] >= before.components["raw_score"] - 1e-9


@SLOW_OK
@given(
    contacts,
    st.lists(rows, max_size=40),
    dates,
    st.sampled_from(IDS),
    st.sampled_from(RICH_CHANNELS),
)
def test_adding_a_rich_interaction_never_lowers_channel_mix(
    contact_rows, interaction_rows, day, cid, ch
):
    before = score_log(build(contact_rows, interaction_rows), AS_OF).channel_mix
    after = score_log(build(contact_rows, [*interaction_rows, (day, cid, "check_in", ch)]), AS_OF)
    assert after.channel_mix.components["raw_score"] >= before.components["raw_score"] - 1e-9


@SLOW_OK
@given(contacts, st.lists(rows, max_size=40), st.data())
def test_a_timely_follow_up_never_raises_the_follow_up_gap(contact_rows, interaction_rows, data):
    s = Settings()
    leads = [
        r for r in interaction_rows if r[2] == "received_lead" and r[0] <= AS_OF.date().isoformat()
    ]
    if not leads:
        leads = [
            ((AS_OF - pd.Timedelta(days=20)).date().isoformat(), "c1", "received_lead", "email")
        ]
        interaction_rows = [*interaction_rows, leads[0]]
    lead = data.draw(st.sampled_from(leads))
    lead_day = pd.Timestamp(lead[0])
    latest = min(AS_OF, lead_day + pd.Timedelta(days=s.lead_follow_up_days))
    offset = data.draw(st.integers(0, (latest - lead_day).days))
    follow = (
        (lead_day + pd.Timedelta(days=offset)).date().isoformat(),
        lead[1],
        "followed_up_lead",
        "phone",
    )
    before = score_log(build(contact_rows, interaction_rows), AS_OF, s).follow_up
    after = score_log(build(contact_rows, [*interaction_rows, follow]), AS_OF, s).follow_up
    assert after.components["gap_points"] <= before.components["gap_points"] + 1e-9
    assert after.components["raw_score"] >= before.components["raw_score"] - 1e-9


@SLOW_OK
@given(contacts, st.lists(rows, max_size=40), st.randoms(use_true_random=False))
def test_shuffling_rows_changes_nothing(contact_rows, interaction_rows, rnd):
    log = build(contact_rows, interaction_rows)
    shuffled = build(contact_rows, interaction_rows)
    order = list(range(len(shuffled.interactions)))
    rnd.shuffle(order)
    shuffled.interactions = shuffled.interactions.iloc[order].reset_index(drop=True)
    corder = list(range(len(shuffled.contacts)))
    rnd.shuffle(corder)
    shuffled.contacts = shuffled.contacts.iloc[corder].reset_index(drop=True)
    a, b = score_log(log, AS_OF), score_log(shuffled, AS_OF)
    assert scores(a) == scores(b)
    assert a.to_dict()["next_actions"] == b.to_dict()["next_actions"]


@SLOW_OK
@given(contacts, st.lists(rows, max_size=40))
def test_renaming_contacts_changes_no_score(contact_rows, interaction_rows):
    log = build(contact_rows, interaction_rows)
    renamed = build(contact_rows, interaction_rows)
    renamed.contacts["name"] = "Person " + renamed.contacts["contact_id"].str.upper()
    mapping = {cid: f"x-{i}" for i, cid in enumerate(reversed(IDS))}
    renamed.contacts["contact_id"] = renamed.contacts["contact_id"].map(mapping)
    renamed.interactions["contact_id"] = renamed.interactions["contact_id"].map(mapping)
    a, b = score_log(log, AS_OF), score_log(renamed, AS_OF)
    assert scores(a) == scores(b)
    assert sorted(a.next_actions["action"]) == sorted(b.next_actions["action"])
