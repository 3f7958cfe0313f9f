"""``netcoach cohort DIR``: the coach's view of a folder of anonymous learner summaries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netcoach.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "cohort",
        help="summarise a folder of learner summaries for a workshop (groups of 5 or more)",
        description="Read every .json summary in DIR, skip bad or duplicate files (named on "
        "stderr), and print median scores, the commonest gaps and a suggested "
        "workshop focus. Nothing is shown for fewer than five learners.",
    )
    parser.add_argument("folder", metavar="DIR", help="the folder of summary .json files")
    parser.add_argument(
        "--handout", metavar="FILE", help="also write a one-page HTML handout for the room"
    )
    parser.add_argument(
        "--title", default=None, help="the handout's title (default: a group snapshot)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.cohort import cohort_view, load_cohort, skipped_text, view_text

    try:
        cohort = load_cohort(args.folder)
    except FileNotFoundError as err:
        raise CommandError(str(err)) from None
    view = cohort_view(cohort)
    sys.stdout.write(view_text(view))
    sys.stderr.write(skipped_text(view))
    if args.handout:
        from netcoach.cohort_handout import DEFAULT_TITLE, write_handout
        from netcoach.commands.output_paths import refuse_log_file

        path = Path(args.handout)
        refuse_log_file("--handout", path, args.folder, "handout.html")
        if path.is_dir():
            raise CommandError(f"--handout {path}: this is a folder; give a file name")
        try:
            write_handout(view, path, args.title or DEFAULT_TITLE)
        except OSError as err:
            raise CommandError(f"--handout {path}: could not write it ({err.strerror})") from None
        print(f"Wrote the handout to {path}", file=sys.stderr)
    return EXIT_OK
