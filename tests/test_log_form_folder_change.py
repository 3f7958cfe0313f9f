"""The log form saves only into the log it has open: a folder typed in afterwards must be
opened first, or an interaction could be saved against another log's contact who happens to
have the same short label (c003 is Greta Garrowby in the graduate sample, Greta Penhallow in
the experienced one). Its messages name the person, and Undo says what it took back in the
same words as the save."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from helpers import folder_digest

from netcoach import schema
from netcoach.file_hashes import LOG_FILES
from netcoach.loading import load_log
from netcoach.samples import sample_path
from netcoach.widgets.log_form import ADD_CONTACT, ADD_INTERACTION, LogForm

DAY = dt.date(2025, 9, 1)
OPEN_FIRST = "Press “Open this log” to read the contacts in {b} before you save there"


@pytest.fixture
def logs(tmp_path: Path) -> tuple[Path, Path]:
    """Two learners' logs: A (graduate) and B (experienced), whose c003 are different people."""
    a, b = tmp_path / "A", tmp_path / "B"
    shutil.copytree(sample_path("graduate"), a)
    shutil.copytree(sample_path("experienced"), b)
    return a, b


def name_of(folder: Path, contact_id: str) -> str:
    contacts = load_log(folder).contacts
    return contacts.loc[contacts["contact_id"] == contact_id, "name"].item()


def test_the_two_samples_give_c003_to_different_people(logs: tuple[Path, Path]) -> None:
    a, b = logs
    assert (name_of(a, "c003"), name_of(b, "c003")) == ("Greta Garrowby", "Greta Penhallow")


def test_a_folder_typed_but_not_opened_is_not_saved_to(logs: tuple[Path, Path]) -> None:
    a, b = logs
    before = {a: folder_digest(a), b: folder_digest(b)}
    form = LogForm(a, today=DAY)
    form.contact.value = "c003"  # Greta Garrowby, in A
    form.folder_text.value = str(b)  # typed, "Open this log" not pressed
    form.save_button.click()
    assert {a: folder_digest(a), b: folder_digest(b)} == before  # (was: c003 added to B)
    assert form.message.kind == "error"
    assert form.message.text == (
        f"{b} is not open yet: the “With” list still shows the contacts in {a}. "
        f"{OPEN_FIRST.format(b=b)}, or type {a} again to stay with that log. Nothing was saved."
    )
    form.undo_button.click()  # nor is anything undone there
    assert form.message.kind == "error"
    assert form.message.text.endswith(" Nothing was undone.")
    assert OPEN_FIRST.format(b=b) in form.message.text
    form.what.value = ADD_CONTACT  # nor a contact added
    form.contact_id.value, form.name.value = "x9", "Wren Newcombe"
    form.save_button.click()
    assert form.message.text.endswith(" Nothing was saved.")
    assert {a: folder_digest(a), b: folder_digest(b)} == before


def test_typing_another_folder_says_it_is_not_open_yet(logs: tuple[Path, Path]) -> None:
    a, b = logs
    form = LogForm(a, today=DAY)
    form.folder_text.value = str(b)
    assert form.message.kind == "warning"
    assert form.message.text.startswith(f"{b} is not open yet: ")
    assert OPEN_FIRST.format(b=b) in form.message.text


def test_after_opening_the_new_folder_saves_use_its_contacts(logs: tuple[Path, Path]) -> None:
    a, b = logs
    unchanged = folder_digest(a)
    n_before = len(load_log(b).interactions)
    form = LogForm(a, today=DAY)
    form.contact.value = "c003"
    form.folder_text.value = str(b)
    form.open_button.click()
    assert form.message.kind == "success"
    assert form.message.text.endswith(" Greta Garrowby is not in this log: choose again in “With”.")
    assert [v for _, v in form.contact.options] == list(load_log(b).contacts["contact_id"])
    assert form.contact.value != "c003"  # not kept as Greta Penhallow unasked

    form.contact.value = "c003"  # chosen in B's list: Greta Penhallow
    assert form.contact.label == "Greta Penhallow (c003)"
    assert form.save() is True
    assert form.message.kind == "success", form.message.text
    assert form.message.text.startswith(
        "Saved: a keep-in-touch check-in, 1 September 2025, with Greta Penhallow (c003), in "
        f"{b / schema.INTERACTIONS_FILE} (row "
    )
    log = load_log(b)
    assert len(log.interactions) == n_before + 1
    assert log.interactions["contact_id"].iloc[-1] == "c003"
    assert folder_digest(a) == unchanged


def test_typing_the_open_folder_again_takes_the_warning_back(logs: tuple[Path, Path]) -> None:
    a, b = logs
    form = LogForm(a, today=DAY)
    form.contact.value = "c003"
    form.folder_text.value = str(b)
    assert form.message.kind == "warning"
    form.folder_text.value = f"{a}/"  # the same folder, however it is written
    assert form.message.text == ""
    assert form.save() is True
    assert "with Greta Garrowby (c003)" in form.message.text
    assert load_log(a).interactions["contact_id"].iloc[-1] == "c003"


def test_the_same_person_stays_chosen_in_another_folder(tmp_path: Path) -> None:
    a, c = tmp_path / "A", tmp_path / "C"
    shutil.copytree(sample_path("graduate"), a)
    shutil.copytree(sample_path("graduate"), c)
    for name in LOG_FILES:  # Greta Garrowby is g3 in C, c003 in A
        path = c / name
        path.write_text(path.read_text(encoding="utf-8").replace("c003,", "g3,"), "utf-8")
    form = LogForm(a, today=DAY)
    form.contact.value = "c003"
    form.folder_text.value = str(c)
    form.open_button.click()
    assert form.contact.label == "Greta Garrowby (g3)"  # her label in C
    assert "not in this log" not in form.message.text


def test_undo_says_what_it_took_back_in_the_save_messages_words(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    form = LogForm(folder, today=DAY)
    form.create_button.click()
    form.what.value = ADD_CONTACT
    form.contact_id.value, form.name.value = "=z1", "Zed Ashby"  # a label like a formula
    assert form.save() is True
    form.what.value = ADD_INTERACTION
    form.contact.value = "=z1"
    assert form.save() is True
    words = "a keep-in-touch check-in, 1 September 2025, with Zed Ashby (=z1)"
    assert form.message.text.startswith(f"Saved: {words}, in ")

    form.undo_button.click()
    assert form.message.kind == "success"
    assert form.message.text == f"Undone: adding {words} to interactions.csv."
    assert len(load_log(folder).interactions) == 0
