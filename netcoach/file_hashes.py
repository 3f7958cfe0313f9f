"""Fingerprints of a log's two CSV files, to tell whether they changed.

Loading records them (:attr:`netcoach.log.NetworkLog.file_hashes`) and saving compares
them with the files it is about to replace, so a log object read before another save, or
before an edit in a spreadsheet, is never written over those changes. Undo uses them too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from netcoach import schema

LOG_FILES: tuple[str, ...] = (schema.CONTACTS_FILE, schema.INTERACTIONS_FILE)
"""The files a log is saved to (``settings.toml`` is the learner's, never written)."""


def sha256_of(data: bytes) -> str:
    """The sha256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def log_file_hashes(folder: Path) -> dict[str, str | None]:
    """The sha256 of each log file in ``folder`` now (None when the file is missing)."""
    return {
        name: sha256_of((folder / name).read_bytes()) if (folder / name).is_file() else None
        for name in LOG_FILES
    }


def changed_files(now: dict[str, str | None], recorded: dict[str, str | None]) -> list[str]:
    """The log files whose fingerprints ``now`` (:func:`log_file_hashes`) are not those
    ``recorded``."""
    return [name for name in LOG_FILES if now[name] != recorded.get(name)]
