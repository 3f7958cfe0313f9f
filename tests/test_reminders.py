"""The reminders calendar: one all-day event per next action, UIDs without names."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import icalendar
import pytest

from netcoach.reminders import ACTION_LABELS, ACTION_TITLES, reminders_calendar, write_reminders
from netcoach.samples import load_sample
from netcoach.scoring import score_log


@functools.cache
def report():
    return score_log(load_sample("graduate"))


def test_every_action_kind_has_a_label_and_a_title() -> None:
    kinds = set(report().next_actions["action"])
    assert kinds <= set(ACTION_LABELS) and kinds <= set(ACTION_TITLES)
    assert set(ACTION_LABELS) == set(ACTION_TITLES)


def test_one_event_per_action_spread_over_days(tmp_path: Path) -> None:
    rep = report()
    path = write_reminders(rep, tmp_path / "sub" / "reminders.ics", per_day=2)
    assert [p.name for p in path.parent.iterdir()] == ["reminders.ics"]  # no temp file left
    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    actions = rep.next_actions.to_dict("records")
    assert len(events) == len(actions) > 2
    for i, (event, action) in enumerate(zip(events, actions, strict=True)):
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all day
        assert start == rep.as_of + dt.timedelta(days=i // 2)
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert action["name"] in str(event["SUMMARY"])
        assert action["reason"] in str(event["DESCRIPTION"])
        uid = str(event["UID"]).lower()
        assert action["contact_id"].lower() not in uid
        assert not any(part.lower() in uid for part in action["name"].split())


def test_uids_are_stable_between_exports() -> None:
    first = reminders_calendar(report())
    again = reminders_calendar(report())
    assert [e["UID"] for e in first.walk("VEVENT")] == [e["UID"] for e in again.walk("VEVENT")]
    later = reminders_calendar(report(), start=report().as_of + dt.timedelta(days=7))
    assert [e["UID"] for e in later.walk("VEVENT")] != [e["UID"] for e in first.walk("VEVENT")]


def test_per_day_must_be_positive() -> None:
    with pytest.raises(ValueError, match="per_day"):
        reminders_calendar(report(), per_day=0)


def test_the_reminders_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    # It names people: owner-only like the log, and a permission the learner chose is kept.
    path = write_reminders(report(), tmp_path / "reminders.ics")
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o640)
    write_reminders(report(), path)
    assert path.stat().st_mode & 0o777 == 0o640
