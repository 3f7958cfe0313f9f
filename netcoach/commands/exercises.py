"""``netcoach exercises build``: make starter and solution notebooks from the masters."""

from __future__ import annotations

import argparse
from pathlib import Path

from netcoach.cli import CommandError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("exercises", help="build the graded exercise notebooks")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    build = actions.add_parser(
        "build",
        help="write exercises/NN-name/starter.ipynb and solution.ipynb from the masters",
        description="Run each solution, store the check cells' expected outputs in both "
        "notebooks and write the checksums manifest exercises/checksums.json.",
    )
    build.add_argument("ids", nargs="*", metavar="ID", help="only these exercises (e.g. 04)")
    build.add_argument("--masters", default=None, help="folder of masters (exercises/masters)")
    build.add_argument("--out", default=None, help="output folder (exercises/)")
    build.add_argument("--jobs", type=int, default=2, help="solutions run at the same time")
    build.set_defaults(handler=run_build)


def run_build(args: argparse.Namespace) -> int:
    from netcoach.grading.authoring import (
        EXERCISES_DIR,
        MANIFEST_NAME,
        MASTERS_DIR,
        AuthoringError,
        build_all,
        find_masters,
    )

    masters = Path(args.masters) if args.masters else MASTERS_DIR
    out = Path(args.out) if args.out else EXERCISES_DIR
    try:
        ids = [p.stem for p in find_masters(masters)]
    except AuthoringError as err:
        raise CommandError(str(err)) from None
    only = [i for i in ids if any(i == x or i.startswith(f"{x}-") for x in args.ids)]
    if args.ids and not only:
        raise CommandError(
            f"no master matches {' '.join(args.ids)}; {masters} holds {', '.join(ids)}"
        )
    before = _manifest_ids(out / MANIFEST_NAME)
    try:
        manifest = build_all(masters, out, jobs=args.jobs, only=only or None)
    except AuthoringError as err:
        raise CommandError(str(err)) from None
    built = only or ids
    kept = [i for i in manifest["exercises"] if i not in built]
    dropped = [i for i in before if i not in manifest["exercises"]]
    print(f"built {len(built)} exercise(s): {', '.join(built)}")
    if kept:
        print(f"kept {len(kept)} exercise(s) that were not rebuilt: {', '.join(kept)}")
    if dropped:
        print(
            f"dropped {len(dropped)} exercise(s) from the checksums manifest, as {masters} "
            f"has no master for them: {', '.join(dropped)} (their submissions now grade as "
            "unknown-exercise; to rebuild some exercises only, give their IDs)"
        )
    total = len(manifest["exercises"])
    print(f"{total} exercise(s) in the checksums manifest {out / MANIFEST_NAME}")
    return 0


def _manifest_ids(path: Path) -> list[str]:
    """The exercises the manifest at ``path`` lists now; none when it cannot be read (the
    build then says why)."""
    from netcoach.grading.authoring import load_manifest

    try:
        exercises = load_manifest(path)["exercises"]
    except (OSError, ValueError, TypeError, KeyError):
        return []
    return [str(i) for i in exercises] if isinstance(exercises, dict) else []
