"""Exports given where a log is wanted: "Score my network" and ``netcoach score`` say to
import them (found by the importers' own detection), not to rename them or that a column
is missing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from helpers import CONTACTS_CSV, INTERACTIONS_CSV, uploaded, write_log

from netcoach.cli import main
from netcoach.widgets.score_view import score_my_network

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "importers"
CONNECTIONS = FIXTURES / "linkedin" / "Connections.csv"
GOOGLE = FIXTURES / "google_contacts.csv"
TODAY = dt.date(2025, 10, 15)


def upload(name: str, path: Path) -> dict:
    return uploaded(name, path.read_bytes(), "text/csv")


def says_import_it(text: str, name: str, what: str) -> bool:
    return (
        f"{name} looks like {what}, not a log file" in text
        and f"netcoach import {name} --into" in text
        and "How to import your network" in text
    )


def test_linkedin_connections_upload_is_said_to_be_an_export() -> None:
    """Was: 'did not recognise Connections.csv: name the files contacts.csv ...'."""
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (upload("Connections.csv", CONNECTIONS),)
    assert view.message.kind == "error"
    assert says_import_it(view.message.text, "Connections.csv", "a LinkedIn export")
    assert "name the files" not in view.message.text
    assert view.network_log is None


def test_connections_renamed_as_the_old_advice_said_is_said_to_be_an_export() -> None:
    """Was: 'contacts.csv, row 4: this row has 7 cells but the header has 1 ...'."""
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (upload("contacts.csv", CONNECTIONS),)
    assert view.message.kind == "error"
    assert says_import_it(view.message.text, "contacts.csv", "a LinkedIn export")
    assert "cells" not in view.message.value
    assert view.network_log is None


def test_google_export_uploaded_under_its_own_name_is_said_to_be_an_export() -> None:
    """Google names its export contacts.csv. Was: 'the required column contact_id is
    missing'."""
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (upload("contacts.csv", GOOGLE),)
    assert says_import_it(view.message.text, "contacts.csv", "a Google Contacts export")
    assert "contact_id" not in view.message.value
    # Named as uploaded, never as the temporary copy.
    assert "netcoach-upload" not in view.message.value


def test_every_export_among_the_uploads_is_named_and_other_files_still_are() -> None:
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (
        upload("contacts.csv", GOOGLE),
        upload("Connections.csv", CONNECTIONS),
        upload("holiday-photos.csv", GOOGLE.with_name("calendar.ics")),
        upload("notes.csv", Path(__file__)),
    )
    text = view.message.text
    assert says_import_it(text, "contacts.csv", "a Google Contacts export")
    assert says_import_it(text, "Connections.csv", "a LinkedIn export")
    assert says_import_it(text, "holiday-photos.csv", "a calendar file")
    assert "did not recognise notes.csv: name the files" in text


def test_google_export_in_the_log_folder_is_said_to_be_an_export(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "my-network", GOOGLE.read_bytes(), INTERACTIONS_CSV)
    view = score_my_network(folder=folder, today=TODAY)
    text = view.message.text
    assert view.message.kind == "error" and view.network_log is None
    assert f"contacts.csv in {folder} looks like a Google Contacts export" in text
    assert "move it out of that folder" in text and f"--into {folder}" in text
    assert "contact_id" not in view.message.value


def test_the_score_command_says_the_same(tmp_path: Path, capsys) -> None:
    folder = write_log(tmp_path / "my-network", GOOGLE.read_bytes(), INTERACTIONS_CSV)
    assert main(["score", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"contacts.csv in {folder} looks like a Google Contacts export" in err
    assert "move it out of that folder" in err
    assert "contact_id" not in err


def test_a_log_with_an_export_like_column_keeps_its_own_messages(tmp_path: Path, capsys) -> None:
    """A log's own contacts.csv (it has contact_id) is never taken for an export, even with
    a column an export has and a problem that stops it loading."""
    contacts = CONTACTS_CSV.replace(",notes\n", ",notes,Labels\n", 1)
    bad = INTERACTIONS_CSV.replace("2024-03-12", "2024-13-45")
    folder = write_log(tmp_path / "my-network", contacts, bad)
    assert main(["score", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "looks like" not in err and "2024-13-45" in err
    view = score_my_network(folder=folder, today=TODAY)
    assert view.message.kind == "error"
    assert "looks like" not in view.message.value and "2024-13-45" in view.message.value


@pytest.mark.parametrize("how", ["command", "widget"])
def test_a_folder_that_does_not_exist_is_said_not_to(tmp_path: Path, how: str, capsys) -> None:
    """Item 3 of the review: a missing folder is named as one (loading says so), not as a
    missing contacts.csv."""
    missing = tmp_path / "nowhere"
    if how == "command":
        assert main(["score", str(missing)]) == 2
        text = capsys.readouterr().err
    else:
        text = score_my_network(folder=missing, today=TODAY).message.value
    assert "this folder does not exist" in text
    assert "the file is missing" not in text


def test_the_importers_are_read_only_when_a_file_is_not_a_log() -> None:
    """Making the widget does not import the importers (icalendar, vobject): only a file
    that fails to load as a log is looked at with them."""
    import subprocess

    code = (
        "import sys; import netcoach.widgets.score_view; "
        "print(any(m.startswith('netcoach.importers') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
