"""An empty value (`--html ""`, `--as-of ""`, `score ""`) is refused in words, not read as
"not given" (which wrote no report, or scored today, or scored the current folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import folder_digest, write_log

from netcoach.cli import EXIT_BAD_INPUT, main


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["log", "--html", ""], "--html is empty; give a file name, like --html report.html"),
        (["log", "--html", "  "], "--html is empty; give a file name"),
        (["log", "--as-of", ""], "--as-of is empty; give a date, like --as-of 2025-09-30"),
        ([""], "DIR is empty; give the folder that holds your log"),
    ],
)
def test_an_empty_value_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch, capsys, argv: list[str], said: str
) -> None:
    write_log(tmp_path / "log", settings="as_of = 2024-06-30\n")
    write_log(tmp_path)  # a log in the current folder, which `score ""` scored
    monkeypatch.chdir(tmp_path)
    before = folder_digest(tmp_path)
    assert main(["score", *argv]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert said in captured.err and "nothing was scored or written" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert folder_digest(tmp_path) == before
