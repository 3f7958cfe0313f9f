"""vCard 2.1 as Android phones export it: quoted-printable values, long ones broken over
lines with soft line breaks (a trailing ``=``), and errors that name the right line."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from netcoach.cli import main
from netcoach.importers import vcard
from netcoach.importers.sources import SourceFile
from netcoach.importers.vcard import read_vcard
from netcoach.validation import LogValidationError

ANDROID = FIXTURES / "android_v21.vcf"  # (CRLF line endings, as the phone wrote it)

SECOND = [  # a soft break between the two bytes of a letter, a value on three lines
    "BEGIN:VCARD",
    "VERSION:2.1",
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=",
    "=AB Ma=C3=AFa =",
    "M=C3=BCller",
    "ORG;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 =",
    "M=C3=BCnchen",
    "EMAIL;INTERNET:zoe@example.com",
    "END:VCARD",
]
BARE = [  # vCard 2.1's bare QUOTED-PRINTABLE parameter, without ENCODING=
    "BEGIN:VCARD",
    "VERSION:2.1",
    "FN;CHARSET=UTF-8;QUOTED-PRINTABLE:Fran=C3=A7ois =",
    "Dubois",
    "TITLE;QUOTED-PRINTABLE:Directeur g=C3=A9n=C3=A9=",
    "ral",
    "END:VCARD",
]
PLAIN = [  # no quoted-printable: a line ending in "=" is not joined to the next
    "BEGIN:VCARD",
    "VERSION:3.0",
    "FN:Ana Lima",
    "EMAIL;TYPE=INTERNET:ana@example.com",
    "URL:https://example.com/profile?id=",
    "NOTE:quoted-printable is a word in this note and it ends with =",
    "TITLE:Editor",
    "END:VCARD",
]


def _read(text: str, name: str = "contacts.vcf"):
    return read_vcard(SourceFile(name, text.encode("utf-8")))


def _records(batch) -> dict[str, dict[str, str]]:
    return {r["name"]: r for r in batch.people.to_dict("records")}


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_android_card_with_soft_line_breaks_is_read(newline):
    text = ANDROID.read_bytes().decode("utf-8").replace("\r\n", newline)
    assert "Madri=" + newline + "d" in text
    people = read_vcard(SourceFile("android.vcf", text.encode("utf-8"))).people
    assert people[["name", "email"]].to_dict("records") == [
        {"name": "José Hernández", "email": "jose.h@example.com"}
    ]


def test_the_android_file_imports_on_the_command_line(tmp_path, capsys):
    folder = tmp_path / "x"
    assert main(["import", str(ANDROID), "--into", str(folder), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "android_v21.vcf: 1 new contact" in out
    assert not folder.exists()


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_several_cards_each_joined_only_where_quoted_printable(newline):
    android = ANDROID.read_bytes().decode("utf-8").replace("\r\n", "\n").splitlines()
    text = newline.join(android + SECOND + PLAIN + BARE) + newline
    people = _records(_read(text))
    assert list(people) == ["José Hernández", "Zoë Maïa Müller", "Ana Lima", "François Dubois"]
    assert people["José Hernández"]["email"] == "jose.h@example.com"
    assert people["Zoë Maïa Müller"]["organisation"] == "Café München"
    assert people["Zoë Maïa Müller"]["email"] == "zoe@example.com"
    assert people["François Dubois"]["role"] == "Directeur général"
    ana = people["Ana Lima"]
    assert ana["profile_url"] == "https://example.com/profile?id="
    assert ana["notes"] == "quoted-printable is a word in this note and it ends with ="
    assert ana["role"] == "Editor"


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_a_card_without_quoted_printable_is_left_as_it_is(newline):
    text = newline.join(PLAIN) + newline
    assert vcard.join_soft_breaks(text) == (text, list(range(len(PLAIN) + 1)))
    for fixture in ("contacts_v3.vcf", "contacts_v4.vcf"):
        raw = (FIXTURES / fixture).read_text(encoding="utf-8")
        joined, starts = vcard.join_soft_breaks(raw)
        assert joined == raw and starts == list(range(raw.count("\n") + 1))


def test_soft_breaks_keep_the_line_numbers_of_the_file():
    joined, starts = vcard.join_soft_breaks("\n".join(SECOND))
    assert (
        joined.split("\n")[2]
        == "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB Ma=C3=AFa M=C3=BCller"
    )
    # each joined line begins on the line of the file it began on
    assert starts == [0, 1, 2, 5, 7, 8]


def test_a_trailing_equals_sign_never_swallows_end_vcard():
    lines = ["BEGIN:VCARD", "VERSION:2.1", "FN;ENCODING=QUOTED-PRINTABLE:Lu=C3=ADs=", "END:VCARD"]
    assert _records(_read("\r\n".join(lines) + "\r\n")).keys() == {"Luís"}


def _problem(text: str, name: str = "android.vcf") -> str:
    with pytest.raises(LogValidationError) as caught:
        _read(text, name)
    [problem] = caught.value.problems
    return str(problem)


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_a_broken_line_after_a_soft_break_is_named_by_its_line_in_the_file(newline):
    lines = ANDROID.read_bytes().decode("utf-8").replace("\r\n", "\n").splitlines()
    lines.insert(7, "this line is broken")  # the 8th line, after ADR's two lines
    text = newline.join(PLAIN + lines) + newline
    said = _problem(text)
    assert said.startswith(f"android.vcf, row {len(PLAIN) + 8}: this vCard line cannot be read")
    assert "this line is broken" not in said  # (a line's value may be a phone number)


def test_a_vcard_error_names_one_line_number():
    """vobject's own count ("At line 13") is not the file's line: only the row is given."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ana Lima", "not a property", "END:VCARD"]
    said = _problem("\r\n".join(PLAIN + lines) + "\r\n")
    assert said.startswith(f"android.vcf, row {len(PLAIN) + 4}: ")
    assert "At line" not in said and "line 1" not in said.split(":", 1)[1]
