"""Reference answers for the exercises, computed with plain pandas from a log's two tables.

Each function is what a learner can write after reading the matching chapter; the check
functions compare a learner's answer with these. They follow the rules in ``data/README.md``
(gives, asks and help received by kind; rich channels; follow-up on or after the day).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from netcoach.log import NetworkLog
from netcoach.schema import (
    ASK_KINDS,
    CHANNELS,
    FOLLOW_UP_KINDS,
    GIVE_KINDS,
    LEAD_KIND,
    RECEIVED_KINDS,
    RICH_CHANNELS,
    THANKS_KIND,
)
from netcoach.settings import Settings

WEEKLY_ACTIONS = 10
"""How many actions the weekly list keeps."""


def as_of(log: NetworkLog) -> pd.Timestamp:
    """The log's fixed "as of" date (the samples have one in ``settings.toml``)."""
    day = log.folder_settings.as_of or dt.date.today()
    return pd.Timestamp(day)


def busiest_month(log: NetworkLog) -> str:
    """The ``YYYY-MM`` month with the most interactions (the earliest one on a tie)."""
    per_month = log.interactions.groupby(log.interactions["date"].dt.strftime("%Y-%m")).size()
    return str(per_month.idxmax())


def group_counts(log: NetworkLog) -> dict[str, int]:
    """How many gives, asks and help received the log holds."""
    kind = log.interactions["kind"]
    return {
        "gives": int(kind.isin(GIVE_KINDS).sum()),
        "asks": int(kind.isin(ASK_KINDS).sum()),
        "received": int(kind.isin(RECEIVED_KINDS).sum()),
    }


def per_contact(log: NetworkLog) -> pd.DataFrame:
    """One row per contact: gives, asks, received and ``one_way`` (asked, never gave)."""
    kind = log.interactions["kind"]
    flags = pd.DataFrame(
        {
            "contact_id": log.interactions["contact_id"],
            "gives": kind.isin(GIVE_KINDS).astype(int),
            "asks": kind.isin(ASK_KINDS).astype(int),
            "received": kind.isin(RECEIVED_KINDS).astype(int),
        }
    )
    sums = flags.groupby("contact_id")[["gives", "asks", "received"]].sum()
    table = log.contacts[["contact_id", "name"]].join(sums, on="contact_id")
    table[["gives", "asks", "received"]] = (
        table[["gives", "asks", "received"]].fillna(0).astype(int)
    )
    table["one_way"] = (table["asks"] > 0) & (table["gives"] == 0)
    return table.reset_index(drop=True)


def channel_shares(log: NetworkLog) -> pd.Series:
    """Share of interactions on each of the seven channels (zeros included; sums to 1)."""
    counts = log.interactions["channel"].value_counts().reindex(list(CHANNELS), fill_value=0)
    return counts / counts.sum()


def rich_share(log: NetworkLog) -> float:
    """Share of interactions on a rich channel (in person, event, video, phone)."""
    return float(log.interactions["channel"].isin(RICH_CHANNELS).mean())


def monthly_counts(log: NetworkLog) -> pd.DataFrame:
    """Interactions per month (rows ``YYYY-MM``) and channel (seven columns)."""
    month = log.interactions["date"].dt.strftime("%Y-%m").rename("month")
    table = pd.crosstab(month, log.interactions["channel"])
    return table.reindex(columns=list(CHANNELS), fill_value=0)


def monthly_rich_share(log: NetworkLog) -> pd.Series:
    """Share of each month's interactions on a rich channel."""
    table = monthly_counts(log)
    return table[list(RICH_CHANNELS)].sum(axis=1) / table.sum(axis=1)


def cadence_table(log: NetworkLog, settings: Settings | None = None) -> pd.DataFrame:
    """Contacts with a cadence: last contact, days since, and whether they are overdue.

    The cadence is the contact's own ``cadence_days``, else the tier's default. Contacts
    never in touch have no ``days_since`` and are not counted as overdue here.
    """
    settings = settings or log.folder_settings.scoring
    contacts = log.contacts
    default = contacts["tier"].map(dict(settings.cadence_days)).astype("Int64")
    cadence = contacts["cadence_days"].fillna(default)
    last = log.interactions.groupby("contact_id")["date"].max()
    table = pd.DataFrame(
        {
            "contact_id": contacts["contact_id"],
            "name": contacts["name"],
            "cadence_days": cadence,
            "last_contact": contacts["contact_id"].map(last),
        }
    )
    table = table[table["cadence_days"].notna()].reset_index(drop=True)
    table["days_since"] = (as_of(log) - table["last_contact"]).dt.days.astype("Int64")
    table["overdue"] = (table["days_since"] > table["cadence_days"]).fillna(False).astype(bool)
    return table


def _answered(
    log: NetworkLog,
    asked: tuple[str, ...],
    answers: tuple[str, ...],
    lead_answers: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Rows of kinds ``asked`` with the first answer on or after the day.

    Kinds ``answers`` answer any row; kinds ``lead_answers`` answer job leads only.
    """
    rows = log.interactions
    todo = rows.loc[rows["kind"].isin(asked), ["row", "date", "contact_id", "kind"]]
    done = rows.loc[rows["kind"].isin(answers + lead_answers), ["contact_id", "date", "kind"]]
    pairs = todo.merge(done, on="contact_id", suffixes=("", "_answer"))
    fits = pairs["kind_answer"].isin(answers) | (pairs["kind"] == LEAD_KIND)
    pairs = pairs[fits & (pairs["date_answer"] >= pairs["date"])]
    first = pairs.groupby("row")["date_answer"].min()
    out = todo.drop(columns="kind").assign(answered_on=todo["row"].map(first))
    return out.reset_index(drop=True)


def leads(log: NetworkLog) -> pd.DataFrame:
    """Job leads with the day of the first follow-up (or decline) on or after them."""
    return _answered(log, (LEAD_KIND,), FOLLOW_UP_KINDS)


def help_thanked(log: NetworkLog) -> pd.DataFrame:
    """Help received (any ``received_...`` row) with the first thank-you on or after it.

    Following up (or declining) a lead also thanks the person who gave it, as in the
    follow-up score.
    """
    return _answered(log, RECEIVED_KINDS, (THANKS_KIND,), FOLLOW_UP_KINDS)


def leads_not_followed(log: NetworkLog) -> list[int]:
    """CSV row numbers of leads never followed up or declined."""
    table = leads(log)
    return table.loc[table["answered_on"].isna(), "row"].tolist()


def help_not_thanked(log: NetworkLog) -> list[int]:
    """CSV row numbers of help received that was never thanked."""
    table = help_thanked(log)
    return table.loc[table["answered_on"].isna(), "row"].tolist()


def action_list(log: NetworkLog, settings: Settings | None = None) -> pd.DataFrame:
    """Every overdue action, worst first: contact_id, action, days_overdue, rank.

    Actions: ``follow_up_lead`` (lead with no answer, past its window), ``send_thanks``
    (help not thanked, past its window) and ``reconnect`` (past the contact's cadence).
    One row per contact and action, with the largest number of days overdue.
    """
    settings = settings or log.folder_settings.scoring
    today = as_of(log)
    parts = []
    for action, table, window in (
        ("follow_up_lead", leads(log), settings.lead_follow_up_days),
        ("send_thanks", help_thanked(log), settings.thanks_days),
    ):
        open_ = table[table["answered_on"].isna()]
        late = (today - open_["date"]).dt.days - window
        parts.append(
            pd.DataFrame(
                {"contact_id": open_["contact_id"], "action": action, "days_overdue": late}
            )
        )
    cadence = cadence_table(log, settings)
    overdue = cadence[cadence["overdue"]]
    parts.append(
        pd.DataFrame(
            {
                "contact_id": overdue["contact_id"],
                "action": "reconnect",
                "days_overdue": (overdue["days_since"] - overdue["cadence_days"]).astype(int),
            }
        )
    )
    actions = pd.concat(parts, ignore_index=True)
    actions = actions[actions["days_overdue"] > 0]
    actions = actions.groupby(["contact_id", "action"], as_index=False)["days_overdue"].max()
    actions = actions.sort_values(
        ["days_overdue", "contact_id", "action"], ascending=[False, True, True]
    ).reset_index(drop=True)
    actions["rank"] = range(1, len(actions) + 1)
    return actions
