"""`netcoach summary` with a log whose own look-back differs from the course's: the far-off
date warning is judged on the look-back the summary is scored with (the course's 365 days),
and --out may not name the log's id file. Before, a 30-day look-back gave 'no interaction
falls in the look-back window: check the year' over a summary that counted 2 interactions,
and --out LOG/.netcoach-id replaced the id with the summary's nickname only."""

from __future__ import annotations

from pathlib import Path

from helpers import CONTACTS_HEADER, INTERACTIONS_HEADER, write_log

from netcoach.cli import main


def _log(tmp_path: Path, settings: str) -> Path:
    return write_log(
        tmp_path / "log",
        CONTACTS_HEADER + "c1,Pat Example,,,,close,,,,,\n",
        INTERACTIONS_HEADER
        + "2025-10-20,c1,email,check_in,me,\n2025-10-21,c1,phone,check_in,me,\n",
        settings,
    )


def test_the_far_off_warning_uses_the_courses_look_back(tmp_path, capsys) -> None:
    folder = _log(tmp_path, 'as_of = "2025-11-26"\n[scoring]\nlookback_days = 30\n')
    assert main(["summary", str(folder), "--out", str(tmp_path / "out") + "/"]) == 0
    assert "check the year" not in capsys.readouterr().err
    assert main(["score", str(folder)]) == 0  # (the learner's own report does warn)
    assert "check the year" in capsys.readouterr().err


def test_out_may_not_name_the_logs_id_file(tmp_path, capsys) -> None:
    folder = _log(tmp_path, 'as_of = "2025-11-26"\n')
    assert main(["summary", str(folder), "--out", str(folder / ".netcoach-id")]) == 2
    assert ".netcoach-id" in capsys.readouterr().err
    assert not (folder / ".netcoach-id").exists()
