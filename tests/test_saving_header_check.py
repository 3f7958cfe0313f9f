"""A save parses a CSV again (to keep the learner's own columns) only when its header names
such a column: the header alone is read first, with the loader's encodings and delimiters,
so a log without extra columns is not parsed twice per save (0.3 s at a million rows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CONTACTS_CSV, write_log

import netcoach.saving
from netcoach.loading import (
    HEADER_BYTES,
    load_log,
    read_csv_header,
    read_csv_text,
    read_csv_with_header,
)
from netcoach.saving import add_contact, add_interaction, save_log


def _no_full_parse(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []

    def refuse(path, **kwargs):
        parsed.append(Path(path).name)
        raise AssertionError(f"{path} was parsed whole to look for the learner's own columns")

    monkeypatch.setattr(netcoach.saving, "read_csv_with_header", refuse)
    return parsed


def test_a_log_without_own_columns_is_not_parsed_again_on_save(tmp_path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    parsed = _no_full_parse(monkeypatch)
    add_contact(folder, contact_id="c004", name="Priya Shah")
    add_interaction(folder, date="2024-05-01", contact_id="c004", channel="email", kind="thanked")
    save_log(load_log(folder))
    assert parsed == []
    assert load_log(folder).contacts["name"].iloc[-1] == "Priya Shah"


def test_only_the_file_with_own_columns_is_parsed_and_they_are_kept(tmp_path, monkeypatch) -> None:
    contacts = CONTACTS_CSV.replace("tags,notes\n", "tags,notes,My Rating\n", 1)
    contacts = contacts.replace("Runs the local data meetup\n", "Runs the local data meetup,5\n")
    folder = write_log(tmp_path / "log", contacts=contacts)
    parsed: list[str] = []

    def counted(path, **kwargs):
        parsed.append(Path(path).name)
        return read_csv_with_header(path, **kwargs)

    monkeypatch.setattr(netcoach.saving, "read_csv_with_header", counted)
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="thanked")
    assert parsed == ["contacts.csv"]
    text = (folder / "contacts.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].endswith(",notes,My Rating")  # as typed
    assert text.splitlines()[1].endswith(",Runs the local data meetup,5")


def test_a_file_that_cannot_be_read_is_not_parsed_either(tmp_path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    log = load_log(folder)
    (folder / "interactions.csv").unlink()  # gone since it was loaded
    log.file_hashes = None  # as a log made in code (a loaded one is refused: its file changed)
    parsed = _no_full_parse(monkeypatch)
    save_log(log)
    assert parsed == []
    assert (folder / "interactions.csv").is_file()


LONG_NOTE = "é, a long note " * 30
HEADER = "Contact ID,Name,Organization,tier,Notes,My Rating,name,,Date met"


@pytest.mark.parametrize(
    ("encoding", "newline", "sep", "excel"),
    [
        ("utf-8", "\n", ",", False),
        ("utf-8-sig", "\r\n", ",", False),
        ("utf-8-sig", "\n", ";", True),
        ("utf-16", "\r\n", "\t", False),  # Excel's "Unicode text": BOM, tabs
        ("utf-16-le", "\n", "\t", False),  # no BOM
        ("utf-16-be", "\n", ",", False),
        ("cp1252", "\r\n", ";", False),
        ("utf-8", "\r", ",", False),  # old Mac line endings
    ],
)
@pytest.mark.parametrize("rows", [0, 2, 400])  # 400 rows: longer than what the check reads
def test_the_header_check_names_the_columns_the_loader_names(
    tmp_path: Path, encoding: str, newline: str, sep: str, excel: bool, rows: int
) -> None:
    header = HEADER.replace(",", sep) + f"{sep}Notés ({encoding})"
    row = sep.join(["c001", "Zoë", "", "close", f'"{LONG_NOTE}"', "5", "", "", "x", "y"])
    lines = [f"sep={sep}"] * excel + [header] + [row] * rows
    path = tmp_path / "contacts.csv"
    path.write_bytes(newline.join([*lines, ""]).encode(encoding))
    assert (path.stat().st_size > HEADER_BYTES) == (rows == 400)
    if newline == "\r" and rows == 400:  # a long file with no line feed: read it whole
        assert read_csv_header(path) is None
        return
    names = read_csv_header(path)
    assert names == list(read_csv_text(path).columns)
    assert names[:4] == ["contact_id", "name", "organisation", "tier"]


def test_a_header_longer_than_what_the_check_reads_asks_for_the_whole_file(tmp_path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("contact_id,name," + "x" * HEADER_BYTES + "\nc001,Amara,y\n", "utf-8")
    assert read_csv_header(path) is None
    assert read_csv_header(tmp_path / "missing.csv") is None
