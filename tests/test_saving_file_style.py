"""Saving keeps what it should of the learner's files: their permissions, a symbolic link
(the file it points to gets the new row), Windows line endings, an encoding Excel reads
right, and the separator between columns."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from helpers import CONTACTS_CSV, INTERACTIONS_CSV, write_log

from netcoach.loading import load_log
from netcoach.saving import add_contact, add_interaction, create_log, save_log, undo_last

BOM = b"\xef\xbb\xbf"
SEMICOLONS = CONTACTS_CSV.replace(",", ";").replace("data;mentor", '"data;mentor"')
"""The contacts as a European-locale Excel saves them ("CSV (semicolon delimited)")."""
posix_only = pytest.mark.skipif(os.name == "nt", reason="permission bits are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _add_chloe(folder: Path) -> None:
    add_contact(folder, contact_id="c004", name="Chloé Martin", notes="met; twice")


def _same_log_after_reload(folder: Path) -> None:
    """The saved files read back as the log they hold, and saving again changes no byte."""
    before = {n: (folder / n).read_bytes() for n in ("contacts.csv", "interactions.csv")}
    log = load_log(folder)
    assert log.contacts["name"].iloc[-1] == "Chloé Martin"
    assert log.contacts["notes"].iloc[-1] == "met; twice"
    save_log(log)
    assert {n: (folder / n).read_bytes() for n in before} == before


# (a) permissions


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_saving_keeps_the_files_permissions(tmp_path: Path, mode: int) -> None:
    folder = write_log(tmp_path / "log")
    for name in ("contacts.csv", "interactions.csv"):
        (folder / name).chmod(mode)
    _add_chloe(folder)
    add_interaction(folder, date="2024-05-01", contact_id="c004", channel="email", kind="shared")
    assert _mode(folder / "contacts.csv") == mode
    assert _mode(folder / "interactions.csv") == mode
    undo_last(folder)
    assert _mode(folder / "interactions.csv") == mode  # undo puts files back the same way


@posix_only
def test_a_new_file_can_be_read_by_its_owner_only(tmp_path: Path) -> None:
    # It names people: on a shared server, the usual 0o644 would let other users read it.
    folder = write_log(tmp_path / "log", interactions=None)
    old = os.umask(0o022)
    try:
        add_interaction(
            folder, date="2024-05-01", contact_id="c001", channel="email", kind="shared"
        )
        made = create_log(tmp_path / "new")
    finally:
        os.umask(old)
    assert _mode(folder / "interactions.csv") == 0o600
    assert _mode(made / "contacts.csv") == _mode(made / "interactions.csv") == 0o600


# (b) a symbolic link


def test_saving_through_a_symbolic_link_writes_the_file_it_points_to(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", contacts=None)
    shared = tmp_path / "Dropbox" / "people.csv"
    shared.parent.mkdir()
    shared.write_text(CONTACTS_CSV, encoding="utf-8")
    try:
        (folder / "contacts.csv").symlink_to(shared)
    except OSError:
        pytest.skip("this system cannot make symbolic links")
    _add_chloe(folder)
    assert (folder / "contacts.csv").is_symlink()  # the link is kept...
    assert "Chloé Martin" in shared.read_text(encoding="utf-8")  # ...and its file has the row
    assert not list(shared.parent.glob(".*.tmp")) and not list(folder.glob(".*.tmp"))
    assert load_log(folder).contacts["contact_id"].iloc[-1] == "c004"
    undo_last(folder)
    assert (folder / "contacts.csv").is_symlink()
    assert shared.read_text(encoding="utf-8") == CONTACTS_CSV


def test_undoing_a_file_first_made_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", interactions=None)
    shared = tmp_path / "Dropbox" / "talks.csv"  # not there yet: the first save makes it
    shared.parent.mkdir()
    try:
        (folder / "interactions.csv").symlink_to(shared)
    except OSError:
        pytest.skip("this system cannot make symbolic links")
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="shared")
    assert shared.is_file()
    undo_last(folder)
    assert (folder / "interactions.csv").is_symlink() and not shared.exists()  # as it was


# (c) line endings


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    crlf = CONTACTS_CSV.replace("\n", "\r\n")
    folder = write_log(tmp_path / "log", contacts=crlf)
    _add_chloe(folder)
    data = (folder / "contacts.csv").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == 5
    assert (folder / "interactions.csv").read_bytes().count(b"\r") == 0  # LF stays LF
    _same_log_after_reload(folder)


# (d) encoding


@pytest.mark.parametrize(
    "encoded",
    [
        CONTACTS_CSV.encode("cp1252"),
        CONTACTS_CSV.encode("utf-16"),  # Excel's "Unicode text" (with a byte-order mark)
        BOM + CONTACTS_CSV.encode("utf-8"),
    ],
    ids=["cp1252", "utf-16", "utf-8-bom"],
)
def test_a_file_excel_wrote_is_saved_as_utf8_with_a_byte_order_mark(
    tmp_path: Path, encoded: bytes
) -> None:
    folder = write_log(tmp_path / "log", contacts=encoded)
    _add_chloe(folder)
    data = (folder / "contacts.csv").read_bytes()
    assert data.startswith(BOM + b"contact_id,")  # Excel then reads Zoë and Chloé right
    assert "Chloé Martin" in data.decode("utf-8-sig")
    _same_log_after_reload(folder)


def test_a_plain_utf8_file_stays_without_a_byte_order_mark(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    _add_chloe(folder)
    assert (folder / "contacts.csv").read_bytes().startswith(b"contact_id,")


def test_a_new_file_takes_the_style_of_the_other_file(tmp_path: Path) -> None:
    excel = BOM + SEMICOLONS.replace("\n", "\r\n").encode("utf-8")
    folder = write_log(tmp_path / "log", contacts=excel, interactions=None)
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="shared")
    assert (folder / "interactions.csv").read_bytes().startswith(BOM + b"date;contact_id;")
    assert (folder / "interactions.csv").read_bytes().endswith(b";me;\r\n")


# (e) separator


@pytest.mark.parametrize("sep", [";", "\t"], ids=["semicolons", "tabs"])
def test_the_separator_between_columns_is_kept(tmp_path: Path, sep: str) -> None:
    contacts = CONTACTS_CSV.replace(",", sep).replace("data;mentor", '"data;mentor"')
    interactions = INTERACTIONS_CSV.replace(",", sep)
    folder = write_log(tmp_path / "log", contacts=contacts, interactions=interactions)
    before = load_log(folder)
    _add_chloe(folder)
    text = (folder / "contacts.csv").read_text(encoding="utf-8")
    assert text.startswith(f"contact_id{sep}name{sep}organisation")
    assert f"Chloé Martin{sep}{sep}" in text
    assert "," not in text.splitlines()[0]
    after = load_log(folder)
    pd.testing.assert_frame_equal(after.contacts.iloc[:3], before.contacts)
    _same_log_after_reload(folder)


def test_an_own_heading_holding_the_separator_stays_one_column(tmp_path: Path) -> None:
    pipes = CONTACTS_CSV.replace(",", "|").replace("data|mentor", '"data|mentor"')
    contacts = "sep=|\n" + pipes.replace("notes\n", 'notes|"my|rating"\n', 1)
    folder = write_log(tmp_path / "log", contacts=contacts)
    _add_chloe(folder)
    assert '|"my|rating"' in (folder / "contacts.csv").read_text(encoding="utf-8")
    _same_log_after_reload(folder)


def test_excels_sep_line_is_kept(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", contacts="sep=;\n" + SEMICOLONS)
    _add_chloe(folder)
    lines = (folder / "contacts.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "sep=;"
    assert lines[1].startswith("contact_id;name;")
    _same_log_after_reload(folder)
