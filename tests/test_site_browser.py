"""The built course site in a real browser: Debian's Chromium, driven by Playwright.

The site (``built_book``) is served from ``http.server`` on 127.0.0.1 and every page is
opened once (the ``crawl`` fixture) with every request to another host blocked and
recorded, so a page that needs the network fails here. The crawl gathers console errors,
failed requests, widget views, images, axe-core accessibility results and page weight; the
tests below assert on it. Other tests click through the table of contents, search,
next/previous links, solution dropdowns and launch buttons, take screenshots, and open an
HTML report written for hostile contact names.

Needs /usr/bin/chromium and ``node_modules/axe-core`` (``make test`` installs both with
``scripts/ensure-test-tools.sh``); without them the tests fail, they never skip.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import itertools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MAX_PAGE_BYTES = 3 * 1024 * 1024  # sent over the network (text compressed)
MAX_STORED_BYTES = 4 * 1024 * 1024  # uncompressed: a guard against big regressions
BLOCKING_IMPACTS = ("serious", "critical")
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
# axe rules switched off, each with the reason. Keep this empty unless a rule cannot be met.
AXE_EXCLUDED_RULES: dict[str, str] = {}


@dataclass
class PageResult:
    """What one page did while it loaded in the browser."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    assets: dict[str, int] = field(default_factory=dict)  # same-origin URL path -> bytes
    widget_views: int = 0
    widget_problems: list[str] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    next_page: str | None = None  # target of the "next" link, relative to the site
    previous_page: str | None = None
    sidebar: list[str] = field(default_factory=list)  # pages linked from the sidebar
    buttons: dict[str, int] = field(default_factory=dict)  # launch/download links found
    dropdowns: list[str] = field(default_factory=list)  # solution dropdowns and what a click did

    @property
    def weight(self) -> int:
        return sum(self.assets.values())


# ----------------------------------------------------------------------------- set-up


def chromium_or_fail() -> Path:
    """The browser binary, or a failure that says how to get it (never a skip)."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium. `make test` "
            "installs it when run as root (scripts/ensure-test-tools.sh); otherwise run "
            "`sudo apt-get install -y chromium`."
        )
    return CHROMIUM


def site_pages(html: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to ``_build/html``.

    Leaves out the ``_static``-style folders and the redirect stub that Jupyter Book writes
    as ``index.html`` (tested on its own).
    """
    pages = []
    for path in sorted(html.rglob("*.html")):
        rel = path.relative_to(html).as_posix()
        if any(part.startswith("_") for part in rel.split("/")[:-1]):
            continue
        if 'http-equiv="Refresh"' in path.read_text(errors="replace")[:2000]:
            continue
        pages.append(rel)
    return pages


def toc_order() -> list[str]:
    """The page paths (``book/intro.html`` ...) in reading order, from ``_toc.yml``."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())

    def walk(entries: list[dict]) -> Iterator[str]:
        for entry in entries:
            if "file" in entry:
                yield str(Path(entry["file"]).with_suffix("")) + ".html"
            yield from walk(entry.get("sections", []))

    order = [str(Path(toc["root"]).with_suffix("")) + ".html"]
    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        order += walk(part.get("chapters", []))
    return order


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(built_book: Path) -> Iterator[str]:
    """Base URL of the built site, served on 127.0.0.1 from a thread."""
    handler = functools.partial(QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def blocked() -> list[str]:
    """Every request to another host, from any page of the module (all were aborted)."""
    return []


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory, blocked: list[str]):
    """A Chromium context with a fresh profile; requests leaving 127.0.0.1 are aborted."""
    binary = chromium_or_fail()
    from playwright.sync_api import sync_playwright  # requirements.txt; never skipped

    with sync_playwright() as playwright:
        ctx = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(binary),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=DESKTOP,
            service_workers="block",
        )
        ctx.set_default_timeout(20_000)

        def gatekeeper(route) -> None:
            url = route.request.url
            if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("file:", "data:")):
                route.continue_()
            else:
                blocked.append(url)
                route.abort("blockedbyclient")

        ctx.route("**/*", gatekeeper)  # routing also turns the HTTP cache off
        yield ctx
        ctx.close()


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


def watch(page, results: list[PageResult], html: Path, origin: str) -> None:
    """Record console errors, failed and external requests, and same-origin bytes.

    Everything goes to ``results[-1]``, the page being visited (one tab visits them all).
    """

    def on_console(msg) -> None:
        if msg.type == "error":
            results[-1].console_errors.append(msg.text)

    def on_response(response) -> None:
        if response.status >= 400:
            results[-1].failed_requests.append(f"{response.status} {response.url}")
        if response.url.startswith(origin):
            rel = unquote(urlsplit(response.url).path).lstrip("/")
            file = html / rel
            if file.is_dir():
                file = file / "index.html"
            results[-1].assets[rel] = file.stat().st_size if file.is_file() else 0

    def on_request(request) -> None:
        if is_external(request.url):
            results[-1].external_requests.append(request.url)

    def on_failed(request) -> None:
        results[-1].failed_requests.append(f"{request.failure} {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda err: results[-1].console_errors.append(f"uncaught: {err}"))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("request", on_request)


WIDGETS_JS = """() => [...document.querySelectorAll('WIDGET_VIEW')].map((tag) => {
  const area = tag.previousElementSibling;
  const view = area && area.classList.contains('widget-subarea') ? area.firstElementChild : null;
  const id = JSON.parse(tag.textContent).model_id.slice(0, 8);
  if (!view) return `${id}: not rendered`;
  const box = view.getBoundingClientRect();
  const style = getComputedStyle(view);
  const filled = view.innerText.trim().length > 0
    || view.querySelector('img, svg, canvas, input, select, button, textarea') !== null;
  if (box.width < 1 || box.height < 1 || style.visibility === 'hidden' || !filled)
    return `${id}: blank (${Math.round(box.width)}x${Math.round(box.height)}, content=${filled})`;
  return '';
}).filter(Boolean)""".replace("WIDGET_VIEW", WIDGET_VIEW)

IMAGES_JS = """async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = 'eager'; });
  await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
    img.addEventListener('load', done); img.addEventListener('error', done);
    setTimeout(done, 5000);
  })));
  return images.map((img) => ({
    src: img.getAttribute('src') || '', alt: img.getAttribute('alt'),
    loaded: img.complete && img.naturalWidth > 0,
  }));
}"""

AXE_RUN_JS = """async (disabled) => {
  const rules = Object.fromEntries(disabled.map((id) => [id, {enabled: false}]));
  const result = await axe.run(document, {resultTypes: ['violations'], rules});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ') + (n.failureSummary ? ' | '
      + n.failureSummary.split('\\n').slice(1, 2).join('').trim() : '')),
  }));
}"""


BUTTONS = {
    "Binder": 'a[href^="https://mybinder.org/v2/gh/"]',
    "download .ipynb": '.dropdown-download-buttons a[href$=".ipynb"]',
}
SOLUTION = ".solution.dropdown"


FACTS_JS = """(buttons) => ({
  next: document.querySelector('a.right-next')?.getAttribute('href') ?? null,
  previous: document.querySelector('a.left-prev')?.getAttribute('href') ?? null,
  sidebar: [...document.querySelectorAll('nav.bd-docs-nav a.reference.internal')]
    .map((a) => a.getAttribute('href')),
  buttons: Object.fromEntries(Object.entries(buttons)
    .map(([label, css]) => [label, document.querySelectorAll(css).length])),
})"""


def relative(site: str, href: str | None, base: str) -> str | None:
    """A link's target as a path relative to the site root (None for no link)."""
    if href is None:
        return None
    return urlsplit(urljoin(base, href)).path.removeprefix(urlsplit(site).path)


ANIMATIONS_DONE_JS = """
() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null)))
"""
"""Waits for the page's finite CSS animations and transitions (an opening dropdown fades in:
checked halfway, its link colour is blended with the white page and fails contrast)."""


def open_solutions(page) -> list[str]:
    """Click every solution dropdown open; one line per dropdown, ``open`` when it worked."""
    found = []
    boxes = page.locator(SOLUTION)
    for i in range(boxes.count()):
        box = boxes.nth(i)
        body = box.locator(":scope > :not(.admonition-title)").first
        closed = not body.is_visible()
        box.locator(".toggle-button, .admonition-title").first.click()
        try:
            body.wait_for(state="visible", timeout=3_000)
            shown = bool(body.inner_text().strip())
        except Exception:
            shown = False
        found.append("open" if closed and shown else f"dropdown {i}: {closed=} {shown=}")
    return found


def visit(page, results: list[PageResult], site: str, rel: str, axe_source: str) -> None:
    """Open one page, let its widgets render, and gather what the tests check."""
    result = PageResult(rel)
    results.append(result)
    page.goto(site + rel, wait_until="load")
    result.widget_views = page.locator(WIDGET_VIEW).count()
    if result.widget_views:
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.widget-subarea > *').length >= n",
                arg=result.widget_views,
                timeout=20_000,
            )
        except Exception as err:  # the views did not all appear: reported below
            result.widget_problems.append(f"timed out waiting for the views: {err}")
        result.widget_problems += page.evaluate(WIDGETS_JS)
    result.images = page.evaluate(IMAGES_JS)
    facts = page.evaluate(FACTS_JS, BUTTONS)
    result.next_page = relative(site, facts["next"], page.url)
    result.previous_page = relative(site, facts["previous"], page.url)
    result.sidebar = [relative(site, href, page.url) for href in facts["sidebar"]]
    result.buttons = facts["buttons"]
    result.dropdowns = open_solutions(page)  # opened before axe, so it checks them too
    page.evaluate(ANIMATIONS_DONE_JS)  # a dropdown fading in would read as pale text
    page.add_script_tag(content=axe_source)
    result.violations = page.evaluate(AXE_RUN_JS, list(AXE_EXCLUDED_RULES))


@pytest.fixture(scope="module")
def crawl(context, site: str, built_book: Path) -> dict[str, PageResult]:
    """Every page of the site, opened once; the results by page path."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does it)")
    axe_source = AXE_JS.read_text()
    results: list[PageResult] = []
    page = context.new_page()  # one tab for every page: a new tab costs a renderer process
    watch(page, results, built_book, site)
    started = time.monotonic()
    for rel in site_pages(built_book):
        visit(page, results, site, rel, axe_source)
    page.close()
    print(f"crawled {len(results)} pages in {time.monotonic() - started:.0f} s")
    return {res.path: res for res in results}


def table(rows: list[str]) -> str:
    return "\n  " + "\n  ".join(rows)


# ----------------------------------------------------------------------------- every page


def test_every_page_loads_without_errors(crawl: dict[str, PageResult]) -> None:
    assert len(crawl) >= 10, f"only {len(crawl)} pages found: {sorted(crawl)}"
    problems = [
        f"{rel}: {kind}: {item}"
        for rel, res in crawl.items()
        for kind, items in (("console", res.console_errors), ("request", res.failed_requests))
        for item in items
    ]
    assert not problems, "pages with console errors or failed requests:" + table(problems)


def test_no_page_reaches_the_network(crawl: dict[str, PageResult], blocked: list[str]) -> None:
    external = [f"{rel}: {url}" for rel, res in crawl.items() for url in res.external_requests]
    assert not external, "requests to other hosts (blocked; the site must work offline):" + table(
        external
    )


def test_widget_pages_show_their_widgets(crawl: dict[str, PageResult]) -> None:
    widget_pages = {rel: res for rel, res in crawl.items() if res.widget_views}
    toc = (ROOT / "_toc.yml").read_text()
    if "notebooks/" in toc:
        assert widget_pages, "_toc.yml lists widget notebooks but no page embeds widget state"
    problems = [f"{rel}: {p}" for rel, res in widget_pages.items() for p in res.widget_problems]
    assert not problems, "widget views missing or blank:" + table(problems)


def test_images_load_and_have_alt_text(crawl: dict[str, PageResult]) -> None:
    problems = []
    for rel, res in crawl.items():
        for img in res.images:
            if not img["loaded"]:
                problems.append(f"{rel}: not loaded (naturalWidth 0): {img['src'][:80]}")
            if not (img["alt"] or "").strip():
                problems.append(f"{rel}: no alt text: {img['src'][:80]}")
    assert not problems, "images:" + table(problems)


def test_no_serious_accessibility_violations(crawl: dict[str, PageResult]) -> None:
    """axe-core on every page (solution dropdowns open): no serious or critical violation."""
    by_rule: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for rel, res in crawl.items():
        for v in res.violations:
            if v["impact"] in BLOCKING_IMPACTS:
                by_rule.setdefault((v["impact"], v["id"]), []).append((rel, v))
    rows = []
    for (impact, rule), hits in sorted(by_rule.items()):
        pages = [rel for rel, _ in hits]
        rows.append(f"{impact:<8} {rule:<28} {len(pages):>2} pages: {', '.join(pages[:6])}")
        rows.append(f"         {hits[0][1]['help']}")
        rows += [f"         at {node[:150]}" for node in hits[0][1]["nodes"][:3]]
    assert not rows, "axe-core serious/critical violations (by rule, first example):" + table(rows)


COMPRESSIBLE = {".html", ".js", ".css", ".svg", ".json", ".txt", ".ipynb", ".xml", ".ttf", ".eot"}


@functools.cache
def gzipped_size(file: Path) -> int:
    """Bytes on the wire from a host that compresses text, as GitHub Pages does (gzip -6)."""
    data = file.read_bytes() if file.is_file() else b""
    return len(gzip.compress(data, 6, mtime=0)) if file.suffix in COMPRESSIBLE else len(data)


def test_page_weight(crawl: dict[str, PageResult], built_book: Path) -> None:
    """Each page with every same-origin file it requests; the heaviest stays under 3 MB."""

    def wire(res: PageResult) -> int:
        return sum(gzipped_size(built_book / rel) for rel in res.assets)

    ranked = sorted(crawl.values(), key=lambda res: res.weight, reverse=True)
    lines = [
        "# Page weight: the HTML plus every same-origin file requested while it loads.",
        "# bytes = as stored; gzip = as sent by a host that compresses text (GitHub Pages).",
        f"{'bytes':>10}  {'gzip':>10}  files  page",
    ]
    lines += [
        f"{res.weight:>10,}  {wire(res):>10,}  {len(res.assets):>5}  {res.path}" for res in ranked
    ]
    heaviest = ranked[0]
    biggest = sorted(heaviest.assets.items(), key=lambda item: item[1], reverse=True)[:10]
    lines += ["", f"# Largest files of the heaviest page ({heaviest.path})"]
    lines += [
        f"{size:>10,}  {gzipped_size(built_book / name):>10,}  {name}" for name, size in biggest
    ]
    report = built_book.parent / "page-weight.txt"
    report.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    assert wire(heaviest) < MAX_PAGE_BYTES, (
        f"{heaviest.path} sends {wire(heaviest):,} bytes (limit {MAX_PAGE_BYTES:,}); see {report}"
    )
    assert heaviest.weight < MAX_STORED_BYTES, (
        f"{heaviest.path} weighs {heaviest.weight:,} bytes uncompressed "
        f"(limit {MAX_STORED_BYTES:,}); see {report}"
    )


# ----------------------------------------------------------------------------- navigation


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    yield page
    page.close()
    assert not errors, f"uncaught errors: {errors}"


def test_home_redirects_to_the_first_page(page, site: str) -> None:
    page.goto(site)
    page.wait_for_url(f"**/{toc_order()[0]}")
    assert page.locator("article h1").first.is_visible()


def test_header_icons_show_without_fontawesome_js(page, site: str) -> None:
    """The theme's icons come from the Font Awesome web font (fontawesome.js is dropped)."""
    page.goto(site + toc_order()[1])
    page.evaluate("document.fonts.ready")
    icons = page.evaluate(
        """() => [...document.querySelectorAll('.article-header-buttons i, .theme-switch-button i')]
          .filter((i) => i.checkVisibility())
          .map((i) => ({cls: i.className, width: i.getBoundingClientRect().width,
                        font: getComputedStyle(i, '::before').fontFamily,
                        glyph: getComputedStyle(i, '::before').content}))"""
    )
    assert len(icons) >= 4, f"the header buttons lost their icons: {icons}"
    for icon in icons:
        assert icon["width"] > 4 and "Font Awesome" in icon["font"], icon
        assert icon["glyph"] not in ("none", "normal", '""'), icon
    assert page.locator('script[src*="fontawesome.js"]').count() == 0


def test_table_of_contents_lists_every_page(crawl: dict[str, PageResult]) -> None:
    order = toc_order()
    missing = {rel: set(order[1:]) - set(res.sidebar) for rel, res in crawl.items()}
    missing = {rel: gone for rel, gone in missing.items() if gone and rel in order}
    assert not missing, f"pages missing from the sidebar: {missing}"


def test_table_of_contents_opens_a_chapter(page, site: str) -> None:
    order = toc_order()
    page.goto(site + order[0])
    target = order[3]  # a chapter, not a page inside a collapsed part
    nav = page.locator("nav.bd-docs-nav")
    nav.locator(f'a.reference.internal[href$="{Path(target).name}"]').first.click()
    page.wait_for_url(f"**/{target}")
    assert page.locator("article h1").first.is_visible()


def test_next_and_previous_links_follow_the_table_of_contents(
    crawl: dict[str, PageResult],
) -> None:
    order = toc_order()
    chain = [order[0]]
    while crawl[chain[-1]].next_page and len(chain) <= len(crawl):
        chain.append(crawl[chain[-1]].next_page)
    assert chain == order, f"following 'next' gives {chain}, _toc.yml says {order}"
    wrong = [
        f"{here}: previous is {crawl[here].previous_page}, not {before}"
        for before, here in itertools.pairwise(order)
        if crawl[here].previous_page != before
    ]
    assert not wrong, "previous links:" + table(wrong)
    assert crawl[order[0]].previous_page is None


def test_next_and_previous_links_can_be_clicked(page, site: str) -> None:
    order = toc_order()
    page.goto(site + order[1])
    page.locator("a.right-next").first.click()
    page.wait_for_url(f"**/{order[2]}")
    page.locator("a.left-prev").first.click()
    page.wait_for_url(f"**/{order[1]}")


def test_search_finds_a_word(page, site: str) -> None:
    page.goto(site + "search.html")
    box = page.locator('article input[name="q"], main input[name="q"]').first
    box.fill("reciprocity")
    box.press("Enter")
    # Sphinx adds the results one at a time, 5 ms apart, and only then writes
    # "Search finished"; counting before that line appears races the page.
    finished = page.locator("#search-results p.search-summary", has_text="Search finished")
    finished.wait_for(state="visible", timeout=20_000)
    results = page.locator("#search-results ul.search li")
    assert results.count() >= 3, f"only {results.count()} results for 'reciprocity'"
    assert "reciprocity" in page.locator("#search-results").inner_text().lower()


def test_solution_dropdowns_open_on_click(crawl: dict[str, PageResult]) -> None:
    found = {rel: res.dropdowns for rel, res in crawl.items() if res.dropdowns}
    assert found, "no page has an exercise solution in a dropdown (:class: dropdown)"
    broken = [f"{rel}: {line}" for rel, lines in found.items() for line in lines if line != "open"]
    assert not broken, "solution dropdowns that did not open with their content:" + table(broken)


def notebook_pages(built_book: Path) -> list[str]:
    """Pages built from a notebook (an ``.ipynb`` is offered for download beside them)."""
    return [
        rel
        for rel in site_pages(built_book)
        if (built_book / "_sources" / rel).with_suffix(".ipynb").is_file()
    ]


def test_notebook_pages_have_launch_and_download_buttons(
    crawl: dict[str, PageResult], built_book: Path
) -> None:
    pages = notebook_pages(built_book)
    assert any(rel.startswith("notebooks/") for rel in pages), "no widget notebook pages"
    missing = [
        f"{rel}: no {label} button"
        for rel in pages
        for label, count in crawl[rel].buttons.items()
        if not count
    ]
    assert not missing, "notebook pages without launch/download buttons:" + table(missing)


def test_launch_menu_opens_and_notebook_downloads(page, site: str, built_book: Path) -> None:
    rel = next(rel for rel in notebook_pages(built_book) if rel.startswith("notebooks/"))
    page.goto(site + rel)
    page.locator(".dropdown-launch-buttons button").first.click()
    assert page.locator(BUTTONS["Binder"]).first.is_visible()
    assert page.locator('a[href^="https://colab.research.google.com/github/"]').count() == 0
    href = page.locator(BUTTONS["download .ipynb"]).first.get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.ok, f"{rel}: download link {href} gives {response.status}"
    assert response.json()["cells"], "the downloaded notebook has no cells"


# ----------------------------------------------------------------------------- screenshots


def score_page(built_book: Path) -> str | None:
    candidates = [rel for rel in site_pages(built_book) if "score" in Path(rel).stem]
    return next((rel for rel in candidates if rel.startswith("notebooks/")), None) or (
        candidates[0] if candidates else None
    )


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("which", ["home", "chapter", "score"])
def test_screenshots(page, site: str, built_book: Path, which: str, width: str) -> None:
    order = toc_order()
    rel = {"home": order[0], "chapter": order[1], "score": score_page(built_book)}[which]
    if rel is None:
        pytest.skip("no score-my-network page in the book yet")
    page.set_viewport_size(DESKTOP if width == "desktop" else PHONE)
    page.goto(site + rel, wait_until="load")
    views = page.locator(WIDGET_VIEW).count()
    if views:
        page.wait_for_function(
            "n => document.querySelectorAll('.widget-subarea > *').length >= n", arg=views
        )
    out = built_book.parent / "screenshots" / f"{which}-{width}.png"
    out.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(out))
    assert out.stat().st_size > 10_000, f"{out} looks empty"
    width_px = page.evaluate("document.documentElement.scrollWidth")
    assert width_px <= page.viewport_size["width"] + 1, f"{rel} scrolls sideways at {width}"


# ----------------------------------------------------------------------------- HTML report

HOSTILE = ("<script>alert(1)</script>", '=HYPERLINK("http://x")')


def write_hostile_log(folder: Path) -> None:
    """A tiny network log whose contact names try to run code or a spreadsheet formula."""
    folder.mkdir()
    (folder / "contacts.csv").write_text(
        "contact_id,name,tier\n"
        f'c1,"{HOSTILE[0]}",inner\n'
        f'c2,"{HOSTILE[1].replace(chr(34), chr(34) * 2)}",close\n'
        "c3,Amara Osei,active\n"
    )
    (folder / "interactions.csv").write_text(
        "date,contact_id,channel,kind\n"
        "2024-05-01,c1,email,asked_advice\n"
        "2024-05-03,c1,video,received_lead\n"
        "2024-05-10,c2,in_person,helped\n"
        "2024-05-20,c2,email,received_help\n"
        "2024-06-01,c3,phone,check_in\n"
    )
    (folder / "settings.toml").write_text('as_of = "2024-06-30"\n')


def test_html_report_shows_hostile_names_as_text(context, tmp_path: Path, built_book: Path) -> None:
    if not (ROOT / "netcoach" / "report_html.py").is_file():
        pytest.skip("netcoach/report_html.py has not landed yet")
    log = tmp_path / "log"
    write_hostile_log(log)
    report = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "netcoach.cli", "score", str(log), "--html", str(report)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    page = context.new_page()
    dialogs: list[str] = []
    external: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda req: external.append(req.url) if is_external(req.url) else None)
    page.add_init_script("window.__alerts = []; window.alert = (m) => window.__alerts.push(m);")
    page.goto(report.as_uri(), wait_until="load")
    time.sleep(0.3)
    shots = built_book.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "report-hostile-names.png"), full_page=True)
    text = page.locator("body").inner_text()
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join('\\n')")
    alerts = page.evaluate("window.__alerts")
    links = page.evaluate("[...document.links].map(a => a.href)")
    page.close()
    assert not dialogs and not alerts, f"a dialog fired: {dialogs or alerts}"
    assert "alert(1)" not in scripts, "the contact name became a <script>"
    assert not [u for u in links if u.startswith("http://x")], "the formula became a link"
    for name in HOSTILE:
        assert name in text, f"{name!r} does not show as typed text"
    assert not external, f"the report loads files from other hosts: {external}"


def test_build_is_offline_ready(built_book: Path) -> None:
    """The widget manager is served by the site, not a CDN (unless npm was missing)."""
    embed = built_book / "_static" / "_widgets_js" / "embed.js"
    assert embed.is_file(), "the build did not copy the widget JavaScript"
    assert embed.stat().st_size > 500_000, "embed.js is the CDN stand-in: was npm missing?"
    assert os.path.getsize(embed) < 2_500_000
