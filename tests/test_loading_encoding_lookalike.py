"""A cp1252 file is not taken for UTF-8 with a line in another encoding just because an
accented capital followed by a curly quote (``É”`` is the bytes C9 94) happens to look like
a UTF-8 letter (``ɔ``); real UTF-8 lines still make such a file "mixed", with the row named.

The rule (see :func:`netcoach.loading.decode_text`): only in a file that is not valid UTF-8,
a line that is not valid UTF-8 itself is cp1252 as a whole, and on a line that is, an
accented capital ending a word in capitals (È É Ë Ì Í Ò Ó Ù Ú after two capitals: JOSÉ,
ZOË, PERÚ) before a quote, dash, ellipsis, no-break space or » is read as cp1252 too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CONTACTS_CSV, write_log

from netcoach.loading import MixedEncodingError, decode_text, load_log

WIDTH = CONTACTS_CSV.split("\n", 1)[0].count(",")


def row(contact_id: str, name: str, notes: str = "") -> str:
    return f"{contact_id},{name}" + "," * (WIDTH - 2) + f",{notes}\n"


CP1252_LINES = [
    row("c004", "“JOSÉ” Ramos"),  # the quote before JOSÉ is not UTF-8: the line is cp1252
    row("c005", "Jo (RENÉ’S cousin)"),  # nothing else on the line tells: É’ before ’
    row("c006", "Zoe Marsh", "ZOË—from the gym"),
    row("c007", "Ana Quispe", "from PERÚ…"),
    row("c008", "Lucia Conti", "said COSÌ” twice"),
    row("c009", "Ines Roy", "her café…” was full"),  # é…” looks like a UTF-8 letter too
]


@pytest.mark.parametrize("line", CP1252_LINES)
def test_a_cp1252_file_reads_as_cp1252(line: str) -> None:
    text = CONTACTS_CSV + line  # (Zoë, on row 3, is not UTF-8 in cp1252)
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")


def test_the_names_load_as_typed(tmp_path: Path) -> None:
    text = CONTACTS_CSV + "".join(CP1252_LINES)
    log = load_log(write_log(tmp_path / "log", text.encode("cp1252"), interactions=None))
    contacts = log.contacts.set_index("contact_id")
    assert contacts.loc["c004", "name"] == "“JOSÉ” Ramos"
    assert contacts.loc["c005", "name"] == "Jo (RENÉ’S cousin)"
    assert contacts.loc["c006", "notes"] == "ZOË—from the gym"
    assert contacts.loc["c009", "notes"] == "her café…” was full"


UTF8_NAMES = [
    "Renée Duval",  # é is C3 A9: "Ã©" in cp1252
    "Ɠoma Bello",  # C6 93: "Æ“" in cp1252
    "Kɔfi Mensah",  # C9 94, as in “JOSÉ”, but after one capital only
    "Séverine DUPRÉ",  # É is C3 89 (Ã‰) after two capitals: Ã never makes a look-alike
    "Nguyễn Văn An",
    "Ðorđe Petrović",
]


@pytest.mark.parametrize("name", UTF8_NAMES)
def test_a_utf8_file_with_a_cp1252_row_still_names_it(name: str) -> None:
    text = CONTACTS_CSV.replace("Zoë", "Zoe") + row("c004", name)
    assert decode_text(text.encode("utf-8")) == (text, "utf-8")
    added = row("c900", "“JOSÉ” Zoë Smith").encode("cp1252")
    with pytest.raises(MixedEncodingError) as info:
        decode_text(text.encode("utf-8") + added)
    assert info.value.line == 6  # the header, three rows, the UTF-8 row, then it


def test_old_mac_line_ends_are_lines_too() -> None:
    utf8 = row("c004", "Renée Duval").encode("utf-8")
    added = row("c900", "Zoë Smith").encode("cp1252")
    with pytest.raises(MixedEncodingError):
        decode_text((utf8 + added).replace(b"\n", b"\r"))


def test_the_rules_known_limits() -> None:
    """What the rule cannot tell apart, chosen as the rarer harm.

    A file that is valid UTF-8 as a whole is read as UTF-8: a cp1252 file whose only accent
    is É’ reads as ɒ. And a UTF-8 file whose only letters outside ASCII are look-alikes
    (ɔ right after two capitals) with a cp1252 row added is read as cp1252."""
    assert decode_text("RENÉ’S cousin\n".encode("cp1252")) == ("RENɒS cousin\n", "utf-8")
    mixed = "KOɔ\n".encode() + "Zoë\n".encode("cp1252")
    assert decode_text(mixed) == ("KOÉ”\nZoë\n", "cp1252")
