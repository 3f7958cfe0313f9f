"""The coach's notebook reads a real group's folder without writing invented learners into it
(it used to write twelve into whatever folder the coach named, so the view counted 19 of a
group of 7), and runs on invented learners in a temporary folder when none is named."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from netcoach.cohort_samples import CohortFolder, write_synthetic_summaries

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "coach-cohort.ipynb"


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_coaches_own_folder_is_only_read(tmp_path: Path) -> None:
    write_synthetic_summaries(tmp_path, n=7)
    before = contents(tmp_path)
    summaries = CohortFolder(tmp_path)
    assert summaries.path == tmp_path and not summaries.invented
    summaries.cleanup()
    assert contents(tmp_path) == before


def test_without_a_folder_invented_learners_live_in_a_temporary_one() -> None:
    summaries = CohortFolder()
    assert summaries.invented and len(list(summaries.path.glob("*.json"))) == 12
    summaries.cleanup()
    assert not summaries.path.exists()


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not-there is not a folder"):
        CohortFolder(tmp_path / "not-there")


def test_the_notebook_pointed_at_a_group_counts_only_that_group(tmp_path: Path) -> None:
    group = tmp_path / "summaries"
    group.mkdir()
    write_synthetic_summaries(group, n=7)
    before = contents(group)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "code")
    assert 'CohortFolder()  # for your group: CohortFolder("summaries")' in first.source
    first.source = first.source.replace("CohortFolder()", 'CohortFolder("summaries")', 1)
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = [o.get("text", "") for c in notebook.cells for o in c.get("outputs", [])]
    assert printed[0].startswith("7 learners shared a summary"), printed[0]
    after = contents(group)
    assert set(after) == set(before) | {"handout.html"}  # the handout, and nothing else
    assert {k: after[k] for k in before} == before
