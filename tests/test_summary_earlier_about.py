"""A summary made by the first release (format 1, whose 'about' text said 'keep-in-touch
cadence') is read and counted, not refused as 'not a Network Coach summary of this version'."""

from __future__ import annotations

import json

from helpers import write_summaries

from netcoach.cohort import load_cohort, read_summary_file
from netcoach.cohort_samples import perturbed_summaries
from netcoach.summary import summary_problems

FIRST_RELEASE_ABOUT = (
    "An anonymous Network Coach summary, made on the learner's own computer and shared by "
    "choice. It holds the learner's four scores, counts (contacts per tier, interactions per "
    "channel, gives and asks, job leads and thank-yous by status, contacts past their "
    "keep-in-touch cadence), the kinds of gap found, the month it was made for and a nickname. "
    "It holds no names, email addresses, organisations, roles, notes, tags, contact ids, "
    "profile links, free text or exact dates."
)
"""As ``git show 404d41f:netcoach/summary.py`` has it (changed by acef3c1)."""


def _first_release(summaries: list[dict]) -> list[dict]:
    return [dict(s, about=FIRST_RELEASE_ABOUT) for s in summaries]


def test_a_first_release_summary_is_counted(tmp_path):
    from helpers import graduate_summary

    summaries = _first_release(perturbed_summaries(graduate_summary(), 6, seed=4))
    assert summary_problems(summaries[0]) == []
    folder = write_summaries(tmp_path / "c", summaries)
    cohort = load_cohort(folder)
    assert cohort.size == 6 and cohort.problems == []
    data, reason = read_summary_file(folder / "learner-00000.json")
    assert data is not None and reason == ""


def test_any_other_about_text_is_still_refused(tmp_path):
    from helpers import graduate_summary

    edited = dict(graduate_summary(), about=FIRST_RELEASE_ABOUT + " Shared by Amara.")
    path = tmp_path / "x.json"
    path.write_text(json.dumps(edited))
    data, reason = read_summary_file(path)
    assert data is None and "about: not an allowed value" in reason and "Amara" not in reason


def test_the_first_releases_rounded_rich_share_gap_is_accepted():
    """The first release judged low_rich_share on the rounded share (0.4975 -> 0.5: no
    gap); today's on the exact one. Either agrees with the counts."""
    from helpers import graduate_summary

    s = dict(graduate_summary(), about=FIRST_RELEASE_ABOUT)
    counts = s["counts"]
    counts["interactions_by_channel"] = dict.fromkeys(counts["interactions_by_channel"], 0)
    counts["interactions_by_channel"].update(in_person=199, email=201)
    counts["interactions"] = 400
    s["rich_share"] = 0.5
    s["gaps"] = [g for g in s["gaps"] if g != "low_rich_share"]
    assert summary_problems(s) == []
    assert summary_problems(dict(s, gaps=[*s["gaps"], "low_rich_share"])) == []
