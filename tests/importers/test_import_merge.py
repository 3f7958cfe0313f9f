"""Merging: idempotent, never clobbers what the learner typed, dedupes across sources."""

from __future__ import annotations

import pandas as pd
from conftest import FIXTURES, LINKEDIN, snapshot
from helpers import CONTACTS_HEADER, INTERACTIONS_HEADER, write_log

from netcoach.importers import import_into
from netcoach.importers.batch import stable_id
from netcoach.importers.merge import AMBIGUOUS_NAME
from netcoach.loading import load_log

ALL = [
    *(LINKEDIN / n for n in ("Connections.csv", "messages.csv", "Invitations.csv")),
    FIXTURES / "google_contacts.csv",
    FIXTURES / "contacts_v3.vcf",
    FIXTURES / "calendar.ics",
]


def test_importing_twice_changes_nothing_the_second_time(tmp_path):
    folder = tmp_path / "log"
    first = import_into(folder, ALL)
    assert first.contacts_added > 0 and first.interactions_added > 0
    before = snapshot(folder)
    second = import_into(folder, ALL)
    assert (second.contacts_added, second.interactions_added, second.contacts_updated) == (0, 0, 0)
    assert not second.changed
    assert snapshot(folder) == before  # not even a new backup
    assert "nothing was changed" in second.to_text()


def test_new_ids_are_stable_across_separate_imports(tmp_path):
    import_into(tmp_path / "a", [LINKEDIN / "Connections.csv"])
    import_into(tmp_path / "b", [LINKEDIN / "Connections.csv"])
    a = load_log(tmp_path / "a").contacts["contact_id"].tolist()
    b = load_log(tmp_path / "b").contacts["contact_id"].tolist()
    assert a == b
    assert stable_id("Amara Osei", "amara@example.com", "") in a


def test_learner_values_are_never_clobbered(learner_log):
    before = load_log(learner_log)
    import_into(learner_log, ALL)
    after = load_log(learner_log)
    old = before.contacts.set_index("contact_id")
    new = after.contacts.set_index("contact_id")
    for cid in old.index:  # every typed value is still there, ids unchanged
        for col in ("name", "organisation", "role", "how_met", "tier", "email", "notes"):
            if old.at[cid, col] != "":
                assert new.at[cid, col] == old.at[cid, col], (cid, col)
    assert new.at["c001", "cadence_days"] == 21
    # ... and only blanks were filled in
    assert new.at["c001", "organisation"] == "Harbour Analytics"
    assert new.at["c001", "email"] == "amara@example.com"
    assert new.at["c001", "role"] == "My own words for her role"
    assert new.at["c002", "profile_url"] == "https://www.linkedin.com/in/sam-lee-example"
    assert new.at["c002", "email"] == "sam.lee@example.com"
    # the learner's interactions come first, unchanged
    cols = ["date", "contact_id", "channel", "kind", "initiated_by", "note"]
    pd.testing.assert_frame_equal(
        after.interactions[cols].head(len(before.interactions)).reset_index(drop=True),
        before.interactions[cols].reset_index(drop=True),
    )


def test_duplicates_across_sources_are_one_person(learner_log):
    summary = import_into(learner_log, ALL)
    contacts = load_log(learner_log).contacts
    assert (contacts["name"] == "Amara Osei").sum() == 1  # email, URL and name all agree
    assert (contacts["name"] == "Dev Patel").sum() == 1  # message URL + calendar email by name
    assert (contacts["name"] == "Sam Lee").sum() == 1  # URL from LinkedIn matches the vCard
    assert summary.file("contacts_v3.vcf").contacts_merged == 2
    assert summary.file("contacts_v3.vcf").contacts_added == 0


def test_same_name_but_different_emails_are_two_people(tmp_path):
    folder = tmp_path / "log"
    a = b"BEGIN:VCARD\nVERSION:3.0\nFN:Alex Kim\nEMAIL:alex.one@example.com\nEND:VCARD\n"
    b = b"BEGIN:VCARD\nVERSION:3.0\nFN:Alex Kim\nEMAIL:alex.two@example.com\nEND:VCARD\n"
    from netcoach.importers import SourceFile

    import_into(folder, [SourceFile("a.vcf", a), SourceFile("b.vcf", b)])
    assert (load_log(folder).contacts["name"] == "Alex Kim").sum() == 2


def test_existing_interaction_is_not_added_again(learner_log):
    summary = import_into(learner_log, [LINKEDIN / "messages.csv"])
    # 2024-04-02 check-in with Amara (c001) on social is already in the learner's log
    assert summary.file("messages.csv").skipped["already in your log"] == 1
    interactions = load_log(learner_log).interactions
    same = interactions[
        (interactions["contact_id"] == "c001")
        & (interactions["date"] == "2024-04-02")
        & (interactions["kind"] == "check_in")
    ]
    assert list(same["note"]) == ["My own note"]


def test_summary_counts_per_file(learner_log):
    summary = import_into(learner_log, [LINKEDIN / "Connections.csv", LINKEDIN / "messages.csv"])
    connections = summary.file("Connections.csv")
    assert (connections.contacts_added, connections.contacts_merged) == (1, 2)  # Zoë new
    assert connections.contacts_updated == 2  # Amara and Sam had blanks filled in
    assert connections.skipped == {"no name (LinkedIn hides some members' names)": 1}
    msgs = summary.file("messages.csv")
    assert msgs.contacts_added == 1  # Dev Patel
    assert msgs.interactions_added == 5  # (Amara's reply on 2 April is that day's check-in)
    assert msgs.skipped == {"a draft or spam message": 1, "already in your log": 1}
    text = summary.to_text()
    assert "Connections.csv: 1 new contact, 0 new interactions, 2 people you already had" in text
    assert "In all: 2 new contacts and 5 new interactions" in text


def _card(name: str, *lines: str) -> bytes:
    body = "".join(f"{line}\n" for line in lines)
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\n{body}END:VCARD\n".encode()


TWO_KIMS = _card("Kim Lee", "ORG:Org A") + _card("Kim Lee", "ORG:Org B", "NOTE:another Kim")
TWO_KIMS += _card("Jo Park")


def test_two_people_with_one_name_in_one_file_are_two_people(tmp_path):
    """Two cards with the same name, different details and no email or link in common are
    two people, as the address book they came from keeps them: neither is lost."""
    from netcoach.importers import SourceFile

    folder = tmp_path / "log"
    summary = import_into(folder, [SourceFile("phone.vcf", TWO_KIMS)])
    item = summary.file("phone.vcf")
    assert (item.contacts_added, item.contacts_merged, dict(item.skipped)) == (3, 0, {})
    kims = load_log(folder).contacts.query("name == 'Kim Lee'").set_index("organisation")
    assert sorted(kims.index) == ["Org A", "Org B"]
    assert kims.at["Org B", "notes"] == "another Kim" and kims.at["Org A", "notes"] == ""
    assert kims["contact_id"].is_unique
    before = snapshot(folder)  # the same file again: each card finds its own person
    again = import_into(folder, [SourceFile("phone.vcf", TWO_KIMS)])
    assert (
        again.contacts_added,
        again.contacts_updated,
        again.file("phone.vcf").contacts_merged,
    ) == (
        0,
        0,
        3,
    )
    assert snapshot(folder) == before


def test_a_second_card_that_agrees_is_the_same_person_and_is_counted(tmp_path):
    from netcoach.importers import SourceFile

    cards = _card("Kim Lee", "ORG:Org A") + _card("Kim Lee", "ORG:Org A", "TITLE:Designer")
    cards += _card("Kim Lee", "ORG:Org A")  # the very same card twice
    summary = import_into(tmp_path / "log", [SourceFile("phone.vcf", cards)])
    item = summary.file("phone.vcf")
    assert (item.contacts_added, item.contacts_merged) == (1, 2)
    assert "2 people you already had" in summary.to_text()
    [kim] = load_log(tmp_path / "log").contacts.query("name == 'Kim Lee'").to_dict("records")
    assert (kim["organisation"], kim["role"]) == ("Org A", "Designer")


def test_one_person_in_the_log_is_still_matched_by_name(learner_log):
    """Across files and the log, a name still finds the one person who has it (a new job,
    a company written another way), as the import page says."""
    from netcoach.importers import SourceFile

    card = _card("Sam Lee", "ORG:Another Employer", "NOTE:moved jobs")
    summary = import_into(learner_log, [SourceFile("phone.vcf", card)])
    assert (summary.contacts_added, summary.file("phone.vcf").contacts_merged) == (0, 1)
    sam = load_log(learner_log).contacts.set_index("contact_id").loc["c002"]
    assert (sam["organisation"], sam["notes"]) == ("Old Employer Ltd", "moved jobs")


def test_a_log_that_lost_the_second_person_gets_them_back(tmp_path):
    """A log imported before two people of one name were kept apart holds only the first;
    importing the file again adds the second rather than giving the first their note."""
    from netcoach.importers import SourceFile

    folder = tmp_path / "log"
    import_into(folder, [SourceFile("phone.vcf", _card("Kim Lee", "ORG:Org A"))])
    summary = import_into(folder, [SourceFile("phone.vcf", TWO_KIMS)])
    assert (summary.contacts_added, summary.contacts_updated) == (2, 0)  # Kim (Org B), Jo
    kims = load_log(folder).contacts.query("name == 'Kim Lee'").set_index("organisation")
    assert kims.at["Org A", "notes"] == "" and kims.at["Org B", "notes"] == "another Kim"


RECOMMENDATION = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    'Kim,Lee,{company},Designer,"Kim is kind.","03/01/24, 09:00 AM",VISIBLE\n'
)


def _two_kims(tmp_path):
    from netcoach.importers import SourceFile

    folder = tmp_path / "log"
    import_into(folder, [SourceFile("phone.vcf", TWO_KIMS)])
    return folder


def test_an_interaction_goes_to_the_person_its_row_matched(tmp_path):
    """A recommendation for the Kim Lee of Org B is Org B's Kim, not the first Kim Lee."""
    from netcoach.importers import SourceFile

    folder = _two_kims(tmp_path)
    given = RECOMMENDATION.format(company="Org B").encode()
    summary = import_into(folder, [SourceFile("Recommendations_Given.csv", given)])
    assert (summary.contacts_added, summary.interactions_added) == (0, 1)
    log = load_log(folder)
    kims = log.contacts.query("name == 'Kim Lee'").set_index("organisation")["contact_id"]
    [helped] = log.interactions.query("kind == 'helped'").to_dict("records")
    assert helped["contact_id"] == kims["Org B"]


def test_a_name_that_fits_two_contacts_equally_is_skipped_not_guessed(tmp_path):
    """Nothing but a name ties these rows to Kim Lee, and two contacts have that name: the
    import skips them and says why, rather than giving them to the first Kim."""
    from netcoach.importers import SourceFile

    folder = _two_kims(tmp_path)
    before = snapshot(folder)
    given = RECOMMENDATION.format(company="").encode()
    card = _card("Kim Lee", "EMAIL:kim.lee@example.com")
    summary = import_into(
        folder,
        [SourceFile("Recommendations_Given.csv", given), SourceFile("work.vcf", card)],
    )
    assert (summary.contacts_added, summary.contacts_updated, summary.interactions_added) == (
        0,
        0,
        0,
    )
    assert summary.file("Recommendations_Given.csv").skipped == {AMBIGUOUS_NAME: 1}
    assert summary.file("work.vcf").skipped == {AMBIGUOUS_NAME: 1}
    assert "more than one contact in your log" in summary.to_text()
    assert snapshot(folder) == before


def test_a_row_to_add_by_hand_is_named_by_its_day_channel_and_person(tmp_path):
    """A skipped row the learner is told to add by hand can be found: its day, channel and
    person are in the summary."""
    from netcoach.importers import SourceFile

    folder = _two_kims(tmp_path)
    given = RECOMMENDATION.format(company="").encode()
    summary = import_into(folder, [SourceFile("Recommendations_Given.csv", given)])
    said = summary.file("Recommendations_Given.csv").to_text()
    assert "to add by hand: 2024-03-01, social with Kim Lee" in said


def test_a_row_that_agrees_with_one_of_two_kims_goes_to_her(tmp_path):
    """A blank detail neither agrees nor disagrees: a card for Org A's Kim goes to her, not
    'ambiguous' beside a Kim the learner typed with no organisation (found in review)."""
    from netcoach.importers import SourceFile

    folder = tmp_path / "log"
    import_into(folder, [SourceFile("phone.vcf", _card("Kim Lee", "ORG:Org A"))])
    with (folder / "contacts.csv").open("a", encoding="utf-8") as f:
        f.write("c_hand,Kim Lee,,,gym,outer,,,,,\n")
    card = _card("Kim Lee", "ORG:Org A", "TITLE:Designer")
    summary = import_into(folder, [SourceFile("work.vcf", card)])
    assert summary.file("work.vcf").skipped == {}
    assert (summary.contacts_added, summary.contacts_updated) == (0, 1)
    kims = load_log(folder).contacts.query("name == 'Kim Lee'").set_index("contact_id")
    assert kims.at["c_hand", "role"] == ""
    assert (kims["role"] == "Designer").sum() == 1


def test_a_kim_with_a_new_title_and_a_blank_kim_are_not_told_apart(tmp_path):
    """Org A's Kim, Designer, and a Kim typed with nothing else: a card for Kim at Org A as
    Senior Designer fits both as well (one detail agrees, one does not; or neither), so it
    is skipped as ambiguous rather than filling the blank Kim in (second review)."""
    from netcoach.importers import SourceFile

    folder = tmp_path / "log"
    import_into(folder, [SourceFile("phone.vcf", _card("Kim Lee", "ORG:Org A", "TITLE:Designer"))])
    with (folder / "contacts.csv").open("a", encoding="utf-8") as f:
        f.write("c_hand,Kim Lee,,,,outer,,,,,\n")
    before = snapshot(folder)
    card = _card("Kim Lee", "ORG:Org A", "TITLE:Senior Designer", "EMAIL:kim@example.com")
    summary = import_into(folder, [SourceFile("work.vcf", card)])
    assert summary.file("work.vcf").skipped == {AMBIGUOUS_NAME: 1}
    assert snapshot(folder) == before


def test_how_they_met_as_an_importer_writes_it_does_not_count_against_a_kim(tmp_path):
    """Third review: how_met, tags and notes counted as details that disagree, and each
    importer writes its own, so a LinkedIn row for Org A's Kim went to a blank Kim."""
    from netcoach.importers import SourceFile

    folder = write_log(
        tmp_path / "log",
        CONTACTS_HEADER
        + "c_a,Kim Lee,Org A,Designer,alumni event,outer,,,,,\nc_b,Kim Lee,,,,outer,,,,,\n",
        INTERACTIONS_HEADER,
    )
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Kim,Lee,https://www.linkedin.com/in/kim-lee-a,,Org A,,12 Mar 2024\n"
    )
    summary = import_into(folder, [SourceFile("Connections.csv", connections.encode())])
    assert summary.file("Connections.csv").skipped == {}
    kims = load_log(folder).contacts.set_index("contact_id")
    assert kims.at["c_a", "profile_url"] == "https://www.linkedin.com/in/kim-lee-a"
    assert kims.at["c_b", "profile_url"] == ""


def test_the_row_that_fits_the_one_kim_best_finds_her_whatever_the_files_order(tmp_path):
    """Fourth review: with Org B's Kim listed first, she took the log's only Kim Lee (Org
    A, Designer) and her link; Org A's own row then became a duplicate contact."""
    from netcoach.importers import SourceFile

    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    kim_b = "Kim,Lee,https://www.linkedin.com/in/kim-b,,Org B,Analyst,12 Mar 2024\n"
    kim_a = "Kim,Lee,https://www.linkedin.com/in/kim-a,,Org A,Designer,12 Mar 2024\n"
    for name, rows in (("b-first", kim_b + kim_a), ("a-first", kim_a + kim_b)):
        folder = write_log(
            tmp_path / name,
            CONTACTS_HEADER + "c_a,Kim Lee,Org A,Designer,,outer,,,,,\n",
            INTERACTIONS_HEADER,
        )
        source = SourceFile("Connections.csv", (header + rows).encode())
        import_into(folder, [source])
        kims = load_log(folder).contacts.set_index("organisation")
        assert len(kims) == 2, name
        assert kims.at["Org A", "contact_id"] == "c_a", name
        assert kims.at["Org A", "profile_url"].endswith("/kim-a"), name
        assert kims.at["Org B", "profile_url"].endswith("/kim-b"), name
        before = snapshot(folder)
        import_into(folder, [source])
        assert snapshot(folder) == before, name
