"""What an import did, per file, in plain words: added, merged and skipped (with reasons)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

B = TypeVar("B")


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def me_matched_no_one(me: str, file: str, guess: str, why: str = "") -> str:
    """The note for a file in which the learner's given name, email or profile link (``--me``,
    or "your name" in the upload panel) matched no one, so who they are was guessed:
    ``guess`` (empty when no one could be), and ``why`` the file could not match it."""
    said = f'You said you are "{me}", but no one in {file} is{f" ({why})" if why else ""}; '
    if guess:
        return said + f"Network Coach took you to be {guess}."
    return said + "Network Coach could not tell which person is you."


def with_notes(batch: B, notes: list[str]) -> B:
    """An importer's ``batch`` with ``notes`` added, for its file's summary (merging copies
    them there)."""
    batch.notes.extend(notes)
    return batch


@dataclass
class FileSummary:
    """Counts for one imported file."""

    file: str
    contacts_added: int = 0
    contacts_merged: int = 0
    """People matched to someone already in the log or earlier in this import."""
    contacts_updated: int = 0
    """Of those, contacts already in the log that had blank fields filled in."""
    interactions_added: int = 0
    skipped: Counter = field(default_factory=Counter)
    """Reason -> rows skipped for it."""
    notes: list[str] = field(default_factory=list)
    """Sentences the learner should read about this file (such as a ``me`` that matched no
    one, so who they are was guessed)."""

    def to_text(self) -> str:
        """A line about this file, then a line for what was skipped (one reason: ``Skipped 2:
        already in your log.``; several: ``Skipped 3: no date (1); no name (2).``) and one
        for each note."""
        done = [
            _n(self.contacts_added, "new contact"),
            _n(self.interactions_added, "new interaction"),
        ]
        if self.contacts_merged:
            merged = _n(self.contacts_merged, "person", "people")
            filled = (
                f" ({self.contacts_updated} had blank details filled in)"
                if self.contacts_updated
                else ""
            )
            done.append(f"{merged} you already had{filled}")
        line = f"{self.file}: {', '.join(done)}."
        reasons = sorted((why, n) for why, n in self.skipped.items() if n > 0)
        if len(reasons) == 1:
            line += f"\n  Skipped {reasons[0][1]}: {reasons[0][0]}."
        elif reasons:
            total = sum(n for _, n in reasons)
            line += f"\n  Skipped {total}: {'; '.join(f'{why} ({n})' for why, n in reasons)}."
        return line + "".join(f"\n  {note}" for note in self.notes)

    def to_dict(self) -> dict[str, Any]:
        """Plain data, for JSON."""
        return {
            "file": self.file,
            "contacts_added": self.contacts_added,
            "contacts_merged": self.contacts_merged,
            "contacts_updated": self.contacts_updated,
            "interactions_added": self.interactions_added,
            "skipped": dict(sorted(self.skipped.items())),
            "notes": list(self.notes),
        }


@dataclass
class ImportSummary:
    """Everything an import did (or, in a dry run, would do)."""

    files: list[FileSummary] = field(default_factory=list)
    dry_run: bool = False
    saved_to: str | None = None

    def file(self, name: str) -> FileSummary:
        """The summary for ``name``, created on first use."""
        for item in self.files:
            if item.file == name:
                return item
        item = FileSummary(name)
        self.files.append(item)
        return item

    @property
    def contacts_added(self) -> int:
        return sum(f.contacts_added for f in self.files)

    @property
    def interactions_added(self) -> int:
        return sum(f.interactions_added for f in self.files)

    @property
    def contacts_updated(self) -> int:
        return sum(f.contacts_updated for f in self.files)

    @property
    def changed(self) -> bool:
        """Whether the log would change."""
        return bool(self.contacts_added or self.interactions_added or self.contacts_updated)

    def headline(self) -> str:
        """One sentence: how many contacts and interactions were (or would be) added."""
        total = (
            f"In all: {_n(self.contacts_added, 'new contact')} and "
            f"{_n(self.interactions_added, 'new interaction')}"
        )
        if self.contacts_updated:
            total += f"; {_n(self.contacts_updated, 'contact')} with blank details filled in"
        return total + "."

    def details(self) -> list[str]:
        """A line per file, then what happened to the log."""
        lines = [f.to_text() for f in self.files]
        if self.dry_run:
            lines.append("This was a dry run: nothing was saved.")
        elif not self.changed:
            lines.append("Your log already had all of this, so nothing was changed.")
        elif self.saved_to:
            lines.append(
                f"Saved to {self.saved_to}. To take it back, run: netcoach undo "
                f"{self.saved_to} (or press Undo last entry in the log-an-interaction notebook)."
            )
        return lines

    def to_text(self) -> str:
        """The summary as a learner reads it."""
        details = self.details()
        return "\n".join(
            [*details[: len(self.files)], self.headline(), *details[len(self.files) :]]
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data, for JSON."""
        return {
            "files": [f.to_dict() for f in self.files],
            "contacts_added": self.contacts_added,
            "interactions_added": self.interactions_added,
            "contacts_updated": self.contacts_updated,
            "dry_run": self.dry_run,
            "saved_to": self.saved_to,
        }
