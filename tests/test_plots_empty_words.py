"""Chart words for an empty period and for counts of 0 or 1: no "0% ... below the target",
no "the 0 contacts", no "1 days" (the PNG and SVG charts share these words)."""

from __future__ import annotations

from scoring_helpers import AS_OF, contact, event, make_log

from netcoach import plots, svg_charts
from netcoach.scoring import score_log


def test_channel_mix_with_no_interactions_says_so():
    report = score_log(make_log([contact("c1")], []), AS_OF)
    chart = svg_charts.channel_mix_svg(report)
    assert "below" not in chart.alt_text and "were 0%" not in chart.alt_text
    assert chart.alt_text.startswith("You logged no interactions in the 12 months")
    assert "the 50% target" in chart.alt_text


def _one_contact(cadence: int | None, kind: str = "check_in", date: str = "2025-09-10"):
    log = make_log([contact("c1", "Bo Birch", cadence=cadence)], [event(date, "c1", kind)])
    return score_log(log, AS_OF)


def test_no_gives_or_asks_says_there_is_nothing_to_chart():
    chart = svg_charts.gives_and_asks_svg(_one_contact(None))
    assert "0 contacts" not in chart.caption + chart.alt_text
    assert chart.alt_text.startswith("You logged no gives or asks in the look-back window")
    assert chart.caption.startswith("Nothing to chart")


def test_no_cadence_says_there_is_nothing_to_chart():
    chart = svg_charts.cadence_svg(_one_contact(None))
    assert "0 contacts" not in chart.caption + chart.alt_text
    assert chart.alt_text == "No contact has a stay-in-touch cadence, so there is nothing to chart."
    assert chart.caption.startswith("Nothing to chart")


def test_one_contact_with_a_cadence_reads_in_the_singular():
    chart = plots.cadence_chart(_one_contact(30, "asked_advice", "2025-08-30"))
    assert "1 contacts" not in chart.caption and "contact most in need" not in chart.caption
    assert chart.caption.startswith("Your one contact with a stay-in-touch cadence.")
    assert chart.alt_text.startswith(
        "Your one contact with a stay-in-touch cadence is overdue: Bo Birch "
        "(1 day past a 30-day cadence)."
    )


def test_one_of_many_inside_the_cadence_is_singular():
    people = [contact(f"c{i}", cadence=30) for i in range(1, 4)]
    rows = [event("2025-09-20", "c1", "check_in"), event("2025-07-01", "c2", "check_in")]
    chart = plots.cadence_chart(score_log(make_log(people, rows), AS_OF))
    assert chart.alt_text.startswith("1 of 3 contacts with a stay-in-touch cadence is inside it;")
    assert "1 is overdue: C2 (61 days past" in chart.alt_text
    assert chart.caption.startswith("All 3 contacts with a stay-in-touch cadence, most in need")


def test_an_item_one_day_overdue_is_one_day():
    report = _one_contact(None, "received_lead", "2025-09-22")  # due in 7 days: 1 day overdue
    alt = plots.follow_up_chart(report).alt_text
    assert "(the oldest by 1 day)" in alt
