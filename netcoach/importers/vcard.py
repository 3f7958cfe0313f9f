"""vCard 2.1, 3.0 and 4.0 files (``.vcf``, one or many cards) -> contacts, read with vobject.

Kept: the name (``FN``, else ``N``), the preferred or first ``EMAIL``, ``ORG`` (the
organisation, not its department), ``TITLE``, ``URL`` (a LinkedIn address preferred),
``NOTE`` and ``CATEGORIES`` (as tags). Phone numbers, addresses and photos are not kept.
A card that cannot be read, or has no ``END:VCARD``, stops the import with its line number
and property (never the line's value, which may be a phone number); a line that cannot be
read of a property not kept (``TEL``, ``ADR``) is left out instead, with a note.
Quoted-printable values (vCard 2.1, as phones export) are decoded, long ones joined across
their soft line breaks first (:func:`join_soft_breaks`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd
import vobject

from netcoach.importers.batch import ImportBatch, name_from_email, people_frame
from netcoach.importers.sources import SourceFile, decode_text
from netcoach.importers.summary import with_notes
from netcoach.validation import LogValidationError, Problem

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)


def split_cards(text: str, file: str = "") -> list[tuple[int, str]]:
    """Each card's text with the line number of its ``BEGIN:VCARD`` (the first line is 1).

    A card with no ``END:VCARD`` (a file cut short, or a ``BEGIN:VCARD`` before the last
    card's end) raises :class:`LogValidationError` naming ``file`` and the line the
    unfinished card begins on: reading on would lose that person without a word.
    """
    cards, start, lines, unfinished = [], None, text.split("\n"), []
    for i, line in enumerate(lines):
        if _BEGIN.match(line):
            if start is not None:
                unfinished.append((start + 1, f"before the next card begins on line {i + 1}"))
            start = i
        elif _END.match(line) and start is not None:
            cards.append((start + 1, "\n".join(lines[start : i + 1]) + "\n"))
            start = None
    if start is not None:
        unfinished.append((start + 1, "before the file ends (it may have been cut short)"))
    if unfinished:
        problems = [
            Problem(
                file,
                line,
                None,
                f"the card that begins on this line has no END:VCARD {where}; export the "
                "contacts again",
            )
            for line, where in unfinished
        ]
        raise LogValidationError(problems[:20], omitted=max(0, len(problems) - 20))
    return cards


def _quoted_printable(line: str) -> bool:
    """Whether the property that begins on ``line`` is quoted-printable: a parameter
    ``ENCODING=QUOTED-PRINTABLE``, or vCard 2.1's bare ``QUOTED-PRINTABLE``."""
    head = line.split(":", 1)[0] if ":" in line else ""
    for param in head.split(";")[1:]:
        key, equals, value = (part.strip().strip('"').upper() for part in param.partition("="))
        if (key, value) == ("ENCODING", "QUOTED-PRINTABLE") or (
            not equals and key == "QUOTED-PRINTABLE"  # (2.1: a parameter's bare value)
        ):
            return True
    return False


def join_soft_breaks(text: str) -> tuple[str, list[int]]:
    """A card's text with each quoted-printable soft line break joined, and for each line
    of that text the (0-based) line of the card it begins on.

    In a property whose parameters say it is quoted-printable (vCard 2.1, as Android and
    older phones write), a line ending in ``=`` continues on the next line (RFC 2045); vobject
    would read that next line as a property of its own, and fail. Other lines are left as
    they are, even one ending in ``=`` (a link such as ``...?id=``), and ``END:VCARD`` is
    never taken into a value.
    """
    lines = text.split("\n")
    out: list[str] = []
    starts: list[int] = []
    qp = False
    i = 0
    while i < len(lines):
        line, start = lines[i], i
        if line[:1] not in (" ", "\t"):  # (a folded line goes on with its property)
            qp = _quoted_printable(line)
        while (
            qp
            and line.rstrip(" \t\r").endswith("=")
            and i + 1 < len(lines)
            and not _END.match(lines[i + 1])
        ):
            i += 1
            line = line.rstrip(" \t\r")[:-1] + lines[i]
        out.append(line)
        starts.append(start)
        i += 1
    return "\n".join(out), starts


def _values(card: Any, key: str) -> list[Any]:
    return [item.value for item in card.contents.get(key, [])]


def _preferred(card: Any, key: str) -> str:
    items = card.contents.get(key, [])
    for item in items:
        types = [t.lower() for t in item.params.get("TYPE", [])]
        if "pref" in types or item.params.get("PREF"):
            return str(item.value).strip()
    return str(items[0].value).strip() if items else ""


def _first(card: Any, key: str) -> str:
    values = _values(card, key)
    return _text(values[0]) if values else ""


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = next((v for v in value if str(v).strip()), "")
    return " ".join(str(value).split())


def card_record(card: Any) -> dict[str, str]:
    """The contact fields of one parsed card."""
    name = _first(card, "fn")
    if not name and card.contents.get("n"):
        n = card.n.value
        name = " ".join(
            str(p) for p in (n.prefix, n.given, n.additional, n.family, n.suffix) if p
        ).strip()
    urls = [str(u).strip() for u in _values(card, "url")]
    linked = [u for u in urls if "linkedin.com" in u.lower()]
    categories: list[str] = []
    for value in _values(card, "categories"):
        categories += [str(v).strip() for v in (value if isinstance(value, list) else [value])]
    return {
        "name": name,
        "email": _preferred(card, "email"),
        "organisation": _first(card, "org"),
        "role": _first(card, "title"),
        "profile_url": (linked or urls or [""])[0],
        "notes": _first(card, "note"),
        "tags": ";".join(c.replace(";", ",") for c in categories if c),
    }


def _line_of(card_text: str, message: str) -> int:
    """The line inside a card that vobject could not parse (0 when it does not say)."""
    match = re.search(r"Failed to parse line: (.*)$", message)
    if match:
        bad = match.group(1).strip()
        for i, line in enumerate(card_text.split("\n")):
            if line.strip() == bad:
                return i
    return 0


KEPT = frozenset({"FN", "N", "EMAIL", "ORG", "TITLE", "URL", "NOTE", "CATEGORIES", "VERSION"})
"""The card properties read (and BEGIN, END), so a line of any other that cannot be read
(a phone number, an address) is left out with a note instead of stopping the import."""

_PROPERTY = re.compile(r"^\s*(?:[\w-]+\.)?([A-Za-z][A-Za-z0-9-]*)\s*[;:]")


def _bad_property(card_text: str, message: str) -> tuple[int, str]:
    """The line inside a card that vobject could not read, and its property (TEL), or ""
    when the line does not begin with one (then it may be anything, even a name)."""
    index = _line_of(card_text, message)
    bad = card_text.split("\n")[index] if index else ""
    match = _PROPERTY.match(bad)
    return index, match.group(1).upper() if match else ""


def _without_line(card_text: str, index: int) -> str:
    """The card without line ``index`` and the folded lines that go on with it."""
    lines = card_text.split("\n")
    end = index + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t"):
        end += 1
    return "\n".join(lines[:index] + lines[end:])


def _read_card(card_text: str, starts: list[int]) -> tuple[Any, list[tuple[int, str]]]:
    """The card, and the (card line, property) of each line left out because it could not
    be read and is of a property not kept. Raises :class:`_Unreadable` for any other."""
    left_out: list[tuple[int, str]] = []
    lines = list(range(len(starts)))  # (each remaining line's place in the joined card)
    while True:
        try:
            return vobject.readOne(card_text, ignoreUnreadable=False), left_out
        except Exception as err:  # vobject raises many types for broken cards
            index, prop = _bad_property(card_text, str(err))
            if not index or not prop or prop in KEPT or prop in ("BEGIN", "END"):
                raise _Unreadable(starts[lines[index]], prop) from None
            left_out.append((starts[lines[index]], prop))
            before = len(card_text.split("\n"))
            card_text = _without_line(card_text, index)
            del lines[index : index + before - len(card_text.split("\n"))]


class _Unreadable(ValueError):
    """A card line that cannot be read: its line in the card, and its property ("" if
    none can be told)."""

    def __init__(self, line: int, prop: str) -> None:
        super().__init__(line, prop)
        self.line, self.prop = line, prop


def read_vcard(source: SourceFile) -> ImportBatch:
    """Read every card in a ``.vcf`` file into people."""
    text = decode_text(source)
    cards = split_cards(text, source.name)
    if not cards:
        raise LogValidationError(
            [Problem(source.name, None, None, "no BEGIN:VCARD ... END:VCARD card in this file")]
        )
    records, problems, notes = [], [], []
    for line, raw in cards:
        card_text, starts = join_soft_breaks(raw)
        try:
            card, left_out = _read_card(card_text, starts)
        except _Unreadable as bad:
            what = f"{bad.prop} line" if bad.prop else "line"
            problems.append(
                Problem(
                    source.name,
                    line + bad.line,
                    bad.prop or None,
                    f"this vCard {what} cannot be read; correct it, or export the contacts again",
                )
            )
            continue
        records.append(card_record(card))
        notes += [
            f"{source.name}, row {line + at}: this {prop} line cannot be read, so it was left "
            "out (Network Coach does not keep it anyway)"
            for at, prop in left_out
        ]
    if problems:
        raise LogValidationError(problems[:20], omitted=max(0, len(problems) - 20))
    frame = pd.DataFrame.from_records(records)
    frame["name"] = frame["name"].where(frame["name"] != "", name_from_email(frame["email"]))
    tier = pd.Series("outer", index=frame.index)
    people = people_frame(**{c: frame[c] for c in frame.columns}, tier=tier)
    keep = people["name"] != ""
    skipped = Counter({"no name and no email": int((~keep).sum())})
    batch = ImportBatch(source.name, people=people[keep], skipped=+skipped, priority=1)
    return with_notes(batch, notes)
