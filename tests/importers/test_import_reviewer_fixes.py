"""Defects a reviewer found in the importers, each with the behaviour the page promises."""

from __future__ import annotations

import datetime as dt

from netcoach.importers import SourceFile
from netcoach.importers.ical import read_calendar

TODAY = dt.date(2025, 9, 1)


def calendar(*events: str) -> SourceFile:
    """A calendar of robin@example.com holding ``events`` (VEVENT bodies)."""
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-CALNAME:robin@example.com\n{body}END:VCALENDAR\n"
    return SourceFile("cal.ics", text.encode())


WEEKLY = """
UID:r1@example.com
DTSTART:20250106T100000Z
RRULE:FREQ=WEEKLY
SUMMARY:Weekly mentoring
LOCATION:https://zoom.us/j/1
ORGANIZER;CN=Dev:mailto:dev@example.com
ATTENDEE:mailto:robin@example.com
"""

ONE_OFF = """
UID:o1@example.com
DTSTART:20250601T100000Z
SUMMARY:Coffee
LOCATION:Cafe Example
ORGANIZER;CN=Kai:mailto:kai@example.com
ATTENDEE:mailto:robin@example.com
"""


def days(batch) -> list[str]:
    return sorted(set(batch.events["date"].dt.strftime("%Y-%m-%d")))


def test_a_repeat_with_no_end_is_imported_up_to_today():
    batch = read_calendar(calendar(WEEKLY), today=TODAY)
    found = days(batch)
    assert found[0] == "2025-01-06" and found[-1] == "2025-09-01"
    assert len(found) == 35  # every Monday from 6 January to 1 September


def test_a_repeat_with_no_end_is_not_cut_at_another_meeting():
    batch = read_calendar(calendar(WEEKLY, ONE_OFF), today=TODAY)
    dev = batch.events[batch.events["email"] == "dev@example.com"]
    assert dev["date"].max() == dt.datetime(2025, 9, 1)


def test_a_repeat_with_no_end_stops_at_until():
    batch = read_calendar(calendar(WEEKLY), until=dt.date(2025, 3, 1), today=TODAY)
    assert days(batch)[-1] == "2025-02-24"


DECLINED = """
UID:1@example.com
DTSTART:20240410T100000Z
SUMMARY:Coffee with Kai
LOCATION:Cafe Example
ORGANIZER;CN=Kai:mailto:kai@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:kai@example.com
ATTENDEE;PARTSTAT=DECLINED:mailto:robin@example.com
"""


def test_an_invitation_you_declined_is_left_out_and_counted():
    batch = read_calendar(calendar(DECLINED), today=TODAY)
    assert batch.events.empty
    assert batch.skipped == {"invitations you declined": 1}


def test_an_invitation_someone_else_declined_still_counts():
    other = DECLINED.replace("PARTSTAT=DECLINED:mailto:robin", "PARTSTAT=ACCEPTED:mailto:robin")
    other += "ATTENDEE;PARTSTAT=DECLINED:mailto:lee@example.com\n"
    batch = read_calendar(calendar(other), today=TODAY)
    assert list(batch.events["email"]) == ["kai@example.com"]
