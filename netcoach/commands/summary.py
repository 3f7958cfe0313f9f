"""``netcoach summary DIR``: write an anonymous summary of a log to share with a coach."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from netcoach.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "summary",
        help="write an anonymous summary (scores and counts only) to share with a coach",
        description="Score the network log in DIR and write a small JSON file of scores and "
        "counts: no names, emails, organisations, notes or exact dates. Its scores use the "
        "course's standard settings, so that your coach can compare them. Sharing it is your "
        "choice; open the file to see everything it holds.",
    )
    parser.add_argument("folder", metavar="DIR", help="the folder that holds your log")
    parser.add_argument(
        "--nickname",
        metavar="NAME",
        help="a made-up name for the coach to see (letters A-Z without accents, digits, "
        "spaces, - and _; up to 24 characters; not an email, and holding no contact's name "
        "or part of one; default: a random id, kept in DIR/.netcoach-id so that every "
        "summary of this log has the same one)",
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
    from netcoach.settings import Settings
    from netcoach.summary import (
        OWN_SETTINGS_NOTE,
        EmptyLogError,
        NicknameError,
        build_summary,
        default_file_name,
        learner_id,
        summary_json,
        uses_own_settings,
        validate_nickname,
        write_summary,
    )

    if args.out is not None and not args.out.strip():
        raise CommandError(
            "--out: the file name is empty; give a file name, a folder, or - to print the "
            "summary, or leave --out out (nothing was written)"
        )
    if args.nickname is not None:  # checked before the log is read, as far as it can be
        try:
            validate_nickname(args.nickname)
        except NicknameError as err:
            raise CommandError(f"--nickname: {err}") from None
    log, report = load_and_score(args, lookback_days=Settings().lookback_days)
    default_id, new_id = (None, False) if args.nickname else learner_id(Path(args.folder))
    try:  # now also that it is none of the learner's contacts' names
        summary = build_summary(report, log, args.nickname, default_id=default_id)
    except NicknameError as err:
        raise CommandError(f"--nickname: {err}") from None
    except EmptyLogError as err:  # (nothing written: a summary of no one would pad a cohort)
        where = Path(args.folder) / INTERACTIONS_FILE
        raise CommandError(f"{where}: {err} (nothing was written)") from None
    if args.out == "-":
        keep_id(Path(args.folder), summary, new_id)
        sys.stdout.write(summary_json(summary))
        return EXIT_OK
    path = Path(args.out) if args.out else Path(default_file_name(summary))
    in_folder = path.is_dir() or (args.out or "").endswith(("/", "\\"))  # perhaps new
    if in_folder:
        path = path / default_file_name(summary)
    refuse_log_file("--out", path, args.folder, default_file_name(summary))
    refuse_other_file(path, in_folder)
    try:
        write_summary(summary, path)
        keep_id(Path(args.folder), summary, new_id)
    except OSError as err:
        raise CommandError(f"--out {path}: could not write the summary ({err.strerror})") from None
    settings_note = f" {OWN_SETTINGS_NOTE}" if uses_own_settings(report.settings) else ""
    print(
        f"Wrote an anonymous summary for '{summary['nickname']}' to {path}.{settings_note} "
        "Open it to see everything it holds before you share it.",
        file=sys.stderr,
    )
    return EXIT_OK


def keep_id(folder: Path, summary: dict[str, Any], new_id: bool) -> None:
    """Keep the summary's new random id in the log ``folder`` for its next summaries
    (:func:`netcoach.summary.keep_learner_id`); warn when that is not possible."""
    from netcoach.summary import UNSAVED_ID_NOTE, keep_learner_id

    if not new_id:
        return
    try:
        keep_learner_id(folder, summary["nickname"])
    except OSError as err:
        why = err.strerror or "it could not be written"
        note = UNSAVED_ID_NOTE.format(folder=folder, why=why)
        print(f"netcoach: warning: {note}", file=sys.stderr)


def is_other_file(path: Path) -> bool:
    """Whether ``path`` is a file (or a link to one) that a summary must not replace: there,
    not empty (:func:`netcoach.report_html.is_empty_file`) and not an earlier summary. A CV,
    a report or a page of the learner's own is never replaced, by ``--out`` or by the score
    widget's summary button."""
    from netcoach.report_html import is_empty_file
    from netcoach.summary import is_a_summary

    return path.exists() and not is_empty_file(path) and not is_a_summary(path)


def refuse_other_file(path: Path, in_folder: bool = False) -> None:
    """Raise a :class:`CommandError` when ``path`` is a file a summary must not replace
    (:func:`is_other_file`); ``in_folder``: ``--out`` gave the folder that holds it, so the
    advice is another folder, not another file name."""
    if is_other_file(path):
        instead = (
            "another folder, or move that file first"
            if in_folder
            else "another file name, or a folder"
        )
        raise CommandError(
            f"--out {path} is already there and is not a Network Coach summary, so it was "
            f"not replaced; give the summary {instead} (nothing was written)"
        )
