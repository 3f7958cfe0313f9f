"""LinkedIn export files map to contacts and interactions by column name, quirks included."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from conftest import LINKEDIN, resaved
from helpers import CONTACTS_HEADER, INTERACTIONS_HEADER, write_log

from netcoach.importers import SourceFile, read_source
from netcoach.importers.apply import read_sources
from netcoach.importers.detect import ImportOptions
from netcoach.importers.linkedin import linkedin_dates, messages
from netcoach.validation import LogValidationError


def read(name: str, **options):
    [batch] = read_source(SourceFile.from_path(LINKEDIN / name), ImportOptions(**options))
    return batch


def test_connections_skip_the_notes_preamble_and_nameless_rows():
    batch = read("Connections.csv")
    people = batch.people.set_index("name")
    assert list(people.index) == ["Amara Osei", "Sam Lee", "Zoë Brennan"]
    amara = people.loc["Amara Osei"]
    assert amara["email"] == "amara@example.com"
    assert amara["profile_url"] == "https://www.linkedin.com/in/amara-osei-example"
    assert (amara["organisation"], amara["role"]) == ("Harbour Analytics", "Data team lead")
    assert set(people["how_met"]) == {"LinkedIn connection"}
    assert set(people["tier"]) == {"outer"}
    assert people.loc["Sam Lee", "organisation"] == "Tidewater Labs, Ltd"
    assert people.loc["Sam Lee", "email"] == ""
    assert batch.events.empty  # being connected is not an interaction
    assert batch.skipped == {"no name (LinkedIn hides some members' names)": 1}


def test_older_connections_without_url_column(tmp_path):
    [batch] = read_source(SourceFile.from_path(LINKEDIN.parent / "linkedin-2019/Connections.csv"))
    assert list(batch.people["name"]) == ["Priya Shah", "Amara Osei"]
    assert set(batch.people["profile_url"]) == {""}


def test_columns_are_found_by_name_not_position():
    text = (LINKEDIN / "Connections.csv").read_text(encoding="utf-8").split("\n")[3:]
    frame = pd.read_csv(io.StringIO("\n".join(text)), dtype=str, keep_default_na=False)
    shuffled = frame[frame.columns[::-1]].rename(columns=str.upper)
    data = shuffled.to_csv(index=False).encode("utf-8")
    [batch] = read_source(SourceFile("Connections.csv", data))
    assert list(batch.people["name"]) == ["Amara Osei", "Sam Lee", "Zoë Brennan"]
    assert batch.people["organisation"].iat[0] == "Harbour Analytics"


def test_messages_direction_kind_and_the_learner_inferred():
    events = read("messages.csv").events
    got = set(
        zip(
            events["date"].dt.strftime("%Y-%m-%d"),
            events["name"],
            events["kind"],
            events["initiated_by"],
            strict=True,
        )
    )
    assert got == {
        ("2024-04-02", "Amara Osei", "check_in", "me"),  # opens it; her reply that day is
        # the same contact (one interaction per person and day, not two)
        ("2024-04-03", "Amara Osei", "other", "me"),
        ("2024-06-10", "Amara Osei", "check_in", "me"),  # after more than 30 quiet days
        ("2024-05-20", "Dev Patel", "other", "them"),
        ("2024-05-22", "Sam Lee", "check_in", "me"),  # one message to two people
        ("2024-05-22", "Dev Patel", "check_in", "me"),
    }
    assert set(events["channel"]) == {"social"}
    assert set(events["note"]) == {""}  # message text is not kept by default
    assert "Robin Example" not in set(events["name"])


def test_messages_skip_drafts_and_keep_text_only_when_asked():
    batch = read("messages.csv", keep_message_text=True)
    assert batch.skipped["a draft or spam message"] == 1
    assert "an unsent draft" not in " ".join(batch.events["note"])
    notes = " ".join(batch.events["note"])
    assert "would you have time for a coffee" in notes
    assert "\n" not in notes


def test_messages_me_given_by_profile_url_or_name():
    source = SourceFile.from_path(LINKEDIN / "messages.csv")
    by_url = messages(source, me="https://linkedin.com/in/robin-example/").events
    by_name = messages(source, me="robin example").events
    assert len(by_url) == len(by_name) == 6  # (one interaction per person and day)
    # Told that Amara is "me", her messages become the learner's.
    as_amara = messages(source, me="Amara Osei").events
    assert "Amara Osei" not in set(as_amara["name"])
    assert "Robin Example" in set(as_amara["name"])


def test_invitations_first_meeting_with_the_right_initiator():
    events = read("Invitations.csv").events.set_index("name")
    assert events.loc["Priya Shah", "initiated_by"] == "me"
    assert events.loc["Leah Cohen", "initiated_by"] == "them"
    assert set(events["kind"]) == {"first_meeting"}
    assert events.loc["Priya Shah", "date"] == pd.Timestamp("2024-03-14")  # 3/14/24: month first
    assert events.loc["Leah Cohen", "date"] == pd.Timestamp("2023-11-02")
    assert set(events["note"]) == {""}


@pytest.mark.parametrize(
    ("name", "kind", "who", "person"),
    [
        ("Recommendations_Given.csv", "helped", "me", "Sam Lee"),
        ("Recommendations_Received.csv", "received_help", "them", "Amara Osei"),
        ("Endorsement_Given_Info.csv", "helped", "me", "Priya Shah"),
        ("Endorsement_Received_Info.csv", "received_help", "them", "Dev Patel"),
    ],
)
def test_recommendations_and_endorsements_are_gives_and_help_received(name, kind, who, person):
    events = read(name).events
    assert list(events["name"]) == [person]
    assert list(events["kind"]) == [kind]
    assert list(events["initiated_by"]) == [who]


def test_linkedin_dates_in_every_export_style():
    got = linkedin_dates(
        pd.Series(
            [
                "12 Mar 2024",
                "3/14/24, 10:22 AM",
                "2024/02/10 11:00:00 UTC",
                "2024-04-02 09:15:00 UTC",
                "",
                "soon",
            ]
        )
    )
    assert list(got.dt.strftime("%Y-%m-%d").fillna("NaT")) == [
        "2024-03-12",
        "2024-03-14",
        "2024-02-10",
        "2024-04-02",
        "NaT",
        "NaT",
    ]


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_zip_as_downloaded():
    files = {f"Basic_LinkedInDataExport/{p.name}": p.read_bytes() for p in LINKEDIN.iterdir()}
    batches = read_source(SourceFile("Basic_LinkedInDataExport.zip", _zip(files)))
    names = sorted(b.file.rsplit("/", 1)[-1] for b in batches)
    assert "Connections.csv" in names and "messages.csv" in names
    assert len(batches) == 8  # seven export files and the zip's own note of unused files
    unused = [b for b in batches if b.file == "Basic_LinkedInDataExport.zip"]
    assert unused[0].skipped == {"files in the zip that are not used": 1}


def test_the_unzipped_folder_imports_what_it_knows_and_counts_the_rest(tmp_path):
    """An unzipped export holds dozens of files (Profile.csv here) Network Coach does not use."""
    folder = tmp_path / "Basic_LinkedInDataExport"
    (folder / "Jobs").mkdir(parents=True)
    for path in LINKEDIN.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "Jobs" / "Saved Jobs.csv").write_text("Saved Date,Job Url\n", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0\1")
    batches = read_sources([folder])
    names = sorted(b.file.rsplit("/", 1)[-1] for b in batches)
    assert "Connections.csv" in names and "messages.csv" in names
    assert "Profile.csv" not in names and "Saved Jobs.csv" not in names
    [note] = [b for b in batches if b.file == str(folder)]
    assert note.skipped == {"files in the folder that are not used": 2}
    assert [b.file for b in read_sources([folder / "Connections.csv"])] == ["Connections.csv"]


def test_a_folder_with_nothing_to_import_says_what_can_be(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(LogValidationError) as caught:
        read_sources([tmp_path])
    [problem] = caught.value.problems
    assert problem.file == str(tmp_path)
    assert problem.message.startswith("this folder holds nothing to import.")


def test_a_truncated_zip_says_so():
    data = _zip({"Connections.csv": (LINKEDIN / "Connections.csv").read_bytes() * 20})
    with pytest.raises(LogValidationError) as caught:
        read_source(SourceFile("export.zip", data[: len(data) // 2]))
    [problem] = caught.value.problems
    assert problem.file == "export.zip"
    assert "damaged or incomplete" in problem.message


def test_a_bad_date_names_file_row_and_column():
    text = (LINKEDIN / "Invitations.csv").read_text().replace('"11/2/23, 6:05 PM"', "next week")
    with pytest.raises(LogValidationError) as caught:
        read_source(SourceFile("Invitations.csv", text.encode()))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("Invitations.csv", 3, "Sent At")
    assert '"next week"' in problem.message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_connections_with_preamble_in_other_encodings(encoding):
    text = (LINKEDIN / "Connections.csv").read_text(encoding="utf-8")
    [batch] = read_source(SourceFile("Connections.csv", text.encode(encoding)))
    assert list(batch.people["name"]) == ["Amara Osei", "Sam Lee", "Zoë Brennan"]


def test_broken_quote_below_the_preamble_names_the_file_line():
    text = (LINKEDIN / "Connections.csv").read_text(encoding="utf-8")
    text = text.replace("Harbour Analytics,Data team lead", '"Harbour Analytics,Data team lead')
    with pytest.raises(LogValidationError) as caught:
        read_source(SourceFile("Connections.csv", text.encode()))
    problem = caught.value.problems[0]
    assert problem.row == 5  # line 5 of the file: the preamble takes lines 1 to 3
    assert "quote" in problem.message


def test_a_me_that_names_nobody_here_falls_back_to_the_most_frequent_person():
    # One --me serves every file: an email means nothing in messages.csv.
    events = messages(SourceFile.from_path(LINKEDIN / "messages.csv"), me="robin@example.com")
    assert "Robin Example" not in set(events.events["name"])
    assert len(events.events) == 6  # (one interaction per person and day)


@pytest.mark.parametrize("name", ["Connections.csv", "my-connections.csv"])
@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_connections_saved_with_semicolons_or_tabs_below_the_notes(name, delimiter):
    text = resaved((LINKEDIN / "Connections.csv").read_text(encoding="utf-8"), delimiter)
    assert text.startswith(b"Notes:\r\n") and f"First Name{delimiter}Last Name".encode() in text
    [batch] = read_source(SourceFile(name, text))
    assert list(batch.people["name"]) == ["Amara Osei", "Sam Lee", "Zoë Brennan"]
    assert batch.people["organisation"].iat[1] == "Tidewater Labs, Ltd"
    assert batch.skipped == {"no name (LinkedIn hides some members' names)": 1}


def test_a_message_and_its_reply_on_one_day_are_one_interaction():
    # The import page promises one social interaction per person and day; a message and
    # the reply to it were two rows (a check-in and an 'other'), each counted in the mix.
    header = (
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n"
    )
    me, chloe = "https://www.linkedin.com/in/me-ex", "https://www.linkedin.com/in/chloe-ex"
    rows = (
        f"c1,Chloé Roux,{chloe},Me Ex,{me},2026-11-01 08:00:00 UTC,Hello there,INBOX\n"
        f"c1,Me Ex,{me},Chloé Roux,{chloe},2026-11-01 09:00:00 UTC,Hi Chloé,INBOX\n"
        f"c1,Me Ex,{me},Chloé Roux,{chloe},2026-11-02 09:00:00 UTC,One more thing,INBOX\n"
    )
    source = SourceFile("messages.csv", (header + rows).encode())
    events = messages(source, me=me, keep_text=True).events
    got = list(
        zip(
            events["date"].dt.strftime("%Y-%m-%d"),
            events["kind"],
            events["initiated_by"],
            events["note"],
            strict=True,
        )
    )
    assert got == [
        ("2026-11-01", "other", "them", "Hello there / Hi Chloé"),
        ("2026-11-02", "other", "me", "One more thing"),
    ]


def _two_messages(first_row: str, second_row: str) -> SourceFile:
    header = (
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n"
    )
    return SourceFile("messages.csv", (header + first_row + second_row).encode())


ME, AMARA = "https://www.linkedin.com/in/robin-ex", "https://www.linkedin.com/in/amara-ex"
HER_MORNING = f"c1,Amara Osei,{AMARA},Robin Ex,{ME},2024-04-02 09:00:00 UTC,Hello,INBOX\n"
MY_EVENING = f"c1,Robin Ex,{ME},Amara Osei,{AMARA},2024-04-02 17:00:00 UTC,Hi,INBOX\n"


def test_who_wrote_first_that_day_does_not_depend_on_the_files_order():
    # LinkedIn lists the newest message first: the evening reply, read first, opened the
    # conversation as a check-in 'started by me', though Amara wrote that morning.
    for rows in ((HER_MORNING, MY_EVENING), (MY_EVENING, HER_MORNING)):
        events = messages(_two_messages(*rows), me=ME).events
        assert list(zip(events["kind"], events["initiated_by"], strict=True)) == [("other", "them")]


def test_dates_with_different_utc_offsets_are_read():
    # A change to summer time between two messages: the ordering step refused the whole
    # file with "Mixed timezones detected" (a traceback), though each date reads fine.
    spring = f"c1,Amara Osei,{AMARA},Robin Ex,{ME},2024-03-30T09:00:00+01:00,Hello,INBOX\n"
    summer = f"c1,Robin Ex,{ME},Amara Osei,{AMARA},2024-04-02T17:00:00+02:00,Hi,INBOX\n"
    events = messages(_two_messages(spring, summer), me=ME).events
    assert events["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-30", "2024-04-02"]


def test_us_style_times_decide_who_wrote_first_too():
    # '4/2/24, 09:00 AM' was read as a date only, so the file's order, and even whose
    # message it was, decided the day's interaction (second review).
    her = f'c1,Amara Osei,{AMARA},Robin Ex,{ME},"4/2/24, 09:00 AM",Hello,INBOX\n'
    mine = f'c1,Robin Ex,{ME},Amara Osei,{AMARA},"4/2/24, 05:00 PM",Hi,INBOX\n'
    for rows in ((her, mine), (mine, her)):
        events = messages(_two_messages(*rows), me=ME, keep_text=True).events
        got = list(zip(events["kind"], events["initiated_by"], events["note"], strict=True))
        assert got == [("other", "them", "Hello / Hi")]


def test_a_person_whose_link_is_missing_from_one_row_is_still_one_a_day():
    # Without a RECIPIENT PROFILE URLS column my message to Amara named her without her
    # link, her own message with it: two interactions for one person and day.
    header = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE,CONTENT,FOLDER\n"
    rows = (
        f"c1,Amara Osei,{AMARA},Robin Ex,2024-04-02 09:00:00 UTC,Hello,INBOX\n"
        f"c1,Robin Ex,{ME},Amara Osei,2024-04-02 17:00:00 UTC,Hi,INBOX\n"
    )
    events = messages(SourceFile("messages.csv", (header + rows).encode()), me=ME).events
    assert list(zip(events["kind"], events["initiated_by"], strict=True)) == [("other", "them")]


def test_two_people_of_one_name_with_two_links_stay_two_on_one_day():
    # Third review: keyed by name alone, the second Kim Lee's message was stored against
    # the first, and she was lost from the day.
    k1, k2 = "https://www.linkedin.com/in/kim-lee-1", "https://www.linkedin.com/in/kim-lee-2"
    rows = (
        f"c1,Kim Lee,{k1},Robin Ex,{ME},2024-04-02 09:00:00 UTC,Hi from K1,INBOX\n",
        f"c2,Kim Lee,{k2},Robin Ex,{ME},2024-04-02 10:00:00 UTC,Hi from K2,INBOX\n",
    )
    events = messages(_two_messages(*rows), me=ME, keep_text=True).events
    got = sorted(zip(events["profile_url"], events["note"], strict=True))
    assert got == [(k1, "Hi from K1"), (k2, "Hi from K2")]


def test_a_message_without_links_goes_to_the_kim_of_its_own_conversation(tmp_path):
    # Fourth review: with no RECIPIENT PROFILE URLS column, my check-in to one of two
    # Kim Lees became a third, unlinked Kim, skipped as ambiguous; the day went to her
    # reply instead, 'started by them'.
    from netcoach.importers import ImportOptions, import_into
    from netcoach.loading import load_log

    k1, k2 = "https://www.linkedin.com/in/kim-lee-1", "https://www.linkedin.com/in/kim-lee-2"
    folder = write_log(
        tmp_path / "log",
        CONTACTS_HEADER
        + f"c_1,Kim Lee,Org A,,,outer,,,{k1},,\nc_2,Kim Lee,Org B,,,outer,,,{k2},,\n",
        INTERACTIONS_HEADER,
    )
    header = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,DATE,CONTENT,FOLDER\n"
    rows = (
        f"c1,Robin Ex,{ME},Kim Lee,2024-04-02 09:00:00 UTC,Coffee?,INBOX\n"
        f"c1,Kim Lee,{k1},Robin Ex,2024-04-02 09:30:00 UTC,Sure!,INBOX\n"
        f"c2,Kim Lee,{k2},Robin Ex,2024-04-02 10:00:00 UTC,Hello,INBOX\n"
    )
    source = SourceFile("messages.csv", (header + rows).encode())
    summary = import_into(folder, [source], ImportOptions(me=ME))
    assert summary.file("messages.csv").skipped == {}
    got = load_log(folder).interactions.set_index("contact_id")
    assert (got.at["c_1", "kind"], got.at["c_1", "initiated_by"]) == ("check_in", "me")
    assert (got.at["c_2", "kind"], got.at["c_2", "initiated_by"]) == ("other", "them")
