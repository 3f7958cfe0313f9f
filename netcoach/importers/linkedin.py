"""LinkedIn's data export ("Get a copy of your data"): connections, messages, invitations,
recommendations and endorsements.

Columns are found by name, in any case, never by position (LinkedIn changes its exports).
What each file becomes:

- ``Connections.csv``: contacts (tier ``outer``, how met "LinkedIn connection"). Being
  connected is not an interaction, so no interaction is made; the "Connected On" date is
  not kept (it says when you clicked, not when you talked). Rows without a name (LinkedIn
  hides some members) are skipped.
- ``messages.csv``: one ``social`` interaction per person and day, the day's first
  message: started by whoever wrote it, and a ``check_in`` when you wrote it to open a
  conversation or after 30 quiet days (else ``other``). Message text is kept only when
  asked. You are found by ``me`` (your name or profile link), else as the person in the
  most messages; a ``me`` that names no one in the file is said in the summary, with who
  was taken.
- ``Invitations.csv``: a ``first_meeting`` on ``social``, started by whoever invited.
- ``Recommendations_Given.csv`` / ``Endorsement_Given_Info.csv``: ``helped`` (a give);
  ``Recommendations_Received.csv`` / ``Endorsement_Received_Info.csv``: ``received_help``.

US-style dates in the export (``3/12/24, 10:22 AM``) are read month first.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pandas as pd

from netcoach.importers.batch import (
    ImportBatch,
    events_frame,
    name_key,
    people_frame,
    url_key,
)
from netcoach.importers.sources import SourceFile, column, read_table
from netcoach.importers.summary import me_matched_no_one, with_notes
from netcoach.validation import LogValidationError, Problem, normalise_header, parse_dates

CHECK_IN_GAP_DAYS = 30
"""A message you send after this many quiet days in a conversation counts as a check-in."""

NOTE_LIMIT = 500
"""Longest message text kept in ``note`` when the learner asks to keep it."""

FILES: dict[str, str] = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "recommendations_given.csv": "recommendations_given",
    "recommendations_received.csv": "recommendations_received",
    "endorsement_given_info.csv": "endorsements_given",
    "endorsement_received_info.csv": "endorsements_received",
}
"""LinkedIn export file names (lower case) and what they hold."""


def linkedin_dates(text: pd.Series) -> pd.Series:
    """Dates as LinkedIn writes them, as ``datetime64[ns]`` at midnight (NaT if unreadable)."""
    s = text.fillna("").astype(str).str.strip()
    s = s.str.replace(r"\s*(UTC|GMT|Z)$", "", regex=True)
    us = s.str.extract(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,.*)?$")
    year = us[2].where(us[2].str.len() != 2, "20" + us[2])
    iso_us = year + "-" + us[0].str.zfill(2) + "-" + us[1].str.zfill(2)
    ymd = s.str.extract(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$")
    iso_ymd = ymd[0] + "-" + ymd[1].str.zfill(2) + "-" + ymd[2].str.zfill(2)
    s = iso_us.fillna(iso_ymd).fillna(s)
    return parse_dates(s, day_first=False)


def _dates(
    frame: pd.DataFrame, source: SourceFile, *names: str
) -> tuple[pd.Series, pd.Series, list[Problem]]:
    """Parsed dates, a mask of rows with no date, and a problem for each unreadable one."""
    raw = column(frame, *names)
    dates = linkedin_dates(raw)
    bad = dates.isna() & (raw != "")
    shown = names[0]
    problems = [
        Problem(
            source.name,
            int(frame.at[i, "row"]),
            shown,
            f'"{raw.at[i]}" is not a date Network Coach can read; LinkedIn writes dates like '
            "12 Mar 2024 or 2024-03-12",
        )
        for i in bad[bad].index[:20]
    ]
    return dates, raw == "", problems


def _full_name(frame: pd.DataFrame, prefix: str = "") -> pd.Series:
    first = column(frame, f"{prefix}First Name")
    last = column(frame, f"{prefix}Last Name")
    return (first + " " + last).str.strip()


def _people_in(events: pd.DataFrame, how_met: str) -> pd.DataFrame:
    """The people named in interactions, as contacts met through ``how_met``."""
    return people_frame(
        name=events["name"],
        profile_url=events["profile_url"],
        how_met=pd.Series(how_met, index=events.index),
        tier=pd.Series("outer", index=events.index),
    )


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise LogValidationError(problems)


def _need(frame: pd.DataFrame, source: SourceFile, what: str, *names: str) -> None:
    """Stop with a clear message when a column the file must have is absent."""
    absent = [n for n in names if normalise_header(n) not in frame.columns]
    if absent:
        raise LogValidationError(
            [
                Problem(
                    source.name,
                    1,
                    absent[0],
                    f"this {what} has no column called {', '.join(absent)}; "
                    "is it the file LinkedIn exported, unchanged?",
                )
            ]
        )


def connections(source: SourceFile) -> ImportBatch:
    """``Connections.csv`` -> contacts (no interactions)."""
    frame = read_table(source, ["First Name", "Connected On"])
    _need(frame, source, "connections file", "First Name", "Last Name")
    name = _full_name(frame)
    people = people_frame(
        name=name,
        email=column(frame, "Email Address", "Email"),
        profile_url=column(frame, "URL", "Profile URL"),
        organisation=column(frame, "Company"),
        role=column(frame, "Position"),
        how_met=pd.Series("LinkedIn connection", index=frame.index),
        tier=pd.Series("outer", index=frame.index),
    )
    keep = people["name"] != ""
    skipped = Counter({"no name (LinkedIn hides some members' names)": int((~keep).sum())})
    return ImportBatch(source.name, people=people[keep], skipped=+skipped, priority=1)


def _me_keys(
    me: str | None, names: pd.Series, urls: pd.Series, file: str = ""
) -> tuple[str, str, list[str]]:
    """(url key, name key) of the learner: as given when it names a participant (an email
    given for the calendar does not), else the most frequent participant. Then the notes
    for the summary: when ``me`` was given but names no one in ``file``, who was taken to
    be the learner instead."""
    if me:
        given = pd.Series([me])
        me_url, me_name = url_key(given).iat[0], name_key(given).iat[0]
        if (url_key(urls) == me_url).any() or (name_key(names) == me_name).any():
            return me_url, me_name, []
    keys = url_key(urls).where(url_key(urls) != "", "name:" + name_key(names))
    keys = keys[keys != "name:"]
    if keys.empty:
        found: tuple[str, str] = ("", "")
        shown = names[:0]
    else:
        top = keys.value_counts().index[0]
        if top.startswith("name:"):
            found, shown = ("", top[5:]), names[name_key(names) == top[5:]]
        else:
            shown = names[url_key(urls) == top]
            found = (top, name_key(shown).mode().iat[0])
    if not me:
        return *found, []
    shown = shown.str.strip()
    named = shown[shown != ""].mode()  # (the name as written, for the summary)
    guess = ""
    if not named.empty:
        guess = f"{named.iat[0]} (the person in the most messages)"
    elif found[0]:
        guess = f"{found[0]} (the profile in the most messages)"
    why = "LinkedIn messages give names and profile links, not emails" if "@" in me else ""
    return *found, [me_matched_no_one(me, file, guess, why)]


SUFFIX = re.compile(
    r"^(?:(?-i:[A-Z][A-Z.]{1,7})|jr\.?|sr\.?|phd|dphil|msc|bsc|meng|mba|cpa|pmp|iii?|iv)$",
    re.IGNORECASE,
)
"""A part of a name written after a comma, not a person: ``MBA``, ``PhD``, ``Jr.``, ``CFA``."""

MAX_PARTS = 12
"""Most comma-separated parts in one TO cell that are tried in every grouping."""


def _split_people(names: pd.Series, urls: pd.Series) -> pd.DataFrame:
    """Recipients as one row each: comma-separated names paired with their URLs (one URL
    per person). A name with a comma in it ("Jane Doe, MBA") is one person: when there are
    more name parts than URLs, the parts are grouped (:func:`_group_names`)."""
    name_lists = names.str.split(r"\s*,\s*", regex=True)
    url_lists = urls.str.split(r"\s*,\s*", regex=True).map(lambda u: [x for x in u if x])
    pairs = [_pair(n, u) for n, u in zip(name_lists, url_lists, strict=True)]
    out = pd.DataFrame(
        {"name": [n for n, _ in pairs], "profile_url": [u for _, u in pairs]}, index=names.index
    )
    out["message"] = out.index
    return out.explode(["name", "profile_url"]).fillna("")


def _pair(parts: list[str], urls: list[str]) -> tuple[list[str], list[str]]:
    """The names and URLs of one message's recipients, the same number of each."""
    if len(parts) == len(urls):
        return parts, urls
    if not urls:
        names = _group_names(parts, None)
        return names, [""] * len(names)
    names = _group_names(parts, urls) if len(parts) > len(urls) else []
    if len(names) != len(urls):  # (no way to pair them: keep the people the links identify)
        return [""] * len(urls), urls
    return names, urls


def _group_names(parts: list[str], urls: list[str] | None) -> list[str]:
    """Name parts joined back into one name per URL (or, with no URLs, each part after a
    comma that is a title such as MBA joined to the name before it). Of the ways to group
    them, the one whose names best fit their profile links (:func:`_likeness`) is taken."""
    if urls is None or len(parts) > MAX_PARTS:
        names: list[str] = []
        for part in parts:
            if names and SUFFIX.match(part):
                names[-1] += f", {part}"
            else:
                names.append(part)
        return names
    best: tuple[int, list[str]] | None = None
    for cuts in itertools.combinations(range(1, len(parts)), len(urls) - 1):
        bounds = (0, *cuts, len(parts))
        names = [", ".join(parts[a:b]) for a, b in itertools.pairwise(bounds)]
        score = sum(_likeness(n, u) for n, u in zip(names, urls, strict=True))
        if best is None or score > best[0]:
            best = score, names
    return best[1] if best else parts


def _likeness(name: str, url: str) -> int:
    """How well a name fits a profile link: its words found in the link's last part, less
    those not found, less 1 when it begins with a title (MBA)."""
    words, slug = _words(name), _words(url.rstrip("/").rsplit("/", 1)[-1])
    return len(words & slug) - len(words - slug) - bool(SUFFIX.match(name.split(",")[0]))


def _words(text: str) -> set[str]:
    """The words of a name, or of a profile link's last part (``jane-doe-example``)."""
    return {w for w in re.split(r"[\W_\d]+", text.casefold()) if len(w) > 1}


def messages(source: SourceFile, *, me: str | None = None, keep_text: bool = False) -> ImportBatch:
    """``messages.csv`` -> one ``social`` interaction per other person and day."""
    frame = read_table(source, ["CONVERSATION ID", "FROM", "SENDER PROFILE URL"])
    _need(frame, source, "messages file", "FROM", "DATE")
    dates, no_date, problems = _dates(frame, source, "DATE")
    _raise(problems)
    skipped: Counter = Counter()
    folder = column(frame, "FOLDER").str.lower()
    unwanted = folder.isin(["draft", "drafts", "spam"])
    skipped["a draft or spam message"] = int(unwanted.sum())
    skipped["no date"] = int((no_date & ~unwanted).sum())
    sender = column(frame, "FROM")
    sender_url = column(frame, "SENDER PROFILE URL")
    to = column(frame, "TO")
    to_urls = column(frame, "RECIPIENT PROFILE URLS")
    recipients = _split_people(to, to_urls)
    me_url, me_name, notes = _me_keys(
        me,
        pd.concat([sender, recipients["name"]], ignore_index=True),
        pd.concat([sender_url, recipients["profile_url"]], ignore_index=True),
        source.name,
    )

    def is_me(names: pd.Series, urls: pd.Series) -> pd.Series:
        by_url = (url_key(urls) == me_url) & (me_url != "")
        by_name = (name_key(names) == me_name) & (me_name != "")
        return by_url | by_name

    from_me = is_me(sender, sender_url)
    moments = _moments(column(frame, "DATE"))
    conversation = column(frame, "CONVERSATION ID")
    conversation = conversation.where(conversation != "", column(frame, "CONVERSATION TITLE"))
    # (by each message's time too: the reply listed first, as LinkedIn lists newest first,
    # must not open a conversation the other person started that morning)
    order = pd.DataFrame({"c": conversation, "d": dates, "t": moments}).sort_values(
        ["c", "d", "t"], kind="stable", na_position="last"
    )
    gap = order.groupby("c")["d"].diff().dt.days.reindex(frame.index)
    opens = gap.isna() | (gap >= CHECK_IN_GAP_DAYS)
    kind = pd.Series("other", index=frame.index).where(~(from_me & opens), "check_in")
    note = pd.Series("", index=frame.index)
    if keep_text:
        text = (column(frame, "SUBJECT") + ": " + column(frame, "CONTENT")).str.strip(": ")
        note = text.str.replace(r"\s+", " ", regex=True).str.slice(0, NOTE_LIMIT)
    keep = ~unwanted & ~no_date
    # The other person: the sender of a message you received, else each recipient.
    others = recipients[recipients["message"].map(from_me)]
    others = others[~is_me(others["name"], others["profile_url"])]
    theirs = pd.DataFrame({"name": sender, "profile_url": sender_url, "message": frame.index})
    theirs = theirs[~from_me]
    pairs = pd.concat([others, theirs], ignore_index=True)
    named = (pairs["name"] != "") | (pairs["profile_url"] != "")
    pairs = pairs[pairs["message"].map(keep) & named]
    m = pairs["message"]
    events = events_frame(
        date=dates.reindex(m).reset_index(drop=True),
        name=pairs["name"].reset_index(drop=True),
        profile_url=pairs["profile_url"].reset_index(drop=True),
        channel=pd.Series("social", index=range(len(pairs))),
        kind=kind.reindex(m).reset_index(drop=True),
        initiated_by=from_me.reindex(m).map({True: "me", False: "them"}).reset_index(drop=True),
        note=note.reindex(m).reset_index(drop=True),
    )
    nobody = keep & ~frame.index.isin(pairs["message"])
    skipped["no other person named"] = int(nobody.sum())
    events = _one_a_day(
        events,
        moments.reindex(m).reset_index(drop=True),
        m.reset_index(drop=True),
        conversation.reindex(m).reset_index(drop=True),
    )
    people = _people_in(events, "LinkedIn message")
    batch = ImportBatch(source.name, people=people, events=events, skipped=+skipped, priority=3)
    return with_notes(batch, notes)


def _moments(text: pd.Series) -> pd.Series:
    """Each message's date and time in UTC, for the order of messages within a day; NaT
    when it cannot be read (then the file's order counts). Offsets may differ from row to
    row (a change of summer time), which a plain ``to_datetime`` refuses outright."""
    cleaned = text.str.replace(r"\s*(UTC|GMT)$", "Z", regex=True)
    moments = pd.to_datetime(cleaned, errors="coerce", format="ISO8601", utc=True)
    for us in ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p"):  # LinkedIn's US style
        unread = moments.isna() & (text != "")
        if unread.any():
            plain = text[unread].str.replace(r"\s*(UTC|GMT|Z)$", "", regex=True)
            moments = moments.fillna(
                pd.to_datetime(plain, errors="coerce", format=us).dt.tz_localize("UTC")
            )
    return moments


def _person_of_the_day(
    day: pd.Series, name: pd.Series, link: pd.Series, conversation: pd.Series
) -> pd.Series:
    """Who each row is, for one interaction per person and day: their profile link. A row
    without one (a recipient's link is sometimes missing) takes the one link its name has
    in the same conversation, else the one link its name has that day, else the name. Two
    people of one name with two links stay two."""
    has_link = link != ""
    rows = pd.DataFrame({"day": day, "c": conversation, "name": name, "link": link})
    known = rows[has_link & (name != "")]
    who = link.copy()
    for scope in (["c", "name"], ["day", "name"]):
        links = known[[*scope, "link"]].drop_duplicates()
        one = links[~links.duplicated(scope, keep=False)]  # names with a single link here
        found = rows[scope].merge(one, on=scope, how="left")["link"].fillna("")
        who = who.where(who != "", found.set_axis(link.index))
    return who.where(who != "", "name:" + name)


def _one_a_day(
    events: pd.DataFrame, moments: pd.Series, lines: pd.Series, conversation: pd.Series
) -> pd.DataFrame:
    """One interaction per person and day, as the import page promises: a message and its
    reply on one day are one contact, not two (each row counts in the channel mix). The
    day's first message gives its kind and who started it; the texts kept (with
    ``keep_text``) are joined in time order. ``moments``: each row's date and time, for
    the order within a day; ``lines``: its message's place in the file, for the order
    when the times are equal or unread; ``conversation``: its conversation. Who is who:
    :func:`_person_of_the_day`."""
    if events.empty:
        return events
    day = events["date"].dt.normalize()
    names, links = name_key(events["name"]), url_key(events["profile_url"])
    who = _person_of_the_day(day, names, links, conversation)
    order = pd.DataFrame({"day": day, "who": who, "at": moments, "line": lines}).sort_values(
        ["day", "who", "at", "line"], kind="stable", na_position="last"
    )
    first = order.drop_duplicates(["day", "who"]).index.sort_values()
    out = events.loc[first].copy()
    out["date"] = day.loc[first]
    # a row without a link carries the one its person was found by (so the merge can tell
    # two Kim Lees apart by it)
    raw = events["profile_url"][links != ""].groupby(links[links != ""]).first()
    missing = out["profile_url"] == ""
    out.loc[missing, "profile_url"] = [raw.get(w, "") for w in who.loc[first][missing]]
    if (events["note"] != "").any():  # (only with keep_text)
        in_time = order.sort_values(["at", "line"], kind="stable", na_position="last").index
        said = events.loc[in_time].query("note != ''")
        texts = said["note"].groupby([day.loc[said.index], who.loc[said.index]]).agg(" / ".join)
        keys = zip(day.loc[first], who.loc[first], strict=True)
        out["note"] = [texts.get(k, "")[:NOTE_LIMIT] for k in keys]
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def invitations(source: SourceFile, *, keep_text: bool = False) -> ImportBatch:
    """``Invitations.csv`` -> a ``first_meeting`` on ``social`` with whoever invited."""
    frame = read_table(source, ["Direction", "Sent At"])
    _need(frame, source, "invitations file", "From", "To", "Direction")
    dates, no_date, problems = _dates(frame, source, "Sent At")
    _raise(problems)
    direction = column(frame, "Direction").str.lower()
    outgoing = direction == "outgoing"
    known = outgoing | (direction == "incoming")
    name = column(frame, "To").where(outgoing, column(frame, "From"))
    url = column(frame, "inviteeProfileUrl").where(outgoing, column(frame, "inviterProfileUrl"))
    keep = known & ~no_date & (name != "")
    skipped = Counter(
        {
            "the direction is not incoming or outgoing": int((~known).sum()),
            "no date": int((known & no_date).sum()),
            "no name": int((known & ~no_date & (name == "")).sum()),
        }
    )
    note = column(frame, "Message") if keep_text else pd.Series("", index=frame.index)
    events = events_frame(
        date=dates[keep],
        name=name[keep],
        profile_url=url[keep],
        channel="social",
        kind="first_meeting",
        initiated_by=outgoing[keep].map({True: "me", False: "them"}),
        note=note[keep].str.slice(0, NOTE_LIMIT),
    )
    people = _people_in(events, "LinkedIn invitation")
    return ImportBatch(source.name, people=people, events=events, skipped=+skipped, priority=2)


def _gives(
    source: SourceFile,
    *,
    name: pd.Series,
    url: pd.Series,
    dates: pd.Series,
    no_date: pd.Series,
    given: bool,
    note: pd.Series,
    organisation: pd.Series | str = "",
    role: pd.Series | str = "",
) -> ImportBatch:
    keep = ~no_date & (name != "")
    skipped = Counter(
        {"no date": int(no_date.sum()), "no name": int((~no_date & (name == "")).sum())}
    )
    events = events_frame(
        date=dates[keep],
        name=name[keep],
        profile_url=url[keep],
        channel="social",
        kind="helped" if given else "received_help",
        initiated_by="me" if given else "them",
        note=note[keep],
    )
    people = people_frame(
        name=name[keep],
        profile_url=url[keep],
        organisation=organisation[keep] if isinstance(organisation, pd.Series) else organisation,
        role=role[keep] if isinstance(role, pd.Series) else role,
        tier=pd.Series("outer", index=name[keep].index),
    )
    return ImportBatch(source.name, people=people, events=events, skipped=+skipped, priority=4)


def recommendations(source: SourceFile, *, given: bool, keep_text: bool = False) -> ImportBatch:
    """Recommendations you wrote (``helped``) or received (``received_help``)."""
    frame = read_table(source, ["First Name", "Creation Date"])
    _need(frame, source, "recommendations file", "First Name", "Last Name")
    dates, no_date, problems = _dates(frame, source, "Creation Date", "Date")
    _raise(problems)
    label = "Wrote a LinkedIn recommendation" if given else "Recommended you on LinkedIn"
    note = pd.Series(label, index=frame.index)
    if keep_text:
        note = note + ": " + column(frame, "Text").str.slice(0, NOTE_LIMIT)
    return _gives(
        source,
        name=_full_name(frame),
        url=pd.Series("", index=frame.index),
        dates=dates,
        no_date=no_date,
        given=given,
        note=note,
        organisation=column(frame, "Company"),
        role=column(frame, "Job Title"),
    )


def endorsements(source: SourceFile, *, given: bool) -> ImportBatch:
    """Skills you endorsed (``helped``) or were endorsed for (``received_help``)."""
    who = "Endorsee " if given else "Endorser "
    frame = read_table(source, [f"{who}First Name", "Endorsement Date"])
    _need(frame, source, "endorsements file", f"{who}First Name", "Endorsement Date")
    dates, no_date, problems = _dates(frame, source, "Endorsement Date")
    _raise(problems)
    skill = column(frame, "Skill Name")
    note = ("Endorsed: " if given else "Endorsed you: ") + skill
    return _gives(
        source,
        name=_full_name(frame, who),
        url=column(frame, f"{who}Public Url"),
        dates=dates,
        no_date=no_date,
        given=given,
        note=note,
    )


def read_linkedin(
    source: SourceFile, what: str, *, me: str | None = None, keep_text: bool = False
) -> ImportBatch:
    """Read one LinkedIn export file; ``what`` is a value of :data:`FILES`."""
    if what == "connections":
        return connections(source)
    if what == "messages":
        return messages(source, me=me, keep_text=keep_text)
    if what == "invitations":
        return invitations(source, keep_text=keep_text)
    if what.startswith("recommendations"):
        return recommendations(source, given=what.endswith("given"), keep_text=keep_text)
    return endorsements(source, given=what.endswith("given"))
