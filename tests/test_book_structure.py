"""The book's pages follow the writing guide (fast: reads the sources, builds nothing).

Hard rules checked here (see ``book/style-guide.md``): every numbered chapter in the table
of contents has the required sections in order, at least two exercises with hidden
solutions, a worked example whose code makes a figure or a table, alt text and a caption on
every figure, and at least one citation; one spelling convention (British) in the prose of
every page; and no e-mail address outside example.com / example.org.
"""

from __future__ import annotations

import re

import pytest
from booktext import (
    ROOT,
    Page,
    chapter_entries,
    headings,
    page_path,
    prose,
    read_page,
    strip_code,
    toc_files,
)

REQUIRED_SECTIONS = (
    "What you will learn",
    "Time",
    "Worked example",
    "Exercises",
    "Reflect",
    "Summary",
    "What's next",
    "References",
)

# American spellings that must not appear in prose (code, inline code and URLs are exempt).
_AMERICAN_WORDS = (
    "color colors colored colorful "
    "organization organizations organizational organize organized organizes organizing "
    "behavior behaviors behavioral analyze analyzed analyzes analyzing "
    "favorite favorites center centers centered honor honors honored labor neighbor neighbors "
    "realize realized realizes recognize recognized recognizes prioritize prioritized "
    "apologize apologized emphasize summarize summarized personalize personalized "
    "customize customized traveled traveling canceled canceling fulfill "
    "catalog practicing practiced judgment"
)
AMERICAN = tuple(_AMERICAN_WORDS.split())
AMERICAN_RE = re.compile(r"\b(" + "|".join(AMERICAN) + r")\b", re.IGNORECASE)

EMAIL_RE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
ALLOWED_EMAIL_DOMAINS = {"example.com", "example.org"}

# A cell "makes a figure" when it calls a chart function or matplotlib; it "makes a table"
# when its last line is an expression that shows a DataFrame-like value.
FIGURE_CALL_RE = re.compile(r"\w+_chart\(|\bplt\.|\.plot\(|\.figure\b|\bChart\(")
TABLE_LAST_LINE_RE = re.compile(
    r"(details\[|next_actions|DataFrame\(|\.head\(|\.tail\(|\.to_frame\(|\.style\b"
    r"|\.pivot|\.value_counts\(|\.groupby\(|\[\[|^\w+$)"
)

CHAPTERS = chapter_entries()


def _page(entry: str) -> Page:
    path = page_path(entry)
    assert path.exists(), f"{entry} is in _toc.yml but {path} does not exist"
    return read_page(path)


def _is_figure_cell(cell) -> bool:
    mystnb = (cell.options or {}).get("mystnb", {}) or {}
    return bool(FIGURE_CALL_RE.search(cell.body)) or "figure" in mystnb or "image" in mystnb


def _last_code_line(cell) -> str:
    lines = [ln for ln in cell.body.split("\n") if ln.strip() and not ln.strip().startswith("#")]
    return lines[-1].strip() if lines else ""


def _is_table_cell(cell) -> bool:
    last = _last_code_line(cell)
    return (
        bool(last)
        and not last.startswith(("print", "for ", "import", "from "))
        and bool(TABLE_LAST_LINE_RE.search(last))
    )


def _section(page: Page, title: str) -> str:
    """The text of one ``## title`` section (up to the next level-2 heading)."""
    text = page.text
    m = re.search(rf"^## {re.escape(title)}\s*$", text, re.M)
    assert m, f"no '## {title}'"
    nxt = re.search(r"^## ", text[m.end() :], re.M)
    return text[m.end() : m.end() + nxt.start()] if nxt else text[m.end() :]


def test_toc_lists_existing_pages():
    missing = [f for f in toc_files() if not page_path(f).exists()]
    assert not missing, f"pages in _toc.yml with no file: {missing}"
    assert len(CHAPTERS) >= 5, "the TOC should list the numbered chapters"


@pytest.mark.parametrize("entry", CHAPTERS)
def test_chapter_is_a_myst_notebook(entry):
    meta = _page(entry).front_matter
    assert meta.get("kernelspec", {}).get("name") == "python3", (
        f"{entry}: needs a jupytext header with kernelspec name python3"
    )


@pytest.mark.parametrize("entry", CHAPTERS)
def test_chapter_has_title_and_sections_in_order(entry):
    page = _page(entry)
    titles = headings(page, 1)
    assert len(titles) == 1, f"{entry}: expected one '# title', found {titles}"
    found = headings(page, 2)
    positions = []
    for name in REQUIRED_SECTIONS:
        assert name in found, f"{entry}: missing '## {name}' (has {found})"
        positions.append(found.index(name))
    assert positions == sorted(positions), (
        f"{entry}: sections out of order; expected {REQUIRED_SECTIONS}, found {found}"
    )
    # the teaching sits between "Time" and "Worked example"
    between = found[found.index("Time") + 1 : found.index("Worked example")]
    assert between, f"{entry}: no teaching sections between '## Time' and '## Worked example'"


@pytest.mark.parametrize("entry", CHAPTERS)
def test_learning_goals_and_time(entry):
    page = _page(entry)
    goals = re.findall(r"^\s*[-*] ", _section(page, "What you will learn"), re.M)
    assert 3 <= len(goals) <= 5, f"{entry}: 'What you will learn' needs 3-5 goals"
    time = _section(page, "Time")
    assert re.search(r"\d+\s*minutes.*\bread", time, re.S | re.I), f"{entry}: minutes to read"
    assert re.search(r"practi[sc]e", time, re.I), f"{entry}: minutes to practise"
    summary = re.findall(r"^\s*[-*] ", _section(page, "Summary"), re.M)
    assert 3 <= len(summary) <= 5, f"{entry}: 'Summary' needs 3-5 bullets"
    assert strip_code(_section(page, "Reflect")).count("?") >= 1, f"{entry}: a Reflect question"


@pytest.mark.parametrize("entry", CHAPTERS)
def test_exercises_have_hidden_solutions(entry):
    page = _page(entry)
    section = _section(page, "Exercises")
    options = re.findall(r"```\{exercise(?:-start)?\}[^\n]*\n((?::[\w-]+:.*\n)*)", section)
    labels = [m.group(1) for o in options if (m := re.search(r":label:\s*(\S+)", o))]
    assert len(labels) >= 2, f"{entry}: at least two labelled exercises, found {labels}"
    for label in labels:
        sol = re.search(
            rf"```\{{solution(?:-start)?\}}\s+{re.escape(label)}\s*\n((?::[\w-]+:.*\n)*)",
            section,
        )
        assert sol, f"{entry}: exercise {label} has no solution"
        assert re.search(r":class:\s*dropdown", sol.group(1)), (
            f"{entry}: the solution to {label} must be hidden (:class: dropdown)"
        )
    for start, end in (("exercise-start", "exercise-end"), ("solution-start", "solution-end")):
        assert section.count("{" + start + "}") == section.count("{" + end + "}"), (
            f"{entry}: every {start} needs an {end}"
        )


@pytest.mark.parametrize("entry", CHAPTERS)
def test_worked_example_makes_a_figure_or_table(entry):
    page = _page(entry)
    section = _section(page, "Worked example")
    cells = read_page_section_cells(page, section)
    assert cells, f"{entry}: the worked example has no code cells"
    assert any("netcoach" in c.body for c in page.code_cells), f"{entry}: run netcoach"
    assert any(_is_figure_cell(c) or _is_table_cell(c) for c in cells), (
        f"{entry}: the worked example needs a cell that shows a figure or a table"
    )
    long = [c.start_line for c in page.code_cells if len(c.body.strip().split("\n")) >= 10]
    assert not long, f"{entry}: code cells must be under 10 lines (cells at lines {long})"


def read_page_section_cells(page: Page, section: str):
    start = page.text.find(section)
    first = page.text[:start].count("\n") + 1
    last = first + section.count("\n")
    return [c for c in page.code_cells if first <= c.start_line <= last]


@pytest.mark.parametrize("entry", CHAPTERS)
def test_every_figure_has_alt_text_and_caption(entry):
    page = _page(entry)
    figures = [c for c in page.code_cells if _is_figure_cell(c)]
    assert figures, f"{entry}: at least one figure"
    for cell in figures:
        mystnb = (cell.options or {}).get("mystnb", {}) or {}
        alt = (mystnb.get("image") or {}).get("alt", "")
        caption = (mystnb.get("figure") or {}).get("caption", "")
        where = f"{entry} (cell at line {cell.start_line})"
        assert len(str(alt).split()) >= 6, f"{where}: alt text that states the finding"
        assert not re.match(r"^(a |an )?(bar |line )?(chart|graph|plot|figure)\b", alt, re.I), (
            f"{where}: alt text should say what the figure shows, not what kind it is"
        )
        assert str(caption).strip(), f"{where}: a caption"
        assert (mystnb.get("figure") or {}).get("name"), f"{where}: a figure name (label)"
        # netcoach's charts are matplotlib Figures made without pyplot: as the last line of a
        # cell they show as the text "<Figure size ...>", not as an image.
        assert not re.search(r"\.figure\s*$", _last_code_line(cell)), (
            f"{where}: a bare Figure renders as text; end with Image(chart.png_bytes())"
        )


BIB_KEYS = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "book/references.bib").read_text(), re.M))


@pytest.mark.parametrize("entry", CHAPTERS)
def test_chapter_cites_sources(entry):
    """Citations use the chapter's key prefix and resolve to the chapter's own reference list.

    Each chapter's ``{bibliography}`` is a citation list filtered to its own citations, with a
    key prefix (``ch04-``) so that no key is defined twice across the book; a ``:list:``
    option would make the entries plain text that citations cannot link to.
    """
    page = _page(entry)
    cites = re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", strip_code(page.text))
    assert cites, f"{entry}: at least one {{cite}}"
    bibs = [
        b for b in page.directives("bibliography") if b.start_line > _line_of(page, "References")
    ]
    assert len(bibs) == 1, f"{entry}: References needs one bibliography directive"
    options = bibs[0].options
    assert options.get("filter") == "docname in docnames", f"{entry}: filter to this chapter"
    prefix = f"ch{entry.split('/')[-1][:2]}-"
    assert options.get("keyprefix") == prefix, f"{entry}: use :keyprefix: {prefix}"
    assert "list" not in options, f"{entry}: no :list: (citations cannot link to a list)"
    label = f"{int(prefix[2:4])}."
    assert options.get("labelprefix") == label, f"{entry}: use :labelprefix: {label}"
    keys = [k.strip() for group in cites for k in group.split(",")]
    wrong = sorted(
        {k for k in keys if not k.startswith(prefix) or k[len(prefix) :] not in BIB_KEYS}
    )
    assert not wrong, f"{entry}: cite as {prefix}<key from references.bib>; not found: {wrong}"


def _line_of(page: Page, heading: str) -> int:
    m = re.search(rf"^## {re.escape(heading)}\s*$", page.text, re.M)
    return page.text[: m.start()].count("\n") + 1 if m else 0


@pytest.mark.parametrize("entry", toc_files())
def test_british_spelling(entry):
    page = _page(entry)
    text = prose(page)
    hits = sorted({m.group(0) for m in AMERICAN_RE.finditer(text)})
    assert not hits, f"{entry}: American spelling in prose: {hits} (the book uses British)"


@pytest.mark.parametrize("entry", toc_files())
def test_no_real_email_addresses(entry):
    text = page_path(entry).read_text(encoding="utf-8")
    bad = sorted(
        {m.group(0) for m in EMAIL_RE.finditer(text)}
        - {m.group(0) for m in EMAIL_RE.finditer(text) if m.group(1) in ALLOWED_EMAIL_DOMAINS}
    )
    assert not bad, f"{entry}: e-mail addresses must use example.com or example.org: {bad}"


def test_spelling_check_can_fail():
    """The checks catch what they claim to catch (guards against a silent regex)."""
    assert AMERICAN_RE.search(prose(Page(ROOT, "We analyze the color of your network.\n")))
    assert not AMERICAN_RE.search(prose(Page(ROOT, "Use `color=` in code.\n")))
    assert not AMERICAN_RE.search(prose(Page(ROOT, "See https://example.com/color here.\n")))
    found = {m.group(1) for m in EMAIL_RE.finditer("a@example.com b@gmail.com")}
    assert found - ALLOWED_EMAIL_DOMAINS == {"gmail.com"}
