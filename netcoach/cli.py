"""The ``netcoach`` command. Each sub-command lives in ``netcoach/commands/<name>.py``
and exposes ``register(subparsers)``; add yours to :data:`COMMAND_MODULES`.

Exit codes: 0 ok; 2 bad input (a one-line message on stderr, followed by the problems to
fix, one a line, when a log or file could not be read); 1 other failures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import sys
from collections.abc import Sequence

from netcoach import __version__

COMMAND_MODULES: tuple[str, ...] = (
    "netcoach.commands.score",
    "netcoach.commands.samples",
    "netcoach.commands.grade",
    "netcoach.commands.exercises",
    "netcoach.commands.import_",
    "netcoach.commands.undo",
    "netcoach.commands.summary",
    "netcoach.commands.cohort",
    "netcoach.commands.hub_link",
    "netcoach.commands.slides",
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit code 2. ``details`` (such as
    :meth:`LogValidationError.listed`) are printed below it, one a line."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = list(details)


def parse_date_option(text: str, option: str) -> dt.date:
    """A ``YYYY-MM-DD`` option value as a date, or a one-line :class:`CommandError`."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"{option} {text!r} is not a date; write it like 2025-09-30 (year-month-day)"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="netcoach",
        description="Network Coach: measure and improve how you network.",
    )
    parser.add_argument("--version", action="version", version=f"netcoach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or EXIT_OK)
    except CommandError as err:
        print(f"netcoach: {err}", *err.details, sep="\n", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    # Run as `python -m netcoach.cli`: call the imported module's main, so exceptions
    # raised by the commands (which import netcoach.cli) are the classes caught here.
    from netcoach.cli import main as _main

    raise SystemExit(_main())
