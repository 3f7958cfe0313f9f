"""Shared helpers for the importer tests: fixture paths, a learner's log, folder snapshots."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from helpers import folder_digest, write_log

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importers"
LINKEDIN = FIXTURES / "linkedin"

LEARNER_CONTACTS = """\
contact_id,name,organisation,role,how_met,tier,cadence_days,email,profile_url,tags,notes
c001,Amara Osei,,My own words for her role,Met at the data meetup,close,21,,,,Prefers mornings
c002,Sam Lee,Old Employer Ltd,,,active,,sam.lee@example.com,,,
"""
LEARNER_INTERACTIONS = """date,contact_id,channel,kind,initiated_by,note
2024-04-02,c001,social,check_in,me,My own note
2024-01-05,c002,in_person,asked_advice,me,Coffee about CVs
"""


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (backups included) and a digest of its bytes."""
    return folder_digest(folder)


@pytest.fixture
def learner_log(tmp_path: Path) -> Path:
    """A small log a learner typed by hand (some blanks, their own ids and words)."""
    return write_log(tmp_path / "my-network", LEARNER_CONTACTS, LEARNER_INTERACTIONS)


def resaved(text: str, delimiter: str) -> bytes:
    """A CSV ``text`` as a spreadsheet saves it with another delimiter (``;`` or tab)."""
    out = io.StringIO()
    rows = csv.reader(io.StringIO(text))
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")
