"""``netcoach cohort DIR``: the coach's view of a folder of anonymous learner summaries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.cli import EXIT_OK, CommandError

if TYPE_CHECKING:
    from netcoach.cohort import Cohort


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "cohort",
        help="summarise a folder of learner summaries for a workshop (groups of 5 or more)",
        description="Read every .json summary in DIR, skip bad or duplicate files (named on "
        "stderr), count only the summaries of the month most were made for, and print median "
        "scores, the commonest gaps and a suggested workshop focus. Nothing is shown for fewer "
        "than five learners.",
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

    if args.handout is not None and not args.handout.strip():
        raise CommandError(
            "--handout: the file name is empty; give a name that ends in .html, like "
            "handout.html, or leave --handout out (nothing was written)"
        )
    if args.handout:  # checked first: a refused handout leaves everything as it was
        refuse_handout_path(Path(args.handout), Path(args.folder))
    try:
        cohort = load_cohort(args.folder)
    except (FileNotFoundError, NotADirectoryError) as err:
        raise CommandError(str(err)) from None
    view = cohort_view(cohort)
    if cohort.size == 0 and not any(_held_back(n.reason) for n in cohort.notes):
        view.notes = [n for n in view.notes if n.file != str(Path(args.folder))]  # (said below)
        sys.stderr.write(skipped_text(view))
        raise CommandError(_nothing_read(args.folder, cohort, bool(args.handout)))
    sys.stdout.write(view_text(view))
    sys.stderr.write(skipped_text(view))
    if args.handout:
        from netcoach.cohort_handout import DEFAULT_TITLE, write_handout

        path = Path(args.handout)
        try:
            write_handout(view, path, args.title or DEFAULT_TITLE)
        except FileExistsError as err:  # a page of the coach's own: never written over
            raise CommandError(f"--handout {err}") from None
        except OSError as err:
            raise CommandError(f"--handout {path}: could not write it ({err.strerror})") from None
        print(f"Wrote the handout to {path}", file=sys.stderr)
    return EXIT_OK


def _held_back(reason: str) -> bool:
    """Whether a note is about a summary that was read but not counted (an empty log's)."""
    from netcoach.cohort import EMPTY_SUMMARY_NOTE

    return reason == EMPTY_SUMMARY_NOTE


def _nothing_read(folder: str, cohort: Cohort, handout: bool) -> str:
    """Why the command stops when not one summary could be read in ``folder`` (and that no
    handout was written, when one was asked for)."""
    if not cohort.problems:  # no .json file at all: the note says what the folder holds
        reasons = [n.reason for n in cohort.notes if n.file == str(Path(folder))]
        why = reasons[0] if reasons else "no summary files (*.json) here"
    else:
        why = "none of its .json files is a summary that can be read (listed above)"
    return f"{folder}: no summary could be read: {why}" + (
        "; no handout was written" if handout else ""
    )


def refuse_handout_path(path: Path, folder: Path) -> None:
    """Raise a :class:`CommandError` when the handout would replace a log file, a summary or
    any other file but an earlier handout, or be read as a summary next time (``.json``)."""
    from netcoach.commands.output_paths import refuse_log_file

    refuse_log_file("--handout", path, folder, "handout.html")
    if path.is_dir():
        raise CommandError(f"--handout {path}: this is a folder; give a file name")
    from netcoach.cohort_handout import is_a_handout

    target = path.expanduser().resolve()
    in_folder = target.parent == folder.expanduser().resolve()
    if target.is_file() and not is_a_handout(target):  # (an earlier handout is replaced)
        if in_folder:
            raise CommandError(
                f"--handout {path}: that file is in the summaries folder {folder}, and would "
                "be overwritten; save the handout outside that folder (nothing was written)"
            )
        raise CommandError(  # (write_handout says the same: here before anything is read)
            f"--handout {path} is already there and is not a handout; give the handout "
            "another name (nothing was written)"
        )
    if path.suffix.lower() == ".json":
        raise CommandError(
            f"--handout {path}: a handout is a web page, and a .json file among the summaries "
            "would be read as one; give a name that ends in .html, like "
            "handout.html (nothing was written)"
        )
