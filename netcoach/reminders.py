"""A reminders calendar (.ics) for the ranked next actions of a report.

One all-day event per next action, so it imports into any calendar (Google, Outlook,
Apple) and shows up on the day. The file is written on the learner's machine only.
The event identifiers (UIDs) are derived from a hash, so they never contain a name or a
contact label, and the same action on the same day keeps the same UID when re-exported
(calendars update the event instead of duplicating it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.words import plural

if TYPE_CHECKING:
    import icalendar

    from netcoach.scoring.results import Report

PRODID = "-//Network Coach//netcoach reminders//EN"
UID_DOMAIN = "netcoach.invalid"

ACTION_LABELS: dict[str, str] = {
    "follow_up_lead": "Follow up a lead",
    "send_thanks": "Say thank you",
    "ease_off": "Give them room",
    "reconnect": "Get back in touch",
    "give_back": "Give something back",
}
"""Short labels for the next-action kinds, for tables and lists."""

ACTION_TITLES: dict[str, str] = {
    "follow_up_lead": "Follow up the lead from {name}",
    "send_thanks": "Say thank you to {name}",
    "reconnect": "Get back in touch with {name}",
    "give_back": "Give something back to {name}",
    "ease_off": "Give {name} some space",
}


def action_title(action: str, name: str) -> str:
    """A short calendar title for one next action."""
    return ACTION_TITLES.get(action, "Next step with {name}").format(name=name)


def _uid(as_of: dt.date, contact_id: str, action: str, day: dt.date) -> str:
    digest = hashlib.sha256(f"{as_of}|{contact_id}|{action}|{day}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def reminders_calendar(
    report: Report, *, start: dt.date | None = None, per_day: int = 3
) -> icalendar.Calendar:
    """A calendar with one all-day event per next action, ``per_day`` actions a day.

    The most urgent actions come first, starting on ``start`` (default: the report's
    ``as_of`` date), so a long list is spread over the following days instead of landing
    all at once.
    """
    import icalendar

    if per_day < 1:
        raise ValueError("per_day must be at least 1")
    first = start or report.as_of
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Network Coach: next actions")
    stamp = dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.UTC)
    for i, action in enumerate(report.next_actions.to_dict("records")):
        day = first + dt.timedelta(days=i // per_day)
        event = icalendar.Event()
        event.add("uid", _uid(report.as_of, str(action["contact_id"]), action["action"], day))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", action_title(str(action["action"]), str(action["name"])))
        overdue = int(action.get("days_overdue", 0) or 0)
        lines = [str(action["reason"])]
        if overdue > 0:
            lines.append(f"{plural(overdue, 'day')} overdue on {report.as_of.isoformat()}.")
        lines.append(f"Rank {int(action['rank'])} in your Network Coach next actions.")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def write_reminders(
    report: Report, path: str | Path, *, start: dt.date | None = None, per_day: int = 3
) -> Path:
    """Write the reminders calendar to ``path`` all at once, readable by its owner only
    unless it replaces a file with other permissions; return the path."""
    from netcoach.atomic_files import write_atomically
    from netcoach.saving import mode_for

    path = Path(path)
    data = reminders_calendar(report, start=start, per_day=per_day).to_ical()
    # it names people: owner-only, as the log is
    return write_atomically(path, data, mode=mode_for(path))
