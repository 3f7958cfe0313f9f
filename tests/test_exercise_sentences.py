"""Exercise 9's sentence splitter: common abbreviations do not end a sentence."""

from __future__ import annotations

import pytest

from netcoach.grading.exercise_checks import sentences


@pytest.mark.parametrize("abbreviation", ["e.g.", "i.e.", "etc.", "Dr.", "Mr.", "Mrs.", "Ms."])
def test_an_abbreviation_does_not_end_a_sentence(abbreviation: str) -> None:
    text = (
        f"Give back to 3 people, {abbreviation} Smith this month. "
        "Meet 2 contacts in person. Follow up 4 leads this week."
    )
    assert len(sentences(text)) == 3


def test_three_sentences_with_e_g_pass_check_one(capsys: pytest.CaptureFixture) -> None:
    from netcoach.grading.exercise_checks import three_sentences

    three_sentences(
        1,
        "Give back more, e.g. share 2 job leads. Meet 3 people in person. "
        "Follow up 4 leads within a week.",
    )
    assert "✓" in capsys.readouterr().out


def test_real_sentence_ends_still_split() -> None:
    assert sentences("One 1. Two 2! Three 3? Four 4.") == [
        "One 1.",
        "Two 2!",
        "Three 3?",
        "Four 4.",
    ]
    assert len(sentences("Ask Adr. 2 things. Then 3 more.")) == 3  # "Adr." is not "Dr."
