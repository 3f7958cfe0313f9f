"""Cells a spreadsheet would run as formulas are written as text, everywhere a learner's CSV
is written (saving, the importers, the log form), and read back unchanged."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import write_log

from netcoach import schema
from netcoach.importers import import_into
from netcoach.loading import load_log
from netcoach.samples import sample_path
from netcoach.saving import add_contact, add_interaction, save_log
from netcoach.spreadsheet_cells import (
    as_text_cell,
    as_text_cells,
    from_text_cells,
)
from netcoach.widgets.log_form import ADD_CONTACT, LogForm

HOSTILE = '=HYPERLINK("http://x.example.com","Click")'
AWKWARD = [
    HOSTILE,
    "+44 20 7946 0000",
    "-",
    "-2+3",
    "@SUM(A1)",
    "'=already quoted",
    "''+twice",
    "Connor's",
    "'quoted but harmless",
    "plain",
    "",
]


def cells(path: Path) -> list[list[str]]:
    """The cells of a CSV exactly as a spreadsheet receives them."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def formula_cells(path: Path) -> list[str]:
    return [c for row in cells(path) for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_one_cell() -> None:
    assert as_text_cell(HOSTILE) == "'" + HOSTILE
    for start in ("+", "-", "@", "\t", "\r"):
        assert as_text_cell(start + "1") == "'" + start + "1"
    assert as_text_cell("'=x") == "''=x"  # so reading it back gives "'=x" again
    for same in ("plain", "", "'", "Connor's", "'quoted but harmless", "a=b"):
        assert as_text_cell(same) == same


def test_a_column_agrees_with_one_cell_and_reads_back_exactly() -> None:
    column = pd.Series(AWKWARD, dtype=object)
    written = as_text_cells(column)
    assert list(written) == [as_text_cell(v) for v in AWKWARD]
    assert list(from_text_cells(written)) == AWKWARD
    assert list(as_text_cells(from_text_cells(written))) == list(written)  # no quotes pile up
    assert as_text_cells(column.astype("string")).tolist() == list(written)


def test_saved_log_holds_no_formula_and_loads_back_unchanged(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    add_contact(folder, contact_id="x1", name=HOSTILE, organisation="+44 20 7946 0000")
    add_contact(folder, contact_id="x2", name="-", role="@boss", notes="'=typed by hand")
    add_interaction(
        folder, date="2024-03-20", contact_id="x1", channel="email", kind="check_in", note="-1"
    )
    contacts, interactions = folder / schema.CONTACTS_FILE, folder / schema.INTERACTIONS_FILE
    assert formula_cells(contacts) == formula_cells(interactions) == []
    assert cells(contacts)[-2][:3] == ["x1", "'" + HOSTILE, "'+44 20 7946 0000"]
    assert cells(interactions)[-1][-1] == "'-1"

    log = load_log(folder)
    people = log.contacts.set_index("contact_id")
    assert people.loc["x1", "name"] == HOSTILE
    assert people.loc["x1", "organisation"] == "+44 20 7946 0000"
    assert (people.loc["x2", "name"], people.loc["x2", "role"]) == ("-", "@boss")
    assert people.loc["x2", "notes"] == "'=typed by hand"
    assert log.interactions["note"].iloc[-1] == "-1"

    before = {p.name: p.read_bytes() for p in (contacts, interactions)}
    save_log(log)  # save, load, save: the same bytes, no extra quotes
    save_log(load_log(folder))
    assert {p.name: p.read_bytes() for p in (contacts, interactions)} == before


def test_a_hand_written_formula_is_made_safe_on_the_next_save(tmp_path: Path) -> None:
    folder = write_log(
        tmp_path / "log",
        "contact_id,name,organisation\nc1,=1+1,'+44 20 7946 0000\n",
        None,
    )
    save_log(load_log(folder))
    assert cells(folder / schema.CONTACTS_FILE)[1][:3] == ["c1", "'=1+1", "'+44 20 7946 0000"]


def test_imported_people_are_saved_as_text(tmp_path: Path) -> None:
    card = tmp_path / "people.vcf"
    escaped = HOSTILE.replace(",", "\\,")  # a vCard escapes its commas
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\n"
        f"FN:{escaped}\nEMAIL:x@example.com\nORG:-cmd|' /C calc'!A0\nTITLE:@Head\n"
        "NOTE:+1 then more\nEND:VCARD\n",
        encoding="utf-8",
    )
    folder = tmp_path / "my-network"
    import_into(folder, [card])
    assert formula_cells(folder / schema.CONTACTS_FILE) == []
    [person] = load_log(folder).contacts.to_dict("records")
    assert (person["name"], person["organisation"], person["role"]) == (
        HOSTILE,
        "-cmd|' /C calc'!A0",
        "@Head",
    )
    import_into(folder, [card])  # importing again finds the same person and changes nothing
    assert len(load_log(folder).contacts) == 1


@pytest.mark.parametrize("field", ["name", "organisation", "role", "notes"])
def test_the_log_form_saves_a_formula_as_text(tmp_path: Path, field: str) -> None:
    folder = tmp_path / "graduate"
    shutil.copytree(sample_path("graduate"), folder)
    form = LogForm(folder)
    form.what.value = ADD_CONTACT
    form.contact_id.value = "new-1"
    form.name.value = "Wren Newcombe"
    getattr(form, field).value = "=2+5"
    form.save_button.click()
    assert form.message.kind == "success", form.message.text
    assert formula_cells(folder / schema.CONTACTS_FILE) == []
    assert load_log(folder).contacts.iloc[-1][field] == "=2+5"
