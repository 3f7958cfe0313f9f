"""Invented learners: a seeded, vectorised generator of network logs, and the three samples.

:func:`generate_log` turns a :class:`LearnerProfile` (how a learner networks) into the two
raw tables of a network log, exactly as the CSV files hold them (every column is text, dates
are ISO ``YYYY-MM-DD``, blanks are ``""``). It draws everything with numpy arrays from
``numpy.random.default_rng(seed)``, so the same arguments always give the same tables, and it
scales to a million interactions. It never reads the clock: ``start`` and ``as_of`` are given.

The three sample learners in ``data/samples/`` (:data:`SAMPLE_NAMES`) are made by
:func:`write_samples`; ``tests/test_samples.py`` checks the committed files are byte-for-byte
what the generator writes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from netcoach import __version__
from netcoach.schema import (
    ASK_KINDS,
    CHANNELS,
    CONTACT_COLUMNS,
    CONTACTS_FILE,
    GIVE_KINDS,
    INTERACTION_COLUMNS,
    INTERACTIONS_FILE,
    LEAD_KIND,
    RECEIVED_KINDS,
    SETTINGS_FILE,
    THANKS_KIND,
    TIERS,
)
from netcoach.settings import DEFAULT_CADENCE_DAYS, Settings

if TYPE_CHECKING:
    import pandas as pd

    from netcoach.log import NetworkLog

SAMPLE_NAMES: tuple[str, ...] = ("career-changer", "graduate", "experienced")
SAMPLE_AS_OF = dt.date(2025, 9, 30)
SAMPLE_START = SAMPLE_AS_OF - dt.timedelta(days=364)
DEFAULT_SEED = 20250930

SAMPLE_DESCRIPTIONS: dict[str, str] = {
    "career-changer": (
        "Sam is moving from retail management into data analysis. Sam is generous with "
        "articles, congratulations and introductions, but does nearly everything by email "
        "and LinkedIn, so few of those interactions are a coffee, a call or an event."
    ),
    "graduate": (
        "Alex finished a degree this summer and is looking for a first role. Alex asks for "
        "a lot of advice and rarely gives anything back yet, has several contacts who only "
        "ever hear a request, and once asked the same person again and again within a few weeks."
    ),
    "experienced": (
        "Jo has twenty years in logistics and networks well: gives first, meets people in "
        "person and on calls, says thank you and keeps in touch. But over the year "
        "several job leads slipped without a follow-up."
    ),
}
SAMPLE_TAGLINES: dict[str, str] = {
    "career-changer": "Sam, changing careers: a generous giver who does nearly everything by "
    "email and LinkedIn.",
    "graduate": "Alex, a new graduate: mostly asks, rarely gives, and sometimes asks one "
    "person too often.",
    "experienced": "Jo, an experienced professional: good habits, but several job leads "
    "never followed up.",
}


# --- the profile ----------------------------------------------------------------------------


def _frozen(mapping: dict[str, float]) -> MappingProxyType:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class LearnerProfile:
    """How an (invented) learner networks: the probabilities that drive :func:`generate_log`.

    Shares of three outcomes (``on_time``, ``late``, the rest ``never``) describe the
    follow-up and thanks habits; ``cadence_keeping`` is the share of contacts with a
    stay-in-touch cadence that the learner keeps up with.
    """

    channel_mix: MappingProxyType = field(
        default_factory=lambda: _frozen(dict.fromkeys(CHANNELS, 1 / len(CHANNELS)))
    )
    """Probability of each channel (keys from :data:`netcoach.schema.CHANNELS`)."""
    kind_mix: MappingProxyType = field(
        default_factory=lambda: _frozen({"give": 0.3, "ask": 0.25, "received": 0.2, "touch": 0.25})
    )
    """Probability that an everyday interaction is a give, an ask, help received or a touch."""
    lead_share: float = 0.35
    """Share of help received that is a job lead."""
    follow_up_on_time: float = 0.6
    follow_up_late: float = 0.25
    """Leads followed up inside / after the window; the rest are never followed up."""
    declined_share: float = 0.25
    """Share of answered leads that are declined with a reason rather than followed up."""
    thanks_on_time: float = 0.6
    thanks_late: float = 0.25
    """Help thanked inside / after the thanks window; the rest is never thanked."""
    tier_mix: MappingProxyType = field(
        default_factory=lambda: _frozen({"inner": 0.1, "close": 0.2, "active": 0.35, "outer": 0.35})
    )
    """Share of contacts in each tier (counts are rounded, so every tier with a share appears)."""
    own_cadence_share: float = 0.1
    """Share of contacts with their own ``cadence_days``."""
    cadence_keeping: float = 0.6
    """Share of contacts with a cadence who were contacted inside it before ``as_of``."""
    one_way_share: float = 0.1
    """Share of contacts the learner only asks, never gives to."""
    silent_share: float = 0.06
    """Share of contacts with no interactions at all."""
    over_ask_contacts: int = 0
    """How many contacts the learner asks again and again in a short span ..."""
    over_ask_burst: int = 5
    """... and how many asks each burst holds (inside about three weeks)."""
    met_this_year_share: float = 0.5
    """Share of active contacts with a logged ``first_meeting``."""


PROFILES: dict[str, LearnerProfile] = {
    "career-changer": LearnerProfile(
        channel_mix=_frozen(
            {
                "email": 0.46,
                "social": 0.30,
                "text": 0.08,
                "in_person": 0.06,
                "event": 0.04,
                "video": 0.04,
                "phone": 0.02,
            }
        ),
        kind_mix=_frozen({"give": 0.36, "ask": 0.22, "received": 0.2, "touch": 0.22}),
        follow_up_on_time=0.55,
        follow_up_late=0.3,
        thanks_on_time=0.55,
        thanks_late=0.3,
        cadence_keeping=0.55,
        one_way_share=0.1,
    ),
    "graduate": LearnerProfile(
        channel_mix=_frozen(
            {
                "social": 0.34,
                "email": 0.28,
                "text": 0.1,
                "event": 0.12,
                "video": 0.08,
                "in_person": 0.06,
                "phone": 0.02,
            }
        ),
        kind_mix=_frozen({"give": 0.07, "ask": 0.46, "received": 0.2, "touch": 0.27}),
        follow_up_on_time=0.4,
        follow_up_late=0.3,
        declined_share=0.2,
        thanks_on_time=0.35,
        thanks_late=0.3,
        tier_mix=_frozen({"inner": 0.08, "close": 0.17, "active": 0.35, "outer": 0.4}),
        cadence_keeping=0.4,
        one_way_share=0.3,
        over_ask_contacts=2,
        over_ask_burst=5,
        met_this_year_share=0.7,
    ),
    "experienced": LearnerProfile(
        channel_mix=_frozen(
            {
                "in_person": 0.26,
                "video": 0.2,
                "phone": 0.12,
                "event": 0.1,
                "email": 0.18,
                "social": 0.09,
                "text": 0.05,
            }
        ),
        kind_mix=_frozen({"give": 0.4, "ask": 0.14, "received": 0.24, "touch": 0.22}),
        lead_share=0.4,
        follow_up_on_time=0.6,
        follow_up_late=0.1,
        declined_share=0.3,
        thanks_on_time=0.85,
        thanks_late=0.1,
        tier_mix=_frozen({"inner": 0.1, "close": 0.25, "active": 0.4, "outer": 0.25}),
        own_cadence_share=0.15,
        cadence_keeping=0.8,
        one_way_share=0.04,
        met_this_year_share=0.3,
    ),
}

SAMPLE_SIZES: dict[str, tuple[int, int]] = {
    "career-changer": (45, 340),
    "graduate": (38, 260),
    "experienced": (56, 460),
}

# --- invented vocabulary --------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "Amara", "Bilal", "Carys", "Dario", "Elin", "Femi", "Greta", "Hamid", "Ines", "Jonas",
    "Kavya", "Lior", "Maren", "Nuno", "Orla", "Priya", "Quinn", "Rosa", "Sefa", "Tomasz",
    "Uma", "Valentin", "Wren", "Ximena", "Yusuf", "Zofia", "Aled", "Bea", "Cian", "Dilys",
    "Esme", "Farah", "Gideon", "Hana", "Ilse", "Jude", "Kenji", "Leila", "Mateo", "Noor",
    "Oskar", "Pia", "Rhodri", "Saoirse", "Tariq", "Una", "Vikram", "Yara",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "Ashwell", "Brackley", "Corran", "Dunmere", "Elstow", "Fenwright", "Garrowby", "Halloran",
    "Ivesby", "Jessop", "Kettleby", "Lindqvist", "Marrick", "Northam", "Okafor", "Penhallow",
    "Quarrie", "Rowanby", "Salcombe", "Thistlewood", "Underhay", "Varga", "Whitlow",
    "Yardley", "Zeller", "Abernay", "Blythe", "Castellan", "Dovecote", "Ekwueme", "Farrant",
    "Glenholm", "Hartigan", "Inglby", "Jovanic", "Kinsella", "Lowestoft", "Moreau", "Nakamura",
    "Osei", "Pemberton", "Rasmussen", "Sandoval", "Treharne", "Volkova", "Wickham",
)  # fmt: skip
ORGANISATIONS: tuple[str, ...] = (
    "Harbour Analytics", "Fernleigh Data", "Quillmoor Health", "Ashcombe Logistics",
    "Larkspur Learning Trust", "Brindlewick Foods", "Oxbow Civic Lab", "Marram Energy",
    "Kestrel Row Studio", "Saltmarsh Insurance", "Wrenfield Council", "Copperbeech Retail",
    "Halcyon Freight", "Tallowgate Software", "Millrace Bank", "Heronsgate Hospital",
    "Blackthorn Consulting", "Gorsefield College", "Lanternfish Media", "Pebblebrook Housing",
)  # fmt: skip
ROLES: tuple[str, ...] = (
    "Data analyst", "Team lead", "Recruiter", "Operations manager", "Software engineer",
    "Product manager", "Careers adviser", "Head of people", "Research assistant",
    "Logistics planner", "Store manager", "Project coordinator", "Lecturer", "Consultant",
)  # fmt: skip
HOW_MET: tuple[str, ...] = (
    "Former colleague", "University", "Local meetup", "Careers fair", "Introduced by a friend",
    "LinkedIn", "Volunteering", "Conference", "Online course", "Neighbour",
)  # fmt: skip
TAGS: tuple[str, ...] = (
    "", "", "data", "mentor", "recruiter", "alumni", "logistics;mentor", "data;meetup",
    "hiring manager", "retail",
)  # fmt: skip
CONTACT_NOTES: tuple[str, ...] = (
    "", "", "", "Runs the local data meetup", "Likes early-morning coffees",
    "Moving teams in the spring", "Knows everyone in operations", "Happy to review CVs",
    "Prefers a call to email", "Back from parental leave in June",
)  # fmt: skip
LEAD_ROLES: tuple[str, ...] = (
    "Junior analyst", "Operations lead", "Data officer", "Planning manager", "Graduate scheme",
    "Reporting analyst", "Supply chain analyst", "Insight assistant",
)  # fmt: skip
DECLINE_REASONS: tuple[str, ...] = (
    "Needs a move to another city; explained and said thanks",
    "Too senior for me right now; told them why",
    "Contract only and I need a permanent role",
    "Salary below what I can take; thanked them",
    "Already in final interviews elsewhere; kept them posted",
)
NOTES_BY_KIND: dict[str, tuple[str, ...]] = {
    "shared": ("Sent an article on hiring trends", "Shared a meetup link", "Passed on a report"),
    "congratulated": ("New role", "Promotion", "Award at the regional awards"),
    "introduced": ("Introduced to a friend in analytics", "Connected with a former manager"),
    "referred": ("Passed on a contract opening", "Referred a client"),
    "helped": ("Reviewed their slides", "Gave feedback on a survey", "Helped move a stand"),
    "asked_advice": ("Advice on my CV", "How to move into data", "Which courses matter"),
    "asked_intro": ("Asked to meet their team lead",),
    "asked_referral": ("Asked for a referral for an open role",),
    "asked_lead": ("Anything coming up in your team?",),
    "received_help": ("Mock interview", "Feedback on my portfolio", "Tips on salary talks"),
    "received_intro": ("Introduced me to a hiring manager", "Intro to a recruiter"),
    "received_referral": ("Referred me for an open role",),
    "followed_up_lead": ("Applied and reported back", "Called the hiring manager"),
    "thanked": ("Thank-you note", "Thanked them"),
    "check_in": ("Catch-up coffee", "Quick hello and a useful link", "How is the new job?"),
    "first_meeting": ("Met at a meetup", "First call", "Introduced at a careers fair"),
    "other": ("Bumped into them",),
}
TOUCH_KIND_PROBS: dict[str, float] = {"check_in": 0.8, "other": 0.2}
GIVE_KIND_PROBS: dict[str, float] = {
    "shared": 0.35,
    "congratulated": 0.25,
    "introduced": 0.12,
    "referred": 0.08,
    "helped": 0.2,
}
ASK_KIND_PROBS: dict[str, float] = {
    "asked_advice": 0.5,
    "asked_intro": 0.2,
    "asked_referral": 0.15,
    "asked_lead": 0.15,
}
HELP_KIND_PROBS: dict[str, float] = {
    "received_help": 0.6,
    "received_intro": 0.25,
    "received_referral": 0.15,
}
TIER_WEIGHT: dict[str, float] = {"inner": 6.0, "close": 3.0, "active": 1.5, "outer": 0.6}
OWN_CADENCES: tuple[int, ...] = (21, 45, 60, 120, 180)
NOTE_SHARE = 0.35  # share of everyday rows with a note

# Kind codes used inside the generator (index into _ALL_KINDS).
_ALL_KINDS: tuple[str, ...] = (
    *GIVE_KINDS,
    *ASK_KINDS,
    *RECEIVED_KINDS,
    "followed_up_lead",
    "declined_lead",
    THANKS_KIND,
    "check_in",
    "first_meeting",
    "other",
)
_K = {k: i for i, k in enumerate(_ALL_KINDS)}
_GROUPS: tuple[str, ...] = ("give", "ask", "received", "touch")
_GIVE = np.array([_K[k] for k in GIVE_KINDS])
_ASK = np.array([_K[k] for k in ASK_KINDS])
_RECEIVED = np.array([_K[k] for k in RECEIVED_KINDS])


# --- the generator --------------------------------------------------------------------------


def _pick(rng: np.random.Generator, probs: dict[str, float], size: int) -> np.ndarray:
    """Draw ``size`` kind codes with the given (normalised) probabilities."""
    codes = np.array([_K[k] for k in probs])
    p = np.array(list(probs.values()), dtype=float)
    return rng.choice(codes, size=size, p=p / p.sum())


def _normalised(mapping: MappingProxyType, keys: tuple[str, ...]) -> np.ndarray:
    p = np.array([float(mapping.get(k, 0.0)) for k in keys])
    if p.sum() <= 0:
        raise ValueError(f"probabilities for {keys} must add up to more than zero")
    return p / p.sum()


def _counts(shares: np.ndarray, n: int) -> np.ndarray:
    """Split ``n`` into whole counts close to ``shares`` (largest remainders)."""
    raw = shares * n
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: n - counts.sum()]] += 1
    return counts


def _slug(text: np.ndarray) -> np.ndarray:
    return np.char.replace(np.char.lower(text.astype(str)), " ", "-")


def _contacts_table(
    rng: np.random.Generator, profile: LearnerProfile, n: int
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Invented contacts as arrays of text, each contact's cadence (0 = none) and the index
    of their organisation in :data:`ORGANISATIONS`."""
    n_names = len(FIRST_NAMES) * len(LAST_NAMES)
    combo = rng.permutation(n_names)[np.arange(n) % n_names]
    first = np.array(FIRST_NAMES)[combo // len(LAST_NAMES)]
    last = np.array(LAST_NAMES)[combo % len(LAST_NAMES)]
    # Beyond the number of distinct names, emails get a number so they stay unique.
    suffix = np.where(np.arange(n) >= n_names, (np.arange(n) // n_names).astype(str), "")
    local = np.char.add(np.char.add(np.char.add(_slug(first), "."), _slug(last)), suffix)
    width = max(3, len(str(n)))
    ids = np.char.add("c", np.char.zfill(np.arange(1, n + 1).astype(str), width))

    tier_counts = _counts(_normalised(profile.tier_mix, TIERS), n)
    tiers = rng.permutation(np.repeat(np.array(TIERS), tier_counts))
    own = rng.random(n) < profile.own_cadence_share
    own_value = rng.choice(np.array(OWN_CADENCES), size=n)
    default = np.array([DEFAULT_CADENCE_DAYS[t] or 0 for t in TIERS])[
        np.searchsorted(np.array(TIERS), tiers, sorter=np.argsort(TIERS))
    ]
    cadence = np.where(own, own_value, default)
    has_url = rng.random(n) < 0.7
    org_code = rng.integers(0, len(ORGANISATIONS), n)
    url = np.char.add("https://www.linkedin.com/in/example-", np.char.add(np.char.add(
        _slug(first), "-"), _slug(last)))  # fmt: skip
    table = {
        "contact_id": ids,
        "name": np.char.add(np.char.add(first, " "), last),
        "organisation": np.array(ORGANISATIONS)[org_code],
        "role": rng.choice(np.array(ROLES), size=n),
        "how_met": rng.choice(np.array(HOW_MET), size=n),
        "tier": tiers,
        "cadence_days": np.where(own, own_value.astype(str), ""),
        "email": np.char.add(local, "@example.com"),
        "profile_url": np.where(has_url, url, ""),
        "tags": rng.choice(np.array(TAGS), size=n),
        "notes": rng.choice(np.array(CONTACT_NOTES), size=n),
    }
    return table, cadence, org_code


def _responses(
    rng: np.random.Generator,
    contact: np.ndarray,
    day: np.ndarray,
    on_time: float,
    late: float,
    window: int,
    last_day: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Answers to some rows: on time (inside ``window`` days), late, or never.

    Returns the answered rows' positions, their contacts and their days (answers that would
    fall after ``as_of`` are left out: they have not happened yet).
    """
    u = rng.random(len(day))
    delay = np.where(
        u < on_time,
        rng.integers(0, window + 1, len(day)),
        rng.integers(window + 1, window + 40, len(day)),
    )
    answer_day = day + delay
    keep = (u < on_time + late) & (answer_day <= last_day)
    return np.flatnonzero(keep), contact[keep], answer_day[keep]


def generate_log(
    profile: LearnerProfile,
    *,
    n_contacts: int,
    n_interactions: int,
    start: dt.date,
    as_of: dt.date,
    seed: int,
    settings: Settings | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Generate an invented learner's ``(contacts, interactions)`` tables, as text.

    Deterministic: the same arguments give the same tables. The interactions table has
    ``n_interactions`` rows (fewer only when the profile's structure leaves too few rows to
    trim), sorted by date, all between ``start`` and ``as_of``. ``settings`` (default:
    :class:`~netcoach.settings.Settings`) sets the windows that count as "on time".
    """
    import pandas as pd

    if n_contacts < 1 or n_interactions < 1:
        raise ValueError("n_contacts and n_interactions must be at least 1")
    last_day = (as_of - start).days
    if last_day < 30:
        raise ValueError("start must be at least 30 days before as_of")
    settings = settings or Settings()
    rng = np.random.default_rng(seed)

    contacts, cadence, org_code = _contacts_table(rng, profile, n_contacts)
    tiers = contacts["tier"]

    # Who is in the log at all, and who only ever hears a request.
    n_silent = min(round(profile.silent_share * n_contacts), n_contacts - 1)
    silent = np.zeros(n_contacts, dtype=bool)
    silent[rng.choice(n_contacts, size=n_silent, replace=False)] = True
    active = np.flatnonzero(~silent)
    one_way = (rng.random(n_contacts) < profile.one_way_share) & ~silent

    # Everyday interactions: a bit more than needed, trimmed to size at the end.
    n_primary = int(n_interactions * 0.9) + 5
    weight = np.array([TIER_WEIGHT[t] for t in TIERS])[
        np.searchsorted(np.array(TIERS), tiers, sorter=np.argsort(TIERS))
    ] * rng.gamma(2.0, 0.5, n_contacts)
    w = weight[active] / weight[active].sum()
    # Everyone in the log appears at least once; the rest by how close they are.
    p_contact = np.concatenate(
        [active, active[rng.choice(len(active), size=max(0, n_primary - len(active)), p=w)]]
    )
    n_primary = len(p_contact)
    p_day = rng.integers(0, last_day + 1, n_primary)
    group = rng.choice(4, size=n_primary, p=_normalised(profile.kind_mix, _GROUPS))
    lead = rng.random(n_primary) < profile.lead_share
    kind = np.select(
        [group == 0, group == 1, (group == 2) & lead, group == 2],
        [
            _pick(rng, GIVE_KIND_PROBS, n_primary),
            _pick(rng, ASK_KIND_PROBS, n_primary),
            np.full(n_primary, _K[LEAD_KIND]),
            _pick(rng, HELP_KIND_PROBS, n_primary),
        ],
        _pick(rng, TOUCH_KIND_PROBS, n_primary),
    )
    # One-way contacts get check-ins instead of gives, and at least one ask.
    kind = np.where(one_way[p_contact] & np.isin(kind, _GIVE), _K["check_in"], kind)
    ow = np.flatnonzero(one_way)
    parts_contact = [p_contact, ow]
    parts_day = [p_day, rng.integers(0, last_day + 1, len(ow))]
    parts_kind = [kind, _pick(rng, ASK_KIND_PROBS, len(ow))]
    droppable = [np.isin(kind, np.concatenate([_GIVE, _ASK, [_K["check_in"], _K["other"]]]))]
    droppable.append(np.zeros(len(ow), dtype=bool))

    # Over-asking: bursts of asks to one person inside about three weeks.
    n_burst = min(profile.over_ask_contacts, len(active))
    if n_burst:
        who = rng.choice(active, size=n_burst, replace=False)
        first_day = rng.integers(0, max(1, last_day - 60), n_burst)
        size = n_burst * profile.over_ask_burst
        parts_contact.append(np.repeat(who, profile.over_ask_burst))
        parts_day.append(np.repeat(first_day, profile.over_ask_burst) + rng.integers(0, 21, size))
        parts_kind.append(_pick(rng, ASK_KIND_PROBS, size))
        droppable.append(np.zeros(size, dtype=bool))

    contact = np.concatenate(parts_contact)
    day = np.concatenate(parts_day)
    kind = np.concatenate(parts_kind)
    drop_ok = np.concatenate(droppable)

    # Responses, derived from the lead and help rows as arrays.
    is_lead = kind == _K[LEAD_KIND]
    _, lc, ld = _responses(
        rng,
        contact[is_lead],
        day[is_lead],
        profile.follow_up_on_time,
        profile.follow_up_late,
        settings.lead_follow_up_days,
        last_day,
    )
    declined = rng.random(len(lc)) < profile.declined_share
    lk = np.where(declined, _K["declined_lead"], _K["followed_up_lead"])
    is_help = np.isin(kind, _RECEIVED)
    _, tc, td = _responses(
        rng,
        contact[is_help],
        day[is_help],
        profile.thanks_on_time,
        profile.thanks_late,
        settings.thanks_days,
        last_day,
    )
    tk = np.full(len(tc), _K[THANKS_KIND])

    # Keeping cadence: kept contacts had a check-in inside their cadence; the others have
    # been silent since a little more than their cadence before as_of.
    has_cadence = (cadence > 0) & ~silent
    kept = has_cadence & (rng.random(n_contacts) < profile.cadence_keeping)
    kc = np.flatnonzero(kept)
    kd = last_day - (rng.random(len(kc)) * np.minimum(cadence[kc], last_day)).astype(int)
    neglected = has_cadence & ~kept
    silent_from = np.where(
        neglected, last_day - cadence - rng.integers(3, 60, n_contacts), last_day + 1
    )

    contact = np.concatenate([contact, lc, tc, kc])
    day = np.concatenate([day, ld, td, kd])
    kind = np.concatenate([kind, lk, tk, np.full(len(kc), _K["check_in"])])
    drop_ok = np.concatenate([drop_ok, np.zeros(len(lc) + len(tc) + len(kc), dtype=bool)])

    keep = day < silent_from[contact]
    contact, day, kind, drop_ok = contact[keep], day[keep], kind[keep], drop_ok[keep]

    # A first meeting before the first logged contact, for people met this year.
    first_day = np.full(n_contacts, last_day + 1)
    np.minimum.at(first_day, contact, day)
    met = (first_day <= last_day) & (rng.random(n_contacts) < profile.met_this_year_share)
    mc = np.flatnonzero(met)
    md = np.maximum(0, first_day[mc] - rng.integers(1, 15, len(mc)))
    contact = np.concatenate([contact, mc])
    day = np.concatenate([day, md])
    kind = np.concatenate([kind, np.full(len(mc), _K["first_meeting"])])
    drop_ok = np.concatenate([drop_ok, np.zeros(len(mc), dtype=bool)])

    # Trim to exactly n_interactions by dropping some everyday gives, asks and touches.
    excess = len(day) - n_interactions
    if excess > 0:
        candidates = np.flatnonzero(drop_ok)
        gone = rng.choice(candidates, size=min(excess, len(candidates)), replace=False)
        keep = np.ones(len(day), dtype=bool)
        keep[gone] = False
        contact, day, kind = contact[keep], day[keep], kind[keep]

    # Sorted by day; on one day a first meeting comes before anything else with that person.
    order = np.lexsort((np.where(kind == _K["first_meeting"], -1, kind), contact, day))
    contact, day, kind = contact[order], day[order], kind[order]
    n = len(day)

    channel = rng.choice(len(CHANNELS), size=n, p=_normalised(profile.channel_mix, CHANNELS))
    touch = np.isin(kind, [_K["check_in"], _K["other"], _K["first_meeting"]])
    their_turn = np.isin(kind, _RECEIVED) | (touch & (rng.random(n) < 0.3))
    note_vocab, note = _notes(rng, kind, org_code[contact])

    # Dates as ISO text; at most a year of distinct days, so format each day once.
    days = np.arange(last_day + 1)
    iso = np.array([(start + dt.timedelta(days=int(d))).isoformat() for d in days])
    interactions = pd.DataFrame(
        {
            "date": _text(iso, day),
            "contact_id": _text(contacts["contact_id"], contact),
            "channel": _text(CHANNELS, channel),
            "kind": _text(_ALL_KINDS, kind),
            "initiated_by": _text(("me", "them"), their_turn.astype(np.intp)),
            "note": _text(note_vocab, note),
        },
        columns=list(INTERACTION_COLUMNS),
    )
    contacts_df = pd.DataFrame(
        {col: _text(contacts[col]) for col in CONTACT_COLUMNS}, columns=list(CONTACT_COLUMNS)
    )
    return contacts_df, interactions


def _notes(
    rng: np.random.Generator, kind: np.ndarray, organisation: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Short invented notes as ``(vocabulary, codes)``: most rows have none (code 0), leads
    name a role at the contact's organisation, declined leads give the reason."""
    vocab: list[str] = [""]
    code = np.zeros(len(kind), dtype=np.intp)
    u = rng.random(len(kind))
    for kind_name, options in NOTES_BY_KIND.items():
        mask = (kind == _K[kind_name]) & (u < NOTE_SHARE)
        code[mask] = len(vocab) + rng.integers(0, len(options), int(mask.sum()))
        vocab.extend(options)
    lead = kind == _K[LEAD_KIND]
    role = rng.integers(0, len(LEAD_ROLES), int(lead.sum()))
    code[lead] = len(vocab) + role * len(ORGANISATIONS) + organisation[lead]
    vocab.extend(f"{r} role at {o}" for r in LEAD_ROLES for o in ORGANISATIONS)
    declined = kind == _K["declined_lead"]
    code[declined] = len(vocab) + rng.integers(0, len(DECLINE_REASONS), int(declined.sum()))
    vocab.extend(DECLINE_REASONS)
    return np.array(vocab), code


def _text(vocabulary: Sequence[str] | np.ndarray, codes: np.ndarray | None = None) -> pd.Series:
    """A text column (pandas' string dtype, as ``read_csv(dtype=str)`` gives), built by
    looking ``codes`` up in a small ``vocabulary``: far faster than converting a million
    Python strings."""
    import pandas as pd

    values = pd.array(np.asarray(vocabulary, dtype=str), dtype="str")
    return pd.Series(values if codes is None else values.take(codes))


# --- writing and finding the samples --------------------------------------------------------


def write_log_csv(contacts: pd.DataFrame, interactions: pd.DataFrame, folder: Path) -> None:
    """Write the two tables with a fixed column order, ``\\n`` line endings and no index."""
    folder.mkdir(parents=True, exist_ok=True)
    contacts.to_csv(
        folder / CONTACTS_FILE, index=False, columns=list(CONTACT_COLUMNS), lineterminator="\n"
    )
    interactions.to_csv(
        folder / INTERACTIONS_FILE,
        index=False,
        columns=list(INTERACTION_COLUMNS),
        lineterminator="\n",
    )


def _sample_seed(seed: int, name: str) -> int:
    """One seed per sample, derived from the shared seed and the sample's position."""
    return int(np.random.SeedSequence([seed, SAMPLE_NAMES.index(name)]).generate_state(1)[0])


def _settings_toml(as_of: dt.date) -> str:
    return (
        "# An invented learner. Scores are computed as of this fixed date.\n"
        "day_first = true\n"
        f'as_of = "{as_of.isoformat()}"\n'
    )


def _readme(name: str) -> str:
    n_contacts, n_interactions = SAMPLE_SIZES[name]
    title = name.replace("-", " ").capitalize()
    return (
        f"# Sample learner: {title}\n\n"
        f"{SAMPLE_DESCRIPTIONS[name]}\n\n"
        f"{n_contacts} invented contacts and {n_interactions} interactions between "
        f"{SAMPLE_START.isoformat()} and {SAMPLE_AS_OF.isoformat()}. Everyone here is "
        "invented; every email address is on example.com.\n"
        "Regenerate with `netcoach samples OUT_DIR`.\n"
    )


def _index_readme() -> str:
    lines = [
        "# Sample learners",
        "",
        "Three invented learners, made by `netcoach samples` (the generator is",
        "`netcoach/samples.py`, seeded, so it writes the same files every time).",
        f"Each covers the year up to {SAMPLE_AS_OF.isoformat()}, the `as_of` date in its",
        "`settings.toml`. Nobody here is real; every email address is on example.com.",
        "",
        "| folder | contacts | interactions | who |",
        "|---|---|---|---|",
    ]
    for name in SAMPLE_NAMES:
        n_contacts, n_interactions = SAMPLE_SIZES[name]
        who = SAMPLE_TAGLINES[name]
        lines.append(f"| [`{name}/`]({name}/) | {n_contacts} | {n_interactions} | {who} |")
    return "\n".join(lines) + "\n"


def generate_sample(name: str, seed: int = DEFAULT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The raw tables of one sample learner."""
    if name not in SAMPLE_NAMES:
        raise KeyError(f"unknown sample {name!r}; choose one of {', '.join(SAMPLE_NAMES)}")
    n_contacts, n_interactions = SAMPLE_SIZES[name]
    return generate_log(
        PROFILES[name],
        n_contacts=n_contacts,
        n_interactions=n_interactions,
        start=SAMPLE_START,
        as_of=SAMPLE_AS_OF,
        seed=_sample_seed(seed, name),
    )


class SamplesWouldOverwriteError(FileExistsError):
    """The folder holds files that :func:`write_samples` would replace with different ones."""

    def __init__(self, out: Path, paths: list[Path]) -> None:
        self.out = out
        self.paths = paths
        super().__init__(self.explain("pass force=True"))

    def explain(self, how_to_force: str) -> str:
        """The message, naming the files, ending with how to replace them anyway."""
        names = ", ".join(p.as_posix() for p in self.paths)
        return (
            f"{self.out} already holds files that differ from the samples ({names}); nothing "
            f"was written. Choose an empty folder, or {how_to_force} to replace them."
        )


def _write_sample_files(out: Path, seed: int) -> None:
    """Write every sample file into ``out``, replacing whatever is there."""
    for name in SAMPLE_NAMES:
        contacts, interactions = generate_sample(name, seed)
        folder = out / name
        write_log_csv(contacts, interactions, folder)
        (folder / SETTINGS_FILE).write_text(_settings_toml(SAMPLE_AS_OF), encoding="utf-8")
        (folder / "README.md").write_text(_readme(name), encoding="utf-8")
    (out / "README.md").write_text(_index_readme(), encoding="utf-8")


def write_samples(
    out_dir: str | Path, seed: int = DEFAULT_SEED, *, force: bool = False
) -> list[Path]:
    """Write the three sample learners (and an index ``README.md``) into ``out_dir``.

    Files already there with the same bytes are left alone, so regenerating the samples in
    place works. If any file there differs (a learner's own ``contacts.csv``, say), nothing
    is written and :class:`SamplesWouldOverwriteError` names them, unless ``force``.
    """
    out = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="netcoach-samples-") as tmp:
        staged = Path(tmp)
        _write_sample_files(staged, seed)
        files = sorted(p.relative_to(staged) for p in staged.rglob("*") if p.is_file())
        new = [f for f in files if not (out / f).is_file() or _differs(staged / f, out / f)]
        differing = [f for f in new if (out / f).exists()]
        if differing and not force:
            raise SamplesWouldOverwriteError(out, differing)
        for rel in new:
            _copy_into_place(staged / rel, out / rel)
    return [out / name for name in SAMPLE_NAMES]


def _differs(ours: Path, theirs: Path) -> bool:
    return ours.read_bytes() != theirs.read_bytes()


def _copy_into_place(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically: another program never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


REPO_SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netcoach" / f"samples-{__version__}"


def sample_path(name: str) -> Path:
    """The folder of a sample learner: ``data/samples/<name>`` in the repository.

    An installed package without the repository regenerates the samples (same seed, same
    bytes) into a cache folder the first time, and uses that.
    """
    if name not in SAMPLE_NAMES:
        raise KeyError(f"unknown sample {name!r}; choose one of {', '.join(SAMPLE_NAMES)}")
    folder = REPO_SAMPLES / name
    if (folder / INTERACTIONS_FILE).exists():
        return folder
    cache = _cache_dir()
    if not (cache / name / INTERACTIONS_FILE).exists():
        write_samples(cache, force=True)  # our own cache: an older version's files give way
    return cache / name


def load_sample(name: str) -> NetworkLog:
    """Load a sample learner as a :class:`~netcoach.log.NetworkLog`."""
    from netcoach.loading import load_log

    return load_log(sample_path(name))
