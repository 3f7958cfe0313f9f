"""A report in words: the plain-text report of ``netcoach score``, and the labels the text
and HTML reports share (actions, settings, the rows a reason points at)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netcoach.scoring.results import Reason, Report

ACTION_LABELS: dict[str, str] = {
    "follow_up_lead": "Follow up the job lead",
    "send_thanks": "Say thank you",
    "reconnect": "Get back in touch",
    "give_back": "Give something back",
    "ease_off": "Ease off asking",
}
SETTING_LABELS: dict[str, str] = {
    "lead_follow_up_days": "Days to follow up a job lead",
    "thanks_days": "Days to say thank you",
    "rich_channel_target": "Target share of rich channels",
    "lookback_days": "Look-back window (days)",
    "ask_window_days": "Over-asking window (days)",
    "max_asks_in_window": "Most asks to one person in that window",
    "cadence_days": "Stay-in-touch cadence per tier (days)",
    "weights": "Weights in the overall score",
}
PRIVACY_LINE = "Made on your computer: your network data never left it."
MAX_ROWS_SHOWN = 8
WIDTH = 88


def action_label(action: str) -> str:
    """A learner-facing label for an action code (the code itself if unknown)."""
    return ACTION_LABELS.get(action, action.replace("_", " ").capitalize())


def rows_text(reason: Reason) -> str:
    """Where to check a reason: "rows 3, 7 and 12 of interactions.csv".

    Empty when the reason has no rows, or its text already names the file and rows. The
    count of the rows not shown is the reason's true total (``Reason.total_rows``), not
    just what is left of the first rows it keeps.
    """
    rows = [int(r) for r in reason.rows]
    if not rows or reason.file in reason.text:
        return ""
    total = max(reason.total_rows, len(rows))
    shown = [str(r) for r in rows[:MAX_ROWS_SHOWN]]
    more = total - len(shown)
    if more:
        listed = f"{', '.join(shown)} and {more} more"
    elif len(shown) > 1:
        listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
    else:
        listed = shown[0]
    return f"{'row' if total == 1 else 'rows'} {listed} of {reason.file}"


def setting_value(name: str, value: Any) -> str:
    """A setting's value as a learner would write it."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {'none' if v is None else v}" for k, v in value.items())
    if name == "rich_channel_target":
        return f"{round(100 * float(value))}%"
    return str(value)


def settings_rows(report: Report) -> list[tuple[str, str]]:
    """(label, value) for every setting the report used."""
    return [
        (SETTING_LABELS.get(name, name), setting_value(name, value))
        for name, value in report.settings.to_dict().items()
    ]


TOP_ZERO_TEXT = "None listed (--top 0 asks for none); use --top 10 to see the first ten."


def actions_not_listed_text(listed: int, total: int) -> str:
    """How to see the next actions a report leaves out (``--top``), "" when it lists all."""
    if listed >= total:
        return ""
    if listed == 0:
        return TOP_ZERO_TEXT
    return (
        f"The first {listed} of {total} are listed (--top {listed}); run netcoach score "
        f"again with --top {total} to list them all."
    )


def format_text_report(report: Report, top: int = 10, title: str | None = None) -> str:
    """The readable text report: each score with its reasons, then the ranked next actions."""
    lines = [title or "Network Coach report", f"As of {report.as_of.isoformat()}", ""]
    for result in report.scores.values():
        lines.append(f"{result.title}: {int(result.score)}/100")
        for reason in result.reasons:
            where = rows_text(reason)
            text = f"{reason.text} ({where})" if where else reason.text
            lines.extend(
                textwrap.wrap(text, WIDTH, initial_indent="  - ", subsequent_indent="    ")
            )
        lines.append("")
    actions = report.next_actions.head(max(top, 0))
    lines.append(f"Next actions (top {len(actions)} of {len(report.next_actions)})")
    if report.next_actions.empty:
        lines.append(f"  {report.no_actions_text}")
    elif actions.empty:  # --top 0: the scores only, but say the actions are there
        lines.append(f"  {TOP_ZERO_TEXT}")
    for a in actions.to_dict("records"):
        head = f"{int(a['rank'])}. {action_label(str(a['action']))}: {a['name']}"
        lines.extend(textwrap.wrap(head, WIDTH, initial_indent="  ", subsequent_indent="     "))
        lines.extend(
            textwrap.wrap(
                str(a["reason"]), WIDTH, initial_indent="     ", subsequent_indent="     "
            )
        )
    lines += ["", PRIVACY_LINE]
    return "\n".join(lines) + "\n"
