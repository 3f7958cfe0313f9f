"""The facilitator guide and the privacy rules say what the toolkit really does.

The half-day agenda's blocks have room for the activities they name; the guide never
names the slides' HTML file without saying to copy the whole folder; the privacy rules do
not promise that a log never leaves the learner's computer (on a hub it is uploaded), and
they set out one cohort view per session and a way to hand in summaries without names.
"""

from __future__ import annotations

import re

import pytest

from netcoach.workshop_agenda import GUIDE

PRIVACY = GUIDE.parent / "privacy.md"
HALF_DAY = "## Half-day workshop"
HALF_DAY_MINUTES = 3 * 60 + 30


def words(path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def section(heading: str) -> str:
    return GUIDE.read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]


def activity_minutes() -> dict[str, int]:
    """Each activity under "Activities for pairs and groups" and its minutes."""
    found = re.findall(r"\*\*(.+?) \([^)]*?(\d+) minutes\)\.\*\*", section("## Activities"))
    return {name.lower(): int(minutes) for name, minutes in found}


def half_day_blocks() -> list[tuple[str, int, str]]:
    """Each half-day block: its name, its minutes and what happens."""
    rows = re.findall(r"^\| (\d+):(\d\d) \| (.*?) \| .*? \| (.*?) \|$", section(HALF_DAY), re.M)
    starts = [60 * int(h) + int(m) for h, m, _, _ in rows] + [HALF_DAY_MINUTES]
    return [
        (row[2], end - start, row[3])
        for start, end, row in zip(starts, starts[1:], rows, strict=False)
    ]


def test_the_half_day_blocks_run_up_to_three_and_a_half_hours():
    blocks = half_day_blocks()
    assert len(blocks) >= 10 and all(minutes > 0 for _, minutes, _ in blocks)
    assert sum(minutes for _, minutes, _ in blocks) == HALF_DAY_MINUTES


def test_each_half_day_block_has_room_for_the_activities_it_names():
    activities = activity_minutes()
    assert {"thank-you sprint", "lead drill", "six ways to give"} <= set(activities)
    for name, minutes, what in half_day_blocks():
        named = [a for a in activities if a in what.lower()]
        needed = sum(activities[a] for a in named)
        assert needed <= minutes, f"{name}: {minutes} minutes for {named} ({needed} minutes)"


def test_wherever_the_guide_names_the_slides_it_says_to_copy_the_whole_folder():
    text = words(GUIDE)
    assert "workshop.slides.html" not in text, "name the folder, not the file"
    assert text.count("the whole `_build/slides/` folder") >= 2


@pytest.mark.parametrize(
    "untrue",
    [
        "What never leaves the learner's computer",
        "Nothing is sent anywhere",
        "(or in their own session on a JupyterHub or Binder)",
    ],
)
def test_the_privacy_rules_promise_nothing_a_hub_breaks(untrue):
    assert untrue not in words(PRIVACY)


def test_the_privacy_rules_say_where_the_log_goes_and_how_to_hand_in_summaries():
    text = words(PRIVACY)
    assert "uploads it to that server" in text and "never their own log" in text
    assert "initials or a role" in text and "Use a sample learner for group work" in text
    assert "One view per session" in text and "USB stick" in text
    assert "email or a chat message shows who sent it" in text


def test_the_guide_collects_summaries_without_names_and_shows_one_view():
    text = words(GUIDE)
    assert "## Collecting summaries" in GUIDE.read_text(encoding="utf-8")
    assert "drop box" in text and "Not email or chat" in text
    assert "Summaries sent before the day are already in" not in text
    assert "or their own. For each" not in text, "group work uses a sample learner"
    assert "Put the hub link on the first slide" not in text
