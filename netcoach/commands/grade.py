"""``netcoach grade PATH...``: grade exercise notebooks (files or folders) with nbval."""

from __future__ import annotations

import argparse
import codecs
import os
from pathlib import Path

from netcoach.cli import EXIT_FAILED, EXIT_OK, CommandError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "grade",
        help="grade exercise notebooks with nbval",
        description="Run the check cells of submitted exercise notebooks and report, per "
        "submission, which checks passed (with hints for the others) and a score.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="notebooks or folders of them")
    parser.add_argument("--csv", metavar="FILE", help="also write a gradebook, one row a file")
    parser.add_argument(
        "--timeout",
        type=float,
        default=60,
        help="time limit in seconds for each cell (default 60); the whole run of each notebook, "
        "starting Python and the kernel included, is stopped after this limit plus 30 seconds",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="notebooks graded at the same time (default 2)",
    )
    parser.add_argument(
        "--manifest",
        metavar="FILE",
        default=None,
        help="the checksums manifest to trust (default: exercises/checksums.json in the "
        "current folder, else in the clone of the course netcoach runs from)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from netcoach.atomic_files import check_writable_folder
    from netcoach.grading.authoring import default_manifest_path, load_manifest
    from netcoach.grading.grader import (
        collect,
        format_report,
        grade_paths,
        readable,
        write_gradebook,
    )

    if args.timeout <= 0 or args.jobs < 1:
        raise CommandError("--timeout must be above 0 and --jobs at least 1")
    if args.csv and (Path(args.csv).is_dir() or not Path(args.csv).parent.is_dir()):
        # checked first: grading a class takes minutes, and the grades must not be lost
        raise CommandError(f"--csv {args.csv}: give a file name in a folder that exists")
    if args.csv and Path(args.csv).suffix.lower() == ".ipynb":
        raise CommandError(
            f"--csv {args.csv}: that is a notebook's name; the gradebook is a CSV file, so give "
            "it a name of its own, such as gradebook.csv"
        )
    if args.csv:
        try:  # the gradebook is written all at once, beside itself: the folder must allow it
            check_writable_folder(args.csv)
        except OSError as err:
            raise CommandError(
                f"--csv {args.csv}: its folder cannot take a new file ({err.strerror}); "
                "give a gradebook in a folder you can write to"
            ) from None
    manifest_path = Path(args.manifest) if args.manifest else default_manifest_path()
    if not args.manifest and not manifest_path.is_file():  # installed without the course
        raise CommandError(
            "no checksums manifest to grade against: netcoach grade reads "
            "exercises/checksums.json in the folder it runs in, or in the clone of the course "
            "netcoach was installed from. Run it at the top of a clone of the course, or give "
            "one with --manifest FILE"
        )
    try:
        manifest = load_manifest(manifest_path)
        if not _is_manifest(manifest):
            raise ValueError("it is not the file `netcoach exercises build` writes")
    except (OSError, ValueError) as err:  # missing, not JSON, or not a manifest
        why = err.strerror if isinstance(err, OSError) and err.strerror else err
        raise CommandError(f"cannot read the checksums manifest {manifest_path}: {why}") from err
    try:
        files = collect(args.paths)
        if args.csv:
            files = _without_gradebook(files, args.csv, args.paths)
        if not files:
            raise CommandError("no files to grade in " + ", ".join(args.paths))
        subs = grade_paths(files, timeout=args.timeout, jobs=args.jobs, manifest=manifest)
    except FileNotFoundError as err:
        raise CommandError(str(err)) from err
    root = Path(args.paths[0]) if len(args.paths) == 1 and Path(args.paths[0]).is_dir() else None
    print(format_report(subs, root))
    if args.csv:
        try:
            write_gradebook(subs, args.csv)
        except OSError as err:
            raise CommandError(f"--csv {args.csv}: could not write it ({err.strerror})") from None
        print(f"gradebook written to {readable(args.csv)}")
    return EXIT_OK if all(s.status == "passed" for s in subs) else EXIT_FAILED


def _without_gradebook(files: list[Path], csv: str, paths: list[str]) -> list[Path]:
    """``files`` without the gradebook ``csv`` when it is among them: a gradebook kept with
    the submissions, written by an earlier run (its first line is the header, even after a
    spreadsheet saved it again), is written over and not graded. Any other file, among the
    submissions or not (a class list, the checksums manifest), is never written over:
    CommandError."""
    target = Path(csv)
    same = [f for f in files if _same_file(f, target)]
    if not same:
        empty = target.is_file() and target.stat().st_size == 0  # (nothing there to lose)
        if target.is_file() and not empty and not _starts_with_gradebook_header(target):
            raise CommandError(
                f"--csv {csv}: that file is already there and is not a gradebook, so it is not "
                "written over; give the gradebook a new name, such as "
                f"{_other_gradebook_name(target, files, paths)}"
            )
        return files
    if not _starts_with_gradebook_header(target):
        raise CommandError(
            f"--csv {csv}: that is one of the submissions to grade ({same[0]}), not a "
            "gradebook; give the gradebook a name of its own, such as "
            f"{_other_gradebook_name(target, files, paths)}"
        )
    return [f for f in files if f not in same]


_SEPARATORS = (",", ";", "\t")


def _starts_with_gradebook_header(path: Path) -> bool:
    """True when the first line of ``path`` is the gradebook's header as ``grade`` wrote it
    or as a spreadsheet saves it again: with a byte-order mark (UTF-8 or UTF-16), any line
    end, ``,`` or ``;`` or tab between the names, spaces or quotes around them, any case,
    empty cells after them. A column added by hand (notes) makes it not a gradebook."""
    from netcoach.grading.grader import GRADEBOOK_COLUMNS

    try:
        with open(path, "rb") as f:
            start = f.read(1000)
    except OSError:
        return False
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = start.decode("utf-16", "replace")
    else:
        text = start.decode("utf-8-sig", "replace")
    first = (text.splitlines() or [""])[0].strip()
    for sep in _SEPARATORS:
        names = [name.strip().strip("\"'").strip().lower() for name in first.split(sep)]
        while names and not names[-1]:  # empty cells a spreadsheet adds at the end
            names.pop()
        if tuple(names) == GRADEBOOK_COLUMNS:
            return True
    return False


def _other_gradebook_name(target: Path, files: list[Path], paths: list[str]) -> str:
    """A gradebook name to suggest instead of ``target``: in the folder that holds the
    folder of submissions ``target`` is in (else beside ``target``), neither ``target`` nor
    any submission, and no file already there (not even another gradebook)."""
    resolved = target.resolve()
    folder = next(
        (Path(p) for p in paths if Path(p).is_dir() and resolved.is_relative_to(Path(p).resolve())),
        None,
    )
    if folder is None:
        where = target.parent
    elif Path(os.path.normpath(folder)).name not in ("", ".", ".."):
        where = Path(os.path.normpath(folder)).parent
    else:  # "." or "..": its parent has no shorter name
        where = folder.resolve().parent
    taken = {f.resolve() for f in files} | {resolved}
    names = ("grades.csv", "gradebook.csv", *(f"grades-{n}.csv" for n in range(2, 100)))
    for name in names:
        candidate = where / name
        if candidate.resolve() not in taken and not candidate.exists():  # (never a file
            return str(candidate)  # of anyone's, not even another class's gradebook)
    return str(where / f"grades-{os.getpid()}.csv")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


_CHECK_KEYS = {"number", "label", "cell_id", "checksum", "expected"}


def _is_manifest(manifest: object) -> bool:
    """True when ``manifest`` has the shape the grader reads (exercises, each with checks)."""
    exercises = manifest.get("exercises") if isinstance(manifest, dict) else None
    return isinstance(exercises, dict) and all(
        isinstance(entry, dict)
        and isinstance(entry.get("checks"), list)
        and all(isinstance(c, dict) and c.keys() >= _CHECK_KEYS for c in entry["checks"])
        for entry in exercises.values()
    )
