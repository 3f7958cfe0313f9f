"""Chart words for an empty period and for counts of 0 or 1: no "0% ... below the target",
no "the 0 contacts", no "1 days" (the PNG and SVG charts share these words)."""

from __future__ import annotations

from scoring_helpers import AS_OF, contact, make_log

from netcoach import svg_charts
from netcoach.scoring import score_log


def test_channel_mix_with_no_interactions_says_so():
    report = score_log(make_log([contact("c1")], []), AS_OF)
    chart = svg_charts.channel_mix_svg(report)
    assert "below" not in chart.alt_text and "were 0%" not in chart.alt_text
    assert chart.alt_text.startswith("You logged no interactions in the 12 months")
    assert "the 50% target" in chart.alt_text
