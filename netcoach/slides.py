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
from typing import Any

from netcoach.atomic_files import read_at_most, write_atomically
from netcoach.workshop_agenda import AGENDA_TITLE, is_agenda_cell, with_agenda

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


class SlidesError(ValueError):
    """A source or output folder the slides cannot be built from or into."""


def blank_option(option: str, value: str | Path | None, example: str) -> str | None:
    """The message for an option given as blank text (``--out ""``), which as a path would be
    the current folder; ``None`` when ``value`` is not blank text."""
    if isinstance(value, str) and not value.strip():
        return f"{option} is empty: give {example} (nothing was written)"
    return None


DESKTOP_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
"""Files a file manager writes into a folder it shows (macOS Finder, Windows Explorer): not
the user's own work, so they do not stop a rebuild from replacing ``reveal.js/``."""


def _first_not_copied(folder: Path) -> Path | None:
    """The first entry in ``folder`` that :func:`_copy_assets` does not put there (leaving
    out :data:`DESKTOP_FILES`), or ``None`` when a rebuild may replace the folder (and so
    never a reveal.js folder of the user's own)."""
    for package in sorted(folder.iterdir()):
        if package.name in DESKTOP_FILES:
            continue
        copied = PACKAGES.get(package.name)
        if copied is None or package.is_symlink() or not package.is_dir():
            return package
        tops = {Path(part).parts[0] for part in copied[1]} | DESKTOP_FILES
        stray = next((c for c in sorted(package.iterdir()) if c.name not in tops), None)
        if stray is not None:
            return stray
    return None


SLIDES_MOST_BYTES = 20_000_000
"""The slides page is a few hundred kilobytes; a far larger file is something else."""


def _is_built_slides(html: Path) -> bool:
    """True when ``html`` is a reveal.js slides file such as nbconvert writes."""
    text = read_at_most(html, SLIDES_MOST_BYTES)
    return text is not None and b'class="reveal"' in text and b"<html" in text


def _refuse_files_not_ours(html: Path, assets: Path) -> None:
    """Refuse (before anything is written) to replace a file or folder these slides did not
    make: an HTML file of the same name, or a ``reveal.js/`` folder of the user's own."""
    if html.is_dir() or (html.exists() and not _is_built_slides(html)):
        raise SlidesError(
            f"{html} is already there and is not a slides file made by this command, so it "
            "was left alone: choose another --out folder, or move it away"
        )
    if assets.is_symlink() or (assets.exists() and not assets.is_dir()):
        raise SlidesError(f"{assets} is not a folder of copied slide scripts: move it away")
    stray = _first_not_copied(assets) if assets.is_dir() else None
    if stray is not None:
        raise SlidesError(
            f"{assets} holds files this command did not copy there, such as "
            f"{stray.relative_to(assets).as_posix()}, so it was left alone: "
            "choose another --out folder, or move that folder away"
        )


def _read_source(source: Path) -> Any:
    """The slides notebook at ``source``, with its *Today* slide from the guide's plan."""
    import nbformat

    if source.is_dir():
        raise SlidesError(f"{source} is a folder, not a slides notebook (.ipynb)")
    try:
        notebook = nbformat.read(source, as_version=4)
    except FileNotFoundError:
        raise SlidesError(f"no slides notebook at {source}") from None
    except (OSError, UnicodeDecodeError, ValueError, nbformat.ValidationError) as err:
        reason = getattr(err, "strerror", None) or "it is not a Jupyter notebook (.ipynb)"
        raise SlidesError(f"cannot read the slides notebook {source}: {reason}") from None
    if sum(is_agenda_cell(cell) for cell in notebook.cells) != 1:
        raise SlidesError(f"{source} needs exactly one '## {AGENDA_TITLE}' slide for the agenda")
    try:
        return with_agenda(notebook)
    except FileNotFoundError as err:
        raise SlidesError(
            f"no facilitator guide at {err.filename}: the slides' agenda is read from it, "
            "so build the slides in a full copy of the course"
        ) from None


def build_slides(
    source: str | Path = SOURCE, out_dir: str | Path = DEFAULT_OUT, *, offline: bool = True
) -> SlidesBuild:
    """Build the reveal.js slides of ``source`` into ``out_dir``.

    Raises :class:`SlidesError` (or :class:`~netcoach.workshop_agenda.AgendaError` for the
    guide's table) before writing anything when the source or the folder will not do."""
    from nbconvert import SlidesExporter

    for option, value, example in (
        ("--source", source, "a slides notebook, like coach/slides/workshop.ipynb"),
        ("--out", out_dir, "a folder, like _build/slides"),
    ):
        problem = blank_option(option, value, example)
        if problem:
            raise SlidesError(problem)
    source, out_dir = Path(source), Path(out_dir)
    notebook = _read_source(source)
    if out_dir.exists() and not out_dir.is_dir():
        raise SlidesError(f"--out {out_dir} is a file, not a folder for the slides")
    html = out_dir / f"{source.stem}.slides.html"
    _refuse_files_not_ours(html, out_dir / ASSETS)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SlidesError(f"cannot make the folder {out_dir}: {err.strerror}") from None
    exporter = SlidesExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES)])
    cache = fetch_slide_js() if offline else None
    if cache is not None:
        _copy_assets(cache, out_dir)
        exporter.reveal_url_prefix = f"{ASSETS}/reveal.js"
        exporter.require_js_url = f"{ASSETS}/requirejs/require.js"
        exporter.jquery_url = f"{ASSETS}/jquery/dist/jquery.min.js"
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": source.stem}})
    try:
        write_atomically(html, body, mode=0o644)
    except OSError as err:
        raise SlidesError(f"cannot write {html}: {err.strerror or err}") from None
    return SlidesBuild(html, cache is not None)
