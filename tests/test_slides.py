"""The workshop slides build with nbconvert's reveal.js exporter, with the expected slides."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from netcoach.slides import ROOT, SOURCE, build_slides
from netcoach.workshop_agenda import (
    AGENDA_TITLE,
    TOTAL_MINUTES,
    agenda_slide,
    is_agenda_cell,
    ninety_minute_plan,
    slide_blocks,
    with_agenda,
)

EXPECTED_TITLES = (
    "Today",
    "Welcome and ground rules",
    "Why network",
    "Relationships, not reach",
    "Quick habits check",
    "Score a network",
    "Practise one habit",
    "Habit 1: give first",
    "Habit 2: a face and a voice",
    "Habit 3: follow up, say thanks, keep in touch",
    "Share a summary (optional)",
    "The group's picture",
    "Thirty-day plan",
    "Close",
)


def footer_licence() -> str:
    """The book's footer licence line (``_config.yml``) as plain text, its link written out
    without ``https://`` (the offline slides link nothing remote)."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    footer = re.sub(
        r'<a href="https://([^"]+?)/?">(.*?)</a>', r"\2 (\1)", config["html"]["extra_footer"]
    )
    return " ".join(re.sub(r"</?p>", "", footer).split())


def test_the_title_slide_carries_the_books_licence_line():
    notebook = with_agenda(nbformat.read(SOURCE, as_version=4))
    title = notebook.cells[0]
    assert title.source.startswith("# ") and "CC BY 4.0" in footer_licence()
    assert f"<small>{footer_licence()}</small>" in title.source, "the slides carry no licence"


def test_the_licence_line_the_handouts_print_is_the_books_footer():
    from netcoach.licence import CONTENT_LICENCE

    assert footer_licence() == CONTENT_LICENCE


def test_the_content_licence_covers_the_slides_folder():
    text = " ".join((ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8").split())
    assert "`coach/`" in text.split("are licensed under")[0]
    assert SOURCE.relative_to(ROOT).parts[0] == "coach"


def test_source_cells_carry_slide_metadata():
    notebook = nbformat.read(SOURCE, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in notebook.cells]
    assert all(k in {"slide", "subslide", "fragment", "notes", "skip", "-"} for k in kinds)
    assert kinds.count("slide") >= 10
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")


def test_the_sharing_slide_gives_no_nickname_for_the_whole_room_to_copy():
    """A room that copies one nickname from the slide shares one nickname, and the cohort
    view counts summaries under one nickname once: the slide shows the command without one
    (each learner then gets a random id) and says to make up their own."""
    notebook = nbformat.read(SOURCE, as_version=4)
    (slide,) = [c for c in notebook.cells if c.source.startswith("## Share a summary")]
    commands = re.findall(r"^netcoach summary .*$", slide.source, re.M)
    assert commands == ["netcoach summary my-network"], commands
    assert "random" in slide.source and "your own" in slide.source
    assert "--nickname blue-fox" not in slide.source


def test_the_guide_plan_fills_ninety_minutes_with_sharing_before_the_group_view():
    blocks = ninety_minute_plan()
    assert blocks[0].start == 0 and sum(b.minutes for b in blocks) == TOTAL_MINUTES
    assert all(b.minutes > 0 for b in blocks), "start times run in order"
    names = [b.name for b in blocks]
    assert names.index("Share a summary (optional)") < names.index("The group's picture")


def test_the_slides_agenda_is_the_guides_plan():
    notebook = nbformat.read(SOURCE, as_version=4)
    (today,) = [c for c in notebook.cells if is_agenda_cell(c)]
    assert today.source == agenda_slide(ninety_minute_plan()), (
        "the Today slide differs from the facilitator guide's 90-minute plan"
    )


def test_the_slides_open_every_block_in_the_guides_order():
    notebook = nbformat.read(SOURCE, as_version=4)
    assert slide_blocks(notebook) == [b.name for b in ninety_minute_plan()]
    agenda = next(i for i, c in enumerate(notebook.cells) if is_agenda_cell(c))
    first = next(i for i, c in enumerate(notebook.cells) if c.metadata.get("netcoach"))
    assert agenda < first, f"the {AGENDA_TITLE} slide comes before the first block"


def slide(title: str):
    """The cell of the slide titled ``title``, and the cells up to the next slide."""
    cells = nbformat.read(SOURCE, as_version=4).cells
    (start,) = [i for i, c in enumerate(cells) if c.source.startswith(f"## {title}\n")]
    rest = [
        c
        for c in cells[start + 1 :]
        if c.metadata.get("slideshow", {}).get("slide_type") in {"slide", "subslide"}
    ]
    end = cells.index(rest[0]) if rest else len(cells)
    return cells[start], cells[start + 1 : end]


def test_each_block_opens_on_a_slide_titled_with_the_blocks_name():
    """The room sees the agenda's words on the slide that starts each block."""
    notebook = nbformat.read(SOURCE, as_version=4)
    for cell in notebook.cells:
        block = cell.metadata.get("netcoach", {}).get("agenda_block")
        if block is not None:
            assert cell.source.split("\n", 1)[0] == f"## {block}", (block, cell.source[:40])


def test_the_why_network_slide_makes_the_blocks_point():
    """The guide's block: why contacts beat cold applications (chapter 1), not chapter 2."""
    why, _ = slide("Why network")
    assert "cold application" in why.source and "job board" in why.source
    assert "reach" not in why.source.split("\n", 1)[0]


def test_the_ground_rules_say_where_the_log_goes_and_how_to_name_people():
    rules, _ = slide("Welcome and ground rules")
    text = " ".join(rules.source.split())
    assert "Your log stays on your computer" not in text
    assert "hub's server" in text and "Binder" in text and "never your own log" in text
    assert "initials or a role" in text and "never a full name" in text


def test_the_close_slide_gives_the_courses_address_as_text():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    address = config["repository"]["url"].removeprefix("https://").rstrip("/")
    close, _ = slide("Close")
    assert address in close.source and "https://" not in close.source


@pytest.mark.parametrize(
    "title",
    ["Welcome and ground rules", "Share a summary (optional)", "The group's picture", "Close"],
)
def test_the_coachs_key_slides_carry_speaker_notes(title):
    _, after = slide(title)
    notes = [c for c in after if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    assert notes and len(" ".join(c.source for c in notes).split()) >= 15, f"{title}: no notes"


def test_a_changed_guide_changes_the_built_agenda(tmp_path):
    from netcoach.workshop_agenda import GUIDE

    guide = tmp_path / "guide.md"
    guide.write_text(
        GUIDE.read_text().replace("| 0:20 | Quick habits check", "| 0:25 | Quick habits check")
    )
    notebook = with_agenda(nbformat.read(SOURCE, as_version=4), guide)
    (today,) = [c for c in notebook.cells if is_agenda_cell(c)]
    assert "Why network (15 min)" in today.source and "Quick habits check (5 min)" in today.source


@pytest.mark.slow
@pytest.mark.parametrize("offline", [True, False])
def test_slides_build(tmp_path, offline):
    if offline and shutil.which("npm") is None:
        pytest.skip("npm is needed to copy reveal.js for offline slides")
    built = build_slides(out_dir=tmp_path, offline=offline)
    html = built.html.read_text(encoding="utf-8")
    assert built.html.name == "workshop.slides.html"
    titles = re.findall(r"<h2 id=\"[^\"]*\">(.*?)<a", html)
    for title in EXPECTED_TITLES:
        assert title in titles, f"missing slide {title!r}"
    assert html.count("<section") >= 15
    assert "Welcome and ground rules (10 min)" in html
    assert footer_licence() in html, "the built slides carry no licence line"
    assert "Reveal.initialize" in html
    assert 'class="notes"' in html or '<aside class="notes"' in html  # speaker notes kept
    loaded = re.findall(r'(?:src|href)="([^"#]+)"', html) + re.findall(
        r'"([^"]+/dist/reveal\.js)"', html
    )
    remote = [u for u in loaded if u.startswith(("http://", "https://", "//"))]
    if offline:
        assert built.offline and not remote, f"offline slides load {remote}"
        for url in loaded:
            assert (tmp_path / url).exists(), f"{url} was not copied next to the slides"
        assert (tmp_path / "reveal.js/reveal.js/plugin/notes/notes.js").exists()
    else:
        assert not built.offline and any("reveal.js" in u for u in remote)


@pytest.fixture(scope="module")
def offline_slides(tmp_path_factory):
    """The slides built once with reveal.js copied next to them (skipped without npm)."""
    out = tmp_path_factory.mktemp("slides")
    built = build_slides(out_dir=out, offline=True)
    if not built.offline:
        pytest.skip("npm is needed to copy reveal.js for offline slides")
    return built


def test_the_copied_reveal_js_imports_no_remote_css(offline_slides):
    """reveal.js's themes ``@import`` Google Fonts; the copied folder must not, or the
    slides reach for the network on every load."""
    folder = offline_slides.html.parent
    remote = re.compile(r"""@import\s+(?:url\(\s*)?["']?(?:https?:)?//""")
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in {".css", ".html", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if "fonts.googleapis.com" in text or remote.search(text):
                found.append(str(path.relative_to(folder)))
    assert not found, f"remote fonts or CSS imports in {sorted(found)}"
    themes = folder / "reveal.js/reveal.js/dist/theme"
    assert (themes / "simple.css").exists(), "the themes were not copied"
    assert "@import url(fonts/" in (themes / "white.css").read_text(), "local fonts kept"


def test_the_slides_call_mathjax_only_when_it_is_there(offline_slides):
    """The template drops MathJax, so an unguarded ``MathJax.Hub`` call on each slide
    change throws "MathJax is not defined"."""
    html = offline_slides.html.read_text(encoding="utf-8")
    scripts = "\n".join(re.findall(r"<script[^>]*>(.*?)</script>", html, re.S))
    slide = r"\(Reveal\.getCurrentSlide\(\)\)"
    guarded = re.compile(
        rf'if\(typeof MathJax !== "undefined" && MathJax\.Hub\.getAllJax{slide}\)\{{'
        rf"\s*MathJax\.Hub\.Rerender{slide};\s*\}}"
    )
    assert "typeof MathJax" in scripts
    assert "MathJax" not in guarded.sub("", scripts), "an unguarded MathJax call"
