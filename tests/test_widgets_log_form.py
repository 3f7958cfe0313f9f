"""The "Log an interaction" form, driven headless: entries saved, invalid ones refused, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import folder_digest

from netcoach import schema
from netcoach.loading import load_log
from netcoach.samples import sample_path
from netcoach.widgets.log_form import ADD_CONTACT, ADD_INTERACTION, LogForm, practice_copy

DAY = dt.date(2025, 9, 1)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (backups included, the empty lock file not) and its hash."""
    return folder_digest(folder)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "graduate"
    shutil.copytree(sample_path("graduate"), target)
    return target


def test_practice_copy_is_outside_the_samples() -> None:
    copy = practice_copy("graduate")
    assert copy.resolve() != sample_path("graduate").resolve()
    assert sample_path("graduate").resolve() not in copy.resolve().parents
    assert (copy / schema.INTERACTIONS_FILE).read_bytes() == (
        sample_path("graduate") / schema.INTERACTIONS_FILE
    ).read_bytes()


def test_dropdowns_come_from_the_schema(folder: Path) -> None:
    form = LogForm(folder, today=DAY)
    assert [v for _, v in form.channel.options] == list(schema.CHANNELS)
    assert [v for _, v in form.kind.options] == list(schema.KINDS)
    assert [v for _, v in form.tier.options] == list(schema.TIERS)
    assert dict(form.channel.options)[schema.CHANNEL_LABELS["video"]] == "video"
    log = load_log(folder)
    assert [v for _, v in form.contact.options] == list(log.contacts["contact_id"])


def test_every_control_has_a_label(folder: Path) -> None:
    form = LogForm(folder, today=DAY)
    controls = [
        form.folder_text, form.what, form.date, form.contact, form.channel, form.kind,
        form.initiated_by, form.note, *(getattr(form, c) for c in schema.CONTACT_COLUMNS),
    ]  # fmt: skip
    assert all(c.description for c in controls)
    buttons = [form.open_button, form.create_button, form.save_button, form.undo_button]
    assert all(b.description and b.tooltip for b in buttons)


def test_interaction_is_saved_and_undo_removes_it(folder: Path) -> None:
    before = (folder / schema.INTERACTIONS_FILE).read_bytes()
    n_before = len(load_log(folder).interactions)
    form = LogForm(folder, today=DAY)
    form.what.value = ADD_INTERACTION
    form.contact.value = "c003"
    form.channel.value = "video"
    form.kind.value = "thanked"
    form.note.value = "Thanks for the mock interview"
    form.date.value = dt.date(2025, 8, 28)
    form.save_button.click()

    assert form.message.kind == "success", form.message.text
    log = load_log(folder)
    assert len(log.interactions) == n_before + 1
    new = log.interactions.iloc[-1]
    assert (new["contact_id"], new["channel"], new["kind"]) == ("c003", "video", "thanked")
    assert new["date"] == pd_timestamp(dt.date(2025, 8, 28))
    assert new["note"] == "Thanks for the mock interview"
    assert "row" in form.message.text

    form.undo_button.click()
    assert form.message.kind == "success"
    assert "thanked" in form.message.text
    assert (folder / schema.INTERACTIONS_FILE).read_bytes() == before


def test_a_second_click_on_save_asks_before_saving_the_same_entry_again(folder: Path) -> None:
    rows = lambda: len(load_log(folder).interactions)  # noqa: E731
    n_before = rows()
    form = LogForm(folder, today=DAY)
    form.contact.value, form.kind.value = "c003", "thanked"
    form.note.value = "Thanks for the mock interview"
    form.save_button.click()
    assert form.message.kind == "success" and rows() == n_before + 1
    saved_row = form.message.text.split("(row ")[1].rstrip(").").split(")")[0]

    unchanged = snapshot(folder)
    form.save_button.click()  # the note was cleared; the rest is the entry just saved
    assert form.message.kind == "warning"
    assert form.message.text.startswith(
        f"This is the entry you saved a moment ago, in row {saved_row}: you thanked them, "
    )
    assert "Nothing was saved." in form.message.text
    assert snapshot(folder) == unchanged

    form.save_button.click()  # pressed again: it did happen twice
    assert form.message.kind == "success" and rows() == n_before + 2
    form.save_button.click()  # and a third time is asked about again
    assert form.message.kind == "warning" and rows() == n_before + 2

    form.kind.value = "check_in"  # a different entry is saved at once
    form.save_button.click()
    assert form.message.kind == "success" and rows() == n_before + 3

    form.undo_button.click()  # once undone, the same entry again is no repeat
    assert rows() == n_before + 2
    form.save_button.click()
    assert form.message.kind == "success" and rows() == n_before + 3


def pd_timestamp(day: dt.date):
    import pandas as pd

    return pd.Timestamp(day)


def test_contact_is_saved_and_appears_in_the_list(folder: Path) -> None:
    form = LogForm(folder, today=DAY)
    form.what.value = ADD_CONTACT
    assert form.fields.selected_index == 1
    form.contact_id.value = "wren-new"
    form.name.value = "Wren Newcombe"
    form.tier.value = "close"
    form.email.value = "wren@example.com"
    form.cadence_days.value = "45"
    form.save_button.click()
    assert form.message.kind == "success", form.message.text
    row = load_log(folder).contacts.iloc[-1]
    assert (row["contact_id"], row["name"], row["tier"], int(row["cadence_days"])) == (
        "wren-new",
        "Wren Newcombe",
        "close",
        45,
    )
    assert "wren-new" in [v for _, v in form.contact.options]
    assert form.name.value == ""  # cleared for the next contact


@pytest.mark.parametrize(
    "change",
    [
        {"what": ADD_CONTACT, "contact_id": "c001", "name": "Someone Else"},  # duplicate id
        {"what": ADD_CONTACT, "contact_id": "", "name": "No Label"},  # required field
        {"what": ADD_CONTACT, "contact_id": "x9", "name": "Bad", "cadence_days": "soon"},
    ],
)
def test_invalid_entry_changes_nothing(folder: Path, change: dict) -> None:
    form = LogForm(folder, today=DAY)
    before = snapshot(folder)
    for name, value in change.items():
        getattr(form, name).value = value
    form.save_button.click()
    assert form.message.kind == "error"
    assert "Traceback" not in form.message.value
    assert "problem" in form.message.text
    assert form.message.text.startswith("Nothing was saved. ")
    assert snapshot(folder) == before


def test_an_empty_date_is_named_as_the_field_in_the_form(folder: Path) -> None:
    form = LogForm(folder, today=DAY)
    before = snapshot(folder)
    form.what.value = ADD_INTERACTION
    form.contact.value = "c003"
    form.date.value = None
    form.save_button.click()
    assert form.message.kind == "error"
    assert form.message.text == (
        "Pick a date in “Day it happened” first: the day you were in touch, not the day you "
        "write it down. Nothing was saved."
    )
    assert "row" not in form.message.value and "interactions.csv" not in form.message.value
    assert snapshot(folder) == before


def test_no_contact_chosen_is_named_as_the_field_in_the_form(tmp_path: Path) -> None:
    form = LogForm(tmp_path / "new", today=DAY)
    form.create_button.click()
    before = snapshot(tmp_path / "new")
    form.what.value = ADD_INTERACTION  # a new log: nobody to choose yet
    form.save_button.click()
    assert form.message.kind == "error"
    assert form.message.text == (
        "Choose who it was with in “With” first; if they are not in the list, add them as a "
        "contact. Nothing was saved."
    )
    assert snapshot(tmp_path / "new") == before


def problem_lines(form: LogForm) -> list[str]:
    """The problems listed under the form's message, as the learner reads them."""
    import html
    import re

    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", form.message.value)]


def add_contact_in_form(form: LogForm, **fields: str) -> None:
    form.what.value = ADD_CONTACT
    for name, value in {"contact_id": "x9", "name": "Wren Newcombe", **fields}.items():
        getattr(form, name).value = value
    form.save_button.click()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"contact_id": "C001"},  # c001, whatever the capitals
            "“Short label” field: this label is already used by Una Underhay (row 2 of "
            "contacts.csv); choose another.",
        ),
        ({"contact_id": ""}, "“Short label” field: it is empty; every contact needs a short label"),
        ({"name": " "}, "“Name” field: it is empty; every contact needs a name"),
        (
            {"cadence_days": "soon"},
            "“Keep in touch every (days)” field: should be a whole number of days from 1 to 36500 "
            '(like 30), or blank; it says "soon"',
        ),
    ],
)
def test_a_problem_in_the_new_contact_names_its_field(
    folder: Path, fields: dict, expected: str
) -> None:
    # The graduate sample has contacts in rows 2 to 39: the new one would be row 40.
    form = LogForm(folder, today=DAY)
    before = snapshot(folder)
    add_contact_in_form(form, **fields)
    assert form.message.kind == "error"
    assert form.message.text == (
        "Nothing was saved. Network Coach found 1 problem in your new entry:"
    )
    assert problem_lines(form) == [expected]
    assert "row 40" not in form.message.value and "rows 2 and 40" not in form.message.value
    assert snapshot(folder) == before


def test_a_hand_edited_row_keeps_its_file_and_row(folder: Path) -> None:
    contacts = folder / schema.CONTACTS_FILE
    good = contacts.read_text(encoding="utf-8")
    last = "c038,Tomasz Osei,Lanternfish Media,Recruiter,LinkedIn,active,"
    assert last + "," in good  # row 39, "keep in touch" blank
    contacts.write_text(good.replace(last + ",", last + "often,"), encoding="utf-8")
    form = LogForm(folder, today=DAY)
    before = snapshot(folder)
    add_contact_in_form(form, cadence_days="soon")
    assert problem_lines(form) == [
        'contacts.csv, row 39, column "cadence_days": should be a whole number of days '
        'from 1 to 36500 (like 30), or blank; it says "often"'
    ]
    assert snapshot(folder) == before

    contacts.write_text(good, encoding="utf-8")  # fixed by hand: now the entry's own problem
    before = snapshot(folder)
    form.save_button.click()
    assert problem_lines(form) == [
        "“Keep in touch every (days)” field: should be a whole number of days from 1 to 36500 "
        '(like 30), or blank; it says "soon"'
    ]
    assert snapshot(folder) == before


def test_unknown_folder_shows_a_message(tmp_path: Path) -> None:
    form = LogForm(tmp_path / "not-there", today=DAY)
    assert form.message.kind == "error"
    assert "does not exist" in form.message.value
    form.save_button.click()
    assert form.message.kind == "error"
    assert form.message.text.endswith(" Nothing was saved.")  # no contact to choose
    form.what.value = ADD_CONTACT
    add_contact_in_form(form)
    assert form.message.text == "Nothing was saved. Network Coach found 1 problem in the log:"
    assert "does not exist" in form.message.value
    assert not (tmp_path / "not-there").exists()


def test_a_save_that_fails_says_nothing_was_saved(folder: Path, monkeypatch) -> None:
    import netcoach.saving

    def full(*args, **kwargs):
        raise OSError("the disk is full")

    monkeypatch.setattr(netcoach.saving, "add_interaction", full)
    form = LogForm(folder, today=DAY)
    form.contact.value = "c003"
    assert form.save() is False
    assert form.message.kind == "error"
    assert form.message.text == (
        f"Your entry could not be saved in {folder}: the disk is full. Press Save entry again "
        "once that is put right. Nothing was saved."
    )


def test_a_log_file_open_in_another_program_is_named_not_the_temporary_file(
    folder: Path, monkeypatch
) -> None:
    import os

    real = os.replace

    def in_use(src, dst, *args, **kwargs):  # as Windows refuses while Excel has it open
        if os.fspath(dst).endswith("interactions.csv"):
            raise PermissionError(13, "in use", os.fspath(src), None, os.fspath(dst))
        return real(src, dst, *args, **kwargs)

    before = snapshot(folder)
    monkeypatch.setattr(os, "replace", in_use)
    form = LogForm(folder, today=DAY)
    form.contact.value = "c003"
    assert form.save() is False
    assert form.message.text == (
        f"interactions.csv in {folder} could not be saved: it is open in another program "
        f"(Excel, say), or you may not change files in {folder}. Close it there and press "
        "Save entry again. Nothing was saved."
    )
    assert snapshot(folder) == before


def test_a_repeat_is_asked_about_again_after_the_entry_changed_and_changed_back(
    folder: Path,
) -> None:
    form = LogForm(folder, today=DAY)
    form.contact.value = "c003"
    form.save_button.click()
    form.save_button.click()
    assert form.message.kind == "warning"  # the repeat is asked about
    form.kind.value = "thanked"
    form.kind.value = "check_in"  # changed, then changed back: still the entry just saved
    rows = len(load_log(folder).interactions)
    form.save_button.click()
    assert form.message.kind == "warning" and len(load_log(folder).interactions) == rows


def test_a_save_left_half_done_does_not_say_nothing_was_saved(folder: Path, monkeypatch) -> None:
    import netcoach.saving

    said = "contacts.csv is the new one, interactions.csv the old one; the backup is in .backup/x"

    def half(*args, **kwargs):
        raise netcoach.saving.PartlySaved(said)

    monkeypatch.setattr(netcoach.saving, "add_interaction", half)
    form = LogForm(folder, today=DAY)
    form.contact.value = "c003"
    assert form.save() is False
    assert form.message.kind == "error"
    assert said in form.message.text and "Nothing was saved" not in form.message.text


def test_the_row_named_is_the_entrys_line_after_a_line_of_the_learners_own(
    folder: Path,
) -> None:
    contacts = folder / schema.CONTACTS_FILE
    lines = contacts.read_text(encoding="utf-8").splitlines()
    commas = "," * lines[0].count(",")
    lines = [lines[0] + ",my_notes", *(line + "," for line in lines[1:])]
    lines.insert(3, commas + ",call the two of them together")  # a line of its own, row 4
    contacts.write_text("\n".join([*lines, ""]), encoding="utf-8")
    n = len(load_log(folder).contacts)  # 38: rows 2, 3 and 5 to 40
    form = LogForm(folder, today=DAY)
    add_contact_in_form(form)
    assert form.message.kind == "success", form.message.text
    assert form.message.text.startswith(f"Saved Wren Newcombe to contacts.csv (row {n + 3}).")
    saved = contacts.read_text(encoding="utf-8").splitlines()
    assert saved[3] == commas + ",call the two of them together"
    assert saved[n + 2].startswith("x9,Wren Newcombe,")  # row n + 3 (the header is row 1)


def test_create_a_new_log_then_add_to_it(tmp_path: Path) -> None:
    target = tmp_path / "my-network"
    form = LogForm(today=DAY)
    form.save_button.click()
    assert form.message.kind == "error"  # no folder typed yet
    assert form.message.text == "Type the path of your log folder first. Nothing was saved."
    form.folder_text.value = str(target)
    form.create_button.click()
    assert form.message.kind == "success"
    assert form.what.value == ADD_CONTACT
    form.contact_id.value = "a1"
    form.name.value = "Amara Osei"
    form.save_button.click()
    form.what.value = ADD_INTERACTION
    form.contact.value = "a1"
    form.kind.value = "first_meeting"
    form.channel.value = "event"
    form.save_button.click()
    log = load_log(target)
    assert list(log.contacts["contact_id"]) == ["a1"]
    assert list(log.interactions["kind"]) == ["first_meeting"]
    assert log.interactions["date"].iloc[0] == pd_timestamp(DAY)

    form.create_button.click()  # a second time: refuses to overwrite
    assert form.message.kind == "error"
    assert len(load_log(target).contacts) == 1


@pytest.mark.parametrize("typed", ["contacts.csv", "contacts.csv/new-log"])
def test_creating_a_log_at_a_files_path_says_it_must_be_a_folder(folder: Path, typed: str) -> None:
    before = snapshot(folder)
    form = LogForm(today=DAY)
    form.folder_text.value = str(folder / typed)
    form.create_button.click()
    assert form.message.kind == "error"
    assert form.message.text == (
        f"“Log folder” must name a folder, but {folder / 'contacts.csv'} is a file. Type the "
        "folder to keep the new log in (it is made if it is not there yet). Nothing was created."
    )
    assert snapshot(folder) == before


def test_undo_with_nothing_to_undo(folder: Path) -> None:
    form = LogForm(folder, today=DAY)
    before = snapshot(folder)
    form.undo_button.click()
    assert form.message.kind == "info"
    assert "Nothing to undo" in form.message.text
    assert snapshot(folder) == before


def test_a_date_after_the_as_of_date_is_saved_with_a_warning(folder: Path) -> None:
    # The graduate sample's settings.toml scores as of 30 September 2025.
    form = LogForm(folder, today=DAY)
    n_before = len(load_log(folder).interactions)
    form.what.value = ADD_INTERACTION
    form.contact.value = "c003"
    form.date.value = dt.date(2025, 10, 3)
    assert form.message.kind == "warning"
    assert form.message.text == (
        "3 October 2025 is after 30 September 2025, the 'as of' date in your settings.toml. "
        "You can still save it, but your scores will not count it until that date is "
        "3 October 2025 or later."
    )
    form.date.value = dt.date(2025, 9, 29)
    assert form.message.text == ""  # the warning goes when the date is fine again
    form.date.value = dt.date(2025, 10, 3)
    form.save_button.click()
    assert form.message.kind == "warning"
    assert form.message.text.startswith("Saved: a keep-in-touch check-in, 3 October 2025")
    assert form.message.text.endswith(
        "It is dated after 30 September 2025, the 'as of' date in your settings.toml, so your "
        "scores will not count it until that date is 3 October 2025 or later."
    )
    log = load_log(folder)
    assert len(log.interactions) == n_before + 1
    assert log.interactions["date"].iloc[-1] == pd_timestamp(dt.date(2025, 10, 3))


def test_without_an_as_of_setting_the_form_compares_with_today(tmp_path: Path) -> None:
    form = LogForm(tmp_path / "new", today=DAY)
    form.create_button.click()
    form.date.value = DAY + dt.timedelta(days=1)
    assert form.message.kind == "warning"
    assert form.message.text == (
        "2 September 2025 is after today (1 September 2025). You can still save it, but your "
        "scores will not count it until that day."
    )
