"""The upload panel's calendar options (first day, last day, time zone) do what
``netcoach import --since/--until/--timezone`` does, with the same defaults."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import ipywidgets as w
import pytest
from conftest import FIXTURES, snapshot
from helpers import uploaded

from netcoach.cli import main
from netcoach.importers.panel import import_panel
from netcoach.loading import load_log

CALENDAR = FIXTURES / "calendar.ics"

LATER = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:held@example.com
DTSTART:20250310T100000Z
DTEND:20250310T110000Z
SUMMARY:Coffee with Amara
LOCATION:Bean There Café
ORGANIZER;CN=Robin Example:mailto:robin@example.com
ATTENDEE;CN=Amara Osei:mailto:amara@example.com
END:VEVENT
BEGIN:VEVENT
UID:not-yet@example.com
DTSTART:20991201T100000Z
DTEND:20991201T110000Z
SUMMARY:Lunch with Sam
LOCATION:Harbour Café
ORGANIZER;CN=Robin Example:mailto:robin@example.com
ATTENDEE;CN=Sam Lee:mailto:sam.lee@example.com
END:VEVENT
END:VCALENDAR
"""
"""A meeting that took place and one that has not (in 2099)."""


def _upload(name: str, data: bytes) -> tuple[dict, ...]:
    return (uploaded(name, data),)


def _panel_summary(folder, data: bytes, *, dry_run: bool = True, **choices) -> dict:
    panel = import_panel(folder)
    panel.upload.value = _upload("calendar.ics", data)
    panel.dry_run.value = dry_run
    for name, value in choices.items():
        getattr(panel, name).value = value
    panel.button.click()
    assert panel.result.kind == "success", panel.result.value
    return panel.summary.to_dict()


def _command_summary(folder, path, capsys, *options: str, dry_run: bool = True) -> dict:
    capsys.readouterr()
    dry = ["--dry-run"] if dry_run else []
    assert main(["import", str(path), "--into", str(folder), *dry, "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def _rows(folder) -> list[tuple]:
    table = load_log(folder).interactions
    return sorted(table[["date", "contact_id", "channel"]].astype(str).itertuples(index=False))


@pytest.mark.parametrize(
    ("choices", "options"),
    [
        ({}, []),
        (
            {"since": dt.date(2024, 4, 1), "until": dt.date(2024, 4, 12)},
            ["--since", "2024-04-01", "--until", "2024-04-12"],
        ),
        ({"until": dt.date(2024, 3, 20)}, ["--until", "2024-03-20"]),
        ({"timezone": "Asia/Tokyo"}, ["--timezone", "Asia/Tokyo"]),
        ({"timezone": " pacific/auckland "}, ["--timezone", "pacific/auckland"]),
    ],
)
def test_the_panel_imports_what_the_command_does(
    learner_log, tmp_path, capsys, choices, options
) -> None:
    calendar = tmp_path / "calendar.ics"
    calendar.write_bytes(CALENDAR.read_bytes())  # named as the panel names the upload
    by_panel, by_command, by_default = (
        shutil.copytree(learner_log, tmp_path / name) for name in ("panel", "command", "default")
    )
    panel = _panel_summary(by_panel, CALENDAR.read_bytes(), dry_run=False, **choices)
    command = _command_summary(by_command, calendar, capsys, *options, dry_run=False)
    assert {**panel, "saved_to": None} == {**command, "saved_to": None}
    assert _rows(by_panel) == _rows(by_command)
    if choices:  # the choice made a difference, so it reached the importer
        _panel_summary(by_default, CALENDAR.read_bytes(), dry_run=False)
        assert _rows(by_panel) != _rows(by_default)


def test_meetings_not_held_yet_are_imported_by_default_as_by_the_command(
    learner_log, tmp_path, capsys
) -> None:
    """The command's default last day is the newest event, even one in the future (and its
    first day a year before the newest meeting held); the panel's blank boxes are the same,
    and choosing today as the last day leaves the future one out."""
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(LATER, encoding="utf-8")
    default = _panel_summary(learner_log, LATER.encode())
    assert default == _command_summary(learner_log, calendar, capsys)
    # the 2099 lunch and the meeting already held: the year before the newest one held
    # (the year before the 2099 lunch used to leave the real meeting out)
    assert default["interactions_added"] == 2
    today = _panel_summary(learner_log, LATER.encode(), until=dt.date(2025, 10, 15))
    assert today["interactions_added"] == 1
    assert today == _command_summary(learner_log, calendar, capsys, "--until", "2025-10-15")
    both = _panel_summary(
        learner_log, LATER.encode(), since=dt.date(2025, 1, 1), until=dt.date(2099, 12, 31)
    )
    assert both["interactions_added"] == 2


def test_the_calendar_options_are_labelled_and_shown() -> None:
    panel = import_panel("my-network")
    shown = []
    todo = [panel]
    while todo:
        widget = todo.pop()
        shown.append(widget)
        todo.extend(getattr(widget, "children", ()))
    for control in (panel.since, panel.until, panel.timezone):
        assert control in shown
        assert control.description.startswith("Calendar: ")
        assert control.style.description_width == "initial"  # never cut off
    assert isinstance(panel.since, w.DatePicker) and isinstance(panel.until, w.DatePicker)
    texts = " ".join(x.value for x in shown if isinstance(x, w.HTML))
    assert "meetings not held yet" in texts and "choose today" in texts


@pytest.mark.parametrize(
    ("choices", "words"),
    [
        ({"timezone": "Mars/Olympus"}, "'Mars/Olympus' is not a known time zone"),
        (
            {"since": dt.date(2024, 5, 1), "until": dt.date(2024, 4, 1)},
            "01 May 2024, is after the last day, 01 April 2024",
        ),
    ],
)
def test_a_choice_that_cannot_be_used_is_refused_before_anything_is_read(
    learner_log, choices, words
) -> None:
    before = snapshot(learner_log)
    seen = []
    panel = import_panel(learner_log, on_imported=seen.append)
    panel.upload.value = _upload("calendar.ics", CALENDAR.read_bytes())
    for name, value in choices.items():
        getattr(panel, name).value = value
    panel.button.click()
    assert panel.result.kind == "error"
    assert words in panel.result.text
    assert "nothing was imported" in panel.result.text.lower()
    assert panel.summary is None and not seen
    assert snapshot(learner_log) == before
