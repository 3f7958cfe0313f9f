"""The 90-minute workshop's plan, read from the facilitator guide, for the slides' agenda.

The table under ``## 90-minute workshop`` in ``book/coach/facilitator-guide.md`` is the one
source of truth: :func:`ninety_minute_plan` reads its blocks (start time, name, goal, what
happens), and :func:`agenda_slide` writes the slides' *Today* slide from them, with each
block's length in minutes. :func:`with_agenda` puts that slide into the slides notebook
when the slides are built (:mod:`netcoach.slides`), so a change to the guide reaches the
slides. :func:`slide_blocks` lists the blocks the slides open, in slide order, so a test
can check that the slides run in the guide's order.

The table's first row is its header and the row of dashes under it its divider, whatever
their words; a cell may hold an escaped ``\\|``, and a time may be in bold (``**0:10**``).
A table the slides cannot follow raises :class:`AgendaError`, naming the guide and the
row's block: a row whose time is not like ``0:45``, a row without four cells, start
times that do not run up from ``0:00``, or a block that starts at or after the 90th
minute. Such a table would otherwise give a block of no or negative minutes, or drop a row
without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "book" / "coach" / "facilitator-guide.md"
TOTAL_MINUTES = 90
HEADING = f"## {TOTAL_MINUTES}-minute workshop"
AGENDA_TITLE = "Today"

TIME = re.compile(r"(\d+):([0-5]\d)")
"""A block's start time, such as ``0:45`` (hours:minutes)."""
COLUMNS = ("time", "block", "learning goal", "what happens")
CELL_BORDER = re.compile(r"(?<!\\)\|")
"""A ``|`` between cells: one not escaped as ``\\|``."""
DIVIDER = re.compile(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?")
"""The line under a table's header, such as ``|---|:--|``."""

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


class AgendaError(ValueError):
    """The guide's 90-minute table cannot be turned into the slides' agenda."""


def _shown(guide: Path) -> str:
    """The guide's path as a coach would look for it: from the top of the course if inside."""
    try:
        return str(guide.resolve().relative_to(ROOT))
    except ValueError:
        return str(guide)


def _cells(line: str) -> list[str]:
    """The cells of a table row, split on ``|`` but not on an escaped ``\\|`` (which is
    a ``|`` in the cell's text)."""
    cells = CELL_BORDER.split(line.strip())[1:]  # [0] is before the row's opening |
    if cells and not cells[-1].strip():
        cells.pop()  # after the row's closing |
    return [cell.strip().replace("\\|", "|") for cell in cells]


def _rows(section: str, where: str) -> list[tuple[int, list[str]]]:
    """Each row of the table in ``section``: its start in minutes and its cells.

    The table's first line is its header and the line of dashes under it its divider,
    whatever they say; each row after them starts with a time such as ``0:45`` (which may
    be in bold or italics) and has four cells."""
    rows = []
    table = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]
    for number, line in enumerate(table):
        if number == 0 or (number == 1 and DIVIDER.fullmatch(line)):
            continue  # the header, and the line under it
        cells = _cells(line)
        block = f"the row for {cells[1]!r}" if len(cells) > 1 else f"the row {line!r}"
        time = cells[0].strip("*_ ") if cells else ""
        match = TIME.fullmatch(time)
        if match is None:
            raise AgendaError(
                f"{where}: {block}: the time {time!r} is not like 0:45 (hours:minutes)"
            )
        if len(cells) != len(COLUMNS):
            raise AgendaError(
                f"{where}: {block} has {len(cells)} cells, needs {len(COLUMNS)} "
                f"({', '.join(COLUMNS)})"
            )
        rows.append((60 * int(match[1]) + int(match[2]), [time, *cells[1:]]))
    return rows


def ninety_minute_plan(guide: str | Path = GUIDE) -> list[Block]:
    """The blocks of the guide's 90-minute table, in order, each with its length.

    Raises :class:`AgendaError` for a table the slides cannot follow, and
    :class:`FileNotFoundError` when there is no guide."""
    guide = Path(guide)
    where = f"{_shown(guide)}, {HEADING.lstrip('# ')} table"
    text = guide.read_text(encoding="utf-8")
    if HEADING not in text:
        raise AgendaError(f"{_shown(guide)} has no '{HEADING}' section for the slides' agenda")
    rows = _rows(text.split(HEADING, 1)[1].split("\n## ", 1)[0], where)
    if not rows:
        raise AgendaError(f"{where}: no rows with a start time such as 0:45")
    if rows[0][0] != 0:
        raise AgendaError(f"{where}: the first block must start at 0:00, not {rows[0][1][0]}")
    for (before, earlier), (start, cells) in pairwise(rows):
        if start <= before:
            raise AgendaError(
                f"{where}: the row starting {cells[0]} ({cells[1]}) must start after "
                f"{earlier[0]} ({earlier[1]}); the times must run up"
            )
    start, cells = rows[-1]
    if start >= TOTAL_MINUTES:
        raise AgendaError(
            f"{where}: the row starting {cells[0]} ({cells[1]}) starts at or after the end of "
            f"the {TOTAL_MINUTES} minutes; each block must start before "
            f"{TOTAL_MINUTES // 60}:{TOTAL_MINUTES % 60:02d}"
        )
    starts = [start for start, _ in rows] + [TOTAL_MINUTES]
    return [
        Block(start, end - start, row[1], row[2], row[3])
        for start, end, (_, row) in zip(starts, starts[1:], rows, strict=False)
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
        raise AgendaError(f"the slides need exactly one '## {AGENDA_TITLE}' slide")
    cells[0].source = agenda_slide(ninety_minute_plan(guide))
    return notebook


def slide_blocks(notebook: Any) -> list[str]:
    """The block each opening slide starts, in the order of the slides."""
    return [
        c.metadata["netcoach"][BLOCK_KEY]
        for c in notebook.cells
        if BLOCK_KEY in c.metadata.get("netcoach", {})
    ]
