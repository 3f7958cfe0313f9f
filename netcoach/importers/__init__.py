"""Bring your real network: import LinkedIn, Google Contacts, vCard and calendar files.

>>> from netcoach.importers import import_into, ImportOptions
>>> summary = import_into("my-network", ["Basic_LinkedInDataExport.zip"])  # doctest: +SKIP
>>> print(summary.to_text())                                               # doctest: +SKIP

One module per source (:mod:`.linkedin`, :mod:`.google`, :mod:`.vcard`, :mod:`.ical`),
:mod:`.detect` to choose among them, :mod:`.merge` to add the results to a log without
clobbering what you typed, :mod:`.apply` to read, merge and save, and :mod:`.panel` for the
upload widget. Everything happens on your computer; nothing is sent anywhere.
"""

from __future__ import annotations

from netcoach.importers.apply import import_into, read_sources
from netcoach.importers.detect import ImportOptions, read_source
from netcoach.importers.sources import SourceFile
from netcoach.importers.summary import FileSummary, ImportSummary

__all__ = [
    "FileSummary",
    "ImportOptions",
    "ImportSummary",
    "SourceFile",
    "import_into",
    "read_source",
    "read_sources",
]
