"""When an import merges rows so that the log's own rows no longer come first, in their
order, each row still keeps the cells the learner typed in their own columns, and a line
with only such cells stays after the row it followed: keep_row_numbers finds the log's rows
wherever the merge put them (a contact by its id, an interaction by all its cells)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import write_log
from test_saving_own_only_rows import CONTACTS, INTERACTIONS, _lines

import netcoach.importers.apply
from netcoach.importers import SourceFile, import_into
from netcoach.loading import load_log
from netcoach.log import NetworkLog
from netcoach.saving import canonical_frames, keep_row_numbers, save_log


def _check(folder: Path, new_contact: str) -> None:
    contacts = [(line[1], line[-1]) for line in _lines(folder, "contacts.csv")[1:]]
    assert contacts == [
        ("", "'=ask Amara first"),  # first in the file, before any row: still first
        (new_contact, ""),
        ("Ben Okafor", "3"),
        ("", "met at the fair, twice"),  # still after Ben's row
        ("Zoë Whitfield", ""),
        ("Amara Osei", "5"),
    ]
    interactions = [(line[1], line[-1]) for line in _lines(folder, "interactions.csv")[1:]]
    assert interactions == [
        ("c004", ""),
        ("c002", "no"),
        ("c001", "yes"),
        ("", "remember to send the slides"),
    ]
    written = {n: (folder / n).read_bytes() for n in ("contacts.csv", "interactions.csv")}
    save_log(load_log(folder))
    assert {n: (folder / n).read_bytes() for n in written} == written


def _new_rows_first(contacts: pd.DataFrame, interactions: pd.DataFrame, added: str):
    """The tables with the log's rows reversed, after one new contact and interaction."""
    person = pd.DataFrame([{"contact_id": "c004", "name": added, "tier": "outer"}])
    event = pd.DataFrame([{"date": "2024-05-01", "contact_id": "c004", "channel": "email"}])
    event["kind"], event["initiated_by"] = "thanked", "me"
    contacts = pd.concat([person, contacts.iloc[::-1]], ignore_index=True).fillna("")
    interactions = pd.concat([event, interactions.iloc[::-1]], ignore_index=True).fillna("")
    return contacts, interactions


def test_own_cells_follow_their_rows_when_a_merge_reorders_them(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    log = load_log(folder)
    frames = canonical_frames(log)
    merged = NetworkLog.from_frames(
        *_new_rows_first(frames["contacts.csv"], frames["interactions.csv"], "Priya Shah")
    )
    merged.folder = folder
    keep_row_numbers(merged, log)
    assert merged.contacts["row"].tolist() == [7, 6, 4, 3]  # c004 new, then c003, c002, c001
    assert merged.interactions["row"].tolist() == [5, 4, 2]
    save_log(merged)
    _check(folder, "Priya Shah")


def test_an_import_that_reorders_rows_keeps_own_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    merge = netcoach.importers.apply.merge

    def reordering(contacts, interactions, batches):
        contacts, interactions, summary = merge(contacts, interactions, batches)
        log_contacts, log_interactions = contacts.iloc[:-1], interactions
        return (
            *_new_rows_first(log_contacts, log_interactions, contacts["name"].iloc[-1]),
            summary,
        )

    monkeypatch.setattr(netcoach.importers.apply, "merge", reordering)
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nadia Okafor\nEMAIL:nadia@example.com\nEND:VCARD\n"
    assert import_into(folder, [SourceFile("contacts_v4.vcf", card)]).changed
    _check(folder, "Nadia Okafor")
