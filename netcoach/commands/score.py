"""``netcoach score DIR``: score a network log and print (or save) the report."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path
from typing import Any

from netcoach.cli import EXIT_OK, CommandError, parse_date_option
from netcoach.commands.output_paths import refuse_log_file

DEFAULT_TOP = 10


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "score",
        help="score a network log: reciprocity, channel mix, follow-up, next actions",
        description="Read the network log in DIR (contacts.csv and interactions.csv), score "
        "it and print the three scores, the overall score, their reasons and your next "
        "actions. Nothing is sent anywhere.",
    )
    parser.add_argument("folder", metavar="DIR", help="the folder that holds your log")
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="score the log as it stood on this day (default: as_of in the folder's "
        "settings.toml, else today)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the report as one JSON object instead"
    )
    parser.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    parser.add_argument(
        "--month-first",
        action="store_true",
        help="read dates like 03/04/2024 as 4 March (month first)",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"how many next actions to print (default {DEFAULT_TOP}; 0 prints the scores "
        "and how many actions there are, but lists none)",
    )
    parser.set_defaults(handler=run)


def load_and_score(
    args: argparse.Namespace, *, lookback_days: int | None = None
) -> tuple[Any, Any]:
    """Load ``args.folder`` (``--month-first``) and score it ``--as-of`` a day: the log and
    its report, or a one-line :class:`CommandError`. Shared with ``netcoach summary``, which
    gives the look-back its summary is scored with (``lookback_days``; default: the log's
    own) for the far-off date warning."""
    from netcoach.future_dates import future_rows
    from netcoach.loading import load_log
    from netcoach.locking import LogBusyError
    from netcoach.schema import INTERACTIONS_FILE, SETTINGS_FILE
    from netcoach.scoring import score_log
    from netcoach.settings import as_of_problem
    from netcoach.validation import LogValidationError

    as_of = parse_date_option(args.as_of, "--as-of") if given(args, "as_of") else None
    try:
        log = load_log(args.folder, day_first=False if args.month_first else None)
    except LogValidationError as err:
        exports = _exports_instead_of_log(Path(args.folder))
        if exports:
            raise CommandError(
                f"nothing was scored: the log in {args.folder} could not be read.", exports
            ) from None
        raise CommandError(
            f"nothing was scored: the log in {args.folder} could not be read. "
            f"Fix {'this' if err.count == 1 else 'these'} and try again:",
            err.listed(),
        ) from None
    except LogBusyError as err:  # another program is saving to the folder
        raise CommandError(str(err)) from None
    if not (Path(args.folder) / INTERACTIONS_FILE).is_file():
        print(
            f"netcoach: warning: {args.folder} has no {INTERACTIONS_FILE}, so these scores "
            "count no interactions at all",
            file=sys.stderr,
        )
    warn_settings(log, Path(args.folder) / SETTINGS_FILE)
    # The command line may read the clock; the scoring core never does.
    if as_of:
        where = "--as-of"
    elif log.folder_settings.as_of:
        where = f"{Path(args.folder) / SETTINGS_FILE}: as_of ="
    else:
        where = "today's date"
    as_of = as_of or log.folder_settings.as_of or dt.date.today()
    problem = as_of_problem(as_of)
    if problem:
        raise CommandError(f"nothing was scored: {where} {as_of.isoformat()} {problem}")
    if where != "today's date":  # (a date typed, not the clock's: the year may be a slip)
        warn_far_off(log, as_of, where, lookback_days)
    later = future_rows(log, as_of)
    if later:
        print(f"netcoach: warning: {later.text()}", file=sys.stderr)
    return log, score_log(log, as_of=as_of)


def warn_settings(log: Any, path: Path) -> None:
    """Warn on stderr about each setting in ``path`` that has no effect as written
    (:func:`settings.settings_warnings`)."""
    from netcoach.settings import settings_warnings

    for text in settings_warnings(log.folder_settings.scoring):
        print(f"netcoach: warning: {path}: [scoring] {text}", file=sys.stderr)


def warn_far_off(log: Any, as_of: dt.date, where: str, lookback_days: int | None = None) -> None:
    """Warn on stderr when ``as_of`` (named by ``where``) is far after the last logged
    interaction (more than ``lookback_days``, default the log's own look-back) or after
    today, as the score widget does (:func:`settings.far_off_as_of`)."""
    from netcoach.settings import far_off_as_of

    dates = log.interactions["date"].dropna()
    last_logged = dates.max().date() if len(dates) else None
    lookback = lookback_days or log.folder_settings.scoring.lookback_days
    far = far_off_as_of(as_of, dt.date.today(), last_logged, lookback)
    if far:
        print(f"netcoach: warning: {where} {as_of.isoformat()} {far}", file=sys.stderr)


OPTION_EXAMPLES: dict[str, str] = {
    "folder": "the folder that holds your log, like data/samples/graduate",
    "as_of": "a date, like --as-of 2025-09-30",
    "html": "a file name, like --html report.html",
}
"""What each option or argument of ``score`` (and ``summary``) takes, for a refusal."""


def given(args: argparse.Namespace, name: str) -> bool:
    """Whether the option ``name`` (an ``args`` attribute) was given; an empty value (``--html
    ""``, from a script's empty variable, say) is refused, not read as "not given"."""
    value = getattr(args, name, None)
    if value is None:
        return False
    if not str(value).strip():
        option = "DIR" if name == "folder" else "--" + name.replace("_", "-")
        raise CommandError(
            f"{option} is empty; give {OPTION_EXAMPLES[name]} (nothing was scored or written)"
        )
    return True


def _exports_instead_of_log(folder: Path) -> list[str]:
    """Advice for each log file in ``folder`` that is really an export to import (a Google
    Contacts export keeps its default name, contacts.csv), found by the importers' own
    detection; none when the log's problems are of another kind."""
    from netcoach.importers.detect import exports_in_log, move_out_text

    return [f"- {move_out_text(folder, name, what)}" for name, what in exports_in_log(folder)]


def run(args: argparse.Namespace) -> int:
    if args.top < 0:
        raise CommandError("--top must be 0 or more")
    given(args, "folder")
    if given(args, "html"):
        refuse_log_file("--html", args.html, args.folder, "report.html")
        refuse_other_html(Path(args.html))
    log, report = load_and_score(args)

    if args.html is not None:
        write_html(report, log, Path(args.html), args.top)
    if args.json:
        print(json.dumps(json_ready(report.to_dict()), ensure_ascii=False, allow_nan=False))
    else:
        from netcoach.report_text import format_text_report

        sys.stdout.write(format_text_report(report, top=args.top))
    return EXIT_OK


def refuse_other_html(path: Path) -> None:
    """Refuse, before anything is read or written, an ``--html`` file that is already there
    and is not an earlier report (the learner's own notes or page)."""
    from netcoach.report_html import NotAReport, refuse_other_file

    try:
        refuse_other_file(path)
    except NotAReport as err:
        raise CommandError(f"--html {err}") from None


def write_html(report: Any, log: Any, path: Path, top: int) -> None:
    """Write the HTML report (the first ``top`` next actions, as the text report lists),
    turning file-system errors into a one-line message."""
    from netcoach.report_html import NotAReport, write_html_report

    if path.is_dir():
        raise CommandError(f"--html {path}: this is a folder; give a file name like report.html")
    try:
        write_html_report(report, log, path, top=top)
    except NotAReport as err:  # (made since the check before scoring)
        raise CommandError(f"--html {err}") from None
    except OSError as err:
        raise CommandError(f"--html {path}: could not write the report ({err.strerror})") from None
    print(f"Wrote the HTML report to {path}", file=sys.stderr)


def json_ready(value: Any) -> Any:
    """Replace NaN and infinity (not valid JSON) with null, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value
