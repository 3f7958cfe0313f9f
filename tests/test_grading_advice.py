"""Exercise 9: score words count as whole words (with their endings), and more common
abbreviations do not end a sentence."""

from __future__ import annotations

import pytest

from netcoach.grading.exercise_checks import areas_of, sentences


@pytest.mark.parametrize(
    "sentence",
    [
        "Finish 3 tasks today.",
        "Prevent 2 mistakes.",
        "Recall 4 names.",
        "Be a leader 1 day a week.",
        "Post 2 times on Facebook.",
    ],
)
def test_a_score_word_inside_another_word_does_not_count(sentence: str) -> None:
    assert areas_of(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "area"),
    [
        ("I asked 5 people.", "reciprocity"),
        ("Go to 2 events.", "channel mix"),
        ("I called 3 people.", "channel mix"),
        ("Meet 2 people face-to-face.", "channel mix"),
        ("Answer 4 leads.", "follow-up"),
        ("Send 2 thank-you notes.", "follow-up"),
        ("Follow up 3 times.", "follow-up"),
    ],
)
def test_score_words_and_their_endings_count(sentence: str, area: str) -> None:
    assert area in areas_of(sentence)


@pytest.mark.parametrize("abbreviation", ["vs.", "approx.", "Vs."])
def test_more_abbreviations_do_not_end_a_sentence(abbreviation: str) -> None:
    text = f"Give 3 times {abbreviation} 79 asks. Meet 2 contacts in person. Follow up 4 leads."
    assert len(sentences(text)) == 3
