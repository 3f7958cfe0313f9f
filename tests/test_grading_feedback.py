"""List checks: repeated items fail, whole-number floats match, and the feedback counts the
missing items instead of naming them."""

from __future__ import annotations

import pandas as pd

from netcoach.grading import checks


def test_a_list_with_repeated_ids_fails_and_says_so() -> None:
    problem = checks.set_problem(["a", "b", "a"], ["a", "b"], "one_way", "contact ids")
    assert problem == "one_way should list each of its contact ids once; some appear more than once"
    column = pd.DataFrame({"contact_id": ["a", "b", "b"]})
    assert "more than once" in checks.set_problem(
        column, ["a", "b"], "one_way", "contact ids", column="contact_id"
    )


def test_a_missing_item_is_counted_not_named() -> None:
    problem = checks.set_problem(["a"], ["a", "secret"], "ids", "contact ids")
    assert "secret" not in problem
    assert problem == "ids should have 2 contact ids; it has 1, 1 of them missing"


def test_the_right_number_of_wrong_items_is_not_contradictory() -> None:
    problem = checks.set_problem(["a", "wrong"], ["a", "secret"], "ids", "contact ids")
    assert "secret" not in problem
    assert problem == (
        "ids has the right number of contact ids, but some are not the right ones "
        "(for example 'wrong' should not be there)"
    )


def test_whole_number_floats_match_whole_numbers() -> None:
    assert checks.set_problem([168.0, 170.0], [168, 170], "rows", "rows") is None
    assert checks.set_problem(pd.Series([168.0]), [168], "rows", "rows") is None
    assert checks.set_problem([168.5], [168], "rows", "rows") is not None
