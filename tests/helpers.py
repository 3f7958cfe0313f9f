"""Small hand-made network logs for tests (invented people, example.com addresses)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

from netcoach import schema
from netcoach.locking import LOCK_FILE
from netcoach.log import NetworkLog

CONTACTS_HEADER = ",".join(schema.CONTACT_COLUMNS) + "\n"
INTERACTIONS_HEADER = ",".join(schema.INTERACTION_COLUMNS) + "\n"
"""The header lines of a log's two files, for a test that writes its own rows."""

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


def uploaded(name: str, data: bytes, mime: str = "") -> dict:
    """One file as an ipywidgets 8 ``FileUpload`` holds it in its ``value``."""
    import datetime as dt

    return {
        "name": name,
        "type": mime,
        "size": len(data),
        "content": memoryview(data),
        "last_modified": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    }


def folder_digest(folder: Path, *, with_lock: bool = False) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) with the SHA-256 of its bytes.

    The empty lock file a writer leaves behind (``.netcoach.lock``, not data) is left out
    unless ``with_lock``.
    """
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (with_lock or p.name != LOCK_FILE)
    }


ANY_TEXT = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufeff"
) | st.sampled_from([",", ";", '"', "\n", "\r", " ", "\t"])
"""Any character a cell may hold, including separators, quotes and line breaks."""

WINDOWS_TEXT = st.sampled_from([*"abcxyzABCXYZ019 -'.,;\"&()", "é", "ë", "ö", "ñ", "ç", "\n"])
"""Characters that cp1252 can encode and that cannot be mistaken for UTF-8."""


def _cells(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=12).map(str.strip)


_ids = st.from_regex(r"[a-z][a-z0-9\-]{0,7}", fullmatch=True)


@st.composite
def network_logs(draw, alphabet: st.SearchStrategy[str] = ANY_TEXT) -> NetworkLog:
    """Small valid logs (normalised) whose text cells hold awkward characters."""
    _text = _cells(alphabet)
    ids = draw(st.lists(_ids, min_size=1, max_size=6, unique_by=str.casefold))
    n = len(ids)
    contacts = pd.DataFrame(
        {
            "contact_id": ids,
            "name": draw(st.lists(_text.filter(bool), min_size=n, max_size=n)),
            "organisation": draw(st.lists(_text, min_size=n, max_size=n)),
            "tier": draw(st.lists(st.sampled_from(schema.TIERS), min_size=n, max_size=n)),
            "cadence_days": draw(st.lists(st.none() | st.integers(1, 400), min_size=n, max_size=n)),
            "notes": draw(st.lists(_text, min_size=n, max_size=n)),
        }
    )
    m = draw(st.integers(0, 8))
    interactions = pd.DataFrame(
        {
            "date": draw(
                st.lists(
                    st.dates(pd.Timestamp("1990-01-01").date(), pd.Timestamp("2100-12-31").date()),
                    min_size=m,
                    max_size=m,
                )
            ),
            "contact_id": draw(st.lists(st.sampled_from(ids), min_size=m, max_size=m)),
            "channel": draw(st.lists(st.sampled_from(schema.CHANNELS), min_size=m, max_size=m)),
            "kind": draw(st.lists(st.sampled_from(schema.KINDS), min_size=m, max_size=m)),
            "note": draw(st.lists(_text, min_size=m, max_size=m)),
        }
    )
    return NetworkLog.from_frames(contacts, interactions)


def write_summaries(
    folder: Path, summaries: list[dict], file_name: Callable[[dict], str] | None = None
) -> Path:
    """Write each summary into ``folder`` (made if needed) as its own JSON file, named by
    ``file_name`` (default: ``NICKNAME.json``); return the folder."""
    from netcoach.summary import summary_json

    folder.mkdir(parents=True, exist_ok=True)
    for summary in summaries:
        name = file_name(summary) if file_name else f"{summary['nickname']}.json"
        (folder / name).write_text(summary_json(summary))
    return folder


def graduate_summary() -> dict:
    """The graduate sample's summary under the nickname 'base' (for varying its counts)."""
    from netcoach.samples import load_sample
    from netcoach.scoring import score_log
    from netcoach.summary import build_summary

    log = load_sample("graduate")
    return build_summary(score_log(log), log, "base")
