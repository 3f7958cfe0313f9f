"""load_log and read_csv_text: what spreadsheets save loads to the same tables; what cannot
be read gives a message naming the file, the row and the column; loading writes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from helpers import (
    CONTACTS_CSV,
    INTERACTIONS_CSV,
    WINDOWS_TEXT,
    folder_digest,
    network_logs,
    write_log,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach import schema
from netcoach.loading import load_log, read_csv_text
from netcoach.log import NetworkLog
from netcoach.saving import canonical_frames
from netcoach.spreadsheet_cells import as_text_frame
from netcoach.validation import LogValidationError, Problem, normalised_schemas


@pytest.fixture
def reference(tmp_path: Path):
    return load_log(write_log(tmp_path / "reference"))


def assert_same_log(log, reference) -> None:
    pd.testing.assert_frame_equal(log.contacts, reference.contacts)
    pd.testing.assert_frame_equal(log.interactions, reference.interactions)


def load_problems(folder: Path, **kw) -> list[Problem]:
    with pytest.raises(LogValidationError) as info:
        load_log(folder, **kw)
    return info.value.problems


def test_a_valid_folder_loads(reference) -> None:
    assert reference.contacts["name"].tolist()[1] == "Zoë Whitfield"
    assert reference.contacts["row"].tolist() == [2, 3, 4]
    assert reference.interactions["channel"].tolist() == ["in_person", "email", "email", "social"]
    assert reference.folder is not None and reference.folder.name == "reference"


# --- encodings and delimiters -------------------------------------------------------------------


def excel_text(text: str, sep: str = ",") -> str:
    """The CSV text as a spreadsheet saves it with another separator (quoting as needed)."""
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


@pytest.mark.parametrize(
    ("label", "encode"),
    [
        ("utf-8 with BOM", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        ("utf-16 LE, tabs", lambda t: excel_text(t, "\t").encode("utf-16")),
        ("utf-16 BE, tabs", lambda t: b"\xfe\xff" + excel_text(t, "\t").encode("utf-16-be")),
        ("utf-16 LE, no BOM", lambda t: excel_text(t, "\t").encode("utf-16-le")),
        ("cp1252", lambda t: excel_text(t).encode("cp1252")),
        ("semicolons", lambda t: excel_text(t, ";").encode("utf-8")),
        ("tabs", lambda t: excel_text(t, "\t").encode("utf-8")),
        ("old Mac line endings", lambda t: t.replace("\n", "\r").encode("cp1252")),
    ],
)
def test_encodings_and_delimiters_load_the_same(tmp_path: Path, reference, label, encode) -> None:
    folder = write_log(tmp_path / "log", encode(CONTACTS_CSV), encode(INTERACTIONS_CSV))
    assert_same_log(load_log(folder), reference)


def test_cp1252_keeps_accents(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes("contact_id,name\nc1,Zoë Ndiaye\n".encode("cp1252"))
    assert path.read_bytes().count(b"\xeb") == 1
    assert read_csv_text(path)["name"].tolist() == ["Zoë Ndiaye"]


def test_spaces_capitals_and_other_date_formats_load_the_same(tmp_path: Path, reference) -> None:
    contacts = CONTACTS_CSV.replace(
        "contact_id,name,organisation", "Contact ID, Name ,Organization"
    )
    contacts = contacts.replace(",close,", ", Close ,").replace("c003,", " c003 ,")
    interactions = (
        "Date,Contact ID,Channel,Kind,Initiated By,Note\n"
        "12/03/2024,c001, In Person ,First Meeting,Me,Coffee near the station\n"
        "15 Mar 2024,c002,Email,Got Lead,THEM,Analyst role at Tidewater\n"
        '"Mar 16, 2024",c002,E-mail,Thanks,,\n'
        "2024-04-03 00:00:00,c003,LinkedIn,Asked for advice,I,\n"
    )
    folder = write_log(tmp_path / "log", contacts, interactions)
    assert_same_log(load_log(folder), reference)


def test_day_first_from_settings_and_the_argument(tmp_path: Path) -> None:
    interactions = "date,contact_id,channel,kind\n03/04/2024,c001,email,other\n"
    folder = write_log(tmp_path / "log", CONTACTS_CSV, interactions, settings="day_first = false\n")
    assert load_log(folder).interactions["date"].iloc[0] == pd.Timestamp("2024-03-04")
    assert load_log(folder, day_first=True).interactions["date"].iloc[0] == pd.Timestamp(
        "2024-04-03"
    )
    assert load_log(folder).folder_settings.day_first is False


def test_blank_lines_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    interactions = INTERACTIONS_CSV.replace("\n2024-03-15", "\n\n,,,,,\n2024-03-15")
    folder = write_log(
        tmp_path / "log", CONTACTS_CSV, interactions + "2024-04-04,c999,email,other,,\n"
    )
    problems = load_problems(folder)
    assert [(p.file, p.row, p.column) for p in problems] == [("interactions.csv", 8, "contact_id")]


def test_quoted_values_with_commas_and_newlines(tmp_path: Path) -> None:
    contacts = CONTACTS_CSV + 'c004,"Okafor, Ben","Line one\nline two",,,,,,,,"say ""hi"""\n'
    log = load_log(write_log(tmp_path / "log", contacts))
    last = log.contacts.iloc[-1]
    assert (last["name"], last["organisation"], last["notes"]) == (
        "Okafor, Ben",
        "Line one\nline two",
        'say "hi"',
    )


def test_missing_interactions_file_means_no_interactions_yet(tmp_path: Path) -> None:
    log = load_log(write_log(tmp_path / "log", interactions=None))
    assert len(log.interactions) == 0
    assert list(log.interactions.columns)[:2] == ["date", "contact_id"]


@pytest.mark.parametrize(
    ("missing", "look_alike"),
    [
        ("interactions.csv", "Interactions.csv"),
        ("interactions.csv", "interactions.csv.txt"),
        ("interactions.csv", "interactions (1).csv"),
        ("contacts.csv", "Contacts.CSV"),
    ],
)
def test_a_misnamed_file_is_named_with_how_to_fix_it(tmp_path, missing, look_alike) -> None:
    folder = write_log(tmp_path / "log")
    (folder / missing).rename(folder / look_alike)
    problems = load_problems(folder)
    assert [(p.file, p.row, p.column) for p in problems] == [(missing, None, None)]
    assert f"{look_alike} is there: rename it to {missing}" in problems[0].message


def test_header_only_interactions_are_fine(tmp_path: Path) -> None:
    log = load_log(write_log(tmp_path / "log", interactions="date,contact_id,channel,kind\n"))
    assert len(log.interactions) == 0 and len(log.contacts) == 3


def test_excel_sep_line_is_understood(tmp_path: Path, reference) -> None:
    contacts = "sep=;\r\n" + excel_text(CONTACTS_CSV, ";")
    interactions = "sep=;\n" + excel_text(INTERACTIONS_CSV, ";").replace("email", "fax", 1)
    problems = load_problems(write_log(tmp_path / "log", contacts, interactions))
    assert [(p.file, p.row, p.column) for p in problems] == [("interactions.csv", 3, "channel")]
    fixed = write_log(tmp_path / "fixed", contacts, "sep=;\n" + excel_text(INTERACTIONS_CSV, ";"))
    assert_same_log(load_log(fixed), reference)


# --- what cannot be read -----------------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    [p] = load_problems(tmp_path / "nowhere")
    assert "does not exist" in p.message and p.file.endswith("nowhere")


def test_missing_contacts_file(tmp_path: Path) -> None:
    [p] = load_problems(write_log(tmp_path / "log", contacts=None, interactions=None))
    assert p.file == "contacts.csv" and "missing" in p.message


@pytest.mark.parametrize("content", [b"", b"  \r\n\n "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    [p] = load_problems(write_log(tmp_path / "log", contacts=content))
    assert p.file == "contacts.csv"
    assert p.message.startswith("the file is empty; it needs at least the header row: contact_id")


def test_wrong_delimiter(tmp_path: Path) -> None:
    contacts = CONTACTS_CSV.replace(",", "|")
    [p] = load_problems(write_log(tmp_path / "log", contacts, interactions=None))
    assert (p.file, p.row) == ("contacts.csv", 1)
    assert 'separated by "|"' in p.message and "contact_id|name|organisation" in p.message


def test_data_in_the_header_row(tmp_path: Path) -> None:
    interactions = INTERACTIONS_CSV.split("\n", 1)[1]  # the header row was deleted
    [p] = load_problems(write_log(tmp_path / "log", interactions=interactions))
    assert (p.file, p.row, p.column) == ("interactions.csv", 1, None)
    assert "the first row should name the columns" in p.message
    assert "2024-03-12,c001,in_person" in p.message


def test_repeated_header_column(tmp_path: Path) -> None:
    contacts = "contact_id,Name,name,tier\nc001,Amara Osei,Amara,close\n"
    [p] = load_problems(write_log(tmp_path / "log", contacts, interactions=None))
    assert (p.file, p.row, p.column) == ("contacts.csv", 1, "name")
    assert "appears twice" in p.message


def test_read_csv_text_gives_text_columns_with_tidy_headers(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(" Contact ID ;Organization;How met\nc001;NA;\n", encoding="utf-8")
    frame = read_csv_text(path)
    assert list(frame.columns) == ["contact_id", "organisation", "how_met"]
    assert frame.iloc[0].tolist() == ["c001", "NA", ""]  # "NA" is text, blanks stay ""


def test_a_workbook_saved_with_a_csv_name(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", contacts=b"PK\x03\x04" + b"\x00" * 40)
    [p] = load_problems(folder)
    assert p.file == "contacts.csv" and "not a CSV file" in p.message and "CSV UTF-8" in p.message


def test_a_broken_utf16_file(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", interactions=b"\xff\xfe" + "date".encode("utf-16-le")[:-1])
    [p] = load_problems(folder)
    assert p.file == "interactions.csv" and "cannot be read" in p.message


def test_a_file_that_cannot_be_opened(tmp_path: Path, monkeypatch) -> None:
    folder = write_log(tmp_path / "log")
    real = Path.read_bytes

    def locked(self: Path) -> bytes:
        if self.name == "interactions.csv":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", locked)
    [p] = load_problems(folder)
    assert p.file == "interactions.csv"
    assert p.message.startswith("cannot open the file (permission denied)")


def test_file_too_large(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    [p] = load_problems(folder, max_bytes=300)  # contacts.csv is larger, interactions smaller
    assert p.file == "contacts.csv"
    assert p.message.startswith("the file is 331 bytes, more than the 300 bytes Network Coach")
    with pytest.raises(LogValidationError):
        read_csv_text(folder / "contacts.csv", max_bytes=100)


def test_unclosed_quote_names_its_row(tmp_path: Path) -> None:
    interactions = INTERACTIONS_CSV.replace("Analyst role", '"Analyst role')
    [p] = load_problems(write_log(tmp_path / "log", interactions=interactions))
    assert (p.file, p.row) == ("interactions.csv", 3)
    assert "never closed" in p.message


def test_too_many_cells_names_its_row(tmp_path: Path) -> None:
    interactions = INTERACTIONS_CSV.replace("Analyst role at Tidewater", "Analyst, Tidewater")
    [p] = load_problems(write_log(tmp_path / "log", interactions=interactions))
    assert (p.file, p.row) == ("interactions.csv", 3)
    assert "7 cells but the header has 6" in p.message


def test_problems_from_both_files_come_together(tmp_path: Path) -> None:
    contacts = CONTACTS_CSV.replace(",close,", ",bestie,")
    interactions = INTERACTIONS_CSV.replace("in_person", "fax")
    problems = load_problems(
        write_log(tmp_path / "log", contacts, interactions, settings="day_first = 'maybe\n")
    )
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("settings.toml", None, None),  # not valid TOML
        ("contacts.csv", 2, "tier"),
        ("interactions.csv", 2, "channel"),
    ]


@pytest.mark.parametrize("value", ['"soon"', '"2025-02-30"', "true"])
def test_a_bad_as_of_setting_names_the_setting_and_shows_the_form(tmp_path, value) -> None:
    [p] = load_problems(write_log(tmp_path / "log", settings=f"as_of = {value}\n"))
    assert p.file == "settings.toml"
    assert "is not a date; write it like as_of = 2025-09-30" in p.message
    assert p.message.startswith("as_of = ")


@pytest.mark.parametrize(("value", "day"), [("2025-09-30", 30), ('"2025-09-29"', 29)])
def test_the_as_of_setting_may_be_a_toml_date_or_text(tmp_path, value, day) -> None:
    log = load_log(write_log(tmp_path / "log", settings=f"as_of = {value}\n"))
    assert log.folder_settings.as_of == dt.date(2025, 9, day)


def test_unreadable_contacts_still_reports_interaction_problems(tmp_path: Path) -> None:
    interactions = INTERACTIONS_CSV.replace("2024-03-15", "yesterday")
    problems = load_problems(write_log(tmp_path / "log", b"", interactions))
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("contacts.csv", None, None),
        ("interactions.csv", 3, "date"),
    ]


# --- loading never writes ------------------------------------------------------------------------


def test_loading_leaves_the_folder_byte_identical(tmp_path: Path) -> None:
    good = write_log(tmp_path / "good", settings="day_first = true\n")
    bad = write_log(tmp_path / "bad", interactions=INTERACTIONS_CSV.replace("email", "fax"))
    before = {f: folder_digest(f) for f in (good, bad)}
    load_log(good)
    with pytest.raises(LogValidationError):
        load_log(bad)
    assert {f: folder_digest(f) for f in (good, bad)} == before
    assert sorted(p.name for p in good.iterdir()) == [
        "contacts.csv",
        "interactions.csv",
        "settings.toml",
    ]


def test_the_samples_load() -> None:
    samples = pytest.importorskip("netcoach.samples")
    for name in samples.SAMPLE_NAMES:
        log = load_log(samples.sample_path(name))
        assert len(log.contacts) >= 30 and len(log.interactions) >= 200
        assert log.folder_settings.as_of is not None
        contacts_schema, interactions_schema = normalised_schemas()
        contacts_schema.validate(log.contacts)
        interactions_schema.validate(log.interactions)


# --- property: any mix of spreadsheet quirks loads to the same tables --------------------------

_DATE_STYLES = {
    "iso": ("%Y-%m-%d", True),
    "excel": ("%Y-%m-%d 00:00:00", True),
    "day first": ("%d/%m/%Y", True),
    "month first": ("%m/%d/%Y", False),
    "dashes": ("%d-%m-%Y", True),
    "short month": ("%d %b %Y", True),
    "long month": ("%B %d, %Y", True),
}
_ALIASES = {
    canonical: sorted(k for k, v in aliases.items() if v == canonical)
    for aliases in (schema.CHANNEL_ALIASES, schema.KIND_ALIASES, schema.INITIATOR_ALIASES)
    for canonical in set(aliases.values())
}


@st.composite
def quirky_files(draw, log: NetworkLog) -> tuple[dict[str, bytes], bool]:
    """The log as some spreadsheet might save it; also the day_first setting it needs."""
    sep = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    date_format, day_first = _DATE_STYLES[draw(st.sampled_from(sorted(_DATE_STYLES)))]

    def spell(value: str) -> str:  # an alias, in any capitals, with stray spaces
        alias = draw(st.sampled_from(_ALIASES.get(value, [value]))).replace("_", " ")
        alias = draw(st.sampled_from([alias, alias.upper(), alias.title()]))
        return draw(st.sampled_from(["", " "])) + alias + draw(st.sampled_from(["", "  "]))

    # Text tables as saved: a would-be formula (a note "-", say) gets its leading "'".
    frames = {name: as_text_frame(frame) for name, frame in canonical_frames(log).items()}
    contacts = frames["contacts.csv"]
    contacts["tier"] = [spell(t).strip().upper() for t in contacts["tier"]]
    interactions = frames["interactions.csv"]
    interactions["date"] = log.interactions["date"].dt.strftime(date_format)
    for column in ("channel", "kind", "initiated_by"):
        interactions[column] = [spell(v) for v in interactions[column]]
    files = {}
    for name, frame in (("contacts.csv", contacts), ("interactions.csv", interactions)):
        header = [c.replace("_", " ").title() for c in frame.columns]
        out = io.StringIO()
        writer = csv.writer(out, delimiter=sep, lineterminator=newline)
        writer.writerows([header, *frame.astype(str).to_numpy().tolist()])
        files[name] = out.getvalue().encode(encoding)
    return files, day_first


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), log=network_logs(alphabet=WINDOWS_TEXT))
def test_any_mix_of_quirks_loads_to_the_same_tables(tmp_path: Path, data, log) -> None:
    files, day_first = data.draw(quirky_files(log))
    folder = write_log(
        tmp_path / "quirky",
        files["contacts.csv"],
        files["interactions.csv"],
        settings=f"day_first = {str(day_first).lower()}\n",
    )
    loaded = load_log(folder)
    pd.testing.assert_frame_equal(loaded.contacts, log.contacts)
    pd.testing.assert_frame_equal(loaded.interactions, log.interactions)


def test_the_size_limit_is_stated_in_the_unit_the_message_uses():
    """The refusal names the limit as the docs do (250 MB), not 262 MB (250 MiB in MB)."""
    from netcoach.loading import MAX_FILE_BYTES, _human_size

    assert _human_size(MAX_FILE_BYTES) == "250 MB"


def test_a_title_row_is_quoted_as_typed(tmp_path: Path) -> None:
    """A spreadsheet title in row 1 ("My network log" then empty cells) is quoted as the
    learner sees it, without the padding the parser gives repeated empty names."""
    width = CONTACTS_CSV.split("\n", 1)[0].count(",")  # a spreadsheet fills the row out
    contacts = "My network log" + "," * width + "\n" + CONTACTS_CSV
    [p] = load_problems(write_log(tmp_path / "log", contacts, interactions=None))
    assert (p.file, p.row) == ("contacts.csv", 1)
    assert 'but it reads "My network log"' in p.message


def test_a_utf8_file_with_one_row_in_another_encoding_names_that_row(tmp_path: Path) -> None:
    """A UTF-8 contacts.csv with one row added by an older program (cp1252) is refused with
    that row named, instead of being read as cp1252 with every other accent garbled; a file
    wholly in cp1252 still loads."""
    lines = CONTACTS_CSV.rstrip("\n").split("\n")
    good = "\n".join([lines[0], lines[1].replace(",", ",Renée ", 1), *lines[2:]]) + "\n"
    folder = write_log(tmp_path / "log", good, interactions=None)
    width = lines[0].count(",")
    added = ("c900,Zoë Smith" + "," * (width - 1) + "\n").encode("cp1252")
    contacts = folder / "contacts.csv"
    contacts.write_bytes(contacts.read_bytes() + added)
    before = folder_digest(folder)
    [p] = load_problems(folder)
    assert (p.file, p.row, p.column) == ("contacts.csv", len(lines) + 1, None)
    assert "not saved as UTF-8" in p.message and "CSV UTF-8" in p.message
    assert folder_digest(folder) == before

    whole = write_log(tmp_path / "cp", good, interactions=None)
    (whole / "contacts.csv").write_bytes(good.encode("cp1252"))
    assert "Renée" in load_log(whole).contacts["name"].iloc[0]
