"""Write a network log back to its folder safely, add rows to it, and undo the last change.

Every save is atomic: both CSVs are first written to temporary files in the same folder
(flushed and fsynced), the current files are copied to ``<folder>/.backup/<stamp>/``, and
only then are the new files moved into place with :func:`os.replace`. A file whose bytes
would not change is left alone (it may be open in a spreadsheet, which on Windows stops it
being replaced). If anything fails (a file open in Excel, a full disk), the files already
replaced are put back from the backup and the backup and temporary files are removed, so
the folder is exactly as it was. :func:`undo_last` restores the latest backup, but only if
the files are still as that save wrote them (each backup's ``backup.json`` records their
sha256): edits typed in after the save are never thrown away. It too puts back both files
or neither (:class:`UndoFailed`), so the same undo can be tried again.

Every change is also locked against other programs: :func:`folder_lock` holds
``<folder>/.netcoach.lock`` while a writer reads the log, changes it and saves it, so two
programs saving to one folder (the log form and the importer, say) take turns and neither
drops the other's rows (:mod:`netcoach.locking` says how it works on each platform).

Files are written with canonical content: ISO dates (``2024-03-12``), canonical values, the
columns in :mod:`netcoach.schema` order, then any columns the learner added,
in their order under the header the learner typed (:func:`with_own_columns`: each row keeps
its own cells, a new row is blank, and a line with cells only in those columns, which loading
skips, stays where it was). What a spreadsheet needs to open the file as before is kept
(:func:`_file_style`): the separator (``,``, ``;`` or tab, and Excel's ``sep=`` line), the
line ending (Windows' CRLF or LF) and the encoding, as UTF-8, with a byte-order mark when
the file had one or was not UTF-8 (cp1252, UTF-16), so Excel reads its accents right. The
file's permissions are kept too, and a log file that is a symbolic link stays one: the file
it points to is replaced, atomically, in its own folder
(:func:`~netcoach.atomic_files.destination`).
A log object whose files changed on disk after it was loaded (another save, an edit in a
spreadsheet) is not saved (:class:`LogChangedOnDisk`): writing it would undo those changes,
and the learner's own cells, matched to the log's rows by line, could land on the wrong rows.
A cell a spreadsheet would run as a formula (``=...``, ``+...``, ``-...``, ``@...``) is
written with a leading ``'`` (:mod:`netcoach.spreadsheet_cells`), and so is such a heading
of the learner's own columns; loading removes it again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netcoach import schema
from netcoach.atomic_files import (
    ReadOnlyFile,
    destination,
    kept_mode,
    refuse_read_only,
    temporary_name,
)
from netcoach.file_hashes import LOG_FILES, changed_files, log_file_hashes, sha256_of
from netcoach.loading import (
    MixedEncodingError,
    decode_text,
    header_and_delimiter,
    load_log,
    read_csv_header,
    read_csv_with_header,
)
from netcoach.locking import folder_lock
from netcoach.log import NetworkLog
from netcoach.spreadsheet_cells import as_text_cell, as_text_frame, from_text_frame
from netcoach.validation import (
    LogValidationError,
    Problem,
    normalise_header,
    normalise_tables,
    skipped_as_blank,
)

BACKUP_DIR = ".backup"
KEEP_BACKUPS = 20
"""How many earlier versions ``.backup/`` keeps; older ones are removed after a save."""
MANIFEST = "backup.json"
TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"


_SCHEMA_COLUMNS: dict[str, tuple[str, ...]] = {
    schema.CONTACTS_FILE: schema.CONTACT_COLUMNS,
    schema.INTERACTIONS_FILE: schema.INTERACTION_COLUMNS,
}
"""Each log file's standard columns (any other column in it is the learner's own)."""


class LogChangedOnDisk(ValueError):
    """:func:`save_log` was given a log whose files changed on disk after it was loaded;
    nothing was saved. ``files`` names them ("interactions.csv")."""

    def __init__(self, message: str, files: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.files = files


@dataclass(frozen=True)
class Undone:
    """What :func:`undo_last` put back."""

    stamp: str
    description: str
    kept: Path | None = None
    """Where the files as they were just before the undo are kept (``.backup/undone/...``)."""


class UndoRefused(ValueError):
    """:func:`undo_last` found the log changed since the last save and undid nothing (or,
    as :class:`UndoFailed`, could not put a file back); the message is for the learner."""


UNDONE_DIR = "undone"
"""Under ``.backup/``: the files as they were just before each undo, so an undo loses nothing."""


def canonical_frames(log: NetworkLog) -> dict[str, pd.DataFrame]:
    """The two tables as they are written to disk: text only, schema column order (a cell
    that would run as a formula gets its leading ``'`` only as it is written, so tables made
    from these, as the importers make them, never gain a second one)."""
    contacts = log.contacts[list(schema.CONTACT_COLUMNS)].copy()
    cadence = contacts["cadence_days"].astype("Int64")
    contacts["cadence_days"] = cadence.astype(str).where(cadence.notna(), "")
    interactions = log.interactions[list(schema.INTERACTION_COLUMNS)].copy()
    interactions["date"] = interactions["date"].dt.strftime("%Y-%m-%d")
    return {schema.CONTACTS_FILE: contacts, schema.INTERACTIONS_FILE: interactions}


@dataclass(frozen=True)
class _OwnCells:
    """The learner's own columns in one CSV (those not in the schema), as
    :func:`_own_columns` reads them."""

    names: list[str]
    """Their header cells exactly as typed ("My Rating", ``row``, even empty), in file order;
    two may be the same."""
    cells: pd.DataFrame
    """Their cells, one row per line of the file, indexed by line number as ``row`` counts
    them (the first row under the header is 2); the columns are labelled 0, 1, ... in the
    order of :attr:`names`."""
    read: np.ndarray
    """For line ``n``, ``read[n]``: whether loading reads that line as a row of the log (it
    skips a line whose schema cells are all blank)."""
    own_only: np.ndarray
    """The skipped lines that have a cell in an own column (a note typed on a line of its
    own), in file order: saving keeps them where they are."""


def _own_columns(path: Path, columns: tuple[str, ...]) -> _OwnCells | None:
    """The learner's own columns in the CSV at ``path`` (those not in the schema); None when
    there are none or it cannot be read. Only the header is read when it names no such
    column (a million-row file is not parsed again on every save for nothing)."""
    if not path.is_file():
        return None
    header = read_csv_header(path)
    if header is not None and not any(_is_own(name, columns) for name in header):
        return None
    try:
        raw, typed = read_csv_with_header(path)
    except (LogValidationError, OSError):
        return None
    picked = [i for i, name in enumerate(typed) if _is_own(name, columns)]
    if not picked:
        return None
    own = from_text_frame(raw.iloc[:, picked]).fillna("").astype(str)
    own.columns = pd.RangeIndex(len(picked))
    own.index = pd.RangeIndex(2, len(own) + 2)
    skipped = skipped_as_blank(raw, columns)
    where = np.flatnonzero(skipped)  # of these, the lines with an own cell typed in
    filled = np.zeros(len(where), dtype=bool)
    for c in own.columns:
        filled |= (own[c].iloc[where].str.strip() != "").to_numpy(dtype=bool)
    read = np.concatenate([[False, False], ~skipped])
    return _OwnCells([typed[i] for i in picked], own, read, where[filled] + 2)


def _is_own(name: str, columns: tuple[str, ...]) -> bool:
    """Whether a header cell heads one of the learner's own columns: any that loading does
    not read as a column of ``columns``, ``row`` and one left without a name included (a
    column with no name and nothing in it, as a spreadsheet may add, is not written back)."""
    return normalise_header(name) not in columns


def with_own_columns(
    frames: dict[str, pd.DataFrame], log: NetworkLog, source: Path | None
) -> dict[str, pd.DataFrame]:
    """``frames`` (from :func:`canonical_frames`) with the columns the learner added to the
    files in ``source`` put back after the standard ones, in their order, under the header
    as typed (one named ``row``, or with no name but something under it, too): each row gets
    its own cells (matched by ``row``), a new row blank ones. A line with cells only in those
    columns (which loading skips as blank) is kept too, after the row it followed."""
    return _with_own_cells(frames, log, source)[0]


def _with_own_cells(
    frames: dict[str, pd.DataFrame], log: NetworkLog, source: Path | None
) -> tuple[dict[str, pd.DataFrame], dict[str, np.ndarray]]:
    """:func:`with_own_columns`, and the line each row of the log is written on (2 for the
    first row under the header; later when lines with only own cells come before it)."""
    out = dict(frames)
    lines = {name: np.arange(2, len(frame) + 2, dtype="int64") for name, frame in frames.items()}
    if source is None:
        return out, lines
    tables = {schema.CONTACTS_FILE: log.contacts, schema.INTERACTIONS_FILE: log.interactions}
    for name, frame in frames.items():
        own = _own_columns(source / name, _SCHEMA_COLUMNS[name])
        if own is None:
            continue
        rows = tables[name]["row"].to_numpy(dtype="int64")
        # A row numbered like a line loading skipped is not from that line: it is new (an
        # added row is numbered after the last row read, which a skipped line may follow).
        inside = (rows >= 0) & (rows < len(own.read))
        from_file = inside & own.read[np.where(inside, rows, 0)]
        frame = frame.copy()
        for c in own.cells.columns:  # labelled 0, 1, ...: never a schema column's name
            values = own.cells[c].reindex(rows).fillna("").to_numpy()
            if not from_file.all():
                values = np.where(from_file, values, "")
            frame[c] = values
        if len(own.own_only):
            frame, lines[name] = _with_own_only_lines(frame, rows, from_file, own)
        out[name] = _under_typed_header(frame, own)
    return out, lines


def _under_typed_header(frame: pd.DataFrame, own: _OwnCells) -> pd.DataFrame:
    """``frame`` with its own columns headed as the learner typed them, without those that
    have neither a name nor anything in them (so a second save writes the same file)."""
    keep = [
        c
        for c in own.cells.columns
        if own.names[c].strip() or (frame[c].astype(str).str.strip() != "").any()
    ]
    standard = list(frame.columns[: frame.shape[1] - len(own.names)])
    if len(keep) < len(own.names):
        frame = frame[[*standard, *keep]]
    frame.columns = [*standard, *(own.names[c] for c in keep)]  # (names may repeat)
    return frame


def _with_own_only_lines(
    frame: pd.DataFrame, rows: np.ndarray, from_file: np.ndarray, own: _OwnCells
) -> tuple[pd.DataFrame, np.ndarray]:
    """``frame`` with the lines that hold only own cells put back, each after the row that
    came before it in the file (the nearest earlier one still in the log; first when there
    is none), and the line each row of ``frame`` now has."""
    n, lines = len(frame), own.own_only
    earlier = np.flatnonzero(from_file)
    earlier = earlier[np.argsort(rows[earlier], kind="stable")]  # by line in the file
    k = np.searchsorted(rows[earlier], lines) - 1  # the last row read above each line
    after = earlier[k] if len(earlier) else np.full(len(lines), -1)
    after = np.where(k >= 0, after, -1)
    # (each column of the frame's own type: text in an object column is slow to write)
    cells = {c: own.cells[c].loc[lines].tolist() for c in own.cells.columns}
    kept = pd.DataFrame(
        {c: pd.array(cells.get(c, [""] * len(lines)), dtype=frame[c].dtype) for c in frame.columns}
    )
    everything = pd.concat([frame.reset_index(drop=True), kept], ignore_index=True)
    # sorted by the row a line goes after (log order), rows before the kept lines, then line
    order = np.lexsort(
        (
            np.concatenate([np.zeros(n, dtype="int64"), lines]),
            np.concatenate([np.zeros(n, dtype="int64"), np.ones(len(lines), dtype="int64")]),
            np.concatenate([np.arange(n, dtype="int64"), after]),
        )
    )
    line_of = np.empty(len(order), dtype="int64")
    line_of[order] = np.arange(2, len(order) + 2, dtype="int64")
    return everything.iloc[order].reset_index(drop=True), line_of[:n]


def keep_row_numbers(merged: NetworkLog, log: NetworkLog) -> None:
    """Give ``merged`` (``log`` with rows added, as the importers merge) the line numbers of
    ``log``'s rows, wherever the merge put them, so :func:`save_log` keeps the learner's own
    columns with their rows; an added row gets a new number (blank own cells). A contact is
    matched by its ``contact_id`` (an import may fill in its blank details), an interaction
    by all its cells (an import never changes one; identical ones in turn)."""
    tables = (
        (merged.contacts, log.contacts, ["contact_id"]),
        (merged.interactions, log.interactions, list(schema.INTERACTION_COLUMNS)),
    )
    for new, old, identity in tables:
        n = len(old)
        first = new[identity].iloc[:n].reset_index(drop=True)
        if len(new) >= n and first.equals(old[identity].reset_index(drop=True)):
            at = np.arange(len(new), dtype="int64")  # the usual case: the log's rows first
            at[n:] = -1
        else:
            at = _numbered(old, identity).get_indexer(_numbered(new, identity))
        added = at < 0
        rows = old["row"].to_numpy(dtype="int64")[np.where(added, 0, at)] if n else at.copy()
        start = next_row(old)
        rows[added] = np.arange(start, start + int(added.sum()), dtype="int64")
        new["row"] = rows


def _numbered(table: pd.DataFrame, identity: list[str]) -> pd.MultiIndex:
    """Each row of ``table`` as its ``identity`` cells and how many rows before it have the
    same ones (0 for the first), which tells identical rows apart in turn."""
    keys = table[identity].reset_index(drop=True)
    turn = keys.groupby(identity, sort=False, dropna=False).cumcount()
    return pd.MultiIndex.from_frame(keys.assign(**{" turn": turn}))


def csv_bytes(frame: pd.DataFrame, sep: str = ",", line_end: str = "\n") -> bytes:
    """A text-only table as UTF-8 CSV: ``sep`` between cells (commas unless told), ``line_end``
    after each row (``\n`` unless told; a line break inside a cell stays as it is), quotes
    only where needed.

    Built with Arrow compute kernels (a column is quoted only when one of its values holds
    the separator, a quote or a line break), several times faster than ``DataFrame.to_csv``
    on a million rows, with the same output except that a bare carriage return is also quoted.
    """
    large = pa.large_string()
    quote, empty = pa.scalar('"', large), pa.scalar("", large)
    special = '["\r\n' + re.escape(sep) + "]"
    cells = []
    for i in range(frame.shape[1]):  # by position: two own columns may share a header
        values = pa.array(frame.iloc[:, i].astype(str), type=large)
        needs_quotes = pc.match_substring_regex(values, special)
        if pc.any(needs_quotes).as_py():
            escaped = pc.replace_substring(values, '"', '""')
            quoted = pc.binary_join_element_wise(quote, escaped, quote, empty)
            values = pc.if_else(needs_quotes, quoted, values)
        cells.append(values)
    header = sep.join(_header_cell(str(c), sep) for c in frame.columns) + line_end
    header = header.encode("utf-8")
    if not len(frame):
        return header
    lines = pc.binary_join_element_wise(*cells, pa.scalar(sep, large))
    lines = pc.binary_join_element_wise(lines, empty, pa.scalar(line_end, large))
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    # The data buffer of a string array is every value back to back: the file body.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return header + lines.buffers()[2].to_pybytes()[start:end]


def _header_cell(name: str, sep: str = ",") -> str:
    """A header cell as written: with a leading ``'`` when a spreadsheet would run it as a
    formula (``=Rating``: :func:`~netcoach.spreadsheet_cells.as_text_cell`, as for the cells;
    loading removes it), and quoted when it holds a quote, a line break, the file's separator
    ``sep`` or one loading could take for it (``,``, ``;``, tab), as only a learner's own
    header can (the schema's never need either)."""
    name = as_text_cell(name)
    if any(char in name for char in '",;\t\r\n' + sep):
        return '"' + name.replace('"', '""') + '"'
    return name


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(folder: Path, name: str, data: bytes, like: Path | None = None) -> Path:
    """Write ``data`` to a temporary file next to ``name``, flushed to disk, with the
    permissions of the file ``like`` (the one it is to replace), or when there is none the
    ones a new file gets (``mkstemp`` alone would make it readable by its owner only)."""
    fd, tmp = tempfile.mkstemp(**temporary_name(folder / name))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name != "nt":  # (Windows keeps no such bits: only "read-only")
            os.chmod(tmp, mode_for(like))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


NEW_FILE_MODE = 0o600
"""A new log file can be read by its owner only: it names people (on a shared server,
other users could read a file with the usual 0o644)."""


def mode_for(like: Path | None) -> int:
    """The permission bits of ``like`` (the learner's choice is kept), else
    :data:`NEW_FILE_MODE` when it is None or not there. Every file that names people uses
    it: the log, and the HTML report and reminders made from it."""
    return kept_mode(like, NEW_FILE_MODE)


@dataclass(frozen=True)
class _FileStyle:
    """How a log file on disk is laid out, which saving keeps: the separator between
    columns, the line ending, whether it starts with a byte-order mark, whether it has
    Excel's ``sep=`` first line."""

    sep: str = ","
    line_end: str = "\n"
    bom: bool = False
    sep_line: bool = False

    def encode(self, frame: pd.DataFrame) -> bytes:
        """``frame`` (text cells) as the bytes of a file in this style."""
        head = (b"\xef\xbb\xbf" if self.bom else b"") + (
            f"sep={self.sep}{self.line_end}".encode() if self.sep_line else b""
        )
        return head + csv_bytes(frame, self.sep, self.line_end)


def _file_style(path: Path) -> _FileStyle | None:
    """The style of the CSV at ``path``, told as loading tells it (:func:`decode_text`, the
    header's delimiter); None when there is no such file or it cannot be read.

    A file saved as anything but plain UTF-8 (with a byte-order mark, as UTF-16, cp1252) is
    written as UTF-8 with a byte-order mark, which Excel on Windows reads right (without
    one, it shows José as JosÃ©); a plain UTF-8 file stays plain UTF-8."""
    try:
        text, encoding = decode_text(path.read_bytes())
    except (OSError, UnicodeDecodeError, MixedEncodingError):
        return None
    if not text.strip():
        return None
    if "\n" not in text and "\r" in text:  # old Mac line ends, which loading reads so too
        text = text.replace("\r", "\n")  # (and saving writes as \n)
    rest, _, sep, _ = header_and_delimiter(text)
    end = rest.find("\n")
    crlf = end > 0 and rest[end - 1] == "\r"
    return _FileStyle(sep or ",", "\r\n" if crlf else "\n", encoding != "utf-8", rest is not text)


def _styles(folder: Path) -> dict[str, _FileStyle]:
    """The style each log file in ``folder`` is written in: its own; for a file not there
    yet, the other one's (a log kept with semicolons gets a new file with semicolons)."""
    found = {name: _file_style(folder / name) for name in LOG_FILES}
    other = next((style for style in found.values() if style is not None), _FileStyle())
    return {name: style or other for name, style in found.items()}


def _new_stamp(backups: Path, stamp: str | None) -> str:
    base = stamp or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    candidate, n = base, 1
    while (backups / candidate).exists():
        n += 1
        candidate = f"{base}-{n:03d}"
    return candidate


def _backup(
    folder: Path,
    stamp: str | None,
    description: str,
    written: dict[str, str | None] | None = None,
    backups: Path | None = None,
) -> Path:
    """Copy the current log files into a new ``.backup/<stamp>/`` folder.

    ``written`` is the sha256 of each file as the save about to happen writes it (None for a
    file it leaves alone): :func:`undo_last` compares it with the files it finds, so it never
    throws away changes made after the save.
    """
    backups = backups or folder / BACKUP_DIR
    backups.mkdir(mode=BACKUP_DIR_MODE, parents=True, exist_ok=True)
    target = backups / _new_stamp(backups, stamp)
    target.mkdir(mode=BACKUP_DIR_MODE)
    try:
        present = {}
        for name in LOG_FILES:
            source = folder / name
            present[name] = source.is_file()
            if present[name]:
                shutil.copy2(source, target / name)
        manifest: dict[str, Any] = {"description": description, "files": present}
        if written is not None:
            manifest["written"] = written
        _write_private(target / MANIFEST, json.dumps(manifest, indent=1))
        _fsync_dir(target)
    except BaseException:  # (a full disk, say): no half-made backup is left to undo
        _discard(target)
        raise
    return target


BACKUP_DIR_MODE = 0o700
"""Backup folders can be opened by their owner only: they hold copies of the log, and
their manifests describe each save in words that name people ("adding Amara Osei")."""


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to a new file that only its owner can read (:data:`NEW_FILE_MODE`)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _discard(backup: Path) -> None:
    """Remove a backup that is not needed (the change it was made for did not happen), and
    the folders above it up to ``.backup`` when that leaves them empty."""
    shutil.rmtree(backup, ignore_errors=True)
    parent = backup.parent
    with contextlib.suppress(OSError):  # not empty: other backups are kept there
        if parent.name == UNDONE_DIR and parent.parent.name == BACKUP_DIR:
            parent.rmdir()
            parent = parent.parent
        if parent.name == BACKUP_DIR:
            parent.rmdir()


def _list_backups(folder: Path) -> list[Path]:
    backups = folder / BACKUP_DIR
    if not backups.is_dir():
        return []
    return sorted(p for p in backups.iterdir() if (p / MANIFEST).is_file())


def _prune(folder: Path, keep: int) -> None:
    for old in _list_backups(folder)[:-keep]:
        shutil.rmtree(old, ignore_errors=True)


def _backed_up(backup: Path, name: str) -> bytes | None:
    """The bytes of ``name`` as ``backup`` holds them; None when it was not there then."""
    present = json.loads((backup / MANIFEST).read_text(encoding="utf-8"))["files"]
    return (backup / name).read_bytes() if present.get(name) else None


def _put_in_place(folder: Path, name: str, data: bytes | None) -> None:
    """Make ``folder / name`` hold ``data`` (remove it for None), atomically, keeping its
    permissions (through a symbolic link: :func:`~netcoach.atomic_files.destination`); if
    that fails, the file is as it was and no temporary file is left."""
    dest = destination(folder / name)
    refuse_read_only(dest)
    if data is None:  # (through a link, the file it points to: the link stays as it was)
        dest.unlink(missing_ok=True)
        return
    tmp = _write_temp(dest.parent, dest.name, data, like=dest)
    try:
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if dest.parent != folder:
        _fsync_dir(dest.parent)


def _restore(folder: Path, backup: Path, names: list[str]) -> None:
    """Put ``names`` back as ``backup`` holds them, atomically file by file."""
    for name in names:
        _put_in_place(folder, name, _backed_up(backup, name))
    _fsync_dir(folder)


class PartlySaved(OSError):
    """A save failed after replacing some of the files, and putting those back failed too:
    the folder holds part of the new log; the backup named in the message holds the old."""


def _replace_all(folder: Path, temps: dict[str, tuple[Path, Path]], backup: Path) -> None:
    """Move every temporary file into place; on failure put back only the files already
    replaced (a file never replaced, perhaps the very one that could not be, is left
    alone) and remove the backup, so the folder is exactly as it was."""
    replaced: list[str] = []
    try:
        for name, (tmp, dest) in temps.items():
            os.replace(tmp, dest)
            replaced.append(name)
        for where in {folder, *(dest.parent for _, dest in temps.values())}:
            _fsync_dir(where)
    except BaseException as err:
        try:
            _restore(folder, backup, replaced[::-1])
        except OSError as worse:  # the backup stays: it is the only copy of the old files
            raise PartlySaved(
                f"Saving stopped halfway: {' and '.join(replaced)} in {folder} was saved, but "
                f"{_failed_name(err, temps, replaced)} could not be ({_why(err)}), and putting "
                f"{' and '.join(replaced)} back failed too ({_why(worse)}). The log as it "
                f"was before this save is in {backup}: copy its files back into {folder} by "
                "hand."
            ) from err
        _discard(backup)  # nothing changed: nothing to undo
        raise


def _failed_name(err: BaseException, names: Any, replaced: list[str]) -> str:
    """The log file that could not be replaced: the first of ``names`` not yet
    ``replaced`` (through a link, the error names the file it points to), else the one the
    error names (:func:`log_file_named`)."""
    waiting = [name for name in names if name not in replaced]
    return waiting[0] if waiting else log_file_named(err) or "a file"


def log_file_named(err: BaseException) -> str | None:
    """The log file (``contacts.csv``, ``interactions.csv``) a file-system error names, as
    itself or as the temporary file a save writes for it (``.contacts.csv.x1y2z3.tmp``,
    which :func:`os.replace` names first); None when it names neither."""
    for filename in (getattr(err, "filename", None), getattr(err, "filename2", None)):
        name = Path(str(filename or "")).name
        for log_file in LOG_FILES:
            if name == log_file or (name.startswith(f".{log_file}.") and name.endswith(".tmp")):
                return log_file
    return None


def _why(err: BaseException) -> str:
    """An error's reason in a few words (``strerror`` without the file name)."""
    return str(getattr(err, "strerror", None) or err)


def _write_files(
    folder: Path,
    frames: dict[str, pd.DataFrame],
    stamp: str | None,
    description: str,
    current: dict[str, str | None],
) -> dict[str, str | None]:
    """Write the tables to temporary files, back up the current ones (whose sha256 are
    ``current``), swap the new ones in; return the sha256 of each log file as it now is.

    Cells a spreadsheet would run as formulas are written as text (a leading ``'``).
    """
    temps: dict[str, tuple[Path, Path]] = {}  # each file's temporary file and destination
    written = dict(current)
    styles = _styles(folder)
    try:
        for name, frame in frames.items():
            data = styles[name].encode(as_text_frame(frame))
            written[name] = sha256_of(data)
            if written[name] != current.get(name):  # (a file left as it is can be open in Excel)
                dest = destination(folder / name)
                refuse_read_only(dest)
                temps[name] = (_write_temp(dest.parent, dest.name, data, like=dest), dest)
        if not temps:  # nothing would change: no backup, so no undo step that does nothing
            return written
        backup = _backup(folder, stamp, description, written)
        _replace_all(folder, temps, backup)
    finally:
        for tmp, _ in temps.values():
            tmp.unlink(missing_ok=True)
    return written


def save_log(
    log: NetworkLog,
    folder: str | Path | None = None,
    *,
    stamp: str | None = None,
    description: str = "save",
    keep_backups: int = KEEP_BACKUPS,
) -> NetworkLog:
    """Write ``log`` to ``folder`` (default: the folder it was loaded from), atomically.

    The previous files are kept in ``<folder>/.backup/<stamp>/`` (``stamp`` defaults to the
    current UTC time). The log is validated first; nothing is written if it is invalid.
    Returns the log as saved (rows renumbered as in the new files). The write holds the
    folder's lock; to keep rows another program adds meanwhile, read the log inside
    :func:`folder_lock` too, as :func:`add_contact` does. A log loaded from a folder whose
    files changed since (another save, an edit in a spreadsheet) raises
    :class:`LogChangedOnDisk` and nothing is written; the log returned can be saved again.
    """
    target = Path(folder) if folder is not None else log.folder
    if target is None:
        raise ValueError("save_log needs a folder: this log was not loaded from one")
    target.mkdir(parents=True, exist_ok=True)
    contacts, interactions = normalise_tables(
        log.contacts, log.interactions, day_first=log.folder_settings.day_first
    )
    saved = NetworkLog(contacts, interactions, folder=target, folder_settings=log.folder_settings)
    with folder_lock(target):
        current = log_file_hashes(target)  # read once: for the check and the backup
        _refuse_if_changed(log, target, current)
        frames, lines = _with_own_cells(canonical_frames(saved), saved, log.folder)
        saved.file_hashes = _write_files(target, frames, stamp, description, current)
        _prune(target, keep_backups)
    saved.contacts["row"] = lines[schema.CONTACTS_FILE]
    saved.interactions["row"] = lines[schema.INTERACTIONS_FILE]
    return saved


def _refuse_if_changed(log: NetworkLog, target: Path, target_hashes: dict[str, str | None]) -> None:
    """Raise :class:`LogChangedOnDisk` when the files ``log`` was loaded from are no longer
    as it read them (a log made in code, with no :attr:`~NetworkLog.file_hashes`, passes).
    ``target_hashes`` are those of the folder being saved to, read already."""
    if log.folder is None or log.file_hashes is None:
        return
    same = Path(log.folder) == target
    now = target_hashes if same else log_file_hashes(log.folder)
    changed = changed_files(now, log.file_hashes)
    if changed:
        names = " and ".join(changed)
        raise LogChangedOnDisk(
            f"{names} in {log.folder} changed after this log was loaded (another save, or an "
            f"edit in a spreadsheet), so saving it would undo that change. Load the log again "
            "(after a save, use the log save_log returned) and make your change again. "
            "Nothing was saved.",
            tuple(changed),
        )


def _new_row(fields: dict[str, Any], columns: tuple[str, ...], row: int) -> pd.DataFrame:
    unknown = sorted(set(fields) - set(columns))
    if unknown:
        raise TypeError(f"unknown column(s) {unknown}; the columns are {list(columns)}")
    values = {c: ["" if fields.get(c) is None else fields.get(c)] for c in columns}
    frame = pd.DataFrame(values, dtype=object)
    frame["row"] = pd.Series([row], dtype="int64")
    return frame


def next_row(table: pd.DataFrame, path: Path | None = None) -> int:
    """The row a row added to ``table`` gets in its CSV (the header is row 1). Given the CSV
    it was loaded from (``path``), after any line of the learner's own notes that follows
    the last row (saving keeps such a line where it is, so the new row comes after it)."""
    row = int(table["row"].max()) + 1 if len(table) else 2
    if path is None or path.name not in _SCHEMA_COLUMNS:
        return row
    own = _own_columns(path, _SCHEMA_COLUMNS[path.name])
    if own is None or not len(own.own_only):
        return row
    return max(row, int(own.own_only.max()) + 1)


def _load_or_new(folder: Path) -> NetworkLog:
    """The log in ``folder``; a new empty one when the folder has no contacts.csv yet."""
    if folder.is_dir() and not (folder / schema.CONTACTS_FILE).exists():
        raise LogValidationError(
            [
                Problem(
                    schema.CONTACTS_FILE,
                    None,
                    None,
                    f"the file is missing from {folder}; create the log first (create_log)",
                )
            ]
        )
    return load_log(folder)


def add_contact(folder: str | Path, *, stamp: str | None = None, **fields: Any) -> NetworkLog:
    """Add one contact to the log in ``folder`` and save; returns the new log.

    The new row is checked together with the existing log (same messages as loading). If it
    is invalid, :class:`LogValidationError` is raised and nothing on disk changes. The new
    contact is ``log.contacts.iloc[-1]``.
    """
    folder = Path(folder)
    with folder_lock(folder):
        log = _load_or_new(folder)
        row = next_row(log.contacts, folder / schema.CONTACTS_FILE)
        new = _new_row(fields, schema.CONTACT_COLUMNS, row)
        contacts = log.contacts.astype({"cadence_days": object})
        contacts, _ = normalise_tables(
            pd.concat([contacts, new], ignore_index=True), pd.DataFrame()
        )
        updated = replace(log, contacts=contacts, folder=folder)  # as loaded, one row more
        added = contacts.iloc[-1]
        description = f"adding {added['name']} ({added['contact_id']}) to contacts.csv"
        return save_log(updated, stamp=stamp, description=description)


def add_interaction(
    folder: str | Path,
    *,
    stamp: str | None = None,
    description: str | None = None,
    **fields: Any,
) -> NetworkLog:
    """Add one interaction to the log in ``folder`` and save; returns the new log.

    Checked like a loaded row (its ``contact_id`` must be in ``contacts.csv``); if invalid,
    :class:`LogValidationError` is raised and nothing on disk changes. The new interaction
    is ``log.interactions.iloc[-1]``. ``description`` is what :func:`undo_last` (and its
    refusal) will say the save did; by default it names the entry by its codes ("adding
    check_in with c003 on 2025-09-01 to interactions.csv"), and the log form passes the
    words of its own save message.
    """
    folder = Path(folder)
    with folder_lock(folder):
        log = _load_or_new(folder)
        row = next_row(log.interactions, folder / schema.INTERACTIONS_FILE)
        new = _new_row(fields, schema.INTERACTION_COLUMNS, row)
        _, new_norm = normalise_tables(log.contacts, new, day_first=log.folder_settings.day_first)
        interactions = pd.concat([log.interactions, new_norm], ignore_index=True)
        updated = replace(log, interactions=interactions, folder=folder)
        added = new_norm.iloc[0]
        description = description or (
            f"adding {added['kind']} with {added['contact_id']} on {added['date']:%Y-%m-%d} "
            "to interactions.csv"
        )
        return save_log(updated, stamp=stamp, description=description)


def undo_last(folder: str | Path) -> Undone | None:
    """Restore the log as it was before the last save; None when there is nothing to undo.

    The backup used is removed, so calling it again steps further back. If either file was
    changed after that save (typed in a spreadsheet, say), nothing is undone and
    :class:`UndoRefused` says which file changed and what to do. Before restoring, the files
    as they are now are kept in ``.backup/undone/<stamp>/``, so an undo never loses data
    (backups made before saves recorded what they wrote are restored the same way).
    """
    folder = Path(folder)
    if not _list_backups(folder):  # (checked again under the lock; this way a folder with
        return None  # nothing to undo, perhaps no log at all, gets no lock file either)
    with folder_lock(folder):
        backups = _list_backups(folder)
        if not backups:
            return None
        latest = backups[-1]
        manifest = json.loads((latest / MANIFEST).read_text(encoding="utf-8"))
        description = manifest["description"]
        written = manifest.get("written")
        if written is not None:
            changed = changed_files(log_file_hashes(folder), written)
            if changed:
                raise UndoRefused(_refusal(folder, latest, description, changed))
        kept = _backup(
            folder,
            latest.name,
            f"the files just before undoing {description}",
            backups=folder / BACKUP_DIR / UNDONE_DIR,
        )
        _restore_all_or_none(folder, latest, kept)
        shutil.rmtree(latest)
        _prune_undone(folder)
    return Undone(stamp=latest.name, description=description, kept=kept)


class UndoFailed(UndoRefused):
    """:func:`undo_last` could not put a file back (open in another program, say); the files
    it had already put back were returned, so nothing was undone (unless the message says
    otherwise) and the same undo can be tried again."""


def _restore_all_or_none(folder: Path, backup: Path, kept: Path) -> None:
    """Put back the files as ``backup`` holds them, all or none: when one cannot be put
    back, those already put back are returned to their state in ``kept`` (the files just
    before the undo), ``kept`` is removed and :class:`UndoFailed` says why. A file that
    already matches the backup is left alone (so it may be open in a spreadsheet)."""
    now = log_file_hashes(folder)
    wanted = {name: _backed_up(backup, name) for name in LOG_FILES}
    restored: list[str] = []
    failed = ""
    try:
        for name, data in wanted.items():
            if (None if data is None else sha256_of(data)) == now.get(name):
                continue
            failed = name
            _put_in_place(folder, name, data)
            restored.append(name)
        _fsync_dir(folder)
    except BaseException as err:
        try:
            _restore(folder, kept, restored[::-1])
        except OSError as worse:
            raise UndoFailed(
                f"The log is only partly undone: {' and '.join(restored)} in {folder} was put "
                f"back, but {failed} could not be ({_why(err)}), and returning "
                f"{' and '.join(restored)} to how it was failed too ({_why(worse)}). The "
                f"files as they were just before Undo are in {kept}; the files as they were "
                f"before {_description_of(backup)} are in {backup}. Copy one set back into "
                f"{folder} by hand."
            ) from err
        _discard(kept)
        if not isinstance(err, OSError):
            raise
        raise UndoFailed(_undo_failure(folder, failed, err)) from err


def _description_of(backup: Path) -> str:
    """What the save that made ``backup`` did, as its manifest says."""
    return json.loads((backup / MANIFEST).read_text(encoding="utf-8"))["description"]


def _undo_failure(folder: Path, name: str, err: OSError) -> str:
    why = blocked_reason(err, folder, "try Undo again")
    return f"Nothing was undone: {name} in {folder} could not be put back: {why}."


def blocked_reason(err: OSError, folder: Path, retry: str) -> str:
    """Why a log file in ``folder`` could not be replaced, or nothing could be written there
    (its lock file, a backup, a full disk), and what to do (``retry``, such as "try Undo
    again"): refused permission for a log file most often means it is open in another
    program (Excel on Windows holds the files it has open)."""
    if isinstance(err, ReadOnlyFile):
        return (
            f"{Path(err.filename).name} is marked read-only. Make it writable again (in its "
            f"Properties or with chmod u+w) and {retry}"
        )
    if err.errno == errno.ENOSPC:
        return f"the disk is full. Make some room on it, then {retry}"
    if isinstance(err, PermissionError) and log_file_named(err):
        return (
            f"it is open in another program (Excel, say), or you may not change files in "
            f"{folder}. Close it there and {retry}"
        )
    if isinstance(err, PermissionError):  # (the folder itself, its lock file, its backups)
        return (
            f"you may not change files in {folder}. Check that folder's permissions, or copy "
            f"your log to a folder of your own, then {retry}"
        )
    return f"{_why(err)}. {retry[:1].upper()}{retry[1:]} once that is put right"


def _refusal(folder: Path, backup: Path, description: str, changed: list[str]) -> str:
    files = " and ".join(changed)
    verb = "has" if len(changed) == 1 else "have"
    return (
        f"Nothing was undone: {files} {verb} changed since the last save ({description}), "
        "perhaps edited by hand or in a spreadsheet, and undoing would throw those edits "
        "away. To keep your edits, do nothing. To undo anyway, copy the files you want back "
        f"by hand from {backup} into {folder} (that folder holds the log as it was before "
        "that save)."
    )


def _prune_undone(folder: Path, keep: int = KEEP_BACKUPS) -> None:
    undone = folder / BACKUP_DIR / UNDONE_DIR
    if undone.is_dir():
        kept = sorted(p for p in undone.iterdir() if p.is_dir())
        for old in kept[:-keep]:
            shutil.rmtree(old, ignore_errors=True)


def create_log(folder: str | Path) -> Path:
    """Make a new, empty log in ``folder`` from the templates; refuses to overwrite a log."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):
        _write_new_log(folder)
    return folder


def _write_new_log(folder: Path) -> None:
    """Write the template files into ``folder``, refusing if any log file is already there;
    all of them or none (a file that cannot be written takes those before it away too)."""
    existing = [n for n in (*LOG_FILES, schema.SETTINGS_FILE) if (folder / n).exists()]
    if existing:
        raise FileExistsError(
            f"{folder} already holds {', '.join(existing)}; Network Coach will not overwrite a log"
        )
    headers = {
        schema.CONTACTS_FILE: ",".join(schema.CONTACT_COLUMNS) + "\n",
        schema.INTERACTIONS_FILE: ",".join(schema.INTERACTION_COLUMNS) + "\n",
    }
    settings = TEMPLATES / schema.SETTINGS_FILE
    files = {
        name: template.read_bytes() if template.is_file() else header.encode("utf-8")
        for name, header in headers.items()
        for template in [TEMPLATES / name]
    }
    if settings.is_file():
        files[schema.SETTINGS_FILE] = settings.read_bytes()
    written: list[str] = []
    try:
        for name, data in files.items():
            _put_in_place(folder, name, data)  # (no temporary file is left if this fails)
            written.append(name)
    except BaseException:
        for name in written:
            (folder / name).unlink(missing_ok=True)
        raise
