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
from netcoach.report_text import (
    PRIVACY_LINE,
    action_label,
    actions_not_listed_text,
    rows_text,
    settings_rows,
)
from netcoach.words import long_date, plural

if TYPE_CHECKING:
    from netcoach.log import NetworkLog
    from netcoach.scoring.results import Report

TEMPLATE = "report.html.j2"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
DEFAULT_TITLE = "Your Network Coach report"

GENERATOR = "Network Coach report"
"""The ``<meta name="generator">`` every report carries: how a later run knows a file it may
replace is a report it made, not a page or notes of the learner's own."""
EARLIER_FOOTER = "<footer><p>Made by Network Coach "
"""How a report made before the generator line was added ends (its footer)."""
REPORT_MOST_BYTES = 50_000_000
"""A report is about half a megabyte (its charts are PNGs); a far larger file is not one."""
REPORT_MODE = 0o600
"""A report names people, so it is readable by its owner only, as a new log file is; also
when it replaces an earlier report that had other permissions."""


class NotAReport(FileExistsError):
    """The file an HTML report would replace is not an earlier report (learner's own file)."""


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def report_context(
    report: Report, log: NetworkLog, title: str = DEFAULT_TITLE, top: int | None = None
) -> dict:
    """The plain values the template shows (no HTML in them: the template escapes); the
    first ``top`` next actions are listed (all of them when ``top`` is None)."""
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
        for a in listed_actions(report, top).to_dict("records")
    ]
    charts = []
    for chart in all_charts(report):
        charts.append({"png": chart.png_base64(), "alt": chart.alt_text, "caption": chart.caption})
        chart.figure.clear()
    return {
        "title": title,
        "generator": GENERATOR,
        "as_of": long_date(report.as_of),
        "contacts_text": plural(len(log.contacts), "contact"),
        **interaction_counts(report, log),
        "privacy_line": PRIVACY_LINE,
        "scores": scores,
        "actions": actions,
        "not_listed_text": actions_not_listed_text(len(actions), len(report.next_actions)),
        "no_actions_text": report.no_actions_text if report.next_actions.empty else "",
        "charts": charts,
        "settings": settings_rows(report),
        "version": __version__,
    }


def listed_actions(report: Report, top: int | None) -> Any:
    """The next actions the report lists: the first ``top``, or all when ``top`` is None."""
    return report.next_actions if top is None else report.next_actions.head(max(top, 0))


def interaction_counts(report: Report, log: NetworkLog) -> dict[str, Any]:
    """``interactions_text``: how many interactions were scored (those dated up to the "as
    of" date), as '140 interactions', and ``later_text``: the sentence the command line warns
    with about the rows dated after it, which the scores leave out ("" when there are
    none)."""
    from netcoach.future_dates import future_rows

    later = future_rows(log, report.as_of)
    scored = len(log.interactions) - later.count
    return {"interactions_text": plural(scored, "interaction"), "later_text": later.text()}


def render_html_report(
    report: Report, log: NetworkLog, title: str = DEFAULT_TITLE, top: int | None = None
) -> str:
    """The report as one self-contained HTML page, listing the first ``top`` next actions
    (all when None)."""
    context = report_context(report, log, title, top)
    return _environment().get_template(TEMPLATE).render(context)


def is_a_report(path: str | Path) -> bool:
    """Whether ``path`` is an HTML report Network Coach wrote: a web page with the report's
    generator line (:data:`GENERATOR`), or one made before that line, with the report's
    footer and privacy line."""
    from netcoach.atomic_files import read_at_most

    page = read_at_most(path, REPORT_MOST_BYTES)
    if page is None or not page.lstrip().lower().startswith(b"<!doctype html>"):
        return False
    generator = f'<meta name="generator" content="{GENERATOR}">'.encode()
    earlier = EARLIER_FOOTER.encode() in page and PRIVACY_LINE.encode() in page
    return generator in page or earlier


def is_empty_file(path: str | Path) -> bool:
    """Whether ``path`` is a file of 0 bytes (as ``mktemp`` or a file manager's "new file"
    makes): it holds nothing to lose, so a report or a summary may replace it."""
    try:
        return Path(path).is_file() and Path(path).stat().st_size == 0
    except OSError:
        return False


def is_other_file(path: str | Path) -> bool:
    """Whether ``path`` is a file that a report must not replace: not an earlier report and
    not empty (:func:`is_empty_file`), so a learner's own file of that name."""
    target = Path(path)
    return target.is_file() and not is_empty_file(target) and not is_a_report(target)


def refuse_other_file(path: str | Path) -> None:
    """Raise :class:`NotAReport` when ``path`` is a file a report must not replace
    (:func:`is_other_file`): a learner's own file of that name is never written over."""
    target = Path(path)
    if is_other_file(target):
        raise NotAReport(
            f"{target} is already there and is not a Network Coach report; give the report "
            "another name, or move that file first (nothing was written)"
        )


def write_html_report(
    report: Report,
    log: NetworkLog,
    path: str | Path,
    title: str = DEFAULT_TITLE,
    top: int | None = None,
) -> Path:
    """Write the HTML report to ``path`` all at once (a half-written file never appears),
    readable by its owner only (:data:`REPORT_MODE`). A file already there is replaced only
    when it is an earlier report (:func:`refuse_other_file`). It lists the first ``top``
    next actions (all when None), as ``netcoach score --top`` does."""
    from netcoach.atomic_files import write_atomically

    target = Path(path)
    refuse_other_file(target)
    page = render_html_report(report, log, title, top)
    return write_atomically(target, page, mode=REPORT_MODE)
