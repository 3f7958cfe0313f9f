"""The cohort examples (chapter 11 and the coach's notebook) tidy up after themselves.

Each runs in a real kernel whose temporary folder is a fresh ``tmp_path``: when it ends, that
folder must be empty again, and no output may show where on the machine the files were.
"""

from __future__ import annotations

import json
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "chapter 11": ROOT / "book" / "11-for-coaches.md",
    "coach notebook": ROOT / "notebooks" / "coach-cohort.ipynb",
}


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_cohort_example_leaves_no_folder_and_prints_no_path(name, tmp_path, monkeypatch):
    path = EXAMPLES[name]
    notebook = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # the kernel's tempfile.gettempdir()
    monkeypatch.setenv("MPLBACKEND", "Agg")
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = json.dumps([c.get("outputs", []) for c in notebook.cells])
    source = "".join(c.source for c in notebook.cells)
    assert "cohort-" in source or "CohortFolder()" in source, "the example uses a temp dir"
    assert not list(scratch.iterdir()), f"{name} left {sorted(p.name for p in scratch.iterdir())}"
    for shown in (str(scratch), str(tmp_path), "/tmp/", "PosixPath"):
        assert shown not in outputs, f"{name} shows {shown!r} on the page"
