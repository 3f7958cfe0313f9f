"""The in-memory network log: two normalised tables and where they came from.

Everything downstream (scores, plots, widgets, exercises, summaries) takes a
:class:`NetworkLog`. The loader (:mod:`netcoach.loading`) builds one from a folder,
and :func:`NetworkLog.from_frames` builds one from tables made in code or tests.

Normalised tables
-----------------
``contacts``: one row per contact, columns :data:`netcoach.schema.CONTACT_COLUMNS`
plus ``row`` (the line number in ``contacts.csv``; the header is line 1). Text columns are
plain ``str`` with ``""`` for blanks; ``tier`` is one of :data:`~netcoach.schema.TIERS`;
``cadence_days`` is a nullable ``Int64``.

``interactions``: one row per interaction, columns
:data:`netcoach.schema.INTERACTION_COLUMNS` plus ``row``. ``date`` is ``datetime64[ns]``
at midnight; ``channel``, ``kind`` and ``initiated_by`` hold canonical values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netcoach.settings import FolderSettings

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class NetworkLog:
    """A learner's contacts and interactions, already validated and normalised."""

    contacts: pd.DataFrame
    interactions: pd.DataFrame
    folder: Path | None = None
    folder_settings: FolderSettings = field(default_factory=FolderSettings)
    file_hashes: dict[str, str | None] | None = field(default=None, compare=False, repr=False)
    """The sha256 of ``contacts.csv`` and ``interactions.csv`` as loading read them (None
    for a missing file); None for a log made in code. Saving refuses to write over files
    that changed since (:mod:`netcoach.file_hashes`)."""

    @classmethod
    def from_frames(
        cls,
        contacts: pd.DataFrame,
        interactions: pd.DataFrame,
        *,
        folder_settings: FolderSettings | None = None,
    ) -> NetworkLog:
        """Validate and normalise two raw tables (as if read from CSV) into a log.

        Raises :class:`netcoach.validation.LogValidationError` listing every problem.
        """
        from netcoach.validation import normalise_tables

        fs = folder_settings or FolderSettings()
        c, i = normalise_tables(contacts, interactions, day_first=fs.day_first)
        return cls(contacts=c, interactions=i, folder=None, folder_settings=fs)
