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

import contextlib
import copy
import hashlib
import json
import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from netcoach.atomic_files import (
    check_writable_folder,
    destination,
    kept_mode,
    temporary_name,
    usual_new_file_mode,
)
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
    """Run a notebook with nbclient from the repository root; return the executed copy.

    A cell that raises does not stop the run: its error is in its outputs, and
    :func:`build_exercise` turns the first one into a one-line :class:`AuthoringError`.
    """
    from nbclient import NotebookClient

    run = copy.deepcopy(nb)
    NotebookClient(
        run,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(ROOT)}},
    ).execute()
    return run


def _error_line(error: dict[str, Any]) -> str:
    """An error output as one plain line (no traceback, no colour codes)."""
    name, value = error.get("ename", "Error"), str(error.get("evalue", ""))
    if name == "CheckFailed":  # its value is already "check 2: rich share ✗ <hint>"
        text = re.sub(r"^check \d+: ", "", value)
    else:
        text = f"{name}: {value}" if value else name
    return " ".join(text.split())


def _first_failure(
    ran: nbformat.NotebookNode, checks: list[CheckCell], exercise_id: str, path: Path
) -> str | None:
    """What went wrong in the executed solution, in one line, or ``None``.

    Only the first cell that raised counts: later check cells fail because of it.
    """
    for index, cell in enumerate(ran.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        check = next((c for c in checks if c.index == index), None)
        if check is not None:
            what = f"check {check.number} fails: {_error_line(errors[0])}"
        else:
            following = next((c for c in checks if c.index > index), None)
            where = f"before check {following.number}" if following else "after the last check"
            what = f"the code {where} raises {_error_line(errors[0])}"
        return f"{exercise_id}: {what} (the solution in {path} must pass every check)"
    return None


def _run_solution(
    solution: nbformat.NotebookNode, checks: list[CheckCell], exercise_id: str, path: Path
) -> list[str]:
    """Run the solution; each check's printed line, or a one-line :class:`AuthoringError`."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    timeout = 120
    try:
        ran = execute(solution, timeout=timeout)
    except CellTimeoutError:
        raise AuthoringError(
            f"{exercise_id}: a cell of the solution in {path} ran for more than {timeout} s"
        ) from None
    except DeadKernelError:
        raise AuthoringError(
            f"{exercise_id}: the Python kernel stopped while running the solution in {path}"
        ) from None
    problem = _first_failure(ran, checks, exercise_id, path)
    if problem:
        raise AuthoringError(problem)
    return [stream_text(ran.cells[check.index]).rstrip("\n") for check in checks]


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
        lines = _run_solution(solution, checks, exercise_id, path)
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


def find_masters(masters_dir: str | Path = MASTERS_DIR) -> list[Path]:
    """Every master in ``masters_dir``; an :class:`AuthoringError` when there is none.

    Building from a mistyped folder must not write an empty manifest (after which the
    grader knows no exercise at all).
    """
    folder = Path(masters_dir)
    if not folder.exists():
        raise AuthoringError(
            f"{folder}: no such folder; give the folder that holds the masters "
            "(such as exercises/masters)"
        )
    if not folder.is_dir():
        raise AuthoringError(f"{folder}: this is a file; give the folder that holds the masters")
    paths = master_paths(folder)
    if not paths:
        raise AuthoringError(
            f"{folder} holds no master: masters are named like 04-channel-mix.md; "
            "give the folder that holds them (such as exercises/masters)"
        )
    return paths


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = load_manifest(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise AuthoringError(f"{path}: cannot read the checksums manifest ({err})") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("exercises"), dict):
        raise AuthoringError(f"{path}: this is not the checksums manifest this command writes")
    return manifest


def _write_all(files: dict[Path, str]) -> None:
    """Write every file, or none: each goes to a temporary file beside it first, and only
    when all are written do they replace the real ones.

    Every target is checked first (none may be a folder, each folder must take a new
    file), so a replace does not fail half-way. Through a symbolic link the file it points
    to is written and the link kept; a file replaced keeps its permissions, a new one gets
    those :func:`nbformat.write` gave (``0o666`` less the umask). On any failure, even an
    interrupt, the temporary files and the folders this made are removed again. Errors
    name the file as given (not a temporary name) in an :class:`AuthoringError`.
    """
    targets = {path: destination(path) for path in files}
    for path, target in targets.items():
        try:
            _check_target(path, target)
        except OSError as err:  # (a folder on the way that cannot be looked into)
            raise AuthoringError(
                f"{path}: could not write the exercises ({err.strerror or err})"
            ) from None
    new_mode = usual_new_file_mode()
    made: list[Path] = []
    staged: dict[Path, Path] = {}
    written: list[Path] = []
    current = next(iter(files))
    try:
        for current, target in targets.items():
            missing = [d for d in (target.parent, *target.parent.parents) if not d.exists()]
            for folder in reversed(missing):
                folder.mkdir()  # (one at a time, to know which to remove again)
                made.append(folder)
            fd, temporary = tempfile.mkstemp(**temporary_name(target))
            staged[current] = Path(temporary)
            with os.fdopen(fd, "wb") as handle:
                handle.write(files[current].encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            if os.name != "nt":  # (Windows keeps no such bits: only "read-only")
                os.chmod(temporary, kept_mode(target, new_mode))
        for current, target in targets.items():
            os.replace(staged[current], target)
            written.append(current)
    except BaseException as err:
        for temporary in staged.values():
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if not isinstance(err, OSError):
            raise
        done = f"; already written: {', '.join(map(str, written))}" if written else ""
        raise AuthoringError(
            f"{current}: could not write the exercises ({err.strerror or err}){done}"
        ) from None


def _check_target(path: Path, target: Path) -> None:
    """An :class:`AuthoringError` naming ``path`` if the file ``target`` (where writing
    ``path`` writes) cannot be replaced: it is a folder, a file is where a folder should
    be, or its folder does not take a new file."""
    if target.is_dir():
        raise AuthoringError(f"{path}: could not write the exercises (it is a folder)")
    folder = next(d for d in (target.parent, *target.parent.parents) if d.exists())
    if not folder.is_dir():
        raise AuthoringError(
            f"{path}: could not write the exercises ({folder} is a file, not a folder)"
        )
    if folder == target.parent:
        try:
            check_writable_folder(path)
        except OSError as err:
            raise AuthoringError(
                f"{path}: could not write the exercises (its folder {folder} does not take "
                f"a new file: {err.strerror or err})"
            ) from None


def build_all(
    masters_dir: str | Path = MASTERS_DIR,
    out_dir: str | Path = EXERCISES_DIR,
    execute_solution: bool = True,
    jobs: int = 2,
    only: list[str] | None = None,
) -> dict[str, Any]:
    """Build every exercise in ``masters_dir`` (or those in ``only``) into ``out_dir``;
    write the manifest.

    With ``only`` (a partial build) the manifest keeps the entries already in
    ``out_dir``'s manifest for the other exercises; without it the manifest lists exactly
    the masters built, so an exercise whose master is gone no longer grades as valid.
    Nothing is written unless every exercise builds and every file can be written.
    Without execution the expected lines come from ``out_dir``'s existing manifest (else
    the course's). Returns the manifest.
    """
    out = Path(out_dir)
    paths = [p for p in find_masters(masters_dir) if not only or p.stem in only]
    if not paths:
        raise AuthoringError(f"no master in {masters_dir} matches {', '.join(only or [])}")
    manifest_path = out / MANIFEST_NAME
    previous = _read_manifest(manifest_path) if manifest_path.exists() else None
    expected_from = [m["exercises"] for m in (previous,) if m]
    if not execute_solution and (EXERCISES_DIR / MANIFEST_NAME).is_file():
        expected_from.append(_read_manifest(EXERCISES_DIR / MANIFEST_NAME)["exercises"])

    def one(path: Path) -> Exercise:
        lines = None
        if not execute_solution:
            entry = next((e[path.stem] for e in expected_from if path.stem in e), None)
            if entry is None:
                raise AuthoringError(
                    f"{path.stem}: no expected lines in a checksums manifest; build it with "
                    "its solution run"
                )
            lines = [c["expected"] for c in entry["checks"]]
        return build_exercise(path, execute_solution, lines)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        built = list(pool.map(one, paths))
    manifest: dict[str, Any] = {"version": MANIFEST_VERSION, "exercises": {}}
    if previous and only:
        manifest["exercises"].update(previous["exercises"])
    files: dict[Path, str] = {}
    for exercise in built:
        folder = out / exercise.exercise_id
        files[folder / "starter.ipynb"] = _notebook_text(exercise.starter)
        files[folder / "solution.ipynb"] = _notebook_text(exercise.solution)
        manifest["exercises"][exercise.exercise_id] = exercise.manifest_entry()
    manifest["exercises"] = dict(sorted(manifest["exercises"].items()))
    files[manifest_path] = json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    _write_all(files)
    return manifest


def _notebook_text(nb: nbformat.NotebookNode) -> str:
    """The notebook as :func:`nbformat.write` writes it."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def default_manifest_path(folder: str | Path | None = None) -> Path:
    """The manifest an instructor means: ``exercises/checksums.json`` in ``folder`` (the
    folder the command runs in) when there is one, else the one beside this package."""
    here = (Path(folder) if folder is not None else Path.cwd()) / "exercises" / MANIFEST_NAME
    return here if here.is_file() else EXERCISES_DIR / MANIFEST_NAME


def load_manifest(path: str | Path = EXERCISES_DIR / MANIFEST_NAME) -> dict[str, Any]:
    """The checksums manifest written by :func:`build_all`."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
