"""``netcoach exercises build`` with bad input: a mistyped or empty masters folder, a master
whose solution fails its own check, a rebuild of some exercises only, a file that cannot be
replaced. Each refusal exits 2 with one line naming the file and leaves the output folder as
it was; a rebuild of some exercises (IDs given) keeps the manifest entries of the others, a
full build lists exactly its masters and says which it dropped. Links are written through
and permissions kept.

Every build here writes into ``tmp_path``, never into the repository's ``exercises/``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
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


def test_building_some_exercises_keeps_the_others_in_the_manifest(tmp_path: Path) -> None:
    """A partial build (IDs given) keeps the other exercises' entries."""
    out = _out_with_manifest(tmp_path)
    old = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))

    manifest = build_all(MASTERS, out, execute_solution=False, only=["03-reciprocity"])

    assert manifest == old
    assert json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8")) == old
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["03-reciprocity"]


def test_the_build_command_with_one_id_keeps_the_others_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The command runs the solution (a kernel), so the manifest entry is really rebuilt."""
    masters = MASTERS
    out = _out_with_manifest(tmp_path)
    old = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    old["exercises"]["03-reciprocity"]["title"] = "a stale title"
    (out / MANIFEST_NAME).write_text(json.dumps(old, indent=1), encoding="utf-8")

    code, printed, err = _build(capsys, "03", "--masters", str(masters), "--out", str(out))

    assert code == 0, err
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest == json.loads(REPO_MANIFEST.read_text(encoding="utf-8"))
    assert "dropped" not in printed
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


# --- the write itself: all or nothing, through links, permissions kept, no stale entries ---


def _exercises_copy(tmp_path: Path) -> Path:
    """A copy of the course's exercises/ folder (notebooks, masters and manifest)."""
    out = tmp_path / "exercises-copy"
    shutil.copytree(EXERCISES_DIR, out, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    return out


def _hidden(folder: Path) -> list[str]:
    """Temporary files left behind (``.starter.ipynb.<random>.tmp``)."""
    return sorted(str(p) for p in folder.rglob(".*.tmp"))


ONE_TWO = ["01-load-and-inspect", "02-gives-and-asks"]


def test_a_target_that_is_a_folder_is_found_before_anything_is_replaced(tmp_path: Path) -> None:
    """02's starter is a folder: 01's notebooks (stale here, so a rebuild changes them)
    must not be replaced while the manifest stays old, and the message names the file."""
    out = _exercises_copy(tmp_path)
    assert sorted(p.name for p in (out / "masters").glob("0[12]-*.md")) == [
        f"{i}.md" for i in ONE_TWO
    ]
    for name in ("starter.ipynb", "solution.ipynb"):
        (out / ONE_TWO[0] / name).write_text('{"stale": true}\n', encoding="utf-8")
    blocked = out / ONE_TWO[1] / "starter.ipynb"
    blocked.unlink()
    blocked.mkdir()
    before = _snapshot(out)

    with pytest.raises(AuthoringError) as caught:
        build_all(out / "masters", out, execute_solution=False, only=ONE_TWO)

    message = str(caught.value)
    assert message.startswith(f"{blocked}: could not write the exercises"), message
    assert ".tmp" not in message
    assert _snapshot(out) == before
    assert blocked.is_dir()
    assert _hidden(out) == []


def test_an_interrupt_while_writing_leaves_no_temporary_file_nor_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while making 02's folder, after 01's files were staged in a new folder."""
    out = _out_with_manifest(tmp_path)
    before = _snapshot(out)
    mkdir = Path.mkdir

    def interrupted(self: Path, *args: object, **kwargs: object) -> None:
        if self.name == ONE_TWO[1]:
            raise KeyboardInterrupt
        mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", interrupted)

    with pytest.raises(KeyboardInterrupt):
        build_all(MASTERS, out, execute_solution=False, only=ONE_TWO)

    monkeypatch.undo()
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST_NAME]  # no 01 folder left
    assert _hidden(tmp_path) == []


def test_links_are_written_through_and_permissions_kept(tmp_path: Path) -> None:
    """A manifest and a starter kept elsewhere behind symbolic links stay links, and the
    files they point to get the new text; modes (664, 600) are kept; a new notebook gets
    what nbformat.write gave (0o666 less the umask)."""
    out = _exercises_copy(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["exercises"][ONE_TWO[0]]["title"] = "a stale title"
    real_manifest = elsewhere / MANIFEST_NAME
    real_manifest.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    (out / MANIFEST_NAME).unlink()
    (out / MANIFEST_NAME).symlink_to(real_manifest)
    real_starter = elsewhere / "starter.ipynb"
    real_starter.write_text('{"stale": true}\n', encoding="utf-8")
    (out / ONE_TWO[0] / "starter.ipynb").unlink()
    (out / ONE_TWO[0] / "starter.ipynb").symlink_to(real_starter)
    real_manifest.chmod(0o664)
    real_starter.chmod(0o640)
    (out / ONE_TWO[0] / "solution.ipynb").chmod(0o600)
    (out / ONE_TWO[1] / "solution.ipynb").unlink()  # a new file
    umask = os.umask(0o027)
    try:
        build_all(out / "masters", out, execute_solution=False, only=ONE_TWO)
    finally:
        os.umask(umask)

    assert (out / MANIFEST_NAME).is_symlink()
    assert (out / ONE_TWO[0] / "starter.ipynb").is_symlink()
    assert json.loads(real_manifest.read_text(encoding="utf-8")) == json.loads(
        REPO_MANIFEST.read_text(encoding="utf-8")
    )
    assert real_starter.read_bytes() == (EXERCISES_DIR / ONE_TWO[0] / "starter.ipynb").read_bytes()
    assert stat.S_IMODE(real_manifest.stat().st_mode) == 0o664
    assert stat.S_IMODE(real_starter.stat().st_mode) == 0o640
    assert stat.S_IMODE((out / ONE_TWO[0] / "solution.ipynb").stat().st_mode) == 0o600
    assert stat.S_IMODE((out / ONE_TWO[1] / "solution.ipynb").stat().st_mode) == 0o640
    assert _hidden(tmp_path) == []


def test_a_full_build_drops_the_exercises_whose_master_is_gone(tmp_path: Path) -> None:
    masters = tmp_path / "masters"
    masters.mkdir()
    for path in sorted(MASTERS.glob("0[1-8]-*.md")):
        shutil.copy(path, masters)
    out = _out_with_manifest(tmp_path)
    old = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert "09-reflection" in old["exercises"]

    manifest = build_all(masters, out, execute_solution=False)

    listed = sorted(p.stem for p in masters.glob("*.md"))
    assert len(listed) == 8
    assert list(manifest["exercises"]) == listed
    written = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert list(written["exercises"]) == listed
    assert written["exercises"] == {i: old["exercises"][i] for i in listed}


def test_the_build_command_says_which_exercises_a_full_build_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """No IDs given: a full build of the masters folder (which holds 03 only)."""
    masters = tmp_path / "masters"
    masters.mkdir()
    shutil.copy(MASTERS / "03-reciprocity.md", masters)
    out = _out_with_manifest(tmp_path)
    others = [i for i in json.loads(REPO_MANIFEST.read_text(encoding="utf-8"))["exercises"]]
    others.remove("03-reciprocity")

    code, printed, err = _build(capsys, "--masters", str(masters), "--out", str(out))

    assert code == 0, err
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert list(manifest["exercises"]) == ["03-reciprocity"]
    assert f"dropped 8 exercise(s) from the checksums manifest, as {masters} has no master" in (
        printed
    )
    assert ", ".join(others) in printed
    assert "kept" not in printed
    assert "1 exercise(s) in the checksums manifest" in printed
