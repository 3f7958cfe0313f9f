"""Build each exercise's starter and solution notebooks from ONE master.

A master is a MyST markdown notebook, ``exercises/masters/NN-name.md`` (jupytext format).
Markers, in the style of nbgrader and otter-grader:

* ``### BEGIN SOLUTION`` ... ``### END SOLUTION``: the lines between are the answer; the
  starter gets ``...`` in their place, the solution keeps them (without the markers).
* ``name = expression  # SOLUTION``: the starter gets ``name = ...``.
* a code cell whose first line is ``# CHECK`` is a check cell. It is locked (not editable,
  not deletable), carries ``# NBVAL_CHECK_OUTPUT`` and the checksum of its source. The
  solution stores the output it produced (``check 2: channel shares ✓``); the starter
  stores none, so a learner sees no tick before running their answer. The expected line
  lives in the manifest, and ``exercises/conftest.py`` and the grader put it back for nbval.
  An optional ``wrong:`` option in the master holds code that breaks the answer for this
  check only; the tests use it and it never reaches the notebooks.

:func:`build_all` writes ``exercises/NN-name/starter.ipynb``, ``solution.ipynb`` and the
manifest ``exercises/checksums.json`` that the grader trusts.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from netcoach.grading.checks import PASS_MARK

ROOT = Path(__file__).resolve().parent.parent.parent
EXERCISES_DIR = ROOT / "exercises"
MASTERS_DIR = EXERCISES_DIR / "masters"
MANIFEST_NAME = "checksums.json"
MANIFEST_VERSION = 1

CHECK_MARKER = "# CHECK"
CHECK_HEADER = (
    "# CHECK: do not edit this cell. Run it to check your answer.\n# NBVAL_CHECK_OUTPUT\n"
)
BEGIN, END, LINE_MARK = "### BEGIN SOLUTION", "### END SOLUTION", "# SOLUTION"
PLACEHOLDER = "..."
CHECK_TAG = "netcoach-check"
ANSWER_TAG = "answer"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
_PASS_LINE = re.compile(r"^check (\d+): (.+) " + PASS_MARK + r"$")


class AuthoringError(ValueError):
    """A master that cannot be built (bad markers, a solution that fails its own checks)."""


@dataclass
class CheckCell:
    """One check cell: its number, where it is, its locked source and the expected line."""

    number: int
    index: int
    cell_id: str
    source: str
    wrong: str | None = None
    expected: str = ""

    @property
    def label(self) -> str:
        match = _PASS_LINE.match(self.expected)
        return match.group(2) if match else ""


@dataclass
class Exercise:
    """A built exercise: the two notebooks and their check cells."""

    exercise_id: str
    title: str
    starter: nbformat.NotebookNode
    solution: nbformat.NotebookNode
    checks: list[CheckCell] = field(default_factory=list)

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "master": f"masters/{self.exercise_id}.md",
            "checks": [
                {
                    "number": c.number,
                    "label": c.label,
                    "cell_id": c.cell_id,
                    "checksum": checksum(c.source),
                    "expected": c.expected,
                }
                for c in self.checks
            ],
        }


def checksum(source: str) -> str:
    """SHA-256 of a cell's source, ignoring line endings and trailing spaces."""
    text = "\n".join(line.rstrip() for line in source.replace("\r\n", "\n").split("\n"))
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def is_check_source(source: str) -> bool:
    return source.lstrip().startswith(CHECK_MARKER)


def starter_source(source: str) -> str:
    """The learner's version of an answer cell: solutions replaced by ``...``."""
    out: list[str] = []
    inside = False
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise AuthoringError("BEGIN SOLUTION inside another solution block")
            inside = True
            out.append(line[: len(line) - len(line.lstrip())] + PLACEHOLDER)
        elif stripped == END:
            if not inside:
                raise AuthoringError("END SOLUTION without BEGIN SOLUTION")
            inside = False
        elif not inside:
            out.append(_line_placeholder(line))
    if inside:
        raise AuthoringError("BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out)


def _line_placeholder(line: str) -> str:
    if not line.rstrip().endswith(LINE_MARK):
        return line
    target, sep, _ = line.partition(" = ")
    if not sep:
        raise AuthoringError(f"'{LINE_MARK}' needs an assignment 'name = ...': {line.strip()}")
    return f"{target} = {PLACEHOLDER}"


def solution_source(source: str) -> str:
    """The solution's version of an answer cell: markers removed, answers kept."""
    out = []
    for line in source.split("\n"):
        if line.strip() in (BEGIN, END):
            continue
        if line.rstrip().endswith(LINE_MARK):
            line = line.rstrip()[: -len(LINE_MARK)].rstrip()
        out.append(line)
    return "\n".join(out)


def read_master(path: str | Path) -> nbformat.NotebookNode:
    """Read a MyST markdown master with jupytext."""
    import jupytext

    return jupytext.read(Path(path), fmt="md:myst")


def split_master(
    master: nbformat.NotebookNode, exercise_id: str
) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode, list[CheckCell], str]:
    """Starter, solution (not yet executed), their check cells and the exercise's title."""
    meta = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "netcoach": {"exercise": exercise_id},
    }
    starter = nbformat.v4.new_notebook(metadata=copy.deepcopy(meta))
    solution = nbformat.v4.new_notebook(metadata=copy.deepcopy(meta))
    starter.metadata["netcoach"]["notebook"] = "starter"
    solution.metadata["netcoach"]["notebook"] = "solution"
    checks: list[CheckCell] = []
    title = ""
    for index, cell in enumerate(master.cells):
        source = cell.source.strip("\n")
        if cell.cell_type == "markdown":
            title = title or _title(source)
            for nb in (starter, solution):
                nb.cells.append(nbformat.v4.new_markdown_cell(source, id=f"cell-{index:02d}"))
            continue
        if is_check_source(source):
            number = len(checks) + 1
            body = source.split("\n", 1)[1] if "\n" in source else ""
            locked = CHECK_HEADER + body.strip("\n")
            check = CheckCell(number, index, f"check-{number}", locked, cell.metadata.get("wrong"))
            checks.append(check)
            for nb in (starter, solution):
                nb.cells.append(_check_cell(check))
            continue
        answer = any(m in source for m in (BEGIN, LINE_MARK))
        extra = {"tags": [ANSWER_TAG]} if answer else {}
        starter.cells.append(
            nbformat.v4.new_code_cell(
                starter_source(source), id=f"cell-{index:02d}", metadata=copy.deepcopy(extra)
            )
        )
        solution.cells.append(
            nbformat.v4.new_code_cell(
                solution_source(source), id=f"cell-{index:02d}", metadata=copy.deepcopy(extra)
            )
        )
    if not title:
        raise AuthoringError(f"{exercise_id}: the master needs a '# Title' heading")
    if not checks:
        raise AuthoringError(f"{exercise_id}: the master has no '{CHECK_MARKER}' cell")
    return starter, solution, checks, title


def _title(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _check_cell(check: CheckCell) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(
        check.source,
        id=check.cell_id,
        metadata={
            "editable": False,
            "deletable": False,
            "tags": [CHECK_TAG],
            "netcoach": {"check": check.number, "checksum": checksum(check.source)},
        },
    )


def execute(nb: nbformat.NotebookNode, timeout: int = 120) -> nbformat.NotebookNode:
    """Run a notebook with nbclient from the repository root; return the executed copy."""
    from nbclient import NotebookClient

    run = copy.deepcopy(nb)
    NotebookClient(
        run, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return run


def stream_text(cell: nbformat.NotebookNode) -> str:
    """All stdout a cell printed, as one string."""
    return "".join(
        o.get("text", "")
        for o in cell.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )


def build_exercise(
    master_path: str | Path, execute_solution: bool = True, expected: list[str] | None = None
) -> Exercise:
    """Build one exercise from its master.

    With ``execute_solution`` the solution runs and each check cell must print exactly its
    pass line; that line becomes the expected output. Without it, ``expected`` (one line
    per check, e.g. from the committed manifest) is used: fast, for sync tests.
    """
    path = Path(master_path)
    exercise_id = path.stem
    starter, solution, checks, title = split_master(read_master(path), exercise_id)
    if execute_solution:
        ran = execute(solution)
        lines = []
        for check in checks:
            cell = ran.cells[check.index]
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            if errors:
                trace = "\n".join(errors[0].get("traceback", []))
                raise AuthoringError(f"{exercise_id}: check {check.number} fails:\n{trace}")
            lines.append(stream_text(cell).rstrip("\n"))
    elif expected is not None:
        lines = list(expected)
    else:
        raise AuthoringError("give either execute_solution=True or the expected lines")
    if len(lines) != len(checks):
        raise AuthoringError(f"{exercise_id}: {len(checks)} checks but {len(lines)} lines")
    for check, line in zip(checks, lines, strict=True):
        match = _PASS_LINE.match(line)
        if not match or int(match.group(1)) != check.number:
            raise AuthoringError(
                f"{exercise_id}: check {check.number} should print one line "
                f"'check {check.number}: <label> {PASS_MARK}', not {line!r}"
            )
        check.expected = line
        # Only the solution shows the tick: a starter that has not been run shows no output.
        # nbval gets the expected line from the manifest (exercises/conftest.py, the grader).
        cell = solution.cells[check.index]
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=line + "\n")]
        # nbval compares only cells that look run: give the check an execution count.
        cell.execution_count = 1 + sum(c.cell_type == "code" for c in solution.cells[: check.index])
    return Exercise(exercise_id, title, starter, solution, checks)


def master_paths(masters_dir: str | Path = MASTERS_DIR) -> list[Path]:
    """Every master, in exercise order."""
    return sorted(Path(masters_dir).glob("[0-9][0-9]-*.md"))


def build_all(
    masters_dir: str | Path = MASTERS_DIR,
    out_dir: str | Path = EXERCISES_DIR,
    execute_solution: bool = True,
    jobs: int = 2,
    only: list[str] | None = None,
) -> dict[str, Any]:
    """Build every exercise (or those in ``only``) into ``out_dir``; write the manifest.

    Without execution the expected lines come from ``out_dir``'s existing manifest.
    Returns the manifest.
    """
    out = Path(out_dir)
    paths = [p for p in master_paths(masters_dir) if not only or p.stem in only]
    old = load_manifest(out / MANIFEST_NAME) if (out / MANIFEST_NAME).exists() else None
    if old is None and not execute_solution:
        old = load_manifest(EXERCISES_DIR / MANIFEST_NAME)

    def one(path: Path) -> Exercise:
        lines = None
        if not execute_solution:
            lines = [c["expected"] for c in old["exercises"][path.stem]["checks"]]
        return build_exercise(path, execute_solution, lines)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        built = list(pool.map(one, paths))
    manifest = {"version": MANIFEST_VERSION, "exercises": {}}
    if old and only:
        manifest["exercises"].update(old["exercises"])
    for exercise in built:
        folder = out / exercise.exercise_id
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(exercise.starter, folder / "starter.ipynb")
        nbformat.write(exercise.solution, folder / "solution.ipynb")
        manifest["exercises"][exercise.exercise_id] = exercise.manifest_entry()
    manifest["exercises"] = dict(sorted(manifest["exercises"].items()))
    (out / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def default_manifest_path(folder: str | Path | None = None) -> Path:
    """The manifest an instructor means: ``exercises/checksums.json`` in ``folder`` (the
    folder the command runs in) when there is one, else the one beside this package."""
    here = (Path(folder) if folder is not None else Path.cwd()) / "exercises" / MANIFEST_NAME
    return here if here.is_file() else EXERCISES_DIR / MANIFEST_NAME


def load_manifest(path: str | Path = EXERCISES_DIR / MANIFEST_NAME) -> dict[str, Any]:
    """The checksums manifest written by :func:`build_all`."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
