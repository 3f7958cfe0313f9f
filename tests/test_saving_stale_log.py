"""save_log gives each row of the log the learner's own cells of the line it was loaded from.
When the file changed on disk after the log was loaded (sorted in a spreadsheet, a row added
above, another program's save) those lines hold other rows, so saving the old log object is
refused, naming the file, and nothing is written. The usual flows (add_contact,
add_interaction, an import, saving a log changed in code, a log built in memory) still save."""

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
        "contacts.csv changed on disk since this log was loaded: row 3 now holds contact_id "
        '"c003", where this log has contact_id "c002", so the cells of your own columns would '
        "land on the wrong rows. Load it again (and make your change again). Nothing was saved."
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
    with pytest.raises(LogChangedOnDisk, match=r"^interactions\.csv changed on disk") as err:
        save_log(log)
    assert 'row 2 now holds contact_id "c003" on 2024-03-01' in str(err.value)
    assert str(err.value).endswith("Nothing was saved.")
    assert folder_digest(folder) == before


def test_a_date_retyped_by_a_spreadsheet_is_the_same_row(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", CONTACTS, INTERACTIONS)
    log = load_log(folder)
    text = (folder / "interactions.csv").read_text(encoding="utf-8")
    (folder / "interactions.csv").write_text(
        text.replace("2024-03-12,", "12/03/2024,"), encoding="utf-8"
    )
    save_log(log)
    assert _own(folder, "interactions.csv")["2024-03-12 c001"] == "call in May"


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
