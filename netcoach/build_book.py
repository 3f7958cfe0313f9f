"""Build the course site: ``python -m netcoach.build_book [--strict] [--output DIR]``.

This is what ``make book`` runs. Notebooks execute at build time on the bundled sample
data (cached in ``_build/.jupyter_cache`` between builds). ``--strict`` turns warnings
into errors and rebuilds every page, as the test suite does.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
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


def code_and_data_fingerprint(root: Path = ROOT) -> str:
    """A hash of what executed pages depend on besides their own cells: the package and
    the sample data."""
    digest = hashlib.sha256()
    files = [*root.glob("netcoach/**/*.py"), *root.glob("netcoach/templates/**/*")]
    files = [p for p in files if p.is_file()]  # templates/ has folders (slides/)
    files += [p for p in root.glob("data/samples/**/*") if p.is_file()]
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def clear_stale_execution_cache(build_dir: Path, fingerprint: str) -> bool:
    """Drop the Jupyter execution cache when ``netcoach`` or the samples changed.

    The cache is keyed on each notebook's cells only, so without this a cached build
    would show outputs computed by older code. A cache with no fingerprint beside it comes
    from unknown code, so it is dropped too. Returns True when it cleared the cache.
    """
    stamp = build_dir / ".netcoach-fingerprint"
    cache = build_dir / ".jupyter_cache"
    stale = cache.exists() and (not stamp.exists() or stamp.read_text() != fingerprint)
    if stale:
        shutil.rmtree(cache)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
    return stale


def main(argv: list[str] | None = None) -> int:
    """Build the book; return the exit code of ``jupyter-book``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="warnings are errors; rebuild all")
    parser.add_argument("--output", type=Path, help="folder for _build (default: the repo)")
    args = parser.parse_args(argv)
    install_site_js(ROOT)  # offline widget and MathJax scripts (npm ci): netcoach/site_js.py
    if clear_stale_execution_cache((args.output or ROOT) / "_build", code_and_data_fingerprint()):
        print("netcoach or the sample data changed: re-executing every page")
    result = subprocess.run(build_command(args.output, args.strict), cwd=ROOT, check=False)
    if result.returncode == 0:
        out = (args.output or ROOT) / "_build" / "html" / "index.html"
        print(f"\nThe course site is ready: open {out}")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
