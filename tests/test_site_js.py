"""Fast tests for the site's build helpers: netcoach.site_js and netcoach.sphinx_site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.builders.html._assets import _JavaScript

from netcoach import site_js
from netcoach.sphinx_site import (
    BARE_SUMMARY,
    LABELLED_SUMMARY,
    tidy_page_context,
    without_fontawesome_js,
)


def fake_project(root: Path) -> None:
    """package.json, a lock file and an installed node_modules with the two bundles."""
    (root / "package.json").write_text(
        json.dumps(
            {"dependencies": {"@jupyter-widgets/html-manager": "1.0.15", "mathjax": "3.2.2"}}
        )
    )
    (root / "package-lock.json").write_text("{}")
    dist = root / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    dist.mkdir(parents=True)
    for name in ("embed.js", "embed.js.LICENSE.txt", "a1.woff2", "embed.js.map", "embed-amd.js"):
        (dist / name).write_text(name)
    es5 = root / "node_modules" / "mathjax" / "es5"
    (es5 / "output" / "chtml" / "fonts" / "woff-v2").mkdir(parents=True)
    (es5 / "input" / "tex" / "extensions").mkdir(parents=True)
    (es5 / "tex-mml-chtml.js").write_text("mathjax")
    (es5 / "output" / "chtml" / "fonts" / "woff-v2" / "Main.woff").write_text("font")
    (es5 / "input" / "tex" / "extensions" / "cancel.js").write_text("ext")
    (es5 / "sre").mkdir()
    (es5 / "sre" / "big.js").write_text("not needed")
    (root / "node_modules" / "mathjax" / "LICENSE").write_text("Apache-2.0")
    (root / "node_modules" / site_js.STAMP).write_text(site_js.lock_digest(root))


def test_install_copies_only_what_pages_load(tmp_path: Path) -> None:
    fake_project(tmp_path)
    assert site_js.install_site_js(tmp_path)
    static = tmp_path / site_js.STATIC_PATH
    files = sorted(p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file())
    assert files == [
        "_mathjax/LICENSE",
        "_mathjax/input/tex/extensions/cancel.js",
        "_mathjax/output/chtml/fonts/woff-v2/Main.woff",
        "_mathjax/tex-mml-chtml.js",
        "_widgets_js/a1.woff2",
        "_widgets_js/embed.js",
        "_widgets_js/embed.js.LICENSE.txt",
    ]


def test_install_removes_stale_files(tmp_path: Path) -> None:
    fake_project(tmp_path)
    site_js.install_site_js(tmp_path)
    stale = tmp_path / site_js.STATIC_PATH / "_widgets_js" / "old.js"
    stale.write_text("from an older version")
    site_js.install_site_js(tmp_path)
    assert not stale.exists()


def test_without_npm_the_site_loads_pinned_files_from_the_cdn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_project(tmp_path)
    (tmp_path / "node_modules" / site_js.STAMP).unlink()  # not installed
    monkeypatch.setattr(site_js.shutil, "which", lambda name: None)
    assert not site_js.install_site_js(tmp_path)
    assert "warning" in capsys.readouterr().err
    loader = (tmp_path / site_js.STATIC_PATH / "_widgets_js" / "embed.js").read_text()
    assert "cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.15/dist/embed.js" in loader
    mathjax = (tmp_path / site_js.STATIC_PATH / "_mathjax" / "tex-mml-chtml.js").read_text()
    assert "mathjax@3.2.2/es5/tex-mml-chtml.js" in mathjax


def test_npm_ci_is_skipped_when_the_lock_file_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_project(tmp_path)
    monkeypatch.setattr(site_js.subprocess, "run", lambda *a, **k: pytest.fail("npm ran"))
    assert site_js.npm_ci(tmp_path)
    (tmp_path / "package-lock.json").write_text('{"changed": true}')
    with pytest.raises(pytest.fail.Exception, match="npm ran"):
        site_js.npm_ci(tmp_path)


def test_repeated_inline_scripts_are_kept_once() -> None:
    thebe = 'const THEBE_JS_URL = "x"'
    scripts = [
        _JavaScript("_static/a.js"),
        _JavaScript(None, body=thebe),
        _JavaScript("", body=thebe),  # the same script, registered a second time
        _JavaScript(None, body="other"),
    ]
    context = {"script_files": scripts}
    tidy_page_context(None, "p", "page.html", context, None)
    assert [getattr(js, "attributes", {}).get("body") for js in scripts] == [None, thebe, "other"]
    assert context["default_mode"] == "auto"


def test_sidebar_summaries_get_a_label_and_citations_list_items() -> None:
    context = {
        "generate_toctree_html": lambda *a, **k: f"<details>{BARE_SUMMARY}</span></summary>",
        "body": '<div role="list"><div class="citation" role="doc-biblioentry">B1</div></div>',
    }
    tidy_page_context(None, "p", "page.html", context, None)
    assert LABELLED_SUMMARY in context["generate_toctree_html"]("sidebar")
    assert 'role="listitem"' in context["body"] and "doc-biblioentry" not in context["body"]


def test_only_the_fontawesome_script_tag_is_dropped() -> None:
    head = (
        '<link href="_static/styles/theme.css" rel="stylesheet" />\n'
        '  <script defer src="../_static/scripts/fontawesome.js?digest=55c"></script>\n'
        '  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js" />'
    )
    out = str(without_fontawesome_js(head))
    assert "fontawesome.js" not in out
    assert "theme.css" in out and "bootstrap.js" in out
