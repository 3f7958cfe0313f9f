"""A log object whose files changed on disk after it was loaded (sorted in a spreadsheet, a
row added, another program's save) is not saved: writing it would undo that change, and
save_log gives each row the learner's own cells of the line it was loaded from, which may
now hold another row. The refusal names the file, and nothing is written. The usual flows
(add_contact, add_interaction, an import, saving a log changed in code, a log built in
memory, the log a save returns) still save."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from helpers import folder_digest, write_log

from netcoach.importers import SourceFile, import_into
from netcoach.loading import load_log
from netcoach.log import NetworkLog
from netcoach.saving import LogChangedOnDisk, add_contact, add_interaction, save_log

CONTACTS = (
    "contact_id,name,tier,my_rating\n"
    "c001,Amara Osei,close,5\n"
    "c002,Zoë Whitfield,active,2\n"
    "c003,Ben Okafor,outer,3\n"
)
INTERACTIONS = (
    "date,contact_id,channel,kind,initiated_by,note,follow_up\n"
    "2024-03-12,c001,in_person,first_meeting,me,Coffee,call in May\n"
    "2024-03-15,c002,email,received_lead,them,Analyst role,\n"
    "2024-03-16,c002,email,thanked,me,,send the CV\n"
)


def _own(folder: Path, name: str) -> dict[str, str]:
    """Each row's first cell (contact_id, or date and contact) -> its last (own) cell."""
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))[1:]
    if name == "contacts.csv":
        return {line[0]: line[-1] for line in lines}
    return {f"{line[0]} {line[1]}": line[-1] for line in lines}


def test_a_file_sorted_in_a_spreadsheet_after_loading_is_refused(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    log = load_log(folder)
    sorted_by_name = (
        "contact_id,name,tier,my_rating\n"
        "c001,Amara Osei,close,5\n"
        "c003,Ben Okafor,outer,3\n"
        "c002,Zoë Whitfield,active,2\n"
    )
    (folder / "contacts.csv").write_text(sorted_by_name, encoding="utf-8")
    before = folder_digest(folder)
    with pytest.raises(LogChangedOnDisk) as err:
        save_log(log)
    assert str(err.value) == (
        f"contacts.csv in {folder} changed after this log was loaded (another save, or an edit "
        "in a spreadsheet), so saving it would undo that change. Load the log again (after a "
        "save, use the log save_log returned) and make your change again. Nothing was saved."
    )
    assert folder_digest(folder) == before
    save_log(load_log(folder))  # loaded again, it saves, each rating with its contact
    assert _own(folder, "contacts.csv") == {"c001": "5", "c002": "2", "c003": "3"}


def test_an_interaction_added_above_by_another_save_is_refused(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    log = load_log(folder)
    lines = (folder / "interactions.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(1, "2024-03-01,c003,email,reached_out,me,,ask about Tidewater")
    (folder / "interactions.csv").write_text("\n".join([*lines, ""]), encoding="utf-8")
    before = folder_digest(folder)
    with pytest.raises(LogChangedOnDisk, match=r"^interactions\.csv in .* changed after"):
        save_log(log)
    assert folder_digest(folder) == before


@pytest.mark.parametrize("own_columns", [True, False])
def test_a_row_added_at_the_end_after_loading_is_not_lost(
    tmp_path: Path, own_columns: bool
) -> None:
    contacts = CONTACTS if own_columns else "contact_id,name\nc001,Amara Osei\nc002,Zoë Whitfield\n"
    folder = write_log(tmp_path / "log", contacts, INTERACTIONS)
    log = load_log(folder)
    add_contact(folder, contact_id="c004", name="Priya Shah")  # e.g. from the log form
    with pytest.raises(LogChangedOnDisk, match=r"^contacts\.csv in .* changed after"):
        save_log(log)
    assert "c004" in load_log(folder).contacts["contact_id"].tolist()


def test_any_change_on_disk_is_refused_even_one_that_keeps_every_row(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    log = load_log(folder)
    text = (folder / "interactions.csv").read_text(encoding="utf-8")
    (folder / "interactions.csv").write_text(
        text.replace("Coffee", "Coffee at Tidewater"), encoding="utf-8"
    )
    with pytest.raises(LogChangedOnDisk, match=r"^interactions\.csv in "):
        save_log(log)
    assert "Coffee at Tidewater" in (folder / "interactions.csv").read_text(encoding="utf-8")


def test_the_usual_flows_still_save(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    add_contact(folder, contact_id="c004", name="Priya Shah")
    add_interaction(folder, date="2024-05-01", contact_id="c004", channel="email", kind="thanked")
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nadia Okafor\nEMAIL:nadia@example.com\nEND:VCARD\n"
    assert import_into(folder, [SourceFile("nadia.vcf", card)]).changed
    own = _own(folder, "contacts.csv")
    assert len(own) == 5
    assert {k: own[k] for k in ("c001", "c002", "c003", "c004")} == {
        "c001": "5",
        "c002": "2",
        "c003": "3",
        "c004": "",
    }
    # a log changed in code: a row removed, a cell changed, a contact_id renamed everywhere
    log = load_log(folder)
    log.contacts = log.contacts[log.contacts["contact_id"] != "c003"].copy()
    log.contacts.loc[log.contacts["contact_id"] == "c002", "tier"] = "close"
    log.contacts["contact_id"] = log.contacts["contact_id"].replace("c001", "amara")
    log.interactions["contact_id"] = log.interactions["contact_id"].replace("c001", "amara")
    save_log(log)
    own = _own(folder, "contacts.csv")
    assert len(own) == 4
    assert {k: own[k] for k in ("amara", "c002", "c004")} == {"amara": "5", "c002": "2", "c004": ""}
    assert _own(folder, "interactions.csv")["2024-03-12 amara"] == "call in May"
    # the log each save returns saves again
    save_log(save_log(load_log(folder)))


def test_a_log_built_in_memory_still_saves(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    built = NetworkLog.from_frames(
        pd.DataFrame({"contact_id": ["c009"], "name": ["Wren Newcombe"]}), pd.DataFrame()
    )
    save_log(built, folder)
    assert load_log(folder).contacts["contact_id"].tolist() == ["c009"]


def test_saving_the_same_log_object_twice_is_refused_but_the_returned_log_saves(
    tmp_path: Path,
) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    log = load_log(folder)
    log.contacts = log.contacts[log.contacts["contact_id"] != "c002"].copy()  # lines move up
    log.interactions = log.interactions[log.interactions["contact_id"] != "c002"].copy()
    saved = save_log(log)
    with pytest.raises(LogChangedOnDisk, match="use the log save_log returned"):
        save_log(log)  # its rows still carry the old lines: c003's rating would go astray
    save_log(saved)
    assert _own(folder, "contacts.csv") == {"c001": "5", "c003": "3"}
