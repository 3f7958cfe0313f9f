"""Grade submitted exercise notebooks with nbval, one subprocess per notebook.

For each submission the grader:

1. reads it (a file that is not a notebook gets the status ``not-a-notebook``);
2. finds its exercise (notebook metadata, else the file or folder name);
3. compares each check cell's source with the checksum in ``exercises/checksums.json``
   (an edited or deleted check cell is ``tampered`` and scores nothing);
4. writes a copy whose check cells carry the expected outputs from the manifest (so the
   learner's own saved outputs cannot make a check pass) and runs
   ``python -m pytest --nbval-lax`` on it with a time limit;
5. reads nbval's JUnit XML report and the records the course's checks wrote in their own
   cells (collected by :mod:`netcoach.grading.nbval_watch`), and scores it. A check passes
   only when its own code recorded a pass in this run: a matching printed line is not enough.

A learner's exception is reported by its kind and cell only (``code cell 4 raised
ValueError``): its message can hold the names or addresses of people the learner knows, and
the report and the gradebook are shared records. The instructor opens the notebook for more.

Statuses: ``passed`` (every check), ``failed`` (some check failed), ``error`` (a cell raised
an error that is not a failed check, the Python kernel died, or it did not start even on a
second try), ``timeout``, ``tampered``
(a check cell was edited, or a check's pass line was printed without the check passing),
``not-a-notebook``, ``unknown-exercise``.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from netcoach.grading.authoring import (
    CHECK_MARKER,
    EXERCISES_DIR,
    checksum,
    default_manifest_path,
    load_manifest,
)
from netcoach.grading.checks import CHECK_LOG_ENV, FAIL_MARK, PASS_MARK
from netcoach.grading.nbval_watch import CELL_LOG_ENV
from netcoach.spreadsheet_cells import as_text_cell

SANITIZE_FILE = EXERCISES_DIR / "nbval-sanitize.cfg"
DEFAULT_TIMEOUT = 60
STARTUP_ALLOWANCE = 30
"""Seconds on top of the time limit for starting Python and the kernel."""

STATUSES = (
    "passed",
    "failed",
    "error",
    "timeout",
    "tampered",
    "not-a-notebook",
    "unknown-exercise",
)
GRADEBOOK_COLUMNS = (
    "file",
    "exercise",
    "checks_passed",
    "checks_total",
    "score",
    "status",
    "detail",
)
_NBVAL_MARKER = re.compile(r"^\s*#\s*NBVAL_\w+\s*$")
_ANSI = re.compile(r"(?:\x1b|#x1B)\[[0-9;]*[A-Za-z]")  # junit writes ESC as "#x1B"
_SETUP_ERROR = re.compile(r'failed on setup with "(.+?)"\s*$', re.M)
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)): ?(.*)$")


@dataclass
class CheckResult:
    """One check of one submission."""

    number: int
    label: str
    passed: bool
    message: str = ""


@dataclass
class Submission:
    """The grade of one submitted file."""

    path: Path
    exercise: str = ""
    status: str = "error"
    checks: list[CheckResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.checks)

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def score(self) -> int:
        return round(100 * self.passed / self.total) if self.total else 0

    @property
    def detail(self) -> str:
        """One short line for the gradebook: the first note or the first failed check."""
        failed = [f"check {c.number}: {c.message}" for c in self.checks if not c.passed]
        return (self.notes + failed + [""])[0]


def collect(paths: list[str | Path]) -> list[Path]:
    """The files to grade: each file given, and every file inside each folder given.

    Hidden files and ``.ipynb_checkpoints`` folders are skipped. A file reached twice (given
    twice, or given and inside a folder given, or through a link) is graded once, where it
    first came. Raises FileNotFoundError.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    files: dict[Path, Path] = {}
    for path in found:
        files.setdefault(path.resolve(), path)
    return list(files.values())


def grade_paths(
    paths: list[str | Path],
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 2,
    manifest: dict[str, Any] | None = None,
) -> list[Submission]:
    """Grade every submission under ``paths``, ``jobs`` at a time (the command leaves out a
    gradebook kept with the submissions before it calls this)."""
    manifest = manifest or load_manifest(default_manifest_path())
    files = collect(paths)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda p: grade_file(p, manifest, timeout), files))


def grade_file(
    path: Path, manifest: dict[str, Any], timeout: float = DEFAULT_TIMEOUT
) -> Submission:
    """Grade one file; never raises for a bad submission."""
    start = time.monotonic()
    sub = Submission(path=path)
    nb = _read(path, sub)
    if nb is not None:
        _grade_notebook(nb, sub, manifest, timeout)
    sub.seconds = time.monotonic() - start
    return sub


def _read(path: Path, sub: Submission) -> nbformat.NotebookNode | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return _not_notebook(sub, "it is not a text file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if path.suffix != ".ipynb":
            return _not_notebook(sub, f"it is a {path.suffix or 'plain'} file, not a .ipynb")
        return _not_notebook(sub, f"it is not valid JSON (line {err.lineno})")
    if not isinstance(data, dict) or "cells" not in data:
        return _not_notebook(sub, "it is JSON, but has no notebook cells")
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # nbformat raises several kinds for a malformed notebook
        return _not_notebook(sub, f"it is not a valid notebook ({type(err).__name__})")
    return nb


def _not_notebook(sub: Submission, why: str) -> None:
    sub.status = "not-a-notebook"
    sub.notes.append(f"{why}; submit the .ipynb file you worked in")
    return None


def find_exercise(nb: nbformat.NotebookNode, path: Path, manifest: dict[str, Any]) -> str:
    """The exercise id: from the notebook's metadata, else the exercise whose check cells the
    notebook holds (a file can be renamed or saved over another, its check cells cannot
    without showing), else the file or folder name."""
    known = manifest["exercises"]
    stated = _netcoach_meta(nb).get("exercise")
    if isinstance(stated, str) and stated in known:
        return stated
    sums = {checksum(c.source) for c in nb.cells if c.cell_type == "code"}
    matches = {
        exercise_id: sum(check["checksum"] in sums for check in entry["checks"])
        for exercise_id, entry in known.items()
    }
    most = max(matches.values(), default=0)
    named = [
        exercise_id
        for name in (path.stem, path.parent.name)
        for exercise_id in known
        if name.startswith(exercise_id)
    ]
    if most:
        best = [exercise_id for exercise_id, n in matches.items() if n == most]
        return next((exercise_id for exercise_id in named if exercise_id in best), best[0])
    return named[0] if named else ""


def _netcoach_meta(node: nbformat.NotebookNode) -> dict[str, Any]:
    """The ``netcoach`` metadata of a notebook or cell; ``{}`` when it is missing or a learner's
    edit left something other than a mapping there."""
    meta = node.get("metadata", {}).get("netcoach")
    return meta if isinstance(meta, dict) else {}


def locate_checks(nb: nbformat.NotebookNode, expected: list[dict[str, Any]]) -> dict[int, int]:
    """Map check number to cell index: by metadata, else by cell id, else by marker order."""
    by_meta = {
        number: i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and isinstance(number := _netcoach_meta(c).get("check"), int)
    }
    by_id = {c.get("id"): i for i, c in enumerate(nb.cells)}
    marked = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and c.source.lstrip().startswith(CHECK_MARKER)
    ]
    found: dict[int, int] = {}
    for position, spec in enumerate(expected):
        number = spec["number"]
        if number in by_meta:
            found[number] = by_meta[number]
        elif spec["cell_id"] in by_id and nb.cells[by_id[spec["cell_id"]]].cell_type == "code":
            found[number] = by_id[spec["cell_id"]]
        elif position < len(marked) and len(marked) == len(expected):
            found[number] = marked[position]
    return found


def _grade_notebook(
    nb: nbformat.NotebookNode, sub: Submission, manifest: dict[str, Any], timeout: float
) -> None:
    sub.exercise = find_exercise(nb, sub.path, manifest)
    if not sub.exercise:
        sub.status = "unknown-exercise"
        sub.notes.append("not one of the course's exercises (start from a starter notebook)")
        return
    expected = manifest["exercises"][sub.exercise]["checks"]
    cells = locate_checks(nb, expected)
    tampered = {
        spec["number"]
        for spec in expected
        if spec["number"] not in cells
        or checksum(nb.cells[cells[spec["number"]]].source) != spec["checksum"]
    }
    graded = _prepared(nb, cells, expected)
    run = _run_nbval(graded, timeout)
    if run.no_kernel:  # nothing of the learner's ran (a busy machine, a port taken): once more
        run = _run_nbval(graded, timeout)
    _score(sub, graded, cells, expected, tampered, run)


def _prepared(
    nb: nbformat.NotebookNode, cells: dict[int, int], expected: list[dict[str, Any]]
) -> nbformat.NotebookNode:
    """A copy to run: expected outputs in the check cells, no outputs or NBVAL markers elsewhere,
    no nbval tags anywhere."""
    graded = copy.deepcopy(nb)
    check_cells = {
        index: spec for spec in expected if (index := cells.get(spec["number"])) is not None
    }
    count = 0
    for index, cell in enumerate(graded.cells):
        if cell.cell_type != "code":
            continue
        count += 1
        # nbval-skip or nbval-raises-exception tags, even on a check cell, change nothing
        tags = [t for t in cell.metadata.get("tags", []) if not str(t).startswith("nbval")]
        cell.metadata["tags"] = tags
        if index in check_cells:
            line = check_cells[index]["expected"]
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=line + "\n")]
            cell.execution_count = count
            continue
        cell.outputs = []
        cell.execution_count = None
        cell.source = "\n".join(
            line for line in cell.source.split("\n") if not _NBVAL_MARKER.match(line)
        )
    return graded


@dataclass
class _Run:
    """What one nbval run reported: per code-cell outcome, the check records each code cell
    wrote, timing, the code cell in which the kernel died (if it did), and why the kernel
    did not start (if no cell ran at all)."""

    cells: dict[int, tuple[str, str]] = field(default_factory=dict)  # code-cell no. -> result
    records: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # code-cell no.
    timed_out: bool = False
    crashed: str = ""
    died: int | None = None
    timeout_cell: int | None = None  # the code cell in which nbval's cell time limit ran out
    no_kernel: str = ""

    def record(self, code: int, number: int) -> dict[str, Any] | None:
        """The last record check ``number`` wrote while its own code cell ``code`` ran."""
        mine = [r for r in self.records.get(code, []) if r.get("number") == number]
        return mine[-1] if mine else None


def _run_nbval(nb: nbformat.NotebookNode, timeout: float) -> _Run:
    run = _Run()
    with tempfile.TemporaryDirectory(prefix="netcoach-grade-") as tmp:
        folder = Path(tmp)
        nbformat.write(nb, folder / "submission.ipynb")
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        junit, records = folder / "junit.xml", folder / "checks.jsonl"
        cell_log = folder / "cells.jsonl"
        command = [
            sys.executable, "-m", "pytest", "-p", "nbval", "-p", "netcoach.grading.nbval_watch",
            "--nbval-lax", "submission.ipynb",
            "--nbval-current-env",  # this Python, whatever kernel the notebook names
            "--nbval-sanitize-with", str(SANITIZE_FILE), f"--nbval-cell-timeout={timeout:g}",
            "-p", "no:cacheprovider", "--color=no", "-q", f"--junitxml={junit}",
            "-c", "pytest.ini", "--rootdir", str(folder),
        ]  # fmt: skip
        env = {
            **os.environ,
            CHECK_LOG_ENV: str(records),
            CELL_LOG_ENV: str(cell_log),
            "MPLBACKEND": "Agg",
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",  # only nbval: starts seconds sooner
            # a fresh IPython profile: no startup files of whoever grades, and no history
            # database shared (and locked) by the kernels of other notebooks graded meanwhile
            "IPYTHONDIR": str(folder / "ipython"),
        }
        proc = subprocess.Popen(
            command,
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            output, _ = proc.communicate(timeout=timeout + STARTUP_ALLOWANCE)
        except subprocess.TimeoutExpired:
            _kill_tree(proc.pid)
            proc.communicate()
            run.timed_out = True
            output = ""
        run.records, run.died, run.timeout_cell = _read_cell_log(cell_log)
        cells = _read_junit(junit) if junit.exists() else None
        if cells is not None:
            run.cells = cells
        elif not run.timed_out:
            run.crashed = (output.strip().splitlines() or ["nbval did not run"])[-1]
        if run.cells and not run.records and not run.timed_out:  # no cell reached a kernel
            run.no_kernel = _setup_error(run.cells)
        if run.timeout_cell is not None and run.timeout_cell != run.died:
            run.timed_out = True
    return run


def _kill_tree(pid: int) -> None:
    """Kill a process and every descendant (the kernel runs in its own session)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    todo, seen = [pid], []
    while todo:
        current = todo.pop()
        seen.append(current)
        todo.extend(children.get(current, []))
    for victim in seen:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(victim, signal.SIGKILL)


def _read_cell_log(
    path: Path,
) -> tuple[dict[int, list[dict[str, Any]]], int | None, int | None]:
    """The check records per code cell, the code cell in which the kernel died, and the one
    in which nbval's cell time limit ran out."""
    records: dict[int, list[dict[str, Any]]] = {}
    died = timeout_cell = None
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                code = int(entry["cell"])
                records[code] = [r for r in entry["records"] if isinstance(r, dict)]
            except (ValueError, KeyError, TypeError):
                continue
            if entry.get("died") and died is None:
                died = code
            if entry.get("timed_out") is True and timeout_cell is None:
                timeout_cell = code
    return records, died, timeout_cell


def _read_junit(path: Path) -> dict[int, tuple[str, str]] | None:
    """``{code-cell number: (outcome, text)}`` from nbval's JUnit XML report; None when the
    report is cut short (pytest stopped while writing it)."""
    out: dict[int, tuple[str, str]] = {}
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    for case in root.iter("testcase"):
        match = re.search(r"Cell (\d+)", case.get("name", ""))
        if not match:
            continue
        outcome, text = "passed", ""
        for tag in ("failure", "error", "skipped"):
            node = case.find(tag)
            if node is not None:
                outcome = "skipped" if tag == "skipped" else "failed"
                text = _ANSI.sub("", (node.get("message") or "") + "\n" + (node.text or ""))
                break
        out[int(match.group(1))] = (outcome, text)
    return out


def _setup_error(cells: dict[int, tuple[str, str]]) -> str:
    """Why nbval could not start the kernel, from the first cell's report."""
    text = cells[min(cells)][1]
    match = _SETUP_ERROR.search(text)
    return match.group(1) if match else _exception(text) or "the kernel did not start"


def _exception(text: str) -> str:
    """The last ``SomeError: message`` line of a traceback, or ''."""
    lines = [ln.strip() for ln in text.splitlines() if _EXCEPTION_LINE.match(ln.strip())]
    return lines[-1] if lines else ""


def _exception_kind(text: str) -> str:
    """The kind of the last exception in a traceback (``ValueError``), without its message,
    which can hold a learner's data; or ''."""
    match = _EXCEPTION_LINE.match(_exception(text))
    return match.group(1) if match else ""


def _score(
    sub: Submission,
    nb: nbformat.NotebookNode,
    cells: dict[int, int],
    expected: list[dict[str, Any]],
    tampered: set[int],
    run: _Run,
) -> None:
    code_number = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            code_number[index] = len(code_number)
    errors = [] if run.no_kernel else _cell_errors(run, {code_number[i] for i in cells.values()})
    forged: set[int] = set()
    for spec in expected:
        number, label = spec["number"], spec["label"]
        if number in tampered:
            sub.checks.append(CheckResult(number, label, False, _TAMPERED))
            continue
        code = code_number[cells[number]]
        outcome, text = run.cells.get(code, ("missing", ""))
        record = run.record(code, number)
        killed = outcome == "missing" and run.timed_out  # stopped before nbval could report
        if _after_timeout(run, code):  # nbval runs on after a time-out; docs say it stops
            sub.checks.append(CheckResult(number, label, False, _AFTER_TIMEOUT))
            continue
        if _genuine_pass(record) and (outcome == "passed" or killed):
            sub.checks.append(CheckResult(number, label, True))
            continue
        if outcome == "passed":  # the pass line was printed, but not by the course's check
            forged.add(number)
            sub.checks.append(CheckResult(number, label, False, _FORGED))
            continue
        sub.checks.append(CheckResult(number, label, False, _why(outcome, text, record, run, code)))
        if (
            outcome == "failed"
            and not record
            and code != run.died
            and not run.no_kernel
            and _exception_kind(text)
        ):
            errors.append(f"check {number} raised {_exception_kind(text)}")
    sub.notes.extend(errors[:3])
    _set_status(sub, tampered, forged, run, errors)


def _after_timeout(run: _Run, code: int) -> bool:
    """True when code cell ``code`` comes after the cell that ran out of time: nbval runs the
    cells after it, but only checks before the loop count. (A kernel that died is not a
    time-out, though nbval may report one in that cell.)"""
    return run.timeout_cell is not None and run.timeout_cell != run.died and code > run.timeout_cell


def _cell_errors(run: _Run, check_code: set[int]) -> list[str]:
    """One line per learner's code cell that raised an error (not a time-out): the cell and
    the kind of error, not its message."""
    return [
        f"code cell {code + 1} raised {_exception_kind(text) or 'an error'}"
        for code, (outcome, text) in sorted(run.cells.items())
        if code not in check_code and outcome == "failed" and code != run.timeout_cell
    ]


def _genuine_pass(record: dict[str, Any] | None) -> bool:
    """True when the course's own check code recorded a pass, unmodified and called from
    its check cell."""
    return bool(record) and record.get("ok") is True and record.get("intact") is True


def _set_status(
    sub: Submission, tampered: set[int], forged: set[int], run: _Run, errors: list[str]
) -> None:
    """The submission's status, with the note that explains it first."""
    if forged:
        sub.notes.insert(0, _forged_note(forged))
    if tampered:
        sub.notes.insert(
            0, f"check cell(s) {', '.join(map(str, sorted(tampered)))} edited or removed"
        )
    if tampered or forged:
        sub.status = "tampered"
    elif run.no_kernel:
        sub.status = "error"
        sub.notes.insert(
            0,
            f"not graded: Python could not be started to run it ({run.no_kernel}); grade it again",
        )
    elif run.died is not None:
        sub.status = "error"
        sub.notes.insert(0, _died_note(run.died))
    elif run.timed_out:
        sub.status = "timeout"
        sub.notes.insert(0, _timeout_note(run.timeout_cell))
    elif run.crashed:
        sub.status = "error"
        sub.notes.insert(0, f"could not run: {run.crashed}")
    elif errors:
        sub.status = "error"
    else:
        sub.status = "passed" if sub.passed == sub.total else "failed"


_AFTER_TIMEOUT = "did not run: an earlier cell ran out of time"
_TAMPERED = "this check cell was edited or removed; copy it back unchanged from the starter"
_FORGED = (
    "its pass line was printed, but the course's check did not pass here "
    "(code above the check cell replaced or changed the check)"
)


def _forged_note(forged: set[int]) -> str:
    """The instructor's note for checks whose pass line was printed without a genuine pass."""
    numbers = ", ".join(map(str, sorted(forged)))
    return (
        f"check(s) {numbers} printed a pass line without the course's check passing: "
        "the learner's code replaced or changed a check function"
    )


def _timeout_note(code: int | None) -> str:
    """The instructor's note for a time-out, naming the code cell (0-based ``code``) when
    nbval's cell time limit ran out in it (not when the whole run was stopped)."""
    where = "" if code is None else f" in code cell {code + 1}"
    return f"ran out of time{where}: does a loop never end?"


def _died_note(code: int) -> str:
    """The instructor's note for a kernel that died in code cell ``code`` (0-based)."""
    return (
        f"the notebook stopped in code cell {code + 1} "
        "(the Python kernel died: the code exited or ran out of memory)"
    )


def _why(outcome: str, text: str, record: dict[str, Any] | None, run: _Run, code: int) -> str:
    """Why a check in code cell ``code`` did not pass, in a few words."""
    if record and not record["ok"]:
        return record["message"]
    if run.no_kernel:
        return "did not run: Python could not be started"
    if code == run.died:
        return "the Python kernel died in this cell"
    if run.died is not None and (outcome in ("skipped", "missing") or code > run.died):
        return "did not run: the notebook stopped in an earlier cell"
    if code == run.timeout_cell:
        return "ran out of time in this cell"
    if outcome == "skipped":
        return _AFTER_TIMEOUT
    if outcome == "missing":
        return "did not run"
    error = _exception_kind(text)
    if error:
        return f"{error} (run every cell above this one first)"
    if _genuine_pass(record):
        return "the answer is right, but the cell printed more than its pass line (a warning?)"
    return "its output differs from the expected line"


# --- reports ---------------------------------------------------------------------------------


def format_report(subs: list[Submission], root: Path | None = None) -> str:
    """A plain-text report: one heading line per submission, then one line per check."""
    lines = []
    for sub in subs:
        name = _display(sub.path, root)
        if sub.status in ("not-a-notebook", "unknown-exercise"):
            lines.append(f"{name}: {sub.status}: {sub.notes[0]}")
            continue
        lines.append(
            f"{name} ({sub.exercise}): {sub.passed}/{sub.total} checks passed, "
            f"score {sub.score}, {sub.status} [{sub.seconds:.1f} s]"
        )
        lines.extend(f"  ! {note}" for note in sub.notes)
        for c in sub.checks:
            mark = PASS_MARK if c.passed else FAIL_MARK
            tail = "" if c.passed else f": {c.message}"
            lines.append(f"  {mark} check {c.number}: {c.label}{tail}")
    if len(subs) > 1:
        counts = {s: sum(sub.status == s for sub in subs) for s in STATUSES}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        lines.append(f"{len(subs)} submissions: {summary}")
    return readable("\n".join(lines))


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def readable(text: str) -> str:
    """``text`` as it can be printed and written in UTF-8, each byte of a file name that is
    not UTF-8 shown as an escape such as ``\\xe9``; good text (accents, emoji) is kept as it
    is. (A Windows zip unpacked on Linux can name a file with the byte E9 for "é": Python
    reads that as a lone surrogate, which no UTF-8 file or strict terminal takes, so
    ``Jos<E9>.ipynb`` is shown as ``Jos\\xe9.ipynb``. One replacement character for every
    bad byte would show ``Jos<E9>.ipynb`` and ``Jos<E8>.ipynb`` as the same name.)"""
    return _SURROGATE.sub(_escaped, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    """The escape for one lone surrogate: ``\\xe9`` for a byte Python could not decode,
    ``\\ud800`` for a surrogate that stands for no byte."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def write_gradebook(subs: list[Submission], path: str | Path) -> None:
    """One row per submission: file, exercise, checks passed and total, score, status, detail.

    Written all at once (:func:`~netcoach.atomic_files.write_atomically`), so a failure
    leaves the file that was there (or none), never part of a gradebook. Grades are about
    people: a new gradebook can be read by its owner only, and one written over keeps its
    permissions (:func:`~netcoach.saving.mode_for`). Raises OSError."""
    from netcoach.atomic_files import write_atomically
    from netcoach.saving import mode_for

    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(GRADEBOOK_COLUMNS)
    for sub in subs:
        writer.writerow(
            [
                as_text_cell(readable(str(sub.path))),
                as_text_cell(readable(sub.exercise)),
                sub.passed,
                sub.total,
                sub.score,
                sub.status,
                as_text_cell(readable(sub.detail)),
            ]
        )
    write_atomically(path, text.getvalue(), mode=mode_for(Path(path)))
