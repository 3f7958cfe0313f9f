"""The workshop slides: ``coach/slides/workshop.ipynb`` built into reveal.js slides.

:func:`build_slides` runs nbconvert's ``SlidesExporter`` (the same as
``jupyter nbconvert --to slides``) on the source notebook, whose cells carry
``slideshow.slide_type`` metadata, and writes ``workshop.slides.html``. The *Today* slide
is written from the facilitator guide's 90-minute plan (:mod:`netcoach.workshop_agenda`),
so the slides and the guide cannot disagree.

nbconvert's template loads reveal.js, require.js and jQuery from public CDNs. To make the
slides work offline (a room with poor wifi), :func:`fetch_slide_js` takes pinned copies from
the npm registry with ``npm pack`` (cached, like the widget scripts of the book in
:mod:`netcoach.site_js`) and copies the files the slides need next to the HTML, under
``reveal.js/``. reveal.js's themes fetch web fonts with ``@import url(https://...)``;
:func:`_copy_assets` takes those lines out, so the copied folder loads nothing remote (the
themes fall back to the fonts on the computer). The template in
``netcoach/templates/slides/`` drops MathJax and mermaid, which the slides do not use, and
the call to MathJax on each slide change. Without npm, the slides still build and use the
CDNs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from netcoach.workshop_agenda import with_agenda

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "coach" / "slides" / "workshop.ipynb"
DEFAULT_OUT = ROOT / "_build" / "slides"
TEMPLATES = Path(__file__).resolve().parent / "templates" / "slides"
TEMPLATE_NAME = "netcoach_reveal"
ASSETS = "reveal.js"  # folder next to the HTML
REMOTE_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?(?:https?:)?//[^;]*;[ \t]*\n?""")
"""A CSS ``@import`` of a remote file (reveal.js's themes import Google Fonts this way)."""

PACKAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    # npm package: (pinned version, files or folders to copy, relative to the package)
    "reveal.js": ("4.0.2", ("dist", "plugin/notes", "LICENSE")),  # nbconvert 7's reveal version
    "requirejs": ("2.3.6", ("require.js",)),
    "jquery": ("3.5.1", ("dist/jquery.min.js",)),
}


@dataclass(frozen=True)
class SlidesBuild:
    """Where the slides went, and whether they work without the internet."""

    html: Path
    offline: bool


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netcoach" / "slides-js"


def fetch_slide_js(cache: Path | None = None) -> Path | None:
    """Unpack the pinned npm packages into ``cache``; ``None`` when npm cannot fetch them."""
    cache = cache or _cache_dir()
    npm = shutil.which("npm")
    for name, (version, _) in PACKAGES.items():
        target = cache / f"{name}-{version}"
        if (target / "package.json").exists():
            continue
        if npm is None:
            return None
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run(
                [npm, "pack", f"{name}@{version}", "--pack-destination", tmp, "--silent"],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            tarballs = list(Path(tmp).glob("*.tgz"))
            if done.returncode != 0 or len(tarballs) != 1:
                return None
            unpack = Path(tmp) / "unpacked"
            with tarfile.open(tarballs[0]) as tar:
                tar.extractall(unpack, filter="data")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(unpack / "package"), target)
    return cache


def _copy_assets(cache: Path, out_dir: Path) -> None:
    dest = out_dir / ASSETS
    shutil.rmtree(dest, ignore_errors=True)
    for name, (version, parts) in PACKAGES.items():
        base = cache / f"{name}-{version}"
        for part in parts:
            src, to = base / part, dest / name / part
            to.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, to)
            else:
                shutil.copy2(src, to)
    for css in dest.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        local = REMOTE_IMPORT.sub("", text)
        if local != text:
            css.write_text(local, encoding="utf-8")


def build_slides(
    source: str | Path = SOURCE, out_dir: str | Path = DEFAULT_OUT, *, offline: bool = True
) -> SlidesBuild:
    """Build the reveal.js slides of ``source`` into ``out_dir``."""
    import nbformat
    from nbconvert import SlidesExporter

    source, out_dir = Path(source), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    exporter = SlidesExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES)])
    cache = fetch_slide_js() if offline else None
    if cache is not None:
        _copy_assets(cache, out_dir)
        exporter.reveal_url_prefix = f"{ASSETS}/reveal.js"
        exporter.require_js_url = f"{ASSETS}/requirejs/require.js"
        exporter.jquery_url = f"{ASSETS}/jquery/dist/jquery.min.js"
    notebook = with_agenda(nbformat.read(source, as_version=4))
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": source.stem}})
    html = out_dir / f"{source.stem}.slides.html"
    html.write_text(body, encoding="utf-8")
    return SlidesBuild(html, cache is not None)
