"""``netcoach exercises build`` with bad input: a mistyped or empty masters folder, a master
whose solution fails its own check, a rebuild of some exercises only. Each refusal exits 2
with one line naming the file and leaves the output folder as it was; a rebuild keeps the
manifest entries of the exercises it did not rebuild.

Every build here writes into ``tmp_path``, never into the repository's ``exercises/``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from netcoach.cli import main
from netcoach.grading.authoring import (
    EXERCISES_DIR,
    MANIFEST_NAME,
    AuthoringError,
    build_all,
    build_exercise,
)

MASTERS = EXERCISES_DIR / "masters"
REPO_MANIFEST = EXERCISES_DIR / MANIFEST_NAME


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to show that nothing changed)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _out_with_manifest(tmp_path: Path) -> Path:
    """An output folder holding a copy of the course's manifest, as exercises/ does."""
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(REPO_MANIFEST, out / MANIFEST_NAME)
    return out


def _build(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["exercises", "build", *args])
    printed = capsys.readouterr()
    return code, printed.out, printed.err


@pytest.mark.parametrize("kind", ["missing", "empty", "no-masters", "file"])
def test_a_masters_folder_without_masters_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture, kind: str
) -> None:
    masters = tmp_path / "exercises" / "master"  # the typo for exercises/masters
    if kind != "missing":
        masters.parent.mkdir()
    if kind in ("empty", "no-masters"):
        masters.mkdir()
    if kind == "no-masters":
        (masters / "notes.md").write_text("# not a master\n", encoding="utf-8")
    if kind == "file":
        masters.write_text("not a folder\n", encoding="utf-8")
    out = _out_with_manifest(tmp_path)
    before = _snapshot(out)
    repo_manifest = REPO_MANIFEST.read_bytes()

    code, printed, err = _build(capsys, "--masters", str(masters), "--out", str(out))

    assert code == 2, (printed, err)
    assert "built" not in printed
    assert err.startswith(f"netcoach: {masters}"), err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert _snapshot(out) == before
    assert REPO_MANIFEST.read_bytes() == repo_manifest


def test_a_missing_masters_folder_does_not_create_the_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """As when run outside a clone: no masters, and an output folder not there yet."""
    out = tmp_path / "new-out"
    code, _, err = _build(capsys, "--masters", str(tmp_path / "nope"), "--out", str(out))
    assert code == 2
    assert f"{tmp_path / 'nope'}: no such folder" in err
    assert not out.exists()


def test_build_all_refuses_an_empty_masters_folder(tmp_path: Path) -> None:
    (tmp_path / "masters").mkdir()
    out = _out_with_manifest(tmp_path)
    before = _snapshot(out)
    with pytest.raises(AuthoringError, match="holds no master"):
        build_all(tmp_path / "masters", out, execute_solution=False)
    assert _snapshot(out) == before


def test_building_one_master_keeps_the_other_exercises_in_the_manifest(tmp_path: Path) -> None:
    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(MASTERS / "03-reciprocity.md", masters)
    out = _out_with_manifest(tmp_path)
    old = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))

    manifest = build_all(masters, out, execute_solution=False)

    assert manifest == old
    assert json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8")) == old
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["03-reciprocity"]


def test_the_build_command_with_one_master_keeps_the_others_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The command runs the solution (a kernel), so the manifest entry is really rebuilt."""
    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(MASTERS / "03-reciprocity.md", masters)
    out = _out_with_manifest(tmp_path)
    old = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    old["exercises"]["03-reciprocity"]["title"] = "a stale title"
    (out / MANIFEST_NAME).write_text(json.dumps(old, indent=1), encoding="utf-8")

    code, printed, err = _build(capsys, "--masters", str(masters), "--out", str(out))

    assert code == 0, err
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest == json.loads(REPO_MANIFEST.read_text(encoding="utf-8"))
    assert "built 1 exercise(s): 03-reciprocity" in printed
    assert "kept 8 exercise(s) that were not rebuilt" in printed
    assert (out / "03-reciprocity" / "starter.ipynb").is_file()


def _broken_master(folder: Path, line: str) -> Path:
    """Exercise 04's master with its rich-share answer replaced by ``line``."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (MASTERS / "04-channel-mix.md").read_text(encoding="utf-8")
    answer = "rich_share = float(shares[list(RICH_CHANNELS)].sum())  # SOLUTION"
    assert text.count(answer) == 1
    path = folder / "04-channel-mix.md"
    path.write_text(text.replace(answer, line), encoding="utf-8")
    return path


def test_a_solution_that_fails_its_check_is_refused_in_one_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    masters = tmp_path / "masters"
    master = _broken_master(masters, "rich_share = 0.9  # SOLUTION")
    shutil.copy(MASTERS / "03-reciprocity.md", masters)  # builds fine; must not be written
    out = _out_with_manifest(tmp_path)
    before = _snapshot(out)

    code, printed, err = _build(capsys, "--masters", str(masters), "--out", str(out))

    assert code == 2, (printed, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("netcoach: 04-channel-mix: check 2 fails: rich share ✗"), err
    assert "rich_share is 0.9, which is too high" in lines[0]
    assert str(master) in lines[0]
    assert "Traceback" not in err and "\x1b[" not in err
    assert printed == ""
    assert _snapshot(out) == before  # no starter, no solution, the manifest as it was


def test_an_error_in_the_solution_code_names_that_cell_not_a_later_check(
    tmp_path: Path,
) -> None:
    master = _broken_master(tmp_path / "masters", "rich_share = no_such_name  # SOLUTION")
    with pytest.raises(AuthoringError) as caught:
        build_exercise(master)
    message = str(caught.value)
    assert message.startswith("04-channel-mix: the code before check 2 raises NameError: ")
    assert "no_such_name" in message and str(master) in message
    assert "\n" not in message and "\x1b[" not in message


def test_a_build_that_cannot_write_everything_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """04's folder is taken by a file: 03, built first, must not be left half written."""
    masters = tmp_path / "masters"
    masters.mkdir()
    for name in ("03-reciprocity.md", "04-channel-mix.md"):
        shutil.copy(MASTERS / name, masters)
    out = _out_with_manifest(tmp_path)
    (out / "04-channel-mix").write_text("in the way\n", encoding="utf-8")
    before = _snapshot(out)

    with pytest.raises(AuthoringError, match="could not write the exercises") as caught:
        build_all(masters, out, execute_solution=False)

    assert str(out / "04-channel-mix") in str(caught.value)
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["04-channel-mix", MANIFEST_NAME]
