"""The HTML report's opening line counts what was scored, as the text report does."""

from __future__ import annotations

import re
from pathlib import Path

from netcoach.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "graduate"


def _opening(page: str) -> str:
    """The 'Scores as of ...' paragraph, on one line."""
    found = re.search(r"<p>Scores as of (.*?)</p>", page, re.S)
    assert found, "no 'Scores as of' paragraph"
    return " ".join(found.group(1).split())


def test_html_counts_only_interactions_up_to_the_as_of_date(tmp_path: Path, capsys) -> None:
    out = tmp_path / "asof.html"
    argv = ["score", str(SAMPLE), "--as-of", "2025-03-31"]
    assert main([*argv, "--html", str(out)]) == 0
    text = capsys.readouterr().out
    assert "of your 140 interactions in the last 365 days" in text  # the text report
    opening = _opening(out.read_text(encoding="utf-8"))
    assert "38 contacts and 140 interactions" in opening
    assert "260" not in opening
    assert "120 interactions are dated after 31 March 2025" in opening


def test_html_says_nothing_of_later_rows_when_there_are_none(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["score", str(SAMPLE), "--html", str(out)]) == 0
    opening = _opening(out.read_text(encoding="utf-8"))
    assert "38 contacts and 260 interactions in your network log." in opening
    assert "dated after" not in opening
