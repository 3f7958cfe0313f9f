"""``netcoach slides`` refuses what it cannot build from, in one line, and writes nothing.

The guide's 90-minute table is the slides' agenda, and the guide invites coaches to edit
it, so a row the agenda cannot read, or times that do not run up inside the 90 minutes,
are refused with the guide and the row named (before, such a row was dropped without a
word, or gave a block of negative minutes). A bad ``--out`` or ``--source`` gets a clear
message and exit code 2 rather than a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from netcoach.cli import EXIT_BAD_INPUT, main
from netcoach.slides import ROOT, SOURCE
from netcoach.workshop_agenda import GUIDE, ninety_minute_plan

CLOSE = "| 1:25 | Close |"


def edited_guide(tmp_path, old: str, new: str):
    text = GUIDE.read_text(encoding="utf-8")
    assert old in text, f"the guide no longer holds {old!r}"
    guide = tmp_path / "facilitator-guide.md"
    guide.write_text(text.replace(old, new, 1), encoding="utf-8")
    return guide


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        (CLOSE, "| 1.25 | Close |", "1.25"),  # a typo: the row was dropped
        (CLOSE, "| 1:35 | Close |", "1:35"),  # past the 90 minutes: "Close (-5 min)"
        (CLOSE, "| 1:10 | Close |", "1:10"),  # before the block above it
        ("| 0:20 | Quick habits check", "| 0:20 Quick habits check", "Quick habits check"),
        ("| 0:00 | Welcome", "| 0:05 | Welcome", "0:05"),
    ],
)
def test_the_agenda_refuses_a_table_the_slides_cannot_follow(tmp_path, old, new, named):
    guide = edited_guide(tmp_path, old, new)
    with pytest.raises(ValueError, match=r"facilitator-guide\.md") as err:
        ninety_minute_plan(guide)
    assert named in str(err.value), str(err.value)


def test_the_agenda_still_reads_an_edited_table_that_adds_up(tmp_path):
    guide = edited_guide(tmp_path, CLOSE, "| 1:20 | Close |")
    blocks = ninety_minute_plan(guide)
    assert [b.minutes for b in blocks][-2:] == [5, 10]
    assert sum(b.minutes for b in blocks) == 90


def copy_of_the_course(tmp_path, guide_text: str | None):
    """The package, the slides notebook and (unless ``None``) a guide, in a fresh folder."""
    course = tmp_path / "course"
    shutil.copytree(ROOT / "netcoach", course / "netcoach")
    (course / "coach" / "slides").mkdir(parents=True)
    shutil.copy(SOURCE, course / "coach" / "slides")
    if guide_text is not None:
        (course / "book" / "coach").mkdir(parents=True)
        (course / "book" / "coach" / "facilitator-guide.md").write_text(guide_text)
    return course


def run_slides(course, *args):
    return subprocess.run(
        [sys.executable, "-m", "netcoach.cli", "slides", "--online", *args],
        cwd=course,
        env={"PYTHONPATH": str(course), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_names_a_bad_agenda_row_without_a_traceback(tmp_path):
    text = GUIDE.read_text(encoding="utf-8").replace(CLOSE, "| 1:35 | Close |")
    course = copy_of_the_course(tmp_path, text)
    done = run_slides(course, "--out", str(course / "out"))
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    assert "book/coach/facilitator-guide.md" in done.stderr and "1:35" in done.stderr
    assert not (course / "out").exists()


def test_without_the_guide_the_command_names_the_guide_not_a_notebook(tmp_path):
    course = copy_of_the_course(tmp_path, None)
    done = run_slides(course, "--out", str(course / "out"))
    assert done.returncode == EXIT_BAD_INPUT, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    assert "no facilitator guide at" in done.stderr and "notebook at" not in done.stderr
    assert not (course / "out").exists()


@pytest.mark.parametrize("case", ["out is a file", "source is text", "source is a folder"])
def test_a_bad_out_or_source_gets_one_line_and_exit_code_2(tmp_path, capsys, case):
    a_file = tmp_path / "slides.html"
    a_file.write_text("keep me")
    args = {
        "out is a file": ["--out", str(a_file)],
        "source is text": ["--source", str(ROOT / "README.md"), "--out", str(tmp_path / "o")],
        "source is a folder": ["--source", str(ROOT / "book"), "--out", str(tmp_path / "o")],
    }[case]
    assert main(["slides", "--online", *args]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("netcoach: "), err
    named = args[args.index("--source") + 1] if "--source" in args else str(a_file)
    assert named in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides.html"], "something was written"
    assert a_file.read_text() == "keep me"


def test_the_command_says_to_copy_the_whole_folder(tmp_path, capsys):
    """The offline slides need the ``reveal.js/`` folder next to the HTML file."""
    assert main(["slides", "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    if "works offline" not in err:
        pytest.skip("npm is needed to copy reveal.js for offline slides")
    assert f"copy the whole folder {tmp_path / 'out'}" in err and "reveal.js/" in err, err


@pytest.mark.parametrize(
    ("option", "example"), [("--out", "_build/slides"), ("--source", "coach/slides/workshop.ipynb")]
)
def test_a_blank_out_or_source_is_refused_and_nothing_is_written(
    tmp_path, monkeypatch, capsys, option, example
):
    # --out "" used to write the slides into the current folder; --source "" said ". is a
    # folder".
    monkeypatch.chdir(tmp_path)
    other = {"--out": ["--source", str(SOURCE)], "--source": ["--out", str(tmp_path / "o")]}
    assert main(["slides", "--online", option, "", *other[option]]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith(f"netcoach: {option} is empty: give "), err
    assert f"like {example}" in err and err.endswith("(nothing was written)\n")
    assert list(tmp_path.iterdir()) == [], "something was written"
