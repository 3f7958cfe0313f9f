"""The reciprocity reasons read as a person would say them: no '0.0 gives for every ask',
no '1 of the 1 person'."""

from __future__ import annotations

from scoring_helpers import AS_OF, contact, event, make_log

from netcoach.scoring import score_log


def _reasons(contacts, rows) -> list[str]:
    return [r.text for r in score_log(make_log(contacts, rows), AS_OF).reciprocity.reasons]


def test_few_gives_against_many_asks_are_not_zero_gives():
    rows = [event("2025-09-01", "c1", "shared")]
    rows += [event("2025-09-02", "c1", "asked_advice") for _ in range(26)]
    [first, *_] = _reasons([contact("c1")], rows)
    assert "(1 give for every 26 asks)" in first and "0.0" not in first


def test_a_ratio_of_one_in_ten_or_more_is_a_decimal():
    rows = [event("2025-09-01", "c1", "shared")]
    rows += [event("2025-09-02", "c1", "asked_advice") for _ in range(4)]
    assert "(0.2 gives for every ask)" in _reasons([contact("c1")], rows)[0]


def test_one_person_asked_or_one_helper_is_not_one_of_one():
    one_way = _reasons([contact("c1", "Ann Alder")], [event("2025-09-02", "c1", "asked_advice")])
    assert any("(the one person you asked)" in r for r in one_way)
    assert not any("1 of the 1" in r for r in one_way)
    helped = _reasons([contact("c1", "Ann Alder")], [event("2025-09-02", "c1", "received_help")])
    assert any("(the one person who helped you)" in r for r in helped)
    returned = _reasons(
        [contact("c1")],
        [event("2025-09-02", "c1", "received_help"), event("2025-09-03", "c1", "shared")],
    )
    assert "You have given something back to the one person who helped you." in returned
    asked = _reasons(
        [contact("c1")],
        [event("2025-09-02", "c1", "asked_advice"), event("2025-09-03", "c1", "shared")],
    )
    assert "The one person you asked has also had something from you." in asked


def test_many_people_keep_their_counts():
    rows = [event("2025-09-02", c, "asked_advice") for c in ("c1", "c2")]
    rows.append(event("2025-09-03", "c2", "shared"))
    reasons = _reasons([contact("c1", "Ann Alder"), contact("c2")], rows)
    assert any("(1 of the 2 people you asked)" in r for r in reasons)
