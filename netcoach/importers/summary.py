"""What an import did, per file, in plain words: added, merged and skipped (with reasons)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


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

    def to_text(self) -> str:
        """One or two lines about this file."""
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
        if self.skipped:
            total = sum(self.skipped.values())
            reasons = "; ".join(f"{why} ({n})" for why, n in sorted(self.skipped.items()))
            line += f"\n  Skipped {total}: {reasons}."
        return line

    def to_dict(self) -> dict[str, Any]:
        """Plain data, for JSON."""
        return {
            "file": self.file,
            "contacts_added": self.contacts_added,
            "contacts_merged": self.contacts_merged,
            "contacts_updated": self.contacts_updated,
            "interactions_added": self.interactions_added,
            "skipped": dict(sorted(self.skipped.items())),
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
                f"Saved to {self.saved_to} (the previous version is in its .backup folder)."
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
