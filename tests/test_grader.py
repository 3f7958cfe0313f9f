"""``netcoach grade`` on a class folder, and the check helpers a learner's notebook calls."""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import io
import os
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from netcoach.cli import main
from netcoach.grading import checks
from netcoach.grading.authoring import EXERCISES_DIR
from netcoach.grading.grader import (
    GRADEBOOK_COLUMNS,
    Submission,
    as_text_cell,
    grade_paths,
)

EXERCISE = "04-channel-mix"
TIMEOUT = 20  # seconds per cell: generous for a loaded machine, short for the looping one
SLOW_LIMIT = 60  # seconds per cell where nothing loops: a dead kernel must not wait it out
LEAKY_ERROR = "could not reach priya.shah@example.com (Priya Shah)"  # synthetic


def _solution() -> nbformat.NotebookNode:
    return nbformat.read(EXERCISES_DIR / EXERCISE / "solution.ipynb", as_version=4)


def _answer_cell(nb: nbformat.NotebookNode, n: int = 0) -> nbformat.NotebookNode:
    return [c for c in nb.cells if "answer" in c.metadata.get("tags", [])][n]


def _check_cell(nb: nbformat.NotebookNode, number: int) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("netcoach", {}).get("check") == number)


@pytest.fixture(scope="module")
def class_results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Grade a folder holding one of each kind of submission; return output, exit code, CSV."""
    folder = tmp_path_factory.mktemp("submissions")
    nbformat.write(_solution(), folder / "correct.ipynb")

    wrong = _solution()  # a wrong answer, saved with a forged passing output: must still fail
    _answer_cell(wrong).source = _answer_cell(wrong).source.replace(
        "counts / counts.sum()", "counts / 100"
    )
    _check_cell(wrong, 1).outputs = copy.deepcopy(_check_cell(_solution(), 1).outputs)
    nbformat.write(wrong, folder / "wrong.ipynb")

    broken = _solution()
    _answer_cell(broken, 1).source = (
        # a learner's error text can name people they know: it stays in the notebook
        f"raise ValueError({LEAKY_ERROR!r})\n" + _answer_cell(broken, 1).source
    )
    nbformat.write(broken, folder / "broken.ipynb")

    looping = _solution()
    _answer_cell(looping, 1).source = "while True:\n    pass"
    nbformat.write(looping, folder / "looping.ipynb")

    loops_early = _solution()  # right answers, but the first answer cell never ends
    _answer_cell(loops_early).source += "\nwhile True:\n    pass"
    nbformat.write(loops_early, folder / "loops-early.ipynb")

    tampered = _solution()
    _check_cell(tampered, 2).source = 'print("check 2: rich share ✓")'
    nbformat.write(tampered, folder / "tampered.ipynb")

    (folder / "notes.txt").write_text("I did the exercise in my head.\n", encoding="utf-8")
    (folder / "garbled.ipynb").write_text('{"cells": [', encoding="utf-8")

    gradebook = folder.parent / "gradebook.csv"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["grade", str(folder), "--csv", str(gradebook), "--timeout", str(TIMEOUT)])
    with open(gradebook, encoding="utf-8") as f:
        text = f.read()
        f.seek(0)
        header = f.readline().strip().split(",")
        f.seek(0)
        rows = list(csv.DictReader(f))
    return {
        "code": code,
        "out": out.getvalue(),
        "rows": {Path(r["file"]).name: r for r in rows},
        "header": header,
        "text": text,
    }


@pytest.mark.parametrize(
    ("name", "status", "passed"),
    [
        ("correct.ipynb", "passed", 2),
        ("wrong.ipynb", "failed", 0),
        ("broken.ipynb", "error", 1),
        ("looping.ipynb", "timeout", 1),
        ("loops-early.ipynb", "timeout", 0),
        ("tampered.ipynb", "tampered", 1),
        ("notes.txt", "not-a-notebook", 0),
        ("garbled.ipynb", "not-a-notebook", 0),
    ],
)
def test_each_submission_gets_the_right_status_and_score(
    class_results: dict, name: str, status: str, passed: int
) -> None:
    row = class_results["rows"][name]
    assert row["status"] == status, row
    assert int(row["checks_passed"]) == passed
    total = 0 if status == "not-a-notebook" else 2
    assert int(row["checks_total"]) == total
    assert int(row["score"]) == (round(100 * passed / total) if total else 0)
    assert row["exercise"] == ("" if status == "not-a-notebook" else EXERCISE)


def test_the_gradebook_has_one_row_per_submission(class_results: dict) -> None:
    assert tuple(class_results["header"]) == GRADEBOOK_COLUMNS
    assert len(class_results["rows"]) == 8
    assert class_results["code"] == 1  # not everyone passed


def test_the_report_gives_hints_and_clear_lines(class_results: dict) -> None:
    out = class_results["out"]
    assert "correct.ipynb (04-channel-mix): 2/2 checks passed, score 100, passed" in out
    assert "✗ check 1: channel shares: 7 of the 7 values in shares differ" in out
    assert "did you divide by the number of interactions?" in out
    assert "code cell 4 raised ValueError\n" in out
    assert "ran out of time in code cell 4: does a loop never end?" in out
    assert "check cell(s) 2 edited or removed" in out
    assert "notes.txt: not-a-notebook: it is a .txt file" in out
    assert "garbled.ipynb: not-a-notebook: it is not valid JSON" in out
    assert (
        "8 submissions: 1 passed, 1 failed, 1 error, 2 timeout, 1 tampered, 2 not-a-notebook" in out
    )


def test_a_learners_error_message_stays_out_of_the_gradebook_and_the_report(
    class_results: dict,
) -> None:
    """The gradebook and the report are shared records: they name the cell and the kind of
    error, never its text (which can hold the names of people the learner knows)."""
    assert class_results["rows"]["broken.ipynb"]["detail"] == "code cell 4 raised ValueError"
    for shared in (class_results["text"], class_results["out"]):
        for secret in ("Priya", "priya.shah@example.com", "could not reach"):
            assert secret not in shared


def test_a_timeout_names_the_cell_that_ran_out_of_time(class_results: dict) -> None:
    assert class_results["rows"]["looping.ipynb"]["detail"] == (
        "ran out of time in code cell 4: does a loop never end?"
    )


def test_checks_after_the_cell_that_ran_out_of_time_do_not_count(class_results: dict) -> None:
    out = class_results["out"]
    assert "loops-early.ipynb (04-channel-mix): 0/2 checks passed, score 0, timeout" in out
    assert "check 1: channel shares: did not run: an earlier cell ran out of time" in out


def test_a_deleted_check_cell_is_tampered_and_a_missing_path_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from netcoach.grading.authoring import load_manifest
    from netcoach.grading.grader import locate_checks

    nb = _solution()
    nb.cells.remove(_check_cell(nb, 1))
    specs = load_manifest()["exercises"][EXERCISE]["checks"]
    assert set(locate_checks(nb, specs)) == {2}
    assert main(["grade", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


# --- the check helpers -----------------------------------------------------------------------


def test_a_passing_check_prints_one_stable_line(capsys: pytest.CaptureFixture) -> None:
    checks.check(2, "channel shares", True, "unused")
    assert capsys.readouterr().out == "check 2: channel shares ✓\n"


def test_a_failing_check_raises_one_readable_line_with_the_hint() -> None:
    with pytest.raises(checks.CheckFailed) as err:
        checks.check_all(3, "rich share", [checks.number_problem(0.9, 0.3, "rich_share")], "add up")
    assert err.value._render_traceback_() == [
        "check 3: rich share ✗ rich_share is 0.9, which is too high. Hint: add up"
    ]
    assert "0.3" not in str(err.value)  # says which way, not the answer


def test_comparisons_tolerate_row_order_layout_and_rounding() -> None:
    want = pd.DataFrame({"contact_id": ["c1", "c2", "c3"], "gives": [1, 0, 2]})
    shuffled = want.iloc[[2, 0, 1]].set_index("contact_id")
    assert checks.table_problem(shuffled, want, "contact_id", ["gives"], "t") is None
    assert "differ, for example for contact_id 'c2'" in checks.table_problem(
        want.assign(gives=[1, 5, 2]), want, "contact_id", ["gives"], "t"
    )
    shares = {"email": 1 / 3, "phone": 2 / 3}
    rounded = pd.Series({"phone": 0.67, "email": 0.33})
    assert checks.mapping_problem(rounded, shares, "s", tol=0.006) is None
    assert checks.mapping_problem(rounded, shares, "s") is not None
    assert checks.set_problem(["b", "a"], ("a", "b"), "ids") is None
    assert "1 of them missing" in checks.set_problem(["a"], ["a", "c"], "ids")
    for day in (
        "2025-01-31",
        pd.Timestamp("2025-01-31"),
        dt.date(2025, 1, 31),
        np.datetime64("2025-01-31T10:00"),  # what dates.to_numpy().min() gives
    ):
        assert checks.date_problem(day, pd.Timestamp("2025-01-31"), "d") is None
    assert "should be a number" in checks.number_problem("three", 3, "n")


def test_the_exercise_is_found_from_metadata_check_cells_or_name() -> None:
    from netcoach.grading.authoring import load_manifest
    from netcoach.grading.grader import find_exercise

    manifest = load_manifest()
    nb = _solution()
    assert find_exercise(nb, Path("Untitled.ipynb"), manifest) == EXERCISE
    del nb.metadata["netcoach"]
    assert find_exercise(nb, Path("amara/04-channel-mix.ipynb"), manifest) == EXERCISE
    assert find_exercise(nb, Path("Untitled.ipynb"), manifest) == EXERCISE  # by check cells
    assert find_exercise(nbformat.v4.new_notebook(), Path("Untitled.ipynb"), manifest) == ""
    # saved under another exercise's name: the check cells win over the name
    other = next(e for e in manifest["exercises"] if e != EXERCISE)
    assert find_exercise(nb, Path(f"{other}.ipynb"), manifest) == EXERCISE
    # no check cell left: the name is all there is
    assert find_exercise(nbformat.v4.new_notebook(), Path(f"{other}.ipynb"), manifest) == other


# --- what a learner's code must not get away with, and what it must be told -----------------

FORGERIES = {
    "forged-print": "ex.rich_share = lambda n, v: print('check 2: rich share ✓')",
    "forged-module": (
        "class Fake:\n"
        "    def rich_share(self, n, v):\n"
        "        print('check 2: rich share ✓')\n"
        "ex = Fake()"
    ),
    "forged-wrapper": (  # the course's check, called with the right answer behind its back
        "genuine = ex.rich_share\n"
        "ex.rich_share = lambda n, v: genuine(n, float(shares[list(RICH_CHANNELS)].sum()))"
    ),
    "forged-answer": "ex._answers.rich_share = lambda log: 0.99",
    "forged-record": (  # a record written by hand, then a pass line printed
        "import json, os\n"
        "with open(os.environ['NETCOACH_CHECK_LOG'], 'a') as log:\n"
        "    log.write(json.dumps({'number': 2, 'label': 'rich share', 'ok': True}) + '\\n')\n"
        "ex.rich_share = lambda n, v: print('check 2: rich share ✓')"
    ),
}


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Submission]:
    """Forged passes, a kernel that dies, an answer set to None, a check cell tagged to be
    skipped, a check cell that prints a warning and an error that reads like a time-out,
    graded in one go, two at a time (the machine may have two cores)."""
    folder = tmp_path_factory.mktemp("tricky")
    for name, code in FORGERIES.items():
        nb = _solution()
        _answer_cell(nb, 1).source = "rich_share = 0.99\n" + code
        nbformat.write(nb, folder / f"{name}.ipynb")
    exits = _solution()
    _answer_cell(exits, 1).source = "import os\nos._exit(0)"
    nbformat.write(exits, folder / "exits.ipynb")
    none = _solution()
    _answer_cell(none).source = "shares = None"
    nbformat.write(none, folder / "none.ipynb")
    tagged = _solution()
    _check_cell(tagged, 2).metadata["tags"].append("nbval-skip")
    nbformat.write(tagged, folder / "tagged.ipynb")
    noisy = _solution()  # a right answer that makes the check cell print a warning
    _answer_cell(noisy).source += (
        "\nimport warnings\n"
        "class Noisy(pd.Series):\n"
        "    def items(self):\n"
        "        warnings.warn('this Series is noisy', UserWarning)\n"
        "        return super().items()\n"
        "shares = Noisy(shares)"
    )
    nbformat.write(noisy, folder / "noisy.ipynb")
    imitates = _solution()  # a learner's own error whose text looks like nbval's time-out
    _answer_cell(imitates, 1).source = 'raise TimeoutError("Timeout of 3 seconds: no reply")'
    nbformat.write(imitates, folder / "imitates-timeout.ipynb")
    return {s.path.stem: s for s in grade_paths([folder], timeout=SLOW_LIMIT, jobs=2)}


@pytest.mark.parametrize("name", FORGERIES)
def test_a_pass_line_printed_without_the_genuine_check_is_tampered(
    tricky: dict[str, Submission], name: str
) -> None:
    sub = tricky[name]
    assert sub.status == "tampered", (sub.status, sub.notes)
    assert [c.passed for c in sub.checks] == [True, False]
    assert "the course's check did not pass here" in sub.checks[1].message
    assert sub.detail.startswith("check(s) 2 printed a pass line without the course's check")


def test_a_kernel_that_dies_is_an_error_not_a_timeout(tricky: dict[str, Submission]) -> None:
    sub = tricky["exits"]
    assert sub.status == "error", (sub.status, sub.notes)
    assert sub.notes[0] == (
        "the notebook stopped in code cell 4 "
        "(the Python kernel died: the code exited or ran out of memory)"
    )
    assert not any("time" in note for note in sub.notes)
    assert [c.passed for c in sub.checks] == [True, False]
    assert sub.checks[1].message == "did not run: the notebook stopped in an earlier cell"
    assert sub.seconds < SLOW_LIMIT  # no waiting out the cell time limit for a dead kernel


def test_an_error_that_mentions_a_timeout_is_an_error_not_a_timeout(
    tricky: dict[str, Submission],
) -> None:
    sub = tricky["imitates-timeout"]
    assert sub.status == "error", (sub.status, sub.notes)
    assert "code cell 4 raised TimeoutError" in sub.notes
    assert not any("ran out of time" in n for n in sub.notes)
    assert not any("ran out of time" in c.message for c in sub.checks)


def test_a_right_answer_with_extra_output_says_so(tricky: dict[str, Submission]) -> None:
    sub = tricky["noisy"]  # nbval fails the cell (its output differs), so the check fails
    assert (sub.status, [c.passed for c in sub.checks]) == ("failed", [False, True])
    assert sub.checks[0].message == (
        "the answer is right, but the cell printed more than its pass line (a warning?)"
    )


def test_an_nbval_tag_on_a_check_cell_does_not_skip_the_check(
    tricky: dict[str, Submission],
) -> None:
    sub = tricky["tagged"]
    assert (sub.status, sub.passed, sub.notes) == ("passed", 2, [])


def test_an_answer_set_to_none_is_wrong_not_unanswered(tricky: dict[str, Submission]) -> None:
    message = tricky["none"].checks[0].message
    assert message.startswith("shares should be a Series (or a dict) with one value per channel")
    assert "; got None" in message and "not answered yet" not in message


def test_only_the_untouched_placeholder_is_not_answered() -> None:
    assert "not answered yet" in checks.number_problem(..., 3, "n")
    assert checks.number_problem(None, 3, "n") == "n should be a number; got None"
    assert checks.text_problem(3, "a", "t") == "t should be text; got an int"
    assert checks.set_problem(None, ["a"], "ids").endswith("; got None")
    assert checks.table_problem(None, pd.DataFrame(), "k", [], "t") == (
        "t should be a DataFrame; got None"
    )
    assert checks.date_problem(None, "2025-01-31", "d").endswith("; got None")


# --- what the grader itself must survive -----------------------------------------------------


def test_metadata_a_learner_broke_does_not_stop_the_grader() -> None:
    from netcoach.grading.authoring import load_manifest
    from netcoach.grading.grader import find_exercise, locate_checks

    manifest = load_manifest()
    nb = _solution()
    nb.metadata["netcoach"] = ["04-channel-mix"]
    _check_cell(nb, 1).metadata["netcoach"] = {"check": [1]}
    _check_cell(nb, 2).metadata["netcoach"] = "check 2"
    assert find_exercise(nb, Path("amara.ipynb"), manifest) == EXERCISE  # by its check cells
    specs = manifest["exercises"][EXERCISE]["checks"]
    assert set(locate_checks(nb, specs)) == {1, 2}  # by cell id


def test_a_junit_report_cut_short_is_no_report(tmp_path: Path) -> None:
    from netcoach.grading.grader import _read_junit

    report = tmp_path / "junit.xml"
    report.write_text('<?xml version="1.0"?><testsuites><testsuite><testcase name="Cell 0"')
    assert _read_junit(report) is None


def test_a_gradebook_that_cannot_be_written_is_refused_before_grading(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "notes.txt").write_text("not a notebook\n", encoding="utf-8")
    assert main(["grade", str(tmp_path), "--csv", str(tmp_path / "no" / "gradebook.csv")]) == 2
    printed = capsys.readouterr()
    assert "--csv" in printed.err and "no/gradebook.csv" in printed.err and not printed.out


@pytest.mark.parametrize("text", ['{"version": 1}', "[]", '{"exercises": {"01-x": {}}}'])
def test_a_manifest_of_the_wrong_shape_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture, text: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a notebook\n", encoding="utf-8")
    manifest = tmp_path.parent / f"{tmp_path.name}-manifest.json"
    manifest.write_text(text, encoding="utf-8")
    assert main(["grade", str(tmp_path), "--manifest", str(manifest)]) == 2
    assert f"cannot read the checksums manifest {manifest}: " in capsys.readouterr().err


def test_grade_outside_a_clone_says_where_the_manifest_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed from a wheel (no exercises/ beside the package) and run outside a clone."""
    from netcoach.grading import authoring

    monkeypatch.setattr(authoring, "EXERCISES_DIR", tmp_path / "site-packages" / "exercises")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a notebook\n", encoding="utf-8")
    assert main(["grade", str(tmp_path)]) == 2
    printed = capsys.readouterr()
    assert not printed.out
    assert printed.err.startswith("netcoach: no checksums manifest to grade against:")
    assert "Run it at the top of a clone of the course, or give one with --manifest FILE" in (
        printed.err
    )


def test_grade_reads_the_manifest_in_the_folder_it_runs_in(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netcoach.grading.authoring import MANIFEST_NAME, default_manifest_path

    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "notes.txt").write_text("not a notebook\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert default_manifest_path() == EXERCISES_DIR / MANIFEST_NAME  # none here: the course's
    local = tmp_path / "exercises" / MANIFEST_NAME
    local.parent.mkdir()
    local.write_text('{"version": 1}', encoding="utf-8")  # the wrong shape, so it is named
    assert default_manifest_path() == local
    assert main(["grade", "subs"]) == 2
    assert f"cannot read the checksums manifest {local}: " in capsys.readouterr().err


@pytest.fixture()
def no_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """Put a folder first on PYTHONPATH that stops the notebook's Python kernel from starting
    (as a port another kernel took would), while pytest and nbval still run; return the
    PYTHONPATH from before."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "ipykernel_launcher.py").write_text('raise SystemExit("no kernel today")\n')
    before = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(fake), *filter(None, [before])]))
    return before


def test_a_kernel_that_does_not_start_is_tried_again(
    no_kernel: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netcoach.grading import grader

    nbformat.write(_solution(), tmp_path / "correct.ipynb")
    real, calls = grader._run_nbval, []

    def once_without_a_kernel(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2 and no_kernel is None:
            monkeypatch.delenv("PYTHONPATH")
        elif len(calls) == 2:
            monkeypatch.setenv("PYTHONPATH", no_kernel)
        return real(*args, **kwargs)

    monkeypatch.setattr(grader, "_run_nbval", once_without_a_kernel)
    sub = grader.grade_paths([tmp_path / "correct.ipynb"], timeout=SLOW_LIMIT)[0]
    assert (len(calls), sub.status, sub.passed, sub.notes) == (2, "passed", 2, [])


def test_a_kernel_that_never_starts_is_not_blamed_on_the_learner(
    no_kernel: str | None, tmp_path: Path
) -> None:
    nbformat.write(_solution(), tmp_path / "correct.ipynb")
    sub = grade_paths([tmp_path / "correct.ipynb"], timeout=SLOW_LIMIT)[0]
    assert sub.status == "error"
    assert sub.notes == [
        "not graded: Python could not be started to run it "
        "(RuntimeError: Kernel died before replying to kernel_info); grade it again"
    ]
    assert {c.message for c in sub.checks} == {"did not run: Python could not be started"}


def test_the_graders_own_ipython_startup_files_do_not_run_in_a_submission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-shout.py").write_text(
        "import builtins\n"
        "_print = builtins.print\n"
        "builtins.print = lambda *a, **k: _print(*(str(x).upper() for x in a), **k)\n"
    )
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    nbformat.write(_solution(), tmp_path / "correct.ipynb")
    sub = grade_paths([tmp_path / "correct.ipynb"], timeout=SLOW_LIMIT)[0]
    assert (sub.status, sub.passed, sub.notes) == ("passed", 2, [])


def test_gradebook_cells_a_spreadsheet_would_run_are_kept_as_text() -> None:
    assert as_text_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for start in ("+", "-", "@", "\t", "\r"):
        assert as_text_cell(start + "1") == "'" + start + "1"
    assert as_text_cell("submissions/ada.ipynb") == "submissions/ada.ipynb"
    assert as_text_cell("") == ""


def test_a_check_that_raises_names_the_kind_of_error_not_its_text() -> None:
    from netcoach.grading import grader

    traceback = (
        "Traceback (most recent call last):\n"
        '  File "<cell>", line 2, in <module>\n'
        f"KeyError: {LEAKY_ERROR!r}\n"
    )
    why = grader._why("failed", traceback, None, grader._Run(), 3)
    assert why == "KeyError (run every cell above this one first)"
    run = grader._Run(cells={2: ("failed", traceback)})
    assert grader._cell_errors(run, set()) == ["code cell 3 raised KeyError"]
