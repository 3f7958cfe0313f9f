"""Write a whole file or nothing: the HTML report, the reminders calendar, the summary, the
coach's handout and the gradebook Network Coach makes (saving the log itself, two files at
once, is :mod:`netcoach.saving`'s job, which shares :func:`destination` and
:func:`temporary_name`).

:func:`write_atomically` writes to a hidden temporary file beside the target, flushes it to
disk, gives it its permissions, then moves it over the target in one step, so another
program (or a crash half-way) never sees half a file, and a failure leaves the file that was
there before. :func:`check_writable_folder` asks early whether that will be possible, before
minutes of work (grading a class) whose result could not be saved.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, data: bytes | str, *, mode: int) -> Path:
    """Write ``data`` (text is written as UTF-8, lines as given) to ``path`` all at once,
    with permission bits ``mode``; create its folder if needed. Through a symbolic link, the
    file it points to is replaced and the link kept. Raises OSError (:class:`ReadOnlyFile`
    for a read-only ``path``); on any failure ``path`` is as it was and no temporary file
    is left."""
    target = destination(Path(path))
    refuse_read_only(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(**temporary_name(target))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name != "nt":  # (Windows keeps no such bits: only "read-only")
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(path)


class ReadOnlyFile(PermissionError):
    """The file to be replaced is read-only. Moving a new file over it needs only a
    writable folder, so without this check a file its owner had made read-only would be
    replaced without a word (Windows refuses it)."""


def read_at_most(path: str | Path, most_bytes: int) -> bytes | None:
    """The bytes of the file at ``path``, or None when it cannot be read or is longer than
    ``most_bytes``: how a command looks into a file it would replace, to tell its own earlier
    output (a report, a handout, the slides) from a file of the user's own."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(most_bytes + 1)
    except OSError:
        return None
    return data if len(data) <= most_bytes else None


def refuse_read_only(target: Path) -> None:
    """Raise :class:`ReadOnlyFile` (naming ``target``) when ``target`` exists and is
    read-only: no write permission for anyone, or none for this user."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise ReadOnlyFile(errno.EACCES, "the file is read-only", str(target))


def check_writable_folder(path: str | Path) -> None:
    """Raise OSError now if :func:`write_atomically` could not write ``path`` later: its
    folder must take a new file of the temporary name it will use (a file that is writable
    itself, in a read-only folder, is not enough; nor is a name too long once the temporary
    parts are added)."""
    fd, tmp = tempfile.mkstemp(**temporary_name(destination(Path(path))))
    os.close(fd)
    Path(tmp).unlink(missing_ok=True)


def temporary_name(target: Path) -> dict[str, str]:
    """``tempfile.mkstemp`` arguments for a hidden file beside ``target``:
    ``.<name>.<random>.tmp`` in the same folder (so moving it over ``target`` is one step)."""
    return {"prefix": f".{target.name}.", "suffix": ".tmp", "dir": str(target.parent)}


def destination(path: Path) -> Path:
    """Where writing ``path`` writes: the file a symbolic link points to (so the link stays
    and its file gets the change, as a spreadsheet saving it would do), else ``path``."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links: the link itself is replaced
        return path


def usual_new_file_mode() -> int:
    """The permissions a new file gets from ``open``: ``0o666`` less the umask (for files
    that name no one, such as a summary, a handout or an exercise notebook)."""
    umask = os.umask(0o022)  # (read by setting it: there is no other way to read it)
    os.umask(umask)
    return 0o666 & ~umask


def kept_mode(target: Path | None, default: int) -> int:
    """The permission bits of the file ``target`` (the one to be replaced), so a user's
    choice is kept; ``default`` when there is none."""
    if target is not None:
        try:
            return stat.S_IMODE(target.stat().st_mode)
        except OSError:
            pass
    return default
