"""The quick habits check: its questions, the areas they measure, and the scoring.

The questions restate the course's principles as everyday habits. Each answer is one of
:data:`ANSWERS` (Never, Sometimes, Often, Always); a question with ``reverse=True``
describes something to avoid, so "Always" scores lowest there. Scoring is a pure
function of the answers, so it is tested without any widget.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ANSWERS: tuple[str, ...] = ("Never", "Sometimes", "Often", "Always")
"""The four answers, from 0 points to 3."""

WEAK_BELOW = 50
"""An area scoring below this (out of 100) is a weak area with a chapter to read."""


@dataclass(frozen=True)
class Area:
    """A habit the check measures, and the chapter that teaches it."""

    key: str
    title: str
    chapter: str
    """The chapter's source file, e.g. ``book/04-give-first.md``."""
    chapter_title: str
    """The chapter's title, as its heading in the book has it."""
    advice: str

    @property
    def link(self) -> str:
        """The chapter's source, relative to the quick check's notebook in ``notebooks/``.

        The reading list only fills in once the learner answers, which needs a live kernel:
        Jupyter on their own computer or Binder, where no built HTML sits next to the
        notebook. There the link opens the chapter in JupyterLab, as a notebook when
        jupytext is its viewer for Markdown (Binder sets that up). The book's static page is
        a snapshot with no answers, so it shows no reading list and no link.
        """
        return chapter_link(self.chapter)


def chapter_link(chapter: str) -> str:
    """A chapter's source file (``book/NN-name.md``) as a link from ``notebooks/``."""
    return "../" + chapter


@dataclass(frozen=True)
class Question:
    """One statement about a habit; the learner says how often it is true."""

    key: str
    area: str
    text: str
    reverse: bool = False


AREAS: tuple[Area, ...] = (
    Area(
        "relationships",
        "Relationships, not reach",
        "book/02-relationships-not-reach.md",
        "Relationships, not reach",
        "Aim for a few real relationships, each with a purpose, rather than a long list.",
    ),
    Area(
        "giving",
        "Giving first",
        "book/04-give-first.md",
        "Give first: reciprocity",
        "Look for small ways to help before you ask for anything.",
    ),
    Area(
        "channels",
        "Channel mix",
        "book/05-channel-mix.md",
        "Out from behind the screen: channel mix",
        "Swap some emails for a coffee, a call or an event.",
    ),
    Area(
        "follow_up",
        "Follow-up",
        "book/06-follow-up.md",
        "Follow up and follow through",
        "Answer every lead, thank every helper, and keep in touch when you need nothing.",
    ),
    Area(
        "social_media",
        "Social media etiquette",
        "book/07-social-media.md",
        "Social media without the missteps",
        "Keep posts professional and wait until you have the job to connect with an interviewer.",
    ),
    Area(
        "new_people",
        "Meeting new people",
        "book/08-events.md",
        "Events and meeting new people",
        "Go where new people are, and start real conversations there.",
    ),
    Area(
        "priority",
        "Making it a priority",
        "book/10-thirty-day-plan.md",
        "Making it a habit: a 30-day plan",
        "Give networking about 15 minutes every day, at a set time like an appointment, "
        "even when it feels slow.",
    ),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "purpose",
        "relationships",
        "I know what I hope to learn from, or offer to, each person I keep in touch with.",
    ),
    Question(
        "only_when_needed",
        "relationships",
        "I get in touch with people only when I need something from them.",
        reverse=True,
    ),
    Question(
        "whom_to_help",
        "giving",
        "Before I ask for help, I think about how I could help the other person.",
    ),
    Question(
        "share_and_congratulate",
        "giving",
        "I pass on useful articles, openings or congratulations without being asked.",
    ),
    Question(
        "face_to_face",
        "channels",
        "I suggest a coffee, a call or a video chat rather than another email.",
    ),
    Question(
        "desk_only",
        "channels",
        "Most of my networking happens by email or LinkedIn from my desk.",
        reverse=True,
    ),
    Question(
        "answer_leads",
        "follow_up",
        "When someone gives me a job lead, I follow it up within a week, or tell them why not.",
    ),
    Question(
        "say_thanks",
        "follow_up",
        "I say thank you within a few days when someone helps me.",
    ),
    Question(
        "check_in",
        "follow_up",
        "I check in with people now and then when I need nothing from them.",
    ),
    Question(
        "interviewer_request",
        "social_media",
        "I send a LinkedIn request to my interviewer around the time of the interview.",
        reverse=True,
    ),
    Question(
        "professional_posts",
        "social_media",
        "Before I post, I ask myself how a future employer would read it.",
    ),
    Question(
        "go_to_events",
        "new_people",
        "I go to meetups, talks, fairs or other events where I can meet new people.",
    ),
    Question(
        "real_conversations",
        "new_people",
        "At events I have a few real conversations rather than handing out cards.",
    ),
    Question(
        "weekly_time",
        "priority",
        "I spend about 15 minutes on networking every day, even when I am busy.",
    ),
    Question(
        "keep_going",
        "priority",
        "I keep going with networking even when nothing seems to come of it yet.",
    ),
)

AREA_BY_KEY: dict[str, Area] = {a.key: a for a in AREAS}
QUESTION_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}


def points(question: Question, answer: str) -> int:
    """Points (0 to 3) for one answer; reversed questions count down."""
    if answer not in ANSWERS:
        raise ValueError(f"answer must be one of {', '.join(ANSWERS)}, not {answer!r}")
    value = ANSWERS.index(answer)
    return len(ANSWERS) - 1 - value if question.reverse else value


def score_answers(answers: Mapping[str, str | None]) -> dict[str, int | None]:
    """A score from 0 to 100 per area (in :data:`AREAS` order) from ``{question: answer}``.

    Unanswered questions (missing or ``None``) are left out; an area with no answers
    scores ``None``. Unknown question keys raise ``KeyError``.
    """
    unknown = set(answers) - set(QUESTION_BY_KEY)
    if unknown:
        raise KeyError(f"unknown question(s): {sorted(unknown)}")
    totals: dict[str, list[int]] = {a.key: [] for a in AREAS}
    for key, answer in answers.items():
        if answer is not None:
            question = QUESTION_BY_KEY[key]
            totals[question.area].append(points(question, answer))
    top = len(ANSWERS) - 1
    return {
        area: (round(100 * sum(p) / (top * len(p))) if p else None) for area, p in totals.items()
    }


def weak_areas(scores: Mapping[str, int | None], below: int = WEAK_BELOW) -> list[Area]:
    """Areas scoring below ``below``, weakest first (unanswered areas are not weak)."""
    weak = [(s, i) for i, (k, s) in enumerate(scores.items()) if s is not None and s < below]
    keys = list(scores)
    return [AREA_BY_KEY[keys[i]] for _, i in sorted(weak)]
