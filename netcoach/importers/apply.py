"""Import files into a log folder: read them all, merge, validate, then save atomically.

The log is read, merged and saved while holding the folder's lock
(:func:`netcoach.locking.folder_lock`), so rows another program saves meanwhile are kept.

Nothing is written until every file has been read and the merged log has passed
validation; any problem (in any file) stops the import and the folder stays exactly as it
was. A folder without a log is created from the templates. Nothing is sent anywhere.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from netcoach import schema
from netcoach.importers.detect import (
    ImportOptions,
    exports_in_log,
    import_elsewhere_text,
    read_folder,
    read_source,
)
from netcoach.importers.merge import merge
from netcoach.importers.sources import SourceFile
from netcoach.importers.summary import ImportSummary
from netcoach.loading import load_log
from netcoach.locking import folder_lock
from netcoach.log import NetworkLog
from netcoach.saving import (
    canonical_frames,
    create_log,
    keep_row_numbers,
    log_file_named,
    save_log,
)
from netcoach.settings import FolderSettings
from netcoach.validation import LogValidationError, Problem

NOTHING_IMPORTED = "nothing was imported and your log was not changed"


def save_failure(folder: str | Path, err: OSError) -> tuple[str, bool]:
    """What to tell a learner whose log folder the import could not write to: one line in
    the words the other commands use for a file they cannot write (``PATH: could not ...
    (reason)``), and whether the folder is as it was (a failed save puts it back).

    The file the error names is given by its log name (``interactions.csv``), never the
    saver's temporary file. An error without a reason of its own (no ``strerror``) is a
    sentence written for the learner, such as a save that stopped halfway: it is given as
    it is, and the folder is not said to be unchanged.
    """
    if not err.strerror:
        return str(err), False
    return f"{folder}: could not save {log_file_named(err) or 'your log'} ({err.strerror})", True


def _empty_text_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    contacts = pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.CONTACT_COLUMNS})
    inter = pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.INTERACTION_COLUMNS})
    return contacts, inter


def _has_log(folder: Path) -> bool:
    return (folder / schema.CONTACTS_FILE).exists() or (folder / schema.INTERACTIONS_FILE).exists()


def read_sources(
    sources: Iterable[SourceFile | str | Path], options: ImportOptions | None = None
) -> list:
    """Read every file; one :class:`LogValidationError` lists the problems in all of them."""
    batches, problems, omitted = [], [], 0
    for item in sources:
        try:
            if not isinstance(item, SourceFile) and Path(item).is_dir():
                batches += read_folder(Path(item), options)
                continue
            source = item if isinstance(item, SourceFile) else SourceFile.from_path(item)
            batches += read_source(source, options)
        except LogValidationError as err:
            problems += err.problems
            omitted += err.omitted
    if problems:
        raise LogValidationError(problems, omitted=omitted)
    return batches


def import_into(
    folder: str | Path,
    sources: Iterable[SourceFile | str | Path],
    options: ImportOptions | None = None,
    *,
    dry_run: bool = False,
) -> ImportSummary:
    """Import ``sources`` into the log in ``folder`` and return what was done.

    Raises :class:`LogValidationError` (naming file, row and column) when a file or the
    existing log cannot be read; the folder is then left untouched.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise LogValidationError(
            [Problem(str(folder), None, None, "this is a file, not a folder; give your log folder")]
        )
    sources = list(sources)  # (how many the learner named, for the undo message)
    batches = read_sources(sources, options)
    if _has_log(folder):
        _refuse_exports_in_log(folder)
    if dry_run or not _has_log(folder):
        _, summary = _merge_into(folder, batches, dry_run=dry_run)  # checked before creating
        if dry_run or not summary.changed:
            return summary
    made_folder, made_log = not folder.exists(), False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with folder_lock(folder):  # read, merge and save with no other program saving between
            if not _has_log(folder):
                made_log = True
                create_log(folder)
            merged, summary = _merge_into(folder, batches)
            if summary.changed:
                save_log(merged, folder, description=f"import {len(sources)} file(s)")
                summary.saved_to = str(folder)
    except OSError:  # (the save put back what it changed; the new log goes too)
        if made_log:
            _remove_new_log(folder, made_folder)
        raise
    return summary


def _remove_new_log(folder: Path, made_folder: bool) -> None:
    """Take away the empty log an import made for a save that then failed: the folder
    itself when the import made it, else only the files it wrote there."""
    if made_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for name in (schema.CONTACTS_FILE, schema.INTERACTIONS_FILE, schema.SETTINGS_FILE):
        with contextlib.suppress(OSError):
            (folder / name).unlink(missing_ok=True)


def _refuse_exports_in_log(folder: Path) -> None:
    """Refuse a log folder whose contacts.csv (or interactions.csv) is really an export, such
    as a Google Contacts export kept under its own name, before it is read as the log."""
    found = exports_in_log(folder)
    if found:
        raise LogValidationError(
            [
                Problem(name, None, None, import_elsewhere_text(folder, name, what))
                for name, what in found
            ]
        )


def _merge_into(
    folder: Path, batches: list, *, dry_run: bool = False
) -> tuple[NetworkLog, ImportSummary]:
    """The log in ``folder`` (empty when there is none yet) with ``batches`` merged in."""
    log = None
    if _has_log(folder):
        log = load_log(folder)
        frames = canonical_frames(log)
        contacts, interactions = frames[schema.CONTACTS_FILE], frames[schema.INTERACTIONS_FILE]
        settings = log.folder_settings
    else:
        contacts, interactions = _empty_text_tables()
        settings = FolderSettings()
    new_contacts, new_interactions, summary = merge(contacts, interactions, batches)
    summary.dry_run = dry_run
    merged = NetworkLog.from_frames(new_contacts, new_interactions, folder_settings=settings)
    merged.folder = folder
    if log is not None:
        keep_row_numbers(merged, log)  # so saving keeps the learner's own columns
    return merged, summary
