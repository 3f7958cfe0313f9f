"""``netcoach import SOURCE... --into DIR``: bring LinkedIn, contacts and calendar files in."""

from __future__ import annotations

import argparse
import json

from netcoach.cli import EXIT_OK, CommandError, parse_date_option


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import",
        help="import a LinkedIn export, Google Contacts, vCards or a calendar into your log",
        description="Read each SOURCE (a LinkedIn data export .zip, the folder it was unzipped "
        "into, or its CSV files; a Google Contacts .csv, vCard .vcf files, calendar .ics "
        "files; a folder of them) and add the people and "
        "interactions in them to the log in DIR, without changing what you typed. DIR is "
        "created when it does not exist. Nothing is sent anywhere.",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="files or folders to import")
    parser.add_argument(
        "--into", required=True, metavar="DIR", help="the folder that holds your log"
    )
    parser.add_argument(
        "--me",
        metavar="NAME_OR_URL",
        help="your name, email or LinkedIn profile URL, to tell your messages and meetings "
        "from other people's (default: the person in the most messages or events)",
    )
    parser.add_argument(
        "--keep-message-text",
        action="store_true",
        help="keep the text of LinkedIn messages and invitations in the note column "
        "(off by default: only what the scores need is kept)",
    )
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="calendar: first day to import")
    parser.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        help="calendar: last day to import (default: the newest event; --since defaults "
        "to a year before it, or without --until a year before the newest meeting already "
        "held)",
    )
    parser.add_argument(
        "--max-attendees",
        type=int,
        default=None,
        metavar="N",
        help="calendar: skip events with more than N people, you included (default 6)",
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="calendar: your time zone, like Europe/London (default: the calendar's own)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would be imported, but save nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.importers import ImportOptions, import_into
    from netcoach.importers.apply import NOTHING_IMPORTED, save_failure
    from netcoach.importers.ical import MAX_ATTENDEES, ZONE_EXAMPLE, known_zone
    from netcoach.locking import LogBusyError
    from netcoach.validation import LogValidationError

    # The options are checked before any file is read, so a bad one changes nothing.
    if args.max_attendees is not None and args.max_attendees < 2:
        raise CommandError("--max-attendees must be 2 or more (you and one other person)")
    since = parse_date_option(args.since, "--since") if args.since else None
    until = parse_date_option(args.until, "--until") if args.until else None
    if args.timezone is not None and known_zone(args.timezone) is None:
        raise CommandError(
            f"--timezone {args.timezone!r} is not a known time zone; write it like "
            f"{ZONE_EXAMPLE} or America/New_York (a region and a city)"
        )
    try:  # ImportOptions refuses a since after the until: said here in the options' words
        options = ImportOptions(
            me=args.me,
            keep_message_text=args.keep_message_text,
            since=since,
            until=until,
            max_attendees=args.max_attendees or MAX_ATTENDEES,
            timezone=args.timezone,
        )
    except ValueError:
        raise CommandError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}, so no day "
            "is left to import; give a --since on or before the --until"
        ) from None
    try:
        summary = import_into(args.into, args.sources, options, dry_run=args.dry_run)
    except LogValidationError as err:
        raise CommandError(f"{NOTHING_IMPORTED}.", err.listed()) from None
    except LogBusyError as err:
        raise CommandError(str(err)) from None
    except OSError as err:  # the folder cannot be written (read-only, a file open elsewhere)
        line, unchanged = save_failure(args.into, err)
        raise CommandError(f"{line}; {NOTHING_IMPORTED}" if unchanged else line) from None
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(summary.to_text())
    return EXIT_OK
