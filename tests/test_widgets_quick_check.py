"""The quick habits check: the scoring (pure), the questions as data, and the widget."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from netcoach.quick_check_questions import (
    ANSWERS,
    AREA_BY_KEY,
    AREAS,
    QUESTIONS,
    WEAK_BELOW,
    points,
    score_answers,
    weak_areas,
)
from netcoach.widgets.quick_check import QuickCheck, profile_alt_text, reading_list_html

ROOT = Path(__file__).resolve().parent.parent


def test_questions_cover_every_area_and_the_brief() -> None:
    assert 12 <= len(QUESTIONS) <= 15
    assert len({q.key for q in QUESTIONS}) == len(QUESTIONS)
    by_area = {a.key: [q for q in QUESTIONS if q.area == a.key] for a in AREAS}
    assert all(len(qs) >= 1 for qs in by_area.values()), by_area
    assert {q.area for q in QUESTIONS} == set(AREA_BY_KEY)
    # The interviewer rule from the course brief is asked, and "Always" is the wrong answer.
    interviewer = [q for q in QUESTIONS if "interviewer" in q.text]
    assert interviewer and all(q.reverse for q in interviewer)


NOTEBOOK = ROOT / "notebooks" / "quick-check.ipynb"


def _target(link: str) -> Path:
    """Where a link in the quick check's output leads, from the notebook's folder."""
    return (NOTEBOOK.parent / link).resolve()


@pytest.mark.parametrize("area", AREAS, ids=lambda a: a.key)
def test_each_area_links_to_an_existing_chapter(area) -> None:
    """In a live session (the only place the reading list fills in) the link is the chapter's
    source next to the notebook: `../book/NN-name.md`, never built HTML, which is not there."""
    assert (ROOT / area.chapter).is_file()
    assert area.link == "../" + area.chapter
    assert _target(area.link) == (ROOT / area.chapter).resolve()
    toc = (ROOT / "_toc.yml").read_text()
    assert f"file: {area.chapter.removesuffix('.md')}" in toc, f"{area.chapter} not in the book"
    heading = re.search(r"^# (.+)$", (ROOT / area.chapter).read_text(encoding="utf-8"), re.M)
    assert area.chapter_title == heading[1], "the reading list names the chapter as the book does"


def test_chapter_links_open_as_notebooks_in_jupyter() -> None:
    """JupyterLab (locally or on Binder, with jupytext) serves each link's target as a
    notebook with code cells: the same contents manager the Jupyter server uses."""
    from jupytext import TextFileContentsManager

    manager = TextFileContentsManager(root_dir=str(ROOT))
    answers = {q.key: ("Always" if q.reverse else "Never") for q in QUESTIONS}
    links = re.findall(r'href="([^"]+)"', QuickCheck(answers).reading.value)
    links += re.findall(r'href="([^"]+)"', reading_list_html(dict.fromkeys(AREA_BY_KEY, 100)))
    assert len(links) == len(AREAS) + 1
    for link in links:
        path = _target(link).relative_to(ROOT).as_posix()
        model = manager.get(path, type="notebook")
        assert model["type"] == "notebook"
        cells = model["content"]["cells"]
        assert any(c["cell_type"] == "code" for c in cells), f"{path} has no code cells"


def test_the_books_snapshot_has_no_reading_list() -> None:
    """The book's page is the notebook run without answers, so it shows no chapter links
    (they lead to the .md sources, which only a live Jupyter session serves)."""
    import nbformat

    code = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    assert code[-1].strip() == "QuickCheck()"
    assert QuickCheck().reading.value == ""


def test_points_count_down_for_reversed_questions() -> None:
    plain = next(q for q in QUESTIONS if not q.reverse)
    reverse = next(q for q in QUESTIONS if q.reverse)
    assert [points(plain, a) for a in ANSWERS] == [0, 1, 2, 3]
    assert [points(reverse, a) for a in ANSWERS] == [3, 2, 1, 0]
    with pytest.raises(ValueError, match="Never"):
        points(plain, "Usually")


def test_score_answers_by_hand() -> None:
    answers = {
        "whom_to_help": "Always",  # giving 3
        "share_and_congratulate": "Sometimes",  # giving 1 -> 4/6 = 67
        "face_to_face": "Never",  # channels 0
        "desk_only": "Always",  # reversed: 0 -> 0
        "interviewer_request": "Never",  # reversed: 3 -> social media 100
        "answer_leads": None,  # unanswered
    }
    scores = score_answers(answers)
    assert list(scores) == [a.key for a in AREAS]
    assert scores["giving"] == 67
    assert scores["channels"] == 0
    assert scores["social_media"] == 100
    assert scores["follow_up"] is None
    assert scores["priority"] is None
    assert [a.key for a in weak_areas(scores)] == ["channels"]
    assert score_answers({}) == dict.fromkeys(scores)
    with pytest.raises(KeyError):
        score_answers({"not_a_question": "Often"})


def test_weak_areas_weakest_first_and_threshold() -> None:
    scores = {a.key: 100 for a in AREAS} | {"priority": 0, "giving": 33, "channels": WEAK_BELOW}
    assert [a.key for a in weak_areas(scores)] == ["priority", "giving"]


def test_all_best_answers_score_100_everywhere() -> None:
    best = {q.key: ANSWERS[0] if q.reverse else ANSWERS[-1] for q in QUESTIONS}
    assert set(score_answers(best).values()) == {100}
    worst = {q.key: ANSWERS[-1] if q.reverse else ANSWERS[0] for q in QUESTIONS}
    assert set(score_answers(worst).values()) == {0}
    assert len(weak_areas(score_answers(worst))) == len(AREAS)


def test_widget_controls_are_labelled_toggles() -> None:
    check = QuickCheck()
    assert len(check.questions) == len(QUESTIONS)
    for question, toggle in zip(QUESTIONS, check.questions.values(), strict=True):
        assert toggle.options == ANSWERS
        assert toggle.value is None
        assert toggle.description == question.text  # for screen readers
        assert toggle.tooltip == question.text
    assert "Answer the questions" in check.summary.value
    assert check.chart.value == ""


def test_answers_update_profile_chart_and_reading_list() -> None:
    check = QuickCheck()
    check.questions["face_to_face"].value = "Never"
    assert 'href="../book/05-channel-mix.md" target="_blank"' in check.reading.value
    first_chart = check.chart.value
    alt = re.search(r"<desc id=[^>]+>([^<]+)</desc>", first_chart).group(1)
    assert html.unescape(alt) == profile_alt_text(check.scores)
    assert alt in first_chart.split("<figcaption>")[1]
    assert 'role="img"' in first_chart
    # Each area's score at the end of its row; the areas not answered yet say so.
    assert first_chart.count(">not answered</text>") == len(AREAS) - 1
    assert first_chart.count(">0</text>") == 2  # the channel-mix score, and the axis's 0

    check.questions["whom_to_help"].value = "Always"
    assert check.scores["giving"] == 100
    assert check.chart.value != first_chart
    assert "Giving first: 100 out of 100" in check.chart.value  # a bar that names its score
    assert "“Giving first” at 100" in check.summary.value
    assert "give-first" not in check.reading.value  # strong areas are not listed

    check.questions["face_to_face"].value = "Always"
    assert "05-channel-mix" not in check.reading.value
    assert "No weak areas" in check.reading.value

    check.reset_button.click()
    assert all(v is None for v in check.answers.values())
    assert check.chart.value == ""


def test_weak_areas_are_listed_weakest_first_with_links() -> None:
    answers = {q.key: ("Always" if q.reverse else "Never") for q in QUESTIONS}
    answers["whom_to_help"] = "Always"  # giving 50: not weak
    check = QuickCheck(answers)
    links = re.findall(r'href="([^"]+)"', check.reading.value)
    assert "../book/04-give-first.md" not in links
    assert len(links) == len(AREAS) - 1
    assert all(_target(link).is_file() and link.endswith(".md") for link in links)
