"""Build the course site: ``python -m netcoach.build_book [--strict] [--output DIR]``.

This is what ``make book`` runs. Notebooks execute at build time on the bundled sample
data (cached in ``_build/.jupyter_cache`` between builds). ``--strict`` turns warnings
into errors and rebuilds every page, as the test suite does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_command(output: Path | None = None, strict: bool = False) -> list[str]:
    """The ``jupyter-book build`` command line for this repository."""
    cmd = [sys.executable, "-m", "jupyter_book.cli.main", "build", str(ROOT)]
    if output is not None:
        cmd += ["--path-output", str(output)]
    if strict:
        cmd += ["-W", "-n", "--keep-going", "--all"]
    return cmd


def main(argv: list[str] | None = None) -> int:
    """Build the book; return the exit code of ``jupyter-book``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="warnings are errors; rebuild all")
    parser.add_argument("--output", type=Path, help="folder for _build (default: the repo)")
    args = parser.parse_args(argv)
    result = subprocess.run(build_command(args.output, args.strict), cwd=ROOT, check=False)
    if result.returncode == 0:
        out = (args.output or ROOT) / "_build" / "html" / "index.html"
        print(f"\nThe course site is ready: open {out}")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
