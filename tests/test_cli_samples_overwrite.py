"""``netcoach samples DIR`` never overwrites a learner's own files unless told to (--force),
and regenerating the bundled samples in place still works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import CONTACTS_CSV, folder_digest

from netcoach.cli import EXIT_BAD_INPUT, EXIT_OK, main
from netcoach.samples import SAMPLE_NAMES, SamplesWouldOverwriteError, write_samples

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture
def learners_file(tmp_path: Path) -> Path:
    """A learner's own contacts.csv where the graduate sample would go."""
    own = tmp_path / "out" / "graduate" / "contacts.csv"
    own.parent.mkdir(parents=True)
    own.write_text(CONTACTS_CSV, encoding="utf-8")
    return own


def test_refuses_to_overwrite_a_learners_file(learners_file: Path, capsys) -> None:
    out = learners_file.parent.parent
    assert main(["samples", str(out)]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.strip().splitlines()
    assert "graduate/contacts.csv" in line
    assert "--force" in line
    assert "nothing was written" in line
    assert learners_file.read_text(encoding="utf-8") == CONTACTS_CSV
    assert list(folder_digest(out)) == ["graduate/contacts.csv"]  # nothing else written


def test_force_overwrites(learners_file: Path, capsys) -> None:
    out = learners_file.parent.parent
    assert main(["samples", str(out), "--force"]) == EXIT_OK
    assert capsys.readouterr().out.count("Wrote") == len(SAMPLE_NAMES)
    assert learners_file.read_bytes() == (SAMPLES / "graduate" / "contacts.csv").read_bytes()
    assert folder_digest(out) == folder_digest(SAMPLES)


def test_regenerating_the_bundled_samples_in_place_works(tmp_path: Path, capsys) -> None:
    copy = tmp_path / "samples"
    shutil.copytree(SAMPLES, copy)
    before = folder_digest(copy, with_lock=True)
    assert main(["samples", str(copy)]) == EXIT_OK
    assert capsys.readouterr().out.count("Wrote") == len(SAMPLE_NAMES)
    assert folder_digest(copy, with_lock=True) == before


def test_missing_files_are_added_next_to_identical_ones(tmp_path: Path) -> None:
    out = tmp_path / "samples"
    shutil.copytree(SAMPLES, out)
    (out / "graduate" / "interactions.csv").unlink()
    write_samples(out)
    assert folder_digest(out) == folder_digest(SAMPLES)


def test_another_seed_counts_as_different_files(tmp_path: Path) -> None:
    out = tmp_path / "samples"
    shutil.copytree(SAMPLES, out)
    before = folder_digest(out)
    with pytest.raises(SamplesWouldOverwriteError) as info:
        write_samples(out, seed=5)
    names = {p.as_posix() for p in info.value.paths}
    assert {f"{name}/interactions.csv" for name in SAMPLE_NAMES} <= names
    assert "force=True" in str(info.value)
    assert folder_digest(out) == before
