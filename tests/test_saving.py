"""save_log, add_contact, add_interaction, undo_last and create_log: canonical files,
atomic replacement (a crash loses nothing), refusal of bad rows, and undo."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd
import pytest
from helpers import CONTACTS_CSV, INTERACTIONS_CSV, folder_digest, network_logs, write_log
from hypothesis import HealthCheck, given, settings

from netcoach import saving, schema
from netcoach.loading import load_log
from netcoach.log import NetworkLog
from netcoach.saving import add_contact, add_interaction, create_log, save_log, undo_last
from netcoach.validation import LogValidationError


def log_files(folder: Path) -> dict[str, str]:
    """The digests of the two CSVs only (backups are allowed to appear)."""
    digest = folder_digest(folder)
    return {name: digest[name] for name in saving.LOG_FILES if name in digest}


def test_save_writes_canonical_csv(tmp_path: Path) -> None:
    quirky = INTERACTIONS_CSV.replace("2024-03-15,c002,email", "15/03/2024,C002, Email ")
    log = load_log(write_log(tmp_path / "in", interactions=quirky))
    save_log(log, tmp_path / "out", stamp="0001")
    text = (tmp_path / "out" / "interactions.csv").read_bytes().decode("utf-8")
    assert text.splitlines()[0] == ",".join(schema.INTERACTION_COLUMNS)
    assert "2024-03-15,c002,email,received_lead,them,Analyst role at Tidewater\n" in text
    assert "2024-03-16,c002,email,thanked,me,\n" in text  # blank initiated_by made explicit
    assert "\r" not in text
    contacts = (tmp_path / "out" / "contacts.csv").read_text(encoding="utf-8")
    assert contacts == CONTACTS_CSV.replace(",,,,,,,,,\n", ",,,,outer,,,,,\n")


def test_save_then_load_is_the_same_log(tmp_path: Path) -> None:
    log = load_log(write_log(tmp_path / "log"))
    saved = save_log(log, tmp_path / "copy")
    again = load_log(tmp_path / "copy")
    pd.testing.assert_frame_equal(again.contacts, saved.contacts)
    pd.testing.assert_frame_equal(again.interactions, saved.interactions)
    pd.testing.assert_frame_equal(again.interactions, log.interactions)


def test_save_keeps_the_previous_version_in_backup(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    log = load_log(folder)
    save_log(log, stamp="0001")
    assert (folder / ".backup" / "0001" / "contacts.csv").read_text() == CONTACTS_CSV
    assert not list(folder.glob(".*.tmp"))


def test_save_refuses_an_invalid_log_and_writes_nothing(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    log = load_log(folder)
    log.interactions.loc[0, "channel"] = "fax"
    before = folder_digest(folder)
    with pytest.raises(LogValidationError):
        save_log(log)
    assert folder_digest(folder) == before


def test_a_crash_before_any_file_is_replaced_leaves_the_old_files(tmp_path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    before = folder_digest(folder)
    log = load_log(folder)

    def crash(*args, **kwargs):
        raise OSError("disk unplugged")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk unplugged"):
        add_contact(folder, contact_id="c004", name="Priya Shah")
    assert folder_digest(folder) == before  # no temp files, no backup, same bytes
    monkeypatch.undo()
    pd.testing.assert_frame_equal(load_log(folder).contacts, log.contacts)


def test_a_crash_between_the_two_files_rolls_back(tmp_path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    before = folder_digest(folder)
    real_replace = os.replace
    calls = []

    def crash_on_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("power cut")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_second)
    log = load_log(folder)
    log.interactions = log.interactions.iloc[:2]
    log.contacts.loc[0, "notes"] = "changed"
    with pytest.raises(OSError, match="power cut"):
        save_log(log)
    assert folder_digest(folder) == before
    assert len(load_log(folder).interactions) == 4


def test_add_contact_appends_and_keeps_every_row(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    log = add_contact(folder, contact_id="c004", name=" Priya Shah ", tier="Inner", cadence_days=21)
    new = log.contacts.iloc[-1]
    assert (new["contact_id"], new["name"], new["tier"], new["cadence_days"], new["row"]) == (
        "c004",
        "Priya Shah",
        "inner",
        21,
        5,
    )
    reloaded = load_log(folder)
    assert reloaded.contacts["contact_id"].tolist() == ["c001", "c002", "c003", "c004"]
    pd.testing.assert_frame_equal(reloaded.contacts, log.contacts)
    assert len(reloaded.interactions) == 4


def test_add_interaction_appends(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    log = add_interaction(
        folder, date="20/04/2024", contact_id="C003", channel="Zoom", kind="check-in"
    )
    new = log.interactions.iloc[-1]
    assert new[["contact_id", "channel", "kind", "initiated_by"]].tolist() == [
        "c003",
        "video",
        "check_in",
        "me",
    ]
    assert new["date"] == pd.Timestamp("2024-04-20")
    pd.testing.assert_frame_equal(load_log(folder).interactions, log.interactions)


def test_add_refuses_a_bad_row_and_changes_nothing(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    before = folder_digest(folder)
    with pytest.raises(LogValidationError) as info:
        add_contact(folder, contact_id="C001", name="Someone Else")
    [p] = info.value.problems
    assert (p.file, p.row, p.column) == ("contacts.csv", 5, "contact_id")
    assert "rows 2 and 5" in p.message
    with pytest.raises(LogValidationError) as info:
        add_interaction(folder, date="2024-05-01", contact_id="c999", channel="fax", kind="other")
    assert {(p.row, p.column) for p in info.value.problems} == {(6, "contact_id"), (6, "channel")}
    with pytest.raises(TypeError):
        add_contact(folder, contact_id="c005", name="X", favourite_colour="blue")
    assert folder_digest(folder) == before


def test_add_then_undo_restores_the_exact_files(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    original = log_files(folder)
    add_contact(folder, contact_id="c004", name="Priya Shah", stamp="0001")
    after_first = log_files(folder)
    add_interaction(
        folder,
        date="2024-05-01",
        contact_id="c004",
        channel="phone",
        kind="first_meeting",
        stamp="0002",
    )
    undone = undo_last(folder)
    assert undone is not None
    assert undone.description == (
        "adding first_meeting with c004 on 2024-05-01 to interactions.csv"
    )
    assert log_files(folder) == after_first
    assert undo_last(folder).description == "adding Priya Shah (c004) to contacts.csv"
    assert log_files(folder) == original
    assert undo_last(folder) is None


def test_undo_restores_a_cp1252_file_byte_for_byte(tmp_path: Path) -> None:
    windows = CONTACTS_CSV.replace("\n", "\r\n").encode("cp1252")
    folder = write_log(tmp_path / "log", contacts=windows)
    before = log_files(folder)
    add_contact(folder, contact_id="c004", name="Chloé Martin")
    assert "Chloé Martin" in (folder / "contacts.csv").read_text(encoding="utf-8")
    undo_last(folder)
    assert log_files(folder) == before


def test_undo_removes_a_file_that_did_not_exist_before(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", interactions=None)
    add_interaction(folder, date="2024-05-01", contact_id="c001", channel="email", kind="shared")
    assert (folder / "interactions.csv").exists()
    undo_last(folder)
    assert not (folder / "interactions.csv").exists()


def test_old_backups_are_pruned(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    log = load_log(folder)
    for n in range(5):
        log.contacts.loc[0, "notes"] = f"note {n}"  # a change each time: each save is kept
        log = save_log(log, stamp=f"{n:04d}", keep_backups=3)
    assert sorted(p.name for p in (folder / ".backup").iterdir()) == ["0002", "0003", "0004"]


def test_a_save_that_changes_nothing_adds_no_undo_step(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    original = (folder / "contacts.csv").read_bytes()
    log = load_log(folder)
    log.contacts.loc[0, "notes"] = "met at the careers fair"
    log = save_log(log, stamp="0001", description="a note")
    before = folder_digest(folder)
    save_log(log, stamp="0002")
    assert folder_digest(folder) == before  # no new backup, so Undo takes back the real save
    assert undo_last(folder).description == "a note"
    assert (folder / "contacts.csv").read_bytes() == original


def test_create_log_from_templates_and_refuse_to_overwrite(tmp_path: Path) -> None:
    folder = create_log(tmp_path / "my-network")
    log = load_log(folder)
    assert len(log.contacts) == 0 and len(log.interactions) == 0
    assert (folder / "settings.toml").exists()
    add_contact(folder, contact_id="c001", name="Amara Osei")
    with pytest.raises(FileExistsError):
        create_log(folder)
    assert load_log(folder).contacts["name"].tolist() == ["Amara Osei"]


def test_csv_bytes_quotes_only_where_needed() -> None:
    frame = pd.DataFrame({"a": ["x", "", "a,b", 'q"z', "l1\nl2", "r\rx"], "b": list("123456")})
    text = saving.csv_bytes(frame.astype(str)).decode("utf-8")
    assert text == 'a,b\nx,1\n,2\n"a,b",3\n"q""z",4\n"l1\nl2",5\n"r\rx",6\n'
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1:] == frame.to_numpy().tolist()


# --- property: save then load returns the same tables ------------------------------------------


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(log=network_logs())
def test_save_then_load_returns_equal_tables(tmp_path: Path, log: NetworkLog) -> None:
    folder = tmp_path / "prop"
    if folder.exists():
        for p in folder.glob("*.csv"):
            p.unlink()
    save_log(log, folder, keep_backups=1)
    loaded = load_log(folder)
    pd.testing.assert_frame_equal(loaded.contacts, log.contacts)
    pd.testing.assert_frame_equal(loaded.interactions, log.interactions)
