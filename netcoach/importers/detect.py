"""Which importer reads which file: by name first (LinkedIn's export names), then by content.

A LinkedIn zip is opened and each export file in it read; other files in it are counted as
not used. A folder (an unzipped export, say) is read file by file in the same spirit: the
files Network Coach knows are imported and the others counted as not used. A single file
nobody can read is refused with a message that says what can be imported.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from netcoach.importers import google, ical, linkedin, vcard
from netcoach.importers.batch import ImportBatch
from netcoach.importers.sources import (
    SourceFile,
    decode_text,
    header_index,
    is_empty,
    too_large,
)
from netcoach.loading import MAX_FILE_BYTES
from netcoach.validation import LogValidationError, Problem

WHAT_WE_READ = (
    "Network Coach can import a LinkedIn data export (the .zip, the folder you unzipped it "
    "into, or Connections.csv, "
    "messages.csv, Invitations.csv, Recommendations_Given.csv, Recommendations_Received.csv, "
    "Endorsement_Given_Info.csv, Endorsement_Received_Info.csv), a Google Contacts .csv, "
    "vCard .vcf files and calendar .ics files"
)

CSV_SIGNATURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("connections", ("Connected On",)),
    ("messages", ("CONVERSATION ID",)),
    ("invitations", ("Sent At", "Direction")),
    ("endorsements_given", ("Endorsee First Name",)),
    ("endorsements_received", ("Endorser First Name",)),
    ("google", ("E-mail 1 - Value", "Group Membership", "Labels", "Given Name")),
)
"""Header names that identify a CSV export when its file name does not."""


@dataclass(frozen=True)
class ImportOptions:
    """Choices the learner can make about an import."""

    me: str | None = None
    """Your name, email or LinkedIn profile URL (found from the files when not given)."""
    keep_message_text: bool = False
    """Keep the text of messages and invitations in ``note`` (off: only what scores need)."""
    since: dt.date | None = None
    until: dt.date | None = None
    max_attendees: int = ical.MAX_ATTENDEES
    timezone: str | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(
                f"since {self.since.isoformat()} is after until {self.until.isoformat()}, so no "
                "day is left to import"
            )


def kind_of(source: SourceFile) -> str | None:
    """What a file is: ``zip``, ``vcard``, ``calendar``, ``google``, a LinkedIn file, or None."""
    base = source.basename.lower()
    if base.endswith(".zip") or source.data[:4] == b"PK\x03\x04":
        return "zip"
    if base in linkedin.FILES:
        return linkedin.FILES[base]
    head = decode_text(SourceFile(source.name, source.data[:65536]), sniff=True)
    upper = head.lstrip().upper()
    if base.endswith((".vcf", ".vcard")) or upper.startswith("BEGIN:VCARD"):
        return "vcard"
    if base.endswith((".ics", ".ical", ".ifb")) or upper.startswith("BEGIN:VCALENDAR"):
        return "calendar"
    lines = head.split("\n")
    for kind, markers in CSV_SIGNATURES:
        if header_index(lines, markers) is not None:
            return kind
    return None


def _read_zip(source: SourceFile, options: ImportOptions) -> list[ImportBatch]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except Exception:  # a damaged zip raises many kinds of error; all mean the same here
        raise LogValidationError(
            [
                Problem(
                    source.name,
                    None,
                    None,
                    "this zip file is damaged or incomplete (perhaps the download was cut "
                    "short); download your LinkedIn data again",
                )
            ]
        ) from None
    batches, unused = [], 0
    for member in members:
        base = member.filename.rsplit("/", 1)[-1].lower()
        if base not in linkedin.FILES:
            unused += 1
            continue
        name = f"{source.name}:{member.filename}"
        if member.file_size > MAX_FILE_BYTES:
            raise LogValidationError([Problem(name, None, None, too_large(member.file_size))])
        try:
            data = archive.read(member)
        except Exception:  # bad CRC, zlib errors, encryption, unknown compression ...
            raise LogValidationError(
                [
                    Problem(
                        name,
                        None,
                        None,
                        "this file inside the zip is damaged; download your LinkedIn data again",
                    )
                ]
            ) from None
        batches.append(_read_one(SourceFile(name, data), linkedin.FILES[base], options))
    if not batches:
        raise LogValidationError(
            [Problem(source.name, None, None, f"this zip holds nothing to import. {WHAT_WE_READ}")]
        )
    if unused:  # a line of its own only to say so (the export files have their own lines)
        skipped = Counter({"files in the zip that are not used": unused})
        batches.append(ImportBatch(source.name, skipped=skipped))
    return batches


def _read_one(source: SourceFile, kind: str, options: ImportOptions) -> ImportBatch:
    if kind == "vcard":
        return vcard.read_vcard(source)
    if kind == "calendar":
        return ical.read_calendar(
            source,
            me=options.me,
            since=options.since,
            until=options.until,
            max_attendees=options.max_attendees,
            timezone=options.timezone,
        )
    if kind == "google":
        return google.read_google(source)
    return linkedin.read_linkedin(source, kind, me=options.me, keep_text=options.keep_message_text)


def read_source(source: SourceFile, options: ImportOptions | None = None) -> list[ImportBatch]:
    """Read one file (a zip gives several batches); raises :class:`LogValidationError`."""
    options = options or ImportOptions()
    if is_empty(source.data):
        raise LogValidationError(
            [Problem(source.name, None, None, "this file is empty; export or download it again")]
        )
    kind = kind_of(source)
    if kind is None:
        what = "recommendations" in source.basename.lower()
        hint = (
            "name it Recommendations_Given.csv or Recommendations_Received.csv as LinkedIn did"
            if what
            else WHAT_WE_READ
        )
        raise LogValidationError(
            [Problem(source.name, None, None, f"Network Coach does not know this file; {hint}")]
        )
    if kind == "zip":
        return _read_zip(source, options)
    return [_read_one(source, kind, options)]


def read_folder(folder: Path, options: ImportOptions | None = None) -> list[ImportBatch]:
    """Every file in ``folder`` and below that Network Coach knows (an unzipped LinkedIn
    export, a folder of vCards); the others are counted as not used."""
    batches, unused = [], 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.startswith("."):
            continue
        source = SourceFile.from_path(path)
        source = SourceFile(f"{folder}/{path.relative_to(folder).as_posix()}", source.data)
        if kind_of(source) is None:
            unused += 1
            continue
        batches += read_source(source, options)
    if not batches:
        raise LogValidationError(
            [
                Problem(
                    str(folder), None, None, f"this folder holds nothing to import. {WHAT_WE_READ}"
                )
            ]
        )
    if not unused:  # no line for the folder itself when every file in it was read
        return batches
    skipped = Counter({"files in the folder that are not used": unused})
    return [*batches, ImportBatch(str(folder), skipped=skipped)]


EXPORT_NAMES: dict[str, str] = {
    "zip": "a LinkedIn data export",
    "google": "a Google Contacts export",
    "vcard": "a vCard contacts file",
    "calendar": "a calendar file",
}
"""What a file of each kind from :func:`kind_of` is, in a learner's words; every other kind
is one of LinkedIn's export files ("a LinkedIn export")."""

IMPORT_PAGE = "the “How to import your network” page"


def export_name(source: SourceFile) -> str | None:
    """What export ``source`` is ("a Google Contacts export"), as :func:`kind_of` tells it,
    or None when it is none that Network Coach imports."""
    kind = kind_of(source)
    return None if kind is None else EXPORT_NAMES.get(kind, "a LinkedIn export")


def import_first_text(name: str, what: str) -> str:
    """Advice for an export ``name`` given where a log file was expected (an upload)."""
    return (
        f"{name} looks like {what}, not a log file: import it first ({IMPORT_PAGE}, or "
        f"netcoach import {name} --into my-network), then score the log folder."
    )


def move_out_text(folder: Path, name: str, what: str) -> str:
    """Advice for a log file ``name`` in ``folder`` that is really an export: importing into
    the folder would read it as the log, so it has to leave the folder first."""
    return (
        f"{name} in {folder} looks like {what}, not a log file: move it out of that folder, "
        f"then import it ({IMPORT_PAGE}, or netcoach import {name} --into {folder}) and "
        "score the folder again."
    )


def import_elsewhere_text(folder: Path, name: str, what: str) -> str:
    """Advice for a log file ``name`` in ``folder`` that is really an export, found when
    importing into ``folder``: the export is not a log to add to, so it goes elsewhere."""
    place = "this folder" if str(folder) == "." else str(folder)
    return (
        f"this file in {place} looks like {what}, not your log's {name}, so nothing can be "
        f"added to it: import it into a separate folder instead (netcoach import {name} "
        f"--into my-network), or move it out of {place} first ({IMPORT_PAGE})"
    )


def exports_in_log(folder: Path) -> list[tuple[str, str]]:
    """The log files in ``folder`` (contacts.csv, interactions.csv) that are really exports,
    each with what it is (:func:`export_name`): a Google Contacts export keeps its default
    name, contacts.csv; LinkedIn's Connections.csv is renamed when a message says to. Only a
    file without the log's contact_id column is looked at, so a log with a column of the
    same name as an export's (Labels, say) is never taken for one."""
    from netcoach.loading import read_csv_header
    from netcoach.schema import CONTACTS_FILE, INTERACTIONS_FILE

    found = []
    for name in (CONTACTS_FILE, INTERACTIONS_FILE):
        path = Path(folder) / name
        if not path.is_file() or "contact_id" in (read_csv_header(path) or ()):
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(65536)  # all kind_of reads
        except OSError:
            continue
        what = export_name(SourceFile(name, head))
        if what is not None:
            found.append((name, what))
    return found
