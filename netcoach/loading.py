"""Read a network-log folder from disk into a validated :class:`~netcoach.log.NetworkLog`.

Loading accepts what spreadsheets really save: UTF-8 with or without a byte-order mark,
Excel's "Unicode text" (UTF-16), Windows' older cp1252 encoding, and commas, semicolons or
tabs between columns. Every problem in both files is reported together in one
:class:`~netcoach.validation.LogValidationError`. Loading never writes anything.

Speed: the file is parsed by pandas' pyarrow engine (fast), and only when that fails, or the
file has blank lines (which pyarrow would skip, shifting row numbers) or an odd number of
quote characters, by the C engine, which reports the line of a quoting error.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

import pandas as pd

from netcoach import schema
from netcoach.file_hashes import log_file_hashes
from netcoach.locking import reading_lock
from netcoach.log import NetworkLog
from netcoach.settings import FolderSettings, read_folder_settings
from netcoach.spreadsheet_cells import from_text_cell, from_text_frame
from netcoach.validation import (
    LogValidationError,
    Problem,
    collect_problems,
    normalise_header,
)

MAX_FILE_BYTES = 250_000_000
"""Files larger than this (250 MB, as the message counts them: a million bytes a MB) are
refused with a clear message."""

DELIMITERS: tuple[str, ...] = (",", ";", "\t")
_EXCEL_SEP_LINE = re.compile(r'^"?sep=([,;\t|])"?,*$')
_BLANK_LINE = re.compile(rb"\n\r?\n")  # one scan instead of two ``in`` tests (a 50 MB file: 30 ms)
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
_SUSPECT_DELIMITERS = "|:^~/"


_WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.ods (zip), old .xls


def _human_size(n: int) -> str:
    if n < 1_000_000:
        return f"{n:,} bytes"
    return f"{n / 1_000_000:,.0f} MB"


_UTF8_SHAPES = b"." * 0x80 + b"C" * 0x40 + b".." + b"L" * 0x1E + b"M" * 0x10 + b"." * 0x10
"""Each byte's part in a UTF-8 character: L starts two bytes, M three, C continues; so in
``data.translate(_UTF8_SHAPES)`` "LC" and "MCC" are where UTF-8 writes a character outside
ASCII (a translation and ``find`` take a tenth of the time of a regular expression)."""

_CP1252_LOOKALIKE = re.compile(
    rb"(?<=[A-Z\xc0-\xde][A-Z])[\xc8\xc9\xcb\xcc\xcd\xd2\xd3\xd9\xda][\x85\x91-\x94\x96\x97\xa0\xbb]"
    rb"|(?<=[A-Za-z])[\xe0-\xef][\x85\x91-\x94\x96\x97]{2}"
)
"""cp1252 text that looks like a character as UTF-8 writes it, and more likely is cp1252:
an accented capital ending a word in capitals (È É Ë Ì Í Ò Ó Ù Ú after two capitals: JOSÉ,
ZOË, PERÚ) before a curly quote, a dash, an ellipsis, a no-break space or », or an accented
small letter after a letter before two of those (café…”). As UTF-8 these would be rare
letters (ɔ, ɓ, ɗ in some African names) right after two capitals, or rarer characters
still. First bytes whose UTF-8 letters are common (Ã: é ö ñ, Ä Å: ą ś ő Š, Æ: Ɠ ơ, Ç,
Ê: ʻ, Ñ Ð: Cyrillic) never make a look-alike."""


_LINE_END = re.compile(rb"[\r\n]")


def _has_utf8_line(data: bytes) -> bool:
    """Whether ``data`` (not valid UTF-8 as a whole) has a line written as UTF-8 with a
    character outside ASCII, so is a UTF-8 file with other lines in another encoding.

    A program writes a whole line at a time, so a line that is not valid UTF-8 is cp1252
    through and through, whatever bytes on it look like UTF-8; on a line that is, the
    look-alikes of :data:`_CP1252_LOOKALIKE` do not count. Each byte is looked at a few
    times at most, whatever the size of the file."""
    shapes = data.translate(_UTF8_SHAPES)
    n = len(data)
    pos = floor = 0  # floor: every line before it has been looked at
    two = three = -1  # the next "LC" and "MCC" at or after pos (n: none)
    while True:
        if two < pos:
            two = shapes.find(b"LC", pos) % (n + 1)  # (-1, not found, becomes n)
        if three < pos:
            three = shapes.find(b"MCC", pos) % (n + 1)
        start = min(two, three)
        if start >= n:
            return False
        pos = start + (2 if start == two else 3)
        if _CP1252_LOOKALIKE.match(data, start):
            continue
        line_end = _LINE_END.search(data, pos)  # (\r alone: old Mac line ends)
        end = line_end.start() if line_end else n
        begin = max(data.rfind(b"\n", floor, start), data.rfind(b"\r", floor, start), floor - 1)
        try:
            data[begin + 1 : end].decode("utf-8")
        except UnicodeDecodeError:  # a cp1252 line: on to the next one
            pos = floor = end
        else:
            return True


class MixedEncodingError(ValueError):
    """A UTF-8 file with a line saved in another encoding (added later by an older program).

    Reading the whole file as cp1252 would garble every accented name in the UTF-8 part, and
    the next save would make that permanent, so the line is named instead.
    """

    advice = (
        "this row is not saved as UTF-8 while the rest of the file is (an older program may "
        'have added it); check the accented letters on it and save the file again as "CSV UTF-8"'
    )

    def __init__(self, line: int) -> None:
        self.line = line
        super().__init__(f"row {line}: {self.advice}")


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was saved in (UTF-8 with or without BOM,
    UTF-16 with or without BOM, cp1252). Raises UnicodeDecodeError for broken UTF-16 and
    :class:`MixedEncodingError` for UTF-8 with a line in another encoding.

    A file that is valid UTF-8 as a whole is read as UTF-8. One that is not is cp1252 unless
    one of its lines is valid UTF-8 with a character outside ASCII (:func:`_has_utf8_line`),
    not counting cp1252 text that only looks like UTF-8, such as JOSÉ” or ZOË— (see
    :data:`_CP1252_LOOKALIKE`). Some bytes are both, and no rule can tell them apart; this one
    chooses the rarer harm: a cp1252 file whose only accents are such look-alikes is valid
    UTF-8 and reads as UTF-8 (RENÉ’S as RENɒS), and a UTF-8 file whose only letters outside
    ASCII are look-alikes (ɔ right after two capitals) with a row in cp1252 added reads as
    cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le"), "utf-16"
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be"), "utf-16"
    head = data[:400]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return data.decode("utf-16-le"), "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return data.decode("utf-16-be"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if _has_utf8_line(data):
            raise MixedEncodingError(data.count(b"\n", 0, err.start) + 1) from None
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _header_line(text: str) -> str:
    """The first line of the text (the header row), without its line ending."""
    end = text.find("\n")
    return (text if end < 0 else text[:end]).rstrip("\r")


def pick_delimiter(header: str) -> str | None:
    """The delimiter used in the header row, or None when it is a single column."""
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else None


def _count_outside_quotes(line: str, char: str) -> int:
    return sum(part.count(char) for part in line.split('"')[::2])


_decode = decode_text  # the name the importers first used


def _looks_like_wrong_delimiter(header: str) -> str | None:
    """The separator a one-column header seems to use, e.g. ``|``; None if it looks fine."""
    for char in _SUSPECT_DELIMITERS:
        parts = [normalise_header(p) for p in header.split(char)]
        if (
            len(parts) > 1
            and len(set(parts) & set(schema.CONTACT_COLUMNS + schema.INTERACTION_COLUMNS)) >= 2
        ):
            return char
    words = set(normalise_header(header).split("_"))
    if len(header.split()) > 2 and {"contact", "name", "date", "channel"} & words:
        return " "
    return None


def _parse_error_row(message: str) -> int | None:
    """The spreadsheet row named in a pandas C-parser error, if any."""
    match = re.search(r"EOF inside string starting at row (\d+)", message)
    if match:
        return int(match.group(1)) + 1
    match = re.search(r"in line (\d+)", message)
    if match:
        return int(match.group(1))
    return None


def _parse_fast(body: bytes, names: list[str], sep: str) -> pd.DataFrame:
    """pyarrow's parser: fast, but skips blank lines and tolerates an unclosed quote."""
    return pd.read_csv(
        io.BytesIO(body),
        engine="pyarrow",
        sep=sep,
        dtype=str,
        keep_default_na=False,
        names=names,
        header=0,
    )


def _parse_careful(body: bytes, names: list[str], sep: str) -> pd.DataFrame:
    """The C parser, keeping blank lines (row numbers stay the spreadsheet's).

    The header is read as data so that a row with too many cells is an error naming its
    line (given ``names`` the parser would silently drop the extra cells).
    """
    frame = pd.read_csv(
        io.BytesIO(body),
        engine="c",
        sep=sep,
        header=None,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
    )
    frame = frame.iloc[1:].reset_index(drop=True).fillna("")
    extra = [f"extra {i}" for i in range(len(names), frame.shape[1])]
    frame.columns = names[: frame.shape[1]] + extra
    return frame


def _read_table(
    path: Path, file: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV as text columns; (None, problems) when it cannot be read at all."""
    frame, _, problems = _read_table_and_header(path, file, max_bytes)
    return frame, problems


def _read_table_and_header(
    path: Path, file: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[pd.DataFrame | None, list[str], list[Problem]]:
    """:func:`_read_table`, and the header's cells exactly as typed (not trimmed, not made
    unique), one per column of the table."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refused(
                Problem(
                    file,
                    None,
                    None,
                    f"the file is {_human_size(size)}, more than the {_human_size(max_bytes)} "
                    "Network Coach reads; split it, or remove old rows",
                )
            )
        data = path.read_bytes()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return _refused(
            Problem(
                file,
                None,
                None,
                f"cannot open the file ({reason.lower()}); if it is open in a spreadsheet, "
                "close it and try again",
            )
        )
    return _table_from_bytes(data, file)


def read_csv_bytes(data: bytes, file: str) -> pd.DataFrame:
    """:func:`read_csv_text` for a CSV's bytes already in memory (an export inside a zip, an
    upload), so no copy of it is ever written to disk; problems name it ``file``."""
    frame, _, problems = _table_from_bytes(data, file)
    if problems or frame is None:
        raise LogValidationError(problems)
    frame.columns = [normalise_header(c) for c in frame.columns]
    return frame


def _table_from_bytes(
    data: bytes, file: str
) -> tuple[pd.DataFrame | None, list[str], list[Problem]]:
    """:func:`_read_table_and_header` once the file's bytes are read."""
    if data.startswith(_WORKBOOK_SIGNATURES):
        return _refused(
            Problem(
                file,
                None,
                None,
                "this is a spreadsheet workbook (like .xlsx), not a CSV file; in your "
                'spreadsheet choose "Save as" and the format "CSV UTF-8"',
            )
        )
    try:
        text, encoding = decode_text(data)
    except MixedEncodingError as err:
        return _refused(Problem(file, err.line, None, err.advice))
    except UnicodeDecodeError:
        return _refused(
            Problem(
                file,
                None,
                None,
                "the text in this file cannot be read (it looks like UTF-16 but is cut short); "
                'save it again as "CSV UTF-8"',
            )
        )
    if not text or text.isspace():  # (text.strip() would copy the whole file)
        columns = ",".join(
            schema.CONTACT_COLUMNS if file == schema.CONTACTS_FILE else schema.INTERACTION_COLUMNS
        )
        return _refused(
            Problem(
                file, None, None, f"the file is empty; it needs at least the header row: {columns}"
            )
        )
    if "\n" not in text and "\r" in text:  # old Mac "CSV (Macintosh)": CR line endings
        text = text.replace("\r", "\n")
        data, encoding = text.encode("utf-8"), "utf-8"
    from_header, header, sep, wrong = header_and_delimiter(text)
    if from_header is not text:  # Excel's "sep=;" first line, which Excel itself hides
        text, data, encoding = from_header, from_header.encode("utf-8"), "utf-8"
    if sep is None:
        shown = header if len(header) <= 80 else header[:77] + "..."
        seen = "spaces" if wrong == " " else f'"{wrong}"'
        return _refused(
            Problem(
                file,
                1,
                None,
                f'the columns seem to be separated by {seen} (the header reads "{shown}"); '
                "save the file as CSV, with commas, semicolons or tabs between columns",
            )
        )
    # Header names stay as written here (validation normalises them and can then quote the
    # header as the learner wrote it); they are only made unique for the parser.
    typed = _typed_header(header, sep)
    names = _unique_names([n.strip() for n in typed])
    body = data if encoding == "utf-8" else text.encode("utf-8")
    if encoding == "utf-8-sig":
        body = data[3:]
    # Blank lines (pyarrow skips them, shifting row numbers) or an odd number of quote marks
    # (an unclosed quote, which pyarrow accepts) go straight to the careful parser.
    risky = _BLANK_LINE.search(body) is not None or body.count(b'"') % 2 == 1
    frame = None
    if not risky:
        with contextlib.suppress(ValueError, pd.errors.ParserError):
            frame = _parse_fast(body, names, sep)
    if frame is None:
        try:
            frame = _parse_careful(body, names, sep)
        except (pd.errors.ParserError, ValueError) as err:
            return _refused(_parser_problem(file, str(err), len(names)))
    return frame, typed, []


def header_and_delimiter(text: str) -> tuple[str, str, str | None, str | None]:
    """The text from its header row on (without Excel's ``sep=`` line, which Excel itself
    hides; ``text`` itself when there is none), that header row, and its delimiter: the one
    the ``sep=`` line names, else the one the header shows, else ``,``. When the header
    looks split by something loading does not take (``|``, spaces), the delimiter is None
    and that separator comes last; else last is None."""
    header = _header_line(text)
    excel_hint = _EXCEL_SEP_LINE.match(header)
    if excel_hint:
        text = text[text.find("\n") + 1 :]  # (the whole text again if it is that line alone)
        return text, _header_line(text), excel_hint.group(1), None
    sep = pick_delimiter(header)
    wrong = None if sep else _looks_like_wrong_delimiter(header)
    return text, header, None if wrong else (sep or ","), wrong


def _refused(problem: Problem) -> tuple[None, list[str], list[Problem]]:
    """What :func:`_read_table_and_header` returns for a file it cannot read."""
    return None, [], [problem]


def _unique_names(names: list[str]) -> list[str]:
    """Header names made unique for the parser; validation reports the repeats."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name + " " * count)
    return out


def _parser_problem(file: str, message: str, n_columns: int) -> Problem:
    row = _parse_error_row(message)
    if "EOF inside string" in message:
        text = (
            'a quote mark (") opens a value here but is never closed, so the rest of the file '
            "runs together; close the quote, or remove it"
        )
    else:
        saw = re.search(r"saw (\d+)", message)
        cells = f"{saw.group(1)} cells" if saw else "more cells"
        text = (
            f"this row has {cells} but the header has {n_columns}; a value that contains the "
            "separator (like a comma) needs quotes around it"
        )
    return Problem(file, row, None, text)


def read_csv_text(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> pd.DataFrame:
    """Read a CSV with every column as ``str`` (blanks stay ""), whatever the spreadsheet saved.

    Detects the encoding (UTF-8, UTF-8 with BOM, UTF-16, cp1252) and the delimiter (comma,
    semicolon or tab); header names are trimmed, lower-cased and use underscores.
    Raises :class:`LogValidationError` when the file cannot be read.
    """
    return read_csv_with_header(path, max_bytes=max_bytes)[0]


def read_csv_with_header(
    path: str | Path, *, max_bytes: int = MAX_FILE_BYTES
) -> tuple[pd.DataFrame, list[str]]:
    """:func:`read_csv_text`, and each of its columns' header cell exactly as typed ("My
    Rating", " Row", "", where the table names it ``my_rating``, ``row``, ``""``): saving
    writes the learner's own columns back under the header they gave them."""
    path = Path(path)
    frame, typed, problems = _read_table_and_header(path, path.name, max_bytes)
    if problems or frame is None:
        raise LogValidationError(problems)
    typed = [*typed, *frame.columns[len(typed) :]]  # (cells past the header, named by the parser)
    frame.columns = [normalise_header(c) for c in frame.columns]
    return frame, typed[: frame.shape[1]]


HEADER_BYTES = 65_536
"""How much of a file :func:`read_csv_header` reads (the header row and more, usually)."""


def read_csv_header(path: str | Path) -> list[str] | None:
    """The column names :func:`read_csv_text` gives the CSV at ``path``, reading only its
    first :data:`HEADER_BYTES` bytes (same encodings, byte-order marks, delimiters and
    Excel ``sep=`` line); None when they cannot be told from those bytes (a header longer
    than that, a file that cannot be read): then read the whole file.

    Used by saving, which need not parse a whole file to learn it has no extra columns.
    """
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(HEADER_BYTES + 1)
    except OSError:
        return None
    whole = len(data) <= HEADER_BYTES
    if not whole:
        data = data[:HEADER_BYTES]
        wide = data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data)
        # cut where no character is split: after a line end (UTF-8, cp1252), at an even
        # length (UTF-16; a pair of surrogates cut in two fails to decode: None below)
        data = data[: len(data) - len(data) % 2] if wide else data[: data.rfind(b"\n") + 1]
    if data.startswith(_WORKBOOK_SIGNATURES):
        return None
    try:
        text, _ = decode_text(data)
    except (UnicodeDecodeError, MixedEncodingError):
        return None
    if whole and "\n" not in text and "\r" in text:  # old Mac line endings, as loading does
        text = text.replace("\r", "\n")
    text, header, sep, _ = header_and_delimiter(text)
    if not whole and "\n" not in text:  # the header row goes on past what was read
        return None
    if not header.strip() or sep is None:
        return None  # an empty file, or one loading refuses for its delimiter
    names = _unique_names([n.strip() for n in _typed_header(header, sep)])
    return [normalise_header(n) for n in names]


def _typed_header(header: str, sep: str) -> list[str]:
    """The cells of the header row as the learner typed them: without the ``'`` saving puts
    before a heading a spreadsheet would run as a formula (``'=Rating`` reads as ``=Rating``),
    as :func:`_unquoted` does for the cells under it."""
    return [from_text_cell(name) for name in next(csv.reader([header], delimiter=sep))]


def _utf16_without_bom(data: bytes) -> bool:
    """Whether :func:`decode_text` reads ``data`` (no byte-order mark) as UTF-16."""
    head = data[:400]
    return len(head) >= 4 and (
        head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4
    )


def load_log(
    folder: str | Path, day_first: bool | None = None, *, max_bytes: int = MAX_FILE_BYTES
) -> NetworkLog:
    """Load, validate and normalise the network log in ``folder``.

    ``day_first`` (for dates like 03/04/2024), when given, wins over ``settings.toml``.
    Raises :class:`LogValidationError` listing every problem in both files. While another
    program saves to the folder it waits (:func:`netcoach.locking.reading_lock`), and
    raises :class:`netcoach.locking.LogBusyError` if that takes too long.
    """
    folder = Path(folder)
    if not folder.exists():
        raise LogValidationError(
            [Problem(str(folder), None, None, "this folder does not exist; check the path")]
        )
    if not folder.is_dir():
        raise LogValidationError(
            [
                Problem(
                    str(folder),
                    None,
                    None,
                    "this is a file, not a folder; give the folder that holds contacts.csv",
                )
            ]
        )
    with reading_lock(folder):  # never half of another program's save
        # Fingerprinted before reading: a file changed while it is read makes a later save
        # refuse (the fingerprint is older than what was read), never write over the change.
        try:
            hashes: dict[str, str | None] | None = log_file_hashes(folder)
        except OSError:  # a file that cannot be read: reading it below says so
            hashes = None
        folder_settings, contacts_raw, interactions_raw, problems = _read_files(
            folder, day_first, max_bytes
        )

    (contacts, interactions), error = collect_problems(
        contacts_raw,
        interactions_raw,
        day_first=folder_settings.day_first,
        earlier=problems,
    )
    if error.problems:
        raise error
    return NetworkLog(
        contacts, interactions, folder=folder, folder_settings=folder_settings, file_hashes=hashes
    )


def _read_files(
    folder: Path, day_first: bool | None, max_bytes: int
) -> tuple[FolderSettings, pd.DataFrame | None, pd.DataFrame | None, list[Problem]]:
    """Read ``settings.toml`` and both CSV files as text, with the problems found so far."""
    problems: list[Problem] = []
    try:
        folder_settings = read_folder_settings(folder)
    except (ValueError, TypeError) as err:
        folder_settings = FolderSettings()
        message = str(err).removeprefix(f"{folder / schema.SETTINGS_FILE}: ")
        problems.append(Problem(schema.SETTINGS_FILE, None, None, message))
    if day_first is not None:
        folder_settings = FolderSettings(
            as_of=folder_settings.as_of, day_first=day_first, scoring=folder_settings.scoring
        )

    contacts_path = folder / schema.CONTACTS_FILE
    contacts_raw = None
    if contacts_path.is_file():
        contacts_raw, found = _read_table(contacts_path, schema.CONTACTS_FILE, max_bytes)
        contacts_raw = _unquoted(contacts_raw)
        problems += found
    else:
        problems.append(
            _missing(folder, schema.CONTACTS_FILE, "start from data/templates/contacts.csv")
        )

    interactions_path = folder / schema.INTERACTIONS_FILE
    interactions_raw: pd.DataFrame | None = pd.DataFrame()  # no file yet: no interactions
    if interactions_path.is_file():
        interactions_raw, found = _read_table(
            interactions_path, schema.INTERACTIONS_FILE, max_bytes
        )
        interactions_raw = _unquoted(interactions_raw)
        problems += found
    elif misnamed_file(folder, schema.INTERACTIONS_FILE):  # a first map has no such file
        problems.append(_missing(folder, schema.INTERACTIONS_FILE, ""))
    return folder_settings, contacts_raw, interactions_raw, problems


def _unquoted(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """The table with the ``'`` that saving puts before a would-be formula removed
    (:mod:`netcoach.spreadsheet_cells`), so ``'=Sum`` reads back as the ``=Sum`` saved."""
    return None if frame is None else from_text_frame(frame)


def misnamed_file(folder: Path, name: str) -> str | None:
    """A file in ``folder`` that looks meant to be ``name`` but is not called that, such as
    ``Interactions.csv``, ``interactions.csv.txt`` or ``interactions (1).csv``."""
    stem = name.removesuffix(".csv")
    for path in sorted(folder.iterdir()):
        lower = path.name.lower()
        if path.name != name and path.is_file() and lower.startswith(stem) and ".csv" in lower:
            return path.name
    return None


def _missing(folder: Path, name: str, advice: str) -> Problem:
    """The problem of a missing ``name``: rename a look-alike file, or ``advice``."""
    other = misnamed_file(folder, name)
    if other is not None:
        advice = f"{other} is there: rename it to {name}"
    return Problem(name, None, None, f"the file is missing from {folder}; {advice}")
