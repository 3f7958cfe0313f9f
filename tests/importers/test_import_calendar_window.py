"""The calendar's default window: the year before the newest meeting already held."""

from __future__ import annotations

import datetime as dt

from netcoach.importers import SourceFile
from netcoach.importers.ical import read_calendar


def _event(uid: str, day: str, who: str) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{day}T100000Z\r\nDTEND:{day}T110000Z\r\n"
        f"SUMMARY:Coffee\r\nLOCATION:Cafe\r\nORGANIZER:mailto:me@example.com\r\n"
        f"ATTENDEE:mailto:me@example.com\r\nATTENDEE:mailto:{who}@example.com\r\nEND:VEVENT\r\n"
    )


def _calendar(*events: str) -> SourceFile:
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(events)
    return SourceFile("calendar.ics", (text + "END:VCALENDAR\r\n").encode())


TODAY = dt.date(2025, 9, 30)


def test_a_meeting_planned_far_ahead_does_not_push_out_last_years():
    # The window used to be the year before the newest event: one booked for 2099 left out
    # every meeting that had happened, without a word beyond a skipped count.
    source = _calendar(
        _event("a", "20250301", "ann"), _event("b", "20250910", "bo"), _event("c", "20990101", "cy")
    )
    batch = read_calendar(source, me="me@example.com", today=TODAY)
    days = sorted(batch.events["date"].dt.date.astype(str))
    assert days == ["2025-03-01", "2025-09-10", "2099-01-01"]


def test_meetings_more_than_a_year_before_the_newest_held_are_left_out():
    source = _calendar(_event("a", "20240801", "ann"), _event("b", "20250910", "bo"))
    batch = read_calendar(source, me="me@example.com", today=TODAY)
    assert sorted(batch.events["date"].dt.date.astype(str)) == ["2025-09-10"]


def test_until_still_sets_the_year_before_it():
    source = _calendar(_event("a", "20250301", "ann"), _event("b", "20250910", "bo"))
    batch = read_calendar(source, me="me@example.com", until=dt.date(2025, 4, 1), today=TODAY)
    assert sorted(batch.events["date"].dt.date.astype(str)) == ["2025-03-01"]
