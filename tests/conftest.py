"""Shared fixtures.

``built_book`` builds the course site once per test session, from a clean output
folder, with warnings as errors and every notebook executed (``--strict``). Set
``NETCOACH_BUILT_BOOK=/path/containing/_build`` to reuse an existing build while developing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path to ``_build/html`` of a strict build of the whole book."""
    reuse = os.environ.get("NETCOACH_BUILT_BOOK")
    if reuse:
        html = Path(reuse) / "_build" / "html"
        assert html.is_dir(), f"NETCOACH_BUILT_BOOK={reuse} has no _build/html"
        return html
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        [sys.executable, "-m", "netcoach.build_book", "--strict", "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    log = out / "build.log"
    log.write_text(result.stdout + "\n" + result.stderr)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-60:])
        pytest.fail(f"the book did not build with warnings as errors:\n{tail}")
    return out / "_build" / "html"
