"""Property tests: no importer crashes with anything but LogValidationError, and whatever
they read always merges into a valid log."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach import schema
from netcoach.importers import SourceFile, read_source
from netcoach.importers.merge import merge
from netcoach.log import NetworkLog
from netcoach.validation import LogValidationError

FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BYTES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAMES = [
    "Connections.csv",
    "messages.csv",
    "Invitations.csv",
    "Recommendations_Given.csv",
    "Endorsement_Received_Info.csv",
    "google.csv",
    "phone.vcf",
    "calendar.ics",
    "export.zip",
    "mystery.bin",
]
PREFIXES = [
    b"",
    b"\xff\xfe",
    b"BEGIN:VCARD\n",
    b"BEGIN:VCALENDAR\n",
    b"PK\x03\x04",
    b"First Name,Last Name\n",
]

text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé ,\"'-;:", max_size=15)


def empty_tables():
    return (
        pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.CONTACT_COLUMNS}),
        pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.INTERACTION_COLUMNS}),
    )


def read_and_validate(source: SourceFile) -> list:
    """Read a file; a LogValidationError is fine, any other exception fails the test."""
    try:
        batches = read_source(source)
    except LogValidationError as err:
        assert err.problems, "an error must say what is wrong"
        assert all(p.file.startswith(source.name) for p in err.problems)
        return []
    contacts, interactions, _ = merge(*empty_tables(), batches)
    NetworkLog.from_frames(contacts, interactions)  # raises if the result is not a valid log
    return batches


@BYTES
@given(name=st.sampled_from(NAMES), prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=400))
def test_random_bytes_never_crash(name, prefix, body):
    read_and_validate(SourceFile(name, prefix + body))


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


@FUZZ
@given(
    rows=st.lists(
        st.tuples(
            words, words, st.sampled_from(["", "x@example.com", "Y@Example.com"]), words, dates
        ),
        max_size=12,
    ),
    old=st.booleans(),
)
def test_well_formed_connections(rows, old):
    header = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
    if not old:
        header.insert(2, "URL")
    body = [
        [
            f,
            la,
            *([] if old else [f"https://www.linkedin.com/in/{f.strip()}"]),
            e,
            c,
            "",
            d.strftime("%d %b %Y"),
        ]
        for f, la, e, c, d in rows
    ]
    data = b'Notes:\n"Some notes, with a comma"\n\n' + _csv(header, body)
    batches = read_and_validate(SourceFile("Connections.csv", data))
    named = sum(1 for f, la, *_ in rows if (f + " " + la).strip())
    assert len(batches[0].people) == named


@FUZZ
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["Robin Me", "Amara O", "Sam L"]),
            st.sampled_from(["Robin Me", "Amara O", "Sam L, Amara O"]),
            dates,
            words,
        ),
        min_size=1,
        max_size=12,
    )
)
def test_well_formed_messages(rows):
    header = [
        "CONVERSATION ID",
        "FROM",
        "SENDER PROFILE URL",
        "TO",
        "RECIPIENT PROFILE URLS",
        "DATE",
        "CONTENT",
        "FOLDER",
    ]
    body = [
        [str(i % 3), s, "", t, "", d.isoformat() + " 10:00:00 UTC", c, "INBOX"]
        for i, (s, t, d, c) in enumerate(rows)
    ]
    batches = read_and_validate(SourceFile("messages.csv", _csv(header, body)))
    events = batches[0].events
    assert set(events["initiated_by"]) <= {"me", "them"}
    assert set(events["kind"]) <= {"check_in", "other"}


@FUZZ
@given(
    rows=st.lists(st.tuples(words, words, st.lists(words, max_size=3), words), max_size=10),
    old=st.booleans(),
)
def test_well_formed_google_contacts(rows, old):
    if old:
        header = [
            "Name",
            "Given Name",
            "Family Name",
            "Group Membership",
            "E-mail 1 - Value",
            "Organization 1 - Name",
        ]
        body = [
            [f"{g} {f}".strip(), g, f, " ::: ".join(labels), "", org] for g, f, labels, org in rows
        ]
    else:
        header = ["First Name", "Last Name", "Labels", "E-mail 1 - Value", "Organization Name"]
        body = [
            [g, f, " ::: ".join(["* myContacts", *labels]), "a@example.com ::: b@example.com", org]
            for g, f, labels, org in rows
        ]
    read_and_validate(SourceFile("google.csv", _csv(header, body)))


@FUZZ
@given(cards=st.lists(st.tuples(words, st.sampled_from(["3.0", "4.0"]), words), max_size=6))
def test_well_formed_vcards(cards):
    def esc(v: str) -> str:
        return v.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")

    text = "".join(
        f"BEGIN:VCARD\nVERSION:{v}\nFN:{esc(n)}\nORG:{esc(o)}\nEMAIL:p{i}@example.com\nEND:VCARD\n"
        for i, (n, v, o) in enumerate(cards)
    )
    batches = read_and_validate(SourceFile("phone.vcf", text.encode()))
    if cards:
        assert len(batches[0].people) == len(cards)


@FUZZ
@given(
    events=st.lists(
        st.tuples(
            st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2026, 1, 1)),
            st.integers(min_value=0, max_value=9),
            st.sampled_from(["", "Cafe", "https://zoom.us/j/1", "phone"]),
            st.sampled_from(
                ["", "RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:FREQ=DAILY;UNTIL=20260101T000000Z"]
            ),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_well_formed_calendars(events):
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0", "X-WR-CALNAME:me@example.com"]
    for i, (start, people, where, rule, all_day) in enumerate(events):
        when = (
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}" if all_day else f"DTSTART:{start:%Y%m%dT%H%M%S}Z"
        )
        parts += ["BEGIN:VEVENT", f"UID:{i}", when, f"LOCATION:{where}", "SUMMARY:Meet"]
        parts += [rule] if rule else []
        parts += ["ATTENDEE:mailto:me@example.com"]
        parts += [f"ATTENDEE;CN=P {j}:mailto:p{j}@example.com" for j in range(people)]
        parts += ["END:VEVENT"]
    parts.append("END:VCALENDAR")
    batches = read_and_validate(SourceFile("cal.ics", "\n".join(parts).encode()))
    if batches:
        assert batches[0].events.empty or set(batches[0].events["channel"]) <= {
            "in_person",
            "video",
            "phone",
        }
