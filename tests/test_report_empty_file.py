"""An empty file (0 bytes, as ``mktemp`` makes) holds nothing to lose: ``score --html`` and
``summary --out`` write into it, as they did before they learned to refuse a learner's own
file. And a learner's own file inside the folder given to ``summary --out`` is refused with
advice for a folder, not for a file name."""

from __future__ import annotations

import json
from pathlib import Path

from netcoach import report_html
from netcoach.cli import main
from netcoach.samples import sample_path

GRADUATE = str(sample_path("graduate"))


def test_score_html_writes_into_an_empty_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "tmp.x1.html"
    out.touch()
    assert main(["score", GRADUATE, "--html", str(out)]) == 0
    assert "Wrote the HTML report" in capsys.readouterr().err
    assert report_html.is_a_report(out)


def test_summary_out_writes_into_an_empty_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "tmp.x2.json"
    out.touch()
    assert main(["summary", GRADUATE, "--out", str(out)]) == 0
    assert "Wrote an anonymous summary" in capsys.readouterr().err
    assert json.loads(out.read_text())["kind"]


def test_a_file_of_one_byte_is_still_refused(tmp_path: Path, capsys) -> None:
    out = tmp_path / "notes.html"
    out.write_text("\n")
    assert main(["score", GRADUATE, "--html", str(out)]) == 2
    assert "is not a Network Coach report" in capsys.readouterr().err
    assert out.read_text() == "\n"


def test_own_file_in_the_out_folder_is_refused_with_folder_advice(tmp_path: Path, capsys):
    assert main(["summary", GRADUATE, "--out", str(tmp_path)]) == 0
    (written,) = tmp_path.iterdir()
    written.write_text("my own notes\n")
    capsys.readouterr()
    assert main(["summary", GRADUATE, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"--out {written} is already there and is not a Network Coach summary" in err
    assert "give the summary another folder, or move that file first" in err
    assert "another file name" not in err
    assert written.read_text() == "my own notes\n"
