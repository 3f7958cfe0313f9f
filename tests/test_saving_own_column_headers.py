"""The learner's own columns keep the header they typed, whatever it is: "My Rating" stays
"My Rating" (the standard columns are still written as ``contact_id``, ``name`` ...), a
column named ``row`` (the name the log uses inside for line numbers) is kept, and so is a
column left without a name when something is typed under it. Saving again writes the same
bytes, and the log reads back the same."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
from helpers import INTERACTIONS_CSV, write_log
from test_saving_own_only_rows import _lines

from netcoach.loading import load_log
from netcoach.saving import add_contact, save_log

STANDARD = (
    "contact_id,name,organisation,role,how_met,tier,cadence_days,email,profile_url,tags,notes"
)


def _saved_twice(
    tmp_path: Path, contacts: str | bytes, interactions: str | None = INTERACTIONS_CSV
) -> tuple[Path, list[list[str]]]:
    """A log with these contacts after add_contact, checked to read back the same and to be
    what a second save writes; its folder and the lines of its contacts.csv."""
    folder = write_log(tmp_path / "log", contacts, interactions)
    before = load_log(folder)
    add_contact(folder, contact_id="c004", name="Priya Shah")
    first = (folder / "contacts.csv").read_bytes()
    again = load_log(folder)
    pd.testing.assert_frame_equal(
        again.contacts.iloc[:-1].drop(columns="row"), before.contacts.drop(columns="row")
    )
    save_log(again)
    assert (folder / "contacts.csv").read_bytes() == first
    return folder, _lines(folder, "contacts.csv")


def test_a_column_without_a_name_is_kept_with_its_cells(tmp_path: Path) -> None:
    contacts = (
        "Contact ID,Name,Tier,,Rating,,\n"
        "c001,Amara Osei,close,call after the fair,5,,\n"
        "c002,Zoë Whitfield,active,,,,\n"
        "c003,Ben Okafor,outer,,3,second unnamed,\n"
    )
    _, lines = _saved_twice(tmp_path, contacts)
    # both unnamed columns with something in them stay where they were, after the standard
    # ones, with an empty header; the last one, empty all the way down, is not written
    assert lines[0] == [*STANDARD.split(","), "", "Rating", ""]
    assert [line[-3:] for line in lines[1:]] == [
        ["call after the fair", "5", ""],
        ["", "", ""],
        ["", "3", "second unnamed"],
        ["", "", ""],  # the new contact
    ]


def test_a_column_named_row_is_kept(tmp_path: Path) -> None:
    contacts = (
        f"{STANDARD},Row,row\n"
        "c001,Amara Osei,,,,close,,,,,,A1,7\n"
        "c002,Zoë Whitfield,,,,,,,,,,,12\n"
        "c003,Ben Okafor,,,,,,,,,,B2,\n"
    )
    folder, lines = _saved_twice(tmp_path, contacts)
    assert lines[0][-2:] == ["Row", "row"]
    assert [line[-2:] for line in lines[1:]] == [["A1", "7"], ["", "12"], ["B2", ""], ["", ""]]
    assert load_log(folder).contacts["row"].tolist() == [2, 3, 4, 5]  # still the file's lines


def test_own_headers_are_written_as_typed_and_standard_ones_canonically(tmp_path: Path) -> None:
    own = ["My Rating", " padded ", 'Met at "the fair"', "Rating; 1-5", "a, b", "My Rating"]
    header = ["Contact ID", "Name", "Organization", "Tier", *own]
    rows = [["c001", "Amara Osei", "Harbour", "close", "5", "p", "yes", "4", "x", "again"]]
    text = io.StringIO()  # a spreadsheet's file: semicolons, cp1252
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    folder, _ = _saved_twice(tmp_path, text.getvalue().encode("cp1252"), interactions=None)
    data = (folder / "contacts.csv").read_bytes()  # semicolons and line ends kept
    assert data.startswith(f"{STANDARD.replace(',', ';')};".encode())  # (ASCII: no BOM)
    assert data.endswith(b"\r\n")
    text = io.StringIO(data.decode("utf-8"), newline="")
    lines = list(csv.reader(text, delimiter=";"))
    assert lines[0] == [*STANDARD.split(","), *own]  # two columns may share a name
    assert lines[1][-6:] == ["5", "p", "yes", "4", "x", "again"]
    assert load_log(folder).contacts["name"].tolist() == ["Amara Osei", "Priya Shah"]
