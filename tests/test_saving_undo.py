"""undo_last never throws away edits made by hand after the last save: it refuses, and
whatever it does restore, the files it replaces are kept in ``.backup/undone/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import write_log

from netcoach import saving
from netcoach.saving import UndoRefused, add_contact, add_interaction, undo_last

HAND_ROWS = (
    "2024-06-01,c001,email,shared,me,typed by hand\n"
    "2024-06-02,c001,phone,asked,me,typed by hand\n"
    "2024-06-03,c002,email,thanked,me,typed by hand\n"
)


def _add_thanks(folder: Path) -> None:
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="thanked")


def test_undo_refuses_when_rows_were_typed_after_the_save(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    _add_thanks(folder)
    with (folder / "interactions.csv").open("a", encoding="utf-8") as handle:
        handle.write(HAND_ROWS)
    edited = {n: (folder / n).read_bytes() for n in saving.LOG_FILES}
    with pytest.raises(UndoRefused) as info:
        undo_last(folder)
    message = str(info.value)
    assert message.startswith("Nothing was undone: interactions.csv has changed")
    assert "adding thanked with c001 on 2024-05-01" in message
    assert str(folder / ".backup") in message
    assert {n: (folder / n).read_bytes() for n in saving.LOG_FILES} == edited
    assert len(saving._list_backups(folder)) == 1  # the backup is still there to use by hand


def test_undo_still_works_when_nothing_changed_and_keeps_what_it_replaced(
    tmp_path: Path,
) -> None:
    folder = write_log(tmp_path / "log")
    before = (folder / "interactions.csv").read_bytes()
    _add_thanks(folder)
    saved = (folder / "interactions.csv").read_bytes()
    undone = undo_last(folder)
    assert undone is not None and undone.kept is not None
    assert (folder / "interactions.csv").read_bytes() == before
    assert (undone.kept / "interactions.csv").read_bytes() == saved
    assert undo_last(folder) is None  # the kept copy is not itself something to undo


def test_old_backup_without_hashes_is_restored_and_the_current_files_kept(
    tmp_path: Path,
) -> None:
    folder = write_log(tmp_path / "log")
    before = (folder / "contacts.csv").read_bytes()
    add_contact(folder, contact_id="c004", name="Priya Shah")
    (backup,) = saving._list_backups(folder)
    manifest = json.loads((backup / saving.MANIFEST).read_text(encoding="utf-8"))
    del manifest["written"]  # as written by an older Network Coach
    (backup / saving.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with (folder / "contacts.csv").open("a", encoding="utf-8") as handle:
        handle.write("c005,Typed By Hand,,,,,,,,\n")
    edited = (folder / "contacts.csv").read_bytes()
    undone = undo_last(folder)
    assert (folder / "contacts.csv").read_bytes() == before
    assert (undone.kept / "contacts.csv").read_bytes() == edited  # nothing lost


def test_log_form_shows_the_refusal_as_written(tmp_path: Path) -> None:
    from netcoach.widgets.log_form import LogForm

    folder = write_log(tmp_path / "log")
    _add_thanks(folder)
    with (folder / "interactions.csv").open("a", encoding="utf-8") as handle:
        handle.write(HAND_ROWS)
    form = LogForm(folder)
    form.undo_button.click()
    assert form.message.kind == "error"
    assert form.message.text.startswith("Nothing was undone: interactions.csv has changed")
