"""The quick-check profile's bars run left to right and its dashed line stands upright at
50, so its words say "left of the dashed line", never "below" it."""

from __future__ import annotations

from netcoach.quick_check_questions import AREAS
from netcoach.widgets.quick_check import profile_chart


def test_the_profile_chart_says_left_of_the_upright_dashed_line() -> None:
    scores = {a.key: 30 if i % 2 else 80 for i, a in enumerate(AREAS)}
    chart = profile_chart(scores)
    words = chart.svg + chart.alt_text + chart.caption
    assert "below the dashed line" not in words
    assert "left of the dashed line" in chart.svg
    assert "left of the dashed line at 50" in chart.caption
