"""The log form's refusal heading says where the problem is: in the new entry the learner
just typed, or in the log's files (which a hand edit can break)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from helpers import folder_digest
from test_widgets_log_form import add_contact_in_form, problem_lines

from netcoach import schema
from netcoach.samples import sample_path
from netcoach.widgets.log_form import ADD_CONTACT, ADD_INTERACTION, LogForm

DAY = dt.date(2025, 9, 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "graduate"
    shutil.copytree(sample_path("graduate"), target)
    return target


def test_a_problem_in_the_new_contact_is_said_to_be_in_the_new_entry(folder: Path) -> None:
    form = LogForm(folder, today=DAY)
    before = folder_digest(folder)
    add_contact_in_form(form, cadence_days="soon")
    assert form.message.kind == "error"
    assert form.message.text == (
        "Nothing was saved. Network Coach found 1 problem in your new entry:"
    )
    assert [line.split(":")[0] for line in problem_lines(form)] == [
        "“Keep in touch every (days)” field"
    ]
    assert folder_digest(folder) == before


def test_two_problems_in_the_new_contact(folder: Path) -> None:
    form = LogForm(folder, today=DAY)
    add_contact_in_form(form, contact_id="c001", cadence_days="soon")  # c001 is taken
    assert form.message.text == (
        "Nothing was saved. Network Coach found 2 problems in your new entry:"
    )
    assert len(problem_lines(form)) == 2


def test_an_unknown_channel_in_the_new_interaction_is_in_the_new_entry(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The dropdowns only offer valid channels; an entry can still carry one the log does not
    # know (a future option, say), and the check on saving refuses it.
    form = LogForm(folder, today=DAY)
    before = folder_digest(folder)
    form.what.value = ADD_INTERACTION
    form.contact.value = "c003"
    entry = {**form.entry(), "channel": "carrier pigeon"}
    monkeypatch.setattr(form, "entry", lambda: entry)
    form.save_button.click()
    assert form.message.kind == "error"
    assert form.message.text == (
        "Nothing was saved. Network Coach found 1 problem in your new entry:"
    )
    [line] = problem_lines(form)
    assert line.startswith("“How” field: ")
    assert folder_digest(folder) == before


def test_a_problem_in_the_files_is_still_said_to_be_in_the_log(folder: Path) -> None:
    contacts = folder / schema.CONTACTS_FILE
    good = contacts.read_text(encoding="utf-8")
    last = "c038,Tomasz Osei,Lanternfish Media,Recruiter,LinkedIn,active,"
    contacts.write_text(good.replace(last + ",", last + "often,"), encoding="utf-8")
    form = LogForm(folder, today=DAY)
    before = folder_digest(folder)
    add_contact_in_form(form)
    assert form.message.kind == "error"
    assert form.message.text == "Nothing was saved. Network Coach found 1 problem in the log:"
    assert problem_lines(form)[0].startswith("contacts.csv, row 39,")
    assert folder_digest(folder) == before


def test_problems_in_both_say_how_many_are_where(folder: Path) -> None:
    # (a save reads the files before it checks the entry, so both at once is only a guard)
    from netcoach.validation import LogValidationError, Problem

    form = LogForm(folder, today=DAY)
    form.what.value = ADD_CONTACT
    form.cadence_days.value = "soon"
    err = LogValidationError(
        [
            Problem(schema.CONTACTS_FILE, 5, "tier", "a hand edit"),
            Problem(schema.CONTACTS_FILE, 40, "cadence_days", "the entry"),  # the new row
        ]
    )
    head, lines = form._refusal(err)
    assert head == (
        "Nothing was saved. Network Coach found 2 problems: 1 in your new entry and 1 in the log:"
    )
    assert lines == [
        'contacts.csv, row 5, column "tier": a hand edit',
        "“Keep in touch every (days)” field: the entry",
    ]


def test_after_a_notes_only_line_at_the_end_the_entry_is_still_the_entrys(tmp_path: Path) -> None:
    # Saving puts the new row after the learner's own notes-only lines at the end of the file
    # (and names that line): the form must look for the entry's problems on that line too.
    from helpers import write_log

    folder = write_log(
        tmp_path / "log",
        "contact_id,name,tier,my_notes\nc001,Amara Osei,close,5\n,,,ask her about the meetup\n",
        "date,contact_id,channel,kind,initiated_by,note\n",
    )
    form = LogForm(folder, today=DAY)
    before = folder_digest(folder)
    add_contact_in_form(form, cadence_days="soon")
    assert form.message.text == (
        "Nothing was saved. Network Coach found 1 problem in your new entry:"
    )
    [line] = problem_lines(form)
    assert line.startswith("“Keep in touch every (days)” field: ")
    assert folder_digest(folder) == before
