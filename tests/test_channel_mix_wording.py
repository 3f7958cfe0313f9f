"""The channel-mix reasons say what a learner would work out by hand: ties named together,
no "50% ... below your target of 50%", and no trend from a few days."""

from __future__ import annotations

from scoring_helpers import AS_OF, contact, event, make_log

from netcoach.scoring import score_log
from netcoach.settings import Settings


def _reasons(log, settings=None) -> list[str]:
    return [r.text for r in score_log(log, AS_OF, settings).channel_mix.reasons]


def test_channels_that_tie_for_most_used_are_named_together():
    log = make_log(
        [contact("c1", "Bo Birch")],
        [
            event("2025-09-10", "c1", "asked_advice", "in_person"),
            event("2025-09-10", "c1", "check_in"),
        ],
    )
    reasons = _reasons(log)
    assert "Your most used channels are in person and email (50% each)." in reasons
    assert not any("most used channel is" in r for r in reasons)


def test_one_most_used_channel_is_named_alone():
    log = make_log(
        [contact("c1")],
        [
            event("2025-09-10", "c1", "check_in"),
            event("2025-09-11", "c1", "check_in", "phone"),
            event("2025-09-12", "c1", "check_in"),
        ],
    )
    assert "Your most used channel is email (67%)." in _reasons(log)


def test_a_share_that_shows_as_the_target_is_just_below_it():
    rows = [event("2025-09-01", "c1", "check_in", "phone") for _ in range(99)]
    rows += [event("2025-09-02", "c1", "check_in") for _ in range(100)]
    report = score_log(make_log([contact("c1")], rows), AS_OF)
    assert report.channel_mix.score == 99
    first = report.channel_mix.reasons[0].text
    assert "(50%)" in first and "just below your target of 50%" in first


def test_a_half_point_rounds_up_as_on_paper():
    rows = [event("2025-09-01", "c1", "check_in", "phone")]
    rows += [event("2025-09-02", "c1", "check_in") for _ in range(7)]
    log = make_log([contact("c1")], rows)  # 1 of 8 = 0.125 against 0.2: 62.5, on paper 63
    assert score_log(log, AS_OF, Settings(rich_channel_target=0.2)).channel_mix.score == 63


def test_no_trend_is_drawn_from_a_few_days():
    # A 100-day look-back holds the last three months and ten days of the month before:
    # "down from 100% in the 3 months before" described those ten days.
    rows = [event("2025-06-25", "c1", "check_in", "phone")]
    rows += [event(f"2025-0{m}-10", "c1", "check_in") for m in (7, 8, 9)]
    log = make_log([contact("c1")], rows)
    reasons = _reasons(log, Settings(lookback_days=100))
    assert not any("months before" in r for r in reasons)
    year = _reasons(log)  # the default year still compares the two three-month spans
    assert any("in the 3 months before" in r for r in year)
