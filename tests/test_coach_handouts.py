"""The paper handouts the facilitator guide promises exist, and say what the tools say."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

import pytest

from netcoach.coach_handouts import (
    HANDOUT_MAKERS,
    HANDOUTS,
    NETWORK_MAP_FILE,
    QUICK_CHECK_FILE,
    main,
    map_description,
    network_map_svg,
    quick_check_html,
)
from netcoach.licence import CONTENT_LICENCE
from netcoach.quick_check_questions import ANSWERS, AREAS, QUESTIONS, WEAK_BELOW
from netcoach.schema import TIER_LABELS, TIERS
from netcoach.settings import DEFAULT_CADENCE_DAYS

ROOT = HANDOUTS.parent.parent  # the repository
SVG = "{http://www.w3.org/2000/svg}"
REMAKE = "run python -m netcoach.coach_handouts at the top of the clone"


@pytest.mark.parametrize("name", list(HANDOUT_MAKERS))
def test_the_committed_handouts_are_what_the_code_makes(name):
    path = HANDOUTS / name
    assert path.is_file(), f"{path} is missing: {REMAKE}"
    assert path.read_text(encoding="utf-8") == HANDOUT_MAKERS[name](), (
        f"{name} is out of date: {REMAKE}"
    )


def test_the_paper_quick_check_has_every_question_once_with_its_points():
    page = quick_check_html()
    for question in QUESTIONS:
        assert page.count(escape(question.text)) == 1, question.key
        row = page.split(escape(question.text), 1)[1].split("</tr>", 1)[0]
        points = [int(p) for p in re.findall(r'class="pts">(\d) point', row)]
        assert points == ([3, 2, 1, 0] if question.reverse else [0, 1, 2, 3]), question.key
    for area in AREAS:
        assert escape(area.title) in page and escape(area.advice) in page
    assert all(f'<th scope="col">{a}</th>' in page for a in ANSWERS)
    assert f"{len(QUESTIONS)} short questions" in page


def test_the_paper_quick_check_flags_the_same_weak_areas_as_the_widget():
    rows = re.findall(r'<td class="num">(\d+)</td><td class="num">(\d+)</td>', quick_check_html())
    assert len(rows) == len(AREAS)
    for (most, below), area in zip(rows, AREAS, strict=True):
        most, below = int(most), int(below)
        assert most == 3 * sum(q.area == area.key for q in QUESTIONS)
        assert round(100 * (below - 1) / most) < WEAK_BELOW <= round(100 * below / most)


def test_the_blank_map_has_a_ring_per_tier_and_alt_text():
    root = ET.fromstring(network_map_svg().split("\n", 1)[1])
    assert root.get("role") == "img" and root.get("aria-labelledby") == "map-title map-desc"
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text == map_description()
    assert len(root.findall(f"{SVG}circle")) == len(TIERS)
    words = " ".join(t.text for t in root.iter(f"{SVG}text"))
    for tier in TIERS:
        name = TIER_LABELS[tier].split(" (")[0]
        assert name in words and name in map_description()
        days = DEFAULT_CADENCE_DAYS[tier]
        assert (f"every {days} days" if days else "no reminder") in words
    assert "You" in words


def test_both_handouts_carry_the_course_licence():
    assert f'<p class="note">{escape(CONTENT_LICENCE)}</p>' in quick_check_html()
    lines = [t.text for t in ET.fromstring(network_map_svg().encode()).iter(f"{SVG}text")]
    assert " ".join(lines[-2:]) == CONTENT_LICENCE


def test_the_guide_and_live_notebooks_page_link_to_both_handouts():
    for page in ("facilitator-guide.md", "live-notebooks.md"):
        text = (ROOT / "book" / "coach" / page).read_text(encoding="utf-8")
        for name in (QUICK_CHECK_FILE, NETWORK_MAP_FILE):
            assert f"/coach/handouts/{name}>`" in text, f"{page} does not link to {name}"


def _untouched(folder):
    """The files in ``folder`` and when each last changed."""
    return {p: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_the_command_writes_into_the_current_folder_and_names_each_file(
    tmp_path, monkeypatch, capsys
):
    committed = _untouched(HANDOUTS)
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    out = capsys.readouterr().out
    for name in HANDOUT_MAKERS:
        path = tmp_path / name
        assert path.read_text(encoding="utf-8") == HANDOUT_MAKERS[name]()
        assert f"Wrote {path}\n" in out  # the full path, to find the file
    assert _untouched(HANDOUTS) == committed, "it wrote into the package's own folder"


def test_the_command_at_the_top_of_a_clone_remakes_the_committed_handouts(
    tmp_path, monkeypatch, capsys
):
    folder = tmp_path / "coach" / "handouts"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(HANDOUT_MAKERS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coach"]
    assert f"Wrote {folder / QUICK_CHECK_FILE}\n" in capsys.readouterr().out


def test_the_command_writes_where_out_says(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--out", "paper/day-1"]) == 0
    folder = tmp_path / "paper" / "day-1"
    assert sorted(p.name for p in folder.iterdir()) == sorted(HANDOUT_MAKERS)
    assert f"Wrote {folder / NETWORK_MAP_FILE}\n" in capsys.readouterr().out


def test_an_out_folder_that_is_a_file_is_refused_in_words(tmp_path, capsys):
    taken = tmp_path / "handouts.txt"
    taken.write_text("notes\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(taken)])
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"could not write the handouts into {taken}: ")
    assert "Traceback" not in err and taken.read_text(encoding="utf-8") == "notes\n"


def test_a_coachs_own_file_of_a_handouts_name_is_never_replaced(tmp_path, capsys):
    own = tmp_path / QUICK_CHECK_FILE
    own.write_text("<p>My own quick check, edited for my group</p>\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path)])
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert QUICK_CHECK_FILE in err and "nothing was written" in err and "Traceback" not in err
    assert own.read_text(encoding="utf-8") == "<p>My own quick check, edited for my group</p>\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [QUICK_CHECK_FILE]


def test_handouts_it_wrote_earlier_are_written_again(tmp_path, capsys):
    assert main(["--out", str(tmp_path)]) == 0
    (tmp_path / NETWORK_MAP_FILE).write_text(
        network_map_svg().replace("Start with twenty", "Start with ten"), encoding="utf-8"
    )  # an earlier version of the map
    assert main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / NETWORK_MAP_FILE).read_text(encoding="utf-8") == network_map_svg()


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_out_is_refused_and_nothing_is_written(tmp_path, monkeypatch, capsys, blank):
    # --out "" used to be taken as no --out: the handouts went into the current folder.
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["--out", blank])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--out is empty: give a folder, like coach/handouts (nothing was written)" in err
    assert list(tmp_path.iterdir()) == []
