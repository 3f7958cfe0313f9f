"""Dates outside 1900 to 2100: refused for their year, naming the file, row and column,
instead of a traceback from pandas (which holds only 1677 to 2262)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from test_validation import contacts, interactions

from netcoach.validation import LogValidationError, normalise_tables, parse_dates


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("1024-05-01", '"1024-05-01" is before 1900: check the year'),
        ("01/05/1024", '"01/05/1024" is before 1900: check the year'),
        ("1899-12-31", '"1899-12-31" is before 1900: check the year'),
        ("3000-01-01", '"3000-01-01" is after 2100: check the year'),
        ("2262-05-01", '"2262-05-01" is after 2100: check the year'),
        ("21010101", '"21010101" is after 2100: check the year'),
    ],
)
def test_a_year_outside_1900_to_2100_is_named_with_its_row(typed: str, why: str) -> None:
    with pytest.raises(LogValidationError) as caught:
        normalise_tables(contacts(), interactions(date=["2024-03-12", typed, "2024-03-16"]))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("interactions.csv", 3, "date")
    assert problem.message == why


def test_the_first_and_last_days_of_the_range_are_read() -> None:
    _, table = normalise_tables(
        contacts(), interactions(date=["1900-01-01", "2100-12-31", "2024-03-16"])
    )
    assert table["date"].dt.year.tolist() == [1900, 2100, 2024]


def test_unreadable_and_out_of_range_dates_each_get_their_own_message() -> None:
    with pytest.raises(LogValidationError) as caught:
        normalise_tables(contacts(), interactions(date=["1024-05-01", "not a date", "2024-03-16"]))
    messages = {p.row: p.message for p in caught.value.problems}
    assert messages[2] == '"1024-05-01" is before 1900: check the year'
    assert messages[3].startswith('cannot read "not a date" as a date')


def test_dates_given_as_datetimes_outside_the_range_are_refused_too() -> None:
    when = pd.Series(np.array(["2024-03-12", "1024-05-01", "2024-03-16"], "datetime64[s]"))
    with pytest.raises(LogValidationError) as caught:
        normalise_tables(contacts(), interactions(date=when))
    [problem] = caught.value.problems
    assert (problem.row, problem.message) == (3, '"1024-05-01" is before 1900: check the year')
    read = parse_dates(when)
    assert read.isna().tolist() == [False, True, False] and str(read.dtype) == "datetime64[ns]"


def test_score_names_the_row_instead_of_a_traceback(tmp_path) -> None:
    (tmp_path / "contacts.csv").write_text("contact_id,name\nc1,Amara Osei\n")
    (tmp_path / "interactions.csv").write_text(
        "date,contact_id,channel,kind\n2024-05-01,c1,email,check_in\n1024-05-01,c1,email,check_in\n"
    )
    run = subprocess.run(
        [sys.executable, "-m", "netcoach", "score", str(tmp_path), "--as-of", "2024-06-01"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert 'row 3, column "date": "1024-05-01" is before 1900: check the year' in run.stderr
