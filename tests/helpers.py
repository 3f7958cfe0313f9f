"""Small hand-made network logs for tests (invented people, example.com addresses)."""

from __future__ import annotations

import hashlib
from pathlib import Path

CONTACTS_CSV = (
    "contact_id,name,organisation,role,how_met,tier,cadence_days,email,profile_url,tags,notes\n"
    "c001,Amara Osei,Harbour Analytics,Data team lead,Former colleague,close,,"
    "amara@example.com,,data;mentor,Runs the local data meetup\n"
    "c002,Zoë Whitfield,Tidewater Ltd,Recruiter,Careers fair,active,45,zoe@example.org,,,\n"
    "c003,Ben Okafor,,,,,,,,,\n"
)
INTERACTIONS_CSV = (
    "date,contact_id,channel,kind,initiated_by,note\n"
    "2024-03-12,c001,in_person,first_meeting,me,Coffee near the station\n"
    "2024-03-15,c002,email,received_lead,them,Analyst role at Tidewater\n"
    "2024-03-16,c002,email,thanked,,\n"
    "2024-04-03,c003,social,asked_advice,me,\n"
)


def write_log(
    folder: Path,
    contacts: str | bytes | None = CONTACTS_CSV,
    interactions: str | bytes | None = INTERACTIONS_CSV,
    settings: str | None = None,
) -> Path:
    """Write a log folder; text is written as UTF-8, bytes as given, None leaves a file out."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (("contacts.csv", contacts), ("interactions.csv", interactions)):
        if content is None:
            continue
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    if settings is not None:
        (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
