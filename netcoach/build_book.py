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

from netcoach.site_js import install_site_js

ROOT = Path(__file__).resolve().parent.parent


def build_command(output: Path | None = None, strict: bool = False) -> list[str]:
    """The ``jupyter-book build`` command line for this repository."""
    # `python -m jupyter_book.cli.main` exits 0 without building (the module has no
    # `__main__` guard and the package no `__main__.py`), so call the click entry point.
    cli = "import sys; from jupyter_book.cli.main import main; sys.exit(main())"
    cmd = [sys.executable, "-c", cli, "build", str(ROOT)]
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
    install_site_js(ROOT)  # offline widget and MathJax scripts (npm ci): netcoach/site_js.py
    result = subprocess.run(build_command(args.output, args.strict), cwd=ROOT, check=False)
    if result.returncode == 0:
        out = (args.output or ROOT) / "_build" / "html" / "index.html"
        print(f"\nThe course site is ready: open {out}")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
