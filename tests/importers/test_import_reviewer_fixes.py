"""Defects a reviewer found in the importers, each with the behaviour the page promises."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from conftest import LINKEDIN as LINKEDIN_FIXTURES

from netcoach.importers import SourceFile
from netcoach.importers.apply import import_into, read_sources
from netcoach.importers.ical import read_calendar
from netcoach.importers.linkedin import messages
from netcoach.importers.vcard import read_vcard
from netcoach.loading import MAX_FILE_BYTES
from netcoach.validation import LogValidationError

TODAY = dt.date(2025, 9, 1)


def calendar(*events: str) -> SourceFile:
    """A calendar of robin@example.com holding ``events`` (VEVENT bodies)."""
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-CALNAME:robin@example.com\n{body}END:VCALENDAR\n"
    return SourceFile("cal.ics", text.encode())


WEEKLY = """
UID:r1@example.com
DTSTART:20250106T100000Z
RRULE:FREQ=WEEKLY
SUMMARY:Weekly mentoring
LOCATION:https://zoom.us/j/1
ORGANIZER;CN=Dev:mailto:dev@example.com
ATTENDEE:mailto:robin@example.com
"""

ONE_OFF = """
UID:o1@example.com
DTSTART:20250601T100000Z
SUMMARY:Coffee
LOCATION:Cafe Example
ORGANIZER;CN=Kai:mailto:kai@example.com
ATTENDEE:mailto:robin@example.com
"""


def days(batch) -> list[str]:
    return sorted(set(batch.events["date"].dt.strftime("%Y-%m-%d")))


def test_a_repeat_with_no_end_is_imported_up_to_today():
    batch = read_calendar(calendar(WEEKLY), today=TODAY)
    found = days(batch)
    assert found[0] == "2025-01-06" and found[-1] == "2025-09-01"
    assert len(found) == 35  # every Monday from 6 January to 1 September


def test_a_repeat_with_no_end_is_not_cut_at_another_meeting():
    batch = read_calendar(calendar(WEEKLY, ONE_OFF), today=TODAY)
    dev = batch.events[batch.events["email"] == "dev@example.com"]
    assert dev["date"].max() == dt.datetime(2025, 9, 1)


def test_a_repeat_with_no_end_stops_at_until():
    batch = read_calendar(calendar(WEEKLY), until=dt.date(2025, 3, 1), today=TODAY)
    assert days(batch)[-1] == "2025-02-24"


DECLINED = """
UID:1@example.com
DTSTART:20240410T100000Z
SUMMARY:Coffee with Kai
LOCATION:Cafe Example
ORGANIZER;CN=Kai:mailto:kai@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:kai@example.com
ATTENDEE;PARTSTAT=DECLINED:mailto:robin@example.com
"""


def test_an_invitation_you_declined_is_left_out_and_counted():
    batch = read_calendar(calendar(DECLINED), today=TODAY)
    assert batch.events.empty
    assert batch.skipped == {"invitations you declined": 1}


def test_an_invitation_someone_else_declined_still_counts():
    other = DECLINED.replace("PARTSTAT=DECLINED:mailto:robin", "PARTSTAT=ACCEPTED:mailto:robin")
    other += "ATTENDEE;PARTSTAT=DECLINED:mailto:lee@example.com\n"
    batch = read_calendar(calendar(other), today=TODAY)
    assert list(batch.events["email"]) == ["kai@example.com"]


MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
ROBIN = "Robin Example,https://www.linkedin.com/in/robin-example"
JANE = "https://www.linkedin.com/in/jane-doe-example"
SAM = "https://www.linkedin.com/in/sam-roe-example"
KAI = "https://www.linkedin.com/in/kai-doe-example"


def message_names(*rows: str) -> list[str]:
    text = MESSAGES_HEADER + "".join(f"{r}\n" for r in rows)
    batch = messages(SourceFile("messages.csv", text.encode()))
    return sorted(set(batch.people["name"]))


def test_a_name_with_a_comma_is_one_person():
    assert message_names(
        f'c1,,{ROBIN},"Jane Doe, MBA",{JANE},2024-04-02 09:15:00 UTC,,hi,INBOX',
        f'c1,,"Jane Doe, MBA",{JANE},{ROBIN},2024-04-03 09:15:00 UTC,,hey,INBOX',
        f"c2,,{ROBIN},Sam Roe,{SAM},2024-04-05 09:15:00 UTC,,yo,INBOX",
    ) == ["Jane Doe, MBA", "Sam Roe"]


def test_names_with_commas_among_several_recipients_follow_the_links():
    assert message_names(
        f'c1,,{ROBIN},"Sam Roe, Jane Doe, MBA","{SAM}, {JANE}",2024-04-02 09:15:00 UTC,,hi,',
        f'c2,,{ROBIN},"Doe, Kai, Sam Roe","{KAI}, {SAM}",2024-04-02 09:15:00 UTC,,hi,',
    ) == ["Doe, Kai", "Jane Doe, MBA", "Sam Roe"]


def test_a_title_after_a_comma_stays_with_the_name_when_there_are_no_links():
    assert message_names(
        f'c1,,{ROBIN},"Jane Doe, PhD, Sam Roe",,2024-04-02 09:15:00 UTC,,hi,',
    ) == ["Jane Doe, PhD", "Sam Roe"]


def test_names_that_cannot_be_paired_keep_the_people_of_the_links():
    many = ", ".join(f"Person {i}" for i in range(14))
    batch = messages(
        SourceFile(
            "messages.csv",
            (
                MESSAGES_HEADER
                + f'c1,,{ROBIN},"{many}","{JANE}, {SAM}",2024-04-02 09:15:00 UTC,,hi,\n'
                + f'c2,,{ROBIN},Jane Doe,"{JANE}, {SAM}",2024-04-02 09:15:00 UTC,,hi,\n'
            ).encode(),
        )
    )
    assert set(batch.people["profile_url"]) == {JANE, SAM}


def test_an_export_is_read_without_writing_a_copy_anywhere(monkeypatch, tmp_path):

    written: list[str] = []

    def refuse(*args, **kwargs):
        written.append(str(args[:1]))
        raise AssertionError("a copy of the export was written to disk")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(Path, "write_bytes", refuse)
    batches = read_sources([FIXTURES / "google_contacts.csv", LINKEDIN_FIXTURES])
    assert batches and not written


BROKEN_ATTENDEE = """
UID:b1@example.com
DTSTART:20240410T100000Z
SUMMARY:Coffee with Pat
LOCATION:Cafe Example
ATTENDEE:mailto:robin@example.com
ATTENDEE;CN="Pat:mailto:pat@example.com
"""


def test_a_broken_attendee_line_is_refused_with_its_line():
    with pytest.raises(LogValidationError) as caught:
        read_calendar(calendar(BROKEN_ATTENDEE), today=TODAY)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("cal.ics", 10, "ATTENDEE")
    assert "ATTENDEE line cannot be read" in problem.message
    assert "pat@example.com" not in problem.message


def test_a_broken_line_the_importer_does_not_read_is_left_alone():
    other = BROKEN_ATTENDEE.replace('ATTENDEE;CN="Pat', 'ATTENDEE:mailto:pat@example.com\nX-A;B="C')
    batch = read_calendar(calendar(other), today=TODAY)
    assert list(batch.events["email"]) == ["pat@example.com"]


def channel_of(title: str) -> list[str]:
    event = f"""
UID:c1@example.com
DTSTART:20240410T100000Z
SUMMARY:{title}
ORGANIZER;CN=Jo:mailto:jo@example.com
ATTENDEE:mailto:robin@example.com
"""
    return list(read_calendar(calendar(event), today=TODAY).events["channel"])


@pytest.mark.parametrize("title", ["Call with Jo", "Intro call", "Phone call: Jo", "Calls re CV"])
def test_a_call_in_the_title_is_a_phone_meeting(title):
    assert channel_of(title) == ["phone"]


@pytest.mark.parametrize("title", ["Product recall review", "Callback notes", "Coffee"])
def test_a_word_that_only_holds_call_is_not_a_phone_meeting(title):
    assert channel_of(title) == []


def test_importing_into_a_folder_whose_contacts_file_is_a_google_export_says_so(tmp_path):
    (tmp_path / "contacts.csv").write_bytes((FIXTURES / "google_contacts.csv").read_bytes())
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(LogValidationError) as caught:
        import_into(tmp_path, [tmp_path / "contacts.csv"])
    (problem,) = caught.value.problems
    assert problem.file == "contacts.csv"
    assert "looks like a Google Contacts export" in problem.message
    assert "into a separate folder" in problem.message
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def read_card(*lines: str):
    text = "\n".join(["BEGIN:VCARD", "VERSION:3.0", "FN:Pat Example", *lines, "END:VCARD"])
    return read_vcard(SourceFile("tel.vcf", (text + "\n").encode()))


def test_a_broken_line_of_a_detail_not_kept_is_left_out_with_a_note():
    batch = read_card("EMAIL:pat@example.com", "TEL;TYPE=cell +44 7700 900456 (Pat mobile)")
    assert list(batch.people["email"]) == ["pat@example.com"]
    assert batch.notes == [
        "tel.vcf, row 5: this TEL line cannot be read, so it was left out (Network Coach "
        "does not keep it anyway)"
    ]


def test_a_broken_line_of_a_kept_detail_stops_without_repeating_its_value():
    with pytest.raises(LogValidationError) as caught:
        read_card("EMAIL;TYPE=work pat@example.com", "TEL;TYPE=cell +44 7700 900456")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (4, "EMAIL")
    assert "pat@example.com" not in str(problem) and "7700" not in str(problem)


def test_the_undo_message_counts_the_files_the_learner_named(tmp_path):
    import zipfile

    from netcoach.saving import undo_last

    export = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(export, "w") as archive:
        for path in sorted(LINKEDIN_FIXTURES.iterdir()):
            archive.write(path, path.name)
    named = [export, FIXTURES / "google_contacts.csv", FIXTURES / "contacts_v3.vcf"]
    import_into(tmp_path / "log", named)
    undone = undo_last(tmp_path / "log")
    assert undone is not None and undone.description == "import 3 file(s)"


def test_an_empty_csv_is_said_to_be_empty(tmp_path):
    (tmp_path / "contacts.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(LogValidationError) as caught:
        read_sources([tmp_path / "contacts.csv"])
    (problem,) = caught.value.problems
    assert problem.message.startswith("this file is empty")


def test_a_file_too_large_is_refused_with_the_limit(tmp_path):
    big = tmp_path / "contacts.csv"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(LogValidationError) as caught:
        read_sources([big])
    (problem,) = caught.value.problems
    assert "more than the 250 MB" in problem.message
