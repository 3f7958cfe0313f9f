"""Re-scoring with a memo (the widget's sliders) gives exactly what scoring afresh gives."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach.samples import load_sample
from netcoach.scoring import Scorer, score_log
from netcoach.settings import Settings

LOG = load_sample("graduate")

settings_changes = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "lead_follow_up_days": st.integers(1, 30),
            "thanks_days": st.integers(1, 14),
            "rich_channel_target": st.sampled_from([0.3, 0.5, 0.7]),
            "lookback_days": st.sampled_from([180, 365]),
            "cadence_days": st.fixed_dictionaries({"inner": st.integers(7, 60)}),
            "max_asks_in_window": st.integers(1, 4),
        },
    ),
    min_size=1,
    max_size=6,
)


def same_report(a, b) -> None:
    assert a.to_dict() == b.to_dict()
    for name in ("reciprocity", "channel_mix", "follow_up"):
        for key, table in a.scores[name].details.items():
            pd.testing.assert_frame_equal(table, b.scores[name].details[key], obj=key)
    pd.testing.assert_frame_equal(a.next_actions, b.next_actions)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(settings_changes)
def test_a_sequence_of_slider_moves_matches_scoring_afresh(changes):
    scorer = Scorer(LOG)
    current = Settings()
    for change in changes:
        current = current.replace(**change)
        same_report(scorer.score(settings=current), score_log(LOG, settings=current))


def test_moving_one_slider_recomputes_only_what_reads_it():
    scorer = Scorer(LOG)
    scorer.score(settings=Settings())
    before = dict(scorer.memo.computed)
    scorer.score(settings=Settings(lead_follow_up_days=10))
    recomputed = {k for k, v in scorer.memo.computed.items() if v != before.get(k, 0)}
    assert recomputed == {"leads", "lead_actions"}
    scorer.score(settings=Settings(lead_follow_up_days=10, rich_channel_target=0.3))
    assert scorer.memo.computed["channel_mix"] == 2
    assert scorer.memo.computed["prepare"] == 1


def test_a_different_as_of_date_is_scored_afresh():
    scorer = Scorer(LOG)
    scorer.score()
    same_report(scorer.score(as_of="2025-06-30"), score_log(LOG, as_of="2025-06-30"))


def test_what_reads_a_report_leaves_its_shared_tables_alone(tmp_path) -> None:
    """A ``Scorer`` hands the same memoised tables to later reports, so nothing that reads a
    report (text, HTML, charts, widget views, summary, reminders) may change them."""
    from netcoach import plots
    from netcoach.reminders import reminders_calendar
    from netcoach.report_html import render_html_report
    from netcoach.report_text import format_text_report
    from netcoach.summary import build_summary
    from netcoach.widgets.score_view import (
        actions_table_html,
        overdue_table_html,
        reasons_html,
        score_card_html,
    )

    scorer = Scorer(LOG)
    report = scorer.score(as_of=LOG.folder_settings.as_of)
    expected = score_log(LOG, as_of=LOG.folder_settings.as_of)
    format_text_report(report)
    render_html_report(report, LOG)
    for chart in plots.all_charts(report):
        chart.figure.clear()
    for result in report.scores.values():
        score_card_html(result)
    reasons_html(report), actions_table_html(report), overdue_table_html(report)
    build_summary(report, LOG, nickname="blue-fox")
    reminders_calendar(report)
    same_report(report, expected)
    same_report(scorer.score(as_of=LOG.folder_settings.as_of), expected)
