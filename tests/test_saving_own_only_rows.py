"""A line where the learner typed only in their own columns (a note under ``follow_up`` with
every standard cell blank) is skipped by loading, like a blank line, but no save loses it:
save_log, add_contact, add_interaction and an import keep it where it was, between the same
rows, with its own cells and blank standard ones. Saving again writes the same bytes."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from helpers import write_log

from netcoach.importers import SourceFile, import_into
from netcoach.loading import load_log
from netcoach.saving import add_contact, add_interaction, save_log

CONTACTS = (
    "contact_id,name,organisation,role,how_met,tier,cadence_days,email,profile_url,tags,notes,"
    "my_rating\n"
    ",,,,,,,,,,,=ask Amara first\n"
    "c001,Amara Osei,Harbour Analytics,,,close,,,,,,5\n"
    "c002,Zoë Whitfield,,,,active,45,,,,,\n"
    ",,,,,,,,,,,\n"
    "c003,Ben Okafor,,,,,,,,,,3\n"
    ' , ,,,,,,,,,,"met at the fair, twice"\n'
)
INTERACTIONS = (
    "date,contact_id,channel,kind,initiated_by,note,follow_up\n"
    "2024-03-12,c001,in_person,first_meeting,me,Coffee,yes\n"
    ",,,,,,remember to send the slides\n"
    "2024-03-15,c002,email,received_lead,them,Analyst role,no\n"
)


def _log(tmp_path: Path) -> Path:
    return write_log(tmp_path / "log", CONTACTS, INTERACTIONS)


def _lines(folder: Path, name: str) -> list[list[str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _own_only(line: list[str], cell: str) -> bool:
    return line[:-1] == [""] * (len(line) - 1) and line[-1] == cell


def test_a_notes_only_line_between_two_interactions_stays_between_them(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="thanked")
    lines = _lines(folder, "interactions.csv")
    assert [line[1] for line in lines[1:]] == ["c001", "", "c002", "c001"]
    assert _own_only(lines[2], "remember to send the slides")
    assert [line[-1] for line in lines[1:]] == ["yes", "remember to send the slides", "no", ""]

    save_log(load_log(folder))
    assert _lines(folder, "interactions.csv") == lines


def test_add_contact_keeps_them_in_place_and_the_new_contact_gets_blank_own_cells(
    tmp_path: Path,
) -> None:
    folder = _log(tmp_path)
    saved = add_contact(folder, contact_id="c004", name="Priya Shah")
    lines = _lines(folder, "contacts.csv")
    assert [line[0] for line in lines[1:]] == ["", "c001", "c002", "c003", "", "c004"]
    assert _own_only(lines[1], "'=ask Amara first")  # a would-be formula, written as text
    assert _own_only(lines[5], "met at the fair, twice")  # not given to the new contact
    assert [line[-1] for line in lines[2:5]] == ["5", "", "3"]
    assert lines[6][1] == "Priya Shah" and lines[6][-1] == ""
    # the fully blank line is dropped, as before; the rows returned are the file's lines
    assert saved.contacts["row"].tolist() == [3, 4, 5, 7]
    assert _lines(folder, "interactions.csv")[2][-1] == "remember to send the slides"


def test_save_log_keeps_them_and_saving_again_is_stable(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    log = load_log(folder)
    saved = save_log(log)
    first = {n: (folder / n).read_bytes() for n in ("contacts.csv", "interactions.csv")}
    again = load_log(folder)
    for name in ("contacts", "interactions"):  # the same log, numbered as the new files
        pd.testing.assert_frame_equal(
            getattr(again, name).drop(columns="row"), getattr(log, name).drop(columns="row")
        )
        assert getattr(again, name)["row"].tolist() == getattr(saved, name)["row"].tolist()
    save_log(again)
    save_log(saved)  # the log save_log returned has the new files' numbers too
    assert {n: (folder / n).read_bytes() for n in first} == first
    assert b"=ask Amara first" in first["contacts.csv"]
    assert b"remember to send the slides" in first["interactions.csv"]


def test_a_note_after_a_removed_row_stays_before_the_next_one(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    log = load_log(folder)
    log.interactions = log.interactions[log.interactions["contact_id"] != "c001"]
    save_log(log)
    lines = _lines(folder, "interactions.csv")
    assert len(lines) == 3
    assert _own_only(lines[1], "remember to send the slides")
    assert lines[2][1] == "c002"


def test_import_keeps_them(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nadia Okafor\nEMAIL:nadia@example.com\nEND:VCARD\n"
    assert import_into(folder, [SourceFile("contacts_v4.vcf", card)]).changed
    lines = _lines(folder, "contacts.csv")
    assert _own_only(lines[1], "'=ask Amara first")
    assert _own_only(lines[5], "met at the fair, twice")
    assert lines[6][1] == "Nadia Okafor" and lines[6][-1] == ""
    assert [line[-1] for line in lines[2:5]] == ["5", "", "3"]


def test_a_log_without_such_lines_is_written_as_before(tmp_path: Path) -> None:
    folder = _log(tmp_path)
    (folder / "contacts.csv").write_text(
        CONTACTS.replace(",,,,,,,,,,,=ask Amara first\n", "").replace(
            ' , ,,,,,,,,,,"met at the fair, twice"\n', ""
        ),
        encoding="utf-8",
    )
    saved = save_log(load_log(folder))
    assert (folder / "contacts.csv").read_text(encoding="utf-8") == (
        "contact_id,name,organisation,role,how_met,tier,cadence_days,email,profile_url,tags,"
        "notes,my_rating\n"
        "c001,Amara Osei,Harbour Analytics,,,close,,,,,,5\n"
        "c002,Zoë Whitfield,,,,active,45,,,,,\n"
        "c003,Ben Okafor,,,,outer,,,,,,3\n"
    )
    assert saved.contacts["row"].tolist() == [2, 3, 4]
