"""Keep a command's output file from overwriting a log: the one it was made from, or another.

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
    ".netcoach-id",  # (netcoach.summary.ID_FILE: the log's random id for its summaries)
    ".netcoach.lock",  # (netcoach.locking.LOCK_FILE)
)
"""The files of a log folder that no output may replace."""
PROTECTED_FOLDERS: tuple[str, ...] = (".backup",)
"""Folders of a log folder that no output may write into (the saved copies for undo)."""


def log_file_clash(path: str | Path, folder: str | Path) -> str | None:
    """What writing to ``path`` would replace, in words, or None if it is safe.

    Both paths are resolved first, so ``./log/../log/contacts.csv`` and symbolic links are
    caught too; names are compared without regard to capitals, since on a Mac or Windows
    disk ``Contacts.csv`` is ``contacts.csv``. Beyond the log being used (``folder``), no
    output may be named as a log file at all, nor go into any ``.backup`` folder: another log
    (a friend's, last year's) has no backup of a file a report replaced.
    """
    target = Path(path).expanduser().resolve()
    home = Path(folder).expanduser().resolve()
    for name in PROTECTED_FILES:
        if _same_place(target, home / name):
            return f"your log's own {name}, which would be overwritten"
    for name in PROTECTED_FOLDERS:
        if any(_same_place(above, home / name) for above in (target, *target.parents)):
            return f"inside your log's {name}/ folder, which keeps the copies that undo uses"
    if target.name.casefold() in {name.casefold() for name in PROTECTED_FILES}:
        return f"named like a log file ({target.name}), and would replace one if it is there"
    backup = {name.casefold() for name in PROTECTED_FOLDERS}
    if any(above.name.casefold() in backup for above in target.parents):
        return "inside a log's .backup/ folder, which keeps the copies that undo uses"
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
            f"{option} {path}: that is {clash}; give another file name, like {example} "
            "(nothing was written)"
        )
