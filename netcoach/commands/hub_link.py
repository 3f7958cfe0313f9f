"""``netcoach hub-link``: a link that opens a course notebook on a JupyterHub (nbgitpuller),
or on mybinder.org."""

from __future__ import annotations

import argparse
import sys

from netcoach.cli import EXIT_OK, CommandError

INTERFACE_HELP = (
    "where the notebook opens: lab, JupyterLab (the default); classic, Jupyter Notebook "
    "through its file view (tree/, as nbgitpuller's own link maker does); notebook, the "
    "notebook's own page in Jupyter Notebook 7 (notebooks/)"
)


def register(sub: argparse._SubParsersAction) -> None:
    from netcoach.hub_link import DEFAULT_BRANCH, DEFAULT_PATH, INTERFACES, REPO_URL

    parser = sub.add_parser(
        "hub-link",
        help="print a link that opens a course notebook on your JupyterHub (or on Binder)",
        description="Build a link for a room: opening it makes the JupyterHub copy the course "
        "into each learner's home folder (or update it) and open one notebook. With --binder "
        "it also prints a mybinder.org link; give --hub, --binder or both.",
    )
    parser.add_argument(
        "--hub",
        metavar="URL",
        help="your hub, e.g. https://hub.example.org (an address copied from the browser bar "
        "is cut where its /hub/ or /user/ part starts)",
    )
    parser.add_argument("--repo", default=REPO_URL, metavar="URL", help="the course repository")
    parser.add_argument("--branch", default=DEFAULT_BRANCH, help=f"default {DEFAULT_BRANCH}")
    parser.add_argument(
        "--path", default=DEFAULT_PATH, help=f"the notebook to open (default {DEFAULT_PATH})"
    )
    parser.add_argument("--interface", choices=list(INTERFACES), default="lab", help=INTERFACE_HELP)
    parser.add_argument(
        "--binder",
        action="store_true",
        help="print a mybinder.org link to the same notebook (GitHub repositories only); "
        "without --hub, only this link",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.hub_link import binder_link, hub_address, missing_from_course, nbgitpuller_link

    if args.hub is None and not args.binder:
        raise CommandError(
            "say where the notebook should open: --hub URL for your JupyterHub, "
            "--binder for mybinder.org, or both"
        )
    # Every link is built (and so checked) before any is printed.
    links, notes = [], []
    try:
        if args.hub is not None:
            notes += hub_address(args.hub)[1]
            links.append(
                nbgitpuller_link(
                    args.hub,
                    repo=args.repo,
                    branch=args.branch,
                    path=args.path,
                    interface=args.interface,
                )
            )
        if args.binder:
            links.append(
                binder_link(
                    repo=args.repo, branch=args.branch, path=args.path, interface=args.interface
                )
            )
        if missing_from_course(args.path, args.repo):
            notes.append(
                f"the course has no {args.path}, so this link would open nothing; "
                "check --path (for example notebooks/quick-check.ipynb)"
            )
    except ValueError as err:
        raise CommandError(str(err)) from None
    for link in links:
        print(link)
    for note in notes:
        print(f"netcoach: warning: {note}", file=sys.stderr)
    return EXIT_OK
