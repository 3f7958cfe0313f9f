"""An upload panel for notebooks: choose export files, press Import, read the summary.

The files are read in the notebook's own Python process and merged into the log folder on
this computer; nothing is uploaded to any server. Testable without a browser: set the
upload's ``value``, call ``button.click()`` and read ``panel.result``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import ipywidgets as w

from netcoach.importers.apply import NOTHING_IMPORTED, import_into, save_failure
from netcoach.importers.detect import ImportOptions
from netcoach.importers.ical import MAX_ATTENDEES, ZONE_EXAMPLE, known_zone
from netcoach.importers.sources import SourceFile
from netcoach.importers.summary import ImportSummary
from netcoach.locking import LogBusyError
from netcoach.validation import LogValidationError
from netcoach.widgets.common import STYLE, MessageArea, column, full_width, label, show_error

ACCEPT = ".zip,.csv,.vcf,.vcard,.ics"
NOT_IMPORTED = f"{NOTHING_IMPORTED[:1].upper()}{NOTHING_IMPORTED[1:]}."
"""The command's words, as a sentence of their own."""

CALENDAR_TEXT = (
    "Calendar files only: leave these blank to import the year up to your newest meeting "
    "already held, and any planned after it, as netcoach import does. To leave out "
    "meetings not held yet, choose today as the last day."
)
"""Above the calendar options: what blank means (the command's defaults)."""


def uploaded_files(value: Any) -> list[SourceFile]:
    """The files in a ``FileUpload`` value (ipywidgets 8: a tuple of dicts with content)."""
    items: Iterable[Any] = value.values() if isinstance(value, dict) else value or ()
    files = []
    for item in items:
        content = item["content"] if isinstance(item, dict) else item.content
        name = item["name"] if isinstance(item, dict) else item.name
        files.append(SourceFile(str(name), bytes(content)))
    return files


class ImportPanel(w.VBox):
    """File upload, options, an Import button and a result area."""

    def __init__(
        self,
        into_folder: str | Path,
        *,
        on_imported: Callable[[ImportSummary], None] | None = None,
    ) -> None:
        self.folder = Path(into_folder)
        self.on_imported = on_imported
        self.upload = w.FileUpload(
            accept=ACCEPT,
            multiple=True,
            description="Choose files",
            tooltip="LinkedIn export (.zip or .csv), Google Contacts .csv, .vcf or .ics files",
            layout=full_width("320px"),
        )
        self.me = w.Text(
            description="Your name, email or LinkedIn URL (optional)",
            placeholder="for example robin@example.com",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.keep_text = w.Checkbox(
            description="Keep the text of LinkedIn messages in my notes",
            value=False,
            style=STYLE,
            indent=False,
        )
        self.since = w.DatePicker(
            description="Calendar: first day to import (optional)",
            tooltip="Leave blank for a year before the last day, or with no last day, a "
            "year before your newest meeting already held",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.until = w.DatePicker(
            description="Calendar: last day to import (optional)",
            tooltip="Leave blank for the newest event; choose today to leave out meetings "
            "not held yet",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.timezone = w.Text(
            description="Calendar: your time zone (optional)",
            placeholder=f"for example {ZONE_EXAMPLE}",
            tooltip="Leave blank for the calendar's own time zone",
            style=STYLE,
            layout=full_width("520px"),
        )
        self.dry_run = w.Checkbox(
            description="Only show what would be imported (save nothing)",
            value=False,
            style=STYLE,
            indent=False,
        )
        self.button = w.Button(
            description="Import",
            button_style="primary",
            tooltip=f"Add what is in the chosen files to the log in {self.folder}",
            icon="upload",
        )
        self.result = MessageArea()
        self.summary: ImportSummary | None = None
        self.button.on_click(lambda _: self.run())
        intro = label(
            "Import your network: choose your LinkedIn data export, contacts (.csv or .vcf) "
            f"or calendar (.ics) files. They are added to the log in {self.folder}; what you "
            "typed is never changed, and nothing is sent anywhere."
        )
        super().__init__(
            children=[
                column(
                    [
                        intro,
                        self.upload,
                        self.me,
                        self.keep_text,
                        label(CALENDAR_TEXT),
                        self.since,
                        self.until,
                        self.timezone,
                        self.dry_run,
                        self.button,
                    ]
                ),
                self.result,
            ]
        )

    def options(self) -> ImportOptions | str:
        """The choices made in the panel, as the import command takes them from its options
        (a blank one is the command's default), or why they cannot be used."""
        since, until = self.since.value, self.until.value
        zone = self.timezone.value.strip() or None
        if zone is not None and known_zone(zone) is None:
            return (
                f"“{self.timezone.description}”: {zone!r} is not a known time zone; write it "
                f"like {ZONE_EXAMPLE} or America/New_York (a region and a city), or leave it "
                "blank."
            )
        if since and until and since > until:
            return (
                f"The first day to import, {since:%d %B %Y}, is after the last day, "
                f"{until:%d %B %Y}, so no day is left to import: choose a first day on or "
                "before the last."
            )
        return ImportOptions(
            me=self.me.value.strip() or None,
            keep_message_text=bool(self.keep_text.value),
            since=since,
            until=until,
            max_attendees=MAX_ATTENDEES,
            timezone=zone,
        )

    def run(self) -> ImportSummary | None:
        """Import the chosen files and show the summary, or the problem, in ``result``."""
        files = uploaded_files(self.upload.value)
        if not files:
            self.result.show("Choose one or more files first.", "info")
            return None
        options = self.options()
        if isinstance(options, str):  # a choice that cannot be used: said before any file is read
            self.summary = None
            self.result.show(f"{NOT_IMPORTED} {options}", "error")
            return None
        try:
            summary = import_into(self.folder, files, options, dry_run=bool(self.dry_run.value))
        except LogValidationError as err:
            self.summary = None
            self.result.show(
                f"{NOT_IMPORTED} Please check:",
                "error",
                [str(p) for p in err.problems[:20]],
            )
            return None
        except LogBusyError as err:  # (a TimeoutError, so an OSError: said before those)
            self.summary = None
            show_error(self.result, err)
            return None
        except OSError as err:  # the folder cannot be written (read-only, a file open elsewhere)
            self.summary = None
            line, unchanged = save_failure(self.folder, err)
            if unchanged:
                self.result.show(f"{NOT_IMPORTED} This is why:", "error", [line])
            else:
                self.result.show(line, "error")
            return None
        except Exception as err:  # anything else is shown here too, never only in the kernel log
            self.summary = None
            show_error(self.result, err)
            return None
        self.summary = summary
        self.result.show(summary.headline(), "success", summary.details())
        if self.on_imported is not None and not summary.dry_run and summary.changed:
            self.on_imported(summary)
        return summary


def import_panel(
    into_folder: str | Path, *, on_imported: Callable[[ImportSummary], None] | None = None
) -> ImportPanel:
    """The upload panel for the log in ``into_folder`` (a widget; display it in a notebook)."""
    return ImportPanel(into_folder, on_imported=on_imported)
