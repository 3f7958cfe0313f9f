"""A ``--me`` (the panel's "your name") that matches no one in a file is said in that
file's summary, with who was taken to be the learner instead; it was ignored in silence."""

from __future__ import annotations

import html
import io
import json
import zipfile

import pytest
from conftest import FIXTURES, LINKEDIN
from helpers import uploaded

from netcoach.cli import main
from netcoach.importers import ImportOptions, import_into
from netcoach.importers.panel import import_panel
from netcoach.importers.sources import SourceFile

CALENDAR = FIXTURES / "calendar.ics"
MESSAGES = LINKEDIN / "messages.csv"


def _summary(folder, *sources, me=None):
    return import_into(folder, list(sources), ImportOptions(me=me), dry_run=True)


def test_calendar_says_when_me_matches_no_one(tmp_path, capsys):
    code = main(
        [
            *("import", str(CALENDAR), "--into", str(tmp_path / "x"), "--dry-run"),
            *("--me", "nobody@example.com"),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert (
        'You said you are "nobody@example.com", but no one in calendar.ics is; Network Coach '
        "took you to be robin@example.com (the calendar's name)."
    ) in out
    # under the calendar's own lines, before the totals
    assert out.index("nobody@example.com") < out.index("In all:")


def test_the_note_is_in_the_json_summary(tmp_path, capsys):
    args = ["import", str(CALENDAR), "--into", str(tmp_path / "x"), "--dry-run", "--json"]
    assert main([*args, "--me", "nobody@example.com"]) == 0
    [notes] = [f["notes"] for f in json.loads(capsys.readouterr().out)["files"]]
    assert len(notes) == 1 and "nobody@example.com" in notes[0]
    assert main(args) == 0
    assert [f["notes"] for f in json.loads(capsys.readouterr().out)["files"]] == [[]]


def test_calendar_guess_by_most_events_is_named(tmp_path):
    text = CALENDAR.read_text(encoding="utf-8").replace("X-WR-CALNAME:robin@example.com\n", "")
    source = SourceFile("work.ics", text.encode("utf-8"))
    [item] = _summary(tmp_path / "x", source, me="Robyn Exampel").files
    assert item.notes == [
        'You said you are "Robyn Exampel", but no one in work.ics is; Network Coach took '
        "you to be robin@example.com (the address in the most events)."
    ]


@pytest.mark.parametrize("me", [None, "robin@example.com", "ROBIN@example.com", "Robin Example"])
def test_no_note_when_me_is_found_or_not_given(tmp_path, me):
    [item] = _summary(tmp_path / "x", CALENDAR, me=me).files
    assert item.notes == []
    assert "You said you are" not in item.to_text()


def test_the_same_meetings_are_imported_as_without_me(tmp_path):
    """The note changes no number: the guess is the one made without --me."""
    without = _summary(tmp_path / "x", CALENDAR).to_dict()
    wrong = _summary(tmp_path / "x", CALENDAR, me="nobody@example.com").to_dict()
    assert wrong["files"][0].pop("notes") and not without["files"][0].pop("notes")
    assert wrong == without


def test_linkedin_messages_say_when_a_name_matches_no_one(tmp_path):
    [item] = _summary(tmp_path / "x", MESSAGES, me="Robin Exmaple").files
    assert item.notes == [
        'You said you are "Robin Exmaple", but no one in messages.csv is; Network Coach took '
        "you to be Robin Example (the person in the most messages)."
    ]
    for found in ("Robin Example", "https://www.linkedin.com/in/robin-example/"):
        assert _summary(tmp_path / "x", MESSAGES, me=found).files[0].notes == []


def test_an_email_for_both_files_is_found_in_one_and_explained_in_the_other(tmp_path):
    summary = _summary(tmp_path / "x", MESSAGES, CALENDAR, me="robin@example.com")
    messages, calendar = summary.files
    assert calendar.notes == []
    assert messages.notes == [
        'You said you are "robin@example.com", but no one in messages.csv is (LinkedIn '
        "messages give names and profile links, not emails); Network Coach took you to be "
        "Robin Example (the person in the most messages)."
    ]
    assert messages.to_text().endswith(messages.notes[0])


def test_messages_in_a_zip_carry_the_note(tmp_path):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.write(MESSAGES, "messages.csv")
        archive.write(LINKEDIN / "Connections.csv", "Connections.csv")
    source = SourceFile("Basic_LinkedInDataExport.zip", data.getvalue())
    summary = _summary(tmp_path / "x", source, me="Nobody")
    notes = {f.file: f.notes for f in summary.files}
    assert notes["Basic_LinkedInDataExport.zip:Connections.csv"] == []
    [note] = notes["Basic_LinkedInDataExport.zip:messages.csv"]
    assert note.startswith('You said you are "Nobody", but no one in Basic_LinkedInDataExport')


def test_the_panel_shows_the_note(learner_log):
    panel = import_panel(learner_log)
    panel.upload.value = (uploaded("calendar.ics", CALENDAR.read_bytes()),)
    panel.me.value = "nobody@example.com"
    panel.dry_run.value = True
    panel.button.click()
    assert panel.result.kind == "success"
    assert (
        'You said you are "nobody@example.com", but no one in calendar.ics is; Network Coach '
        "took you to be robin@example.com (the calendar's name)."
    ) in html.unescape(panel.result.value)


def test_a_profile_link_for_both_files_is_explained_in_the_calendar(tmp_path):
    link = "https://www.linkedin.com/in/robin-example"
    messages, calendar = _summary(tmp_path / "x", MESSAGES, CALENDAR, me=link).files
    assert messages.notes == []
    assert calendar.notes == [
        f'You said you are "{link}", but no one in calendar.ics is (calendars give emails and '
        "names, not profile links); Network Coach took you to be robin@example.com (the "
        "calendar's name)."
    ]
