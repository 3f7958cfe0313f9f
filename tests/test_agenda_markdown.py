"""The agenda reads the guide's 90-minute table after ordinary Markdown edits, and a row it
cannot read gets a message that says what is wrong with it, naming the row's block.

Before, a capitalised header, an escaped ``\\|`` in a cell or a time in bold was refused as
an unreadable row, and a bad time or a missing cell got one message quoting the whole row.
"""

from __future__ import annotations

import pytest

from netcoach.workshop_agenda import GUIDE, AgendaError, ninety_minute_plan

HEADER = "| time | block | learning goal | what happens |"
WHY = "| 0:10 | Why network |"


def edited_guide(tmp_path, *old_and_new: str):
    """A copy of the guide with each ``old`` replaced by the ``new`` after it."""
    text = GUIDE.read_text(encoding="utf-8")
    for old, new in zip(old_and_new[::2], old_and_new[1::2], strict=True):
        assert old in text, f"the guide no longer holds {old!r}"
        text = text.replace(old, new, 1)
    guide = tmp_path / "facilitator-guide.md"
    guide.write_text(text, encoding="utf-8")
    return guide


def test_the_header_may_be_capitalised(tmp_path):
    guide = edited_guide(tmp_path, HEADER, "| Time | Block | Learning goal | What happens |")
    assert ninety_minute_plan(guide) == ninety_minute_plan()


def test_the_divider_may_be_aligned(tmp_path):
    guide = edited_guide(tmp_path, HEADER + "\n|---|---|---|---|", HEADER + "\n|:--|:-|-|--:|")
    assert ninety_minute_plan(guide) == ninety_minute_plan()


def test_a_time_may_be_in_bold_or_italics(tmp_path):
    guide = edited_guide(tmp_path, WHY, "| **0:10** | Why network |", "| 0:20 |", "| _0:20_ |")
    blocks = ninety_minute_plan(guide)
    assert [(b.start, b.name) for b in blocks] == [(b.start, b.name) for b in ninety_minute_plan()]


def test_an_escaped_pipe_stays_in_its_cell(tmp_path):
    guide = edited_guide(tmp_path, WHY + " ", WHY + " each \\| or two. ")
    why = ninety_minute_plan(guide)[1]
    assert why.name == "Why network"
    assert why.goal.startswith("each | or two. ")


@pytest.mark.parametrize(
    ("new", "says"),
    [
        (
            "| 0:450 | Why network |",
            "the row for 'Why network': the time '0:450' is not like 0:45 (hours:minutes)",
        ),
        ("| ten past | Why network |", "the time 'ten past' is not like 0:45"),
    ],
)
def test_a_bad_time_is_named_with_its_block(tmp_path, new, says):
    guide = edited_guide(tmp_path, WHY, new)
    with pytest.raises(AgendaError) as err:
        ninety_minute_plan(guide)
    assert says in str(err.value)
    assert "cells" not in str(err.value)
    assert "Learners can say why" not in str(err.value), "the whole row is quoted"


def test_a_row_short_of_a_cell_says_how_many_it_has(tmp_path):
    text = GUIDE.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith(WHY))
    short = "|".join(row.split("|")[:4]) + "|"
    guide = edited_guide(tmp_path, row, short)
    with pytest.raises(AgendaError) as err:
        ninety_minute_plan(guide)
    assert "the row for 'Why network' has 3 cells, needs 4" in str(err.value)
    assert "is not like 0:45" not in str(err.value)
