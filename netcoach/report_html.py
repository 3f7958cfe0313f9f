"""A self-contained HTML report: scores with reasons, next actions, charts and settings.

Rendered with Jinja2 with autoescaping on, so every value from the learner's files (a
contact called ``<script>`` or ``=HYPERLINK(...)``) appears as typed text. Charts are
embedded as base64 PNG images with alt text and captions; the page loads nothing from
the internet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcoach import __version__
from netcoach.report_text import PRIVACY_LINE, action_label, rows_text, settings_rows
from netcoach.words import long_date

if TYPE_CHECKING:
    from netcoach.log import NetworkLog
    from netcoach.scoring.results import Report

TEMPLATE = "report.html.j2"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
DEFAULT_TITLE = "Your Network Coach report"
MAX_ACTIONS = 20


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def report_context(report: Report, log: NetworkLog, title: str = DEFAULT_TITLE) -> dict:
    """The plain values the template shows (no HTML in them: the template escapes)."""
    from netcoach.plots import all_charts

    scores = [
        {
            "title": result.title,
            "score": int(result.score),
            "reasons": [{"text": r.text, "where": rows_text(r)} for r in result.reasons],
        }
        for result in report.scores.values()
    ]
    actions = [
        {
            "rank": int(a["rank"]),
            "name": str(a["name"]),
            "action": action_label(str(a["action"])),
            "reason": str(a["reason"]),
            "days_overdue": int(a["days_overdue"]),
        }
        for a in report.next_actions.head(MAX_ACTIONS).to_dict("records")
    ]
    charts = []
    for chart in all_charts(report):
        charts.append({"png": chart.png_base64(), "alt": chart.alt_text, "caption": chart.caption})
        chart.figure.clear()
    return {
        "title": title,
        "as_of": long_date(report.as_of),
        "n_contacts": len(log.contacts),
        "n_interactions": len(log.interactions),
        "privacy_line": PRIVACY_LINE,
        "scores": scores,
        "actions": actions,
        "more_actions": max(0, len(report.next_actions) - MAX_ACTIONS),
        "no_actions_text": report.no_actions_text,
        "charts": charts,
        "settings": settings_rows(report),
        "version": __version__,
    }


def render_html_report(report: Report, log: NetworkLog, title: str = DEFAULT_TITLE) -> str:
    """The report as one self-contained HTML page."""
    return _environment().get_template(TEMPLATE).render(report_context(report, log, title))


def write_html_report(
    report: Report, log: NetworkLog, path: str | Path, title: str = DEFAULT_TITLE
) -> Path:
    """Write the HTML report to ``path`` all at once (a half-written file never appears),
    readable by its owner only unless it replaces a file with other permissions."""
    from netcoach.atomic_files import write_atomically
    from netcoach.saving import mode_for

    target = Path(path)
    page = render_html_report(report, log, title)
    # it names people: owner-only, as the log is
    return write_atomically(target, page, mode=mode_for(target))
