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


def _built_with_reveal_js(out: Path) -> None:
    """Build the slides into ``out`` with reveal.js copied next to them (skipped without npm)."""
    if not build_slides(out_dir=out).offline:
        pytest.skip("npm is needed to copy reveal.js for offline slides")


@pytest.mark.parametrize("junk", [".DS_Store", "Thumbs.db", "desktop.ini"])
def test_a_file_managers_own_file_does_not_stop_a_rebuild(tmp_path: Path, junk: str) -> None:
    # Finder's .DS_Store in reveal.js/ used to refuse the rebuild as "files this command did
    # not copy there".
    _built_with_reveal_js(tmp_path)
    assets = tmp_path / ASSETS
    for folder in (assets, assets / "reveal.js", assets / "reveal.js" / "dist"):
        (folder / junk).write_bytes(b"\0\0\0\1Bud1")
    again = build_slides(out_dir=tmp_path)
    assert again.offline and (assets / "reveal.js" / "dist").is_dir()


def test_the_refusal_names_the_file_it_did_not_copy(tmp_path: Path) -> None:
    _built_with_reveal_js(tmp_path)
    own = tmp_path / ASSETS / "reveal.js" / "my-theme.css"
    own.write_text("/* mine */\n")
    (tmp_path / ASSETS / ".DS_Store").write_bytes(b"\0")
    with pytest.raises(SlidesError, match=r"did not copy there, such as reveal\.js/my-theme\.css,"):
        build_slides(out_dir=tmp_path)
    assert own.read_text() == "/* mine */\n"
