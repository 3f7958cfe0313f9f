"""Hand-worked expected values for each score on tiny logs."""

from __future__ import annotations

import pytest
from scoring_helpers import AS_OF, contact, event, make_log

from netcoach.scoring import score_log
from netcoach.settings import Settings

# ---------------------------------------------------------------- reciprocity


def test_balanced_giving_scores_full_marks():
    log = make_log(
        [contact("ann")],
        [
            event("2025-09-01", "ann", "shared"),
            event("2025-09-02", "ann", "asked_advice"),
            event("2025-09-03", "ann", "congratulated"),
            event("2025-09-04", "ann", "asked_lead"),
        ],
    )
    rec = score_log(log, AS_OF).reciprocity
    assert rec.components["balance"] == 1.0
    assert rec.score == 100


def test_only_asking_scores_a_quarter():
    # balance 0, one-way share 1/1, nobody helped: 100 * (0 + 0 + 0.25) = 25
    log = make_log(
        [contact("ann")], [event(f"2025-0{m}-01", "ann", "asked_advice") for m in (4, 6, 8)]
    )
    rec = score_log(log, AS_OF).reciprocity
    assert rec.score == 25
    assert rec.components["one_way_contacts"] == 1
    assert "gave nothing back" in rec.reasons[1].text
    assert rec.reasons[1].rows == (2, 3, 4)


def test_mixed_example_worked_by_hand():
    # gives 1, asks 3 -> balance 2*1/4 = 0.5; Ann one-way (1 of 1 asked) -> 0;
    # helpers Bo, Cy, Di; Cy got a give, Bo and Di did not -> 1/3.
    # 100 * (0.5*0.5 + 0.25*0 + 0.25/3) = 33.33 -> 33
    log = make_log(
        [contact(c) for c in ("ann", "bo", "cy", "di")],
        [
            event("2025-09-01", "ann", "asked_advice"),
            event("2025-09-05", "ann", "asked_lead"),
            event("2025-09-06", "ann", "asked_intro"),
            event("2025-09-10", "bo", "received_lead"),
            event("2025-09-01", "cy", "received_help"),
            event("2025-09-02", "cy", "shared"),
            event("2025-09-20", "di", "received_intro"),
        ],
    )
    rec = score_log(log, AS_OF).reciprocity
    assert rec.components["raw_score"] == pytest.approx(100 / 3)
    assert rec.score == 33
    table = rec.details["per_contact"].set_index("contact_id")
    assert table.loc["bo", "unreciprocated"] and table.loc["di", "unreciprocated"]
    assert not table.loc["cy", "unreciprocated"]


def test_rows_outside_the_window_or_after_as_of_do_not_count():
    log = make_log(
        [contact("ann")],
        [
            event("2024-09-30", "ann", "shared"),  # 366 days before: outside
            event("2024-10-01", "ann", "asked_advice"),  # 365th day: inside
            event("2025-10-01", "ann", "shared"),  # after as_of: ignored
        ],
    )
    rec = score_log(log, AS_OF).reciprocity
    assert (rec.components["gives"], rec.components["asks"]) == (0, 1)


# ---------------------------------------------------------------- channel mix


@pytest.mark.parametrize(
    ("channels", "target", "expected"),
    [
        (["in_person", "in_person", "phone", "email"], 0.5, 100),  # 75% >= 50%
        (["video", "email", "social", "text"], 0.5, 50),  # 25% of a 50% target
        (["video", "email", "social", "text"], 0.25, 100),
        (["email", "social"], 0.5, 0),
    ],
)
def test_channel_mix_is_rich_share_against_target(channels, target, expected):
    log = make_log(
        [contact("ann")],
        [event(f"2025-09-{d + 1:02d}", "ann", "check_in", ch) for d, ch in enumerate(channels)],
    )
    mix = score_log(log, AS_OF, Settings(rich_channel_target=target)).channel_mix
    assert mix.score == expected


def test_channel_mix_with_no_interactions_is_zero_with_a_reason():
    mix = score_log(make_log([contact("ann")], []), AS_OF).channel_mix
    assert mix.score == 0
    assert "No interactions" in mix.reasons[0].text


def test_month_table_lists_every_month_and_the_rich_share():
    log = make_log(
        [contact("ann")],
        [
            event("2025-08-03", "ann", "check_in", "in_person"),
            event("2025-08-20", "ann", "check_in", "email"),
            event("2025-09-02", "ann", "check_in", "email"),
        ],
    )
    months = score_log(log, AS_OF).channel_mix.details["by_month"].set_index("month")
    assert len(months) == 12 and months.index[-1] == "2025-09"
    assert months.loc["2025-08", "rich_share"] == 0.5
    assert months.loc["2025-09", "rich_share"] == 0.0
    assert months.loc["2025-01", "total"] == 0


# ---------------------------------------------------------------- follow-up


def _lead_status(*rows):
    log = make_log([contact("bo")], list(rows))
    return score_log(log, AS_OF).follow_up.details["leads"].iloc[0]


def test_lead_without_follow_up_is_overdue_by_days_past_window():
    lead = _lead_status(event("2025-09-01", "bo", "received_lead"))
    # due 8 Sep; as of 30 Sep -> 22 days overdue
    assert (lead["status"], lead["days_overdue"]) == ("overdue", 22)


def test_lead_followed_up_late_and_on_time():
    late = _lead_status(
        event("2025-09-01", "bo", "received_lead"), event("2025-09-10", "bo", "followed_up_lead")
    )
    assert (late["status"], late["days_overdue"]) == ("late", 2)
    on_time = _lead_status(
        event("2025-09-01", "bo", "received_lead"), event("2025-09-08", "bo", "declined_lead")
    )
    assert on_time["status"] == "on_time"


def test_lead_still_inside_its_window_is_open_and_not_a_duty():
    log = make_log([contact("bo")], [event("2025-09-28", "bo", "received_lead")])
    fu = score_log(log, AS_OF).follow_up
    assert fu.details["leads"].iloc[0]["status"] == "open"
    assert fu.components["leads_due"] == 0


def test_follow_up_to_another_person_does_not_answer_a_lead():
    log = make_log(
        [contact("bo"), contact("cy")],
        [event("2025-09-01", "bo", "received_lead"), event("2025-09-02", "cy", "followed_up_lead")],
    )
    assert score_log(log, AS_OF).follow_up.details["leads"].iloc[0]["status"] == "overdue"


def test_help_needs_thanks_but_a_lead_follow_up_also_thanks_for_that_lead():
    log = make_log(
        [contact("bo"), contact("cy")],
        [
            event("2025-09-01", "bo", "received_lead"),
            event("2025-09-02", "bo", "followed_up_lead"),
            event("2025-09-01", "cy", "received_help"),
            event("2025-09-02", "cy", "followed_up_lead"),  # not a thank-you for help
        ],
    )
    thanks = score_log(log, AS_OF).follow_up.details["thanks"].set_index("contact_id")
    assert thanks.loc["bo", "status"] == "on_time"
    assert thanks.loc["cy", "status"] == "overdue"


def test_cadence_counts_from_when_contact_happened_not_row_order():
    # The coffee on 20 Sep was logged (appended) after a row dated 1 Aug.
    log = make_log(
        [contact("ann", tier="inner")],
        [event("2025-09-20", "ann", "check_in", "in_person"), event("2025-08-01", "ann", "shared")],
    )
    row = score_log(log, AS_OF).follow_up.details["cadence"].iloc[0]
    assert row["last_contact"].date().isoformat() == "2025-09-20"
    assert (row["days_since"], row["status"]) == (10, "ok")


def test_cadence_overdue_gap_grows_to_one_at_twice_the_cadence():
    # inner (14 days), last contact 6 Sep -> 24 days since, 10 overdue: 0.5 + 0.5*10/14
    log = make_log(
        [contact("ann", tier="inner"), contact("cy", tier="close", cadence=10)],
        [event("2025-09-06", "ann", "check_in"), event("2025-08-01", "cy", "check_in")],
    )
    fu = score_log(log, AS_OF).follow_up
    table = fu.details["cadence"].set_index("contact_id")
    assert table.loc["ann", "days_overdue"] == 10
    assert table.loc["cy", "cadence_days"] == 10  # own cadence beats the tier's 30
    assert fu.components["cadence_gap"] == pytest.approx((0.5 + 0.5 * 10 / 14) + 1.0)


def test_outer_contacts_have_no_cadence_and_never_contacted_counts_half():
    log = make_log([contact("ann"), contact("bo", tier="active")], [])
    fu = score_log(log, AS_OF).follow_up
    assert fu.details["cadence"]["contact_id"].tolist() == ["bo"]
    assert fu.details["cadence"].iloc[0]["status"] == "never"
    assert fu.components["cadence_gap"] == 0.5


def test_over_contact_needs_more_than_the_limit_inside_the_window():
    spaced = [
        event(d, "ann", "asked_advice") for d in ("2025-08-01", "2025-08-16", "2025-08-31")
    ]  # 1 Aug is exactly 30 days before 31 Aug: outside the 30-day span
    assert (
        score_log(make_log([contact("ann")], spaced), AS_OF).follow_up.details["over_contact"].empty
    )
    close = [event(d, "ann", "asked_lead") for d in ("2025-08-02", "2025-08-16", "2025-08-31")]
    flagged = score_log(make_log([contact("ann")], close), AS_OF).follow_up.details["over_contact"]
    assert flagged.iloc[0]["asks_in_window"] == 3
    assert flagged.iloc[0]["rows"] == (2, 3, 4)


def test_follow_up_score_is_one_minus_gap_rate():
    # duties: 1 overdue lead (gap 1) + its thanks (gap 1) + 1 on-time help (0) -> 2/3 gap
    log = make_log(
        [contact("bo"), contact("cy")],
        [
            event("2025-09-01", "bo", "received_lead"),
            event("2025-09-01", "cy", "received_help"),
            event("2025-09-02", "cy", "thanked"),
        ],
    )
    fu = score_log(log, AS_OF).follow_up
    assert (fu.components["duties"], fu.components["gap_points"]) == (3, 2.0)
    assert fu.score == 33


def test_nothing_to_follow_up_scores_100():
    fu = score_log(make_log([contact("ann")], []), AS_OF).follow_up
    assert fu.score == 100 and "Nothing needs following up" in fu.reasons[0].text


# ---------------------------------------------------------------- overall and actions


def test_overall_is_the_weighted_mean():
    log = make_log(
        [contact("ann")],
        [event("2025-09-01", "ann", "asked_advice", "email")],
    )
    report = score_log(log, AS_OF)
    parts = [report.reciprocity, report.channel_mix, report.follow_up]
    mean = sum(p.components["raw_score"] for p in parts) / 3
    assert report.overall.score == round(mean)
    weighted = score_log(
        log, AS_OF, Settings(weights={"reciprocity": 1, "channel_mix": 0, "follow_up": 0})
    )
    assert weighted.overall.score == report.reciprocity.score


@pytest.mark.parametrize(
    ("raw", "sentence"),
    [
        (
            (90, 40, 70),
            "Your strongest area is reciprocity; the one to work on first is channel mix.",
        ),
        (  # 79.6 and 80.4 both show as 80: named together, not one picked by its name
            (79.6, 40, 80.4),
            "Your strongest areas are reciprocity and follow-up, both at 80; "
            "the one to work on first is channel mix.",
        ),
        (
            (90, 40, 40),
            "Your strongest area is reciprocity; channel mix and follow-up tie as the ones "
            "to work on, both at 40.",
        ),
        ((60, 60, 60), None),
    ],
)
def test_overall_names_tied_areas_together(raw, sentence) -> None:
    from netcoach.scoring import overall_score
    from netcoach.scoring.results import ScoreResult

    names = ("reciprocity", "channel_mix", "follow_up")
    parts = [
        ScoreResult(n, round(r), {"raw_score": r, "interactions": 10}, [])
        for n, r in zip(names, raw, strict=True)
    ]
    reasons = [r.text for r in overall_score(parts, Settings()).reasons]
    assert reasons[0].startswith("The overall score is the average of")
    assert reasons[1:] == ([sentence] if sentence else [])


def test_next_actions_are_ranked_by_urgency_then_lateness():
    log = make_log(
        [contact("ann", tier="inner"), contact("bo"), contact("cy")],
        [
            event("2025-06-01", "ann", "check_in"),
            event("2025-09-01", "bo", "received_lead"),
            event("2025-09-10", "cy", "received_lead"),
            event("2025-09-11", "cy", "thanked"),
        ],
    )
    actions = score_log(log, AS_OF).next_actions
    assert actions["rank"].tolist() == list(range(1, len(actions) + 1))
    assert actions["action"].tolist()[:3] == ["follow_up_lead", "follow_up_lead", "send_thanks"]
    assert actions["name"].tolist()[:2] == ["Bo", "Cy"]  # Bo's lead is older
    reconnect = actions[actions["action"] == "reconnect"].iloc[0]
    assert reconnect["name"] == "Ann" and reconnect["days_overdue"] == 121 - 14


def test_as_of_must_be_given_when_the_folder_has_none():
    with pytest.raises(ValueError, match="as of"):
        score_log(make_log([contact("ann")], []))


def test_json_shape_is_stable():
    report = score_log(
        make_log([contact("ann")], [event("2025-09-01", "ann", "received_lead")]), AS_OF
    )
    data = report.to_dict()
    assert set(data["scores"]) == {"reciprocity", "channel_mix", "follow_up", "overall"}
    for part in data["scores"].values():
        assert isinstance(part["score"], int) and 0 <= part["score"] <= 100
        assert all(isinstance(r, str) for r in part["reasons"])
    action = data["next_actions"][0]
    assert set(action) == {"rank", "contact_id", "name", "action", "reason", "days_overdue"}
