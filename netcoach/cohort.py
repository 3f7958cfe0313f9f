"""The coach's cohort view: many anonymous learner summaries, seen only in groups of five or more.

:func:`load_cohort` reads every ``*.json`` file in a folder, checks each against the summary
schema (:func:`netcoach.summary.summary_problems`) and keeps the good ones. Bad JSON, a wrong
schema, and duplicates (the same content, or the same nickname, as another file) are
reported by file name and skipped; loading always goes on. Two summaries that differ only
in their nickname (or random id) are one learner's, shared twice: they count once, whatever
the files' names and order (:func:`load_summaries`). A summary of an empty log (no
interactions) is not counted, and a learner's log left among the summaries (a ``.csv``) is
named so the coach can delete it; both are listed as worth a look. Only the summaries made
for the month most of them were made for count (:func:`one_month_only`): one learner's
summaries of several months cannot be told from several learners', so the others are listed
as left out.

:func:`cohort_view` turns the summaries into what a coach may see: the median and middle
half of each score, how many learners have each gap, and a suggested workshop focus: the
commonest gaps, by the count shown. When gaps tie, the one whose score (:data:`GAP_SCORE`)
has the lowest shown median comes first, as the habit the room finds hardest; then the
fixed order of :data:`netcoach.summary.GAP_CATEGORIES`.
Nothing is shown for a group smaller than :data:`MIN_GROUP` (a simple k-anonymity rule):
with fewer than five summaries the view holds only a message; a gap that fewer than five
learners share is listed as "fewer than 5", and one that fewer than five lack as "at least"
a lower bound that is never the whole group (:func:`gap_count`), so a group of exactly five
sees no gap counts at all (:func:`gaps_can_be_shown`); a median or quartile is
kept only when at least five learners scored at or below it and five others at or above
it, and five scored something else (:func:`shown_cut`), so no number shown can point to
one learner: no lowest, no highest, no dot per person (a median can still equal the score
of the learner in the middle, as it must in a group of odd size, but not say whose it
is). Nicknames never appear in the view, the charts or the handout.
"""

from __future__ import annotations

import hashlib
import json
import math
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcoach.schema import (
    CONTACT_COLUMNS,
    CONTACTS_FILE,
    INTERACTION_COLUMNS,
    INTERACTIONS_FILE,
)
from netcoach.scoring.results import SCORE_TITLES
from netcoach.summary import (
    GAP_CATEGORIES,
    GAP_LABELS,
    SCORE_KEYS,
    consistency_problems,
    schema_problems,
    version_problem,
)
from netcoach.words import names_text

if TYPE_CHECKING:
    from netcoach.plots import Chart

MIN_GROUP = 5
"""The smallest group the view describes (k-anonymity threshold)."""

MAX_FILE_BYTES = 64_000
"""A summary is about 1.5 kB; anything far bigger is not one."""

SCORE_LABELS: dict[str, str] = SCORE_TITLES
"""Display names of the scores: the same as the learner's own report."""

SUPPRESSED_MESSAGE = (
    "Fewer than {min} learners shared a summary ({n} so far), so nothing is shown: with a "
    "group this small, a number could point to one person. Ask more learners to share, or "
    "work with the sample learners instead."
)


@dataclass(frozen=True)
class Focus:
    """A workshop block suggested by a gap: where it is taught and what the room does."""

    gap: str
    chapter: str  # the chapter's label, for {ref}
    chapter_title: str
    activity: str


GAP_FOCUS: dict[str, Focus] = {
    "overdue_leads": Focus(
        "overdue_leads",
        "ch06",
        "Chapter 6, Follow up and follow through",
        "Lead drill: in pairs, each person writes a three-line follow-up to an "
        "invented job lead, using the lead template, and the partner checks it is specific.",
    ),
    "unthanked_help": Focus(
        "unthanked_help",
        "ch06",
        "Chapter 6, Follow up and follow through",
        "Thank-you sprint: five quiet minutes to draft three short thank-yous, then read one "
        "aloud to a partner.",
    ),
    "past_cadence": Focus(
        "past_cadence",
        "ch06",
        "Chapter 6, Follow up and follow through",
        "Reconnect: each person picks two people past their cadence and drafts a check-in "
        "that offers something, with no ask.",
    ),
    "over_asking": Focus(
        "over_asking",
        "ch06",
        "Chapter 6, Follow up and follow through (Do not overdo it)",
        "Other side of the desk: in pairs, one reads five asks in a row aloud and the other "
        "says how it feels; then rewrite the third ask as a give.",
    ),
    "one_way_contacts": Focus(
        "one_way_contacts",
        "ch04",
        "Chapter 4, Give first: reciprocity",
        "Six ways to give: in small groups, list one give for each of three one-way "
        "contacts (a sample learner's, or your own).",
    ),
    "low_rich_share": Focus(
        "low_rich_share",
        "ch05",
        "Chapter 5, Out from behind the screen: channel mix",
        "Email to call: each person picks a recent email thread and writes the "
        "two-line message that asks for a 15-minute call or a coffee.",
    ),
}
"""Which chapter and room activity answers each gap (every gap has one)."""

GAP_SCORE: dict[str, str] = {
    "overdue_leads": "follow_up",
    "unthanked_help": "follow_up",
    "past_cadence": "follow_up",
    "over_asking": "follow_up",
    "one_way_contacts": "reciprocity",
    "low_rich_share": "channel_mix",
}
"""The score each gap pulls down: when gaps tie, the one whose score has the lowest median
comes first."""

DEFAULT_FOCUS: tuple[str, ...] = ("one_way_contacts", "overdue_leads", "low_rich_share")
"""The focus when the cohort is too small to say: the three habits of chapters 4 to 6."""

NO_SHARED_FOCUS = (
    "No gap is shared by five or more learners: run the 90-minute agenda in the facilitator "
    "guide as it stands."
)
"""The focus when five or more learners shared but no gap is shown (terminal and handout)."""


@dataclass(frozen=True)
class Problem:
    """A file that was skipped, and why (never its content)."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass
class Cohort:
    """The summaries that passed, by file name, and the files that did not."""

    summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    """Files worth a look (a summary of an empty log, a learner's log among the summaries),
    and what the folder itself suggests (no summaries in it, a learner's log instead)."""
    left_out: list[Problem] = field(default_factory=list)
    """Valid summaries made for a month before the newest one: not counted (see
    :func:`newest_month_only`)."""

    @property
    def size(self) -> int:
        return len(self.summaries)


def _canonical(data: dict[str, Any]) -> str:
    """A digest of everything but the nickname: a renamed copy is still the same learner,
    and so is a copy with its gaps in another order or ``50.0`` written for ``50``."""
    content = {k: _same_form(v) for k, v in data.items() if k != "nickname"}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _same_form(value: Any) -> Any:
    """Numbers as floats and lists of texts sorted, inside dicts and lists too."""
    if isinstance(value, dict):
        return {k: _same_form(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_same_form(v) for v in value]
        return sorted(items) if all(isinstance(v, str) for v in items) else items
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # (before UTF-16's, which it starts with)
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
"""Byte-order marks and the encodings they announce. Windows PowerShell's ``>`` saves
``netcoach summary --out -`` as UTF-16 with a mark; Notepad can save UTF-8 with one."""


def decode_summary(data: bytes) -> str:
    """The text of a summary file: UTF-8 (with or without a byte-order mark), or UTF-16 or
    UTF-32 with one. Raises UnicodeDecodeError for anything else.

    (:func:`netcoach.loading.decode_text`, for logs, also guesses cp1252 and UTF-16 without
    a mark and knows no UTF-32: a summary is ASCII, so a guess would only hide a broken
    file.)"""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding)
    return data.decode("utf-8")


def read_summary_file(path: Path) -> tuple[dict[str, Any] | None, str]:
    """One file's summary, or ``(None, reason)`` when it is not a valid summary."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, f"too big for a summary (over {MAX_FILE_BYTES // 1000} kB)"
        text = decode_summary(path.read_bytes())
    except UnicodeDecodeError:
        return None, "not a text file (is it a summary from netcoach?)"
    except OSError as err:
        return None, f"could not be read ({err.strerror})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if _looks_like_a_log(text):
            return None, (
                "a learner's log (it names the people they know), not a summary: delete it "
                "from this folder"
            )
        return None, f"not valid JSON (line {err.lineno}, column {err.colno})"
    except (ValueError, RecursionError):  # a number too long, or lists nested too deep
        return None, "not valid JSON for a summary (a number too long or lists nested too deep)"
    other_version = version_problem(data)
    if other_version:
        return None, other_version
    problems = schema_problems(data)
    if problems:
        return None, f"not a Network Coach summary of this version ({_listed(problems)})"
    problems = consistency_problems(data)
    if problems:
        return None, CONTRADICTION_NOTE.format(problems=_listed(problems))
    return data, ""


CONTRADICTION_NOTE = (
    "not counted: its numbers contradict each other ({problems}), so it was edited by hand "
    "or made with settings of the learner's own; ask the learner to make it again with the "
    "course's current version"
)


def _listed(problems: list[str]) -> str:
    """The first three problems, then '...' when there are more."""
    return "; ".join(problems[:3]) + ("; ..." if len(problems) > 3 else "")


def _looks_like_a_log(text: str) -> bool:
    """Whether a file's text starts like a log's CSV (``contact_id,...``, ``date,...``)."""
    header = text.lstrip().split("\n", 1)[0].replace(";", ",").replace("\t", ",").casefold()
    starts = (",".join(CONTACT_COLUMNS[:2]), ",".join(INTERACTION_COLUMNS[:2]))
    return header.startswith(starts)


EMPTY_SUMMARY_NOTE = (
    "not counted: a summary of an empty log (0 interactions), so its scores describe no one; "
    "ask the learner to log a few conversations and make a new one"
)


def load_summaries(paths: list[Path]) -> Cohort:
    """Check each file; keep valid summaries, one per content and one per nickname, report
    the rest by name (in the files' order); count only the summaries of the month most were
    made for and list the others as left out (:func:`one_month_only`); note a summary of an
    empty log (not counted).

    Files with the same content (:func:`_canonical`) are one summary, under all their
    nicknames. Each nickname's newest summary is its learner's (of two from one month, the
    one whose content sorts first: never the file names), and a summary counts only when it
    is that of every nickname it was sent under. So the count is the same whatever the
    files are called; a copy counts once; a copy of an older
    summary under a new nickname does not count beside the newer one; and two learners whose
    older summaries happen to be alike (both scored the same sample) still count as two."""
    cohort = Cohort()
    problems: dict[str, Problem] = {}
    notes: list[Problem] = []
    copies: dict[str, list[str]] = {}  # content digest -> its files, in order
    data_of: dict[str, dict[str, Any]] = {}
    for path in paths:
        data, reason = read_summary_file(path)
        name = path.name
        if data is None:
            problems[name] = Problem(name, reason)
        elif data["counts"]["interactions"] == 0:
            notes.append(Problem(name, EMPTY_SUMMARY_NOTE))
        else:
            data_of[name] = data
            copies.setdefault(_canonical(data), []).append(name)
    firsts = [files[0] for files in copies.values()]  # one file per content
    digest_of = {files[0]: digest for digest, files in copies.items()}
    sent_as: dict[str, set[str]] = {}  # nickname -> the first files of its contents
    for files in copies.values():
        for name in files:
            sent_as.setdefault(data_of[name]["nickname"].casefold(), set()).add(files[0])
    # Each nickname's summary: its newest month's, and of two from one month the one whose
    # content sorts first (never the file name, so renaming files changes nothing).
    chosen = {
        nickname: min(contents, key=lambda c: (_month_order(data_of[c]), digest_of[c]))
        for nickname, contents in sent_as.items()
    }
    beaten: dict[str, list[str]] = {}  # first file -> the nicknames whose summary it is not
    for files in copies.values():
        first = files[0]
        own = data_of[first]["nickname"].casefold()  # (told first when it is beaten)
        nicknames = sorted({data_of[name]["nickname"].casefold() for name in files})
        beaten[first] = sorted((n for n in nicknames if chosen[n] != first), key=lambda n: n != own)
    counted = {first for first in firsts if not beaten[first]}  # every nickname's summary
    for first in firsts:
        if beaten[first]:
            nickname = beaten[first][0]
            kept = chosen[nickname]
            why = _not_counted(data_of[first], data_of[kept], kept, nickname, kept in counted)
            problems[first] = Problem(first, why)
    for files in copies.values():
        first = files[0]
        for name in files[1:]:
            problems[name] = Problem(
                name,
                f"the same summary as {first} (apart from the nickname, if any); "
                + ("counted once" if first in counted else "not counted either"),
            )
    kept = {name: data_of[name] for name in firsts if name in counted}
    cohort.summaries, cohort.left_out = one_month_only(kept)
    order = {p.name: i for i, p in enumerate(paths)}
    cohort.problems = sorted(problems.values(), key=lambda p: order[p.file])
    cohort.notes = notes
    return cohort


def _not_counted(
    data: dict[str, Any], kept: dict[str, Any], kept_file: str, nickname: str, counts: bool
) -> str:
    """Why a summary is not counted: ``kept`` (from ``kept_file``, which ``counts`` or not)
    is the summary of a ``nickname`` that it, or a copy of it, was sent under."""
    own = data["nickname"].casefold() == nickname == kept["nickname"].casefold()
    same = f"sent under the same nickname as {kept_file}" + (
        "" if own else " (by way of a copy under another nickname)"
    )
    same_month = _month(data) == _month(kept)
    if not counts:  # (a copy of that one lost in turn to a newer summary of another nickname)
        why = "that one does not count either (see its line)"
    elif same_month:
        why = "one summary counts for each nickname (ask the learners to choose others)"
    else:
        why = "a nickname's newest summary is the one that counts"
    if same_month:
        return f"{same}, for the same month; {why}"
    return f"an older summary ({_month(data)}), {same}; {why}"


def _month(summary: dict[str, Any]) -> str:
    return str(summary["as_of_month"])


def _month_order(summary: dict[str, Any]) -> tuple[int, int]:
    """Sorts the newest month first (``as_of_month`` is ``YYYY-MM``)."""
    year, month = _month(summary).split("-")
    return -int(year), -int(month)


def one_month_only(
    summaries: dict[str, dict[str, Any]],
) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The summaries made for the month most of ``summaries`` were made for (the newest of
    those, on a tie), and a line for each one left out because it was made for another.

    One learner's summaries from several months, under different nicknames, cannot be told
    apart from several learners' summaries; counting one month means each learner counts
    once. It is the busiest month, so one summary made early for next month (or late for
    last month) is left out rather than the whole group."""
    if not summaries:
        return {}, []
    per_month = Counter(_month(s) for s in summaries.values())
    chosen = max(per_month, key=lambda month: (per_month[month], month))
    kept = {name: s for name, s in summaries.items() if _month(s) == chosen}
    left_out = [
        Problem(name, f"made for {_month(s)}, {OTHER_MONTH_NOTE.format(month=chosen)}")
        for name, s in summaries.items()
        if _month(s) != chosen
    ]
    return kept, left_out


OTHER_MONTH_NOTE = (
    "not the month most summaries here were made for ({month}): not counted, so that one "
    "learner's summaries from different months never count as several learners; ask for "
    "one made for {month}"
)


LOG_FILE_NOTE = (
    "a learner's log (it names the people they know), not a summary: delete it from this folder"
)
"""The note for a log file among the summaries (as a skipped ``.json`` log is described)."""

LOG_HEAD_BYTES = 4096
"""How much of a file that is not a summary is read to tell whether it is a log."""


def load_cohort(folder: str | Path) -> Cohort:
    """Every ``*.json`` file in ``folder`` (``.JSON`` too; sorted by name), checked and
    de-duplicated; any other file there that is a learner's log (a ``.csv`` or another
    file whose first line is a log's header) is noted, so the coach can delete it."""
    folder = Path(folder)
    if folder.is_file():
        raise NotADirectoryError(
            f"{folder} is a file, not a folder: give the folder that holds the summary files "
            f"({folder.parent})"
        )
    if not folder.is_dir():
        raise FileNotFoundError(f"no folder {folder}: put the summaries in one folder")
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    found = [p for p in entries if p.is_file()]
    files = [p for p in found if p.suffix.lower() == ".json"]
    cohort = load_summaries(files)
    cohort.problems = sorted(
        cohort.problems + [_not_a_file(p) for p in entries if _is_json_but_no_file(p)],
        key=lambda p: p.file,
    )
    if not files:
        cohort.notes.append(Problem(str(folder), _no_summaries_reason(folder)))
    if files or not _is_a_log_folder(folder):  # (a log folder is said to be one above)
        cohort.notes += [
            Problem(p.name, LOG_FILE_NOTE)
            for p in found
            if p.suffix.lower() != ".json" and _is_a_log_file(p)
        ]
    return cohort


def _is_json_but_no_file(path: Path) -> bool:
    """Whether ``path`` is named like a summary (``.json``) but is no file to read: a
    folder, or a link to a file that is not there."""
    return path.suffix.lower() == ".json" and not path.is_file()


def _not_a_file(path: Path) -> Problem:
    """Why an entry named like a summary was not read."""
    if path.is_dir():
        return Problem(path.name, "a folder, not a summary file (folders inside are not read)")
    if path.is_symlink():
        return Problem(path.name, "a link to a file that is not there (or cannot be reached)")
    return Problem(path.name, "not a file that can be read")


def _is_a_log_file(path: Path) -> bool:
    """Whether a file that is not a summary is a learner's log: named as a log's file, or
    starting with a log's header (in any encoding a log may be saved in). Only its first
    few kilobytes are read, and nothing of them is kept."""
    from netcoach.loading import decode_text

    if path.name.casefold() in {CONTACTS_FILE.casefold(), INTERACTIONS_FILE.casefold()}:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(LOG_HEAD_BYTES)
    except OSError:
        return False
    # The cut may fall inside a letter (up to 3 bytes of UTF-8, one of UTF-16's 2): drop them.
    ends = range(len(head), len(head) - 4, -1) if len(head) == LOG_HEAD_BYTES else [len(head)]
    for end in ends:
        try:
            text, _ = decode_text(head[:end])
        except ValueError:  # (UnicodeDecodeError and a mixed encoding are ValueErrors)
            continue
        return _looks_like_a_log(text)
    return False


def _is_a_log_folder(folder: Path) -> bool:
    return (folder / CONTACTS_FILE).exists() or (folder / INTERACTIONS_FILE).exists()


def _no_summaries_reason(folder: Path) -> str:
    """Why a folder holds no summary, as far as its contents tell."""
    if _is_a_log_folder(folder):
        return (
            "this is a learner's log folder, not a folder of summaries: give the folder "
            "where you saved the learners' summary files"
        )
    inside = sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.json")))
    if inside:
        return (
            f"no summary files (*.json) here; folders inside it are not read, and "
            f"{names_text(inside)} {'holds' if len(inside) == 1 else 'hold'} some: put them "
            "all in one folder"
        )
    return "no summary files (*.json) here"


# --- the view -------------------------------------------------------------------------------


HIDDEN = "not shown"
"""What the view says in place of a number that would describe fewer than five learners."""

CUT_RULE = (
    f"A number is shown only when at least {MIN_GROUP} learners scored at or below it and "
    f"{MIN_GROUP} others at or above it, and {MIN_GROUP} scored something else, so no number "
    "shown can point to one learner (a median can still be the middle learner's own score, "
    "but not say whose it is)."
)


@dataclass(frozen=True)
class Distribution:
    """The median and middle half of one score, as a coach may see them (whole points).

    Each is ``None`` unless it describes at least MIN_GROUP learners on each side, and
    MIN_GROUP scored something else (:func:`shown_cut`): a number that splits off fewer than
    five describes those few, and one nearly everyone shares tells nearly everyone's score.
    No number that could point to one learner is kept (no lowest, no highest); a median may
    still equal the middle learner's score, with at least four others on each side of it.
    """

    score: str
    median: int | None
    q1: int | None
    q3: int | None

    @property
    def label(self) -> str:
        return SCORE_LABELS[self.score]

    @property
    def middle_half(self) -> tuple[int, int] | None:
        """``(q1, q3)`` when both ends may be shown, else ``None``."""
        return None if self.q1 is None or self.q3 is None else (self.q1, self.q3)

    @property
    def median_shown(self) -> str:
        return HIDDEN if self.median is None else f"{self.median:g}"

    @property
    def middle_half_shown(self) -> str:
        half = self.middle_half
        return HIDDEN if half is None else f"{half[0]:g} to {half[1]:g}"


@dataclass(frozen=True)
class GapCount:
    """How many learners have one gap, as a coach may see it.

    ``count`` is ``None`` when fewer than MIN_GROUP learners have the gap. When fewer than
    MIN_GROUP learners do *not* have it, the exact count would single those few out ("11 of
    12" names a group of one), so ``count`` is a lower bound and ``at_least`` is true
    (see :func:`gap_count`). A lower bound's share is rounded down, and no shown share reaches
    100%: a count the view shows is never the whole group.
    """

    gap: str
    count: int | None
    share: float | None
    at_least: bool = False
    withheld: bool = False

    @property
    def label(self) -> str:
        return GAP_LABELS[self.gap]

    @property
    def share_shown(self) -> str:
        """'58%', or '66% or more' for a lower bound (rounded down, so still a lower bound).
        Never 100%: the count shown always leaves room for a learner without the gap."""
        if self.share is None:
            return ""
        percent = 100 * self.share
        shown = min(math.floor(percent) if self.at_least else round(percent), 99)
        return f"{shown}% or more" if self.at_least else f"{shown}%"

    @property
    def shown(self) -> str:
        if self.withheld:
            return GAPS_WITHHELD_SHORT
        if self.count is None:
            return f"fewer than {MIN_GROUP}"
        if self.at_least:
            return f"at least {self.count} ({self.share_shown})"
        return f"{self.count} ({self.share_shown})"


def gap_count(gap: str, count: int, size: int) -> GapCount:
    """What may be shown of ``count`` learners out of ``size`` having ``gap``.

    - Fewer than MIN_GROUP have it: no number ("fewer than 5").
    - Fewer than MIN_GROUP do not have it (everyone included): "at least" the lower bound
      ``max(MIN_GROUP, size - MIN_GROUP + 1)``, the same for every such count, so the few
      without the gap (perhaps none) are not singled out; and never more than
      ``size - 1``, so "at least" never says that every learner has the gap.
    - Otherwise: the exact count.

    In a group of exactly MIN_GROUP no count can be shown at all (:func:`gaps_can_be_shown`);
    :func:`cohort_view` withholds every gap there.
    """
    if count < MIN_GROUP:
        return GapCount(gap, None, None)
    if size - count < MIN_GROUP:
        bound = min(max(MIN_GROUP, size - MIN_GROUP + 1), size - 1)
        return GapCount(gap, bound, bound / size, at_least=True)
    return GapCount(gap, count, count / size)


def gaps_can_be_shown(size: int) -> bool:
    """Whether a group of ``size`` learners may see any gap count.

    A count is shown only when MIN_GROUP or more have the gap, and "at least" stands for every
    count from ``max(MIN_GROUP, size - MIN_GROUP + 1)`` up to ``size``. In a group of exactly
    MIN_GROUP that is one count, the whole group: "at least 4 of 5" would say that all five
    have the gap, and so what each of them lacks. So a group of five sees no gap counts.
    """
    return max(MIN_GROUP, size - MIN_GROUP + 1) < size


GAPS_WITHHELD_SHORT = f"not shown in a group of {MIN_GROUP}"
GAPS_WITHHELD = (
    f"No gap is shown in a group of {MIN_GROUP}: it takes {MIN_GROUP} learners to show a "
    f"gap, so any gap shown here would be one that all {MIN_GROUP} have. Gaps are shown from "
    f"{MIN_GROUP + 1} learners."
)


@dataclass
class CohortView:
    """What a coach may see. When ``suppressed``, only ``message`` and the problems."""

    size: int
    suppressed: bool
    message: str
    problems: list[Problem]
    notes: list[Problem] = field(default_factory=list)
    left_out: list[Problem] = field(default_factory=list)
    distributions: dict[str, Distribution] = field(default_factory=dict)
    gaps: list[GapCount] = field(default_factory=list)
    focus: list[Focus] = field(default_factory=list)
    month: str = ""
    """The one month the counted summaries were made for (see :func:`newest_month_only`)."""

    @property
    def gaps_withheld(self) -> bool:
        """True when the group is shown but too small for any gap count (exactly five)."""
        return not self.suppressed and not gaps_can_be_shown(self.size)


def shown_cut(values: Any, share: float) -> int | None:
    """The ``share`` quantile of ``values`` (0.5: the median) in whole points, or ``None``
    when it would describe fewer than MIN_GROUP learners:

    - fewer than MIN_GROUP learners come at or before its place in the sorted scores, or at
      or after it (by place, so learners who tie count on one side only: five who all
      scored 100 are not five on each side of 100, and a median takes nine learners);
    - fewer than MIN_GROUP scored at or below it, or at or above it;
    - fewer than MIN_GROUP scored anything else: then the number all but says each one's
      score ("median 100" when everyone, or all but a few, scored 100).
    """
    import numpy as np

    n = len(values)
    place = (n - 1) * share
    point = int(round(float(np.quantile(values, share))))
    by_place = min(math.floor(place) + 1, n - math.ceil(place))
    below, above = int((values <= point).sum()), int((values >= point).sum())
    others = int((values != point).sum())
    return point if min(by_place, below, above, others) >= MIN_GROUP else None


def _distribution(score: str, values: list[int]) -> Distribution:
    import numpy as np

    arr = np.asarray(values, dtype=float)
    return Distribution(score, shown_cut(arr, 0.5), shown_cut(arr, 0.25), shown_cut(arr, 0.75))


def _tie_median(median: int | None) -> int:
    """A shown median, for breaking ties; a hidden one sorts after every shown one."""
    return 101 if median is None else median


def cohort_view(cohort: Cohort, top_focus: int = 3) -> CohortView:
    """The distributions, gap counts and focus of a cohort, with small groups suppressed."""
    n = cohort.size
    if n < MIN_GROUP:
        return CohortView(
            size=n,
            suppressed=True,
            message=SUPPRESSED_MESSAGE.format(min=MIN_GROUP, n=n),
            problems=list(cohort.problems),
            notes=list(cohort.notes),
            left_out=list(cohort.left_out),
            focus=[GAP_FOCUS[g] for g in DEFAULT_FOCUS],
        )
    summaries = list(cohort.summaries.values())
    distributions = {
        k: _distribution(k, [int(s["scores"][k]) for s in summaries]) for k in SCORE_KEYS
    }
    counted = {g: 0 for g in GAP_CATEGORIES}
    for s in summaries:
        for g in s["gaps"]:
            counted[g] += 1
    # Ordered by what is shown (never by a hidden exact count); a tie goes to the gap whose
    # score has the lowest shown median (the habit the room finds hardest), then the fixed list.
    medians = {k: d.median for k, d in distributions.items()}
    gaps = sorted(
        (
            gap_count(g, counted[g], n)
            if gaps_can_be_shown(n)
            else GapCount(g, None, None, withheld=True)
            for g in GAP_CATEGORIES
        ),
        key=lambda g: (
            -(g.count or 0),
            _tie_median(medians.get(GAP_SCORE[g.gap])),
            GAP_CATEGORIES.index(g.gap),
        ),
    )
    common = [g.gap for g in gaps if g.count is not None]
    withheld_focus = DEFAULT_FOCUS if not gaps_can_be_shown(n) else ()
    month = _month(summaries[0])  # (all of one month: newest_month_only)
    return CohortView(
        size=n,
        suppressed=False,
        message=f"{n} learners shared a summary ({month}).",
        problems=list(cohort.problems),
        notes=list(cohort.notes),
        left_out=list(cohort.left_out),
        distributions=distributions,
        gaps=gaps,
        focus=[GAP_FOCUS[g] for g in (common[:top_focus] if common else withheld_focus)],
        month=month,
    )


def focus_lead(view: CohortView) -> str:
    """The sentence that opens the suggested focus (all of it when nothing is suggested),
    as the terminal and the handout both say it."""
    if view.suppressed or view.gaps_withheld:
        return "Too few summaries to tailor the session; the three habits are a safe start:"
    if not view.focus:
        return NO_SHARED_FOCUS
    return "The commonest gaps suggest this focus, in order:"


def focus_sentences(view: CohortView) -> list[str]:
    """The suggested workshop focus as plain sentences."""
    focus = [f"{GAP_LABELS[f.gap]}: {f.chapter_title}. {f.activity}" for f in view.focus]
    return [focus_lead(view), *focus]


def view_text(view: CohortView) -> str:
    """The view as plain text. It names no file: the skipped files, whose names can hold a
    nickname, are listed apart by :func:`skipped_text`, for the coach alone."""
    lines = [view.message]
    if not view.suppressed:
        lines += ["", "Scores (median, middle half):"]
        lines += [
            f"  {d.label:<12} median {d.median_shown}, middle half {d.middle_half_shown}"
            for d in view.distributions.values()
        ]
        lines += textwrap.wrap(CUT_RULE, 88, initial_indent="  ", subsequent_indent="  ")
        lines += ["", "Gaps (learners who have each):"]
        if view.gaps_withheld:
            lines += textwrap.wrap(GAPS_WITHHELD, 88, initial_indent="  ", subsequent_indent="  ")
        else:
            lines += [f"  {g.label}: {g.shown}" for g in view.gaps]
    lines += ["", *focus_sentences(view)]
    return "\n".join(lines) + "\n"


def skipped_text(view: CohortView) -> str:
    """The skipped files and why, one a line, the summaries left out as made for an earlier
    month, then the notes (empty when there is none of these)."""
    lines = []
    if view.problems:
        lines += [f"Skipped {len(view.problems)} file(s):", *(f"  {p}" for p in view.problems)]
    if view.left_out:
        lines += [
            f"Left out {len(view.left_out)} summary file(s) made for another month:",
            *(f"  {p}" for p in view.left_out),
        ]
    if view.notes:
        lines += ["Worth a look:", *(f"  {p}" for p in view.notes)]
    return "\n".join(lines) + "\n" if lines else ""


# --- charts -----------------------------------------------------------------------------------


SCORE_MARKERS: tuple[str, ...] = ("o", "s", "^", "D")
"""The median's marker per score, in SCORE_KEYS order (shapes read without colour)."""


def _score_colours() -> list[str]:
    """Blue, orange, green and black from the course palette, in SCORE_KEYS order."""
    from netcoach.plots import BLACK, BLUE, GREEN, ORANGE

    return [BLUE, ORANGE, GREEN, BLACK]


def _draw_score(ax: Any, row: int, d: Distribution, colour: str, marker: str) -> None:
    """One row: the middle half as a bar and the median as a marker, each only if shown."""
    from netcoach.plots import BLACK, FONT_SIZE

    if d.middle_half is not None:
        q1, q3 = d.middle_half
        ax.barh(row, q3 - q1, left=q1, height=0.5, color=colour, alpha=0.35, edgecolor=colour)
    if d.median is None:
        ax.text(50, row, "median not shown", ha="center", va="center", fontsize=FONT_SIZE - 1)
        return
    ax.scatter([d.median], [row], s=90, color=colour, marker=marker, edgecolor=BLACK, zorder=3)
    ax.text(d.median, row - 0.32, f"{d.median:g}", ha="center", fontsize=FONT_SIZE - 1)


def _score_alt(view: CohortView) -> str:
    """The chart's finding in words, quoting only the numbers the chart shows (each score's
    own: one may be shown while another is not)."""
    shown = [d for d in view.distributions.values() if d.median is not None]
    if not shown:
        return (
            f"No median is shown for these {view.size} learners: it takes at least "
            f"{MIN_GROUP} learners at or below it and {MIN_GROUP} at or above it."
        )
    overall = view.distributions["overall"]
    if overall.median is None:
        alt = f"Across {view.size} learners the median overall score is not shown."
    else:
        alt = f"Across {view.size} learners the median overall score is {overall.median:g}"
        alt += f" (middle half {overall.middle_half_shown})." if overall.middle_half else "."
    habits = [d for d in shown if d.score != "overall"]
    if len(habits) > 1:
        low = min(habits, key=lambda d: (d.median, d.score))
        high = max(habits, key=lambda d: (d.median, d.score))
        alt += (
            f" {low.label} is the weakest habit, median {low.median:g}; "
            f"{high.label.lower()} is the strongest, median {high.median:g}."
        )
    elif habits:
        alt += f" {habits[0].label} has median {habits[0].median:g}."
    hidden = [d.label.lower() for d in view.distributions.values() if d.median is None]
    if hidden:
        alt += f" The median of {names_text(hidden)} is not shown."
    halves = [d for d in view.distributions.values() if d.middle_half]
    if not halves and view.size < 4 * MIN_GROUP - 3:  # (17: a quarter is five learners)
        alt += f" No middle half is shown: a quarter of this group is fewer than {MIN_GROUP}."
    elif len(halves) < len(view.distributions):
        alt += (
            f" Not every middle half is shown: it would describe fewer than {MIN_GROUP} learners."
        )
    return alt


def score_distribution_chart(view: CohortView) -> Chart:
    """Per score (0 to 100), the median and middle half where they may be shown."""
    from netcoach.plots import FONT_SIZE, Chart, _empty, _figure, _style

    fig, ax = _figure(8.0, 3.8)
    title = f"Scores across the group ({view.size} learners)"
    dists = list(view.distributions.values())
    if view.suppressed or all(d.median is None for d in dists):
        _empty(ax, f"Hidden: a number needs {MIN_GROUP} learners at or below it and at or above it")
        _style(ax, "Scores across the group", "", "")
        alt = view.message if view.suppressed else _score_alt(view)
        return Chart(fig, alt, f"Nothing is shown that describes fewer than {MIN_GROUP}.")
    styles = zip(dists, _score_colours(), SCORE_MARKERS, strict=True)
    for row, (d, colour, marker) in enumerate(styles):
        _draw_score(ax, row, d, colour, marker)
    ax.set_yticks(range(len(dists)), [d.label for d in dists], fontsize=FONT_SIZE)
    ax.set_ylim(len(dists) - 0.5, -0.7)
    ax.set_xlim(0, 100)
    _style(ax, title, "Score (0 to 100)", "")
    caption = (
        "The marker is the median (the middle learner) and the bar, where drawn, covers the "
        f"middle half of the group. {CUT_RULE} Scores run from 0 to 100."
    )
    return Chart(fig, _score_alt(view), caption)


def _of(gap: GapCount, size: int) -> str:
    return f"{'at least ' if gap.at_least else ''}{gap.count} of {size}"


def gap_chart(view: CohortView) -> Chart:
    """The share of learners with each gap (gaps shared by fewer than five are not drawn)."""
    from netcoach.plots import BLACK, FONT_SIZE, VERMILION, Chart, _empty, _figure, _style

    shown = [g for g in view.gaps if g.count is not None]
    fig, ax = _figure(8.0, max(2.6, 0.5 * len(shown) + 1.4))
    title = "Gaps the group shares"
    if view.gaps_withheld:
        _empty(ax, f"No gap is shown in a group of {MIN_GROUP}")
        _style(ax, title, "", "")
        return Chart(fig, GAPS_WITHHELD, f"Gaps are shown from {MIN_GROUP + 1} learners.")
    if view.suppressed or not shown:
        _empty(ax, f"No gap is shown: it takes {MIN_GROUP} or more learners")
        _style(ax, title, "", "")
        return Chart(
            fig,
            view.message if view.suppressed else "No gap is shared by five or more learners.",
            "Gaps are shown only when five or more learners share them.",
        )
    y = list(range(len(shown)))
    ax.barh(
        y,
        [100 * g.share for g in shown],
        color=VERMILION,
        hatch="//",
        edgecolor=BLACK,
        linewidth=0.5,
    )
    for yi, g in zip(y, shown, strict=True):
        ax.text(100 * g.share + 1, yi, g.shown, va="center", fontsize=FONT_SIZE - 1)
    ax.set_yticks(y, [g.label for g in shown], fontsize=FONT_SIZE - 1)
    ax.invert_yaxis()
    ax.set_xlim(0, 115)
    _style(ax, title, "Learners with this gap (%)", "")
    top = shown[0]
    hidden = len(view.gaps) - len(shown)
    alt = (
        f"The commonest gap is '{top.label.lower()}', for {_of(top, view.size)} learners "
        f"({top.share_shown})."
    )
    if len(shown) > 1:
        alt += f" Next is '{shown[1].label.lower()}', for {_of(shown[1], view.size)}."
    if hidden:
        gaps = "gap" if hidden == 1 else "gaps"
        verb = "is" if hidden == 1 else "are"
        alt += f" {hidden} {gaps} shared by fewer than {MIN_GROUP} learners {verb} not shown."
    caption = (
        "Share of learners whose summary lists each gap. A learner can have several gaps; gaps "
        f"shared by fewer than {MIN_GROUP} learners are left out, and 'at least' marks a count "
        f"rounded down so that fewer than {MIN_GROUP} learners without the gap are not singled out."
    )
    return Chart(fig, alt, caption)
