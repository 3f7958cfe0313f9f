"""What one imported file yields: people, interactions with them, and what was skipped.

Importers return an :class:`ImportBatch`. Its people carry no ``contact_id``: the merge
step (:mod:`netcoach.importers.merge`) matches them to the log by email, then profile URL,
then normalised name, and gives new people a stable id. Interactions name their person the
same way (``name``, ``email``, ``profile_url``), so they can be matched to a contact.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from netcoach import schema

PEOPLE_COLUMNS: tuple[str, ...] = tuple(c for c in schema.CONTACT_COLUMNS if c != "contact_id")
EVENT_COLUMNS: tuple[str, ...] = (
    "date",
    "name",
    "email",
    "profile_url",
    "channel",
    "kind",
    "initiated_by",
    "note",
)


@dataclass
class ImportBatch:
    """People and interactions read from one file, plus the reasons rows were skipped."""

    file: str
    people: pd.DataFrame = field(default_factory=lambda: empty_people())
    events: pd.DataFrame = field(default_factory=lambda: empty_events())
    skipped: Counter = field(default_factory=Counter)
    """Reason (plain words) -> how many rows were skipped for it."""
    priority: int = 5
    """Lower merges first, so richer contact lists fill fields before message logs."""
    notes: list[str] = field(default_factory=list)
    """Sentences for the file's summary (such as a ``--me`` that matched no one in it)."""


def empty_people() -> pd.DataFrame:
    """An empty people table (all text columns)."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in PEOPLE_COLUMNS})


def empty_events() -> pd.DataFrame:
    """An empty interactions table (``date`` as ``datetime64[ns]``)."""
    out = pd.DataFrame({c: pd.Series([], dtype=object) for c in EVENT_COLUMNS})
    out["date"] = pd.Series([], dtype="datetime64[ns]")
    return out


def people_frame(**columns: pd.Series | str) -> pd.DataFrame:
    """A people table from columns (missing ones blank); rows without name or email dropped."""
    return _frame(PEOPLE_COLUMNS, columns)


def events_frame(**columns: pd.Series | str) -> pd.DataFrame:
    """An interactions table from columns (missing ones blank)."""
    out = _frame(EVENT_COLUMNS, columns)
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]").dt.normalize()
    return out


def _frame(names: tuple[str, ...], columns: dict) -> pd.DataFrame:
    index = next((v.index for v in columns.values() if isinstance(v, pd.Series)), None)
    if index is None:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in names})
    out = pd.DataFrame(index=index)
    for name in names:
        value = columns.get(name, "")
        if isinstance(value, pd.Series):
            out[name] = value if name == "date" else value.fillna("").astype(str).str.strip()
        else:
            out[name] = value
    return out.reset_index(drop=True)


# --- keys for matching people ---------------------------------------------------------------


def email_key(values: pd.Series) -> pd.Series:
    """Emails compared case-insensitively, ``mailto:`` and spaces removed."""
    s = values.fillna("").astype(str).str.strip().str.lower()
    s = s.str.replace(r"^mailto:", "", regex=True)
    return s.where(s.str.contains("@", regex=False), "")


def url_key(values: pd.Series) -> pd.Series:
    """Profile URLs without scheme, ``www.``, query and trailing slash, lower-cased."""
    s = values.fillna("").astype(str).str.strip().str.lower()
    s = s.str.replace(r"^[a-z]+://", "", regex=True).str.replace(r"^www\.", "", regex=True)
    s = s.str.replace(r"[?#].*$", "", regex=True).str.rstrip("/")
    return s.where(s.str.contains(r"\w\.\w", regex=True), "")


def name_key(values: pd.Series) -> pd.Series:
    """Names folded for matching: accents removed, case and punctuation ignored."""
    s = values.fillna("").astype(str).str.normalize("NFKD")
    s = s.str.replace(r"[\u0300-\u036f]", "", regex=True).str.casefold()
    return s.str.replace(r"[\W_]+", " ", regex=True).str.strip()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def stable_id(name: str, email: str, url: str) -> str:
    """A contact id that depends only on who the person is (so re-imports agree).

    A readable slug of the name plus six hex digits of a hash of the normalised email, else
    the profile URL, else the name: ``amara-osei-3fa2c9``.
    """
    basis = f"email:{email}" if email else f"url:{url}" if url else f"name:{name}"
    digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:6]
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")[:24].strip("-") or "contact"
    return f"{slug}-{digest}"


def name_from_email(values: pd.Series) -> pd.Series:
    """A readable stand-in name from an email address: ``amara.osei@x`` -> ``Amara Osei``."""
    local = values.fillna("").astype(str).str.split("@").str[0]
    return local.str.replace(r"[._+\-]+", " ", regex=True).str.strip().str.title()
