"""The cohort counts the month most summaries were made for: one summary made early for
next month used to hide a whole group ("Fewer than 5 ... (1 so far)", 20 left out)."""

from __future__ import annotations

from helpers import graduate_summary, write_summaries

from netcoach.cohort import cohort_view, load_cohort
from netcoach.cohort_samples import perturbed_summaries


def test_one_summary_for_a_later_month_is_left_out_not_the_group(tmp_path):
    summaries = perturbed_summaries(graduate_summary(), 7, seed=3)
    month = summaries[0]["as_of_month"]
    summaries[4] = dict(summaries[4], as_of_month="2030-01")
    view = cohort_view(load_cohort(write_summaries(tmp_path / "c", summaries)))
    assert view.size == 6 and not view.suppressed
    [left_out] = view.left_out
    assert left_out.reason.startswith(
        f"made for 2030-01, not the month most summaries here were made for ({month})"
    )


def test_on_a_tie_the_newer_month_counts(tmp_path):
    summaries = perturbed_summaries(graduate_summary(), 4, seed=5)
    summaries[2:] = [dict(s, as_of_month="2030-01") for s in summaries[2:]]
    cohort = load_cohort(write_summaries(tmp_path / "c", summaries))
    assert {s["as_of_month"] for s in cohort.summaries.values()} == {"2030-01"}
    assert len(cohort.left_out) == 2
