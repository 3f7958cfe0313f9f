"""Calendar exports (``.ics``) -> meetings with people, read with icalendar.

Rules (each skip is counted, with its reason, in the summary):

- Only events with at least one other person (an ``ATTENDEE`` or ``ORGANIZER`` who is not
  you) count; people who declined do not. Events with more than ``max_attendees`` people
  (default 6, you included) are meetings, not networking, and are skipped; so are cancelled
  events.
- The channel: ``video`` when there is a meeting link or a video service is named (Zoom,
  Teams, Google Meet ...), else ``phone`` when a phone call is stated, else ``in_person``
  when there is a physical ``LOCATION``. With none of these the event is skipped.
- Each meeting becomes one ``other`` interaction per person, started by ``me`` when you
  organised it and ``them`` when they did; the event title is kept as the note.
- Recurring events (``RRULE``, ``RDATE``, ``EXDATE``, moved instances) are expanded with
  dateutil inside a window: ``since`` to ``until``, by default the year before the newest
  meeting already held, and every later one; a repeat with no end only up to today.
  Events outside the window are skipped.
- Times become dates in your time zone: ``timezone`` if given, else the calendar's own
  (``X-WR-TIMEZONE``), else the time as written in the event. All-day events keep their day.

You are found by ``me`` (an email or a name), else the calendar's name when it is an email
address (Google's exports), else as the address that appears in the most events. A ``me``
that names no one in the calendar is not ignored in silence: the file's summary says so,
and who was taken to be you.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import icalendar
import pandas as pd
from dateutil import rrule

from netcoach.importers.batch import (
    ImportBatch,
    email_key,
    events_frame,
    name_from_email,
    name_key,
    people_frame,
)
from netcoach.importers.sources import SourceFile, decode_text
from netcoach.importers.summary import me_matched_no_one, with_notes
from netcoach.validation import LogValidationError, Problem

MAX_ATTENDEES = 6
"""Events with more people than this (you included) are not counted as networking."""

MAX_OCCURRENCES = 2000
"""Most occurrences taken from one recurring event (a daily event for five years)."""

VIDEO = re.compile(
    r"zoom\.us|\bzoom\b|teams\.microsoft|teams\.live|microsoft teams|meet\.google|google meet|"
    r"whereby\.com|webex|skype|meet\.jit\.si|gotomeeting|video call|facetime",
    re.IGNORECASE,
)
# (a call as a whole word: "Call with Jo", "Intro call"; not "recall" or "callback")
PHONE = re.compile(
    r"\bphone\b|\btelephone\b|\btel:|\bcalls?\b|\bring me\b|\bmobile\b",
    re.IGNORECASE,
)
URL = re.compile(r"^\s*https?://", re.IGNORECASE)


_WHAT = {"RRULE": "repeat rule"} | dict.fromkeys(
    ("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID"), "date or time"
)
_LIKE = {"RRULE": "repeat rules look like FREQ=WEEKLY;COUNT=4"} | dict.fromkeys(
    ("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID"),
    "calendar dates look like 20240312 or 20240312T093000",
)


READ = (
    "ORGANIZER",
    "ATTENDEE",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "STATUS",
    "UID",
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
)
"""The properties of an event read for who, where and what (its dates are checked apart)."""

_CONTENT_LINE = re.compile(r"parsed into parts: '(.*?)': ")


@dataclass(frozen=True)
class Person:
    """Someone invited to an event."""

    email: str
    name: str
    key: str = ""
    """The name folded for matching."""


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _event_lines(lines: list[str]) -> list[int]:
    """The (0-based) line of each ``BEGIN:VEVENT``, in order."""
    return [i for i, line in enumerate(lines) if line.strip().upper() == "BEGIN:VEVENT"]


def _property_line(lines: list[str], start: int, name: str) -> int:
    """The 1-based line of property ``name`` in the event starting at ``start``."""
    for i in range(start, len(lines)):
        head = lines[i].split(":", 1)[0].split(";", 1)[0].strip().upper()
        if head == name.upper():
            return i + 1
        if lines[i].strip().upper() == "END:VEVENT":
            break
    return start + 1


def _unreadable_lines(
    errors: list[tuple[str | None, str]], lines: list[str], start: int, file: str
) -> list[Problem]:
    """A problem for each line of an event's people, place or title that icalendar could not
    read (such as ``ATTENDEE;CN="Pat:mailto:...``, a quote mark not closed): reading on would
    lose that person, or the whole meeting, without a word. The value is not repeated: it
    may hold someone's email."""
    problems = []
    for key, message in errors:
        content = _CONTENT_LINE.search(message)
        text = content.group(1) if content else ""
        name = (key or re.split(r"[;:]", text, maxsplit=1)[0]).strip().upper()
        if name not in READ:
            continue
        line = _line_holding(lines, start, text) if text else _property_line(lines, start, name)
        problems.append(
            Problem(
                file,
                line,
                name,
                f"this {name} line cannot be read (perhaps a quote mark is not closed, or a : "
                "or ; is out of place); correct it, or export the calendar again",
            )
        )
    return problems


def _line_holding(lines: list[str], start: int, content: str) -> int:
    """The 1-based line of the event starting at ``start`` where ``content`` (a property as
    icalendar gives it, folded lines joined) begins."""
    for i in range(start, len(lines)):
        here = lines[i].rstrip()
        if here and content.startswith(here):
            return i + 1
        if here.upper() == "END:VEVENT":
            break
    name = re.split(r"[;:]", content, maxsplit=1)[0]
    return _property_line(lines, start, name)


Invited = tuple[Person | None, list[Person]]
"""An event's organiser (if any) and everyone invited who did not decline."""


def _raw(value: Any) -> tuple[str, str]:
    """(address, CN) of an ORGANIZER or ATTENDEE."""
    params = getattr(value, "params", {})
    return str(value), " ".join(str(params.get("CN", "")).split())


def _param(value: Any, name: str) -> str:
    return str(getattr(value, "params", {}).get(name, "")).upper()


def _invited(event: Any) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """Raw (address, CN) of the organiser and of everyone invited who did not decline."""
    organiser = event.get("ORGANIZER")
    accepted = [
        _raw(value)
        for value in _as_list(event.get("ATTENDEE"))
        if _param(value, "PARTSTAT") != "DECLINED" and _param(value, "ROLE") != "NON-PARTICIPANT"
    ]
    return (_raw(organiser) if organiser else None), accepted


def _declined(event: Any) -> list[tuple[str, str]]:
    """Raw (address, CN) of everyone invited who declined."""
    attendees = _as_list(event.get("ATTENDEE"))
    return [_raw(value) for value in attendees if _param(value, "PARTSTAT") == "DECLINED"]


def _folder(pairs: set[tuple[str, str]]) -> Callable[[tuple[str, str]], Person]:
    """A function making a Person of an (address, CN) pair; all pairs are folded at once."""
    addresses = pd.Series(sorted({a for a, _ in pairs}), dtype=object)
    names = pd.Series(sorted({n for _, n in pairs}), dtype=object)
    emails = dict(zip(addresses, email_key(addresses), strict=True))
    keys = dict(zip(names, name_key(names), strict=True))
    return lambda pair: Person(emails[pair[0]], pair[1], keys[pair[1]])


def people_of(events: list[Any]) -> list[Invited]:
    """Who each event is with; emails and names are folded once for all events."""
    raws = [_invited(e) for e in events]
    person = _folder({p for org, rest in raws for p in ([org] if org else []) + rest})
    out: list[Invited] = []
    for org, rest in raws:
        organiser = person(org) if org else None
        unique: dict[str, Person] = {}
        for p in ([organiser] if organiser else []) + [person(r) for r in rest]:
            key = p.email or f"name:{p.key}"
            if key != "name:" and key not in unique:
                unique[key] = p
        out.append((organiser, list(unique.values())))
    return out


def declined_of(events: list[Any]) -> list[list[Person]]:
    """Who declined each event."""
    raws = [_declined(e) for e in events]
    person = _folder({p for rest in raws for p in rest})
    return [[person(r) for r in rest] for rest in raws]


def _is_me(p: Person, me_email: str, me_name: str) -> bool:
    if me_email and p.email == me_email:
        return True
    return bool(me_name) and p.key == me_name


def _find_me(
    me: str | None, calendar: Any, invited: list[Invited], file: str = ""
) -> tuple[str, str, list[str]]:
    """(email, name key) of the learner: as given when it names someone invited, else the
    calendar's name when it is an email, else the most frequent address. Then the notes for
    the summary: when ``me`` was given but names no one invited in ``file``, who was taken
    to be the learner instead (a typo in ``--me`` must not go unnoticed)."""
    everyone = [p for _, people in invited for p in people]
    if me:
        me_email, me_name = email_key(pd.Series([me])).iat[0], name_key(pd.Series([me])).iat[0]
        if any(_is_me(p, me_email, me_name) for p in everyone):
            return me_email, me_name, []
    calname = email_key(pd.Series([str(calendar.get("X-WR-CALNAME", ""))])).iat[0]
    counts = Counter(p.email for p in everyone if p.email)
    if calname:
        found, guess = calname, f"{calname} (the calendar's name)"
    elif counts:
        found = counts.most_common(1)[0][0]
        guess = f"{found} (the address in the most events)"
    else:
        found, guess = "", ""
    if not me:
        return found, "", []
    link = re.match(r"\s*(https?://|www\.)", me, re.IGNORECASE) or "linkedin.com/" in me.lower()
    why = "calendars give emails and names, not profile links" if link else ""
    return found, "", [me_matched_no_one(me, file, guess, why)]


def _channel(event: Any) -> str:
    where = str(event.get("LOCATION", ""))
    said = " ".join(
        str(event.get(k, ""))
        for k in ("LOCATION", "DESCRIPTION", "URL", "SUMMARY", "X-GOOGLE-CONFERENCE", "CONFERENCE")
    )
    if VIDEO.search(said):
        return "video"
    if PHONE.search(said):
        return "phone"
    if where.strip() and not URL.match(where):
        return "in_person"
    return ""


def _local_date(value: dt.date | dt.datetime, zone: dt.tzinfo | None) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and zone is not None:
            value = value.astimezone(zone)
        return value.date()
    return value


class TooFrequent(ValueError):
    """An event that repeats more often than daily: not a meeting with a person."""


def _rule_set(event: Any, start: dt.date | dt.datetime) -> tuple[rrule.rruleset, dt.datetime]:
    """The event's repeats (RRULE, RDATE, EXDATE) and its first start as a datetime."""
    aware = isinstance(start, dt.datetime) and start.tzinfo is not None
    first = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    rules = rrule.rruleset()
    for value in _as_list(event.get("RRULE")):
        text = value.to_ical().decode()
        if re.search(r"FREQ=(SECONDLY|MINUTELY|HOURLY)", text, re.IGNORECASE):
            raise TooFrequent(text)
        if re.search(r"INTERVAL=0*(;|$)", text):
            raise ValueError("INTERVAL must be 1 or more")
        if aware:
            text = re.sub(r"UNTIL=(\d{8})(;|$)", r"UNTIL=\1T235959Z\2", text)
        else:
            text = re.sub(r"(UNTIL=\d{8}(T\d{6})?)Z", r"\1", text)
        rules.rrule(rrule.rrulestr(text, dtstart=first, ignoretz=not aware))
    rules.rdate(first)
    for prop, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
        for group in _as_list(event.get(prop)):
            for item in group.dts:
                value = item.dt
                if isinstance(value, dt.datetime):
                    value = value if aware else value.replace(tzinfo=None)
                    if aware and value.tzinfo is None:
                        value = value.replace(tzinfo=first.tzinfo)
                else:
                    value = dt.datetime.combine(value, first.timetz() if aware else dt.time())
                add(value)
    return rules, first


def _repeats(event: Any) -> bool:
    return bool(event.get("RRULE") or event.get("RDATE"))


def _last_start(event: Any, start: dt.date | dt.datetime, today: dt.date) -> dt.date | dt.datetime:
    """The last start of an event whose repeats end (COUNT or UNTIL). For one that repeats
    with no end, the last start up to ``today`` (the meetings already held), or its first
    start when it begins later."""
    if not _repeats(event):
        return start
    rules, first = _rule_set(event, start)
    ends = all("COUNT=" in r or "UNTIL=" in r for r in _rule_texts(event))
    if ends:
        found = list(itertools.islice(rules, MAX_OCCURRENCES))
        last = found[-1] if found else None
    else:
        tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), first.tzinfo)
        last = rules.before(tomorrow)
    if last is None:
        return start
    return last if isinstance(start, dt.datetime) else last.date()


def _rule_texts(event: Any) -> list[str]:
    """The event's repeat rules as written (upper case)."""
    return [str(r.to_ical().decode()).upper() for r in _as_list(event.get("RRULE"))]


def _default_since(starts: list[dt.date], until: dt.date | None, today: dt.date) -> dt.date:
    """A year before ``until``, else before the newest meeting already held: one planned for
    2099 (a reminder, a far-off booking) must not push last year's meetings out of the
    window. When none is held yet, a year before the newest."""
    held = [d for d in starts if d <= today]
    end = until or max(held, default=max(starts))
    return end - dt.timedelta(days=365)


def _occurrences(event: Any, start: dt.date | dt.datetime, lo: dt.date, hi: dt.date) -> list:
    """Start times of the event inside [lo, hi] (recurrences expanded)."""
    if not _repeats(event):
        return [start]
    rules, first = _rule_set(event, start)
    tz = first.tzinfo
    low = dt.datetime.combine(lo - dt.timedelta(days=1), dt.time(), tzinfo=tz)
    high = dt.datetime.combine(hi + dt.timedelta(days=2), dt.time(), tzinfo=tz)
    inside = itertools.takewhile(lambda f: f <= high, rules.xafter(low, inc=True))
    found = list(itertools.islice(inside, MAX_OCCURRENCES))
    if isinstance(start, dt.datetime):
        return found
    return [f.date() for f in found]


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


ZONE_EXAMPLE = "Europe/London"
"""How a time zone is written (a region and a city from the tz database)."""


def known_zone(name: str) -> dt.tzinfo | None:
    """The time zone called ``name`` (like ``Europe/London``, in any case), or None when
    there is none."""
    name = str(name).strip()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America", a folder
        pass
    same_but_case = _zone_names_by_case().get(name.lower())  # "europe/london"
    return ZoneInfo(same_but_case) if same_but_case else None


@lru_cache(maxsize=1)
def _zone_names_by_case() -> dict[str, str]:
    """Every time zone name, by its lower-case spelling (read once, only when a name typed
    in another case is not found as it is)."""
    return {zone.lower(): zone for zone in available_timezones()}


def _zone(name: str | None, source: SourceFile, *, chosen: bool = False) -> dt.tzinfo | None:
    """The time zone called ``name``, or None when none is named: the calendar's own (its
    X-WR-TIMEZONE field) or, when ``chosen``, the one the learner chose (not a field of the
    file, so not blamed on it)."""
    if not name:
        return None
    zone = known_zone(name)
    if zone is None:
        if chosen:
            column = None
            message = (
                f'the time zone you chose, "{name}", is not a known time zone; '
                f"write it like {ZONE_EXAMPLE}"
            )
        else:
            column, message = "X-WR-TIMEZONE", f'"{name}" is not a known time zone'
        raise LogValidationError([Problem(source.name, None, column, message)])
    return zone


def _parse(source: SourceFile, text: str) -> list[Any]:
    if "BEGIN:VCALENDAR" not in text.upper():
        raise LogValidationError(
            [Problem(source.name, None, None, "no BEGIN:VCALENDAR in this file; is it a calendar?")]
        )
    try:
        return icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as err:  # icalendar raises ValueError and others for broken files
        message = " ".join(str(err).split())
        line = None
        quoted = re.search(r"'([^']{3,})'", message) or re.search(r'"([^"]{3,})"', message)
        if quoted:
            needle = quoted.group(1).strip()[:40]
            line = next((i + 1 for i, t in enumerate(_lines(text)) if needle in t), None)
        raise LogValidationError(
            [
                Problem(
                    source.name,
                    line,
                    None,
                    f"this calendar file cannot be read ({message[:160]}); export it again",
                )
            ]
        ) from None


def read_calendar(
    source: SourceFile,
    *,
    me: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    max_attendees: int = MAX_ATTENDEES,
    timezone: str | None = None,
    today: dt.date | None = None,
) -> ImportBatch:
    """Read the meetings with people in an ``.ics`` file as interactions (``today``: the
    clock's date, given by tests)."""
    chosen = _zone(timezone, source, chosen=True)  # checked even when the file has no events
    text = decode_text(source)
    calendars = _parse(source, text)
    lines = _lines(text)
    starts = _event_lines(lines)
    events = [e for cal in calendars for e in cal.walk("VEVENT")]
    problems: list[Problem] = []
    skipped: Counter = Counter()
    dated: list[tuple[Any, Any, int, Any]] = []
    today = today or dt.date.today()
    for i, event in enumerate(events):
        start = starts[i] if i < len(starts) else 0
        errors = getattr(event, "errors", []) or []
        broken = dict(errors)
        problems += _unreadable_lines(errors, lines, start, source.name)
        for prop in ("DTSTART", "DTEND", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID"):
            if prop in broken:
                line = _property_line(lines, start, prop)
                raw = lines[line - 1].split(":", 1)[-1].strip() if line else ""
                problems.append(
                    Problem(
                        source.name,
                        line,
                        prop,
                        f'"{raw[:60]}" is not a {_WHAT[prop]} Network Coach can read; '
                        f"{_LIKE[prop]}",
                    )
                )
        if problems:
            continue
        value = event.get("DTSTART")
        if value is None or not isinstance(value.dt, dt.date):
            problems.append(
                Problem(source.name, start + 1, "DTSTART", "this event has no start date")
            )
            continue
        try:
            last = _last_start(event, value.dt, until or today)
        except TooFrequent:
            skipped["repeats more often than daily: not a meeting with a person"] += 1
            continue
        except (ValueError, TypeError, OverflowError) as err:
            line = _property_line(lines, start, "RRULE")
            problems.append(
                Problem(source.name, line, "RRULE", f"this repeat rule cannot be used ({err})")
            )
            continue
        dated.append((event, value.dt, start, last))
    if problems:
        raise LogValidationError(problems[:20], omitted=max(0, len(problems) - 20))
    if not dated:
        return ImportBatch(source.name, skipped=+skipped, priority=4)
    zone = chosen or _zone(next((c.get("X-WR-TIMEZONE") for c in calendars), None), source)
    starts = [_local_date(last, zone) for *_, last in dated]
    hi = until or max(starts)
    lo = since or _default_since(starts, until, today)
    invited = people_of([e for e, *_ in dated])
    me_email, me_name, notes = _find_me(me, calendars[0], invited, source.name)
    moved = {
        (str(e.get("UID")), _local_date(e.get("RECURRENCE-ID").dt, zone))
        for e, *_ in dated
        if e.get("RECURRENCE-ID") is not None
    }
    declined = declined_of([e for e, *_ in dated])
    rows: list[dict[str, Any]] = []
    for (event, start_value, start, _), (organiser, everyone), no in zip(
        dated, invited, declined, strict=True
    ):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            skipped["cancelled"] += 1
            continue
        if any(_is_me(p, me_email, me_name) for p in no):
            skipped["invitations you declined"] += 1
            continue
        others = [p for p in everyone if not _is_me(p, me_email, me_name)]
        if len(everyone) + (0 if len(others) < len(everyone) else 1) > max_attendees:
            skipped[f"more than {max_attendees} people: a meeting, not networking"] += 1
            continue
        if not others:
            skipped["no one else invited"] += 1
            continue
        channel = _channel(event)
        if not channel:
            skipped["no place, meeting link or call, so the channel is unknown"] += 1
            continue
        try:
            found = _occurrences(event, start_value, lo, hi)
        except TooFrequent:
            skipped["repeats more often than daily: not a meeting with a person"] += 1
            continue
        except (ValueError, TypeError, OverflowError) as err:
            line = _property_line(lines, start, "RRULE")
            raise LogValidationError(
                [Problem(source.name, line, "RRULE", f"this repeat rule cannot be used ({err})")]
            ) from None
        uid = str(event.get("UID"))
        is_override = event.get("RECURRENCE-ID") is not None
        days = [_local_date(f, zone) for f in found]
        recurring = bool(event.get("RRULE") or event.get("RDATE"))
        if recurring and not is_override:
            days = [d for d in days if (uid, d) not in moved]
        inside = sorted({d for d in days if lo <= d <= hi})
        if not inside:
            skipped["outside the dates imported"] += 1
            continue
        who = "them" if organiser else ""
        if organiser and _is_me(organiser, me_email, me_name):
            who = "me"
        title = " ".join(str(event.get("SUMMARY", "")).split())[:120]
        for day in inside:
            for p in others:
                rows.append(
                    {
                        "date": pd.Timestamp(day),
                        "name": p.name,
                        "email": p.email,
                        "channel": channel,
                        "kind": "other",
                        "initiated_by": who,
                        "note": title,
                    }
                )
    if not rows:
        return with_notes(ImportBatch(source.name, skipped=+skipped, priority=4), notes)
    table = pd.DataFrame(rows)
    table["name"] = table["name"].where(table["name"] != "", name_from_email(table["email"]))
    events_out = events_frame(**{c: table[c] for c in table.columns})
    people = people_frame(
        name=events_out["name"],
        email=events_out["email"],
        tier=pd.Series("outer", index=events_out.index),
    )
    batch = ImportBatch(source.name, people=people, events=events_out, skipped=+skipped, priority=4)
    return with_notes(batch, notes)
