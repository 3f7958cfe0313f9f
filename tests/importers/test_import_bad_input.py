"""Bad input gives a clear message naming file, row and column, and leaves the log untouched."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import FIXTURES, LINKEDIN, snapshot

from netcoach.importers import SourceFile, import_into
from netcoach.validation import LogValidationError


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", (LINKEDIN / "Connections.csv").read_bytes() * 50)
    return buffer.getvalue()


def _broken_quote() -> bytes:
    text = (FIXTURES / "google_contacts_old.csv").read_text(encoding="utf-8")
    return text.replace("Met at the alumni dinner", '"Met at the alumni dinner').encode()


BAD = {
    "unknown file": (
        SourceFile("holiday.txt", b"just some words\n"),
        "holiday.txt",
        None,
        None,
        "does not know this file",
    ),
    "binary garbage": (
        SourceFile("contacts.csv", bytes(range(256)) * 4),
        "contacts.csv",
        None,
        None,
        "does not know this file",
    ),
    "truncated zip": (
        SourceFile("export.zip", _zip_bytes()[:-200]),
        "export.zip",
        None,
        None,
        "damaged",
    ),
    "zip without export files": (
        SourceFile("photos.zip", b"PK\x05\x06" + b"\0" * 18),
        "photos.zip",
        None,
        None,
        "nothing to import",
    ),
    "broken quoting": (
        SourceFile("contacts.csv", _broken_quote()),
        "contacts.csv",
        3,
        None,
        "quote",
    ),
    "calendar bad dates": (
        SourceFile.from_path(FIXTURES / "bad_dates.ics"),
        "bad_dates.ics",
        13,
        "DTSTART",
        "not a date",
    ),
    "broken utf-16": (
        SourceFile("phone.vcf", b"\xff\xfeB\x00E\x00G\x00\x00\xd8"),
        "phone.vcf",
        None,
        None,
        "encoding",
    ),
    "vcard cut short": (
        SourceFile(
            "phone.vcf",
            b"BEGIN:VCARD\nVERSION:3.0\nFN:Ann One\nEMAIL:ann@example.com\nEND:VCARD\n"
            b"BEGIN:VCARD\nVERSION:3.0\nFN:Ben Two\nEMAIL:ben@exa",
        ),
        "phone.vcf",
        6,
        None,
        "no END:VCARD",
    ),
    "vcard without END before the next card": (
        SourceFile(
            "phone.vcf",
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann One\r\nEMAIL:ann@example.com\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Two\r\nEND:VCARD\r\n",
        ),
        "phone.vcf",
        1,
        None,
        "no END:VCARD",
    ),
    "connections without names": (
        SourceFile("Connections.csv", b"Company,Position\nA,B\n"),
        "Connections.csv",
        1,
        "First Name",
        "no column",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_message_and_log_byte_identical(case, learner_log):
    source, file, row, column, words = BAD[case]
    before = snapshot(learner_log)
    good = LINKEDIN / "Connections.csv"  # a good file alongside does not get half-imported
    with pytest.raises(LogValidationError) as caught:
        import_into(learner_log, [good, source])
    problem = caught.value.problems[0]
    assert problem.file == file
    assert problem.row == row
    assert problem.column == column
    assert words in problem.message
    assert snapshot(learner_log) == before


def test_missing_file(learner_log):
    before = snapshot(learner_log)
    with pytest.raises(LogValidationError, match="no such file"):
        import_into(learner_log, [learner_log / "nope.csv"])
    assert snapshot(learner_log) == before


def test_an_invalid_existing_log_is_left_alone(learner_log):
    (learner_log / "interactions.csv").write_text(
        "date,contact_id,channel,kind\nyesterday,c001,social,check_in\n"
    )
    before = snapshot(learner_log)
    with pytest.raises(LogValidationError) as caught:
        import_into(learner_log, [LINKEDIN / "Connections.csv"])
    assert caught.value.problems[0].file == "interactions.csv"
    assert snapshot(learner_log) == before


def test_a_failed_import_into_a_new_folder_creates_nothing(tmp_path):
    with pytest.raises(LogValidationError):
        import_into(tmp_path / "new", [SourceFile("a.txt", b"?")])
    assert not (tmp_path / "new").exists()


def test_into_a_file_instead_of_a_folder(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    with pytest.raises(LogValidationError, match="not a folder"):
        import_into(target, [LINKEDIN / "Connections.csv"])
    assert target.read_text() == "mine"
