"""``netcoach grade --csv``: file names that are not UTF-8, a gradebook written whole or not
at all, a --csv path that is a submission, a submission given twice, the --timeout help."""

from __future__ import annotations

import csv
import errno
import os
import stat
from pathlib import Path

import nbformat
import pytest

from netcoach.cli import EXIT_BAD_INPUT, main
from netcoach.grading import grader
from netcoach.grading.authoring import EXERCISES_DIR
from netcoach.grading.grader import GRADEBOOK_COLUMNS, Submission, collect, write_gradebook

JOSE = "Jos\udce9.ipynb"  # b"Jos\xe9.ipynb" (Latin-1, from a Windows zip) as Python reads it
GARBLED = '{"cells": ['  # a damaged notebook: graded at once, as not-a-notebook


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _class(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(GARBLED, encoding="utf-8")
    return folder


def _jose(folder: Path) -> Path:
    try:
        (folder / JOSE).write_text(GARBLED, encoding="utf-8")
    except (OSError, UnicodeEncodeError):  # a file system that takes UTF-8 names only
        pytest.skip("this file system does not take a file name that is not UTF-8")
    return folder / JOSE


# --- 1. a file name that is not UTF-8 ------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_written_readably(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = _class(tmp_path / "s8", "amara.ipynb")
    _jose(folder)
    gradebook = tmp_path / "gradebook.csv"
    assert main(["grade", str(folder), "--csv", str(gradebook)]) == 1  # none passed
    printed = capsys.readouterr()
    printed.out.encode("utf-8")  # a terminal that takes UTF-8 only can show it
    assert "Jos\\xe9.ipynb: not-a-notebook: it is not valid JSON" in printed.out
    assert f"gradebook written to {gradebook}" in printed.out
    assert not printed.err
    rows = _rows(gradebook)
    assert [(Path(r["file"]).name, r["status"]) for r in rows] == [
        ("Jos\\xe9.ipynb", "not-a-notebook"),
        ("amara.ipynb", "not-a-notebook"),
    ]


def test_readable_keeps_good_text_and_escapes_only_the_bad_bytes() -> None:
    assert grader.readable("Zoë ✓ amara 🎉.ipynb") == "Zoë ✓ amara 🎉.ipynb"
    assert grader.readable("s8/Jos\udce9 G\udcf3mez.ipynb") == "s8/Jos\\xe9 G\\xf3mez.ipynb"
    assert grader.readable("odd\ud800.ipynb") == "odd\\ud800.ipynb"  # a surrogate for no byte
    assert grader.readable("Jos\udce9.ipynb") != grader.readable("Jos\udce8.ipynb")


def test_two_names_that_differ_only_in_a_byte_that_is_not_utf8_stay_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    # Jos<E9> (Latin-1 "é") and Jos<E8> (Latin-1 "è"): two learners, two rows to tell apart
    folder = _class(tmp_path / "s8")
    _jose(folder)
    (folder / "Jos\udce8.ipynb").write_text(GARBLED, encoding="utf-8")
    gradebook = tmp_path / "gradebook.csv"
    assert main(["grade", str(folder), "--csv", str(gradebook)]) == 1
    out = capsys.readouterr().out
    out.encode("utf-8")
    assert "Jos\\xe8.ipynb: not-a-notebook" in out
    assert "Jos\\xe9.ipynb: not-a-notebook" in out
    names = [Path(r["file"]).name for r in _rows(gradebook)]
    assert sorted(names) == ["Jos\\xe8.ipynb", "Jos\\xe9.ipynb"]


def test_a_gradebook_that_fails_part_way_leaves_the_old_one_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _class(tmp_path / "class", "amara.ipynb", "bo.ipynb")
    gradebook = tmp_path / "gradebook.csv"
    last_week = ",".join(GRADEBOOK_COLUMNS) + "\nlast-week.ipynb,,1,1,100,passed,\n"
    gradebook.write_text(last_week, encoding="utf-8")
    real = grader.as_text_cell

    def disk_full_at_bo(text: str) -> str:
        if text.endswith("bo.ipynb"):  # the second row: the first is written by now
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(text)

    monkeypatch.setattr(grader, "as_text_cell", disk_full_at_bo)
    assert main(["grade", str(folder), "--csv", str(gradebook)]) == EXIT_BAD_INPUT
    assert f"--csv {gradebook}: could not write it (No space left on device)" in (
        capsys.readouterr().err
    )
    assert gradebook.read_text(encoding="utf-8") == last_week
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class", "gradebook.csv"]


def test_a_new_gradebook_that_fails_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str) -> str:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(grader, "as_text_cell", broken)
    with pytest.raises(OSError):
        write_gradebook([Submission(Path("amara.ipynb"))], tmp_path / "gradebook.csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_gradebook_written_over_keeps_its_permissions_and_its_link(tmp_path: Path) -> None:
    """(A guard: the atomic write must not change what writing the file in place did.)"""
    real = tmp_path / "shared" / "grades.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "gradebook.csv"
    link.symlink_to(real)
    write_gradebook([Submission(Path("amara.ipynb"), status="passed")], link)
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert [r["file"] for r in _rows(real)] == ["amara.ipynb"]
    assert sorted(p.name for p in real.parent.iterdir()) == ["grades.csv"]

    new = tmp_path / "new.csv"
    write_gradebook([], new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600  # grades are about people: owner only
    assert new.read_text(encoding="utf-8") == ",".join(GRADEBOOK_COLUMNS) + "\n"


def test_a_folder_that_cannot_take_the_gradebook_is_refused_before_grading(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The gradebook is written beside itself, then moved into place: a writable gradebook
    # in a read-only folder would lose a whole class's grades after grading them.
    import netcoach.atomic_files

    folder = _class(tmp_path / "class", "amara.ipynb")

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(netcoach.atomic_files.tempfile, "mkstemp", read_only)
    monkeypatch.setattr(grader, "grade_paths", lambda *a, **k: pytest.fail("graded anyway"))
    gradebook = tmp_path / "gradebook.csv"
    assert main(["grade", str(folder), "--csv", str(gradebook)]) == EXIT_BAD_INPUT
    assert f"--csv {gradebook}: its folder cannot take a new file (Permission denied)" in (
        capsys.readouterr().err
    )
    assert not gradebook.exists()


# --- 2. a --csv path that is a submission ----------------------------------------------------


@pytest.mark.parametrize("csv_name", ["class/amara.ipynb", "amara-grades.IPYNB"])
def test_a_csv_path_that_names_a_notebook_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, csv_name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _class(tmp_path / "class", "amara.ipynb")
    (tmp_path / "class" / "notes.txt").write_text("my answers\n", encoding="utf-8")
    assert main(["grade", "class", "--csv", csv_name]) == EXIT_BAD_INPUT
    printed = capsys.readouterr()
    assert not printed.out  # nothing graded
    assert printed.err == (
        f"netcoach: --csv {csv_name}: that is a notebook's name; the gradebook is a CSV file, "
        "so give it a name of its own, such as gradebook.csv\n"
    )
    assert (tmp_path / "class" / "amara.ipynb").read_text(encoding="utf-8") == GARBLED
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["amara.ipynb", "class", "notes.txt"]


@pytest.mark.parametrize("spelling", ["class/notes.txt", "class/../class/./notes.txt", "link"])
def test_a_csv_path_that_is_a_submission_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _class(tmp_path / "class", "amara.ipynb")
    (tmp_path / "class" / "notes.txt").write_text("my answers\n", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "class" / "notes.txt")
    assert main(["grade", "class", "--csv", spelling]) == EXIT_BAD_INPUT
    printed = capsys.readouterr()
    assert not printed.out
    assert printed.err == (
        f"netcoach: --csv {spelling}: that is one of the submissions to grade "
        "(class/notes.txt), not a gradebook; give the gradebook a name of its own, "
        "such as grades.csv\n"
    )
    assert (tmp_path / "class" / "notes.txt").read_text(encoding="utf-8") == "my answers\n"
    # the name suggested is taken
    assert main(["grade", "class", "--csv", "grades.csv"]) == 1
    assert [r["file"] for r in _rows(tmp_path / "grades.csv")] == [
        "class/amara.ipynb",
        "class/notes.txt",
    ]


@pytest.mark.parametrize(
    ("folder", "csv_name", "suggested"),
    [
        ("class", "class/gradebook.csv", "grades.csv"),
        ("class", "class/grades.csv", "grades.csv"),
        ("course/class", "course/class/gradebook.csv", "course/grades.csv"),
        (".", "gradebook.csv", "{parent}/grades.csv"),
    ],
)
def test_the_refusal_suggests_a_name_that_would_be_taken(
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    folder: str,
    csv_name: str,
    suggested: str,
) -> None:
    # a learner's own file named like a gradebook: refused, and not suggested back
    (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path / folder if folder == "." else tmp_path)
    _class(tmp_path / folder, "amara.ipynb")
    (tmp_path / folder / Path(csv_name).name).write_text("my answers\n", encoding="utf-8")
    suggested = suggested.format(parent=tmp_path.parent)
    assert main(["grade", folder, "--csv", csv_name]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.endswith(f"give the gradebook a name of its own, such as {suggested}\n")
    assert Path(suggested).resolve() not in {f.resolve() for f in collect([folder])}
    assert (tmp_path / folder / Path(csv_name).name).read_text(encoding="utf-8") == ("my answers\n")


def test_a_gradebook_kept_with_the_submissions_is_written_over_not_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """(A guard: grading the same folder again with the same --csv still works.)"""
    folder = _class(tmp_path / "class", "amara.ipynb")
    gradebook = folder / "gradebook.csv"
    for _ in range(2):
        assert main(["grade", str(folder), "--csv", str(gradebook)]) == 1
        assert [Path(r["file"]).name for r in _rows(gradebook)] == ["amara.ipynb"]
    assert "gradebook.csv:" not in capsys.readouterr().out


def _resave(path: Path, sep: str, quote: str, encoding: str, newline: str, case=str) -> None:
    """``path`` as a spreadsheet saves it again: its own separator, quotes, encoding (with a
    byte-order mark) and line ends."""
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[0] = [case(name) for name in rows[0]]
    lines = [sep.join(f"{quote}{cell}{quote}" for cell in row) for row in rows]
    path.write_bytes("".join(line + newline for line in lines).encode(encoding))


@pytest.mark.parametrize(
    "resaved",
    [
        # Excel "CSV UTF-8": a byte-order mark and CRLF
        {"sep": ",", "quote": "", "encoding": "utf-8-sig", "newline": "\r\n"},
        # Excel in a locale whose decimal comma makes it separate with ";"
        {"sep": ";", "quote": '"', "encoding": "utf-8-sig", "newline": "\r\n"},
        # Excel "Unicode Text": UTF-16 with a byte-order mark, tabs
        {"sep": "\t", "quote": "", "encoding": "utf-16", "newline": "\r\n"},
        # LibreOffice with "quote all text cells", spaces after the separator, headers in capitals
        {"sep": ", ", "quote": '"', "encoding": "utf-8", "newline": "\n", "case": str.upper},
        # an old Mac: CR alone
        {"sep": ",", "quote": "", "encoding": "utf-8", "newline": "\r"},
    ],
    ids=["csv-utf8-crlf", "semicolons", "utf16-tabs", "quoted-capitals", "cr"],
)
def test_a_gradebook_a_spreadsheet_saved_again_is_still_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture, resaved: dict
) -> None:
    folder = _class(tmp_path / "class", "amara.ipynb")
    gradebook = folder / "gradebook.csv"
    assert main(["grade", str(folder), "--csv", str(gradebook)]) == 1
    _resave(gradebook, **resaved)
    assert main(["grade", str(folder), "--csv", str(gradebook)]) == 1
    printed = capsys.readouterr()
    assert not printed.err
    assert "gradebook.csv:" not in printed.out  # not graded
    assert gradebook.read_text(encoding="utf-8").startswith(",".join(GRADEBOOK_COLUMNS) + "\n")
    assert [Path(r["file"]).name for r in _rows(gradebook)] == ["amara.ipynb"]


@pytest.mark.parametrize(
    "first_line",
    [
        "file,exercise,checks_passed,checks_total,score,status",  # a column short
        "file,exercise,checks_passed,checks_total,score,status,detail,my notes",
        "file exercise checks_passed checks_total score status detail",
        "",
    ],
)
def test_a_submission_that_only_looks_like_a_gradebook_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture, first_line: str
) -> None:
    folder = _class(tmp_path / "class", "amara.ipynb")
    notes = folder / "notes.csv"
    notes.write_text(f"{first_line}\r\nmy answers\r\n", encoding="utf-8-sig")
    before = notes.read_bytes()
    assert main(["grade", str(folder), "--csv", str(notes)]) == EXIT_BAD_INPUT
    assert "that is one of the submissions to grade" in capsys.readouterr().err
    assert notes.read_bytes() == before


# --- 3. the same submission given twice -----------------------------------------------------


@pytest.mark.parametrize("kept", ["class list", "manifest"])
def test_a_file_that_is_not_a_gradebook_is_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, kept: str
) -> None:
    # --csv over a class list outside the submissions, or over the checksums manifest being
    # used, replaced it with grades.
    folder = _class(tmp_path / "class", "amara.ipynb")
    manifest = tmp_path / "checksums.json"
    manifest.write_bytes((EXERCISES_DIR / "checksums.json").read_bytes())
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nAmara,amara@example.com\n", encoding="utf-8")
    (tmp_path / "grades.csv").write_text("someone else's\n", encoding="utf-8")
    target = roster if kept == "class list" else manifest
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    monkeypatch.setattr(grader, "grade_paths", lambda *a, **k: pytest.fail("graded anyway"))
    argv = ["grade", str(folder), "--manifest", str(manifest), "--csv", str(target)]
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert f"--csv {target}: that file is already there and is not a gradebook" in err
    assert "grades.csv" not in err.replace(str(tmp_path / "gradebook.csv"), "")  # not theirs
    assert str(tmp_path / "gradebook.csv") in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_the_suggested_name_is_never_a_file_already_there(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It suggested grades.csv when that was another class's gradebook.
    folder = _class(tmp_path / "class", "amara.ipynb")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\n", encoding="utf-8")
    header = ",".join(GRADEBOOK_COLUMNS)
    (tmp_path / "grades.csv").write_text(f"{header}\nsectionA/bo.ipynb,,3,3,100,passed,\n")
    monkeypatch.setattr(grader, "grade_paths", lambda *a, **k: pytest.fail("graded anyway"))
    assert main(["grade", str(folder), "--csv", str(roster)]) == EXIT_BAD_INPUT
    assert f"such as {tmp_path / 'gradebook.csv'}" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["trailing empty cells", "empty file"])
def test_a_gradebook_with_empty_cells_after_its_header_or_an_empty_file_is_written(
    tmp_path: Path, kind: str
) -> None:
    # Excel adds empty cells after the header when cells beyond column G were ever used;
    # an empty file (made with 'touch') holds nothing to lose.
    folder = _class(tmp_path / "class", "amara.ipynb")
    gradebook = tmp_path / "grades.csv"
    header = ",".join(GRADEBOOK_COLUMNS)
    gradebook.write_text(f"{header},,\r\n" if kind != "empty file" else "", encoding="utf-8")
    main(["grade", str(folder), "--csv", str(gradebook)])
    assert [Path(r["file"]).name for r in _rows(gradebook)] == ["amara.ipynb"]


def test_a_submission_given_twice_is_graded_once(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _class(tmp_path / "one", "zoe.ipynb")
    nbformat.write(
        nbformat.read(EXERCISES_DIR / "04-channel-mix" / "solution.ipynb", as_version=4),
        tmp_path / "one" / "amara.ipynb",
    )
    args = ["grade", "one", "one/amara.ipynb", "./one/amara.ipynb", "--csv", "grades.csv"]
    assert main([*args, "--timeout", "60"]) == 1
    out = capsys.readouterr().out
    assert out.count("amara.ipynb (04-channel-mix): 2/2 checks passed") == 1
    assert "2 submissions: 1 passed, 1 not-a-notebook" in out
    rows = _rows(tmp_path / "grades.csv")
    assert [(r["file"], r["status"]) for r in rows] == [
        ("one/amara.ipynb", "passed"),
        ("one/zoe.ipynb", "not-a-notebook"),
    ]


def test_collect_keeps_the_first_of_each_file_in_order(tmp_path: Path) -> None:
    folder = _class(tmp_path / "class", "amara.ipynb", "bo.ipynb")
    (tmp_path / "bo-link.ipynb").symlink_to(folder / "bo.ipynb")
    got = collect([folder / "bo.ipynb", tmp_path / "bo-link.ipynb", folder, folder / "amara.ipynb"])
    assert got == [folder / "bo.ipynb", folder / "amara.ipynb"]


# --- the --timeout help ---------------------------------------------------------------------


def test_the_timeout_help_says_what_the_limits_are(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        f"--timeout TIMEOUT time limit in seconds for each cell (default "
        f"{grader.DEFAULT_TIMEOUT}); the whole run of each notebook, starting Python and the "
        f"kernel included, is stopped after this limit plus {grader.STARTUP_ALLOWANCE} seconds"
    ) in text
