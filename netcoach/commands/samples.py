"""``netcoach samples OUT_DIR [--force]``: write the three invented sample learners."""

from __future__ import annotations

import argparse
from pathlib import Path

from netcoach.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    from netcoach.samples import DEFAULT_SEED, SAMPLE_NAMES

    parser = sub.add_parser(
        "samples",
        help="write the three invented sample learners",
        description="Write the sample learners (" + ", ".join(SAMPLE_NAMES) + ") into "
        "OUT_DIR, one folder each. The same seed always writes the same files.",
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="where to write the sample folders")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace files in OUT_DIR that differ from the samples (by default nothing is "
        "overwritten; files identical to the samples are always fine)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.samples import SamplesWouldOverwriteError, write_samples

    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out}: this is a file; give a folder to write the samples into")
    try:
        folders = write_samples(out, seed=args.seed, force=args.force)
    except SamplesWouldOverwriteError as err:
        raise CommandError(err.explain("add --force")) from None
    except OSError as err:
        raise CommandError(f"{out}: could not write the samples ({err.strerror})") from None
    for folder in folders:
        print(f"Wrote {folder}")
    return EXIT_OK
