"""The cohort command's messages say what is wrong: a file given for the folder, entries
named like summaries that are no files, an empty folder (said once), and empty options."""

from __future__ import annotations

import os

import pytest
from helpers import graduate_summary, write_summaries

from netcoach.cli import main
from netcoach.cohort import load_cohort
from netcoach.cohort_samples import perturbed_summaries
from netcoach.samples import sample_path


def _run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.err


@pytest.fixture(scope="module")
def summaries() -> list[dict]:
    return perturbed_summaries(graduate_summary(), 6, seed=8)


def test_a_summary_file_given_for_the_folder_is_said_to_be_a_file(tmp_path, capsys, summaries):
    folder = write_summaries(tmp_path / "c", summaries)
    one = folder / "learner-00000.json"
    code, err = _run(capsys, "cohort", str(one))
    assert code != 0
    assert f"{one} is a file, not a folder: give the folder that holds the summary files" in err
    assert "no folder" not in err


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_broken_link_and_a_folder_named_json_are_listed(tmp_path, capsys, summaries):
    folder = write_summaries(tmp_path / "c", summaries)
    (folder / "x.json").symlink_to(tmp_path / "gone.json")
    (folder / "dir.json").mkdir()
    reasons = {p.file: p.reason for p in load_cohort(folder).problems}
    assert reasons["x.json"].startswith("a link to a file that is not there")
    assert reasons["dir.json"].startswith("a folder, not a summary file")
    code, err = _run(capsys, "cohort", str(folder))
    assert code == 0 and "x.json" in err and "dir.json" in err


def test_an_empty_folder_is_explained_once_and_no_handout_is_mentioned(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, err = _run(capsys, "cohort", str(tmp_path / "empty"))
    assert code != 0
    assert err.count("no summary files (*.json) here") == 1, err
    assert "handout" not in err


def test_an_empty_folder_with_a_handout_asked_for_says_none_was_written(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, err = _run(
        capsys, "cohort", str(tmp_path / "empty"), "--handout", str(tmp_path / "h.html")
    )
    assert code != 0 and "no handout was written" in err
    assert not (tmp_path / "h.html").exists()


def test_an_empty_handout_name_is_refused(tmp_path, capsys, summaries, monkeypatch):
    folder = write_summaries(tmp_path / "c", summaries)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, err = _run(capsys, "cohort", str(folder), "--handout", "")
    assert code != 0 and "--handout: the file name is empty" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_an_empty_out_name_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, err = _run(capsys, "summary", str(sample_path("graduate")), "--out", "")
    assert code != 0 and "--out: the file name is empty" in err
    assert list(tmp_path.iterdir()) == []
