"""``netcoach undo``: put a log back as it was before its last save (an import, or an entry
saved in a notebook), as the "Undo last entry" button does."""

from __future__ import annotations

import argparse
from pathlib import Path

from netcoach.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "undo",
        help="put your log back as it was before its last save (an import or an entry)",
        description="Put the log in DIR back as it was before its last save: an import, or "
        "an entry saved in a notebook. Run it again to step further back. Nothing is lost: "
        "the files as they are now are kept in DIR/.backup/undone/. If you changed a file "
        "since that save (in a spreadsheet, say), nothing is undone and the message says why.",
    )
    parser.add_argument("folder", metavar="DIR", help="the folder that holds your log")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.saving import UndoRefused, undo_last

    folder = Path(args.folder)
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise CommandError(f"{folder} {what}: give the folder that holds your log")
    try:
        undone = undo_last(folder)
    except UndoRefused as err:  # already plain sentences for the learner
        raise CommandError(str(err)) from None
    except OSError as err:
        raise CommandError(
            f"could not undo in {folder} ({err.strerror or err}); nothing was undone"
        ) from None
    if undone is None:
        print(f"Nothing to undo: no earlier version is kept for the log in {folder}.")
        return EXIT_OK
    print(f"Undone: {undone.description}.")
    if undone.kept is not None:
        print(f"The files as they were just before are kept in {undone.kept}.")
    return EXIT_OK
