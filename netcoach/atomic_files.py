"""Write a whole file or nothing: the reports, calendars, summaries, handouts and gradebooks
Network Coach makes.

:func:`write_atomically` writes to a hidden temporary file beside the target, flushes it to
disk, gives it its permissions, then moves it over the target in one step, so another
program (or a crash half-way) never sees half a file, and a failure leaves the file that was
there before. :func:`check_writable_folder` asks early whether that will be possible, before
minutes of work (grading a class) whose result could not be saved.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: str | Path, data: bytes | str, *, mode: int) -> Path:
    """Write ``data`` (text is written as UTF-8, lines as given) to ``path`` all at once,
    with permission bits ``mode``; create its folder if needed. Through a symbolic link, the
    file it points to is replaced and the link kept. Raises OSError; on any failure ``path``
    is as it was and no temporary file is left."""
    target = _destination(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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


def check_writable_folder(path: str | Path) -> None:
    """Raise OSError now if :func:`write_atomically` could not write ``path`` later: its
    folder must take a new file (a file that is writable itself, in a read-only folder, is
    not enough)."""
    folder = _destination(Path(path)).parent
    fd, tmp = tempfile.mkstemp(prefix=".netcoach-check.", suffix=".tmp", dir=folder)
    os.close(fd)
    Path(tmp).unlink(missing_ok=True)


def _destination(path: Path) -> Path:
    """The file a symbolic link points to (the link stays), else ``path`` itself."""
    if not path.is_symlink():
        return path
    with contextlib.suppress(OSError, RuntimeError):  # a loop of links: replace the link
        return path.resolve()
    return path
