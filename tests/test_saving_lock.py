"""The log folder's lock: programs saving to one folder at once take turns and lose no row;
a save that cannot get the lock in time fails clearly and changes nothing."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import folder_digest, write_log

from netcoach import locking
from netcoach.cli import EXIT_BAD_INPUT, main
from netcoach.importers import import_into
from netcoach.loading import load_log
from netcoach.locking import LOCK_FILE, LogBusyError, folder_lock, reading_lock
from netcoach.saving import add_contact, add_interaction, save_log, undo_last
from netcoach.widgets.log_form import ADD_CONTACT, LogForm

ROOT = Path(__file__).resolve().parent.parent
VCARDS = ROOT / "tests" / "fixtures" / "importers" / "contacts_v3.vcf"
ROWS_PER_WORKER = 15

APPENDER = """
import sys, time
from pathlib import Path
from netcoach.saving import add_contact, add_interaction

folder, table, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
while not go.exists():
    time.sleep(0.001)
for i in range(count):
    if table == "contacts":
        add_contact(folder, contact_id=f"new-{i:03d}", name=f"Person {i}")
    else:
        add_interaction(
            folder, date="2025-01-02", contact_id="c001", channel="email", kind="check_in",
            note=f"note {i}",
        )
"""
"""Adds ``count`` rows to one table of the log in ``folder``, once the file ``go`` exists."""

HOLDER = """
import sys
from netcoach.locking import folder_lock

with folder_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


def _python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, text=True, **kwargs)


def test_two_programs_appending_at_once_keep_every_row(tmp_path: Path) -> None:
    """Without the lock most of these rows vanish: each save drops the other's new rows."""
    folder = write_log(tmp_path / "log")
    go = tmp_path / "go"
    workers = [
        _python(APPENDER, str(folder), table, str(ROWS_PER_WORKER), str(go), stderr=subprocess.PIPE)
        for table in ("contacts", "interactions")
    ]
    go.touch()  # both start together, so their saves overlap
    errors = [worker.communicate(timeout=300)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], errors
    log = load_log(folder)  # still a valid log
    added_contacts = log.contacts["contact_id"].iloc[3:].tolist()
    assert added_contacts == [f"new-{i:03d}" for i in range(ROWS_PER_WORKER)]
    added_notes = log.interactions["note"].iloc[4:].tolist()
    assert added_notes == [f"note {i}" for i in range(ROWS_PER_WORKER)]


LOADED_BEFORE_THE_LOCK: dict[Path, object] = {}
"""The log of each ``held`` folder, read before the other program took the lock."""


@pytest.fixture
def held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A log folder whose lock another program holds; saves here wait only 0.2 seconds."""
    folder = write_log(tmp_path / "log")
    add_contact(folder, contact_id="c004", name="Priya Shah")  # a backup for undo to use
    LOADED_BEFORE_THE_LOCK[folder] = load_log(folder)
    holder = _python(HOLDER, str(folder), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.2)
        yield folder
    finally:
        holder.communicate(timeout=30)


WRITERS = {
    "add_contact": lambda folder: add_contact(folder, contact_id="c005", name="Lior Varga"),
    "add_interaction": lambda folder: add_interaction(
        folder, date="2025-01-02", contact_id="c001", channel="email", kind="check_in"
    ),
    "save_log": lambda folder: save_log(LOADED_BEFORE_THE_LOCK[folder]),
    "undo_last": undo_last,
    "import_into": lambda folder: import_into(folder, [VCARDS]),
}


@pytest.mark.parametrize("write", WRITERS.values(), ids=WRITERS.keys())
def test_a_held_lock_times_out_clearly_and_changes_nothing(held: Path, write) -> None:
    before = folder_digest(held, with_lock=True)
    with pytest.raises(LogBusyError) as info:
        write(held)
    message = str(info.value)
    assert str(held) in message
    assert "another program is saving to" in message
    assert "nothing was changed" in message
    assert folder_digest(held, with_lock=True) == before


def test_reading_waits_for_a_save_and_says_so_when_it_takes_too_long(held: Path) -> None:
    before = folder_digest(held, with_lock=True)
    with pytest.raises(LogBusyError) as info:
        load_log(held)
    assert f"another program is saving to {held}" in str(info.value)
    assert "the log was not read" in str(info.value)
    assert folder_digest(held, with_lock=True) == before


def test_the_score_command_says_the_folder_is_busy(held: Path, capsys) -> None:
    assert main(["score", str(held)]) == EXIT_BAD_INPUT
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("netcoach: another program is saving to")


def test_readers_share_the_lock_and_keep_saves_out_until_they_have_read(tmp_path) -> None:
    folder = write_log(tmp_path / "log")
    add_contact(folder, contact_id="c004", name="Priya Shah")  # makes the lock file
    saved: list[bool] = []
    saver = threading.Thread(
        target=lambda: saved.append(bool(add_contact(folder, contact_id="c005", name="Lior")))
    )
    with reading_lock(folder):
        reader = threading.Thread(target=load_log, args=(folder,))
        reader.start()
        reader.join(timeout=30)
        assert not reader.is_alive()  # another reader reads at the same time
        saver.start()
        saver.join(timeout=0.3)
        assert not saved  # a save waits until the reading is done
    saver.join(timeout=30)
    assert saved == [True]
    assert load_log(folder).contacts["contact_id"].iloc[-1] == "c005"


def test_reading_creates_no_lock_file_and_changes_nothing(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    before = folder_digest(folder, with_lock=True)
    load_log(folder)
    with reading_lock(folder):
        pass
    assert not (folder / LOCK_FILE).exists()
    assert folder_digest(folder, with_lock=True) == before


def test_the_import_command_says_the_folder_is_busy(held: Path, capsys) -> None:
    before = folder_digest(held, with_lock=True)
    assert main(["import", str(VCARDS), "--into", str(held)]) == EXIT_BAD_INPUT
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("netcoach: another program is saving to")
    assert folder_digest(held, with_lock=True) == before


def test_the_log_form_says_the_folder_is_busy(held: Path) -> None:
    before = folder_digest(held, with_lock=True)
    form = LogForm(held)
    form.what.value = ADD_CONTACT
    form.contact_id.value, form.name.value = "c005", "Lior Varga"
    assert form.save() is False
    assert form.message.kind == "error"
    assert "another program is saving to" in form.message.text
    assert folder_digest(held, with_lock=True) == before


def test_the_lock_is_free_again_when_the_holder_ends(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    holder = _python(HOLDER, str(folder), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()  # even a crash releases the lock
    holder.wait(timeout=30)
    holder.stdout.close()
    add_contact(folder, contact_id="c004", name="Priya Shah")
    assert (folder / LOCK_FILE).is_file()
    assert load_log(folder).contacts["contact_id"].iloc[-1] == "c004"


def test_a_writer_holding_the_lock_can_save_and_other_threads_wait(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    inside_other_thread: list[bool] = []

    def other_thread_adds() -> None:
        add_contact(folder, contact_id="c006", name="Noor Ashwell")
        inside_other_thread.append(True)

    with folder_lock(folder):
        add_contact(folder, contact_id="c004", name="Priya Shah")  # same thread: no deadlock
        thread = threading.Thread(target=other_thread_adds)
        thread.start()
        thread.join(timeout=0.3)
        assert not inside_other_thread  # another thread waits for the lock
        add_contact(folder, contact_id="c005", name="Lior Varga")
    thread.join(timeout=30)
    assert inside_other_thread
    assert load_log(folder).contacts["contact_id"].tolist()[-3:] == ["c004", "c005", "c006"]


def test_a_missing_folder_is_not_created_by_the_lock(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with folder_lock(missing):
        pass
    assert not missing.exists()
    assert undo_last(missing) is None
    assert not missing.exists()


class _NoLocks:
    """An ``fcntl`` stand-in for a file system that refuses locks."""

    LOCK_EX = LOCK_SH = LOCK_NB = LOCK_UN = 0

    @staticmethod
    def flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")


def test_a_file_system_without_locks_still_saves_with_a_warning(tmp_path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    monkeypatch.setattr(locking, "fcntl", _NoLocks)
    with pytest.warns(RuntimeWarning, match="cannot be locked"):
        add_contact(folder, contact_id="c004", name="Priya Shah")
    assert load_log(folder).contacts["contact_id"].iloc[-1] == "c004"  # reads unlocked


def test_without_any_locking_module_saving_still_works(tmp_path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    monkeypatch.setattr(locking, "fcntl", None)
    monkeypatch.setattr(locking, "msvcrt", None)
    add_contact(folder, contact_id="c004", name="Priya Shah")
    assert load_log(folder).contacts["contact_id"].iloc[-1] == "c004"
