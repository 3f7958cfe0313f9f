"""Google Contacts CSV (both header generations) and vCard 3.0/4.0 map to contacts."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, resaved

from netcoach.importers import SourceFile, read_source
from netcoach.validation import LogValidationError


def people(name: str):
    [batch] = read_source(SourceFile.from_path(FIXTURES / name))
    return batch, batch.people.set_index("name")


def test_google_current_headers_and_multiple_values():
    batch, p = people("google_contacts.csv")
    assert list(p.index) == ["Amara Osei", "Grace M. Okafor", "Tomas Novak"]
    assert p.loc["Amara Osei", "email"] == "amara@example.com"  # first of " ::: "
    assert p.loc["Amara Osei", "profile_url"] == "https://www.linkedin.com/in/amara-osei-example"
    assert p.loc["Amara Osei", "tags"] == "Mentors"  # "* myContacts" dropped
    assert p.loc["Amara Osei", "notes"] == "Runs the local data meetup"
    assert p.loc["Grace M. Okafor", "tags"] == "Design;Alumni"
    assert (p.loc["Grace M. Okafor", "organisation"], p.loc["Grace M. Okafor", "role"]) == (
        "Okafor Design",
        "Founder",
    )
    assert p.loc["Tomas Novak", "email"] == "tomas.novak@example.com"  # name from the email
    assert batch.skipped == {"no name and no email": 1}


def test_google_older_headers():
    _, p = people("google_contacts_old.csv")
    assert list(p.index) == ["Priya Shah", "Kofi Mensah"]  # Kofi: Given + Family Name
    assert p.loc["Kofi Mensah", "organisation"] == "Mensah & Daughters"
    assert p.loc["Kofi Mensah", "role"] == "Director"
    assert p.loc["Kofi Mensah", "email"] == "kofi@example.com"
    assert p.loc["Priya Shah", "tags"] == "Policy"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_google_export_in_other_encodings(encoding):
    text = (FIXTURES / "google_contacts_old.csv").read_text(encoding="utf-8")
    text = text.replace("Kofi", "Zoë")
    [batch] = read_source(SourceFile("contacts.csv", text.encode(encoding)))
    assert "Zoë Mensah" in set(batch.people["name"])


def test_broken_quoting_names_the_file_and_row():
    text = (FIXTURES / "google_contacts_old.csv").read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[2] = lines[2].replace("Met at the alumni dinner", '"Met at the alumni dinner')
    with pytest.raises(LogValidationError) as caught:
        read_source(SourceFile("contacts.csv", "\n".join(lines).encode()))
    problem = caught.value.problems[0]
    assert problem.file == "contacts.csv"
    assert problem.row == 3
    assert "quote" in problem.message


def test_vcard_3_several_cards():
    _, p = people("contacts_v3.vcf")
    assert list(p.index) == ["Amara Osei", "Sam Lee"]  # Sam has only N, no FN
    amara = p.loc["Amara Osei"]
    assert (amara["organisation"], amara["role"]) == ("Harbour Analytics", "Data team lead")
    assert amara["notes"] == "Met at the data meetup, lovely chat"
    assert amara["tags"] == "data;mentor"
    assert p.loc["Sam Lee", "profile_url"] == "https://www.linkedin.com/in/sam-lee-example"


def test_vcard_4_preferred_email_and_linkedin_url():
    _, p = people("contacts_v4.vcf")
    noor = p.loc["Noor Haddad"]
    assert noor["email"] == "noor@example.com"  # PREF=1 wins over the first
    assert noor["profile_url"] == "https://www.linkedin.com/in/noor-haddad-example"
    assert noor["organisation"] == "Cedar Health"
    assert noor["tags"] == "recruiter"


def test_a_broken_vcard_names_its_line():
    text = (FIXTURES / "contacts_v3.vcf").read_text().replace("TITLE:Data team lead", "TITLE")
    with pytest.raises(LogValidationError) as caught:
        read_source(SourceFile("phone.vcf", text.encode()))
    [problem] = caught.value.problems
    assert (problem.file, problem.row) == ("phone.vcf", 7)


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_google_export_saved_with_semicolons_or_tabs(delimiter):
    text = (FIXTURES / "google_contacts.csv").read_text(encoding="utf-8")
    [batch] = read_source(SourceFile("g.csv", resaved(text, delimiter)))  # known by content
    [commas] = read_source(SourceFile("g.csv", text.encode("utf-8")))
    assert batch.people.equals(commas.people)
    assert batch.skipped == commas.skipped
