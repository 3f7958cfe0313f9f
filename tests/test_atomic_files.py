"""One way to write a whole file or nothing (reports, reminders, gradebooks)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import netcoach.atomic_files as atomic
from netcoach.atomic_files import check_writable_folder, write_atomically


def test_text_and_bytes_are_written_with_the_mode_given(tmp_path: Path) -> None:
    write_atomically(tmp_path / "a" / "page.html", "Zoë\n", mode=0o600)
    write_atomically(tmp_path / "cal.ics", b"BEGIN\r\n", mode=0o640)
    assert (tmp_path / "a" / "page.html").read_bytes() == "Zoë\n".encode()
    assert (tmp_path / "cal.ics").read_bytes() == b"BEGIN\r\n"
    if os.name != "nt":
        assert stat.S_IMODE((tmp_path / "a" / "page.html").stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "cal.ics").stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("last week\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "this week\n", mode=0o600)
    assert target.read_text(encoding="utf-8") == "last week\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_through_a_link_the_file_it_points_to_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "grades.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "grades.csv"
    link.symlink_to(real)
    write_atomically(link, "new\n", mode=0o600)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["grades.csv"]


def test_check_writable_folder_leaves_nothing_and_names_the_problem(tmp_path: Path) -> None:
    check_writable_folder(tmp_path / "gradebook.csv")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(FileNotFoundError):
        check_writable_folder(tmp_path / "missing" / "gradebook.csv")


def test_a_name_too_long_once_the_temporary_parts_are_added_is_caught_early(
    tmp_path: Path,
) -> None:
    # The early check used a short name of its own, so it passed, and the gradebook failed
    # to write after a whole class was graded.
    long_name = tmp_path / ("g" * 245 + ".csv")
    with pytest.raises(OSError) as info:
        check_writable_folder(long_name)
    assert info.value.errno == errno.ENAMETOOLONG
    assert list(tmp_path.iterdir()) == []
