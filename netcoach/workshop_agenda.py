"""The 90-minute workshop's plan, read from the facilitator guide, for the slides' agenda.

The table under ``## 90-minute workshop`` in ``book/coach/facilitator-guide.md`` is the one
source of truth: :func:`ninety_minute_plan` reads its blocks (start time, name, goal, what
happens), and :func:`agenda_slide` writes the slides' *Today* slide from them, with each
block's length in minutes. :func:`with_agenda` puts that slide into the slides notebook
when the slides are built (:mod:`netcoach.slides`), so a change to the guide reaches the
slides. :func:`slide_blocks` lists the blocks the slides open, in slide order, so a test
can check that the slides run in the guide's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "book" / "coach" / "facilitator-guide.md"
TOTAL_MINUTES = 90
HEADING = f"## {TOTAL_MINUTES}-minute workshop"
AGENDA_TITLE = "Today"

BLOCK_KEY = "agenda_block"
"""In the slides, a slide that opens a block has ``{"netcoach": {BLOCK_KEY: block name}}``
in its cell metadata, so a test can check the slides run in the guide's order."""


@dataclass(frozen=True)
class Block:
    """One row of the plan: when it starts and how long it runs, in minutes."""

    start: int
    minutes: int
    name: str
    goal: str
    what: str


def _minutes(clock: str) -> int:
    hours, minutes = clock.strip().split(":")
    return 60 * int(hours) + int(minutes)


def ninety_minute_plan(guide: str | Path = GUIDE) -> list[Block]:
    """The blocks of the guide's 90-minute table, in order, each with its length."""
    text = Path(guide).read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if re.match(r"\|\s*\d+:\d\d\s*\|", line)
    ]
    starts = [_minutes(row[0]) for row in rows] + [TOTAL_MINUTES]
    return [
        Block(start, end - start, row[1], row[2], row[3])
        for start, end, row in zip(starts, starts[1:], rows, strict=False)
    ]


def agenda_slide(blocks: list[Block]) -> str:
    """The Markdown of the *Today* slide: each block and its length."""
    items = [
        f"{i}. {b.name[:-1]}, {b.minutes} min)"
        if b.name.endswith(")")
        else f"{i}. {b.name} ({b.minutes} min)"
        for i, b in enumerate(blocks, 1)
    ]
    return "\n".join([f"## {AGENDA_TITLE}", "", *items])


def is_agenda_cell(cell: Any) -> bool:
    """Whether a notebook cell is the *Today* slide."""
    return cell.cell_type == "markdown" and cell.source.startswith(f"## {AGENDA_TITLE}\n")


def with_agenda(notebook: Any, guide: str | Path = GUIDE) -> Any:
    """``notebook`` with its *Today* slide written from the guide's plan (changed in place)."""
    cells = [c for c in notebook.cells if is_agenda_cell(c)]
    if len(cells) != 1:
        raise ValueError(f"the slides need exactly one '## {AGENDA_TITLE}' slide")
    cells[0].source = agenda_slide(ninety_minute_plan(guide))
    return notebook


def slide_blocks(notebook: Any) -> list[str]:
    """The block each opening slide starts, in the order of the slides."""
    return [
        c.metadata["netcoach"][BLOCK_KEY]
        for c in notebook.cells
        if BLOCK_KEY in c.metadata.get("netcoach", {})
    ]
