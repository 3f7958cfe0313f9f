"""The three widget notebooks: thin, output-free, and they run cleanly under nbval."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ("score-my-network", "quick-check", "log-interaction")
PATHS = [ROOT / "notebooks" / f"{name}.ipynb" for name in NOTEBOOKS]


@pytest.mark.parametrize("path", PATHS, ids=NOTEBOOKS)
def test_committed_notebook_is_thin_and_has_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert len(code) <= 3, "logic belongs in netcoach/, not in the notebook"
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    title, _, body = first.source.partition("\n\n")
    assert title.startswith("# ")
    sentences = [s for s in re.split(r"(?<=\.)\s+", body.strip()) if s]
    assert len(sentences) == 2, sentences
    assert "your own computer" in body, "say that the data stays on the learner's machine"
    assert "print(" not in "".join(c.source for c in code)


def test_notebooks_are_in_the_table_of_contents() -> None:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "- caption: Your tools" in toc
    positions = [toc.index(f"- file: notebooks/{name}\n") for name in NOTEBOOKS]
    assert positions == sorted(positions)
    assert toc.index("book/10-thirty-day-plan") < positions[0] < toc.index("- caption: Appendices")


def samples_snapshot() -> dict[str, bytes]:
    folder = ROOT / "data" / "samples"
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_notebooks_run_under_nbval(tmp_path: Path) -> None:
    before = samples_snapshot()
    env = {**os.environ, "MPLBACKEND": "Agg", "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
         "--color=no", *(str(p.relative_to(ROOT)) for p in PATHS)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
    assert result.returncode == 0, tail
    assert re.search(r"\b\d+ passed\b", result.stdout), tail
    assert "failed" not in result.stdout and "error" not in result.stdout.lower(), tail
    # The log form ran on a practice copy in the temporary folder, not on the samples.
    assert samples_snapshot() == before
