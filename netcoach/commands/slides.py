"""``netcoach slides``: build the workshop slides (reveal.js) from their notebook."""

from __future__ import annotations

import argparse
import sys

from netcoach.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    from netcoach.slides import DEFAULT_OUT, SOURCE

    parser = sub.add_parser(
        "slides",
        help="build the workshop slides (reveal.js) from coach/slides/workshop.ipynb",
        description="Build the coach's workshop slides with nbconvert's reveal.js exporter. "
        "reveal.js is copied next to the slides from the npm registry, so they work offline; "
        "without npm they load it from a CDN.",
    )
    parser.add_argument("--source", default=str(SOURCE), help="the slides notebook")
    parser.add_argument(
        "--out", default=str(DEFAULT_OUT), metavar="DIR", help="default _build/slides"
    )
    parser.add_argument(
        "--online", action="store_true", help="load reveal.js from a CDN instead of copying it"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.slides import ASSETS, SlidesError, build_slides
    from netcoach.workshop_agenda import AgendaError

    try:
        built = build_slides(args.source, args.out, offline=not args.online)
    except (SlidesError, AgendaError) as err:
        raise CommandError(str(err)) from None
    if built.offline:
        where = (
            f"works offline; to move them, copy the whole folder {built.html.parent}, "
            f"with its {ASSETS}/ folder, not only the HTML file"
        )
    else:
        where = "loads reveal.js from the internet"
    print(f"Wrote the slides to {built.html} ({where})", file=sys.stderr)
    return EXIT_OK
