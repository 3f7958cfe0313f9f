"""A save or an undo that cannot replace a file (open in Excel on Windows, say) changes
nothing: files already replaced are put back, no temporary file or backup is left behind,
and the next Undo takes back the last save that really happened."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import folder_digest, write_log

from netcoach import saving
from netcoach.importers import import_into
from netcoach.loading import load_log
from netcoach.saving import UndoRefused, add_contact, add_interaction, save_log, undo_last

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = ROOT / "tests" / "fixtures" / "importers" / "calendar.ics"
IN_USE = "The process cannot access the file because it is being used by another process"


@pytest.fixture
def lock(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """``lock(name)``: from now on ``os.replace`` onto a file named ``name`` fails as it does
    on Windows while the file is open in Excel; ``lock("")`` frees every file again."""
    real = os.replace
    locked = {"name": ""}

    def replace(src, dst, *args, **kwargs):
        if locked["name"] and str(dst).endswith(locked["name"]):
            raise PermissionError(13, IN_USE, str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return lambda name: locked.update(name=name)


def _log_files(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in saving.LOG_FILES}


def _add_thanks(folder: Path, contact_id: str = "c001") -> None:
    add_interaction(
        folder, date="2024-05-01", contact_id=contact_id, channel="email", kind="thanked"
    )


def test_undo_with_a_file_in_use_puts_back_neither_file_and_can_be_tried_again(
    tmp_path: Path, lock
) -> None:
    folder = write_log(tmp_path / "log")
    original = _log_files(folder)
    summary = import_into(folder, [CALENDAR])  # adds contacts and interactions: both change
    assert summary.saved_to == str(folder)
    imported = folder_digest(folder)
    assert _log_files(folder) != original
    lock("interactions.csv")
    with pytest.raises(UndoRefused) as info:
        undo_last(folder)
    message = str(info.value)
    assert message.startswith("Nothing was undone: interactions.csv")
    assert "open in another program" in message
    assert "Close it" in message and "try Undo again" in message
    assert folder_digest(folder) == imported  # contacts.csv put back too; no temp, no copy
    load_log(folder)  # still a valid log
    lock("")
    undone = undo_last(folder)  # once the file is free, the same undo works
    assert undone is not None and undone.description == "import 1 file(s)"
    assert _log_files(folder) == original


def test_a_save_that_fails_on_a_file_in_use_leaves_the_folder_as_it_was(
    tmp_path: Path, lock
) -> None:
    folder = write_log(tmp_path / "log")
    original = _log_files(folder)
    _add_thanks(folder)  # a real save, with a backup to undo
    before = folder_digest(folder)
    lock("interactions.csv")
    with pytest.raises(PermissionError):
        _add_thanks(folder, "c002")
    assert folder_digest(folder) == before  # no backup of the save that never happened
    assert not list(folder.glob(".*.tmp"))
    lock("")
    undone = undo_last(folder)  # takes back the first save, which did happen
    assert undone is not None
    assert undone.description == "adding thanked with c001 on 2024-05-01 to interactions.csv"
    assert _log_files(folder) == original


def test_a_save_of_both_files_puts_back_the_one_already_replaced(tmp_path: Path, lock) -> None:
    folder = write_log(tmp_path / "log")
    add_contact(folder, contact_id="c004", name="Priya Shah")  # both files canonical now
    before = folder_digest(folder)
    log = load_log(folder)
    log.contacts.loc[0, "notes"] = "changed"
    log.interactions = log.interactions.iloc[:2]
    lock("interactions.csv")  # contacts.csv is replaced first, then this fails
    with pytest.raises(PermissionError):
        save_log(log, description="both files")
    assert folder_digest(folder) == before
    lock("")
    assert undo_last(folder).description == "adding Priya Shah (c004) to contacts.csv"


def test_a_file_in_use_that_a_save_leaves_alone_does_not_stop_it(tmp_path: Path, lock) -> None:
    """Adding an interaction with contacts.csv open in Excel saves: contacts.csv is not
    rewritten when its bytes would not change (and so neither is it on undo)."""
    folder = write_log(tmp_path / "log")
    add_contact(folder, contact_id="c004", name="Priya Shah")  # contacts.csv canonical now
    contacts = (folder / "contacts.csv").read_bytes()
    interactions = (folder / "interactions.csv").read_bytes()
    lock("contacts.csv")
    _add_thanks(folder, "c004")
    assert load_log(folder).interactions["contact_id"].iloc[-1] == "c004"
    assert (folder / "contacts.csv").read_bytes() == contacts
    undo_last(folder)
    assert (folder / "interactions.csv").read_bytes() == interactions


def test_a_backup_that_cannot_be_made_leaves_nothing_behind(tmp_path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    before = folder_digest(folder)
    real = shutil.copy2
    calls: list[object] = []

    def full_disk(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil, "copy2", full_disk)
    with pytest.raises(OSError, match="No space left"):
        add_contact(folder, contact_id="c004", name="Priya Shah")
    assert folder_digest(folder) == before  # no half-made backup, no temp files
    assert not (folder / ".backup").exists()


def test_an_undo_whose_rollback_fails_too_says_where_the_files_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst case: one file is put back, the next cannot be, and neither can the first
    be returned. The message says so and where the files as they were before Undo are."""
    folder = write_log(tmp_path / "log")
    import_into(folder, [CALENDAR])
    imported = _log_files(folder)
    real = os.replace
    calls: list[str] = []

    def second_and_later_fail(src, dst, *args, **kwargs):
        calls.append(str(dst))
        if len(calls) >= 2:
            raise PermissionError(13, IN_USE, str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", second_and_later_fail)
    with pytest.raises(UndoRefused) as info:
        undo_last(folder)
    message = str(info.value)
    assert "only partly undone" in message
    kept = sorted((folder / ".backup" / "undone").iterdir())[-1]
    assert str(kept) in message
    assert {n: (kept / n).read_bytes() for n in saving.LOG_FILES} == imported
    assert not list(folder.glob(".*.tmp"))


def test_the_log_file_an_error_names_is_found_behind_the_temporary_file() -> None:
    # os.replace names its source first: the save's temporary file, not interactions.csv
    from netcoach.saving import log_file_named

    in_use = PermissionError(13, "in use", "/log/.interactions.csv.ab12cd.tmp", None, "/x/y")
    assert log_file_named(in_use) == "interactions.csv"
    assert log_file_named(PermissionError(13, "denied", "/log/contacts.csv")) == "contacts.csv"
    assert log_file_named(OSError(28, "No space left on device")) is None
    assert log_file_named(PermissionError(13, "denied", "/log/.contacts.csv.bak")) is None


def test_a_new_log_that_cannot_be_made_whole_is_not_made_at_all(
    tmp_path: Path, lock: Callable[[str], None]
) -> None:
    # contacts.csv written, interactions.csv refused: a log of one file would be left
    lock("interactions.csv")
    with pytest.raises(PermissionError):
        saving.create_log(tmp_path / "new")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) in ([], [".netcoach.lock"])
