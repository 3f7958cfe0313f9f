"""The workshop slides build with nbconvert's reveal.js exporter, with the expected slides."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from netcoach.slides import SOURCE, build_slides

EXPECTED_TITLES = (
    "Today",
    "Ground rules",
    "Quick habits check",
    "Score a network",
    "Habit 1: give first",
    "Habit 2: a face and a voice",
    "Habit 3: follow up, say thanks, keep in touch",
    "Share an anonymous summary (optional)",
    "Your next 30 days",
)


def test_source_cells_carry_slide_metadata():
    notebook = nbformat.read(SOURCE, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in notebook.cells]
    assert all(k in {"slide", "subslide", "fragment", "notes", "skip", "-"} for k in kinds)
    assert kinds.count("slide") >= 10
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")


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
    assert html.count("<section") >= 14
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
