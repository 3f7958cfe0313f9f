"""`netcoach slides --out DIR` replaces only what it made there: before, it deleted any
`DIR/reveal.js/` folder (a user's own reveal.js work with it) and wrote over any
`DIR/workshop.slides.html`, whatever it held."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netcoach.slides import ASSETS, SlidesError, build_slides


def _run(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "netcoach", "slides", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_reveal_js_folder_of_the_users_own_is_left_alone(tmp_path: Path) -> None:
    own = tmp_path / ASSETS / "my-changes.md"
    own.parent.mkdir()
    own.write_text("my own reveal.js fork work\n")
    done = _run(tmp_path)
    assert done.returncode == 2, done.stderr
    assert "holds files this command did not copy there" in done.stderr
    assert "Traceback" not in done.stderr
    assert own.read_text() == "my own reveal.js fork work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [ASSETS]


def test_an_html_file_of_the_users_own_is_not_written_over(tmp_path: Path) -> None:
    talk = tmp_path / "workshop.slides.html"
    talk.write_text("my talk\n")
    with pytest.raises(SlidesError, match="is not a slides file made by this command"):
        build_slides(out_dir=tmp_path, offline=False)
    assert talk.read_text() == "my talk\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workshop.slides.html"]


def test_slides_built_before_are_rebuilt_in_place(tmp_path: Path) -> None:
    first = build_slides(out_dir=tmp_path, offline=False)
    first.html.write_text(first.html.read_text(encoding="utf-8") + "<!-- old -->")
    again = build_slides(out_dir=tmp_path, offline=False)
    assert again.html == first.html
    assert "<!-- old -->" not in again.html.read_text(encoding="utf-8")
