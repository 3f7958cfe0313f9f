"""The quick habits check: 15 questions, a profile per area, and chapters to read next.

Needs no data. Scoring is :func:`netcoach.quick_check_questions.score_answers`; this module
only lays out the questions and renders the result into widget values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import ipywidgets as w

from netcoach.quick_check_questions import (
    ANSWERS,
    AREAS,
    QUESTIONS,
    WEAK_BELOW,
    Area,
    chapter_link,
    score_answers,
    weak_areas,
)
from netcoach.widgets.common import (
    column,
    esc,
    full_width,
    label,
    labelled,
    svg_figure_html,
)
from netcoach.words import names_text, plural, verb

if TYPE_CHECKING:
    from netcoach.svg_charts import SvgChart

ANSWER_TIPS = (
    "This is never true for me",
    "This is sometimes true for me",
    "This is often true for me",
    "This is always true for me",
)


def profile_alt_text(scores: Mapping[str, int | None]) -> str:
    """What the profile chart shows, in words: the strongest answered areas (every one that
    shares the top score), then the habit to work on first.

    The habit to work on first is the first of :func:`weak_areas`, the reading list's own
    order, so this text and the list under the chart always agree; when no answered area
    scores below :data:`WEAK_BELOW` there is none. It is also the chart's alt text, so it
    describes the chart fully on its own."""
    answered = [a for a in AREAS if scores.get(a.key) is not None]
    if not answered:
        return "No answers yet, so the profile is empty."
    return f"{_strongest_sentence(scores, answered)} {_work_on_sentence(scores, answered)}"


def _titles(areas: Sequence[Area]) -> str:
    """'“Channel mix”', '“Channel mix” and “Follow-up”': quoted, since a title may hold a comma."""
    return names_text([f"“{a.title}”" for a in areas], limit=len(areas))


def _strongest_sentence(scores: Mapping[str, int | None], answered: Sequence[Area]) -> str:
    top = max(scores[a.key] for a in answered)
    best = [a for a in answered if scores[a.key] == top]
    if len(answered) == 1:
        return f"One area is answered so far: {_titles(best)} at {top} out of 100."
    if len(best) == len(answered):
        return f"All {len(answered)} answered areas score {top} out of 100."
    if len(best) == 1:
        return f"Your strongest habit is {_titles(best)} at {top} out of 100."
    return f"{len(best)} areas share the top score of {top} out of 100: {_titles(best)}."


def _work_on_sentence(scores: Mapping[str, int | None], answered: Sequence[Area]) -> str:
    weak = weak_areas(scores)
    if not weak:
        return f"No answered area scores below {WEAK_BELOW}, so none is marked to work on."
    if len(answered) == 1:
        return f"That is below {WEAK_BELOW}, so it is the one to work on first."
    first, low = weak[0], scores[weak[0].key]
    lowest = [a for a in weak if scores[a.key] == low]
    text = f"The one to work on first is {_titles([first])} at {low} out of 100"
    if len(lowest) > 1:
        text += f", one of {len(lowest)} areas at that lowest score ({_titles(lowest)})"
    if more := len(weak) - len(lowest):
        text += (
            f"; {plural(more, 'other area')} also {verb(more, 'scores', 'score')} "
            f"below {WEAK_BELOW}"
        )
    return text + "."


def profile_chart(scores: Mapping[str, int | None]) -> SvgChart:
    """Horizontal bars, one per area (0 to 100); weak areas in vermilion with hatching, as
    SVG the browser draws (:mod:`netcoach.svg_charts`), so every answer redraws at once."""
    from netcoach.plots import BLUE, VERMILION
    from netcoach.svg_charts import Series, horizontal_chart

    values = [scores.get(a.key) for a in AREAS]
    weak = [v is not None and v < WEAK_BELOW for v in values]
    scored = [float(v or 0) for v in values]
    tip = "{name}: {value:g} out of 100"
    series = [
        Series("Going well", [0.0 if w else v for v, w in zip(scored, weak, strict=True)], BLUE,
               tip=tip),
        Series("To work on", [v if w else 0.0 for v, w in zip(scored, weak, strict=True)],
               VERMILION, "//", tip=tip),
    ]  # fmt: skip
    return horizontal_chart(
        "Your networking habits",
        "Score out of 100 (left of the dashed line: a habit to work on)",
        [a.title for a in AREAS],
        series,
        profile_alt_text(scores),
        "Your habits profile from the quick check: one bar per area. A bar that ends left "
        f"of the dashed line at {WEAK_BELOW} (hatched vermilion) is a habit to work on.",
        side_by_side=False,
        line_at=(f"A habit to work on: below {WEAK_BELOW}", WEAK_BELOW),
        value_labels=["not answered" if v is None else str(v) for v in values],
        top=100,
    )


class QuickCheck(w.VBox):
    """A short questionnaire whose profile and reading list update with every answer."""

    def __init__(self, answers: Mapping[str, str] | None = None) -> None:
        intro = label(
            "For each statement, choose how often it is true for you. There are no wrong "
            "answers, and nothing you choose leaves this page."
        )
        self.questions: dict[str, w.ToggleButtons] = {}
        rows: list[w.Widget] = [intro]
        for n, question in enumerate(QUESTIONS, start=1):
            toggle = w.ToggleButtons(
                options=ANSWERS,
                value=None,
                description=question.text,
                tooltip=question.text,
                tooltips=list(ANSWER_TIPS),
                style={"button_width": "auto"},
                layout=full_width(),
            )
            toggle.observe(self._on_answer, names="value")
            self.questions[question.key] = toggle
            rows.append(labelled(toggle, f"{n}. {question.text}"))
        self.summary = w.HTML(layout=full_width())
        self.chart = w.HTML(layout=full_width())
        self.reading = w.HTML(layout=full_width())
        self.reset_button = w.Button(
            description="Clear my answers",
            tooltip="Start the check again with no answers",
            icon="undo",
            layout=w.Layout(width="auto"),
        )
        self.reset_button.on_click(lambda _: self.reset())
        self.scores: dict[str, int | None] = {}
        super().__init__(
            [
                column(rows),
                w.HTML("<h3>Your profile</h3>"),
                self.summary,
                self.chart,
                self.reading,
                self.reset_button,
            ],
            layout=full_width(),
        )
        self._updating = False
        if answers:
            self.set_answers(answers)
        else:
            self.refresh()

    @property
    def answers(self) -> dict[str, str | None]:
        """The current answers, ``None`` where a question is unanswered."""
        return {key: toggle.value for key, toggle in self.questions.items()}

    def set_answers(self, answers: Mapping[str, str | None]) -> None:
        """Set several answers at once and refresh the profile once."""
        self._updating = True
        try:
            for key, value in answers.items():
                self.questions[key].value = value
        finally:
            self._updating = False
        self.refresh()

    def reset(self) -> None:
        """Clear every answer."""
        self.set_answers(dict.fromkeys(self.questions))

    def _on_answer(self, _change: dict) -> None:
        if not self._updating:
            self.refresh()

    def refresh(self) -> None:
        """Re-score the answers and redraw the summary, the chart and the reading list."""
        self.scores = score_answers(self.answers)
        answered = sum(v is not None for v in self.answers.values())
        if answered == 0:
            self.summary.value = "<p>Answer the questions above to see your profile.</p>"
            self.chart.value = ""
            self.reading.value = ""
            return
        self.summary.value = (
            f"<p>You have answered {answered} of {len(QUESTIONS)} questions. "
            f"{esc(profile_alt_text(self.scores))}</p>"
        )
        chart = profile_chart(self.scores)
        self.chart.value = svg_figure_html(chart.svg, chart.alt_text, chart.caption)
        self.reading.value = reading_list_html(self.scores)


THIRTY_DAY_PLAN = "book/10-thirty-day-plan.md"


def _chapter_anchor(href: str, text: str) -> str:
    """A link that opens the chapter in a new tab, so the answers stay on screen."""
    return f'<a href="{esc(href)}" target="_blank" rel="noopener">{esc(text)}</a>'


def reading_list_html(scores: Mapping[str, int | None]) -> str:
    """Links to the chapter for each weak area, weakest first (see :attr:`Area.link`)."""
    weak = weak_areas(scores)
    if not weak:
        plan = _chapter_anchor(chapter_link(THIRTY_DAY_PLAN), "thirty-day plan")
        return (
            "<p>No weak areas among the habits you answered: keep going, and use the "
            f"{plan} to keep it up.</p>"
        )
    items = "".join(
        f"<li><strong>{esc(a.title)}</strong> ({esc(scores[a.key])} out of 100): "
        f"{esc(a.advice)} Read {_chapter_anchor(a.link, a.chapter_title)}.</li>"
        for a in weak
    )
    return f"<p>Habits to work on first:</p><ol>{items}</ol>"
