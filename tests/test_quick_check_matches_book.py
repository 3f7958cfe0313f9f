"""The quick check asks about the habit chapter 10 teaches: a little every day, in about
15 minutes, at a set time (not 'time every week')."""

from __future__ import annotations

from pathlib import Path

from netcoach.quick_check_questions import AREA_BY_KEY, QUESTION_BY_KEY

CHAPTER_10 = Path(__file__).resolve().parents[1] / "book" / "10-thirty-day-plan.md"


def test_chapter_10_still_teaches_a_little_every_day() -> None:
    text = CHAPTER_10.read_text(encoding="utf-8")
    assert "## A little every day" in text and "about 15 minutes" in text


def test_the_priority_question_and_advice_ask_for_a_little_every_day() -> None:
    question = QUESTION_BY_KEY["weekly_time"].text
    advice = AREA_BY_KEY["priority"].advice
    for words in (question, advice):
        assert "every week" not in words
        assert "15 minutes" in words and "every day" in words
