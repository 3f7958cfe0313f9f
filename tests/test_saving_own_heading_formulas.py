"""A heading the learner gave one of their own columns is defused like a cell: ``=Rating``
(or one starting with ``+``, ``-``, ``@``, a tab or a carriage return) is written as
``'=Rating`` so a spreadsheet shows it instead of running it, and loading removes that
``'`` again, so the log reads back the heading as typed and saving again writes the same
bytes. The standard headings are written as before."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers import write_log

from netcoach.loading import load_log, read_csv_header, read_csv_with_header
from netcoach.saving import add_contact, save_log

STANDARD = (
    "contact_id,name,organisation,role,how_met,tier,cadence_days,email,profile_url,tags,notes"
)
TYPED = ["=Rating", "+1 if met", "-minus", "@who", "\tTabbed", "'=quoted", "Plain"]
"""The own headings as the log reads them: as typed, and a ``'`` before a formula start read
as the spreadsheet's "this is text" mark, as in a cell (so ``''=quoted`` reads ``'=quoted``)."""
CONTACTS = (
    "contact_id,name,tier,=Rating,+1 if met,-minus,@who,\"\tTabbed\",''=quoted,Plain\n"
    "c001,Amara Osei,close,5,yes,a,b,c,d,e\n"
    "c002,Zoë Whitfield,active,,,,,,,\n"
)
INTERACTIONS_CSV = (
    "date,contact_id,channel,kind,initiated_by,note\n"
    "2024-03-12,c001,in_person,first_meeting,me,Coffee near the station\n"
)


def _header(folder: Path) -> list[str]:
    text = (folder / "contacts.csv").read_text(encoding="utf-8")
    return next(csv.reader(io.StringIO(text)))


def test_own_headings_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS_CSV)
    add_contact(folder, contact_id="c003", name="Ben Okafor")
    assert _header(folder) == [
        *STANDARD.split(","),
        "'=Rating",
        "'+1 if met",
        "'-minus",
        "'@who",
        "'\tTabbed",
        "''=quoted",  # a ' of its own: one more, so reading gives back the one typed
        "Plain",
    ]
    # nothing in the header row starts a formula any more
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in _header(folder))


def test_loading_reads_the_heading_as_typed_and_saving_again_is_stable(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS_CSV)
    add_contact(folder, contact_id="c003", name="Ben Okafor")
    first = (folder / "contacts.csv").read_bytes()
    _, typed = read_csv_with_header(folder / "contacts.csv")
    assert typed[len(STANDARD.split(",")) :] == TYPED
    header = read_csv_header(folder / "contacts.csv")
    assert header is not None and header[-len(TYPED) :] == [
        "=rating",
        "+1_if_met",
        "minus",  # (a "-" reads as a space in a heading, as before)
        "@who",
        "tabbed",
        "'=quoted",
        "plain",
    ]
    save_log(load_log(folder))
    assert (folder / "contacts.csv").read_bytes() == first  # the quotes never pile up
    save_log(load_log(folder))
    assert (folder / "contacts.csv").read_bytes() == first
    saved = load_log(folder)
    assert saved.contacts["contact_id"].tolist() == ["c001", "c002", "c003"]
    with (folder / "contacts.csv").open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[1][-len(TYPED) :] == ["5", "yes", "a", "b", "c", "d", "e"]


def test_standard_headings_and_plain_own_headings_are_written_as_before(tmp_path: Path) -> None:
    contacts = "contact_id,name,tier,My Rating\nc001,Amara Osei,close,5\n"
    folder = write_log(tmp_path / "log", contacts, INTERACTIONS_CSV)
    save_log(load_log(folder))
    assert (folder / "contacts.csv").read_text(encoding="utf-8").splitlines()[0] == (
        STANDARD + ",My Rating"
    )
    interactions = (folder / "interactions.csv").read_text(encoding="utf-8")
    assert interactions.splitlines()[0] == "date,contact_id,channel,kind,initiated_by,note"
