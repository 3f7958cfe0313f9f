"""What `netcoach summary` refuses to write, and what the summary schema refuses to read: a
summary of an empty log, a nickname that is a contact's first name and last initial, NaN."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from pathlib import Path

import pytest

from netcoach.cli import main
from netcoach.samples import load_sample, sample_path
from netcoach.scoring import score_log
from netcoach.summary import (
    NicknameError,
    build_summary,
    summary_json,
    summary_problems,
    validate_nickname,
)

ROOT = Path(__file__).resolve().parent.parent

# --- 7. no summary of an empty log ------------------------------------------------------------


def test_the_command_refuses_a_log_with_no_interactions(tmp_path, capsys):
    log = tmp_path / "log"
    shutil.copytree(ROOT / "data" / "templates", log)
    out = tmp_path / "out"
    args = ["summary", str(log), "--nickname", "blue fox 1", "--as-of", "2025-09-05"]
    assert main([*args, "--out", f"{out}/"]) == 2
    err = capsys.readouterr().err
    assert "interactions.csv" in err and "log a few conversations first" in err
    assert "nothing was written" in err
    assert not out.exists()
    assert main([*args, "--out", "-"]) == 2
    assert capsys.readouterr().out == ""


def test_the_command_refuses_a_log_whose_interactions_are_all_too_old(tmp_path, capsys):
    out = tmp_path / "me.json"
    folder = str(sample_path("graduate"))
    assert main(["summary", folder, "--as-of", "2040-01-01", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no conversations in the course's 365-day look-back up to 2040-01-01" in err
    assert not out.exists()


def test_build_summary_raises_for_an_empty_window():
    from netcoach.summary import EmptyLogError

    log = load_sample("graduate")
    report = score_log(log, as_of=dt.date(2040, 1, 1))
    with pytest.raises(EmptyLogError, match="log a few conversations first"):
        build_summary(report, log, "blue-fox")


def test_a_new_folder_given_with_a_slash_gets_the_summary_inside(tmp_path, capsys):
    out = tmp_path / "sums"
    folder = str(sample_path("graduate"))
    args = ["summary", folder, "--nickname", "blue fox 1", "--as-of", "2025-09-05"]
    assert main([*args, "--out", f"{out}/"]) == 0
    assert out.is_dir()
    [written] = out.iterdir()
    assert written.name == "blue-fox-1-summary-2025-09.json"
    assert json.loads(written.read_text())["nickname"] == "blue fox 1"


def test_without_out_the_summary_is_written_here_under_its_own_name(tmp_path, capsys, monkeypatch):
    # The README's command gives no --out: it crashed on None.endswith after the slash rule.
    monkeypatch.chdir(tmp_path)
    folder = str(sample_path("graduate"))
    assert main(["summary", folder, "--nickname", "blue fox 1", "--as-of", "2025-09-05"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["blue-fox-1-summary-2025-09.json"]
    assert "Wrote an anonymous summary for 'blue fox 1'" in capsys.readouterr().err


# --- 8. first name and last initial -----------------------------------------------------------


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("hamidw", "Hamid Wickham"), ("HamidW", "Hamid Wickham"), ("whamid", "Hamid Wickham"),
     ("yusufs", "Yusuf Sandoval"), ("syusuf", "Yusuf Sandoval"), ("yusufs 2", "Yusuf Sandoval"),
     ("kiml", "Kim J Lee"), ("johns", "John Smith")],
)  # fmt: skip
def test_a_first_name_with_a_last_initial_is_refused(nickname, name):
    with pytest.raises(NicknameError, match="holds the name of one of your contacts"):
        validate_nickname(nickname, [name])


@pytest.mark.parametrize("nickname", ["hamid", "wickham", "hamidw"])
def test_the_command_refuses_hamidw_for_the_graduates_hamid_wickham(tmp_path, capsys, nickname):
    assert "Hamid Wickham" in set(load_sample("graduate").contacts["name"])
    out = tmp_path / "me.json"
    folder = str(sample_path("graduate"))
    assert main(["summary", folder, "--nickname", nickname, "--out", str(out)]) == 2
    assert "contacts" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("nickname", ["blue-fox", "hawk", "swift", "Team 3"])
def test_other_nicknames_still_pass_beside_those_names(nickname):
    names = ["Hamid Wickham", "Yusuf Sandoval", "John Smith"]
    assert validate_nickname(nickname, names) == nickname


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("job-hunter", "Jo Bloggs"), ("Job Seeker 7", "Jo Baker"), ("ned", "Ed Ng"),
     ("team-alb", "Al Brown")],
)  # fmt: skip
def test_a_word_that_a_two_letter_name_and_an_initial_make_is_not_refused(nickname, name):
    # 'job' is Jo B.'s username only by chance: with the name kept whole under 3 letters,
    # the username rule refused ordinary words.
    assert validate_nickname(nickname, [name]) == nickname


@pytest.mark.parametrize(
    ("nickname", "name"), [("jwu", "Jian Wu"), ("wuj", "Jian Wu"), ("mng", "Mei Ng")]
)
def test_an_initial_and_a_two_letter_surname_is_still_refused(nickname, name):
    with pytest.raises(NicknameError):
        validate_nickname(nickname, [name])


def test_a_username_refusal_says_so():
    with pytest.raises(NicknameError, match=r"\(a first or last name, or a username made from"):
        validate_nickname("hamidw", ["Hamid Wickham"])


# --- 6. NaN and Infinity ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_the_schema_refuses_nan_and_infinity(value):
    log = load_sample("graduate")
    summary = build_summary(score_log(log), log, "blue-fox")
    assert summary_problems(summary) == []
    odd = json.loads(summary_json(summary))
    odd["rich_share"] = value
    problems = summary_problems(odd)
    assert problems and all(p.startswith("rich_share: ") for p in problems)
    assert "rich_share: NaN or Infinity, not a number a summary can hold" in problems
