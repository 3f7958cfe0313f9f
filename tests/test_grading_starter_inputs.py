"""A starter notebook gives the learner the tables they start from, never the answers."""

from __future__ import annotations

import types

import nbformat
import pytest

from netcoach.grading import answers
from netcoach.grading.authoring import EXERCISES_DIR

STARTERS = sorted(EXERCISES_DIR.glob("[0-9][0-9]-*/starter.ipynb"))


def _setup_names(path) -> dict:
    """The names the starter's first code cell (the one the learner does not edit) binds."""
    nb = nbformat.read(path, as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code")
    names: dict = {}
    exec(compile(setup.source, str(path), "exec"), names)  # the course's own cell
    return names


def _reachable(names: dict) -> list[tuple[str, object]]:
    """Every public name, and every public name one dot away from it."""
    out = []
    for name, value in names.items():
        if name.startswith("_"):
            continue
        out.append((name, value))
        if isinstance(value, types.ModuleType):
            out.extend(
                (f"{name}.{attr}", getattr(value, attr))
                for attr in dir(value)
                if not attr.startswith("_")
            )
    return out


@pytest.mark.parametrize("path", STARTERS, ids=lambda p: p.parent.name)
def test_a_starter_does_not_hand_over_the_reference_answers(path) -> None:
    exposed = [
        name
        for name, value in _reachable(_setup_names(path))
        if value is answers or value is answers.action_list
    ]
    assert not exposed, exposed
