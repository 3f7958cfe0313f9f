"""Paper handouts for a workshop: the quick habits check and a blank network map.

Some learners have no laptop, or would rather not use one. The facilitator guide promises
them paper, and this module makes it, from the same data as the tools, so the paper never
drifts from the screen:

- :func:`quick_check_html` prints every question of :mod:`netcoach.quick_check_questions`,
  grouped by area, with a tick box per answer and the points each answer scores (reversed
  questions count down, as in the widget), then a table to add up each area and the
  chapter to read when an area is below :data:`~netcoach.quick_check_questions.WEAK_BELOW`;
- :func:`network_map_svg` draws four rings around "You", one per tier of
  :data:`netcoach.schema.TIERS`, labelled with the tier and how often to keep in touch
  (:data:`netcoach.settings.DEFAULT_CADENCE_DAYS`), with a title and a description for
  screen readers.

:func:`write_handouts` writes both into a folder. ``python -m netcoach.coach_handouts``
writes them into ``coach/handouts/`` when run at the top of a clone of the course (where the
book links to them; a test checks that the files there are what this module makes), else
into the current folder, or into ``--out DIR``; it prints the full path of each file.
"""

from __future__ import annotations

import argparse
import re
from html import escape
from pathlib import Path

from netcoach.atomic_files import read_at_most
from netcoach.licence import CONTENT_LICENCE
from netcoach.plots import BLUE, GREEN, ORANGE, SKY
from netcoach.quick_check_questions import (
    ANSWERS,
    AREAS,
    QUESTIONS,
    WEAK_BELOW,
    Area,
    Question,
    points,
    score_answers,
)
from netcoach.schema import TIER_LABELS, TIERS
from netcoach.settings import DEFAULT_CADENCE_DAYS
from netcoach.slides import blank_option

HANDOUTS = Path(__file__).resolve().parent.parent / "coach" / "handouts"
QUICK_CHECK_FILE = "quick-check.html"
NETWORK_MAP_FILE = "network-map.svg"

MAP_TITLE = "My network map"
QUICK_CHECK_TITLE = "Quick habits check (paper copy)"


_STYLE = """
  body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4;
         color: #000; max-width: 48em; margin: 1.5em auto; padding: 0 1em; }
  h1 { font-size: 18pt; margin: 0 0 .2em; }
  h2 { font-size: 12.5pt; margin: 1.1em 0 .3em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #555; padding: .35em .4em; vertical-align: top; }
  th { background: #eee; text-align: left; }
  td.num { text-align: center; }
  td.box { text-align: center; width: 5.2em; white-space: nowrap; }
  .tick { display: inline-block; width: 1em; height: 1em; border: 1.5px solid #000; }
  .pts { display: block; font-size: 9pt; }
  .note { font-size: 10pt; }
  tr, h2 { page-break-inside: avoid; break-inside: avoid; }
  @page { size: A4; margin: 14mm; }
  @media print { body { margin: 0; max-width: none; } }
"""


def _points(question: Question) -> list[int]:
    """The points of each answer, Never to Always, as the widget scores them."""
    return [points(question, answer) for answer in ANSWERS]


def _boxes(question: Question) -> str:
    """A tick box per answer, with the points it scores underneath."""
    return "".join(
        f'<td class="box"><span class="tick"></span>'
        f'<span class="pts">{p} {"point" if p == 1 else "points"}</span></td>'
        for p in _points(question)
    )


def _most(area: str) -> int:
    return (len(ANSWERS) - 1) * sum(q.area == area for q in QUESTIONS)


def _weak_below_points(area: str) -> int:
    """The fewest points at which ``area`` is not weak, as the widget scores it."""
    answers = [q for q in QUESTIONS if q.area == area]
    for total in range(_most(area) + 1):
        points, left = {}, total
        for q in answers:  # spread ``total`` points over the area's questions
            p = min(left, len(ANSWERS) - 1)
            points[q.key] = ANSWERS[len(ANSWERS) - 1 - p if q.reverse else p]
            left -= p
        if score_answers(points)[area] >= WEAK_BELOW:
            return total
    return _most(area) + 1


def _chapter(area: Area) -> str:
    return f"Chapter {int(Path(area.chapter).name[:2])}"


def quick_check_html() -> str:
    """A printable page of the quick habits check, made from its questions and areas."""
    head = "".join(f'<th scope="col">{a}</th>' for a in ANSWERS)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{QUICK_CHECK_TITLE}</title>",
        f"<style>{' '.join(_STYLE.split())}</style>",
        "</head>",
        "<body>",
        "<h1>Quick habits check</h1>",
        f"<p>{len(QUESTIONS)} short questions, about five minutes. For each one, tick how "
        "often it is true for you. There are no right answers, and nobody else needs to see "
        "this sheet.</p>",
    ]
    for number, area in enumerate(AREAS, 1):  # one line per area, easy to diff
        rows = "".join(
            f"<tr><td>{escape(q.text)}</td>{_boxes(q)}</tr>"
            for q in QUESTIONS
            if q.area == area.key
        )
        parts.append(
            f"<h2>{number}. {escape(area.title)}</h2><table><thead><tr>"
            f'<th scope="col">How often is this true?</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    rows = "".join(
        f'<tr><td>{escape(a.title)}</td><td></td><td class="num">{_most(a.key)}</td>'
        f'<td class="num">{_weak_below_points(a.key)}</td>'
        f"<td>{_chapter(a)}, <em>{escape(a.chapter_title)}</em>. {escape(a.advice)}</td></tr>"
        for a in AREAS
    )
    parts += [
        "<h2>Add up your points</h2>",
        "<p>Under each box you ticked is its points. Add them up for each area. If your "
        "points for an area are below the number in the fourth column, the chapter in the "
        "last column is a good place to start.</p>",
        "<table>",
        '<thead><tr><th scope="col">Area</th><th scope="col">Your points</th>'
        '<th scope="col">Out of</th><th scope="col">Below this, read on</th>'
        '<th scope="col">Chapter, and one thing to try</th></tr></thead>',
        f"<tbody>{rows}</tbody>",
        "</table>",
        '<p class="note">Network Coach: the same questions as the Quick habits check notebook '
        "(<code>notebooks/quick-check.ipynb</code>).</p>",
        f'<p class="note">{escape(CONTENT_LICENCE)}</p>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _cadence(tier: str) -> str:
    days = DEFAULT_CADENCE_DAYS[tier]
    return "no reminder" if days is None else f"in touch every {days} days"


def _tier_lines(tier: str) -> tuple[str, str, str]:
    """The tier's name, its rough size and its cadence, e.g. ``Close``, ``about 15``."""
    name, _, size = TIER_LABELS[tier].partition(" (")
    return name, size.removesuffix(")"), _cadence(tier)


def map_description() -> str:
    """The map's alt text: what is on the page, ring by ring."""
    rings = "; ".join(", ".join(_tier_lines(t)) for t in TIERS)
    return (
        f"A blank network map to fill in by hand: {len(TIERS)} rings around the word You. "
        f"From the centre out: {rings}. Write each person's name or initials in the ring "
        "that fits them."
    )


def _text(x: float, y: float, size: float, words: str, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size:g}"{weight} text-anchor="middle">'
        f"{escape(words)}</text>"
    )


def network_map_svg() -> str:
    """A blank network map for A4 paper: four labelled rings around "You", with alt text."""
    width, height, cx, cy = 210, 297, 105, 150
    radii = (30, 52, 75, 98)  # inner to outer, in millimetres on A4
    tints = (BLUE, GREEN, ORANGE, SKY)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="map-title map-desc" '
        'font-family="Arial, Helvetica, sans-serif">',
        f'<title id="map-title">{MAP_TITLE}</title>',
        f'<desc id="map-desc">{escape(map_description())}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        _text(cx, 20, 9, MAP_TITLE, bold=True),
        _text(cx, 30, 4.2, "Write each person's name or initials in the ring that fits them."),
        _text(cx, 36, 4.2, "Start with twenty people. Nobody else needs to see this page."),
    ]
    for r, tint in zip(reversed(radii), reversed(tints), strict=True):
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{tint}" fill-opacity="0.10" '
            'stroke="#000000" stroke-width="0.5"/>'
        )
    name, size, cadence = _tier_lines(TIERS[0])
    parts += [
        _text(cx, cy - 20, 3.6, name, bold=True),
        _text(cx, cy - 15.5, 3.2, size),
        _text(cx, cy + 2.5, 7, "You", bold=True),
        _text(cx, cy + 13, 3.2, cadence),
    ]
    for tier, inner, r in zip(TIERS[1:], radii[:-1], radii[1:], strict=True):
        name, size, cadence = _tier_lines(tier)
        y = cy - (r + inner) / 2 - 4
        parts += [
            _text(cx, y, 3.6, name, bold=True),
            _text(cx, y + 4.2, 3.2, size),
            _text(cx, y + 8.4, 3.2, cadence),
        ]
    parts += [
        _text(cx, height - 36, 3.6, "Who did you leave out? Old colleagues, neighbours,"),
        _text(cx, height - 31, 3.6, "people from a club, a course or a place of worship."),
        _text(cx, height - 23, 3.6, "When you are ready, copy the names into contacts.csv"),
        _text(cx, height - 18, 3.6, "(chapter 3, Mapping your network)."),
        *(  # two short lines, clear of the edge a printer cannot reach
            _text(cx, height - 11 + 3.4 * i, 2.4, line)
            for i, line in enumerate(re.split(r"(?<=\.) ", CONTENT_LICENCE, maxsplit=1))
        ),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


HANDOUT_MAKERS = {QUICK_CHECK_FILE: quick_check_html, NETWORK_MAP_FILE: network_map_svg}


HANDOUT_MARKERS = {
    QUICK_CHECK_FILE: f"<title>{QUICK_CHECK_TITLE}</title>",
    NETWORK_MAP_FILE: f'<title id="map-title">{MAP_TITLE}</title>',
}
"""A line each handout has carried in every version: how a file of that name is known to be
one this module wrote (and so may be written again)."""
HANDOUT_MOST_BYTES = 1_000_000
"""Each handout is a few tens of kilobytes; a far larger file is something else."""


class NotOurHandout(FileExistsError):
    """A file of a handout's name is there, and this module did not write it."""


def is_our_handout(path: Path) -> bool:
    """Whether ``path`` (named as one of :data:`HANDOUT_MAKERS`) is a handout this module
    wrote, now or in an earlier version."""
    text = read_at_most(path, HANDOUT_MOST_BYTES)
    return text is not None and HANDOUT_MARKERS[path.name].encode() in text


def other_files_in_the_way(out_dir: Path) -> list[Path]:
    """The files in ``out_dir`` that writing the handouts would replace but that this module
    did not write (a coach's own page of the same name, say)."""
    paths = (out_dir / name for name in HANDOUT_MAKERS)
    return [path for path in paths if path.exists() and not is_our_handout(path)]


def write_handouts(out_dir: str | Path = HANDOUTS) -> list[Path]:
    """Write the paper quick check and the blank map into ``out_dir``. A file of the same
    name is replaced only when it is an earlier handout: else :class:`NotOurHandout`, and
    nothing is written."""
    out_dir = Path(out_dir)
    in_the_way = other_files_in_the_way(out_dir)
    if in_the_way:
        names = " and ".join(path.name for path in in_the_way)
        raise NotOurHandout(
            f"{out_dir} already holds {names}, not made by Network Coach; move "
            f"{'it' if len(in_the_way) == 1 else 'them'} or choose another --out folder "
            "(nothing was written)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in HANDOUT_MAKERS.items():
        path = out_dir / name
        path.write_text(make(), encoding="utf-8")
        written.append(path)
    return written


CLONE_HANDOUTS = Path("coach", "handouts")
"""Where the handouts live in a clone of the course, from its top folder."""


def default_out_dir() -> Path:
    """``coach/handouts`` at the top of a clone of the course, else the current folder:
    never the folder of the installed package."""
    return CLONE_HANDOUTS if CLONE_HANDOUTS.is_dir() else Path()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the workshop's paper handouts (the quick check and a blank "
        "network map) and print where they are."
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="folder to write into (made if missing; default: coach/handouts at the top of "
        "a clone of the course, else the current folder)",
    )
    args = parser.parse_args(argv)
    blank = blank_option("--out", args.out, f"a folder, like {CLONE_HANDOUTS.as_posix()}")
    if blank:
        parser.exit(2, f"could not write the handouts: {blank}\n")
    out_dir = default_out_dir() if args.out is None else Path(args.out)
    try:
        written = write_handouts(out_dir)
    except NotOurHandout as err:  # a coach's own file: never written over
        parser.exit(1, f"could not write the handouts: {err}\n")
    except OSError as err:
        parser.exit(1, f"could not write the handouts into {out_dir}: {err.strerror or err}\n")
    for path in written:
        print(f"Wrote {path.resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
