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
