"""Follow-up reasons and next actions that say what the log shows: no 'give room' next to
'reconnect', thanks still inside their window told apart from thanks done, names A to Z
whatever their case or accents, one or many in the right number, halves rounded up."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from helpers import CONTACTS_HEADER, INTERACTIONS_HEADER, write_log
from hypothesis import given
from hypothesis import strategies as st
from scoring_helpers import contact, event, make_log

from netcoach.cli import main
from netcoach.scoring import score_log
from netcoach.scoring.wording import name_key, name_sort_keys
from netcoach.settings import Settings

AS_OF = pd.Timestamp("2025-03-31")
SETTINGS = 'as_of = "2025-03-31"\n'


def _texts(report) -> list[str]:
    return [r.text for r in report.follow_up.reasons]


# ---------------------------------------------------------------- 1: give room vs reconnect

BO_ASKED_LONG_AGO = [
    event("2024-04-10", "c1", "asked_advice"),
    event("2024-04-11", "c1", "asked_intro"),
    event("2024-04-12", "c1", "asked_lead"),
    event("2024-04-20", "c1", "shared"),
]


def test_someone_past_their_cadence_is_told_to_reconnect_not_given_room():
    report = score_log(make_log([contact("c1", "Bo Birch", "inner")], BO_ASKED_LONG_AGO), AS_OF)
    actions = report.next_actions
    assert actions["action"].tolist() == ["reconnect"]
    assert (
        actions["reason"].iloc[0].startswith("Reconnect with Bo Birch: last in touch 20 Apr 2024")
    )
    # The over-asking itself still counts in the score and its reasons.
    assert report.follow_up.components["over_contact_gap"] == 1.0
    assert len(report.follow_up.details["over_contact"]) == 1
    assert any(t.startswith("You asked Bo Birch for something 3 times") for t in _texts(report))


def test_someone_just_asked_too_often_is_given_room_not_told_to_reconnect():
    # An inner contact (14-day cadence) asked three times in the last 30 days is past their
    # cadence 19 days on, but they have heard plenty from you: room wins over reconnect.
    asked = [event(d, "c1", "asked_advice") for d in ("2025-03-10", "2025-03-11", "2025-03-12")]
    report = score_log(make_log([contact("c1", "Bo Birch", "inner")], asked), AS_OF)
    assert report.next_actions["action"].tolist() == ["ease_off", "give_back"]
    assert report.next_actions["reason"].iloc[0].startswith("Give Bo Birch some room")
    status = report.follow_up.details["cadence"].set_index("contact_id").at["c1", "status"]
    assert status == "overdue"  # (the reconnect is dropped, not missing for another cause)


def test_the_latest_span_of_too_many_asks_decides_room_or_reconnect():
    # Asked three times in January and three times in March: the January span is the
    # first of the worst, but the March one is recent, so room still wins (second review).
    days = ("2025-01-05", "2025-01-06", "2025-01-07", "2025-03-10", "2025-03-11", "2025-03-12")
    asked = [event(d, "c1", "asked_advice") for d in days]
    report = score_log(make_log([contact("c1", "Bo Birch", "inner")], asked), AS_OF)
    assert report.next_actions["action"].tolist() == ["ease_off", "give_back"]


def test_asks_without_too_many_leave_next_actions_alone():
    asked = [event(d, "c1", "asked_advice") for d in ("2025-03-10", "2025-03-20")]
    report = score_log(make_log([contact("c1", "Bo Birch", "inner")], asked), AS_OF)
    assert report.next_actions["action"].tolist() == ["give_back"]


def test_the_score_command_gives_one_piece_of_advice_for_bo(tmp_path, capsys):
    rows = "".join(f"{e['date']},c1,email,{e['kind']},,\n" for e in BO_ASKED_LONG_AGO)
    folder = write_log(
        tmp_path / "log",
        CONTACTS_HEADER + "c1,Bo Birch,,,,inner,,,,,\n",
        INTERACTIONS_HEADER + rows,
        SETTINGS,
    )
    assert main(["score", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Reconnect with Bo Birch" in out
    assert "Give Bo Birch some room" not in out


def test_someone_asked_too_often_but_in_touch_is_still_given_room():
    log = make_log(
        [contact("c1", "Bo Birch", "inner"), contact("c2", "Cy Cole", "inner")],
        [
            *BO_ASKED_LONG_AGO,
            event("2025-03-20", "c2", "asked_advice"),
            event("2025-03-21", "c2", "asked_intro"),
            event("2025-03-22", "c2", "asked_lead"),
        ],
    )
    actions = score_log(log, AS_OF).next_actions
    ease_off = actions[actions["action"] == "ease_off"]
    assert ease_off["name"].tolist() == ["Cy Cole"]
    assert ease_off["rows"].tolist() == [(6, 7, 8)]
    assert ease_off["reason"].iloc[0].endswith("(interactions.csv rows 6, 7 and 8).")


# ---------------------------------------------------------------- 2: thanks still open

ANN = [contact("c1", "Ann Alder", "close")]


def test_help_still_inside_the_thanks_window_is_not_called_thanked():
    log = make_log(
        ANN,
        [
            event("2025-03-01", "c1", "received_help", "video"),
            event("2025-03-02", "c1", "thanked"),
            event("2025-03-30", "c1", "received_help", "video"),
            event("2025-03-30", "c1", "received_lead", "video"),
        ],
    )
    texts = _texts(score_log(log, AS_OF))
    assert "You thanked people for all the help you logged." not in texts
    assert (
        "You thanked people for all the help that was due, and 2 more are still inside "
        "your 3-day window." in texts
    )


def test_help_all_thanked_keeps_its_sentence():
    log = make_log(
        ANN, [event("2025-03-01", "c1", "received_help"), event("2025-03-02", "c1", "thanked")]
    )
    assert "You thanked people for all the help you logged." in _texts(score_log(log, AS_OF))


def test_one_late_thank_you_is_not_one_of_them():
    log = make_log(
        ANN, [event("2025-03-01", "c1", "received_help"), event("2025-03-10", "c1", "thanked")]
    )
    assert "You thanked people for all the help you logged (late)." in _texts(score_log(log, AS_OF))


def test_help_none_of_it_due_yet_is_not_called_thanked():
    log = make_log(ANN, [event("2025-03-30", "c1", "received_help")])  # close: a cadence duty
    texts = _texts(score_log(log, AS_OF))
    assert "You thanked people for all the help you logged." not in texts
    assert "1 piece of help is still inside your 3-day window for a thank-you." in texts


def test_nothing_due_yet_does_not_say_no_help_when_help_is_logged():
    log = make_log(
        [contact("c1", "Ann Alder", "outer")], [event("2025-03-30", "c1", "received_help")]
    )
    assert _texts(score_log(log, AS_OF)) == [
        "Nothing needs following up yet: 1 piece of help is still inside your 3-day thanks window."
    ]


def test_nothing_due_yet_names_an_open_lead_and_its_help():
    log = make_log(
        [contact("c1", "Ann Alder", "outer")], [event("2025-03-30", "c1", "received_lead")]
    )
    assert _texts(score_log(log, AS_OF)) == [
        "Nothing needs following up yet: 1 job lead is still inside your 7-day follow-up "
        "window and 1 piece of help is still inside your 3-day thanks window."
    ]


# ---------------------------------------------------------------- 3: names A to Z

NAMES = ["Zoe Zane", "ann adler", "Élodie Eau", "Bob Bell"]


def test_next_actions_of_one_priority_run_a_to_z_ignoring_case_and_accents():
    log = make_log(
        [contact(f"c{i}", name, "inner") for i, name in enumerate(NAMES)],
        [event("2025-03-01", f"c{i}", "check_in") for i in range(len(NAMES))],
    )
    actions = score_log(log, AS_OF).next_actions
    assert actions["name"].tolist() == ["ann adler", "Bob Bell", "Élodie Eau", "Zoe Zane"]
    assert actions["rank"].tolist() == [1, 2, 3, 4]


def test_names_alike_but_for_case_keep_a_stable_order():
    log = make_log(
        [
            contact("c2", "ann", "inner"),
            contact("c1", "Ann", "inner"),
            contact("c3", "ANN", "inner"),
        ],
        [event("2025-03-01", c, "check_in") for c in ("c1", "c2", "c3")],
    )
    actions = score_log(log, AS_OF).next_actions
    assert actions["contact_id"].tolist() == ["c3", "c1", "c2"]  # then by the name's text


def test_name_key_folds_case_and_drops_accents():
    assert name_key("Élodie") == "elodie"
    assert name_key("STRASSE") == name_key("Straße") == "strasse"
    assert name_key("Zoë Ŵ") == "zoe w"


@given(st.lists(st.one_of(st.none(), st.text(max_size=8)), max_size=20))
def test_name_sort_keys_are_name_key_of_each_name(names):
    keys = name_sort_keys(pa.array(names, type=pa.large_string())).to_pylist()
    assert keys == [None if n is None else name_key(n) for n in names]


# ---------------------------------------------------------------- 4: one or many


def test_one_contact_with_a_cadence_is_up_to_date_in_the_singular():
    log = make_log(ANN, [event("2025-03-20", "c1", "check_in")])
    texts = _texts(score_log(log, AS_OF))
    assert "Your 1 contact with a cadence is up to date." in texts
    assert not any("All 1 contacts" in t for t in texts)


def test_asks_on_one_day_are_on_that_day():
    log = make_log(
        ANN,
        [
            event("2025-03-15", "c1", "asked_advice"),
            event("2025-03-15", "c1", "asked_intro"),
            event("2025-03-15", "c1", "asked_lead"),
        ],
    )
    texts = _texts(score_log(log, AS_OF))
    assert (
        "You asked Ann Alder for something 3 times within 30 days (on 15 Mar 2025) "
        "(interactions.csv rows 2, 3 and 4): give them some room." in texts
    )


def test_two_asks_are_twice():
    log = make_log(
        ANN, [event("2025-03-10", "c1", "asked_advice"), event("2025-03-15", "c1", "asked_lead")]
    )
    texts = _texts(score_log(log, AS_OF, Settings(max_asks_in_window=1)))
    assert any(
        t.startswith("You asked Ann Alder for something twice within 30 days (10 Mar 2025 to 15")
        for t in texts
    )


def test_overdue_leads_name_each_person_once_and_count_people():
    people = [("c1", "Orla Osei"), ("c2", "Maren Osei"), ("c3", "Greta Penhallow"), ("c4", "Pia")]
    log = make_log(
        [contact(c, n) for c, n in people],
        [
            event("2025-01-01", "c1", "received_lead"),
            event("2025-01-02", "c1", "received_lead"),
            event("2025-01-03", "c2", "received_lead"),
            event("2025-01-04", "c3", "received_lead"),
            event("2025-01-05", "c4", "received_lead"),
            *[event("2025-01-06", c, "thanked") for c, _ in people],
        ],
    )
    lead_reason = _texts(score_log(log, AS_OF))[0]
    assert lead_reason.startswith(
        "5 job leads got no follow-up within 7 days, from Orla Osei, Maren Osei, "
        "Greta Penhallow and 1 other; the oldest, from Orla Osei on 1 Jan 2025, is 82 days overdue"
    )


# ---------------------------------------------------------------- 5: halves round up


def test_a_follow_up_score_of_a_half_rounds_up():
    contacts = [contact(f"c{i}") for i in range(8)]  # outer: no cadence duties
    asks = [event(f"2025-03-{10 + j}", f"c{i}", "asked_advice") for i in range(3) for j in range(3)]
    asks += [event("2025-03-10", f"c{i}", "asked_advice") for i in range(3, 8)]
    follow_up = score_log(make_log(contacts, asks), AS_OF).follow_up
    # 8 people asked, 3 of them too often: 100 * (1 - 3/8) = 62.5
    assert follow_up.components["raw_score"] == 62.5
    assert follow_up.score == 63
