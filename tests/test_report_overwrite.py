"""`score --html FILE` replaces only an earlier Network Coach report, always owner-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import folder_digest

from netcoach import report_html
from netcoach.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "graduate"


def _mtimes(folder: Path) -> dict[str, int]:
    """Each file's modification time, to show nothing was touched."""
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_html_refuses_a_file_that_is_not_a_report(tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes\n", encoding="utf-8")
    notes.chmod(0o644)
    before, times = folder_digest(tmp_path), _mtimes(tmp_path)
    assert main(["score", str(SAMPLE), "--html", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "is already there and is not a Network Coach report" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert folder_digest(tmp_path) == before and _mtimes(tmp_path) == times


def test_html_replaces_an_earlier_report_owner_only(tmp_path: Path, capsys) -> None:
    out = tmp_path / "report.html"
    assert main(["score", str(SAMPLE), "--html", str(out)]) == 0
    assert report_html.is_a_report(out)
    out.chmod(0o644)  # readable by every user: a report names people
    assert main(["score", str(SAMPLE), "--as-of", "2025-06-30", "--html", str(out)]) == 0
    assert "Wrote the HTML report" in capsys.readouterr().err
    if os.name != "nt":
        assert out.stat().st_mode & 0o777 == 0o600
    assert "30 June 2025" in out.read_text(encoding="utf-8")


def test_a_report_made_before_the_generator_line_is_still_a_report(tmp_path: Path) -> None:
    earlier = tmp_path / "old.html"
    earlier.write_text(
        "<!doctype html>\n<html><body><p>Scores</p>"
        f"<footer><p>Made by Network Coach 0.9. {report_html.PRIVACY_LINE}</p></footer>"
        "</body></html>\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.html"
    page.write_text("<!doctype html>\n<html><body>My page</body></html>\n", encoding="utf-8")
    assert report_html.is_a_report(earlier)
    assert not report_html.is_a_report(page)


@pytest.mark.parametrize("name", ["notes.txt", "page.html"])
def test_the_written_report_carries_its_generator_line(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    assert main(["score", str(SAMPLE), "--html", str(out)]) == 0
    assert '<meta name="generator" content="Network Coach report">' in out.read_text("utf-8")
