"""The sentence above the quick check's chart (also its alt text) agrees with the reading
list under it: the same habit to work on first, ties said as ties, and none when none is weak."""

from __future__ import annotations

import re

from netcoach.quick_check_questions import QUESTIONS, score_answers
from netcoach.widgets.quick_check import QuickCheck, profile_alt_text


def _all(answer: str) -> QuickCheck:
    return QuickCheck({q.key: answer for q in QUESTIONS})


def _first_listed(check: QuickCheck) -> str:
    return re.search(r"<li><strong>([^<]+)</strong>", check.reading.value).group(1)


def test_all_never_names_the_reading_lists_first_item_and_the_tie_at_the_top() -> None:
    check = _all("Never")
    text = profile_alt_text(check.scores)
    assert _first_listed(check) == "Giving first"
    assert "The one to work on first is “Giving first” at 0 out of 100" in text
    assert "4 areas at that lowest score" in text
    assert (
        "3 areas share the top score of 50 out of 100: “Relationships, not reach”, "
        "“Channel mix” and “Social media etiquette”." in text
    )
    assert "strongest habit" not in text and "follow-up at 0" not in text.lower()


def test_all_often_has_nothing_to_work_on_like_the_reading_list() -> None:
    check = _all("Often")
    text = profile_alt_text(check.scores)
    assert "No weak areas" in check.reading.value
    assert "work on first" not in text
    assert "No answered area scores below 50, so none is marked to work on." in text
    assert text.startswith("4 areas share the top score of 67 out of 100: “Giving first”")


def test_one_answer_is_one_area_in_the_singular() -> None:
    check = QuickCheck({"face_to_face": "Never"})
    text = profile_alt_text(check.scores)
    assert "All 1" not in text and "areas score" not in text
    assert text == (
        "One area is answered so far: “Channel mix” at 0 out of 100. "
        "That is below 50, so it is the one to work on first."
    )
    assert _first_listed(check) == "Channel mix"
    assert profile_alt_text(score_answers({"face_to_face": "Always"})).endswith(
        "none is marked to work on."
    )


def test_a_single_strongest_and_more_weak_areas_are_counted() -> None:
    text = profile_alt_text({"giving": 10, "follow_up": 30, "channels": 40, "priority": 80})
    assert text == (
        "Your strongest habit is “Making it a priority” at 80 out of 100. The one to work on "
        "first is “Giving first” at 10 out of 100; 2 other areas also score below 50."
    )
    assert profile_alt_text({"giving": 100, "follow_up": 40}).endswith("at 40 out of 100.")
    assert profile_alt_text({}) == "No answers yet, so the profile is empty."
