"""add_contact and add_interaction, called directly, name the line the new row would really
take when it is refused: after the learner's own notes-only lines at the end of the file
(which saving keeps where they are), not on one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_log

from netcoach.loading import load_log
from netcoach.saving import add_contact, add_interaction, next_row
from netcoach.validation import LogValidationError

CONTACTS = (
    "contact_id,name,tier,my_notes\n"
    "c001,Amara Osei,close,5\n"
    ",,,ask her about the meetup\n"  # row 3: a note on a line of its own
    ",,,\n"  # row 4: blank
    ",,,and about the fair\n"  # row 5: another
)
INTERACTIONS = (
    "date,contact_id,channel,kind,initiated_by,note,follow_up\n"
    "2024-03-12,c001,in_person,first_meeting,me,Coffee,yes\n"
    ",,,,,,remember to send the slides\n"  # row 3
)


def _problems(err: pytest.ExceptionInfo[LogValidationError]) -> list[tuple]:
    return [(p.file, p.row, p.column) for p in err.value.problems]


def test_a_refused_contact_is_named_on_the_line_after_the_notes(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    before = (folder / "contacts.csv").read_bytes()
    with pytest.raises(LogValidationError) as err:
        add_contact(folder, contact_id="C001", name="Priya Shah")
    assert _problems(err) == [("contacts.csv", 6, "contact_id")]
    assert '"C001" is used twice (rows 2 and 6)' in str(err.value)
    with pytest.raises(LogValidationError) as err:
        add_contact(folder, contact_id="c002", name="Priya Shah", tier="bogus")
    assert _problems(err) == [("contacts.csv", 6, "tier")]
    assert (folder / "contacts.csv").read_bytes() == before


def test_a_refused_interaction_is_named_on_the_line_after_the_notes(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    before = (folder / "interactions.csv").read_bytes()
    with pytest.raises(LogValidationError) as err:
        add_interaction(
            folder, date="2024-04-01", contact_id="c009", channel="email", kind="thanked"
        )
    assert _problems(err) == [("interactions.csv", 4, "contact_id")]
    assert (folder / "interactions.csv").read_bytes() == before


def test_next_row_given_the_file_counts_the_notes_after_the_last_row(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    log = load_log(folder)
    assert next_row(log.contacts) == 3  # the table alone cannot know about the notes
    assert next_row(log.contacts, folder / "contacts.csv") == 6
    assert next_row(log.interactions, folder / "interactions.csv") == 4
    # without notes after the last row, it is the row after the last one, as before
    write_log(folder, "contact_id,name,my_notes\nc001,Amara Osei,5\n,,\n", None)
    assert next_row(load_log(folder).contacts, folder / "contacts.csv") == 3


def test_an_accepted_row_lands_after_the_notes(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    saved = add_contact(folder, contact_id="c002", name="Priya Shah")
    lines = (folder / "contacts.csv").read_text(encoding="utf-8").splitlines()
    assert lines[2].endswith(",ask her about the meetup")
    assert lines[3].endswith(",and about the fair")  # (the blank line is dropped, as before)
    assert lines[4].startswith("c002,Priya Shah,")
    assert saved.contacts["row"].tolist() == [2, 5]
