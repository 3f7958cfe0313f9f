"""The built course site (slow: one strict build of the whole book, shared by the session).

``built_book`` (``tests/conftest.py``) builds with warnings as errors and every notebook
executed, from a clean folder. These tests then read the HTML: every page in the table of
contents exists; every chapter shows an executed figure with alt text and a caption; no
citation, cross-reference or internal link is left unresolved; the licence footer is on
every page; notebook pages carry the launch (Binder, in JupyterLab; no Colab, which cannot
open a .md notebook) and download buttons.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from booktext import chapter_entries, page_path, read_page, toc_files

pytestmark = pytest.mark.slow

CHAPTERS = chapter_entries()


class _Collector(HTMLParser):
    """Collects the tags the tests look at: images, figures, links and element ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.figures: list[dict[str, str]] = []
        self._in_figure: dict[str, str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a)
            if self._in_figure is not None:
                self._in_figure["alt"] = a.get("alt", "")
                self._in_figure["src"] = a.get("src", "")
        if tag == "figure":
            self._in_figure = {"id": a.get("id", ""), "alt": "", "src": "", "caption": ""}
        if tag == "figcaption":
            self._in_caption = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption":
            self._in_caption = False
        if tag == "figure" and self._in_figure is not None:
            self.figures.append(self._in_figure)
            self._in_figure = None

    def handle_data(self, data: str) -> None:
        if self._in_caption and self._in_figure is not None:
            self._in_figure["caption"] += data


def _html_path(built: Path, entry: str) -> Path:
    return built / f"{entry}.html"


def _parse(path: Path) -> tuple[str, _Collector]:
    text = path.read_text(encoding="utf-8")
    collector = _Collector()
    collector.feed(text)
    return text, collector


def _is_notebook(entry: str) -> bool:
    path = page_path(entry)
    return path.suffix == ".ipynb" or bool(read_page(path).front_matter.get("kernelspec"))


def test_every_toc_page_was_built(built_book):
    missing = [e for e in toc_files() if not _html_path(built_book, e).exists()]
    assert not missing, f"pages in _toc.yml with no HTML page: {missing}"
    assert (built_book / "index.html").exists(), "the site needs an index.html"
    assert (built_book / "search.html").exists(), "the built-in search page is missing"


@pytest.mark.parametrize("entry", CHAPTERS)
def test_chapter_shows_executed_figure_with_alt_text(built_book, entry):
    _, page = _parse(_html_path(built_book, entry))
    executed = [f for f in page.figures if "_images/" in f["src"]]
    assert executed, f"{entry}: no executed figure (an image from a code cell) in the HTML"
    for fig in executed:
        assert len(fig["alt"].split()) >= 6, f"{entry}: figure {fig['id']} lacks real alt text"
        assert fig["caption"].strip(), f"{entry}: figure {fig['id']} has no caption"
    for img in page.images:
        if "_images/" in img.get("src", ""):
            assert img.get("alt", "").strip(), f"{entry}: an output image has no alt text"
            image_file = (_html_path(built_book, entry).parent / img["src"]).resolve()
            assert image_file.stat().st_size > 1000, f"{entry}: {img['src']} is empty"


@pytest.mark.parametrize("entry", CHAPTERS)
def test_chapter_shows_a_table_or_figure_output(built_book, entry):
    text, _ = _parse(_html_path(built_book, entry))
    outputs = re.findall(r'<div class="cell_output docutils container">', text)
    assert outputs, f"{entry}: no executed cell outputs"
    assert "<table" in text or "_images/" in text, f"{entry}: no table or figure output"


@pytest.mark.parametrize("entry", toc_files())
def test_no_unresolved_citations_or_references(built_book, entry):
    text, _ = _parse(_html_path(built_book, entry))
    assert "???" not in text, f"{entry}: '???' marks an unresolved reference"
    empty = re.findall(r'class="bibtex-citation"[^>]*>\[\]', text)
    assert not empty, f"{entry}: {len(empty)} citation(s) with no entry"
    for span in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', text, re.S):
        assert "<a " in span, f"{entry}: a citation that links nowhere: {span[:80]}"
    # A resolved reference is a link around its span; an unresolved one is a bare span.
    unresolved = [
        m.group(2)
        for m in re.finditer(r'(<a [^>]*>)?<span class="xref[^"]*">([^<]*)', text)
        if m.group(1) is None
    ]
    assert not unresolved, f"{entry}: unresolved cross-references: {unresolved}"


def test_internal_links_resolve(built_book):
    """Every relative link in the pages of the book points at a file and, if any, an id."""
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    pages = [_html_path(built_book, e) for e in toc_files()]
    for page in pages:
        _, parsed = _parse(page)
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "javascript:", "//")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(built_book)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = _parse(target)[1].ids
                if parts.fragment not in ids[target]:
                    broken.append(f"{page.relative_to(built_book)} -> {href} (no such id)")
    assert not broken, "broken internal links:\n" + "\n".join(broken[:30])


@pytest.mark.parametrize("entry", toc_files())
def test_licence_footer(built_book, entry):
    text, _ = _parse(_html_path(built_book, entry))
    assert "creativecommons.org/licenses/by/4.0" in text, f"{entry}: no CC BY 4.0 link"
    assert "MIT" in text, f"{entry}: the footer should name the code's MIT licence"


@pytest.mark.parametrize("entry", [e for e in toc_files() if _is_notebook(e)])
def test_notebook_pages_have_launch_and_download_buttons(built_book, entry):
    text, page = _parse(_html_path(built_book, entry))
    source = page_path(entry).name
    binder = [h for h in page.links if h.startswith("https://mybinder.org/v2/gh/")]
    colab = [h for h in page.links if h.startswith("https://colab.research.google.com/github/")]
    assert any(source in h for h in binder), f"{entry}: no Binder launch button"
    assert all("?urlpath=lab/tree/" in h for h in binder), f"{entry}: Binder opens {binder}"
    assert not colab, f"{entry}: a Colab button, which cannot open this page: {colab}"
    assert "download-source-button" in text, f"{entry}: no download button for the source"
    assert "download-notebook-button" in text or source.endswith(".ipynb"), (
        f"{entry}: no download-as-notebook button"
    )


def test_site_has_search_and_copy_buttons(built_book):
    text = (built_book / "book" / "01-why-network.html").read_text(encoding="utf-8")
    assert "copybutton" in text, "code cells should have copy buttons (sphinx-copybutton)"
    assert "search" in text.lower(), "the search box is missing"
