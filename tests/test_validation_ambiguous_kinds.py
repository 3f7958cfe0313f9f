"""Kind words that could mean help given, asked for or received ("help", "introduction",
"advice", "follow-up") are refused with the kinds they could mean, instead of being
guessed one way: a guess of "helped" counted help a learner received as a give of theirs,
so reciprocity rose and no thank-you was owed."""

from __future__ import annotations

import pytest
from test_validation import contacts, interactions

from netcoach import schema
from netcoach.validation import LogValidationError, normalise_tables


@pytest.mark.parametrize(
    ("typed", "meanings"),
    [
        ("help", '"helped" (you helped them) or "received_help" (they helped you)'),
        ("Help", '"helped" (you helped them) or "received_help" (they helped you)'),
        (
            "introduction",
            '"introduced" (you introduced them to someone) or "received_intro" '
            "(they introduced you to someone)",
        ),
        (
            "advice",
            '"helped" (you helped them), "asked_advice" (you asked them for advice) or '
            '"received_help" (they helped you)',
        ),
        (
            "follow-up",
            '"followed_up_lead" (you followed up a lead they gave you) or "check_in" '
            "(a keep-in-touch check-in)",
        ),
        ("followed up", '"followed_up_lead" (you followed up a lead they gave you) or "check_in"'),
    ],
)
def test_a_kind_that_could_go_either_way_is_refused_with_its_meanings(
    typed: str, meanings: str
) -> None:
    kinds = ["first_meeting", "received_lead", typed]
    with pytest.raises(LogValidationError) as caught:
        normalise_tables(contacts(), interactions(kind=kinds, initiated_by=["me", "them", "them"]))
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("interactions.csv", 4, "kind")
    assert problem.message.startswith(f'kind "{typed}" could mean {meanings}')
    assert problem.message.endswith("write the one you mean")


def test_no_word_is_both_ambiguous_and_understood() -> None:
    assert not set(schema.AMBIGUOUS_KINDS) & set(schema.KIND_ALIASES)
    for meanings in schema.AMBIGUOUS_KINDS.values():
        assert set(meanings) <= set(schema.KINDS)
        assert set(meanings) <= set(schema.KIND_DIRECTIONS)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [("gave help", "helped"), ("got help", "received_help"), ("thank you", "thanked")],
)
def test_words_with_a_direction_are_still_understood(typed: str, read_as: str) -> None:
    kinds = ["first_meeting", "received_lead", typed]
    _, table = normalise_tables(contacts(), interactions(kind=kinds))
    assert table["kind"].tolist()[2] == read_as
