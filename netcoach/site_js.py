"""Pinned JavaScript for the course site, fetched from the npm registry at build time.

``package.json`` and ``package-lock.json`` pin them; ``npm ci`` installs them into
``node_modules/`` (git-ignored). The files the site needs are copied into
``book/_widgets_js/`` (git-ignored), an ``html_static_path`` in ``_config.yml``, so they are
served from the site's ``_static/`` and pages work offline:

- ``_widgets_js/embed.js`` from ``@jupyter-widgets/html-manager`` renders the widget state
  that myst-nb embeds in widget pages (``nb_ipywidgets_js``). myst-nb's default loads
  require.js and ``embed-amd.js`` from public CDNs, so widgets are blank offline. ``embed.js``
  is the standalone build for the built-in ipywidgets 8 controls (1.9 MB, no require.js);
  ``embed-amd.js`` is 3.6 MB and only adds loading third-party widget libraries, which the
  course does not use. Its icon fonts are copied beside it.
- ``_mathjax/`` from ``mathjax`` 3 (``mathjax_path``): the pages with formulas.
- ``axe-core`` stays in ``node_modules``: the browser tests inject it into every page.

Not a root ``_static/`` folder: Jupyter Book injects every ``.js`` file there into every page
(and, once that folder exists, every ``.js`` of every static path). Without npm
the build still works: each copied script is a small loader that fetches the same pinned
file from cdn.jsdelivr.net, and a warning says the site then needs the network.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_PATH = Path("book") / "_widgets_js"  # html_static_path in _config.yml
STAMP = ".netcoach-lock.sha256"  # in node_modules: the lock file it was installed from
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".eot", ".svg")


@dataclass(frozen=True)
class Bundle:
    """Files of one npm package served by the site under ``folder/``."""

    package: str
    folder: str  # in the built site, under _static/
    entry: str  # the script pages load, relative to ``folder``
    source: str  # the package's folder that maps to ``folder``
    extra: tuple[str, ...]  # glob patterns (relative to ``source``) copied along
    licence: str | None = None  # relative to the package; served as ``folder/LICENSE``

    def files(self, node_modules: Path) -> dict[str, Path]:
        """Relative path in the site folder -> file in ``node_modules``."""
        base = node_modules / self.package / self.source
        found = {self.entry: base / self.entry}
        if self.licence:
            found["LICENSE"] = node_modules / self.package / self.licence
        for pattern in self.extra:
            found |= {p.relative_to(base).as_posix(): p for p in base.glob(pattern) if p.is_file()}
        return found


BUNDLES = (
    Bundle(
        "@jupyter-widgets/html-manager",
        "_widgets_js",
        "embed.js",
        "dist",
        ("embed.js.LICENSE.txt", *(f"*{suffix}" for suffix in FONT_SUFFIXES)),
    ),
    Bundle(
        "mathjax",
        "_mathjax",
        "tex-mml-chtml.js",
        "es5",
        ("output/chtml/fonts/woff-v2/*", "input/tex/extensions/*.js"),
        licence="LICENSE",
    ),
)


def lock_digest(root: Path = ROOT) -> str:
    """SHA-256 of ``package-lock.json``: ``node_modules`` is current when its stamp matches."""
    return hashlib.sha256((root / "package-lock.json").read_bytes()).hexdigest()


def npm_ci(root: Path = ROOT) -> bool:
    """Run ``npm ci`` when ``node_modules`` is missing or older than the lock file.

    Returns False (after printing why) when npm is not installed or the install failed.
    """
    stamp = root / "node_modules" / STAMP
    digest = lock_digest(root)
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return True
    npm = shutil.which("npm")
    if npm is None:
        print("warning: npm not found; cannot install the pinned site JavaScript", file=sys.stderr)
        return False
    cmd = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    print("$ npm " + " ".join(cmd[1:]) + "   (pinned site JavaScript, package-lock.json)")
    result = subprocess.run(cmd, cwd=root, check=False)
    if result.returncode != 0:
        print(f"warning: npm ci failed with exit code {result.returncode}", file=sys.stderr)
        return False
    stamp.write_text(digest + "\n")
    return True


def pinned_version(package: str, root: Path = ROOT) -> str:
    """The version of ``package`` pinned in ``package.json``."""
    return json.loads((root / "package.json").read_text())["dependencies"][package]


def cdn_loader(bundle: Bundle, version: str) -> str:
    """A stand-in entry script that loads the pinned file from the CDN (npm was missing)."""
    url = f"https://cdn.jsdelivr.net/npm/{bundle.package}@{version}/{bundle.source}/{bundle.entry}"
    return (
        "// npm was not available when this site was built, so this loads the file from the\n"
        "// CDN and the page needs the network. Rebuild with npm installed to serve it here.\n"
        "(function () {\n"
        "  var script = document.createElement('script');\n"
        f"  script.src = '{url}';\n"
        "  document.head.appendChild(script);\n"
        "})();\n"
    )


def _sync(files: dict[str, Path], target: Path) -> None:
    """Make ``target`` hold exactly ``files``, rewriting only what changed."""
    target.mkdir(parents=True, exist_ok=True)
    for old in [p for p in target.rglob("*") if p.is_file()]:
        if old.relative_to(target).as_posix() not in files:
            old.unlink()
    for rel, path in files.items():
        dest = target / rel
        if not dest.is_file() or dest.read_bytes() != path.read_bytes():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def install_site_js(root: Path = ROOT) -> bool:
    """Fill ``book/_widgets_js/``; return True when the files are served locally.

    Holds a lock on ``package-lock.json`` so that parallel builds in one working tree do not
    run ``npm ci`` or rewrite the folder at the same time.
    """
    static = root / STATIC_PATH
    with open(root / "package-lock.json", "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        local = npm_ci(root)
        if not local:
            print(
                "warning: the widget and MathJax scripts will load from cdn.jsdelivr.net; "
                "pages with widgets or formulas need the network",
                file=sys.stderr,
            )
        for bundle in BUNDLES:
            target = static / bundle.folder
            if local:
                _sync(bundle.files(root / "node_modules"), target)
            else:
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir(parents=True)
                loader = cdn_loader(bundle, pinned_version(bundle.package, root))
                (target / bundle.entry).write_text(loader)
        return local


if __name__ == "__main__":  # `python -m netcoach.site_js`: npm ci when the lock file changed
    raise SystemExit(0 if npm_ci() else 1)
