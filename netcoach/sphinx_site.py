"""Small Sphinx fixes for the course site, found by the browser tests.

Listed in ``_config.yml`` under ``sphinx: extra_extensions``.

- Jupyter Book 1 with Sphinx 7.4 writes two inline scripts twice on every page (the thebe
  settings and the toggle-button selector); the second ``const THEBE_JS_URL`` throws
  "Identifier 'THEBE_JS_URL' has already been declared". Each script is kept once.
- pydata-sphinx-theme reads a ``default_mode`` that Jupyter Book never sets, so a reader's
  first visit logs "Got invalid theme mode". It is set to ``auto`` (follow the reader's
  system setting), which is what the theme falls back to anyway.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _script_key(script: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    filename = getattr(script, "filename", script) or ""  # inline scripts: None or ""
    attributes = getattr(script, "attributes", {}) or {}
    return str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items()))


def tidy_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Drop repeated scripts and give the theme a valid colour mode."""
    scripts = context.get("script_files")
    if scripts:
        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        unique = []
        for script in scripts:
            key = _script_key(script)
            if key not in seen:
                seen.add(key)
                unique.append(script)
        scripts[:] = unique
    context.setdefault("default_mode", "auto")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the page-context hook (after the themes' own, priority 900)."""
    app.connect("html-page-context", tidy_page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
