"""An anonymous learner summary: scores and counts a learner may choose to share with a coach.

:func:`build_summary` turns a :class:`~netcoach.scoring.results.Report` (and its log) into a
small dict built **field by field from an allow-list**: the four scores, counts (contacts per
tier, interactions per channel, gives and asks, leads and thanks by status, contacts past
their cadence ...), the gap categories present (from :data:`GAP_CATEGORIES`), the month of
the "as of" date, a nickname the learner chose (or the log folder's own random id, the same
for every summary of that log: :func:`learner_id`), and a plain-words ``about`` text. It
never copies a report dict, so no name, email, organisation, role, note, tag, contact id,
profile URL or full date can reach the file. Its scores use the course's settings, whatever
the learner's own (:func:`course_settings`), so that summaries can be compared.

:data:`SUMMARY_SCHEMA` (JSON Schema, draft 2020-12) closes every object
(``additionalProperties: false``) and constrains every string to a pattern, an enum or a
constant; :func:`summary_problems` checks a dict against it, and that its numbers agree
(:func:`consistency_problems`), and is what the cohort view (:mod:`netcoach.cohort`) uses
to accept or reject a file.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcoach.schema import CHANNELS, RICH_CHANNELS, TIERS
from netcoach.settings import Settings

if TYPE_CHECKING:
    from netcoach.log import NetworkLog
    from netcoach.scoring.results import Report

SCHEMA_VERSION = 1
SUMMARY_KIND = "netcoach-learner-summary"
SCORE_KEYS: tuple[str, ...] = ("reciprocity", "channel_mix", "follow_up", "overall")
STATUSES: tuple[str, ...] = ("on_time", "late", "overdue", "open")

GAP_CATEGORIES: tuple[str, ...] = (
    "overdue_leads",
    "unthanked_help",
    "past_cadence",
    "over_asking",
    "one_way_contacts",
    "low_rich_share",
)
"""The fixed vocabulary of gaps a summary may list (in this order)."""

GAP_LABELS: dict[str, str] = {
    "overdue_leads": "Job leads not followed up in time",
    "unthanked_help": "Help not thanked in time",
    "past_cadence": "Contacts past their stay-in-touch cadence, or never contacted",
    "over_asking": "Asking one person too often",
    "one_way_contacts": "One-way contacts (asked, never given to)",
    "low_rich_share": "Little contact in person, by phone or video",
}

ABOUT = (
    "An anonymous Network Coach summary, made on the learner's own computer and shared by "
    "choice. It holds the learner's four scores, counts (contacts per tier, interactions per "
    "channel, gives and asks, job leads and thank-yous by status, contacts past their "
    "stay-in-touch cadence or never contacted), the kinds of gap found, the month it was made "
    "for and a nickname. It holds no names, email addresses, organisations, roles, notes, "
    "tags, contact ids, profile links, free text or exact dates."
)

EARLIER_ABOUTS: tuple[str, ...] = (
    "An anonymous Network Coach summary, made on the learner's own computer and shared by "
    "choice. It holds the learner's four scores, counts (contacts per tier, interactions per "
    "channel, gives and asks, job leads and thank-yous by status, contacts past their "
    "keep-in-touch cadence), the kinds of gap found, the month it was made for and a nickname. "
    "It holds no names, email addresses, organisations, roles, notes, tags, contact ids, "
    "profile links, free text or exact dates.",
)
"""The ``about`` texts of earlier releases of summary format 1 (the first release's, until
acef3c1): the fields and their meaning are the same, so those summaries are read too."""

NICKNAME_MAX = 24
NICKNAME_RE = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9 _-]{{0,{NICKNAME_MAX - 1}}}$")
EMAIL_LIKE_RE = re.compile(r"@|\b[\w-]+\.(com|org|net|uk|io|edu)\b", re.I)
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to read aloud
ID_LENGTH = 6
MONTH_RE = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


class NicknameError(ValueError):
    """A nickname that is too long, has unusual characters, looks like an email, or is the
    name of one of the learner's contacts."""


class EmptyLogError(ValueError):
    """A log with no interactions in the look-back window: its scores say nothing about the
    learner, and a coach's cohort view would count a non-learner."""


EMPTY_LOG_MESSAGE = (
    "the log has no conversations in the course's {days}-day look-back up to {as_of}, so a "
    "summary would hold scores that say nothing about you: log a few conversations first, "
    "then make the summary"
)


def _text_array(names: Any) -> Any:
    """``names`` as one Arrow text array. A pandas text column read from a large file is
    held in chunks, and ``pa.concat_arrays`` (used below) takes whole arrays only: a log of
    10,000 contacts failed with "Iterable should contain Array objects"."""
    import pyarrow as pa

    if isinstance(names, pa.Array | pa.ChunkedArray):
        names = names.cast(pa.large_string())
    else:  # (a list, or a pandas column of any type: NaN and None stay missing)
        names = pa.array([None if _missing(v) else str(v) for v in names], type=pa.large_string())
    return names.combine_chunks() if isinstance(names, pa.ChunkedArray) else names


def _missing(value: Any) -> bool:
    """None, NaN or ``pd.NA`` (a missing value in any pandas column)."""
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


_UNDECOMPOSED = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                 "þ": "th", "ı": "i", "ħ": "h"}  # fmt: skip
"""Letters that Unicode does not split into a base letter and an accent ('Łukasz' is
'lukasz' to someone typing a nickname on an English keyboard)."""


def _name_keys(names: Any) -> Any:
    """Each name as it is compared with a nickname, as an Arrow text array: lower case,
    accents off, only letters and digits kept ('Zoë O'Brien-Smith' -> 'zoeobriensmith').
    Accents are only taken off names that have any, the slow step for a large log."""
    import pyarrow as pa
    import pyarrow.compute as pc

    names = _text_array(names)
    plain = pc.string_is_ascii(names)
    ascii_names = pc.ascii_lower(names.filter(plain))
    other = pc.utf8_lower(pc.utf8_normalize(names.filter(pc.invert(plain)), form="NFKD"))
    for letter, plain_letters in _UNDECOMPOSED.items():
        other = pc.replace_substring(other, letter, plain_letters)
    return pa.concat_arrays(
        [
            pc.replace_substring_regex(ascii_names, "[^a-z0-9]+", ""),
            pc.replace_substring_regex(other, r"[^\p{L}\p{N}]+", ""),
        ]
    )


def is_a_contacts_name(nickname: str, names: Any) -> bool:
    """Whether ``nickname`` is one of ``names`` (a learner's contacts), ignoring case,
    accents, spaces, dashes and other punctuation: 'una-underhay' is 'Una Underhay'."""
    return _name_match(nickname, names) == "name"


def is_part_of_a_contacts_name(nickname: str, names: Any) -> bool:
    """Whether ``nickname`` holds a contact's name or part of it, compared as
    :func:`is_a_contacts_name` compares a whole name:

    - it is a word of one of ``names`` (a first or a last name), or a run of its words:
      'zelda' and 'Q0RSTONE' are both part of 'Zelda Q0rstone', 'obrien-smith' of
      "Zoë O'Brien-Smith";
    - one of its own words is ('Zoe Muller 1', 'Lee Kim', 'MullerFan', 'Muller2');
    - it holds two words of one name side by side, or the first and last in either order,
      run together ('ZoeMuller1', 'xkimlee', 'LeeKim', 'KimLee' for 'Kim J. Lee'), when
      they make :data:`PAIR_LETTERS` letters or more;
    - one of its words is the usual username made of a first name and a last name, one of
      them cut to its initial, in either order: 'jsmith', 'smithj', 'johns' and 'sjohn'
      for John Smith ('hamidw' for Hamid Wickham); the last two only when the first name
      has :data:`USERNAME_LETTERS` letters or more ('job' beside Jo Bloggs is a word).

    The nickname's words are split at spaces, '-' and '_', between letters and digits and
    before a capital that follows a small letter ('MullerFan'); a name's at any space, '-'
    or '_'. A one-letter word (an initial) is not refused, and a name word inside one
    longer word is not either ('wordsmith' beside Jo Smith)."""
    return _name_match(nickname, names) == "part"


_NAME_WORD_SEP = re.compile(r"[\s_.,\u2010-\u2015-]+")
"""Where a name or nickname splits into words, in Python (``\\s`` is any Unicode space)."""
_NAME_WORD_SEP_ARROW = r"[\s\p{Z}\p{Pd}_.,]+"
"""The same for Arrow, whose ``\\s`` is ASCII only (a name typed with a non-breaking space)."""
_NICKNAME_PARTS = (
    re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+"),  # MullerFan -> Muller, Fan
    re.compile(r"[A-Z]+|[a-z]+|\d+"),  # MULLERfan -> MULLER, fan
)
PAIR_LETTERS = 5
"""Two name words run together must make this many letters to be refused inside a longer
word: 'Kim Lee' in 'xkimlee', but not 'Al Li' in 'tallish'."""


def _nickname_words(nickname: str) -> list[str]:
    """The nickname's words as keys (see :func:`_name_keys`), split at spaces, '-' and '_',
    and again into letter and digit runs and at small-to-capital steps ('MullerFan1' ->
    'mullerfan1', 'muller', 'fan'); those of two or more characters that are not only
    digits."""
    words = [w for w in _NAME_WORD_SEP.split(nickname) if w]
    words += [
        part for w in words for parts in _NICKNAME_PARTS for part in parts.findall(w) if part != w
    ]
    keys = [k for k in _name_keys(words).to_pylist() if k]
    return sorted({k for k in keys if len(k) >= 2 and not k.isdigit()})


def _name_match(nickname: str, names: Any) -> str:
    """``"name"`` when ``nickname`` is the whole of one of ``names``, ``"part"`` when it
    holds one or part of one (:func:`is_part_of_a_contacts_name`), else ``""``."""
    if len(names) == 0:
        return ""
    key = _keys_in_order([nickname])[0]
    wholes, runs, pairs = _name_parts(names)
    if key in wholes:
        return "name"
    words = _nickname_words(nickname) + ([key] if len(key) >= 2 else [])
    inside = {key[i:j] for i in range(len(key)) for j in range(i + PAIR_LETTERS, len(key) + 1)}
    if any(w in runs for w in words) or not inside.isdisjoint(pairs):
        return "part"
    return ""


def _name_parts(names: Any) -> tuple[set[str], set[str], set[str]]:
    """Of ``names``, as keys: each whole name; each word and run of words of two or more
    characters, and each usual username: the first and last words (of two letters or more)
    with one of them cut to its initial, in either order ('jsmith', 'smithj', 'johns',
    'sjohn' for John Smith); each pair that may not be run together inside a nickname, of
    PAIR_LETTERS or more: a run of two or more words (initials too), or two words of two
    letters or more in any order ('leekim', 'parklee' for Kim Lee-Park). Names split at
    spaces, dashes of any kind, '_', '.' and ','."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pc.fill_null(_text_array(names), "")
    texts = pa.concat_arrays([texts, _other_spellings(texts)])
    split = pc.split_pattern_regex(texts, _NAME_WORD_SEP_ARROW)
    offsets = split.offsets.to_numpy().tolist()
    words = _keys_in_order(pc.list_flatten(split))
    wholes: set[str] = set()
    runs: set[str] = set()
    pairs: set[str] = set()
    for start, end in itertools.pairwise(offsets):
        ws = [w for w in words[start:end] if w]
        if not ws:
            continue
        wholes.add("".join(ws))
        for i in range(len(ws)):
            for j in range(i + 1, len(ws) + 1):
                run = "".join(ws[i:j])
                if len(run) > NICKNAME_MAX:  # (no nickname is longer)
                    break
                runs.add(run)
                if j - i >= 2:  # initials included: 'kimjlee' inside 'kimjleefan'
                    pairs.add(run)
        long = [w for w in ws if len(w) >= 2]
        if len(long) > MAX_NAME_WORDS:  # (a pasted paragraph: its ends are the name)
            long = long[: MAX_NAME_WORDS // 2] + long[-MAX_NAME_WORDS // 2 :]
        pairs.update(a + b for a, b in itertools.permutations(long, 2))
        if len(long) >= 2:  # the usual usernames, as words of their own: 'jsmith', 'smithj',
            first, last = long[0], long[-1]  # 'johns' and 'sjohn' for John Smith
            runs.update({first[0] + last, last + first[0]})  # 'jwu' for Jian Wu too
            if len(first) >= USERNAME_LETTERS:  # (but 'job' beside Jo Bloggs is a word)
                runs.update({first + last[0], last[0] + first})
    runs = {r for r in runs if len(r) >= 2}
    pairs = {p for p in pairs if PAIR_LETTERS <= len(p) <= NICKNAME_MAX}
    return wholes, runs, pairs


USERNAME_LETTERS = 3
"""A username made of a first name and the last name's initial ('hamidw') is refused when
the first name has this many letters, so 'job' beside Jo Bloggs stays a word; the usual
initial and last name ('jsmith', 'jwu' for Jian Wu) is refused whatever its length."""

MAX_NAME_WORDS = 8
"""Words of a name paired in any order; of more, the first and last four (a name cell
holding a pasted paragraph would otherwise cost the square of its length)."""

_OTHER_SPELLINGS = {"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa", "æ": "ae",
                    "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "Ø": "Oe", "Å": "Aa", "Æ": "Ae"}  # fmt: skip
"""How German and Nordic names are often typed without their letters (Müller, Mueller)."""


def _other_spellings(texts: Any) -> Any:
    """The names that hold one of :data:`_OTHER_SPELLINGS`, written that other way (the
    names as written are folded to 'muller' as well)."""
    import pyarrow.compute as pc

    found = texts.filter(pc.match_substring_regex(texts, "[" + "".join(_OTHER_SPELLINGS) + "]"))
    for letter, spelling in _OTHER_SPELLINGS.items():
        found = pc.replace_substring(found, letter, spelling)
    return found


def _keys_in_order(texts: Any) -> list[str]:
    """:func:`_name_keys` of each text, in the texts' own order (that function gives the
    plain ASCII ones first); '' for a missing text."""
    import numpy as np
    import pyarrow.compute as pc

    texts = pc.fill_null(_text_array(texts), "")
    plain = pc.string_is_ascii(texts).to_numpy(zero_copy_only=False)
    out = [""] * len(texts)
    order = np.concatenate([np.flatnonzero(plain), np.flatnonzero(~plain)])
    for position, key in zip(order.tolist(), _name_keys(texts).to_pylist(), strict=True):
        out[position] = key
    return out


_CHOOSE_ONE = (
    "make up a name of your own that no one else in your group would choose, or leave the "
    "nickname out for a random id"
)
"""The end of a refusal. It gives no example name: a room that copied one would share one
nickname, and the cohort view counts one summary per nickname, leaving one learner in it."""

NICKNAME_HINT = "leave blank for a random id, or make up a name of your own"
"""What the widget's nickname box says before anything is typed (no example name either)."""


def validate_nickname(nickname: str, real_names: Any = None) -> str:
    """Return the trimmed nickname, or raise :class:`NicknameError` saying what to change.

    ``real_names`` (a sequence or column of texts): names a nickname must not be, such as
    the names of the learner's contacts (:func:`build_summary` passes them); each is refused
    whole, and so is each word of it (a first or last name). A nickname cannot be told from
    an arbitrary real name, so only these are refused."""
    text = str(nickname).strip()
    if not text:
        raise NicknameError("the nickname is empty; make one up, or leave it out for a random id")
    if EMAIL_LIKE_RE.search(text):
        raise NicknameError(f"the nickname looks like an email address; {_CHOOSE_ONE}")
    if len(text) > NICKNAME_MAX:
        raise NicknameError(f"the nickname is longer than {NICKNAME_MAX} characters")
    if not NICKNAME_RE.match(text):
        raise NicknameError(
            "use only letters A-Z, digits, spaces, '-' and '_' in the nickname "
            "(start with a letter or a digit)"
        )
    match = _name_match(text, real_names) if real_names is not None else ""
    if match == "name":
        raise NicknameError(
            "the nickname is the name of one of your contacts, and a nickname must not be a "
            f"real name; {_CHOOSE_ONE}"
        )
    if match == "part":
        raise NicknameError(
            "the nickname holds the name of one of your contacts or part of it (a first or "
            "last name, or a username made from them), and a nickname must not be a real name; "
            f"{_CHOOSE_ONE}"
        )
    return text


def random_nickname(seed: int | None = None) -> str:
    """A random id such as ``learner-k7mq2p`` (``seed`` makes it repeatable, for tests)."""
    rng = random.Random(seed) if seed is not None else random.SystemRandom()
    return "learner-" + "".join(rng.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


ID_FILE = ".netcoach-id"
"""The file in a log folder that keeps the folder's random id, so that every summary made
from one log has the same id (and the cohort view counts its learner once)."""

ID_RE = re.compile(rf"^learner-[{ID_ALPHABET}]{{{ID_LENGTH}}}$")
"""What :func:`random_nickname` makes, and all that an id file may hold."""

SAMPLE_ID_PREFIX = "sample-"
"""A course sample's id is ``sample-<name>``: the samples are invented, so a fixed id
reveals nothing, and their folders (checked byte for byte by the tests) stay untouched."""


def stored_id(folder: Path) -> str | None:
    """The id kept in ``folder``'s :data:`ID_FILE`, or ``None`` when there is none (or
    it holds anything but an id)."""
    try:
        text = (folder / ID_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if ID_RE.match(text) else None


def _sample_name(folder: Path) -> str | None:
    """The name of the course sample whose folder ``folder`` is, else ``None``."""
    from netcoach.samples import SAMPLE_NAMES, sample_path

    here = folder.expanduser().resolve()
    return next((n for n in SAMPLE_NAMES if sample_path(n).resolve() == here), None)


def learner_id(folder: Path) -> tuple[str, bool]:
    """The default nickname of the log in ``folder`` (the same for every summary of it), and
    whether it is new and must still be kept with :func:`keep_learner_id`.

    It is the random id (:func:`random_nickname`) kept in ``folder``'s :data:`ID_FILE`; the
    first time, a new one. It is drawn at random, never worked out from names or paths, so
    it tells nothing. A course sample's folder has ``sample-<name>`` and is never written."""
    sample = _sample_name(folder)
    if sample is not None:
        return SAMPLE_ID_PREFIX + sample, False
    kept = stored_id(folder)
    return (kept, False) if kept is not None else (random_nickname(), True)


def keep_learner_id(folder: Path, new_id: str) -> None:
    """Save ``new_id`` as ``folder``'s :data:`ID_FILE`, all at once and readable by the
    learner only. Raises OSError when it cannot (a read-only folder)."""
    from netcoach.atomic_files import write_atomically

    write_atomically(folder / ID_FILE, new_id + "\n", mode=0o600)


UNSAVED_ID_NOTE = (
    "the random id could not be saved in {folder} ({why}), so your next summary would get "
    "another one and could be counted as a second learner: give the same --nickname each time"
)


def _int(value: Any) -> int:
    return int(value)


def _status_counts(table: Any) -> dict[str, int]:
    counts = table["status"].value_counts()
    return {s: _int(counts.get(s, 0)) for s in STATUSES}


GAP_SHARE = 0.2
"""A gap counts when at least this share of the learner's leads, thanks, cadences or asked
contacts has it (over-asking and a low rich share count whenever they occur)."""


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def gaps_present(counts: dict[str, Any], rich_share: float, rich_target: float) -> list[str]:
    """The gap categories present, in vocabulary order."""
    leads, thanks = counts["leads"], counts["thanks"]
    found = {
        "overdue_leads": _share(leads["overdue"], sum(leads.values()) - leads["open"]) >= GAP_SHARE,
        "unthanked_help": _share(thanks["overdue"], sum(thanks.values()) - thanks["open"])
        >= GAP_SHARE,
        "past_cadence": _share(counts["past_cadence"], counts["contacts_with_cadence"])
        >= GAP_SHARE,
        "over_asking": counts["over_asked_contacts"] > 0,
        "one_way_contacts": _share(counts["one_way_contacts"], counts["asked_contacts"])
        >= GAP_SHARE,
        "low_rich_share": counts["interactions"] > 0 and rich_share < rich_target,
    }
    return [g for g in GAP_CATEGORIES if found[g]]


def course_settings(own: Settings) -> Settings:
    """The settings a summary is scored with: the course's defaults for every scoring
    threshold (weights, the rich-channel target, the days to follow up a lead and to thank,
    the ask window and its limit, the look-back), so that a cohort's medians add like with
    like; only the learner's stay-in-touch cadences per tier are kept from ``own``, as they
    describe the learner's own contacts (as a contact's own ``cadence_days`` in the log
    does)."""
    return Settings(cadence_days=own.cadence_days)


def uses_own_settings(own: Settings) -> bool:
    """Whether a learner's scoring settings differ from :func:`course_settings`, so their
    summary's scores differ from their own report's."""
    return own != course_settings(own)


OWN_SETTINGS_NOTE = (
    "Its scores use the course's standard settings (weights, rich-channel target, days to "
    "follow up and to thank, the ask window and its limit, and the "
    f"{Settings().lookback_days}-day look-back), not your own, so that your coach compares "
    "like with like."
)
"""Said when a summary is made from a report scored with settings of the learner's own."""


def _course_report(report: Report, log: NetworkLog) -> Report:
    """``report``, or the log scored again on the same day with :func:`course_settings`."""
    from netcoach.scoring import score_log

    if not uses_own_settings(report.settings):
        return report
    return score_log(log, report.as_of, course_settings(report.settings))


def build_summary(
    report: Report,
    log: NetworkLog,
    nickname: str | None = None,
    *,
    seed: int | None = None,
    default_id: str | None = None,
) -> dict[str, Any]:
    """The anonymous summary of one scored log, built from an allow-list of fields.

    The scores and counts are those of the course's settings (:func:`course_settings`) on
    the report's "as of" day: a report scored with the learner's own is scored again.
    Without ``nickname`` it goes under ``default_id`` (the log folder's
    :func:`learner_id`), else a new random id (``seed`` makes it repeatable, for tests).
    Raises :class:`EmptyLogError` when the log has no interaction in the look-back window
    (such as the empty templates): its scores would describe no one."""
    report = _course_report(report, log)
    if nickname is not None:
        name = validate_nickname(nickname, log.contacts["name"])
    else:
        name = default_id or random_nickname(seed)
    per_contact = report.reciprocity.details["per_contact"]
    by_channel = report.channel_mix.details["by_channel"].set_index("channel")["count"]
    follow = report.follow_up.details
    cadence_status = follow["cadence"]["status"]
    tiers = log.contacts["tier"].value_counts()
    mix = report.channel_mix.components
    counts: dict[str, Any] = {
        "contacts": _int(len(log.contacts)),
        "contacts_by_tier": {t: _int(tiers.get(t, 0)) for t in TIERS},
        "interactions": _int(mix.get("interactions", 0)),
        "interactions_by_channel": {c: _int(by_channel.get(c, 0)) for c in CHANNELS},
        "gives": _int(per_contact["gives"].sum()),
        "asks": _int(per_contact["asks"].sum()),
        "help_received": _int(per_contact["received"].sum()),
        "asked_contacts": _int((per_contact["asks"] > 0).sum()),
        "one_way_contacts": _int(per_contact["one_way"].sum()),
        "leads": _status_counts(follow["leads"]),
        "thanks": _status_counts(follow["thanks"]),
        "contacts_with_cadence": _int(len(cadence_status)),
        "past_cadence": _int(cadence_status.isin(["overdue", "never"]).sum()),
        "over_asked_contacts": _int(len(follow["over_contact"])),
    }
    if counts["interactions"] == 0:
        days = int(report.settings.lookback_days)
        raise EmptyLogError(EMPTY_LOG_MESSAGE.format(days=days, as_of=report.as_of.isoformat()))
    exact_share = float(mix.get("rich_share", 0.0))
    rich_share = round(exact_share, 2)  # (shared rounded; the gap is judged on the exact share)
    target = float(report.settings.rich_channel_target)  # (the course's)
    summary = {
        "schema_version": SCHEMA_VERSION,
        "kind": SUMMARY_KIND,
        "about": ABOUT,
        "nickname": name,
        "as_of_month": f"{report.as_of.year:04d}-{report.as_of.month:02d}",
        "scores": {k: _int(report.scores[k].score) for k in SCORE_KEYS},
        "rich_share": rich_share,
        "counts": counts,
        "gaps": gaps_present(counts, exact_share, target),
    }
    problems = summary_problems(summary)
    if problems:  # a bug here, never the learner's data: refuse rather than share
        raise ValueError("the summary does not match its schema: " + "; ".join(problems))
    return summary


# --- the schema -----------------------------------------------------------------------------

_COUNT = {"type": "integer", "minimum": 0}
_SCORE = {"type": "integer", "minimum": 0, "maximum": 100}


def _counts_of(keys: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {k: _COUNT for k in keys},
        "required": list(keys),
        "additionalProperties": False,
    }


SUMMARY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Network Coach learner summary",
    "type": "object",
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "kind": {"const": SUMMARY_KIND},
        "about": {"enum": [ABOUT, *EARLIER_ABOUTS]},
        "nickname": {"type": "string", "pattern": NICKNAME_RE.pattern},
        "as_of_month": {"type": "string", "pattern": MONTH_RE},
        "scores": {
            "type": "object",
            "properties": {k: _SCORE for k in SCORE_KEYS},
            "required": list(SCORE_KEYS),
            "additionalProperties": False,
        },
        "rich_share": {"type": "number", "minimum": 0, "maximum": 1},
        "counts": {
            "type": "object",
            "properties": {
                "contacts": _COUNT,
                "contacts_by_tier": _counts_of(TIERS),
                "interactions": _COUNT,
                "interactions_by_channel": _counts_of(CHANNELS),
                "gives": _COUNT,
                "asks": _COUNT,
                "help_received": _COUNT,
                "asked_contacts": _COUNT,
                "one_way_contacts": _COUNT,
                "leads": _counts_of(STATUSES),
                "thanks": _counts_of(STATUSES),
                "contacts_with_cadence": _COUNT,
                "past_cadence": _COUNT,
                "over_asked_contacts": _COUNT,
            },
            "additionalProperties": False,
        },
        "gaps": {
            "type": "array",
            "items": {"enum": list(GAP_CATEGORIES)},
            "uniqueItems": True,
        },
    },
    "additionalProperties": False,
}
SUMMARY_SCHEMA["properties"]["counts"]["required"] = list(
    SUMMARY_SCHEMA["properties"]["counts"]["properties"]
)
SUMMARY_SCHEMA["required"] = list(SUMMARY_SCHEMA["properties"])


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(SUMMARY_SCHEMA)
    return Draft202012Validator(SUMMARY_SCHEMA)


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    """The same schema compiled to Python by fastjsonschema (draft 7 has every keyword it
    uses): about 25 times faster than jsonschema, so a folder of 1,000 summaries checks in
    a fraction of a second. jsonschema then explains any failure."""
    import fastjsonschema

    return fastjsonschema.compile(
        {**SUMMARY_SCHEMA, "$schema": "http://json-schema.org/draft-07/schema#"}
    )


def _newline_problems(data: Any) -> list[str]:
    """JSON Schema's ``$`` also matches before a final newline: refuse one explicitly."""
    if not isinstance(data, dict):
        return []
    return [
        f"{key}: not an allowed value"
        for key in ("nickname", "as_of_month")
        if isinstance(data.get(key), str) and "\n" in data[key]
    ]


def _non_finite_problems(data: Any, where: str = "") -> list[str]:
    """JSON Schema lets NaN and Infinity through as numbers (``"rich_share": NaN`` is
    between 0 and 1 by its rules): name each field that holds one."""
    if isinstance(data, float) and not math.isfinite(data):
        return [f"{where or 'the file'}: NaN or Infinity, not a number a summary can hold"]
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return []
    return [
        problem
        for key, value in items
        for problem in _non_finite_problems(value, f"{where}/{key}" if where else str(key))
    ]


UPGRADE_HINT = "pip install --upgrade netcoach"
"""How a coach brings Network Coach up to date (the course's install uses pip)."""


def version_problem(data: Any) -> str | None:
    """A plain message when ``data`` is a summary made by another version, else ``None``."""
    if not isinstance(data, dict) or data.get("kind") != SUMMARY_KIND:
        return None
    version = data.get("schema_version")
    if type(version) is not int or version == SCHEMA_VERSION:
        return None
    if version > SCHEMA_VERSION:
        return (
            f"made by a newer version of Network Coach (summary format {version}; this one "
            f"reads format {SCHEMA_VERSION}): update Network Coach ({UPGRADE_HINT}) and "
            "run the cohort view again"
        )
    return (
        f"made by an older version of Network Coach (summary format {version}; this one "
        f"reads format {SCHEMA_VERSION}): ask the learner to make the summary again with "
        "the course's current version"
    )


def _rich_share_of(counts: dict[str, Any]) -> float:
    """The exact share of rich channels among the interactions (0 when there are none)."""
    rich = sum(counts["interactions_by_channel"][c] for c in RICH_CHANNELS)
    return _share(rich, counts["interactions"])


def _gaps_fit(gaps: list[str], counts: dict[str, Any], shares: tuple[float, ...]) -> bool:
    """Whether ``gaps`` are what :func:`gaps_present` works out from ``counts`` on the
    course's target, with one of ``shares`` (the exact share; or the rounded one, which the
    first release judged the gap on)."""
    target = Settings().rich_channel_target
    return any(set(gaps) == set(gaps_present(counts, share, target)) for share in shares)


def _overall_fits(scores: dict[str, int]) -> bool:
    """Whether ``overall`` is the average of the three habits' scores, as the course's equal
    weights make it: each part is rounded, and so is the average, so it may be off by 1."""
    parts = [scores[k] for k in SCORE_KEYS if k != "overall"]
    return abs(scores["overall"] - sum(parts) / len(parts)) <= 1 + 1e-9


_AT_MOST: tuple[tuple[str, str], ...] = (
    ("one_way_contacts", "asked_contacts"),
    ("past_cadence", "contacts_with_cadence"),
    ("contacts_with_cadence", "contacts"),
    ("asked_contacts", "contacts"),
    ("asked_contacts", "asks"),
)
"""Counts that can never be more than another: a one-way contact is an asked contact, and
so on."""


def consistency_problems(data: dict[str, Any]) -> list[str]:
    """Where the numbers of a summary that fits the schema contradict each other (empty
    when they agree): per-tier counts add up to ``contacts``, per-channel ones to
    ``interactions``; ``rich_share`` is the rich channels' share; ``gaps`` are what
    :func:`gaps_present` works out from the counts (on the course's rich-channel target);
    ``overall`` is the habits' average; and no count is more than another it is part of.
    A summary that fails was edited by hand, or made with settings of the learner's own."""
    counts, scores = data["counts"], data["scores"]
    problems = []
    if sum(counts["contacts_by_tier"].values()) != counts["contacts"]:
        problems.append("counts: the contacts per tier do not add up to the contacts")
    if sum(counts["interactions_by_channel"].values()) != counts["interactions"]:
        problems.append("counts: the interactions per channel do not add up to the interactions")
    problems += [
        f"counts: {part} is more than {whole}"
        for part, whole in _AT_MOST
        if counts[part] > counts[whole]
    ]
    for kind in ("leads", "thanks"):
        if sum(counts[kind].values()) > counts["interactions"]:
            problems.append(f"counts: more {kind} than interactions")
    if problems:  # (the rest is worked out from these counts)
        return problems
    exact = _rich_share_of(counts)
    if abs(data["rich_share"] - exact) > 0.005 + 1e-9:
        problems.append("rich_share: not the share of the rich channels in the counts")
    if not _gaps_fit(data["gaps"], counts, (exact, data["rich_share"])):
        problems.append("gaps: not the gaps the counts show")
    if not _overall_fits(scores):
        problems.append("scores: overall is not the average of the other three")
    return problems


def summary_problems(data: Any) -> list[str]:
    """What is wrong with ``data`` as a learner summary (empty when it is valid): it must
    fit the schema (:func:`schema_problems`), and its numbers must agree
    (:func:`consistency_problems`)."""
    return schema_problems(data) or consistency_problems(data)


def schema_problems(data: Any) -> list[str]:
    """Where ``data`` does not fit :data:`SUMMARY_SCHEMA` (empty when it does)."""
    from fastjsonschema import JsonSchemaException

    try:
        _fast_validator()(data)
    except JsonSchemaException:
        pass
    else:
        return _newline_problems(data) + _non_finite_problems(data)
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "the file"
        if error.validator in ("const", "pattern", "enum"):  # never echo unexpected text
            problems.append(f"{where}: not an allowed value")
        elif error.validator == "required":
            missing = [k for k in error.validator_value if k not in error.instance]
            problems.append(f"{where}: missing {', '.join(missing)}")
        elif error.validator == "additionalProperties":
            problems.append(f"{where}: has fields a summary may not hold")
        else:
            problems.append(f"{where}: {error.validator} check failed")
    problems += _newline_problems(data) + _non_finite_problems(data)
    # jsonschema reports a missing field once per field, each with the whole list: once is enough
    return list(dict.fromkeys(problems)) or ["the file: does not match the summary schema"]


def summary_json(summary: dict[str, Any]) -> str:
    """The summary as indented JSON text (ASCII only, so it opens anywhere)."""
    return json.dumps(summary, indent=2, ensure_ascii=True) + "\n"


def write_summary(summary: dict[str, Any], path: str | Path) -> Path:
    """Write the summary to ``path`` all at once (creating its folder) and return the path.
    It names no one, so a new file gets the usual permissions, for sharing."""
    from netcoach.atomic_files import kept_mode, usual_new_file_mode, write_atomically

    path = Path(path)
    return write_atomically(
        path, summary_json(summary), mode=kept_mode(path, usual_new_file_mode())
    )


def is_a_summary(path: Path) -> bool:
    """Whether the file at ``path`` is a learner summary Network Coach wrote (of any version:
    JSON whose ``kind`` is a summary's), which a new summary may replace."""
    from netcoach.cohort import MAX_FILE_BYTES, decode_summary

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return False
        data = json.loads(decode_summary(path.read_bytes()))
    except (OSError, ValueError, RecursionError):  # (bad JSON and bad text are ValueErrors)
        return False
    return isinstance(data, dict) and data.get("kind") == SUMMARY_KIND


def default_file_name(summary: dict[str, Any]) -> str:
    """``<nickname>-summary-<YYYY-MM>.json``, with spaces as dashes."""
    nick = summary["nickname"].replace(" ", "-")
    return f"{nick}-summary-{summary['as_of_month']}.json"
