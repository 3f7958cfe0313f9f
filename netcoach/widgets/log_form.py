"""A form that adds a contact or an interaction to a learner's own log folder.

Saving goes through :mod:`netcoach.saving` (the same checks as loading, atomic writes,
a backup per save), and "Undo last entry" puts the previous version back. An invalid
entry shows the validation message and changes nothing on disk (every refused save says
"Nothing was saved."); a problem in the entry itself names its field in the form, not the
CSV row it would have got, and the heading says it is in the new entry ("in the log" is
kept for problems in the files themselves).

The form saves only into the log it has open: the "With" list holds the contacts of one
folder, and a folder typed in afterwards is not used (a save or an undo is refused, saying
to press "Open this log") until it is opened, so an interaction is never saved against
another log's contact who happens to have the same short label.

Saving the interaction just saved once more (the same day, person, channel and kind: a
second click on "Save entry", say) is asked about first and saved only when pressed again.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from netcoach import schema
from netcoach.widgets.common import (
    STYLE,
    MessageArea,
    column,
    error_message,
    full_width,
    label,
    not_a_folder_text,
    show_error,
)
from netcoach.words import plural

if TYPE_CHECKING:
    import pandas as pd

    from netcoach.validation import Problem

ADD_CONTACT = "contact"
ADD_INTERACTION = "interaction"
BLANK = ("(blank)", "")


def practice_copy(sample: str = "graduate") -> Path:
    """Copy a sample learner into a new temporary folder, for practising with the form.

    The book runs the form on such a copy, so nothing is ever written into ``data/samples``.
    The copy is removed when the Python process ends normally (best effort).
    """
    from netcoach.samples import sample_path

    root = Path(tempfile.mkdtemp(prefix="netcoach-practice-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)  # best effort, at exit
    target = root / sample
    shutil.copytree(sample_path(sample), target)
    return target


NOTHING_SAVED = "Nothing was saved."
"""Said by every refusal of :meth:`LogForm.save`."""


def _nothing_saved(heading: str) -> str:
    """An error's heading for a refused save: saying so, before a list of problems (whose
    heading ends with a colon) or after a sentence."""
    if heading.endswith(":"):
        return f"{NOTHING_SAVED} {heading}"
    return f"{heading}{'' if heading.endswith(('.', '!', '?')) else '.'} {NOTHING_SAVED}"


def _named(widget: w.Widget) -> str:
    """A form field as the learner sees it: its description in quotation marks."""
    return f"“{widget.description}”"


def _where(folder: Path) -> Path:
    """``folder`` as an absolute path, to tell whether two paths name the same folder."""
    try:
        return folder.resolve()
    except (OSError, RuntimeError):  # (a loop of links, say): as typed
        return folder.absolute()


def _text(description: str, placeholder: str = "", tooltip: str = "") -> w.Text:
    return w.Text(
        description=description,
        placeholder=placeholder,
        tooltip=tooltip or description,
        style=STYLE,
        layout=full_width("520px"),
    )


def _dropdown(description: str, options: list[tuple[str, str]], value: str = "") -> w.Dropdown:
    return w.Dropdown(
        description=description,
        options=options,
        value=value,
        style=STYLE,
        layout=full_width("520px"),
    )


class LogForm(w.VBox):
    """Add a contact or an interaction to the log folder in :attr:`folder`."""

    def __init__(self, folder: str | Path = "", *, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()
        """The day the scores count up to when the folder's settings name no 'as of' date."""
        self.folder_text = _text(
            "Log folder", "for example my-network", "The folder that holds contacts.csv"
        )
        self.folder_text.value = str(folder)
        self.open_button = w.Button(
            description="Open this log",
            tooltip="Read the contacts in this folder",
            icon="folder-open",
            layout=w.Layout(width="auto"),
        )
        self.create_button = w.Button(
            description="Create a new log here",
            tooltip="Make an empty contacts.csv and interactions.csv in this folder",
            icon="plus",
            layout=w.Layout(width="auto"),
        )
        self.what = w.ToggleButtons(
            options=[("Add an interaction", ADD_INTERACTION), ("Add a contact", ADD_CONTACT)],
            value=ADD_INTERACTION,
            description="I want to",
            style=STYLE,
            layout=full_width(),
        )
        # --- interaction fields
        self.date = w.DatePicker(
            description="Day it happened",
            value=self.today,
            style=STYLE,
            layout=full_width("520px"),
        )
        self.contact = _dropdown("With", [("(open a log first)", "")])
        self._names: dict[str, str] = {}
        """The name of each contact in the "With" list, by short label."""
        self._open: Path | None = None
        """The folder the "With" list was read from (absolute); None before one is opened."""
        self._not_open_shown = False
        self.channel = _dropdown(
            "How", [(schema.CHANNEL_LABELS[c], c) for c in schema.CHANNELS], "in_person"
        )
        self.kind = _dropdown(
            "What happened", [(schema.KIND_LABELS[k], k) for k in schema.KINDS], "check_in"
        )
        self.initiated_by = _dropdown(
            "Who started it",
            [("Work it out from what happened", ""), ("Me", "me"), ("Them", "them")],
        )
        self.note = _text("Note", "a few words; for a declined lead, the reason")
        interaction_box = column(
            [
                label(
                    "Pick the day the contact happened, not today's date: your reminders "
                    "count from the day you were actually in touch."
                ),
                self.date,
                self.contact,
                self.channel,
                self.kind,
                self.initiated_by,
                self.note,
            ]
        )
        # --- contact fields
        self.contact_id = _text("Short label", "unique, e.g. c101 or amara-osei")
        self.name = _text("Name", "as you would say it")
        self.organisation = _text("Organisation")
        self.role = _text("Role")
        self.how_met = _text("How you met")
        self.tier = _dropdown(
            "How close", [(schema.TIER_LABELS[t], t) for t in schema.TIERS], "outer"
        )
        self.cadence_days = _text("Keep in touch every (days)", "blank: the tier's default")
        self.email = _text("Email", "used only to match imports")
        self.profile_url = _text("Profile link", "LinkedIn or other profile")
        self.tags = _text("Tags", "separated by ;")
        self.notes = _text("Notes")
        contact_box = column(
            [
                label("Only the short label and the name are required."),
                self.contact_id,
                self.name,
                self.organisation,
                self.role,
                self.how_met,
                self.tier,
                self.cadence_days,
                self.email,
                self.profile_url,
                self.tags,
                self.notes,
            ]
        )
        self.fields = w.Stack([interaction_box, contact_box], selected_index=0)
        self.what.observe(self._on_what, names="value")
        self.date.observe(self._on_date, names="value")
        self._future_shown = False
        self._last_saved: tuple[Any, ...] | None = None
        """The last interaction saved (:meth:`_same_as_saved`), None after an undo."""
        self._repeat_warned = False
        """Whether saving it again was asked about (until a field of the entry changes)."""
        self._contact_saved: tuple[Any, str] | None = None
        """The log and the words of the last contact saved: a second click on the emptied
        form repeats them rather than calling its empty fields a problem."""
        for field in (self.date, self.contact, self.channel, self.kind, self.initiated_by):
            field.observe(self._on_entry_changed, names="value")
        self.save_button = w.Button(
            description="Save entry",
            button_style="primary",
            icon="save",
            tooltip="Add it to the log",
            layout=w.Layout(width="auto"),
        )
        self.undo_button = w.Button(
            description="Undo last entry",
            icon="undo",
            tooltip="Put back the log as it was",
            layout=w.Layout(width="auto"),
        )
        self.message = MessageArea()
        self.open_button.on_click(lambda _: self.open_log())
        self.create_button.on_click(lambda _: self.create())
        self.save_button.on_click(lambda _: self.save())
        self.undo_button.on_click(lambda _: self.undo())
        super().__init__(
            [
                column(
                    [
                        label("Where your log is kept (a folder on this computer):"),
                        self.folder_text,
                        w.HBox(
                            [self.open_button, self.create_button],
                            layout=w.Layout(flex_flow="row wrap"),
                        ),
                        self.what,
                        self.fields,
                        w.HBox(
                            [self.save_button, self.undo_button],
                            layout=w.Layout(flex_flow="row wrap"),
                        ),
                        self.message,
                    ]
                )
            ],
            layout=full_width(),
        )
        if str(folder):
            self.open_log(quiet=True)
        self.folder_text.observe(self._on_folder, names="value")

    @property
    def folder(self) -> Path:
        """The log folder named in the text box (``~`` expanded)."""
        return Path(self.folder_text.value.strip()).expanduser()

    def _warning(self, text: str, was_shown: bool) -> bool:
        """Show ``text`` as a warning, or clear the message when it held this warning and
        there is nothing to say now; whether the warning is shown."""
        if text:
            self.message.show(text, "warning")
        elif was_shown:
            self.message.clear()
        return bool(text)

    def _on_folder(self, _change: dict) -> None:
        self._not_open_shown = self._warning(self.not_open_text(), self._not_open_shown)

    def not_open_text(self) -> str:
        """What to tell the learner when the folder typed is not the one the form has open
        (whose contacts the "With" list shows); else empty."""
        if self._open is None or not self.folder_text.value.strip():
            return ""
        if _where(self.folder) == self._open:
            return ""
        return (
            f"{self.folder} is not open yet: the “With” list still shows the contacts in "
            f"{self._open}. Press “{self.open_button.description}” to read the contacts in "
            f"{self.folder} before you save there, or type {self._open} again to stay with "
            "that log."
        )

    def _on_what(self, change: dict) -> None:
        self.fields.selected_index = 0 if change["new"] == ADD_INTERACTION else 1

    def _on_date(self, _change: dict) -> None:
        self._future_shown = self._warning(self.future_date_text(), self._future_shown)

    def _as_of(self) -> tuple[dt.date, bool]:
        """The day the scores count up to (the folder's ``as_of``, else :attr:`today`), and
        whether it comes from the folder's settings.toml."""
        from netcoach.settings import read_folder_settings

        fixed = None
        if self.folder_text.value.strip():
            with contextlib.suppress(ValueError, TypeError, OSError):  # the form says why on save
                fixed = read_folder_settings(self.folder).as_of
        return (fixed, True) if fixed else (self.today, False)

    def future_date_text(self, *, saved: bool = False) -> str:
        """What to tell the learner when the day entered is after the 'as of' date (such an
        interaction is saved, but not counted yet), before or after ``saved``; else empty."""
        from netcoach.words import long_date

        day = self.date.value
        as_of, from_settings = self._as_of()
        if day is None or day <= as_of:
            return ""
        if from_settings:
            after = f"{long_date(as_of)}, the 'as of' date in your settings.toml"
            until = f"until that date is {long_date(day)} or later"
        else:
            after, until = f"today ({long_date(as_of)})", "until that day"
        if saved:
            return f"It is dated after {after}, so your scores will not count it {until}."
        return (
            f"{long_date(day)} is after {after}. You can still save it, but your scores will "
            f"not count it {until}."
        )

    def _interaction_words(self, kind: str, day: dt.date, contact_id: str) -> str:
        """An interaction as the form's messages say it: "a keep-in-touch check-in,
        1 September 2025, with Greta Garrowby (c003)" (the save message, and what Undo says it
        took back), the person named as in the "With" list."""
        from netcoach.words import long_date

        name = self._names.get(contact_id)
        who = f"{name} ({contact_id})" if name else contact_id
        return f"{schema.KIND_LABELS[kind].lower()}, {long_date(day)}, with {who}"

    def _refresh_contacts(self, contacts: Any) -> str:
        """Fill the "With" list with the contacts of the log in :attr:`folder`, keeping the
        person chosen: by short label in the same folder; in another folder only where
        the label is theirs there too, else under their name if it is there. Returns the
        name of the person chosen before when they are no longer chosen, else ""."""
        chosen, name = self.contact.value, self._names.get(self.contact.value)
        same_folder = self._open == _where(self.folder)
        self._names = dict(zip(contacts["contact_id"], contacts["name"], strict=True))
        self._open = _where(self.folder)
        options = [(f"{n} ({cid})", cid) for cid, n in self._names.items()]
        self.contact.options = options or [("(no contacts yet: add one first)", "")]
        if chosen in self._names and (same_folder or self._names[chosen] == name):
            keep = chosen
        else:
            keep = next((cid for cid, n in self._names.items() if n == name), None)
        if keep is not None:
            self.contact.value = keep
        if self._not_open_shown and not self.not_open_text():
            self._not_open_shown = False
        return name if name and keep is None else ""

    def open_log(self, *, quiet: bool = False) -> bool:
        """Read the contacts in the folder into the "With" list; say what went wrong if not."""
        from netcoach.loading import load_log

        if not self.folder_text.value.strip():
            self.message.show("Type the path of your log folder first.", "error")
            return False
        try:
            log = load_log(self.folder)
        except Exception as err:  # shown in the widget, never a traceback
            show_error(self.message, err)
            return False
        gone = self._refresh_contacts(log.contacts)
        if not quiet:
            text = (
                f"Opened {self.folder}: {plural(len(log.contacts), 'contact')}, "
                f"{plural(len(log.interactions), 'interaction')}."
            )
            if gone:
                text += f" {gone} is not in this log: choose again in {_named(self.contact)}."
            self.message.show(text, "success")
        return True

    def create(self) -> None:
        """Create an empty log in the folder (refuses to overwrite an existing log)."""
        from netcoach.saving import create_log

        if not self.folder_text.value.strip():
            self.message.show("Type the path of the new log folder first.", "error")
            return
        not_folder = not_a_folder_text(
            self.folder,
            self.folder_text.description,
            "the folder to keep the new log in (it is made if it is not there yet)",
            "Nothing was created.",
        )
        if not_folder:
            self.message.show(not_folder, "error")
            return
        try:
            create_log(self.folder)
        except Exception as err:
            show_error(self.message, err)
            return
        self._refresh_contacts({"contact_id": [], "name": []})
        self.what.value = ADD_CONTACT
        self.message.show(
            f"Created an empty log in {self.folder}. Add your first contact below.", "success"
        )

    def entry(self) -> dict[str, str]:
        """The fields of the entry being added, as text (as a CSV row holds them)."""
        if self.what.value == ADD_CONTACT:
            names = schema.CONTACT_COLUMNS
            return {c: str(getattr(self, c).value).strip() for c in names}
        date = self.date.value
        return {
            "date": date.isoformat() if date else "",
            "contact_id": self.contact.value or "",
            "channel": self.channel.value,
            "kind": self.kind.value,
            "initiated_by": self.initiated_by.value,
            "note": self.note.value.strip(),
        }

    def _missing_choice(self) -> str:
        """What to pick first when an interaction has no date or no contact, naming the
        field in the form (the row it would get in interactions.csv does not exist yet)."""
        if self.what.value != ADD_INTERACTION:
            return ""
        if self.date.value is None:
            return (
                f"Pick a date in {_named(self.date)} first: the day you were in touch, "
                "not the day you write it down."
            )
        if not self.contact.value:
            return (
                f"Choose who it was with in {_named(self.contact)} first; if they are "
                "not in the list, add them as a contact."
            )
        return ""

    def _in_form(self, err: Exception) -> tuple[Exception, int]:
        """``err`` with every problem of the entry being added named as its field in the
        form (the row it would get in the CSV does not exist yet), and how many of its
        problems are the entry's. Problems in rows already in the files, which a hand edit
        can leave, keep their file and row. The log is read again (only after a failed
        save) for the number of the new row."""
        from netcoach.loading import load_log
        from netcoach.saving import next_row
        from netcoach.validation import LogValidationError

        if not isinstance(err, LogValidationError):
            return err, 0
        try:
            log = load_log(self.folder)
        except Exception:  # the files themselves need fixing: those problems name their rows
            return err, 0
        # (the line saving gives the new row: after the learner's notes-only lines at the end)
        if self.what.value == ADD_CONTACT:
            file, table = schema.CONTACTS_FILE, log.contacts
        else:
            file, table = schema.INTERACTIONS_FILE, log.interactions
        new = (file, next_row(table, self.folder / file))
        ours = [(p.file, p.row) == new for p in err.problems]
        problems = [
            self._as_field(p, log.contacts) if mine else p
            for p, mine in zip(err.problems, ours, strict=True)
        ]
        return LogValidationError(problems, omitted=err.omitted), sum(ours)

    def _refusal(self, err: Exception) -> tuple[str, list[str]]:
        """The heading and the lines of a refused save. The heading says where the problems
        are: in the new entry (the learner can fix it in the form), in the log's files (a
        hand edit to fix there), or both."""
        from netcoach.saving import LogChangedOnDisk, PartlySaved, blocked_reason, log_file_named

        shown, in_entry = self._in_form(err)
        head, details = error_message(shown)
        if isinstance(err, PartlySaved):  # its own words say what was saved and where
            return head, details
        if isinstance(err, LogChangedOnDisk):  # (the next click reads the files afresh)
            files = " and ".join(err.files) or "The log"
            return (
                f"{NOTHING_SAVED} {files} changed while your entry was being saved (an edit "
                f"in a spreadsheet, say). Press {self.save_button.description} again to add "
                "your entry to the log as it is now.",
                [],
            )
        if isinstance(err, OSError):
            why = blocked_reason(err, self.folder, f"press {self.save_button.description} again")
            name = log_file_named(err)  # (not the temporary file)
            head = (
                f"{name} in {self.folder} could not be saved: {why}."
                if name
                else f"Your entry could not be saved in {self.folder}: {why}."
            )
        count = getattr(shown, "count", 0)
        if in_entry:
            problems = f"{count} problem{'s' if count != 1 else ''}"
            if in_entry == count:
                head = f"Network Coach found {problems} in your new entry:"
            else:
                head = (
                    f"Network Coach found {problems}: {in_entry} in your new entry and "
                    f"{count - in_entry} in the log:"
                )
        return _nothing_saved(head), details

    def _as_field(self, problem: Problem, contacts: pd.DataFrame) -> Problem:
        """A problem of the new entry, with the form field's name where a file's would be
        (the problem's column tells which field). An empty field is said in the form's words
        ("every contact needs a short label", not "a contact id"); other messages are the
        checks' own."""
        from netcoach.validation import Problem, empty_cell_message, spoken

        if problem.file == schema.INTERACTIONS_FILE and problem.column == "contact_id":
            widget = self.contact  # "With": the interaction's contact_id
        else:
            widget = getattr(self, problem.column or "", None)
        if widget is None or problem.column is None:
            return problem
        message = problem.message
        what = "contact" if problem.file == schema.CONTACTS_FILE else "interaction"
        if message == empty_cell_message(what, spoken(problem.column)):
            # (an interaction's required fields are choices, checked before saving)
            needed = widget.description.lower() if what == "contact" else spoken(problem.column)
            message = empty_cell_message(what, needed, cell="it")
        if widget is self.contact_id:  # a label already in use (capitals aside)?
            wanted = self.contact_id.value.strip().casefold()
            taken = contacts[contacts["contact_id"].str.casefold() == wanted]
            if len(taken):
                name, row = taken.iloc[0][["name", "row"]]
                message = (
                    f"this label is already used by {name} (row {row} of "
                    f"{schema.CONTACTS_FILE}); choose another."
                )
        return Problem(f"{_named(widget)} field", None, None, message)

    def save(self) -> bool:
        """Validate and save the entry; show the problem (and change nothing) if it is invalid."""
        from netcoach.saving import add_contact, add_interaction

        if not self.folder_text.value.strip():
            self.message.show(f"Type the path of your log folder first. {NOTHING_SAVED}", "error")
            return False
        refused = self.not_open_text() or self._missing_choice()
        if refused:
            self.message.show(f"{refused} {NOTHING_SAVED}", "error")
            return False
        fields = self.entry()
        repeat = self._repeat_text(fields)
        if repeat:
            self.message.show(repeat, "warning")
            return False
        already = self._contact_already_saved(fields)
        if already:
            self.message.show(already, "info")
            return False
        later = self.future_date_text(saved=True) if self.what.value == ADD_INTERACTION else ""
        if self.what.value == ADD_CONTACT:
            adding = add_contact
        else:  # what Undo will say it took back, in the words of the message below
            words = self._interaction_words(fields["kind"], self.date.value, fields["contact_id"])
            adding = partial(add_interaction, description=f"adding {words} to interactions.csv")
        try:
            log = adding(self.folder, **fields)
        except Exception as err:  # refused: the files are as they were
            head, details = self._refusal(err)
            self.message.show(head, "error", details)
            return False
        try:
            if self.what.value == ADD_CONTACT:
                row = log.contacts.iloc[-1]
                text = f"Saved {row['name']} to contacts.csv (row {int(row['row'])})."
                self._refresh_contacts(log.contacts)
                self._clear_contact_fields()
                self._contact_saved = (
                    self._open,
                    f"{row['name']} is already saved in contacts.csv (row {int(row['row'])})",
                )
            else:
                row = log.interactions.iloc[-1]
                self._refresh_contacts(log.contacts)  # (the person named is the log's own)
                words = self._interaction_words(row["kind"], row["date"], row["contact_id"])
                where = Path(log.folder or self.folder) / schema.INTERACTIONS_FILE
                text = f"Saved: {words}, in {where} (row {int(row['row'])})."
                self.note.value = ""
                self._last_saved = (*self._same_as_saved(fields), int(row["row"]))
                self._repeat_warned = False
        except Exception as err:  # (saved all the same: undo can take it back)
            show_error(self.message, err)
            return True
        text += " A backup of the previous version was kept."
        self.message.show(f"{text} {later}" if later else text, "warning" if later else "success")
        self._future_shown = False
        return True

    def _on_entry_changed(self, _change: dict) -> None:
        self._repeat_warned = False  # changed back later, it is the repeat asked about again

    def _same_as_saved(self, fields: dict[str, str]) -> tuple[Any, ...]:
        """What makes an interaction the one just saved again: the log and every field but
        the note (the note is cleared after a save, so a second click leaves it blank)."""
        return (self._open, *(v for k, v in fields.items() if k != "note"))

    def _repeat_text(self, fields: dict[str, str]) -> str:
        """A warning, once, when this interaction is the one just saved (a second click on
        "Save entry", say); "" when it is new, or when the warning was already given."""
        if self.what.value != ADD_INTERACTION or self._last_saved is None:
            return ""
        *saved, row = self._last_saved
        if tuple(saved) != self._same_as_saved(fields) or self._repeat_warned:
            return ""
        self._repeat_warned = True
        words = self._interaction_words(fields["kind"], self.date.value, fields["contact_id"])
        return (
            f"This is the entry you saved a moment ago, in row {row}: {words}. {NOTHING_SAVED} "
            f"If it really happened twice that day, press {self.save_button.description} again."
        )

    def _contact_already_saved(self, fields: dict[str, str]) -> str:
        """Said, instead of "it is empty", when Save is pressed again on the contact form a
        save has just emptied (a double click); "" once anything is typed in it."""
        typed = any(value for name, value in fields.items() if name != "tier")
        if self.what.value != ADD_CONTACT or typed or self._contact_saved is None:
            return ""
        log, words = self._contact_saved
        if log != self._open:
            return ""
        return f"{words}. To add another contact, fill in the form again."

    def _clear_contact_fields(self) -> None:
        for c in schema.CONTACT_COLUMNS:
            widget = getattr(self, c)
            widget.value = "outer" if c == "tier" else ""

    def undo(self) -> None:
        """Put back the log as it was before the last save."""
        from netcoach.saving import UndoRefused, undo_last

        if not self.folder_text.value.strip():
            self.message.show("Type the path of your log folder first.", "error")
            return
        refused = self.not_open_text()
        if refused:
            self.message.show(f"{refused} Nothing was undone.", "error")
            return
        try:
            undone = undo_last(self.folder)
        except UndoRefused as err:  # already plain sentences for the learner
            self.message.show(str(err), "error")
            return
        except Exception as err:
            show_error(self.message, err)
            return
        if undone is None:
            self.message.show("Nothing to undo: no earlier version is kept for this log.", "info")
            return
        self._last_saved = self._contact_saved = None  # gone: saving it again is no repeat
        self.open_log(quiet=True)
        self.message.show(f"Undone: {undone.description}.", "success")
