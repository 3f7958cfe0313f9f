"""One contact, one interaction, a one-day window: the reports say '1 day', never '1 days'."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import CONTACTS_HEADER, INTERACTIONS_HEADER, write_log

from netcoach.cli import main

ONE_DAY = "as_of = 2025-06-30\n[scoring]\nlookback_days = 1\nask_window_days = 1\n"


def _contacts(*rows: str) -> str:
    return CONTACTS_HEADER + "".join(f"{row}\n" for row in rows)


def _interactions(*rows: str) -> str:
    return INTERACTIONS_HEADER + "".join(f"{row}\n" for row in rows)


def _no_one_days(text: str) -> None:
    """No '1 days', '1 contacts' or '1 interactions' anywhere in ``text``."""
    assert not re.search(r"\b1 (days|contacts|interactions)\b", text), text


def test_html_counts_one_contact_and_one_interaction(tmp_path: Path) -> None:
    folder = write_log(
        tmp_path / "log",
        _contacts("c1,Ann Example,,,,close,,,,,"),
        _interactions("2025-06-01,c1,email,check_in,me,"),
        "as_of = 2025-06-30\n",
    )
    out = tmp_path / "report.html"
    assert main(["score", str(folder), "--html", str(out)]) == 0
    page = " ".join(out.read_text(encoding="utf-8").split())
    assert "from 1 contact and 1 interaction in your network log." in page
    _no_one_days(page)


def test_a_one_day_window_with_nothing_in_it_says_1_day(tmp_path: Path, capsys) -> None:
    folder = write_log(
        tmp_path / "log",
        _contacts("c1,Ann Example,,,,close,1,,,,", "c2,Bo Example,,,,inner,,,,,"),
        _interactions("2025-06-01,c2,email,check_in,me,"),
        ONE_DAY,
    )
    assert main(["score", str(folder), "--top", "0"]) == 0
    text = capsys.readouterr().out
    assert "No gives or asks are logged in the last 1 day," in text
    assert "No interactions are logged in the last 1 day yet." in text
    _no_one_days(text)


def test_a_one_day_window_with_asks_in_it_says_1_day(tmp_path: Path, capsys) -> None:
    asks = [f"2025-06-30,c1,{channel},asked_advice,me," for channel in ("email", "phone", "text")]
    folder = write_log(
        tmp_path / "log",
        _contacts("c1,Ann Example,,,,close,1,,,,", "c2,Bo Example,,,,close,1,,,,"),
        _interactions(*asks),
        ONE_DAY,
    )
    assert main(["score", str(folder), "--top", "0", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    scores = report["scores"]
    # (the follow-up score's own reasons are worded in scoring/follow_up.py, checked there)
    text = " ".join(
        scores["reciprocity"]["reasons"]
        + scores["channel_mix"]["reasons"]
        + [action["reason"] for action in report["next_actions"]]
    )
    assert "In the last 1 day you logged 0 gives and 3 asks" in text
    assert "interactions in the last 1 day (" in text
    assert "within 1 day." in text  # ease off: asked 3 times within the ask window
    assert "you planned every 1 day." in text  # reconnect: never contacted
    _no_one_days(text)


def test_the_follow_up_reasons_say_1_day(tmp_path: Path, capsys) -> None:
    rows = [
        "2025-06-01,c1,email,received_lead,them,",
        "2025-06-05,c1,email,followed_up_lead,me,",  # late: after 1 day
        "2025-06-10,c1,email,received_lead,them,",  # overdue: never followed up
        *[f"2025-06-30,c2,{channel},asked_advice,me," for channel in ("email", "phone", "text")],
    ]
    folder = write_log(
        tmp_path / "log",
        _contacts("c1,Ann Example,,,,close,,,,,", "c2,Bo Example,,,,close,,,,,"),
        _interactions(*rows),
        "as_of = 2025-06-30\n[scoring]\nlead_follow_up_days = 1\nthanks_days = 1\n"
        "ask_window_days = 1\n",
    )
    assert main(["score", str(folder), "--top", "0", "--json"]) == 0
    reasons = " ".join(json.loads(capsys.readouterr().out)["scores"]["follow_up"]["reasons"])
    assert "got no follow-up within 1 day, from Ann Example" in reasons
    assert "followed up late (after 1 day)" in reasons
    assert "got no thank-you within 1 day, from Ann Example" in reasons
    assert "for something 3 times within 1 day (" in reasons
    _no_one_days(reasons)
