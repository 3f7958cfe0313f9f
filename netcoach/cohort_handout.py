"""A one-page, printable, self-contained HTML handout of a cohort view, for the room.

Rendered with Jinja2 with autoescaping on; the only image is the score chart, embedded as a
base64 PNG, so the page loads nothing from the internet. It shows no nicknames and nothing
at all beyond the group message when the group is smaller than five.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netcoach.cohort import CUT_RULE, CohortView, focus_lead, score_distribution_chart
from netcoach.summary import GAP_LABELS

TEMPLATE = "cohort_handout.html.j2"
DEFAULT_TITLE = "Our network habits: a group snapshot"
PRIVACY = (
    "Made from anonymous summaries that learners chose to share: scores and counts only, no "
    "names. Nothing is shown for a group smaller than five. Sharing is always optional."
)


def handout_context(view: CohortView, title: str = DEFAULT_TITLE, chart: bool = True) -> dict:
    """The plain values the template shows (the template escapes them)."""
    picture: dict[str, Any] | None = None
    if chart and not view.suppressed:
        made = score_distribution_chart(view)
        picture = {"png": made.png_base64(dpi=90), "alt": made.alt_text, "caption": made.caption}
    return {
        "title": title,
        "message": view.message,
        "suppressed": view.suppressed,
        "privacy": PRIVACY,
        "cut_rule": CUT_RULE,
        "chart": picture,
        "distributions": [
            {"label": d.label, "median": d.median_shown, "middle_half": d.middle_half_shown}
            for d in view.distributions.values()
        ],
        "gaps": [{"label": g.label, "shown": g.shown} for g in view.gaps],
        "focus": [
            {
                "gap_label": GAP_LABELS[f.gap],
                "activity": f.activity,
                "chapter_title": f.chapter_title,
            }
            for f in view.focus
        ],
        "focus_lead": focus_lead(view),
    }


HANDOUT_MOST_BYTES = 4_000_000
"""A handout is about 100 kB (its chart is one small PNG); a larger file is something else."""


def is_a_handout(path: Path) -> bool:
    """Whether ``path`` is a handout this module wrote, now or in an earlier version: a web
    page that carries the handout's privacy note. Writing it again replaces it whole, edits
    made to it since included (it is made, like a report, not written by hand)."""
    try:
        with path.open("rb") as handle:
            page = handle.read(HANDOUT_MOST_BYTES + 1)
    except OSError:
        return False
    return (
        len(page) <= HANDOUT_MOST_BYTES
        and page.lstrip().startswith(b"<!DOCTYPE html>")
        and PRIVACY.encode() in page
    )


def handout_html(view: CohortView, title: str = DEFAULT_TITLE, chart: bool = True) -> str:
    """The handout as one HTML string."""
    from netcoach.report_html import _environment

    return _environment().get_template(TEMPLATE).render(**handout_context(view, title, chart))


def write_handout(
    view: CohortView, path: str | Path, title: str = DEFAULT_TITLE, chart: bool = True
) -> Path:
    """Write the handout to ``path`` all at once and return it. A file already there is
    replaced only when it is an earlier handout (:func:`is_a_handout`): FileExistsError
    otherwise, so a coach's own page of the same name is never lost."""
    from netcoach.atomic_files import kept_mode, usual_new_file_mode, write_atomically

    path = Path(path)
    if path.is_file() and not is_a_handout(path):
        raise FileExistsError(
            f"{path} is already there and is not a handout; give the handout another name "
            "(nothing was written)"
        )
    page = handout_html(view, title, chart)
    return write_atomically(path, page, mode=kept_mode(path, usual_new_file_mode()))
