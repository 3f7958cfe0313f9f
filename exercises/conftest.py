"""pytest settings for checking exercise notebooks from the repository root:

    pytest --nbval-lax exercises/04-channel-mix/starter.ipynb

* uses ``exercises/nbval-sanitize.cfg`` unless ``--nbval-sanitize-with`` is given;
* compares each check cell with the expected line in ``exercises/checksums.json``, not with
  whatever output the learner last saved (a check that once failed and was saved does not
  keep failing after the answer is fixed);
* draws charts without a screen.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SANITIZE = HERE / "nbval-sanitize.cfg"
MANIFEST = HERE / "checksums.json"


def pytest_configure(config) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    option = config.option
    if hasattr(option, "nbval_sanitize_with") and not option.nbval_sanitize_with:
        option.nbval_sanitize_with = str(SANITIZE)


def pytest_collection_modifyitems(session, config, items) -> None:
    expected = {
        (exercise, check["number"]): check["expected"]
        for exercise, entry in json.loads(MANIFEST.read_text(encoding="utf-8"))["exercises"].items()
        for check in entry["checks"]
    }
    for item in items:
        cell = getattr(item, "cell", None)
        number = cell.metadata.get("netcoach", {}).get("check") if cell is not None else None
        notebook = getattr(item.parent, "nb", None)
        if number is None or notebook is None:
            continue
        exercise = notebook.metadata.get("netcoach", {}).get("exercise")
        line = expected.get((exercise, number))
        if line is not None:
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=line + "\n")]
            cell.execution_count = cell.execution_count or number
