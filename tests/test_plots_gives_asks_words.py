"""The gives-and-asks words are true to the chart: how its contacts are ranked, and who
was asked most (the PNG and SVG charts share these words)."""

from __future__ import annotations

from scoring_helpers import AS_OF, contact, event, make_log

from netcoach import plots, svg_charts
from netcoach.samples import load_sample
from netcoach.scoring import score_log


def test_gives_and_asks_caption_names_the_real_ranking():
    report = score_log(load_sample("graduate"))
    for chart in (plots.gives_and_asks_chart(report), svg_charts.gives_and_asks_svg(report)):
        assert "most in touch" not in chart.caption
        assert "the 15 contacts with the most gives and asks" in chart.caption


def test_one_contact_shown_reads_in_the_singular():
    report = score_log(
        make_log([contact("c1")], [event("2025-08-30", "c1", "asked_advice")]), AS_OF
    )
    caption = plots.gives_and_asks_chart(report).caption
    assert "for the contact you gave to or asked." in caption


def _sixteen_contacts():
    """c02-c15 five gives each; c01 three asks and two gives; c16 four asks (not shown)."""
    people = [contact(f"c{i:02d}", f"Person {i:02d}") for i in range(1, 17)]
    rows = [event("2025-09-10", f"c{i:02d}", "shared") for i in range(2, 16) for _ in range(5)]
    rows += [event("2025-09-11", "c01", "asked_advice") for _ in range(3)]
    rows += [event("2025-09-12", "c01", "shared") for _ in range(2)]
    rows += [event("2025-09-13", "c16", "asked_advice") for _ in range(4)]
    return score_log(make_log(people, rows), AS_OF)


def test_the_person_asked_most_is_found_outside_the_contacts_shown():
    alt = plots.gives_and_asks_chart(_sixteen_contacts()).alt_text
    assert "You asked Person 16 most: 4 asks and 0 gives (not among the 15 shown)." in alt
    assert "Person 01 most" not in alt


def test_the_person_asked_most_who_is_shown_has_no_note():
    alt = plots.gives_and_asks_chart(_sixteen_contacts(), top=16).alt_text
    assert "You asked Person 16 most: 4 asks and 0 gives." in alt
