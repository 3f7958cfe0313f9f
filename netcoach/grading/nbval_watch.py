"""A pytest plugin the grader loads next to nbval (``-p netcoach.grading.nbval_watch``).

It runs in the pytest process, not in the learner's kernel (though the kernel, run as the
same user, can still find and write both log files: a guard against easy tricks, not a
sandbox), and after each notebook cell appends one JSON line to the file named by
:data:`CELL_LOG_ENV`:
``{"cell": code-cell number, "records": [...], "died": bool, "timed_out": bool}``.
``records`` are the lines the course's checks wrote to the check log while that cell ran, so
the grader can tell a check that really ran in its own cell from a pass line printed by
something else. ``died`` says the Python kernel died while the cell ran; nbval would wait
out its whole cell time limit for a dead kernel and then report a time-out, so the plugin
also cuts that wait short. ``timed_out`` says nbval's own cell time limit ran out in this
cell (read from nbval's flag, not from the error text, which a learner's exception could
imitate).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Generator
from pathlib import Path
from queue import Empty
from typing import Any

import pytest

from netcoach.grading.checks import CHECK_LOG_ENV

CELL_LOG_ENV = "NETCOACH_CELL_LOG"
POLL_SECONDS = 0.2
"""How often a wait for the kernel checks that the kernel is still alive."""


class _Cell:
    """The cell running now: whether its kernel died."""

    died = False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, None]:
    """Note the check records and the kernel's death around one nbval cell."""
    kernel = getattr(item.parent, "kernel", None)
    log = os.environ.get(CELL_LOG_ENV)
    if kernel is None or not hasattr(item, "cell_num") or not log:
        yield
        return
    _guard(kernel)
    _Cell.died = False
    start = _size(os.environ.get(CHECK_LOG_ENV))
    late_before = bool(getattr(item.parent, "timed_out", False))
    yield
    entry = {
        "cell": item.cell_num,
        "records": _records_since(start),
        "died": _Cell.died,
        "timed_out": bool(getattr(item.parent, "timed_out", False)) and not late_before,
    }
    with open(log, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _guard(kernel: Any) -> None:
    """Make the kernel's message waits give up (raise Empty) as soon as the kernel is dead."""
    if getattr(kernel, "_netcoach_guarded", False):
        return
    kernel.get_message = _watched(kernel.get_message, kernel.is_alive)
    kernel._netcoach_guarded = True


def _watched(get: Callable[..., Any], alive: Callable[[], bool]) -> Callable[..., Any]:
    """``get(stream, timeout)`` in short waits, stopping early when the kernel has died."""

    def get_message(stream: str, timeout: float | None = None) -> Any:
        left = timeout
        while True:
            wait = POLL_SECONDS if left is None else min(POLL_SECONDS, left)
            try:
                return get(stream, timeout=wait)
            except Empty:
                if not alive():
                    _Cell.died = True
                    raise
                if left is not None:
                    left -= wait
                    if left <= 0:
                        raise

    return get_message


def _size(path: str | None) -> int:
    """The size of the file at ``path`` in bytes (0 if there is none)."""
    try:
        return Path(path).stat().st_size if path else 0
    except OSError:
        return 0


def _records_since(start: int) -> list[dict[str, Any]]:
    """The check records appended to the check log after byte ``start``."""
    path = os.environ.get(CHECK_LOG_ENV)
    if not path or not Path(path).exists():
        return []
    with open(path, "rb") as log:
        log.seek(start)
        lines = log.read().decode("utf-8", errors="replace").splitlines()
    records = []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records
