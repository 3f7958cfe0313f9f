"""Counts of one read as one: "1 day overdue", "1 contact" (they said "1 days", "1 contacts")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import write_log

from netcoach.loading import load_log
from netcoach.reminders import reminders_calendar
from netcoach.scoring import score_log
from netcoach.widgets.log_form import LogForm

ONE_CONTACT = "contact_id,name,tier,cadence_days\nc1,Ann One,close,30\n"
MET_ONCE = "date,contact_id,channel,kind,initiated_by,note\n2024-05-30,c1,phone,check_in,me,\n"


def test_a_reminder_one_day_overdue_says_one_day(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", ONE_CONTACT, MET_ONCE)
    report = score_log(load_log(folder), as_of=dt.date(2024, 6, 30))  # 31 days on 30
    [event] = reminders_calendar(report).walk("VEVENT")
    description = str(event["description"])
    assert "1 day overdue on 2024-06-30." in description and "1 days" not in description


def test_the_log_form_counts_one_contact_and_one_interaction(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", ONE_CONTACT, MET_ONCE)
    form = LogForm()
    form.folder_text.value = str(folder)
    form.open_button.click()
    assert form.message.text == f"Opened {folder}: 1 contact, 1 interaction."


def test_a_second_click_on_the_emptied_contact_form_repeats_the_saved_message(
    tmp_path: Path,
) -> None:
    """A double click on "Save entry" for a contact said the new (emptied) entry had
    problems ("Short label" is empty), as though the save had failed."""
    folder = write_log(tmp_path / "log", ONE_CONTACT, MET_ONCE)
    form = LogForm(folder, today=dt.date(2024, 6, 1))
    form.what.value = "contact"
    form.contact_id.value, form.name.value = "c7", "Zoë"
    form.save_button.click()
    before = (folder / "contacts.csv").read_bytes()
    form.save_button.click()
    assert form.message.kind == "info"
    assert form.message.text == (
        "Zoë is already saved in contacts.csv (row 3). To add another contact, fill in the "
        "form again."
    )
    assert (folder / "contacts.csv").read_bytes() == before
    form.name.value = "Someone"  # typing again: the form's own checks speak once more
    form.save_button.click()
    assert "“Short label” field" in form.message.value
    form.name.value = ""
    form.undo_button.click()  # Zoë is taken out again: nothing is "already saved"
    form.save_button.click()
    assert "already saved" not in form.message.text
