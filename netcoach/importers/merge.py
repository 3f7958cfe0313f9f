"""Merge imported people and interactions into a log without clobbering what you typed.

- A row already in the log is never changed, except that its blank details (organisation,
  role, how met, email, profile URL, tags, notes) may be filled in. Its ``contact_id``,
  name, tier and cadence are never touched.
- An imported person is the same as a known one when the email matches, else the profile
  URL, else the normalised name (accents, case and punctuation ignored) as long as their
  emails or URLs do not disagree. Files merge richest first (contact lists, then
  invitations and messages, then recommendations and calendars).
- Two rows of one file with the same name are two people when their details disagree
  (:data:`DETAILS`: one says Org A, the other Org B) and no email or URL joins them: the
  file itself keeps them apart, so the import does too, and each gets its own id. Rows
  that agree are one person, counted as merged. When several contacts share a name, a
  row goes to the one whose details agree with it (so importing the file again finds each
  person); a name that only one contact has still finds that contact, whatever its
  details (a new job, a company written another way). A row that only a name ties to
  several contacts, none closer than the others, is skipped and counted
  (:data:`AMBIGUOUS_NAME`) rather than given to one of them by guesswork; so is an
  interaction that names such a person. An interaction goes to the contact its person
  row went to.
- A new person gets a stable id made from their email, else profile URL, else name
  (:func:`~netcoach.importers.batch.stable_id`), so importing the same file again gives
  the same ids and adds nothing.
- An interaction is a duplicate when the log (or the import) already has one on the same
  date with the same person, channel and kind; several messages to one person on one day
  therefore count once.

The tables in and out are text tables as the CSV files hold them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from netcoach import schema
from netcoach.importers.batch import ImportBatch, email_key, name_key, stable_id, url_key
from netcoach.importers.summary import ImportSummary

FILLABLE: tuple[str, ...] = (
    "organisation",
    "role",
    "how_met",
    "email",
    "profile_url",
    "tags",
    "notes",
)
"""Contact fields an import may fill in when they are blank; nothing else is changed."""

DETAILS: tuple[str, ...] = tuple(f for f in FILLABLE if f not in ("email", "profile_url"))
"""Details that tell two people of one name apart when they disagree (both given, not equal)."""
FIT_DETAILS: tuple[str, ...] = ("organisation", "role")
"""Details that say which of several same-name contacts a row is. Not how they met, tags
or notes: every importer writes its own ('LinkedIn connection'), so they disagree with
what the learner typed about anyone."""

AMBIGUOUS_NAME = (
    "the name belongs to more than one contact in your log and nothing else told them "
    "apart (add it by hand: each is listed below)"
)
AMBIGUOUS = -1
"""What :meth:`_People.find` returns for a row that a name alone ties to several contacts."""

DUPLICATE_IN_LOG = "already in your log"
DUPLICATE_IN_IMPORT = "same person, day, channel and kind as another row (counted once)"


class _People:
    """Every contact (the log's first), with indexes by email, URL and name."""

    def __init__(self, contacts: pd.DataFrame) -> None:
        self.records: list[dict[str, str]] = contacts.to_dict("records")
        self.existing = len(self.records)
        self.by_email: dict[str, int] = {}
        self.by_url: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        """Every contact with a name (normalised), first in, first listed."""
        self.resolved: dict[tuple[str, str, str, str], int] = {}
        """(file, email, URL, name) keys of people rows -> the contact each went to (or
        AMBIGUOUS), so that the file's interactions naming them go there too."""
        self.ids = {str(r["contact_id"]).casefold() for r in self.records}
        keys = zip(
            email_key(contacts["email"]),
            url_key(contacts["profile_url"]),
            name_key(contacts["name"]),
            strict=True,
        )
        self.keys: list[list[str]] = []
        """Each contact's normalised [email, profile URL], kept in step with its record."""
        for i, (e, u, n) in enumerate(keys):
            self.keys.append([e, u])
            self._index(i, e, u, n)

    def _index(self, i: int, e: str, u: str, n: str) -> None:
        if e:
            self.by_email.setdefault(e, i)
        if u:
            self.by_url.setdefault(u, i)
        if n and i not in self.by_name.setdefault(n, []):
            self.by_name[n].append(i)

    def find(
        self,
        e: str,
        u: str,
        n: str,
        person: dict[str, str],
        claimed: dict[int, list[dict[str, str]]],
    ) -> int | None:
        """The contact this person is, by email, then profile URL, then name.

        By name, a contact whose email or URL disagrees is someone else, and so is one an
        earlier row of the same file (in ``claimed``) went to when that row's details
        disagree with ``person``'s. Of several left, the one that fits best (:func:`_fit`);
        AMBIGUOUS when several fit equally well (nothing tells them apart).
        """
        if e and e in self.by_email:
            return self.by_email[e]
        if u and u in self.by_url:
            return self.by_url[u]
        if not n:
            return None
        candidates = [
            i
            for i in self.by_name.get(n, [])
            if not self._disagree(i, e, u)
            and not any(_differences(row, person) for row in claimed.get(i, []))
        ]
        if not candidates:
            return None
        # details that agree less those that disagree (a blank detail does neither)
        fit = {i: _fit(self.records[i], person) for i in candidates}
        best = max(fit.values())
        closest = [i for i in candidates if fit[i] == best]
        return closest[0] if len(closest) == 1 else AMBIGUOUS

    def _disagree(self, i: int, e: str, u: str) -> bool:
        """Whether contact ``i`` has another email or profile URL than ``e`` and ``u``."""
        other_e, other_u = self.keys[i]
        return bool((e and other_e and e != other_e) or (u and other_u and u != other_u))

    def fill(self, i: int, person: dict[str, str], e: str, u: str) -> bool:
        """Fill the blank fields of contact ``i`` from ``person`` (whose keys are ``e`` and
        ``u``); whether any changed."""
        rec, changed = self.records[i], False
        for f in FILLABLE:
            if not str(rec.get(f, "")).strip() and person.get(f, ""):
                rec[f] = person[f]
                changed = True
                if f == "email":
                    self.keys[i][0] = e
                elif f == "profile_url":
                    self.keys[i][1] = u
        return changed

    def add(self, person: dict[str, str], e: str, u: str, n: str) -> int:
        """A new contact with a stable id; returns its index."""
        base = stable_id(person["name"], e, u)
        new_id, k = base, 2
        while new_id.casefold() in self.ids:
            new_id, k = f"{base}-{k}", k + 1
        self.ids.add(new_id.casefold())
        rec = {c: person.get(c, "") for c in schema.CONTACT_COLUMNS}
        rec["contact_id"] = new_id
        rec["tier"] = person.get("tier") or "outer"
        self.records.append(rec)
        self.keys.append([e, u])
        self._index(len(self.records) - 1, e, u, n)
        return len(self.records) - 1

    def contact_id(self, file: pd.Series, e: pd.Series, u: pd.Series, n: pd.Series) -> pd.Series:
        """Contact ids for interactions' people, given by keys (vectorised lookups): by
        email, then URL, then where the file's row for that person went, then a name only
        one contact has. "" when unknown, :data:`AMBIGUOUS_NAME` when a name alone ties the
        person to several contacts."""
        ids = np.array([r["contact_id"] for r in self.records] + ["", AMBIGUOUS_NAME], dtype=object)
        only_by_name = {name: found[0] for name, found in self.by_name.items() if len(found) == 1}
        keys = pd.Series(list(zip(file, e, u, n, strict=True)), index=e.index, dtype=object)
        found = (
            e.map(self.by_email)
            .fillna(u.map(self.by_url))
            .fillna(keys.map(self.resolved))
            .fillna(n.map(only_by_name))
        )
        # Unknown -> "" (next to last); AMBIGUOUS (-1) -> the last, AMBIGUOUS_NAME.
        position = found.fillna(len(ids) - 2).astype("int64").to_numpy()
        return pd.Series(ids[position], index=e.index, dtype=object)


def merge(
    contacts: pd.DataFrame,
    interactions: pd.DataFrame,
    batches: Sequence[ImportBatch],
    summary: ImportSummary | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, ImportSummary]:
    """Merge ``batches`` into the text tables of a log; returns new tables and the summary."""
    summary = summary or ImportSummary()
    ordered = sorted(batches, key=lambda b: b.priority)
    for batch in batches:
        summary.file(batch.file).skipped.update(batch.skipped)
        summary.file(batch.file).notes.extend(batch.notes)
    people = _People(contacts[list(schema.CONTACT_COLUMNS)].fillna("").astype(str))
    for batch in ordered:
        _merge_people(people, batch, summary)
    merged_contacts = pd.DataFrame(people.records, columns=list(schema.CONTACT_COLUMNS))
    merged_interactions = _merge_interactions(people, interactions, ordered, summary)
    return merged_contacts, merged_interactions, summary


def _fit(contact: dict[str, str], person: dict[str, str]) -> int:
    """How well ``person`` fits ``contact``: the :data:`FIT_DETAILS` they agree on less
    those they disagree on. A contact who agrees on the company but not the job title (a
    new title) fits no better than one with both blank: nothing tells the two apart."""
    pairs = [_both(contact, person, f) for f in FIT_DETAILS]
    return sum(bool(x and x == y) for x, y in pairs) - sum(
        bool(x and y and x != y) for x, y in pairs
    )


def _differences(a: dict[str, str], b: dict[str, str]) -> int:
    """How many :data:`DETAILS` two people disagree on (both give one, not the same)."""
    return sum(bool(x and y and x != y) for x, y in (_both(a, b, f) for f in DETAILS))


def _both(a: dict[str, str], b: dict[str, str], field: str) -> tuple[str, str]:
    """The two people's ``field``, spaces and capitals evened out for comparing."""
    x, y = (" ".join(str(r.get(field, "")).split()).casefold() for r in (a, b))
    return x, y


def _merge_people(people: _People, batch: ImportBatch, summary: ImportSummary) -> None:
    frame = batch.people.fillna("").astype(str)
    if frame.empty:
        return
    keys = pd.DataFrame(
        {
            "e": email_key(frame["email"]),
            "u": url_key(frame["profile_url"]),
            "n": name_key(frame["name"]),
        }
    )
    if not batch.events.empty:  # people named by its interactions, a row per message or
        once = ~keys.duplicated()  # meeting: each person once (they carry no other details)
        frame, keys = frame[once], keys[once]
    # (in a contact list every row is counted: a card listed twice is merged, and said so)
    item = summary.file(batch.file)
    updated: set[int] = set()
    claimed: dict[int, list[dict[str, str]]] = {}
    """Contact -> the rows of this file that went to it (to keep two people apart)."""
    rows = frame.to_dict("records")
    row_keys = list(keys.itertuples(index=False, name=None))
    for position in _best_fit_first(people, rows, row_keys):
        person, (e, u, n) = rows[position], row_keys[position]
        if not (e or u or n):
            continue
        person["email"] = person["email"] if e else ""
        i = people.find(e, u, n, person, claimed)
        if i == AMBIGUOUS:
            people.resolved.setdefault((batch.file, e, u, n), AMBIGUOUS)
            if batch.events.empty:  # (else its interactions are counted as skipped)
                item.skipped[AMBIGUOUS_NAME] += 1
            continue
        if i is None:
            i = people.add(person, e, u, n)
            item.contacts_added += 1
        else:
            item.contacts_merged += 1
            if people.fill(i, person, e, u) and i < people.existing:
                updated.add(i)
            people._index(i, e, u, n)
        people.resolved.setdefault((batch.file, e, u, n), i)
        claimed.setdefault(i, []).append(person)
    item.contacts_updated += len(updated)


def _best_fit_first(
    people: _People, rows: list[dict[str, str]], keys: list[tuple[str, str, str]]
) -> list[int]:
    """The order to merge ``rows`` in: the file's, except that rows of one name that only
    the name can match to contacts in the log go best fit first (:func:`_fit`). Otherwise
    the first of them takes the only Kim Lee in the log whatever its details (a name one
    contact has finds them), and the row that fits her exactly becomes a new contact."""
    order = list(range(len(rows)))
    by_name: dict[str, list[int]] = {}
    for position, (e, u, n) in enumerate(keys):
        if n and n in people.by_name and e not in people.by_email and u not in people.by_url:
            by_name.setdefault(n, []).append(position)
    for n, positions in by_name.items():
        if len(positions) < 2:
            continue
        fit = {
            p: max(_fit(people.records[i], rows[p]) for i in people.by_name[n]) for p in positions
        }
        for slot, position in zip(positions, sorted(positions, key=lambda p: -fit[p]), strict=True):
            order[slot] = position
    return order


SHOWN_BY_HAND = 10
"""Most rows to add by hand that a file's summary lists one by one."""


def _to_add_by_hand(rows: pd.DataFrame) -> list[str]:
    """A note for each interaction skipped because its name fits several contacts: its day,
    channel, person and title, so the learner can find it and add it to the right one."""
    notes = []
    for row in rows.head(SHOWN_BY_HAND).itertuples():
        title = f" ({row.note})" if row.note else ""
        notes.append(
            f"to add by hand: {row.date}, {row.channel} with {row.name}{title}; your log has "
            f"more than one {row.name}"
        )
    if len(rows) > SHOWN_BY_HAND:
        notes.append(f"and {len(rows) - SHOWN_BY_HAND} more to add by hand")
    return notes


def _merge_interactions(
    people: _People,
    interactions: pd.DataFrame,
    batches: Sequence[ImportBatch],
    summary: ImportSummary,
) -> pd.DataFrame:
    existing = interactions[list(schema.INTERACTION_COLUMNS)].fillna("").astype(str)
    frames = [b.events.assign(file=b.file) for b in batches if not b.events.empty]
    if not frames:
        return existing.reset_index(drop=True)
    events = pd.concat(frames, ignore_index=True)
    events["contact_id"] = people.contact_id(
        events["file"],
        email_key(events["email"]),
        url_key(events["profile_url"]),
        name_key(events["name"]),
    )
    events["date"] = pd.to_datetime(events["date"]).dt.strftime("%Y-%m-%d")

    def key(t: pd.DataFrame) -> pd.Series:
        who = t["contact_id"].str.casefold()
        return t["date"] + "|" + who + "|" + t["channel"] + "|" + t["kind"]

    keys = key(events)
    in_log = keys.isin(set(key(existing)))
    again = keys.duplicated() & ~in_log
    unknown = events["contact_id"] == ""
    ambiguous = events["contact_id"] == AMBIGUOUS_NAME
    reason = pd.Series("", index=events.index)
    reason = reason.mask(again, DUPLICATE_IN_IMPORT).mask(in_log, DUPLICATE_IN_LOG)
    reason = reason.mask(unknown, "the person could not be matched")
    reason = reason.mask(ambiguous, AMBIGUOUS_NAME)
    for (file, why), n in reason[reason != ""].groupby([events["file"], reason]).size().items():
        summary.file(file).skipped[why] += int(n)
    for file, rows in events[ambiguous].groupby("file"):
        summary.file(file).notes.extend(_to_add_by_hand(rows))
    added = events[reason == ""]
    for file, n in added.groupby("file").size().items():
        summary.file(file).interactions_added += int(n)
    new_rows = added[list(schema.INTERACTION_COLUMNS)].sort_values("date", kind="stable")
    return pd.concat([existing, new_rows], ignore_index=True)
