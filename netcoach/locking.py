"""The lock of a log folder, so programs that save to it and read it take turns.

A writer holds ``<folder>/.netcoach.lock`` on its own (:func:`folder_lock`) while it reads
the log, changes it and saves it, so two programs saving to one folder (the log form and
the importer, say) never drop each other's rows. A reader shares the lock with other
readers (:func:`reading_lock`), so it never sees a change half made: an undo that has put
back ``contacts.csv`` but not yet ``interactions.csv``, say. Readers never create or
change a file: where no program has saved with a lock yet, there is nothing to wait for.

POSIX systems wait in ``fcntl.flock``; Windows retries ``msvcrt.locking`` on the lock
file's first byte every 50 ms, and there readers do not lock, because ``msvcrt`` has no
shared locks. The system releases a lock if the program holding it dies.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

try:  # Linux, macOS and other POSIX systems
    import fcntl
except ImportError:  # pragma: no cover - Windows, or a Python without fcntl
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

LOCK_FILE = ".netcoach.lock"
"""The empty file in a log folder that programs saving to that folder take turns to lock."""
LOCK_TIMEOUT = 5.0
"""How many seconds a save or a read waits for another program to finish saving."""
_LOCK_POLL = 0.05


class LogBusyError(TimeoutError):
    """Another program held the log folder's lock for longer than the timeout."""

    def __init__(self, folder: Path, timeout: float, *, reading: bool = False) -> None:
        self.folder = folder
        outcome = "the log was not read" if reading else "nothing was changed"
        super().__init__(
            f"another program is saving to {folder} (waited {timeout:g} seconds), so "
            f"{outcome}. Let it finish, or close the other notebook or command, and try again."
        )


_held = threading.local()


def _held_locks() -> dict[str, int | None]:
    """The folders (real paths) whose lock this thread holds on its own, with its fd."""
    if not hasattr(_held, "folders"):
        _held.folders = {}
    return _held.folders


def _open_lock_file(path: Path, shared: bool) -> int:
    """Writers create the lock file; readers only open one that exists."""
    return os.open(path, os.O_RDONLY) if shared else os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


def _flock_mode(shared: bool) -> int:
    return fcntl.LOCK_SH if shared else fcntl.LOCK_EX


def _try_lock(fd: int, shared: bool) -> bool:
    """Try once to lock the open lock file; False when another program holds the lock."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, _flock_mode(shared) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    if msvcrt is not None:  # pragma: no cover - Windows only
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    return True  # pragma: no cover - no file locking at all: documented in folder_lock


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    elif msvcrt is not None:  # pragma: no cover - Windows only
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


class _FlockWaiter:
    """A blocking ``flock`` on a helper thread, which the caller may stop waiting for.

    Blocking, rather than retrying now and then, puts this program in the kernel's queue:
    it gets the lock as soon as the holder lets go, even when the holder saves again at
    once. The thread opens its own descriptor; if the caller gives up, the thread closes
    it (releasing the lock) as soon as the lock comes.
    """

    def __init__(self, path: Path, shared: bool) -> None:
        self.path = path
        self.shared = shared
        self.fd: int | None = None
        self.error: OSError | None = None
        self.abandoned = False
        self.done = threading.Event()
        self.guard = threading.Lock()
        threading.Thread(target=self._wait, name="netcoach-lock", daemon=True).start()

    def _wait(self) -> None:
        try:
            fd = _open_lock_file(self.path, self.shared)
            fcntl.flock(fd, _flock_mode(self.shared))
        except OSError as err:
            with self.guard:
                self.error = err
            self.done.set()
            return
        with self.guard:
            keep = not self.abandoned
            if keep:
                self.fd = fd
        if not keep:
            os.close(fd)
        self.done.set()

    def _give_up(self) -> None:
        with self.guard:
            self.abandoned = True
            fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def result(self, timeout: float) -> int | None:
        """The locked descriptor, or None when the lock did not come within ``timeout``."""
        try:
            self.done.wait(timeout)
        except BaseException:  # an interrupt: nobody will unlock what comes later
            self._give_up()
            raise
        with self.guard:
            if self.error is not None:
                raise self.error
            if self.fd is None:
                self.abandoned = True
            return self.fd


def _poll_lock(fd: int, timeout: float) -> int | None:
    """Retry a lock now and then (Windows); the descriptor, or None (closed) on timeout."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            time.sleep(_LOCK_POLL)
            if _try_lock(fd, shared=False):
                return fd
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    return None


def _lock(folder: Path, timeout: float, shared: bool) -> int | None:
    """Open and lock the folder's lock file: its descriptor, None where nothing can lock.

    Raises :class:`LogBusyError` when another program holds the lock for ``timeout`` seconds.
    """
    path = folder / LOCK_FILE
    fd = _open_lock_file(path, shared)
    try:
        if _try_lock(fd, shared):
            return fd
    except OSError as err:  # e.g. a network share without locks: carry on as before
        os.close(fd)
        if not shared:
            warnings.warn(
                f"{folder} cannot be locked ({err.strerror}); saves from two programs at "
                "once could overwrite each other there",
                RuntimeWarning,
                stacklevel=5,
            )
        return None
    if fcntl is not None:
        os.close(fd)
        locked = _FlockWaiter(path, shared).result(timeout)
    else:  # pragma: no cover - Windows only
        locked = _poll_lock(fd, timeout)
    if locked is None:
        raise LogBusyError(folder, timeout, reading=shared)
    return locked


@contextlib.contextmanager
def _holding(folder: Path, timeout: float | None, shared: bool) -> Iterator[None]:
    """Hold the folder's lock (shared or on its own) unless this thread holds it already."""
    key = os.path.realpath(folder)
    held = _held_locks()
    if key in held or not folder.is_dir():
        yield  # this thread holds it already, or there is no folder to protect yet
        return
    fd = _lock(folder, LOCK_TIMEOUT if timeout is None else timeout, shared)
    if not shared:  # readers inside need not lock; readers may nest their shared locks
        held[key] = fd
    try:
        yield
    finally:
        if not shared:
            del held[key]
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)


def folder_lock(
    folder: str | Path, timeout: float | None = None
) -> contextlib.AbstractContextManager[None]:
    """Hold the lock of the log in ``folder`` on its own, for a whole change.

    Read the log, change it and save it inside ``with folder_lock(folder):`` so no other
    program saves to the folder, or reads it, in between. Waits up to ``timeout`` seconds
    (default :data:`LOCK_TIMEOUT`), then raises :class:`LogBusyError` having changed
    nothing. The same thread may take the lock again inside (``add_contact`` calls
    ``save_log``, and both load the log).

    On a file system that refuses locks, or a Python with neither ``fcntl`` nor ``msvcrt``,
    saving works unlocked, as before, with a warning in the first case. A folder that does
    not exist yet has nothing to protect: it is not created and no lock is taken.
    """
    return _holding(Path(folder), timeout, shared=False)


@contextlib.contextmanager
def reading_lock(folder: str | Path, timeout: float | None = None) -> Iterator[None]:
    """Share the lock of the log in ``folder`` with other readers while reading its files.

    Waits while another program saves (up to ``timeout`` seconds, default
    :data:`LOCK_TIMEOUT`; then :class:`LogBusyError`), and keeps saves out until the files
    are read. Creates nothing: without a lock file (no program has saved here with a lock),
    a lock that cannot be opened, a file system without locks, or on Windows, it reads
    unlocked.
    """
    folder = Path(folder)
    with contextlib.ExitStack() as stack:
        if fcntl is not None:
            with contextlib.suppress(FileNotFoundError, PermissionError):
                stack.enter_context(_holding(folder, timeout, shared=True))
        yield
