"""Columns the learner adds to the CSVs ("My Rating", ``follow_up_done``) survive every
save: add_contact, add_interaction, save_log and an import. They come after the standard
columns, in the learner's order; each row keeps its own cells and a new row gets blanks."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers import CONTACTS_CSV, INTERACTIONS_CSV, write_log

from netcoach.importers import SourceFile, import_into
from netcoach.loading import load_log
from netcoach.saving import add_contact, add_interaction, save_log


def _with_column(text: str, name: str, values: list[str]) -> str:
    """``text`` with a column ``name`` added before the others (spreadsheet-style)."""
    rows = list(csv.reader(io.StringIO(text)))
    cells = [name, *values, *[""] * (len(rows) - 1 - len(values))]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [[cell, *row] for cell, row in zip(cells, rows, strict=True)]
    )
    return out.getvalue()


def _own_log(tmp_path: Path) -> Path:
    contacts = _with_column(CONTACTS_CSV, "My Rating", ["5", "=4", "3, maybe"])
    interactions = _with_column(INTERACTIONS_CSV, "follow_up_done", ["yes", "no"])
    return write_log(tmp_path / "log", contacts=contacts, interactions=interactions)


def _table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_add_contact_keeps_the_learners_columns(tmp_path: Path) -> None:
    folder = _own_log(tmp_path)
    add_contact(folder, contact_id="c004", name="Priya Shah")
    rows = _table(folder, "contacts.csv")
    assert list(rows[0])[-1] == "My Rating"  # after the standard columns, as typed
    assert [r["My Rating"] for r in rows[:3]] == ["5", "'=4", "3, maybe"]
    assert rows[-1]["name"] == "Priya Shah" and rows[-1]["My Rating"] == ""
    assert [r["follow_up_done"] for r in _table(folder, "interactions.csv")][:2] == ["yes", "no"]


def test_add_interaction_and_save_log_keep_them(tmp_path: Path) -> None:
    folder = _own_log(tmp_path)
    before = len(_table(folder, "interactions.csv"))
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="thanked")
    save_log(load_log(folder))
    rows = _table(folder, "interactions.csv")
    assert len(rows) == before + 1
    assert [r["follow_up_done"] for r in rows] == ["yes", "no", *[""] * (before - 1)]
    assert [r["My Rating"] for r in _table(folder, "contacts.csv")][:2] == ["5", "'=4"]


def test_import_keeps_them(tmp_path: Path) -> None:
    folder = _own_log(tmp_path)
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nadia Okafor\nEMAIL:nadia@example.com\nEND:VCARD\n"
    summary = import_into(folder, [SourceFile("contacts_v4.vcf", card)])
    assert summary.changed
    rows = _table(folder, "contacts.csv")
    assert [r["My Rating"] for r in rows[:3]] == ["5", "'=4", "3, maybe"]
    assert rows[-1]["name"] == "Nadia Okafor" and rows[-1]["My Rating"] == ""
    assert [r["follow_up_done"] for r in _table(folder, "interactions.csv")][:2] == ["yes", "no"]


def test_import_matches_cells_by_line_even_after_a_blank_line(tmp_path: Path) -> None:
    folder = _own_log(tmp_path)
    lines = (folder / "contacts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "contacts.csv").write_text("".join([*lines[:2], "\n", *lines[2:]]), "utf-8")
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nadia Okafor\nEMAIL:nadia@example.com\nEND:VCARD\n"
    import_into(folder, [SourceFile("contacts_v4.vcf", card)])
    rows = _table(folder, "contacts.csv")
    assert [r["My Rating"] for r in rows[:3]] == ["5", "'=4", "3, maybe"]
    assert rows[-1]["My Rating"] == ""
