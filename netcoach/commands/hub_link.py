"""``netcoach hub-link``: a link that opens a course notebook on a JupyterHub (nbgitpuller)."""

from __future__ import annotations

import argparse
import sys

from netcoach.cli import EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    from netcoach.hub_link import DEFAULT_BRANCH, DEFAULT_PATH, INTERFACES, REPO_URL

    parser = sub.add_parser(
        "hub-link",
        help="print an nbgitpuller link that opens a course notebook on your JupyterHub",
        description="Build a link for a room: opening it makes the JupyterHub copy the course "
        "into each learner's home folder (or update it) and open one notebook.",
    )
    parser.add_argument(
        "--hub", required=True, metavar="URL", help="your hub, e.g. https://hub.example.org"
    )
    parser.add_argument("--repo", default=REPO_URL, metavar="URL", help="the course repository")
    parser.add_argument("--branch", default=DEFAULT_BRANCH, help=f"default {DEFAULT_BRANCH}")
    parser.add_argument(
        "--path", default=DEFAULT_PATH, help=f"the notebook to open (default {DEFAULT_PATH})"
    )
    parser.add_argument(
        "--interface",
        choices=list(INTERFACES),
        default="lab",
        help="JupyterLab (default) or classic",
    )
    parser.add_argument(
        "--binder", action="store_true", help="also print a mybinder.org link to the same notebook"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.hub_link import binder_link, missing_from_course, nbgitpuller_link

    try:
        print(
            nbgitpuller_link(
                args.hub,
                repo=args.repo,
                branch=args.branch,
                path=args.path,
                interface=args.interface,
            )
        )
        if args.binder:
            print(
                binder_link(
                    repo=args.repo, branch=args.branch, path=args.path, interface=args.interface
                )
            )
        if missing_from_course(args.path, args.repo):
            print(
                f"netcoach: warning: the course has no {args.path}, so this link would open "
                "nothing; check --path (for example notebooks/quick-check.ipynb)",
                file=sys.stderr,
            )
    except ValueError as err:
        raise CommandError(str(err)) from None
    return EXIT_OK
