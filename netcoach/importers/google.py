"""Google Contacts CSV exports (both header generations) -> contacts.

The current export has ``First Name``, ``Middle Name``, ``Last Name``, ``E-mail 1 - Value``,
``Organization Name``, ``Organization Title`` and ``Labels``; the older one has ``Name``,
``Given Name``, ``Family Name``, ``Organization 1 - Name``, ``Organization 1 - Title`` and
``Group Membership``. Several values in one cell are joined with `` ::: ``: the first email
is kept, labels become tags (Google's own ``* myContacts`` and ``* starred`` are dropped), and
a LinkedIn address among the websites is preferred as the profile URL.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from netcoach.importers.batch import ImportBatch, name_from_email, people_frame
from netcoach.importers.sources import SourceFile, column, read_table
from netcoach.validation import LogValidationError, Problem

SEPARATOR = " ::: "
MARKERS: tuple[str, ...] = ("E-mail 1 - Value", "Given Name", "First Name", "Labels")


def first_value(values: pd.Series) -> pd.Series:
    """The first of several values joined with `` ::: ``."""
    return values.str.split(":::", regex=False).str[0].str.strip()


def labels_to_tags(values: pd.Series) -> pd.Series:
    """Google labels as ``;``-separated tags, without Google's own ``* ...`` labels."""
    parts = values.str.split(":::", regex=False).explode().str.strip()
    parts = parts[(parts != "") & ~parts.str.startswith("*")].str.replace(";", ",")
    return parts.groupby(level=0).agg(";".join).reindex(values.index, fill_value="")


def _websites(frame: pd.DataFrame) -> pd.Series:
    """A profile URL: a LinkedIn address among the websites if there is one, else the first."""
    cells = [column(frame, f"Website {i} - Value") for i in range(1, 4)]
    sites = pd.concat(cells, axis=1).apply(lambda c: c.str.split(":::", regex=False))
    flat = sites.stack().explode().str.strip()
    flat = flat[flat != ""]
    linked = flat[flat.str.contains("linkedin.com", case=False, regex=False)]
    best = linked.groupby(level=0).first().combine_first(flat.groupby(level=0).first())
    return best.reindex(frame.index, fill_value="")


def read_google(source: SourceFile) -> ImportBatch:
    """Read a Google Contacts CSV export into people."""
    frame = read_table(source, MARKERS)
    if not looks_like_google(list(frame.columns)):
        raise LogValidationError(
            [
                Problem(
                    source.name,
                    1,
                    None,
                    "this does not look like a Google Contacts export (no column such as "
                    '"E-mail 1 - Value" or "First Name"); export again as "Google CSV"',
                )
            ]
        )
    parts = [column(frame, c) for c in ("First Name", "Middle Name", "Last Name")]
    joined = (parts[0] + " " + parts[1] + " " + parts[2]).str.split().str.join(" ")
    older = (column(frame, "Given Name") + " " + column(frame, "Family Name")).str.strip()
    name = column(frame, "Name")
    for fallback in (joined, older, column(frame, "File As"), column(frame, "Nickname")):
        name = name.where(name != "", fallback)
    email = first_value(column(frame, "E-mail 1 - Value", "Email 1 - Value", "E-mail Address"))
    name = name.where(name != "", name_from_email(email))
    people = people_frame(
        name=name,
        email=email,
        organisation=first_value(column(frame, "Organization Name", "Organization 1 - Name")),
        role=first_value(column(frame, "Organization Title", "Organization 1 - Title")),
        profile_url=_websites(frame),
        tags=labels_to_tags(column(frame, "Labels", "Group Membership")),
        notes=column(frame, "Notes").str.replace(r"\s+", " ", regex=True),
        tier=pd.Series("outer", index=frame.index),
    )
    keep = people["name"] != ""
    skipped = Counter({"no name and no email": int((~keep).sum())})
    return ImportBatch(source.name, people=people[keep], skipped=+skipped, priority=1)


def looks_like_google(columns: list[str]) -> bool:
    """Whether normalised header names look like a Google Contacts export."""
    cols = set(columns)
    return bool(
        {"e_mail_1_value", "labels", "group_membership", "organization_1_name"} & cols
        or {"given_name", "family_name"} <= cols
        or {"first_name", "middle_name", "organization_name"} <= cols
    )
