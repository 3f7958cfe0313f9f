"""``netcoach undo DIR``: a learner who imports from the terminal can take it back there."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import folder_digest

from netcoach.cli import EXIT_BAD_INPUT, main

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
GOOGLE = Path(__file__).resolve().parent / "fixtures" / "importers" / "google_contacts.csv"


def _log_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.csv")}


def test_undo_takes_back_an_import_and_then_says_there_is_nothing_more(tmp_path, capsys):
    folder = tmp_path / "log"
    shutil.copytree(SAMPLES / "graduate", folder)
    before = _log_files(folder)
    assert main(["import", str(GOOGLE), "--into", str(folder)]) == 0
    assert _log_files(folder) != before
    capsys.readouterr()
    assert main(["undo", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Undone: import 1 file(s).")
    assert ".backup/undone/" in out.replace("\\", "/")
    assert _log_files(folder) == before
    assert main(["undo", str(folder)]) == 0
    assert "Nothing to undo" in capsys.readouterr().out
    assert _log_files(folder) == before


def test_undo_refuses_after_a_hand_edit_and_changes_nothing(tmp_path, capsys):
    folder = tmp_path / "log"
    shutil.copytree(SAMPLES / "graduate", folder)
    assert main(["import", str(GOOGLE), "--into", str(folder)]) == 0
    with (folder / "interactions.csv").open("a", encoding="utf-8") as f:
        f.write("2025-09-29,c001,email,check_in,me,typed in a spreadsheet\n")
    digest = folder_digest(folder)
    capsys.readouterr()
    assert main(["undo", str(folder)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "interactions.csv has changed since the last save" in err and "Traceback" not in err
    assert folder_digest(folder) == digest


def test_undo_names_a_folder_that_is_not_there(tmp_path, capsys):
    assert main(["undo", str(tmp_path / "nope")]) == EXIT_BAD_INPUT
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "file.csv").write_text("x\n", encoding="utf-8")
    assert main(["undo", str(tmp_path / "file.csv")]) == EXIT_BAD_INPUT
    assert "is a file, not a folder" in capsys.readouterr().err


def test_the_import_summary_says_how_to_undo(tmp_path, capsys):
    folder = tmp_path / "log"
    shutil.copytree(SAMPLES / "graduate", folder)
    assert main(["import", str(GOOGLE), "--into", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"To take it back, run: netcoach undo {folder}" in out


def test_undo_in_a_folder_with_nothing_to_undo_leaves_it_as_it_was(tmp_path, capsys):
    # It left a .netcoach.lock file in any folder it was pointed at (review).
    assert main(["undo", str(tmp_path)]) == 0
    assert "Nothing to undo" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
