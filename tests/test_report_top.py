"""`score --html` lists the next actions `--top` asks for, as the text report does, and never
points to a full list the page does not have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netcoach.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "graduate"


def _html_and_text(tmp_path: Path, capsys, *top: str) -> tuple[str, str]:
    """The HTML page and the text report of one `score` run on the graduate sample."""
    out = tmp_path / "report.html"
    assert main(["score", str(SAMPLE), *top, "--html", str(out)]) == 0
    return " ".join(out.read_text(encoding="utf-8").split()), capsys.readouterr().out


def _action_rows(page: str) -> int:
    """How many next actions the page lists (rows of its actions table)."""
    return len(re.findall(r'<tr><td class="number">\d+</td><th scope="row">', page))


def _total(text: str) -> int:
    """N in the text report's 'Next actions (top 10 of N)'."""
    return int(re.search(r"Next actions \(top \d+ of (\d+)\)", text)[1])


@pytest.mark.parametrize(("top", "listed"), [((), 10), (("--top", "3"), 3)])
def test_html_lists_the_top_actions_and_says_how_to_see_all(tmp_path, capsys, top, listed):
    page, text = _html_and_text(tmp_path, capsys, *top)
    total = _total(text)
    assert total > listed
    assert _action_rows(page) == listed
    assert f"The first {listed} of {total} are listed (--top {listed}); run netcoach score " in page
    assert f"with --top {total} to list them all." in page
    assert "full list" not in page


def test_html_lists_every_action_when_top_covers_them(tmp_path, capsys) -> None:
    page, text = _html_and_text(tmp_path, capsys, "--top", "500")
    assert _action_rows(page) == _total(text)
    assert "to list them all" not in page and "full list" not in page


def test_html_with_top_zero_lists_none_and_says_so(tmp_path, capsys) -> None:
    page, _ = _html_and_text(tmp_path, capsys, "--top", "0")
    assert _action_rows(page) == 0
    assert "None listed (--top 0 asks for none); use --top 10 to see the first ten." in page
    assert "No next actions" not in page
