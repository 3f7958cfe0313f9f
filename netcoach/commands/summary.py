"""``netcoach summary DIR``: write an anonymous summary of a log to share with a coach."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netcoach.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "summary",
        help="write an anonymous summary (scores and counts only) to share with a coach",
        description="Score the network log in DIR and write a small JSON file of scores and "
        "counts: no names, emails, organisations, notes or exact dates. Sharing it is your "
        "choice; open the file to see everything it holds.",
    )
    parser.add_argument("folder", metavar="DIR", help="the folder that holds your log")
    parser.add_argument(
        "--nickname",
        metavar="NAME",
        help="a made-up name for the coach to see (letters A-Z without accents, digits, "
        "spaces, - and _; up to 24 characters; not an email, and holding no contact's name "
        "or part of one; default: a random id)",
    )
    parser.add_argument(
        "--out",
        metavar="FILE",
        help="where to write it (default: NICKNAME-summary-YYYY-MM.json here; - prints it)",
    )
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="score the log as it stood on this day (default: the folder's settings.toml, "
        "else today); the summary keeps only the month",
    )
    parser.add_argument(
        "--month-first",
        action="store_true",
        help="read dates like 03/04/2024 as 4 March (month first)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.commands.output_paths import refuse_log_file
    from netcoach.commands.score import load_and_score
    from netcoach.schema import INTERACTIONS_FILE
    from netcoach.summary import (
        EmptyLogError,
        NicknameError,
        build_summary,
        default_file_name,
        summary_json,
        validate_nickname,
        write_summary,
    )

    if args.nickname is not None:  # checked before the log is read, as far as it can be
        try:
            validate_nickname(args.nickname)
        except NicknameError as err:
            raise CommandError(f"--nickname: {err}") from None
    log, report = load_and_score(args)
    try:  # now also that it is none of the learner's contacts' names
        summary = build_summary(report, log, args.nickname)
    except NicknameError as err:
        raise CommandError(f"--nickname: {err}") from None
    except EmptyLogError as err:  # (nothing written: a summary of no one would pad a cohort)
        where = Path(args.folder) / INTERACTIONS_FILE
        raise CommandError(f"{where}: {err} (nothing was written)") from None
    if args.out == "-":
        sys.stdout.write(summary_json(summary))
        return EXIT_OK
    path = Path(args.out) if args.out else Path(default_file_name(summary))
    if path.is_dir() or (args.out or "").endswith(("/", "\\")):  # a folder, perhaps new
        path = path / default_file_name(summary)
    refuse_log_file("--out", path, args.folder, default_file_name(summary))
    try:
        write_summary(summary, path)
    except OSError as err:
        raise CommandError(f"--out {path}: could not write the summary ({err.strerror})") from None
    print(
        f"Wrote an anonymous summary for '{summary['nickname']}' to {path}. Open it to see "
        "everything it holds before you share it.",
        file=sys.stderr,
    )
    return EXIT_OK
