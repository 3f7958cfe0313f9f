"""A summary whose numbers contradict each other is refused: casually hand-edited files
cannot make a group look bigger. Summaries that merely look alike are different learners:
merging "near copies" (same scores and gaps, counts within 2) dropped real learners with
small logs, so it was taken out."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from helpers import graduate_summary, write_summaries

from netcoach.cohort import cohort_view, load_cohort
from netcoach.cohort_samples import perturbed_summaries, synthetic_summaries
from netcoach.summary import summary_problems


@pytest.fixture(scope="module")
def base() -> dict:
    return graduate_summary()


def _edited(base: dict, edit: Callable[[dict], None], nickname: str = "edited") -> dict:
    s = copy.deepcopy(base)
    s["nickname"] = nickname
    edit(s)
    return s


def _nudge_contacts(s: dict, by: int) -> None:
    """More contacts, the tier counts moved with them (so they still add up)."""
    s["counts"]["contacts"] += by
    s["counts"]["contacts_by_tier"]["outer"] += by


def _set(path: str, value) -> Callable[[dict], None]:
    def edit(s: dict) -> None:
        *parents, last = path.split("/")
        where = s
        for key in parents:
            where = where[key]
        where[last] = value

    return edit


def test_summaries_made_by_netcoach_agree_with_themselves(base):
    assert summary_problems(base) == []
    for s in synthetic_summaries(12):
        assert summary_problems(s) == [], s["nickname"]
    for s in perturbed_summaries(base, 300, seed=3):
        assert summary_problems(s) == [], s["nickname"]


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (_set("counts/contacts", 1), "the contacts per tier do not add up"),
        (_set("counts/interactions", 3), "the interactions per channel do not add up"),
        (_set("counts/leads/overdue", 999), "more leads than interactions"),
        (_set("counts/one_way_contacts", 500), "one_way_contacts is more than asked_contacts"),
        (_set("gaps", []), "gaps: not the gaps the counts show"),
        (_set("rich_share", 0.9), "rich_share: not the share"),
        (_set("scores/overall", 100), "overall is not the average"),
    ],
)
def test_a_contradiction_is_named(base, edit, problem):
    problems = summary_problems(_edited(base, edit))
    assert any(problem in p for p in problems), problems


def test_the_reviewers_self_contradicting_summary_is_skipped_by_name(tmp_path, base):
    """Interactions 3, channels adding to 260, contacts 1, leads.overdue 999, no gaps."""

    def edit(s: dict) -> None:
        c = s["counts"]
        c["interactions"], c["contacts"] = 3, 1
        c["interactions_by_channel"] = dict.fromkeys(c["interactions_by_channel"], 0)
        c["interactions_by_channel"]["email"] = 260
        c["leads"]["overdue"] = 999
        s["gaps"] = []

    folder = write_summaries(tmp_path / "c", [_edited(base, edit, "odd")])
    [problem] = load_cohort(folder).problems
    assert problem.file == "odd.json"
    assert problem.reason.startswith("not counted: its numbers contradict each other")


def test_copies_with_a_nudged_count_are_refused(tmp_path, base):
    """The reviewer's case: six copies, nickname changed and counts.contacts nudged."""
    copies = [_edited(base, _set("counts/contacts", 40 + i), f"fox-{i}") for i in range(6)]
    cohort = load_cohort(write_summaries(tmp_path / "c", copies))
    assert cohort.size == 0 and len(cohort.problems) == 6


def _small_learner_summary(tmp_path, name: str, check_ins: int) -> dict:
    """The summary of a real log: one active contact and ``check_ins`` emails."""
    from helpers import CONTACTS_HEADER, INTERACTIONS_HEADER, write_log

    from netcoach.loading import load_log
    from netcoach.scoring import score_log
    from netcoach.summary import build_summary

    rows = "".join(f"2025-11-{day:02d},c1,email,check_in,me,\n" for day in range(1, check_ins + 1))
    folder = write_log(
        tmp_path / name,
        CONTACTS_HEADER + "c1,Pat Example,,,,active,,,,,\n",
        INTERACTIONS_HEADER + rows,
        'as_of = "2025-11-20"\n',
    )
    log = load_log(folder)
    return build_summary(score_log(log), log, name)


def test_learners_with_small_logs_that_look_alike_all_count(tmp_path):
    """The reviewer's chain: six learners with 1, 3, 5 ... 11 check-ins to one contact
    looked like near copies of each other and counted as one."""
    summaries = [_small_learner_summary(tmp_path, f"learner-{n}", n) for n in (1, 3, 5, 7, 9, 11)]
    view = cohort_view(load_cohort(write_summaries(tmp_path / "c", summaries)))
    assert view.size == 6 and view.problems == []


def test_different_learners_are_not_near_copies(tmp_path, base):
    summaries = perturbed_summaries(base, 8, seed=9)
    assert load_cohort(write_summaries(tmp_path / "c", summaries)).size == 8
