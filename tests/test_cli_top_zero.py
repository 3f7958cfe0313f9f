"""``netcoach score --top 0`` prints the scores only, and says the next actions are there.

0 is a value the command accepts on purpose (``--top must be 0 or more``; see also
``test_top_0_does_not_say_nothing_is_overdue``), so it is explained, not refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from netcoach.cli import EXIT_BAD_INPUT, main

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def _next_actions(out: str) -> list[str]:
    """The lines of the next-actions section, heading first, up to the blank line."""
    lines = out.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Next actions"))
    return lines[start : lines.index("", start)]


def test_top_0_says_the_actions_are_there_and_how_to_list_them(capsys) -> None:
    assert main(["score", str(SAMPLES / "graduate"), "--top", "0"]) == 0
    section = _next_actions(capsys.readouterr().out)
    assert re.fullmatch(r"Next actions \(top 0 of [1-9]\d*\)", section[0])
    assert section[1:] == [
        "  None listed (--top 0 asks for none); use --top 10 to see the first ten."
    ]


def test_top_1_lists_one_and_no_note(capsys) -> None:
    assert main(["score", str(SAMPLES / "graduate"), "--top", "1"]) == 0
    section = _next_actions(capsys.readouterr().out)
    assert section[0].startswith("Next actions (top 1 of ")
    assert section[1].startswith("  1. ") and "None listed" not in "\n".join(section)


def test_a_negative_top_is_still_refused(capsys) -> None:
    assert main(["score", str(SAMPLES / "graduate"), "--top", "-1"]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == "netcoach: --top must be 0 or more\n"
