"""Property tests: a save keeps every row and the learner's file style, whatever the style.

Generated logs with awkward text (accents, quotes, the separator, ``=``/``+`` leading cells,
line breaks in notes, empty cells) are written as a spreadsheet would save them, in every
style saving keeps (``,`` ``;`` tab, with or without Excel's ``sep=`` line, also ``sep=|``;
LF or CRLF; UTF-8, UTF-8 with BOM, UTF-16, cp1252), with or without the learner's own columns
(odd headings: the separator, quotes, empty, repeated, ``row``) and lines holding only their
own cells. The files are in the layout Network Coach writes (the standard columns first, in
order, with canonical values, then the learner's), so the first save need change no cell:
add_interaction / add_contact must give exactly the old lines plus one, in the same style;
undo_last gives the old bytes back; saving again changes nothing (no backup either).
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from helpers import network_logs
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netcoach import schema
from netcoach.loading import decode_text, header_and_delimiter, load_log
from netcoach.log import NetworkLog
from netcoach.saving import (
    BACKUP_DIR,
    add_contact,
    add_interaction,
    canonical_frames,
    save_log,
    undo_last,
)
from netcoach.spreadsheet_cells import as_text_cell

FILES = (schema.CONTACTS_FILE, schema.INTERACTIONS_FILE)
BOM = b"\xef\xbb\xbf"

WINDOWS_AWKWARD = st.sampled_from(
    [*"abcXYZ019 '.", ",", ";", "\t", "|", '"', "\n", "=", "+", "-", "@", *"éëöñçüÉ"]
)
"""Characters cp1252 encodes (and none that could be taken for UTF-8 bytes): separators,
quotes, formula starts, a line break, accents."""
AWKWARD = WINDOWS_AWKWARD | st.sampled_from(["ł", "中", "😀", "\r", "ß"])
"""Any of those, and characters cp1252 cannot encode (one outside UTF-16's plane)."""

ODD_HEADINGS = st.sampled_from(
    (
        *("My Rating", "my,rating", "my;rating", "my\trating", "a|b", 'say "hi"', ""),
        *("row", "Row ", "=Rating", "+1", "x", "x", "zoë"),
    )
)


@dataclass(frozen=True)
class Style:
    sep: str
    sep_line: bool
    line_end: str
    encoding: str


@st.composite
def styles(draw) -> Style:
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    sep_line = sep == "|" or draw(st.booleans())  # (a | file needs Excel's sep= line)
    line_end = draw(st.sampled_from(["\n", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return Style(sep, sep_line, line_end, encoding)


@dataclass(frozen=True)
class Own:
    """The learner's own columns of one file: headings, a cell per row, and the lines of
    their own (before row ``i``: ``notes[i]``; after the last row: ``notes[n]``)."""

    names: list[str]
    cells: list[list[str]]
    notes: list[list[list[str]]]


@st.composite
def own_columns(draw, n: int, alphabet) -> Own | None:
    if not draw(st.booleans()):
        return None
    names = draw(st.lists(ODD_HEADINGS, min_size=1, max_size=3))
    k = len(names)
    text = st.text(alphabet=alphabet, max_size=8)
    cells = draw(st.lists(st.lists(text, min_size=k, max_size=k), min_size=n, max_size=n))
    filled = st.lists(text, min_size=k, max_size=k).filter(lambda c: any(x.strip() for x in c))
    notes = draw(st.lists(st.lists(filled, max_size=2), min_size=n + 1, max_size=n + 1))
    return Own(names, cells, notes)


def _records(frame: pd.DataFrame, own: Own | None) -> list[list[str]]:
    """The lines of the file (header first) as cells, as Network Coach writes them."""
    frame = frame.astype(str)
    header = list(frame.columns)
    body = [[as_text_cell(v) for v in row] for row in frame.to_numpy().tolist()]
    if own is None:
        return [header, *body]
    blank = [""] * len(header)
    lines: list[list[str]] = [header + [as_text_cell(c) for c in own.names]]
    for i, row in enumerate(body):
        lines += [blank + [as_text_cell(c) for c in note] for note in own.notes[i]]
        lines.append(row + [as_text_cell(c) for c in own.cells[i]])
    lines += [blank + [as_text_cell(c) for c in note] for note in own.notes[len(body)]]
    # a column with no heading and nothing in it is not written back
    keep = [
        j
        for j in range(len(header), len(lines[0]))
        if lines[0][j].strip() or any(line[j].strip() for line in lines[1:])
    ]
    cols = list(range(len(header))) + keep
    return [[line[j] for j in cols] for line in lines]


def _file_bytes(records: list[list[str]], style: Style) -> bytes:
    """The lines as a spreadsheet saves them in ``style`` (a heading holding any separator
    loading could take is quoted, as a spreadsheet quotes it in its own file)."""
    lines = [
        style.sep.join(_cell(c, style.sep, heading=not i) for c in line)
        for i, line in enumerate(records)
    ]
    head = f"sep={style.sep}{style.line_end}" if style.sep_line else ""
    return (head + "".join(line + style.line_end for line in lines)).encode(style.encoding)


def _cell(cell: str, sep: str, *, heading: bool) -> str:
    """A cell as a spreadsheet writes it: quoted when it holds the separator, a quote or a
    line break (a heading also when it holds another separator loading could take)."""
    if any(x in cell for x in (sep, '"', "\r", "\n", *(",;\t" if heading else ""))):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _read_records(data: bytes) -> tuple[list[list[str]], str]:
    """A saved file's lines as cells (after any ``sep=`` line), and its separator."""
    text, _ = decode_text(data)
    rest, _, sep, _ = header_and_delimiter(text)
    assert sep is not None
    return list(csv.reader(io.StringIO(rest, newline=""), delimiter=sep)), sep


def _check_style(data: bytes, style: Style, original: bytes) -> None:
    was_plain = decode_text(original)[1] == "utf-8"
    assert data.startswith(BOM) == (not was_plain)
    text = data.decode("utf-8-sig")  # (always UTF-8 now)
    first = f"sep={style.sep}{style.line_end}"
    assert text.startswith(first) == style.sep_line
    rest = text[len(first) :] if style.sep_line else text
    header_end = rest.index("\n")
    assert (rest[header_end - 1] == "\r") == (style.line_end == "\r\n")
    # every line ending outside quotes is the file's own
    lines = rest.replace("\r\n", "\n").count("\n")
    if style.line_end == "\r\n":
        assert rest.count("\r\n") >= lines - _quoted_breaks(rest)
    else:
        assert rest.count("\r\n") <= _quoted_breaks(rest)
    _, sep = _read_records(data)
    assert sep == style.sep


def _same_lines(got: list[list[str]], want: list[list[str]]) -> None:
    """``got == want``, saying at which line they first differ."""
    for i, (a, b) in enumerate(zip(got, want, strict=False)):
        assert a == b, f"line {i + 1}: {a!r} != {b!r}"
    assert len(got) == len(want)


def _quoted_breaks(text: str) -> int:
    """How many line breaks are inside quotes (cells' own)."""
    return sum(part.count("\n") for part in text.split('"')[1::2])


@dataclass
class Setup:
    folder: Path
    log: NetworkLog
    style: Style
    files: dict[str, bytes]
    records: dict[str, list[list[str]]]


def _setup(tmp_path: Path, data, which: str) -> Setup:
    style = data.draw(styles(), label="style")
    alphabet = WINDOWS_AWKWARD if style.encoding == "cp1252" else AWKWARD
    log = data.draw(network_logs(alphabet=alphabet), label="log")
    frames = canonical_frames(log)
    records: dict[str, list[list[str]]] = {}
    files: dict[str, bytes] = {}
    for name in FILES:
        own = data.draw(own_columns(len(frames[name]), alphabet), label=f"own {name}")
        records[name] = _records(frames[name], own)
        files[name] = _file_bytes(records[name], style)
        text, _ = decode_text(files[name])  # (cp1252 bytes that read as UTF-8: ambiguous)
        assume(text == files[name].decode(style.encoding).removeprefix("\ufeff"))
    folder = tmp_path / f"log-{which}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for name in FILES:
        (folder / name).write_bytes(files[name])
    loaded = load_log(folder)
    pd.testing.assert_frame_equal(
        loaded.contacts.drop(columns="row"), log.contacts.drop(columns="row")
    )
    pd.testing.assert_frame_equal(
        loaded.interactions.drop(columns="row"), log.interactions.drop(columns="row")
    )
    return Setup(folder, loaded, style, files, records)


def _backups(folder: Path) -> list[str]:
    where = folder / BACKUP_DIR
    return sorted(p.name for p in where.iterdir() if p.is_dir()) if where.is_dir() else []


def _bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in FILES}


PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _added_then_checked(s: Setup, name: str) -> None:
    """After one row was added to ``name``: the old lines and one more, in the old style;
    the other file untouched; saving again writes nothing; undo gives the old bytes back."""
    after = _bytes(s.folder)
    other = next(n for n in FILES if n != name)
    _same_lines(_read_records(after[other])[0], s.records[other])  # (perhaps re-encoded)
    _check_style(after[other], s.style, s.files[other])
    records, _ = _read_records(after[name])
    old = s.records[name]
    _same_lines(records[: len(old)], old)  # every line as it was, own cells on their rows
    assert len(records) == len(old) + 1
    width = len(_SCHEMA[name])
    assert records[-1][width:] == [""] * (len(old[0]) - width)  # a new row: blank own cells
    _check_style(after[name], s.style, s.files[name])

    loaded = load_log(s.folder)
    table = {schema.CONTACTS_FILE: "contacts", schema.INTERACTIONS_FILE: "interactions"}
    before_rows = getattr(s.log, table[name]).drop(columns="row").reset_index(drop=True)
    now_rows = getattr(loaded, table[name]).drop(columns="row")
    assert len(now_rows) == len(before_rows) + 1
    pd.testing.assert_frame_equal(now_rows.iloc[:-1].reset_index(drop=True), before_rows)

    backups = _backups(s.folder)
    save_log(loaded)  # nothing changed: nothing written, no backup
    assert _bytes(s.folder) == after
    assert _backups(s.folder) == backups

    undo_last(s.folder)
    assert _bytes(s.folder) == s.files


_SCHEMA = {
    schema.CONTACTS_FILE: schema.CONTACT_COLUMNS,
    schema.INTERACTIONS_FILE: schema.INTERACTION_COLUMNS,
}


@PROPERTY
@given(data=st.data())
def test_add_interaction_keeps_every_line_and_the_style(tmp_path: Path, data) -> None:
    s = _setup(tmp_path, data, "interaction")
    contact = data.draw(st.sampled_from(s.log.contacts["contact_id"].tolist()))
    note = data.draw(st.text(alphabet=WINDOWS_AWKWARD, max_size=10), label="note")
    add_interaction(
        s.folder, date="2024-05-01", contact_id=contact, channel="email", kind="shared", note=note
    )
    added = load_log(s.folder).interactions.iloc[-1]
    assert (added["contact_id"], added["note"]) == (contact, note.strip())
    _added_then_checked(s, schema.INTERACTIONS_FILE)


@PROPERTY
@given(data=st.data())
def test_add_contact_keeps_every_line_and_the_style(tmp_path: Path, data) -> None:
    s = _setup(tmp_path, data, "contact")
    taken = set(s.log.contacts["contact_id"].str.casefold())
    assume("zz-new" not in taken)
    name = data.draw(st.text(alphabet=WINDOWS_AWKWARD, min_size=1, max_size=10), label="name")
    assume(name.strip())
    add_contact(s.folder, contact_id="zz-new", name=name, notes='=1+1; "hi", ok\n2nd line')
    added = load_log(s.folder).contacts.iloc[-1]
    assert (added["contact_id"], added["name"]) == ("zz-new", name.strip())
    assert added["notes"] == '=1+1; "hi", ok\n2nd line'
    _added_then_checked(s, schema.CONTACTS_FILE)


@PROPERTY
@given(data=st.data())
def test_saving_a_loaded_log_is_idempotent_and_keeps_the_style(tmp_path: Path, data) -> None:
    s = _setup(tmp_path, data, "idempotent")
    save_log(s.log)  # the first save may only re-encode (a BOM) or re-quote; no cell changes
    first = _bytes(s.folder)
    for name in FILES:
        _same_lines(_read_records(first[name])[0], s.records[name])
        _check_style(first[name], s.style, s.files[name])
    backups = _backups(s.folder)
    again = load_log(s.folder)
    pd.testing.assert_frame_equal(again.contacts, s.log.contacts)
    pd.testing.assert_frame_equal(again.interactions, s.log.interactions)
    save_log(again)
    assert _bytes(s.folder) == first
    assert _backups(s.folder) == backups
