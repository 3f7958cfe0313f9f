"""Keep a command's output file from overwriting the log it was made from.

``netcoach score DIR --html DIR/contacts.csv`` would otherwise replace the learner's log with
a web page, with no backup to go back to. Every command that writes a file named by the
user checks the path here first, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from netcoach import schema

PROTECTED_FILES: tuple[str, ...] = (
    schema.CONTACTS_FILE,
    schema.INTERACTIONS_FILE,
    schema.SETTINGS_FILE,
)
"""The files of a log folder that no output may replace."""
PROTECTED_FOLDERS: tuple[str, ...] = (".backup",)
"""Folders of a log folder that no output may write into (the saved copies for undo)."""


def log_file_clash(path: str | Path, folder: str | Path) -> str | None:
    """The log file or folder that writing to ``path`` would replace, or None if it is safe.

    Both paths are resolved first, so ``./log/../log/contacts.csv`` and symbolic links are
    caught too; names are compared without regard to capitals, since on a Mac or Windows
    disk ``Contacts.csv`` is ``contacts.csv`` (and no output should be named so anyway).
    """
    target = Path(path).expanduser().resolve()
    home = Path(folder).expanduser().resolve()
    for name in PROTECTED_FILES:
        if _same_place(target, home / name):
            return name
    for name in PROTECTED_FOLDERS:
        if any(_same_place(above, home / name) for above in (target, *target.parents)):
            return f"{name}/"
    return None


def _same_place(path: Path, protected: Path) -> bool:
    """Whether ``path`` is ``protected``: the same path but for capitals, or (on a disk that
    ignores capitals, or through a hard link) the same file."""
    if path.as_posix().casefold() == protected.as_posix().casefold():
        return True
    try:
        return path.exists() and protected.exists() and path.samefile(protected)
    except OSError:
        return False


def refuse_log_file(option: str, path: str | Path, folder: str | Path, example: str) -> None:
    """Raise a :class:`~netcoach.cli.CommandError` when ``path`` would replace part of the log
    (``example``: a file name the option could take instead, such as ``report.html``)."""
    from netcoach.cli import CommandError

    clash = log_file_clash(path, folder)
    if clash is not None:
        raise CommandError(
            f"{option} {path}: that is your log's own {clash}, which would be overwritten; "
            f"give another file name, like {example} (nothing was written)"
        )
