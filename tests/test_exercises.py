"""The graded exercises: masters and generated notebooks in sync, locked check cells, every
solution passing nbval and getting full marks from the grader, every untouched starter
failing, and each deliberately wrong answer failing its own check and no other.

The nbval runs are the slow part (a kernel per notebook, about 1.5-3 s each on a quiet
machine); the solutions, the starters and the wrong answers are graded together, two at a
time.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from netcoach.grading.authoring import (
    CHECK_TAG,
    EXERCISES_DIR,
    MANIFEST_NAME,
    AuthoringError,
    build_all,
    checksum,
    load_manifest,
    master_paths,
    read_master,
    solution_source,
    split_master,
    starter_source,
)
from netcoach.grading.grader import grade_paths

ROOT = Path(__file__).resolve().parent.parent
IDS = [p.stem for p in master_paths()]
JOBS = int(os.environ.get("NETCOACH_GRADE_JOBS", "2"))


def _checks(exercise_id: str):
    path = EXERCISES_DIR / "masters" / f"{exercise_id}.md"
    return split_master(read_master(path), exercise_id)[2]


WRONG = [(i, c.number, c.wrong) for i in IDS for c in _checks(i)]


def _nb(exercise_id: str, kind: str) -> nbformat.NotebookNode:
    return nbformat.read(EXERCISES_DIR / exercise_id / f"{kind}.ipynb", as_version=4)


def _content(nb: nbformat.NotebookNode) -> list:
    """What must match between committed and regenerated notebooks (no volatile metadata)."""
    meta = {k: nb.metadata.get(k) for k in ("kernelspec", "netcoach")}
    cells = [
        (
            c.cell_type,
            c.get("id"),
            c.source,
            dict(c.metadata),
            c.get("outputs"),
            c.get("execution_count"),
        )
        for c in nb.cells
    ]
    return [meta, cells]


def test_there_are_at_least_eight_exercises_each_with_starter_and_solution() -> None:
    assert len(IDS) >= 8
    assert set(load_manifest()["exercises"]) == set(IDS)
    for exercise_id in IDS:
        for kind in ("starter", "solution"):
            assert (EXERCISES_DIR / exercise_id / f"{kind}.ipynb").is_file()


def test_committed_notebooks_are_in_sync_with_their_masters(tmp_path: Path) -> None:
    manifest = build_all(out_dir=tmp_path, execute_solution=False)
    assert manifest == load_manifest(EXERCISES_DIR / MANIFEST_NAME), (
        "exercises/checksums.json is stale: run `netcoach exercises build`"
    )
    for exercise_id in IDS:
        for kind in ("starter", "solution"):
            fresh = nbformat.read(tmp_path / exercise_id / f"{kind}.ipynb", as_version=4)
            assert _content(_nb(exercise_id, kind)) == _content(fresh), (
                f"{exercise_id}/{kind}.ipynb differs from its master: "
                "run `netcoach exercises build`"
            )


def test_starters_hide_every_answer_and_solutions_keep_them() -> None:
    for exercise_id in IDS:
        starter, solution = _nb(exercise_id, "starter"), _nb(exercise_id, "solution")
        assert len(starter.cells) == len(solution.cells)
        answers = 0
        for mine, theirs in zip(starter.cells, solution.cells, strict=True):
            for text in (mine.source, theirs.source):
                assert "SOLUTION" not in text, exercise_id
            if "answer" in mine.metadata.get("tags", []):
                answers += 1
                assert "..." in mine.source and mine.source != theirs.source
        assert answers >= 1, exercise_id


def test_check_cells_are_locked_checksummed_and_carry_the_expected_line() -> None:
    """Only the solution shows the tick; the starter's check cells show nothing until run."""
    manifest = load_manifest()["exercises"]
    for exercise_id in IDS:
        specs = manifest[exercise_id]["checks"]
        for kind in ("starter", "solution"):
            cells = [
                c for c in _nb(exercise_id, kind).cells if CHECK_TAG in c.metadata.get("tags", [])
            ]
            assert len(cells) == len(specs)
            for cell, spec in zip(cells, specs, strict=True):
                assert cell.metadata["editable"] is False and cell.metadata["deletable"] is False
                assert "# NBVAL_CHECK_OUTPUT" in cell.source
                assert (
                    checksum(cell.source)
                    == spec["checksum"]
                    == cell.metadata["netcoach"]["checksum"]
                )
                assert spec["expected"] == f"check {spec['number']}: {spec['label']} ✓"
                if kind == "starter":
                    assert cell.outputs == [] and cell.execution_count is None, exercise_id
                else:
                    assert cell.outputs[0]["text"] == spec["expected"] + "\n"
                    assert cell.execution_count is not None  # nbval compares only "run" cells


def _answered_starter(exercise_id: str) -> nbformat.NotebookNode:
    """The starter as a learner who typed the right answers saves it: no check outputs."""
    nb = copy.deepcopy(_nb(exercise_id, "solution"))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def _nbval(cwd: Path, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", *paths, "-p", "no:cacheprovider", "-q"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_nbval_passes_a_right_starter_and_fails_an_untouched_one(tmp_path: Path) -> None:
    """In the course folder (exercises/conftest.py puts the expected lines back) and in a
    copy elsewhere (a wrong answer raises, so it fails without any saved output)."""
    exercise_id = "04-channel-mix"
    folder = EXERCISES_DIR / exercise_id
    answered = folder / f"zz-{tmp_path.name}-answered.ipynb"
    nbformat.write(_answered_starter(exercise_id), answered)
    try:
        inside = _nbval(ROOT, str(answered.relative_to(ROOT)))
    finally:
        answered.unlink()
    assert inside.returncode == 0, inside.stdout[-2000:]
    assert _nbval(ROOT, f"exercises/{exercise_id}/starter.ipynb").returncode == 1
    nbformat.write(_answered_starter(exercise_id), tmp_path / "answered.ipynb")
    nbformat.write(_nb(exercise_id, "starter"), tmp_path / "starter.ipynb")
    outside = _nbval(tmp_path, "answered.ipynb")
    assert outside.returncode == 0, outside.stdout[-2000:]
    assert _nbval(tmp_path, "starter.ipynb").returncode == 1


def test_solution_markers_become_placeholders() -> None:
    master = (
        "x = 1\n### BEGIN SOLUTION\ny = x + 1\n    z = 2\n### END SOLUTION\nw = y * 2  # SOLUTION"
    )
    assert starter_source(master) == "x = 1\n...\nw = ..."
    assert solution_source(master) == "x = 1\ny = x + 1\n    z = 2\nw = y * 2"
    for bad in ("### BEGIN SOLUTION\nx = 1", "x = 1\n### END SOLUTION", "print(1)  # SOLUTION"):
        with pytest.raises(AuthoringError):
            starter_source(bad)


def test_every_check_has_a_deliberately_wrong_answer() -> None:
    assert all(wrong for _, _, wrong in WRONG), [w[:2] for w in WRONG if not w[2]]


def test_every_solution_passes_nbval_as_a_learner_would_run_it() -> None:
    """``pytest --nbval-lax exercises/NN/solution.ipynb`` from the repository root."""
    paths = [f"exercises/{i}/solution.ipynb" for i in IDS]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", *paths, "-p", "no:cacheprovider", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout.splitlines()[-1]


def _with_wrong_answer(exercise_id: str, number: int, wrong: str) -> nbformat.NotebookNode:
    """The solution with a wrong answer put in just before check ``number`` runs."""
    nb = copy.deepcopy(_nb(exercise_id, "solution"))
    index = next(
        i for i, c in enumerate(nb.cells) if c.metadata.get("netcoach", {}).get("check") == number
    )
    nb.cells.insert(index, nbformat.v4.new_code_cell(wrong))
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every solution, every untouched starter and every wrong-answer variant, graded in one go."""
    folder = tmp_path_factory.mktemp("variants")
    for exercise_id in IDS:
        for kind in ("starter", "solution"):
            nbformat.write(_nb(exercise_id, kind), folder / f"{exercise_id}-{kind}.ipynb")
    for exercise_id, number, wrong in WRONG:
        nb = _with_wrong_answer(exercise_id, number, wrong)
        nbformat.write(nb, folder / f"{exercise_id}-wrong-{number}.ipynb")
    return {sub.path.stem: sub for sub in grade_paths([folder], timeout=120, jobs=JOBS)}


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_grader_gives_every_solution_full_marks(graded: dict, exercise_id: str) -> None:
    """The course's own checks record a genuine pass for every check of every solution."""
    sub = graded[f"{exercise_id}-solution"]
    assert (sub.status, sub.passed, sub.notes) == ("passed", len(_checks(exercise_id)), [])


@pytest.mark.parametrize("exercise_id", IDS)
def test_an_untouched_starter_fails_every_check(graded: dict, exercise_id: str) -> None:
    sub = graded[f"{exercise_id}-starter"]
    assert sub.status == "failed", sub.notes
    assert sub.passed == 0 and sub.total == len(_checks(exercise_id))
    assert all("not answered yet" in c.message for c in sub.checks)


@pytest.mark.parametrize(("exercise_id", "number", "wrong"), WRONG)
def test_a_wrong_answer_fails_its_check_and_only_that_check(
    graded: dict, exercise_id: str, number: int, wrong: str
) -> None:
    sub = graded[f"{exercise_id}-wrong-{number}"]
    assert sub.status == "failed", (sub.status, sub.notes)
    assert [c.number for c in sub.checks if not c.passed] == [number]
    message = next(c.message for c in sub.checks if c.number == number)
    assert message and "Traceback" not in message


def test_reference_answers_agree_with_score_log() -> None:
    """What the checks expect is what the scores compute, on the exercises' sample."""
    from netcoach import score_log
    from netcoach.grading import answers
    from netcoach.grading.exercise_checks import SAMPLE, sample_log

    log = sample_log(SAMPLE)
    report = score_log(log)
    per_contact = report.reciprocity.details["per_contact"].set_index("contact_id")
    mine = answers.per_contact(log).set_index("contact_id").loc[per_contact.index]
    for column in ("gives", "asks", "received", "one_way"):
        assert (mine[column] == per_contact[column]).all(), column
    by_channel = report.channel_mix.details["by_channel"].set_index("channel")["share"]
    assert (answers.channel_shares(log) - by_channel).abs().max() < 1e-9
    assert answers.rich_share(log) == pytest.approx(report.channel_mix.components["rich_share"])
    by_month = report.channel_mix.details["by_month"].set_index("month")["rich_share"]
    assert (answers.monthly_rich_share(log) - by_month).abs().max() < 1e-9
    cadence = report.follow_up.details["cadence"].set_index("contact_id")
    table = answers.cadence_table(log).set_index("contact_id")
    assert set(table.index) == set(cadence.index)
    assert (table["overdue"] == (cadence.loc[table.index, "status"] == "overdue")).all()
    for key, mine_rows in (
        ("leads", answers.leads_not_followed(log)),
        ("thanks", answers.help_not_thanked(log)),
    ):
        theirs = report.follow_up.details[key]
        unanswered = theirs.loc[theirs["status"].isin(["overdue", "open"]), "row"]
        assert sorted(mine_rows) == sorted(unanswered), key


def test_the_build_command_rejects_an_unknown_exercise(capsys: pytest.CaptureFixture) -> None:
    from netcoach.cli import main

    assert main(["exercises", "build", "99"]) == 2
    assert "no master matches 99" in capsys.readouterr().err
