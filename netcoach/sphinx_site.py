"""Small Sphinx fixes for the course site, found by the browser tests.

Listed in ``_config.yml`` under ``sphinx: extra_extensions``.

- Jupyter Book 1 with Sphinx 7.4 writes two inline scripts twice on every page (the thebe
  settings and the toggle-button selector); the second ``const THEBE_JS_URL`` throws
  "Identifier 'THEBE_JS_URL' has already been declared". Each script is kept once.
- pydata-sphinx-theme reads a ``default_mode`` that Jupyter Book never sets, so a reader's
  first visit logs "Got invalid theme mode". It is set to ``auto`` (follow the reader's
  system setting), which is what the theme falls back to anyway.
- Accessibility (axe-core, serious): the sidebar's expand/collapse ``<summary>`` elements get
  a label (they held only an icon), and citation lists get ``role="listitem"`` entries
  (docutils writes the deprecated ``doc-biblioentry`` inside ``role="list"``). The search
  and colour-mode buttons are fixed in ``book/_templates/``; colours in
  ``book/_static/custom.css``.
- pydata-sphinx-theme loads ``scripts/fontawesome.js`` (1.5 MB) on every page only to redraw
  its icons as SVG, which its stylesheet already draws with the Font Awesome web font.
  ``book/_templates/layout.html`` drops the tag with the ``without_fontawesome_js`` filter.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

BARE_SUMMARY = '<summary><span class="toctree-toggle" role="presentation">'
LABELLED_SUMMARY = (
    '<summary aria-label="Show or hide the pages of this part">'
    '<span class="toctree-toggle" role="presentation">'
)
FONTAWESOME_JS = re.compile(
    r'\s*<script[^>]*src="[^"]*scripts/fontawesome\.js[^"]*"[^>]*></script>'
)


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
    toctree = context.get("generate_toctree_html")
    if callable(toctree):

        @functools.wraps(toctree)
        def labelled_toctree(*args: Any, **kwargs: Any) -> Markup:
            return Markup(str(toctree(*args, **kwargs)).replace(BARE_SUMMARY, LABELLED_SUMMARY))

        context["generate_toctree_html"] = labelled_toctree
    body = context.get("body")
    if body and "doc-biblioentry" in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def without_fontawesome_js(html: str) -> Markup:
    """Template filter: ``html`` without the theme's ``fontawesome.js`` script tag."""
    return Markup(FONTAWESOME_JS.sub("", str(html)))


def add_template_filters(app: Sphinx) -> None:
    """Make ``without_fontawesome_js`` available to the HTML templates."""
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["without_fontawesome_js"] = without_fontawesome_js


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hooks (the page-context one after the themes' own, priority 900)."""
    app.connect("builder-inited", add_template_filters)
    app.connect("html-page-context", tidy_page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
