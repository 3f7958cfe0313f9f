"""Files to import, as bytes with a name, and reading them as text or as a table.

Everything an importer reads is a :class:`SourceFile`: a file from disk, a member of a
LinkedIn zip, or an upload from the widget panel. CSV exports are read by the loader's
:func:`netcoach.loading.read_csv_text` (encoding and delimiter detection), after any
preamble above the real header (LinkedIn's "Notes:" lines) has been cut off. Nothing is
written to disk: the bytes are read in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from netcoach.loading import (
    MAX_FILE_BYTES,
    MixedEncodingError,
    pick_delimiter,  # the loader's own choice
    read_csv_bytes,
)
from netcoach.loading import decode_text as decode_bytes
from netcoach.validation import LogValidationError, Problem, normalise_header


def too_large(size: int) -> str:
    """Why a file of ``size`` bytes is refused, with the limit."""
    return (
        f"the file is {size / 1_000_000:,.0f} MB, more than the "
        f"{MAX_FILE_BYTES // 1_000_000} MB Network Coach can import; export less (fewer "
        "years, or one part of your data at a time)"
    )


def is_empty(data: bytes) -> bool:
    """Whether a file holds nothing but spaces, line ends and a byte-order mark."""
    return not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe")


@dataclass(frozen=True)
class SourceFile:
    """One file to import: the name shown in messages, and its bytes."""

    name: str
    data: bytes

    @classmethod
    def from_path(cls, path: str | Path) -> SourceFile:
        """Read a file from disk (refusing one larger than the loader's limit)."""
        path = Path(path)
        if not path.is_file():
            raise LogValidationError([Problem(str(path), None, None, "there is no such file")])
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise LogValidationError([Problem(path.name, None, None, too_large(size))])
            return cls(path.name, path.read_bytes())
        except OSError as err:  # no permission, a file another program holds locked ...
            why = err.strerror or type(err).__name__
            raise LogValidationError(
                [Problem(str(path), None, None, f"this file cannot be read ({why})")]
            ) from None

    @property
    def basename(self) -> str:
        """The file name without any folder (or zip) part."""
        return self.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def decode_text(source: SourceFile, *, sniff: bool = False) -> str:
    """The file's text, whatever encoding it was saved in (UTF-8, BOM, UTF-16, cp1252).

    Raises :class:`LogValidationError` for bytes no encoding explains (broken UTF-16);
    with ``sniff`` (a first look at part of a file) it reads them as Latin-1 instead.
    """
    try:
        text, _ = decode_bytes(source.data)
    except MixedEncodingError as err:
        if not sniff:  # (a first look may cut a character in two: read it as Latin-1)
            raise LogValidationError([Problem(source.name, err.line, None, err.advice)]) from None
        text = source.data.decode("latin-1")
    except UnicodeDecodeError:
        if not sniff:
            raise LogValidationError(
                [
                    Problem(
                        source.name,
                        None,
                        None,
                        "the file's text encoding cannot be read (it looks like broken "
                        "UTF-16); open it and save it again as UTF-8",
                    )
                ]
            ) from None
        text = source.data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def header_index(lines: list[str], markers: Iterable[str], limit: int = 40) -> int | None:
    """Index of the first line that holds one of the ``markers`` (header names), else None.

    Each line is split on the delimiter the log loader would pick for it (a comma,
    semicolon or tab, whichever it holds most of outside quotes), so an export a spreadsheet
    saved again with semicolons or tabs is found like the one with commas.
    """
    wanted = {normalise_header(m) for m in markers}
    for i, line in enumerate(lines[:limit]):
        cells = next(csv.reader([line], delimiter=pick_delimiter(line) or ","), [])
        if {normalise_header(c.strip().strip('"')) for c in cells} & wanted:
            return i
    return None


def read_table(source: SourceFile, markers: Iterable[str] = ()) -> pd.DataFrame:
    """A CSV export as text columns (headers normalised), with a ``row`` column.

    ``row`` is the row a spreadsheet would show (the file's first line is row 1), so rows
    below a preamble keep their place in messages. Raises :class:`LogValidationError`.
    """
    text = decode_text(source)
    lines = text.split("\n")
    skip = header_index(lines, markers) or 0
    body = "\n".join(lines[skip:]).encode("utf-8") if skip else source.data
    try:
        frame = read_csv_bytes(body, source.basename or "import.csv")
    except LogValidationError as err:
        raise LogValidationError(
            [
                Problem(source.name, None if p.row is None else p.row + skip, p.column, p.message)
                for p in err.problems
            ]
        ) from None
    frame = frame.reset_index(drop=True)
    frame["row"] = range(skip + 2, skip + 2 + len(frame))
    blank = (frame.drop(columns="row") == "").all(axis=1)
    return frame[~blank].reset_index(drop=True)


def column(frame: pd.DataFrame, *names: str) -> pd.Series:
    """The first of ``names`` (matched by name, any case) present in ``frame``; else blanks."""
    for name in names:
        key = normalise_header(name)
        if key in frame.columns:
            return frame[key].astype(str).str.strip()
    return pd.Series("", index=frame.index, dtype=object)
