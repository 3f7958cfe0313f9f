"""A log file its owner made read-only is never replaced: saving and undo refuse, say
how to put it right, and leave the folder as it was. (Moving a new file over an old one
needs only a writable folder, so before this check a read-only file was replaced without a
word, even by a user who may not write it; Windows refuses it.)"""

from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest
from helpers import folder_digest, write_log

from netcoach.atomic_files import ReadOnlyFile, write_atomically
from netcoach.saving import UndoFailed, add_contact, add_interaction, undo_last
from netcoach.widgets.log_form import LogForm


def _thanks(folder: Path) -> None:
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="thanked")


def test_saving_refuses_a_read_only_log_file_and_changes_nothing(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    os.chmod(folder / "interactions.csv", 0o444)
    before = folder_digest(folder)
    with pytest.raises(ReadOnlyFile) as caught:
        _thanks(folder)
    assert Path(caught.value.filename) == folder / "interactions.csv"
    assert folder_digest(folder) == before  # no row, no backup, no temporary file
    assert oct(os.stat(folder / "interactions.csv").st_mode & 0o777) == "0o444"


def test_undo_refuses_to_put_back_over_a_read_only_file(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    _thanks(folder)
    os.chmod(folder / "interactions.csv", 0o400)
    before = folder_digest(folder)
    with pytest.raises(UndoFailed) as caught:
        undo_last(folder)
    assert "interactions.csv is marked read-only" in str(caught.value)
    assert str(caught.value).startswith("Nothing was undone")
    assert folder_digest(folder) == before


def test_the_log_form_says_the_file_is_read_only_and_how_to_fix_it(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    form = LogForm(folder, today=dt.date(2024, 6, 1))
    form.contact.value = "c001"
    os.chmod(folder / "interactions.csv", 0o444)
    before = folder_digest(folder)
    form.save_button.click()
    message = form.message.text
    assert "interactions.csv is marked read-only" in message
    assert "Make it writable again" in message and message.count("Nothing was saved.") == 1
    assert folder_digest(folder) == before


def test_reports_and_other_whole_files_are_not_written_over_a_read_only_file(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.html"
    report.write_text("kept")
    os.chmod(report, 0o444)
    with pytest.raises(ReadOnlyFile):
        write_atomically(report, "new", mode=0o600)
    assert report.read_text() == "kept" and sorted(p.name for p in tmp_path.iterdir()) == [
        "report.html"
    ]
    os.chmod(report, 0o644)
    write_atomically(report, "new", mode=0o600)  # writable again: replaced as before
    assert report.read_text() == "new"


def test_backups_and_their_manifests_are_for_the_owner_only(tmp_path: Path) -> None:
    """The manifest says what each save did ("adding Secret Person (c9) ..."): it is
    written for its owner only, in folders only its owner can open."""
    folder = write_log(tmp_path / "log")
    add_contact(folder, contact_id="c9", name="Secret Person")
    [backup] = (folder / ".backup").iterdir()
    assert "Secret Person" in (backup / "backup.json").read_text(encoding="utf-8")
    modes = {
        path.relative_to(folder).as_posix(): oct(path.stat().st_mode & 0o777)
        for path in [folder / ".backup", backup, *backup.iterdir()]
    }
    assert modes == {
        ".backup": "0o700",
        f".backup/{backup.name}": "0o700",
        f".backup/{backup.name}/backup.json": "0o600",
        f".backup/{backup.name}/contacts.csv": "0o644",  # (copies keep the log's own modes:
        f".backup/{backup.name}/interactions.csv": "0o644",  # the folder keeps others out)
    }


def test_a_log_changed_during_a_save_is_explained_once_and_a_second_click_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spreadsheet saves the file just after the form read it: the form says so in plain
    words, once, and pressing Save again adds the entry and keeps the spreadsheet's row."""
    import netcoach.saving as saving

    folder = write_log(tmp_path / "log")
    form = LogForm(folder, today=dt.date(2024, 6, 1))
    form.contact.value = "c001"
    real_load = saving.load_log

    def edited_meanwhile(where, *args, **kwargs):
        log = real_load(where, *args, **kwargs)
        with open(Path(where) / "interactions.csv", "a", encoding="utf-8") as handle:
            handle.write("2024-05-09,c001,phone,check_in,me,typed in a spreadsheet\n")
        return log

    with monkeypatch.context() as patch:
        patch.setattr(saving, "load_log", edited_meanwhile)
        form.save_button.click()
    message = form.message.text
    assert message == (
        "Nothing was saved. interactions.csv changed while your entry was being saved (an "
        "edit in a spreadsheet, say). Press Save entry again to add your entry to the log as "
        "it is now."
    )
    form.save_button.click()
    assert form.message.text.startswith("Saved")
    rows = (folder / "interactions.csv").read_text(encoding="utf-8")
    assert "typed in a spreadsheet" in rows and rows.count("2024-06-01,c001") == 1


def _form_ready(tmp_path: Path) -> tuple[LogForm, Path]:
    folder = write_log(tmp_path / "log")
    form = LogForm(folder, today=dt.date(2024, 6, 1))
    form.contact.value = "c001"
    return form, folder


def test_a_folder_the_learner_may_not_write_is_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(It said "Permission denied: .../.netcoach.lock", naming an inner file, no advice.)"""
    import netcoach.locking as locking

    form, folder = _form_ready(tmp_path)

    def refused(path: Path, shared: bool) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(locking, "_open_lock_file", refused)
    form.save_button.click()
    assert form.message.text == (
        f"Your entry could not be saved in {folder}: you may not change files in {folder}. "
        "Check that folder's permissions, or copy your log to a folder of your own, then press "
        "Save entry again. Nothing was saved."
    )


def test_a_full_disk_says_so_in_plain_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import netcoach.saving as saving

    form, folder = _form_ready(tmp_path)
    before = folder_digest(folder)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saving, "_backup", full)
    form.save_button.click()
    assert form.message.text == (
        f"Your entry could not be saved in {folder}: the disk is full. Make some room on it, "
        "then press Save entry again. Nothing was saved."
    )
    assert folder_digest(folder) == before
