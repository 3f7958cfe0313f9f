"""normalise_tables: every bad input becomes a Problem naming file, row and column;
every accepted spreadsheet quirk normalises to the same tables."""

from __future__ import annotations

import datetime as dt
import pickle

import pandas as pd
import pytest

from netcoach.log import NetworkLog
from netcoach.validation import (
    MAX_PROBLEMS_PER_FILE,
    LogValidationError,
    Problem,
    normalise_tables,
    normalised_schemas,
    parse_dates,
)


def contacts(**overrides: list) -> pd.DataFrame:
    data = {
        "contact_id": ["c001", "c002", "c003"],
        "name": ["Amara Osei", "Zoë Whitfield", "Ben Okafor"],
        "tier": ["close", "active", ""],
        "cadence_days": ["", "45", ""],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def interactions(**overrides: list) -> pd.DataFrame:
    data = {
        "date": ["2024-03-12", "2024-03-15", "2024-03-16"],
        "contact_id": ["c001", "c002", "c002"],
        "channel": ["in_person", "email", "email"],
        "kind": ["first_meeting", "received_lead", "thanked"],
        "initiated_by": ["me", "them", ""],
        "note": ["", "Analyst role", ""],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def problems_of(c: pd.DataFrame, i: pd.DataFrame, **kw) -> list[Problem]:
    with pytest.raises(LogValidationError) as info:
        normalise_tables(c, i, **kw)
    return info.value.problems


def only_problem(c: pd.DataFrame, i: pd.DataFrame, **kw) -> Problem:
    found = problems_of(c, i, **kw)
    assert len(found) == 1, found
    return found[0]


# --- a valid log ------------------------------------------------------------------------------


def test_valid_tables_normalise_to_the_documented_shape() -> None:
    c, i = normalise_tables(contacts(), interactions())
    schema_c, schema_i = normalised_schemas()
    schema_c.validate(c)
    schema_i.validate(i)
    assert c["row"].tolist() == [2, 3, 4]
    assert c["tier"].tolist() == ["close", "active", "outer"]
    assert c["cadence_days"].tolist()[1] == 45
    assert c["cadence_days"].isna().tolist() == [True, False, True]
    assert c["organisation"].tolist() == ["", "", ""]  # missing optional column added blank
    assert i["date"].tolist() == [pd.Timestamp(f"2024-03-{d}") for d in (12, 15, 16)]
    assert i["initiated_by"].tolist() == ["me", "them", "me"]  # blank inferred from "thanked"


def test_normalising_twice_changes_nothing() -> None:
    c, i = normalise_tables(contacts(), interactions())
    c2, i2 = normalise_tables(c, i)
    pd.testing.assert_frame_equal(c, c2)
    pd.testing.assert_frame_equal(i, i2)


def test_from_frames_uses_the_same_checks() -> None:
    log = NetworkLog.from_frames(contacts(), interactions())
    assert len(log.interactions) == 3
    with pytest.raises(LogValidationError):
        NetworkLog.from_frames(contacts(), interactions(channel=["fax", "email", "email"]))


def test_frames_built_in_code_with_real_types() -> None:
    c = contacts(cadence_days=[None, 45, None])
    i = interactions(date=[dt.date(2024, 3, 12), dt.datetime(2024, 3, 15, 14, 30), "16/03/2024"])
    out_c, out_i = normalise_tables(c, i)
    assert out_c["cadence_days"].tolist()[1] == 45
    assert out_i["date"].tolist() == [pd.Timestamp(f"2024-03-{d}") for d in (12, 15, 16)]
    stamps = [pd.Timestamp("2024-03-12 09:00"), pd.Timestamp("2024-03-15"), pd.NaT]
    typed = interactions(date=pd.Series(stamps).fillna(pd.Timestamp("2024-03-16")))
    assert normalise_tables(c, typed)[1]["date"].iloc[0] == pd.Timestamp("2024-03-12")


def test_unknown_extra_columns_are_ignored_and_blank_rows_dropped() -> None:
    c = contacts(extra=["x", "y", "z"])
    i = interactions()
    blank = pd.DataFrame([{col: "" for col in i.columns}])
    i = pd.concat([i.iloc[:1], blank, i.iloc[1:]], ignore_index=True)
    out_c, out_i = normalise_tables(c, i)
    assert "extra" not in out_c.columns
    assert out_i["row"].tolist() == [2, 4, 5]  # the blank spreadsheet row 3 keeps its number


# --- accepted quirks --------------------------------------------------------------------------


def test_spaces_capitals_and_aliases_are_normalised() -> None:
    c = contacts(tier=[" Inner ", "CLOSE", "Regular"], cadence_days=[" 30 ", "45.0", ""])
    c.columns = [" Contact ID", "NAME", "Tier", "Cadence Days"]
    i = interactions(
        channel=[" In Person ", "Email", "LinkedIn"],
        kind=["First Meeting", "got lead", "Thank-you"],
        initiated_by=["Me", " THEM", ""],
        contact_id=[" c001", "C002", "c002 "],
    )
    out_c, out_i = normalise_tables(c, i)
    assert out_c["tier"].tolist() == ["inner", "close", "active"]
    assert out_c["cadence_days"].tolist()[:2] == [30, 45]
    assert out_i["channel"].tolist() == ["in_person", "email", "social"]
    assert out_i["kind"].tolist() == ["first_meeting", "received_lead", "thanked"]
    assert out_i["initiated_by"].tolist() == ["me", "them", "me"]
    assert out_i["contact_id"].tolist() == ["c001", "c002", "c002"]  # the contacts' spelling


def test_organization_header_and_tags_are_normalised() -> None:
    c = contacts(Organization=["A", "B", "C"], tags=["data, mentor", " a ;b;; c ", "x|y"])
    out_c, _ = normalise_tables(c, interactions())
    assert out_c["organisation"].tolist() == ["A", "B", "C"]
    assert out_c["tags"].tolist() == ["data;mentor", "a;b;c", "x;y"]


@pytest.mark.parametrize(
    "written",
    [
        "2024-03-12",
        "12/03/2024",
        "12-03-2024",
        "12.03.2024",
        "12 Mar 2024",
        "12 March 2024",
        "Mar 12, 2024",
        "March 12, 2024",
        "2024-03-12 00:00:00",
        " 12  mar  2024 ",
        "20240312",
    ],
)
def test_each_date_format_reads_as_12_march(written: str) -> None:
    assert parse_dates(pd.Series([written])).iloc[0] == pd.Timestamp("2024-03-12")


def test_day_first_decides_how_03_04_reads() -> None:
    text = pd.Series(["03/04/2024", "2024-03-04"])
    assert parse_dates(text, day_first=True).tolist() == [
        pd.Timestamp("2024-04-03"),
        pd.Timestamp("2024-03-04"),
    ]
    assert parse_dates(text, day_first=False).tolist() == [pd.Timestamp("2024-03-04")] * 2
    _, i = normalise_tables(contacts(), interactions(date=["03/04/2024"] * 3), day_first=False)
    assert (i["date"] == pd.Timestamp("2024-03-04")).all()


# --- each bad input -----------------------------------------------------------------------


def test_problem_str_names_file_row_and_column() -> None:
    p = Problem("interactions.csv", 14, "channel", 'unknown channel "fax"')
    assert str(p) == 'interactions.csv, row 14, column "channel": unknown channel "fax"'
    assert str(Problem("contacts.csv", None, None, "the file is empty")) == (
        "contacts.csv: the file is empty"
    )


def test_unknown_channel() -> None:
    p = only_problem(contacts(), interactions(channel=["in_person", "fax", "email"]))
    assert (p.file, p.row, p.column) == ("interactions.csv", 3, "channel")
    assert p.message.startswith('unknown channel "fax"; use one of in_person, event, video')
    assert '"LinkedIn" or "Zoom" are understood' in p.message


def test_misspelt_channel_suggests_the_closest() -> None:
    p = only_problem(contacts(), interactions(channel=["in_person", "emial", "email"]))
    assert 'did you mean "email"?' in p.message


def test_unknown_kind_and_initiated_by() -> None:
    found = problems_of(
        contacts(),
        interactions(kind=["first_meeting", "recieved_lead", "thanked"], initiated_by=["x"] * 3),
    )
    kind = [p for p in found if p.column == "kind"]
    assert [p.row for p in kind] == [3]
    assert kind[0].message.startswith('unknown kind "recieved_lead"')
    assert 'did you mean "received_lead"?' in kind[0].message
    assert [p.row for p in found if p.column == "initiated_by"] == [2, 3, 4]


def test_unknown_tier() -> None:
    p = only_problem(contacts(tier=["close", "bestie", ""]), interactions())
    assert (p.file, p.row, p.column) == ("contacts.csv", 3, "tier")
    assert "inner, close, active, outer" in p.message


def test_bad_date_with_a_hint_about_day_first() -> None:
    found = problems_of(contacts(), interactions(date=["2024-03-12", "31/02/2024", "03/13/2024"]))
    assert [(p.file, p.row, p.column) for p in found] == [
        ("interactions.csv", 3, "date"),
        ("interactions.csv", 4, "date"),
    ]
    assert 'cannot read "31/02/2024" as a date' in found[0].message
    assert "day_first" not in found[0].message
    assert "day_first = false" in found[1].message  # 13 can only be a day


@pytest.mark.parametrize("written", ["12032024", "2024312", "202403120", "20241312"])
def test_run_together_digits_are_a_date_only_as_eight_year_first_digits(written: str) -> None:
    assert parse_dates(pd.Series([written])).isna().all()


def test_a_spreadsheet_day_number_is_explained_not_guessed() -> None:
    found = problems_of(contacts(), interactions(date=["45123", "2024-03-12", "45123.0"]))
    assert [(p.file, p.row, p.column) for p in found] == [
        ("interactions.csv", 2, "date"),
        ("interactions.csv", 4, "date"),
    ]
    assert found[0].message.startswith('cannot read "45123" as a date: ')
    assert "16 Jul 2023" in found[0].message  # what Excel shows for day 45123
    assert "save the CSV again" in found[1].message
    assert "12 Mar 2024" not in found[0].message  # the general hint is replaced, not added


@pytest.mark.parametrize("bad", ["0", "-5", "1.5", "monthly"])
def test_cadence_must_be_a_positive_whole_number(bad: str) -> None:
    p = only_problem(contacts(cadence_days=["", bad, ""]), interactions())
    assert (p.file, p.row, p.column) == ("contacts.csv", 3, "cadence_days")
    # The same rule as a value too large, and as settings.toml's day counts
    assert p.message == (
        f'should be a whole number of days from 1 to 36500 (like 30), or blank; it says "{bad}"'
    )


@pytest.mark.parametrize("bad", ["36501", "100000", "99999999999999999999", "1e400"])
def test_cadence_must_be_at_most_100_years(bad: str) -> None:
    # 99999999999999999999 used to load as -9223372036854775808 days (an Int64 wrapped round).
    p = only_problem(contacts(cadence_days=["", bad, ""]), interactions())
    assert (p.file, p.row, p.column) == ("contacts.csv", 3, "cadence_days")
    assert p.message == (
        f'should be a whole number of days from 1 to 36500 (like 30), or blank; it says "{bad}"'
    )


def test_cadence_of_100_years_is_accepted() -> None:
    out_c, _ = normalise_tables(contacts(cadence_days=["1", "36500", ""]), interactions())
    assert out_c["cadence_days"].tolist()[:2] == [1, 36500]


def test_cadence_built_in_code_is_checked_for_size_too() -> None:
    numbers = pd.array([None, 10**19, 36500], dtype="UInt64")
    p = only_problem(contacts(cadence_days=numbers), interactions())
    assert (p.file, p.row, p.column) == ("contacts.csv", 3, "cadence_days")
    assert p.message.startswith("should be a whole number of days from 1 to 36500 ")


def test_blank_required_value() -> None:
    found = problems_of(contacts(name=["Amara", "", "Ben"]), interactions(kind=["", "", "x"]))
    where = [(p.file, p.row, p.column) for p in found]
    assert ("contacts.csv", 3, "name") in where
    assert ("interactions.csv", 2, "kind") in where
    assert next(p for p in found if p.column == "name").message.startswith("this cell is empty")


def test_duplicate_contact_id_names_both_rows() -> None:
    p = only_problem(contacts(contact_id=["c001", "c002", "C001"]), interactions())
    assert (p.file, p.row, p.column) == ("contacts.csv", 4, "contact_id")
    assert "rows 2 and 4" in p.message


def test_interaction_for_an_unknown_contact() -> None:
    p = only_problem(contacts(), interactions(contact_id=["c001", "c0002", "c002"]))
    assert (p.file, p.row, p.column) == ("interactions.csv", 3, "contact_id")
    assert 'no contact has the contact_id "c0002" in contacts.csv' in p.message
    assert 'did you mean "c002"?' in p.message


def test_missing_required_column() -> None:
    found = problems_of(contacts().drop(columns="name"), interactions().drop(columns="channel"))
    assert [(p.file, p.row, p.column) for p in found] == [
        ("contacts.csv", 1, "name"),
        ("interactions.csv", 1, "channel"),
    ]
    assert "required column" in found[0].message


def test_duplicate_header_column() -> None:
    c = contacts()
    c.insert(2, "Name ", ["x", "y", "z"])
    p = only_problem(c, interactions())
    assert (p.row, p.column) == (1, "name")


def test_contacts_without_a_header_at_all() -> None:
    p = only_problem(pd.DataFrame(), pd.DataFrame())
    assert (p.file, p.row) == ("contacts.csv", 1)
    assert "no header row" in p.message


def test_header_only_interactions_are_a_new_learner() -> None:
    empty = interactions().iloc[:0]
    _, i = normalise_tables(contacts(), empty)
    assert len(i) == 0 and str(i["date"].dtype) == "datetime64[ns]"


def test_every_problem_is_collected_before_raising() -> None:
    found = problems_of(
        contacts(tier=["x", "", ""]),
        interactions(channel=["fax", "email", "email"], date=["soon", "2024-01-01", "2024-01-01"]),
    )
    assert {(p.file, p.column) for p in found} == {
        ("contacts.csv", "tier"),
        ("interactions.csv", "channel"),
        ("interactions.csv", "date"),
    }


def test_problems_are_capped_per_file_but_counted() -> None:
    n = MAX_PROBLEMS_PER_FILE + 300
    i = pd.DataFrame(
        {"date": ["2024-01-01"] * n, "contact_id": ["c001"] * n, "channel": ["fax"] * n}
    )
    i["kind"] = "other"
    with pytest.raises(LogValidationError) as info:
        normalise_tables(contacts(), i)
    err = info.value
    assert len(err.problems) == MAX_PROBLEMS_PER_FILE
    assert err.count == n
    text = str(err)
    assert text.startswith(f"Network Coach found {n} problems")
    assert text.splitlines()[-1] == f"... and {n - 20} more"
    assert text.splitlines()[1].startswith('- interactions.csv, row 2, column "channel"')


def test_the_error_survives_pickling() -> None:
    err = LogValidationError([Problem("contacts.csv", 3, "tier", "unknown tier")], omitted=4)
    copy = pickle.loads(pickle.dumps(err))
    assert copy.problems == err.problems and copy.count == 5 and str(copy) == str(err)
