"""The import summary's words: one reason for skipping is not followed by its count again
("Skipped 2: already in your log (2)." read twice); several reasons keep their counts."""

from __future__ import annotations

from collections import Counter

from conftest import LINKEDIN

from netcoach.cli import main
from netcoach.importers.summary import FileSummary


def _skipped_line(item: FileSummary) -> str:
    return item.to_text().split("\n")[1]


def test_one_reason_gives_its_count_once():
    item = FileSummary("messages.csv", skipped=Counter({"already in your log": 2}))
    assert _skipped_line(item) == "  Skipped 2: already in your log."
    one = FileSummary("calendar.ics", skipped=Counter({"cancelled": 1}))
    assert _skipped_line(one) == "  Skipped 1: cancelled."


def test_several_reasons_keep_a_count_each():
    item = FileSummary("messages.csv", skipped=Counter({"no date": 1, "already in your log": 2}))
    assert _skipped_line(item) == "  Skipped 3: already in your log (2); no date (1)."


def test_a_reason_counted_zero_is_not_listed():
    item = FileSummary("x.csv", skipped=Counter({"no date": 0, "no name": 2}))
    assert _skipped_line(item) == "  Skipped 2: no name."
    assert FileSummary("x.csv", skipped=Counter({"no date": 0})).to_text() == (
        "x.csv: 0 new contacts, 0 new interactions."
    )


def test_importing_again_says_what_was_already_in_the_log(tmp_path, capsys):
    folder = tmp_path / "log"
    args = ["import", str(LINKEDIN / "Invitations.csv"), "--into", str(folder)]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 0
    out = capsys.readouterr().out
    [line] = [x for x in out.splitlines() if "Skipped" in x]
    assert line.startswith("  Skipped ") and line.endswith(": already in your log.")
    assert "(" not in line
