"""How long importing takes: a LinkedIn export of N connections and 2N messages, and a
calendar of N/10 meetings, into an empty log (a dry run: nothing is written).

    .venv/bin/python benchmarks/bench_importers.py [--sizes 1000 10000] [--json PATH]

Reports, per size, the wall and CPU time of reading the files, of merging them, and of
validating the merged log. Wall times on the shared machine are inflated; the CPU time is
closer to what an idle machine would take. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def export_files(n: int) -> list:
    """Invented export files: Connections.csv, messages.csv and a calendar."""
    from netcoach.importers import SourceFile

    def url(i: int) -> str:
        return f"https://www.linkedin.com/in/person-{i}-example"

    connections = [
        [
            f"Person{i}",
            f"Family{i % 500}",
            url(i),
            f"p{i}@example.com" if i % 3 == 0 else "",
            "Example Ltd",
            "Analyst",
            "12 Mar 2024",
        ]
        for i in range(n)
    ]
    me = ["Robin Example", "https://www.linkedin.com/in/robin-example"]
    messages = []
    for k in range(2 * n):
        i = k % n
        them = [f"Person{i} Family{i % 500}", url(i)]
        when = f"2024-{1 + k % 12:02d}-{1 + k % 28:02d} 10:00:00 UTC"
        sender, recipient = (me, them) if k % 2 else (them, me)
        messages.append([f"c{i}", *sender, *recipient, when, "hello", "INBOX"])
    events = []
    for i in range(max(1, n // 10)):
        events += [
            "BEGIN:VEVENT",
            f"UID:e{i}",
            f"DTSTART:2024{1 + i % 12:02d}{1 + i % 28:02d}T090000Z",
            "LOCATION:Cafe",
            "ATTENDEE:mailto:robin@example.com",
            f"ATTENDEE;CN=Person{i} Family{i % 500}:mailto:p{i}@example.com",
            "END:VEVENT",
        ]
    calendar = "\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "X-WR-CALNAME:robin@example.com",
            *events,
            "END:VCALENDAR",
        ]
    )
    return [
        SourceFile(
            "Connections.csv",
            _csv(
                [
                    "First Name",
                    "Last Name",
                    "URL",
                    "Email Address",
                    "Company",
                    "Position",
                    "Connected On",
                ],
                connections,
            ),
        ),
        SourceFile(
            "messages.csv",
            _csv(
                [
                    "CONVERSATION ID",
                    "FROM",
                    "SENDER PROFILE URL",
                    "TO",
                    "RECIPIENT PROFILE URLS",
                    "DATE",
                    "CONTENT",
                    "FOLDER",
                ],
                messages,
            ),
        ),
        SourceFile("calendar.ics", calendar.encode("utf-8")),
    ]


def measure(n: int) -> dict[str, float]:
    """Seconds (wall and CPU) to read, merge and validate an export of size ``n``."""
    import pandas as pd

    from netcoach import schema
    from netcoach.importers import read_sources
    from netcoach.importers.merge import merge
    from netcoach.log import NetworkLog

    files = export_files(n)
    empty = (
        pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.CONTACT_COLUMNS}),
        pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.INTERACTION_COLUMNS}),
    )
    out: dict[str, float] = {"connections": n}
    steps = {
        "read": lambda _: read_sources(files),
        "merge": lambda batches: merge(*empty, batches),
        "validate": lambda merged: NetworkLog.from_frames(merged[0], merged[1]),
    }
    value = None
    for name, step in steps.items():
        wall, cpu = time.perf_counter(), time.process_time()
        value = step(value)
        out[f"{name}_wall_s"] = round(time.perf_counter() - wall, 2)
        out[f"{name}_cpu_s"] = round(time.process_time() - cpu, 2)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    results = [measure(n) for n in args.sizes]
    for row in results:
        print(json.dumps(row))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
