"""Calendar events become meetings with people: channels, recurrence, time zones, skips."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES

from netcoach.importers import SourceFile
from netcoach.importers.ical import read_calendar
from netcoach.validation import LogValidationError

CALENDAR = SourceFile.from_path(FIXTURES / "calendar.ics")


def rows(batch):
    e = batch.events
    return sorted(
        zip(
            e["date"].dt.strftime("%Y-%m-%d"),
            e["name"],
            e["channel"],
            e["initiated_by"],
            strict=True,
        )
    )


def test_meetings_channels_dates_and_initiators():
    batch = read_calendar(CALENDAR)
    assert rows(batch) == [
        # weekly at 20:00 New York, shown in London (next day); 12 March excluded (EXDATE)
        ("2024-03-06", "Dev Patel", "video", "them"),
        ("2024-03-20", "Dev Patel", "video", "them"),
        ("2024-03-27", "Dev Patel", "video", "them"),
        ("2024-04-10", "Priya Shah", "in_person", "me"),  # all-day, with a place
        ("2024-04-15", "Amara Osei", "in_person", "me"),
        ("2024-04-20", "Leah Cohen", "phone", "them"),  # "will phone me"
    ]
    assert set(batch.events["kind"]) == {"other"}
    assert "Jo Declined" not in set(batch.events["name"])
    assert set(batch.people["email"]) == {
        "dev@example.com",
        "priya@example.com",
        "amara@example.com",
        "leah@example.com",
    }
    assert batch.skipped == {
        "more than 6 people: a meeting, not networking": 1,
        "no one else invited": 1,
        "cancelled": 1,
        "outside the dates imported": 1,
    }


def test_time_zone_option_changes_the_local_date():
    batch = read_calendar(CALENDAR, timezone="America/New_York")
    dev = sorted(batch.events.loc[batch.events["name"] == "Dev Patel", "date"].dt.day)
    assert dev == [5, 19, 26]


def test_window_and_attendee_limit_are_options():
    batch = read_calendar(
        CALENDAR, since=dt.date(2022, 1, 1), until=dt.date(2024, 3, 31), max_attendees=10
    )
    got = rows(batch)
    assert ("2022-01-10", "Amara Osei", "in_person", "") in got  # the old lunch, now inside
    assert all(r[0] <= "2024-03-31" for r in got)
    assert "more than 6 people: a meeting, not networking" not in batch.skipped


def test_me_by_option_when_the_calendar_does_not_say():
    text = CALENDAR.data.replace(b"X-WR-CALNAME:robin@example.com\r\n", b"")
    batch = read_calendar(SourceFile("cal.ics", text), me="Robin Example")
    assert "Robin Example" not in set(batch.events["name"])
    assert len(batch.events) == 6


def test_bad_dates_name_file_line_and_field():
    with pytest.raises(LogValidationError) as caught:
        read_calendar(SourceFile.from_path(FIXTURES / "bad_dates.ics"))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("bad_dates.ics", 13, "DTSTART")
    assert "20241340T250000" in problem.message


def test_not_a_calendar():
    with pytest.raises(LogValidationError, match="BEGIN:VCALENDAR"):
        read_calendar(SourceFile("x.ics", b"hello"))


MOVED = """BEGIN:VCALENDAR
VERSION:2.0
X-WR-CALNAME:me@example.com
BEGIN:VEVENT
UID:w1
DTSTART:20240301T100000Z
RRULE:{rule}
LOCATION:Cafe
ATTENDEE;CN=Amara Osei:mailto:amara@example.com
END:VEVENT
BEGIN:VEVENT
UID:w1
RECURRENCE-ID:20240308T100000Z
DTSTART:20240309T100000Z
LOCATION:Cafe
ATTENDEE;CN=Amara Osei:mailto:amara@example.com
END:VEVENT
END:VCALENDAR
"""


def _days(rule: str):
    batch = read_calendar(SourceFile("c.ics", MOVED.format(rule=rule).encode()))
    return sorted(batch.events["date"].dt.strftime("%m-%d")), batch.skipped


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;COUNT=3", "FREQ=WEEKLY;UNTIL=20240320"])
def test_a_moved_occurrence_counts_once_on_its_new_day(rule):
    days, _ = _days(rule)
    assert days == ["03-01", "03-09", "03-15"]  # 8 March moved to the 9th


def test_events_repeating_more_than_daily_are_skipped():
    days, skipped = _days("FREQ=HOURLY")
    assert days == ["03-09"]
    assert skipped == {"repeats more often than daily: not a meeting with a person": 1}


@pytest.mark.parametrize(
    ("rule", "words"),
    [("FREQ=SOMETIMES", "is not a repeat rule"), ("FREQ=DAILY;INTERVAL=0", "INTERVAL")],
)
def test_a_broken_repeat_rule_names_its_line(rule, words):
    with pytest.raises(LogValidationError) as caught:
        _days(rule)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (7, "RRULE")
    assert words in problem.message


def test_a_me_that_names_nobody_invited_falls_back():
    batch = read_calendar(CALENDAR, me="https://www.linkedin.com/in/robin-example")
    assert "Robin Example" not in set(batch.events["name"])
    assert len(batch.events) == 6
