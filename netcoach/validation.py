"""Check and tidy the two tables of a network log, with messages a learner can act on.

:func:`normalise_tables` takes the raw tables (strings as read from CSV, or frames built in
code) and returns the normalised tables described in :mod:`netcoach.log`. Every problem it
finds becomes a :class:`Problem` naming the file, the row (as a spreadsheet numbers it: the
header is row 1) and the column; all of them are collected and raised together in one
:class:`LogValidationError`.

Why hand-written checks and not pandera
---------------------------------------
The issue asked us to consider pandera. We tried the shape of it and chose vectorised pandas
checks for the learner-facing path, because almost every check needs more than a schema
says: values are first folded through the alias tables (``LinkedIn`` -> ``social``), a
message suggests the closest valid value, a duplicate id names *both* rows, an unknown
contact is looked up case-insensitively, and a bad date says whether the other day/month
order would have worked. Translating pandera's ``failure_cases`` back into those messages
took more code than the checks themselves, and importing pandera adds about 0.2 s to
every load. :func:`normalised_schemas` still states the *output* contract as pandera
schemas; the tests validate the normalised tables against it, so the contract is
declarative while the messages stay friendly.

No Python loop runs per data row: checks are boolean masks over whole columns, alias
mapping runs once per *distinct* value, and :class:`Problem` objects are built only for
failing rows (at most :data:`MAX_PROBLEMS_PER_FILE` per file; the rest are counted).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from netcoach import schema
from netcoach.settings import AS_OF_RANGE, MAX_DAYS, as_of_problem, days_rule

if TYPE_CHECKING:
    import pandera.pandas as pa

MAX_PROBLEMS_PER_FILE = 200
"""Problems kept per file; the rest are only counted (a broken 1M-row file says so once)."""

SHOWN_PROBLEMS = 20
"""How many problems ``str(LogValidationError)`` lists before "and N more"."""

HEADER_ALIASES: dict[str, str] = {
    "organization": "organisation",
    "e_mail": "email",
    "email_address": "email",
    "cadence": "cadence_days",
    "initiator": "initiated_by",
    "notes_": "notes",
}
"""Header spellings understood as a schema column (after :func:`normalise_header`)."""

DATE_FORMATS_ISO: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d",
)
DATE_FORMATS_DAY_FIRST: tuple[str, ...] = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
DATE_FORMATS_MONTH_FIRST: tuple[str, ...] = ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y")
DATE_FORMATS_NAMED: tuple[str, ...] = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d-%b-%Y",
)
_DATE_HINT = "write it like 2024-03-12 (year-month-day), 12/03/2024 or 12 Mar 2024"
COMPACT_DATE = r"\d{8}"
"""``20240312``: year, month and day run together (exported by some tools); only eight digits."""
SPREADSHEET_DAY_NUMBERS = (20_000, 80_000)
"""A whole number in this range in a date column is probably a spreadsheet's own day number
(1954 to 2119 counted from 1900, as Excel and LibreOffice do). It is not guessed at: the
message shows the date it would be and how to save the column as dates."""
SPREADSHEET_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Problem:
    """One thing to fix in a log, located as a spreadsheet shows it."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        return f"{', '.join(where)}: {self.message}"


class LogValidationError(Exception):
    """The log could not be read; ``problems`` lists what to fix, in file and row order."""

    def __init__(self, problems: Iterable[Problem], *, omitted: int = 0) -> None:
        self.problems: list[Problem] = list(problems)
        self.omitted = int(omitted)
        super().__init__(self._summary())

    @property
    def count(self) -> int:
        """Every problem found, including those not kept in :attr:`problems`."""
        return len(self.problems) + self.omitted

    def _summary(self) -> str:
        n = self.count
        head = f"Network Coach found {n} problem{'s' if n != 1 else ''} in the log:"
        return "\n".join([head, *self.listed()])

    def listed(self, limit: int = SHOWN_PROBLEMS) -> list[str]:
        """The first ``limit`` problems, one line each (``- file, row, column: what to
        change``), then ``... and N more`` when there are more (as the command line shows)."""
        lines = [f"- {p}" for p in self.problems[:limit]]
        rest = self.count - min(len(self.problems), limit)
        if rest > 0:
            lines.append(f"... and {rest} more")
        return lines

    def __str__(self) -> str:
        return self._summary()

    def __reduce__(self) -> tuple[Any, ...]:  # picklable, e.g. across worker processes
        return (_rebuild_error, (self.problems, self.omitted))


def _rebuild_error(problems: list[Problem], omitted: int) -> LogValidationError:
    return LogValidationError(problems, omitted=omitted)


# --- small shared helpers ----------------------------------------------------------------------


def normalise_header(name: Any) -> str:
    """A header cell as a column name: trimmed, lower-case, spaces to underscores."""
    key = "_".join(str(name).replace("\ufeff", "").strip().lower().replace("-", " ").split())
    return HEADER_ALIASES.get(key, key)


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The closest valid value to a misspelt one, or None when nothing is close."""
    matches = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _quote_list(values: Iterable[str]) -> str:
    return ", ".join(values)


class _Collector:
    """Problems for one file, capped at :data:`MAX_PROBLEMS_PER_FILE`."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.omitted = 0

    def add(self, row: int | None, column: str | None, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.file, row, column, message))
        else:
            self.omitted += 1

    def add_rows(self, rows: pd.Series, column: str, messages: pd.Series | str) -> None:
        """One problem per failing row; builds objects only for the rows that are kept."""
        room = max(MAX_PROBLEMS_PER_FILE - len(self.problems), 0)
        self.omitted += max(len(rows) - room, 0)
        kept_rows = rows.iloc[:room].tolist()
        if isinstance(messages, str):
            kept_msgs = [messages] * len(kept_rows)
        else:
            kept_msgs = messages.iloc[:room].tolist()
        self.problems.extend(
            Problem(self.file, int(r), column, m) for r, m in zip(kept_rows, kept_msgs, strict=True)
        )


# --- text and vocabulary -----------------------------------------------------------------------


def _as_text(s: pd.Series) -> pd.Series:
    """Any column as plain ``str``: blanks and missing values become "", spaces trimmed."""
    if isinstance(s.dtype, pd.StringDtype):
        return s.fillna("").str.strip().astype(str)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        return s.dt.strftime("%Y-%m-%d %H:%M:%S").fillna("").astype(str)
    text = s.astype(object).where(s.notna(), "").astype(str)
    return text.str.strip().astype(str)


def _is_blank(s: pd.Series) -> pd.Series:
    """True where a cell is empty (missing, or only spaces)."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
        return s.isna()
    return _as_text(s) == ""


def map_distinct(s: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """``func`` applied once per distinct value of ``s`` and spread back to every row.

    Columns like channel or kind hold a handful of distinct values in a million rows, so
    this is far faster than ``Series.map`` with a dict on Arrow-backed strings.
    """
    codes, uniques = pd.factorize(s, use_na_sentinel=False)
    distinct = uniques.tolist()  # iterating the Arrow-backed index itself is much slower
    values = [func(u) if isinstance(u, str) else None for u in distinct]
    mapped = pd.Series(values, dtype=str)
    if values == distinct and s.dtype == mapped.dtype:  # nothing changes (already canonical)
        return pd.Series(s.array, index=s.index)
    return pd.Series(mapped.take(codes).array, index=s.index)


def _map_vocabulary(s: pd.Series, aliases: Mapping[str, str]) -> pd.Series:
    """Canonical values via :func:`schema.alias_key`; None where a value is unknown."""
    return map_distinct(s, lambda u: aliases.get(schema.alias_key(u)))


def _vocabulary_check(
    out: pd.DataFrame,
    raw: pd.Series,
    mapped: pd.Series,
    column: str,
    valid: tuple[str, ...],
    aliases: Mapping[str, str],
    collector: _Collector,
    *,
    spellings_hint: str = "",
    ambiguous: Mapping[str, tuple[str, ...]] | None = None,
) -> None:
    ambiguous = ambiguous or {}
    bad = mapped.isna() & (raw != "")
    if not bad.any():
        return
    bad_values = raw[bad].iloc[:MAX_PROBLEMS_PER_FILE]  # only these can be reported
    hints = {}
    for value in pd.unique(bad_values):
        meanings = ambiguous.get(schema.alias_key(value))
        if meanings:
            hints[value] = _ambiguous_hint(column, value, meanings)
            continue
        suggestion = closest(schema.alias_key(value), aliases) if aliases else None
        if suggestion is None:
            suggestion = closest(schema.alias_key(value), valid)
        prefix = f'unknown {column} "{value}"'
        tail = f"one of {_quote_list(valid)}{spellings_hint}"
        if suggestion:
            guess = aliases.get(suggestion, suggestion)
            hints[value] = f'{prefix}; did you mean "{guess}"? Use {tail}'
        else:
            hints[value] = f"{prefix}; use {tail}"
    collector.add_rows(out.loc[bad, "row"], column, bad_values.map(hints))


def _ambiguous_hint(column: str, value: str, meanings: tuple[str, ...]) -> str:
    """Why a word such as "help" is refused as a kind, with the kinds it could mean."""
    options = [f'"{kind}" ({schema.KIND_DIRECTIONS[kind]})' for kind in meanings]
    listed = ", ".join(options[:-1]) + f" or {options[-1]}"
    return f'{column} "{value}" could mean {listed}: write the one you mean'


# --- dates ---------------------------------------------------------------------------------------


def _formats(day_first: bool) -> tuple[str, ...]:
    numeric = DATE_FORMATS_DAY_FIRST if day_first else DATE_FORMATS_MONTH_FIRST
    return DATE_FORMATS_ISO + numeric + DATE_FORMATS_NAMED


def _try_formats(text: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Parse with each explicit format in turn, only on the rows still unparsed. Seconds
    hold any year from 1 to 9999 (nanoseconds only 1677 to 2262), so a slip such as 1024
    is read as a date and can be refused for its year (:func:`_within_years`)."""
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    todo = text != ""
    for fmt in formats:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        ok = parsed.notna()
        if ok.any():
            result.loc[ok[ok].index] = parsed[ok].astype("datetime64[s]")
            todo.loc[ok[ok].index] = False
    return result


def _within_years(dates: pd.Series) -> pd.Series:
    """``dates`` as ``datetime64[ns]``, with any date outside :data:`~netcoach.settings.
    AS_OF_RANGE` (1900 to 2100) made NaT: a year outside it is surely a slip, and pandas
    could not hold most such dates anyway."""
    first, last = (pd.Timestamp(day) for day in AS_OF_RANGE)
    return dates.where(dates.between(first, last)).astype("datetime64[ns]")


def _year_problems(text: pd.Series, day_first: bool) -> pd.Series:
    """For date text that reads as a date outside 1900 to 2100, why ('"1024-05-01" is
    before 1900: check the year'); empty text for the rest."""
    dates = _parse_text_dates(text, day_first, any_year=True)
    why = pd.Series("", index=text.index, dtype=object)
    outside = dates.notna() & ~dates.between(*(pd.Timestamp(day) for day in AS_OF_RANGE))
    for position in np.flatnonzero(outside.to_numpy()):
        problem = as_of_problem(dates.iloc[position].date())
        why.iloc[position] = f'"{text.iloc[position]}" {problem}'
    return why


def parse_dates(values: pd.Series, *, day_first: bool = True) -> pd.Series:
    """Dates as spreadsheets write them, as ``datetime64[ns]`` at midnight; NaT if unreadable.

    Accepts ``2024-03-12``, ``12/03/2024`` and ``12-03-2024`` (day first unless
    ``day_first=False``), ``12 Mar 2024``, ``12 March 2024``, ``Mar 12, 2024``, Excel's
    ``2024-03-12 00:00:00`` and ``20240312``; also real datetime or date values built in code.
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        out = values
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        return _within_years(out.dt.normalize())
    return _parse_text_dates(_as_text(values), day_first)


def _parse_text_dates(text: pd.Series, day_first: bool, *, any_year: bool = False) -> pd.Series:
    """Parse trimmed date text; NaT where unreadable or, unless ``any_year``, outside 1900
    to 2100 (then ``datetime64[ns]``). A log has few distinct dates (one per day), so each
    distinct value is parsed once and the results are spread back: 1M rows cost about as
    much as the number of different days in them."""
    codes, uniques = pd.factorize(text)
    distinct = pd.Series(uniques, dtype=str).str.replace(r"\s+", " ", regex=True)
    parsed = _try_formats(distinct, _formats(day_first))
    compact = parsed.isna() & distinct.str.fullmatch(COMPACT_DATE)
    if compact.any():
        found = pd.to_datetime(distinct[compact], format="%Y%m%d", errors="coerce")
        parsed[compact] = found.astype("datetime64[s]")
    parsed = parsed.dt.normalize()
    if not any_year:
        parsed = _within_years(parsed)
    values = parsed.to_numpy()
    return pd.Series(values[codes], index=text.index, dtype=values.dtype)


def _spreadsheet_day_hints(text: pd.Series) -> pd.Series:
    """For values that look like a spreadsheet's day number, what to do; else empty text."""
    number = pd.to_numeric(text.where(text.str.fullmatch(r"\d{5}(\.0+)?"), None), errors="coerce")
    low, high = SPREADSHEET_DAY_NUMBERS
    looks = number.between(low, high)
    hints = pd.Series("", index=text.index, dtype=object)
    for value in number[looks].unique():
        day = SPREADSHEET_EPOCH + dt.timedelta(days=int(value))
        hints[number == value] = (
            f": it looks like a spreadsheet's day number ({int(value)} is {day:%d %b %Y} in "
            "Excel or LibreOffice). Format the date column as dates (year-month-day) in your "
            "spreadsheet and save the CSV again"
        )
    return hints


def _date_problems(
    out: pd.DataFrame, text: pd.Series, parsed: pd.Series, day_first: bool, col: _Collector
) -> None:
    bad = parsed.isna() & (text != "")
    if not bad.any():
        return
    years = _year_problems(text[bad], day_first)
    flagged = years[years != ""]
    if len(flagged):
        col.add_rows(out.loc[flagged.index, "row"], "date", flagged)
        bad &= ~bad.index.isin(flagged.index)
        if not bad.any():
            return
    other = _parse_text_dates(text[bad], not day_first).notna()
    setting = "false" if day_first else "true"
    order = "month first" if day_first else "day first"
    hints = _spreadsheet_day_hints(text[bad])
    messages = "cannot read " + ('"' + text[bad] + '"') + " as a date"
    messages = messages.where(hints != "", messages + "; " + _DATE_HINT) + hints
    messages = messages.where(
        ~other,
        messages + f" (if your dates are {order}, put day_first = {setting} in settings.toml)",
    )
    col.add_rows(out.loc[bad, "row"], "date", messages)


# --- the two tables -----------------------------------------------------------------------------


def _prepare(raw: pd.DataFrame, columns: tuple[str, ...], col: _Collector) -> pd.DataFrame:
    """Normalised headers, source row numbers, blank rows dropped, unknown columns ignored."""
    raw = raw.copy(deep=False)
    names = [normalise_header(c) for c in raw.columns]
    seen: dict[str, int] = {}
    keep: list[int] = []
    for i, name in enumerate(names):
        if name in seen:  # a learner's own column named twice is ignored like any other
            if name in columns:  # (and two named "row" are not taken for line numbers)
                col.add(1, name, f'the column "{name}" appears twice in the header; keep only one')
            continue
        seen[name] = i
        keep.append(i)
    raw = raw.iloc[:, keep]
    raw.columns = [names[i] for i in keep]
    if "row" in raw.columns and pd.api.types.is_integer_dtype(raw["row"].dtype):
        rows = raw["row"].astype("int64").to_numpy()
    else:
        rows = np.arange(2, len(raw) + 2, dtype="int64")
    out = pd.DataFrame(index=pd.RangeIndex(len(raw)))
    present = [c for c in columns if c in raw.columns]
    for c in present:
        if _kept_as_is(c, raw[c]):
            out[c] = raw[c].reset_index(drop=True)
        else:
            out[c] = _as_text(raw[c].reset_index(drop=True))
    out["row"] = rows
    if present and len(out):
        blank = pd.Series(True, index=out.index)
        for c in present:
            blank &= _blank_cells(out, c)
        out = out[~blank].reset_index(drop=True)
    return out


def skipped_as_blank(raw: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    """Which rows of ``raw`` (a table as :func:`netcoach.loading.read_csv_text` reads a CSV)
    loading skips as blank, as :func:`_prepare` decides: every column of ``columns`` that the
    table has is empty or only spaces, whatever its other columns (the learner's own) hold.
    """
    from netcoach.spreadsheet_cells import from_text_cells  # (as loading reads a cell)

    first: dict[str, int] = {}
    for i, name in enumerate(raw.columns):
        first.setdefault(normalise_header(name), i)
    blank = np.ones(len(raw), dtype=bool)
    present = [first[c] for c in columns if c in first]
    if not present:
        return ~blank  # nothing is skipped without a known column (loading refuses it)
    for i in present:  # each column only where all before it were blank: few rows after one
        where = np.flatnonzero(blank)
        if not len(where):
            break
        values = from_text_cells(raw.iloc[where, i].reset_index(drop=True))
        blank[where] = _is_blank(values).to_numpy(dtype=bool)
    return blank


def _kept_as_is(column: str, values: pd.Series) -> bool:
    """Whether :func:`_prepare` keeps a column as given: cadence_days (numbers are checked
    later) and dates that are real datetimes; every other column becomes trimmed text."""
    return column == "cadence_days" or (
        column == "date" and pd.api.types.is_datetime64_any_dtype(values.dtype)
    )


def _blank_cells(out: pd.DataFrame, column: str) -> pd.Series:
    """:func:`_is_blank` for a column of a table made by :func:`_prepare`, whose text
    columns are already trimmed (trimming a million cells again costs about 20 ms)."""
    values = out[column]
    if _kept_as_is(column, values) or not isinstance(values.dtype, pd.StringDtype):
        return _is_blank(values)
    return values == ""


def _missing_columns(
    out: pd.DataFrame, required: tuple[str, ...], col: _Collector, raw_names: list[str]
) -> list[str]:
    missing = [c for c in required if c not in out.columns]
    header = ",".join(required)
    if len(missing) == len(required) and len(out.columns) == 1:  # only "row": no known column
        # as the learner typed it: without the parser's padding of repeated (empty) names
        # and without the empty cells a spreadsheet adds after a title
        shown = ",".join(str(n).rstrip() for n in raw_names).rstrip(",")
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        col.add(
            1,
            None,
            f'the first row should name the columns (at least {header}), but it reads "{shown}"',
        )
        return missing
    for c in missing:
        col.add(
            1,
            c,
            f'the required column "{c}" is missing; the header row needs at least: {header}',
        )
    return missing


def empty_cell_message(what: str, needed: str, cell: str = "this cell") -> str:
    """The message for a required cell left empty, e.g. "this cell is empty; every contact
    needs a name". The log form words its own fields with it (``cell="it"``, ``needed`` its
    field's label), so it can tell this problem from others without reading the text."""
    return f"{cell} is empty; every {what} needs a {needed}"


def _blank_required(
    out: pd.DataFrame, required: tuple[str, ...], what: str, col: _Collector
) -> None:
    for c in required:
        blank = _blank_cells(out, c)
        if blank.any():
            col.add_rows(out.loc[blank, "row"], c, empty_cell_message(what, spoken(c)))


def spoken(column: str) -> str:
    """A column's name as a sentence says it: ``contact_id`` -> "contact id"."""
    return column.replace("_", " ")


def _normalise_contacts(raw: pd.DataFrame, file: str) -> tuple[pd.DataFrame, _Collector]:
    col = _Collector(file)
    if len(raw.columns) == 0:
        col.add(
            1,
            None,
            "there is no header row; the first row must name the columns, at least: "
            + ",".join(schema.CONTACT_COLUMNS),
        )
        return _empty_contacts(), col
    out = _prepare(raw, schema.CONTACT_COLUMNS, col)
    missing = _missing_columns(out, schema.CONTACT_REQUIRED, col, list(raw.columns))
    for c in schema.CONTACT_COLUMNS:
        if c not in out.columns:
            out[c] = "" if c != "cadence_days" else pd.NA
    present = tuple(c for c in schema.CONTACT_REQUIRED if c not in missing)
    _blank_required(out, present, "contact", col)

    # duplicate ids (compared without regard to capitals), naming both rows
    key = out["contact_id"].str.casefold()
    dup = key.duplicated(keep=False) & (out["contact_id"] != "")
    if dup.any():
        first_row = out.loc[dup].groupby(key[dup])["row"].transform("min")
        later = dup & key.duplicated(keep="first")
        msgs = (
            '"'
            + out.loc[later, "contact_id"]
            + '" is used twice (rows '
            + first_row[later].astype(str)
            + " and "
            + out.loc[later, "row"].astype(str)
            + "); each contact needs their own contact_id"
        )
        col.add_rows(out.loc[later, "row"], "contact_id", msgs)

    # tier
    tier = _map_vocabulary(out["tier"], schema.TIER_ALIASES)
    _vocabulary_check(out, out["tier"], tier, "tier", schema.TIERS, schema.TIER_ALIASES, col)
    out["tier"] = tier.fillna("").astype(str)

    # cadence_days: a whole number from 1 to MAX_DAYS, or blank
    out["cadence_days"] = _cadence(out, col)

    out["email"] = out["email"].str.lower()
    out["tags"] = normalise_tags(out["tags"])
    out = out[[*schema.CONTACT_COLUMNS, "row"]]
    return out, col


def _cadence(out: pd.DataFrame, col: _Collector) -> pd.Series:
    raw = out["cadence_days"]
    if pd.api.types.is_numeric_dtype(raw.dtype):
        number = raw.astype("Float64")
        text = raw.astype(str)
        blank = raw.isna()
    else:
        text = _as_text(raw)
        blank = text == ""
        number = pd.to_numeric(text.where(~blank, None), errors="coerce").astype("Float64")
    whole = (number.notna() & (number > 0) & (number.round() == number)).fillna(False)
    # (99999999999999999999 would wrap round to a negative Int64; MAX_DAYS is 100 years)
    too_long = whole & (number > MAX_DAYS).fillna(False)
    bad = ~blank & (~whole | too_long)
    if bad.any():  # one rule for every wrong value, as settings.toml's day counts give it
        msgs = f'should be {days_rule()} (like 30), or blank; it says "' + text[bad] + '"'
        col.add_rows(out.loc[bad, "row"], "cadence_days", msgs)
    return number.where(whole & ~too_long).round().astype("Int64")


def normalise_tags(tags: pd.Series) -> pd.Series:
    """Tags separated by ``;`` with trimmed parts (commas and bars are understood too)."""
    return (
        tags.str.replace(r"\s*[;,|]\s*", ";", regex=True)
        .str.replace(r";{2,}", ";", regex=True)
        .str.strip(" ;")
        .astype(str)
    )


def _normalise_interactions(
    raw: pd.DataFrame,
    file: str,
    *,
    day_first: bool,
    contact_ids: pd.Series | None,
    contacts_file: str,
) -> tuple[pd.DataFrame, _Collector]:
    col = _Collector(file)
    if len(raw.columns) == 0:
        return _empty_interactions(), col
    out = _prepare(raw, schema.INTERACTION_COLUMNS, col)
    missing = _missing_columns(out, schema.INTERACTION_REQUIRED, col, list(raw.columns))
    for c in schema.INTERACTION_COLUMNS:
        if c not in out.columns:
            out[c] = ""
    present = tuple(c for c in schema.INTERACTION_REQUIRED if c not in missing)
    _blank_required(out, present, "interaction", col)

    # dates
    if pd.api.types.is_datetime64_any_dtype(out["date"].dtype):
        given = out["date"]
        out["date"] = parse_dates(given, day_first=day_first)
        outside = given.notna() & out["date"].isna()
        if outside.any():
            text = given[outside].dt.strftime("%Y-%m-%d")
            _date_problems(out, text, out["date"][outside], day_first, col)
    else:
        text = _as_text(out["date"])
        parsed = _parse_text_dates(text, day_first)
        _date_problems(out, text, parsed, day_first, col)
        out["date"] = parsed

    # contact ids must exist in contacts.csv (matched without regard to capitals)
    if contact_ids is not None:
        ids = contact_ids[contact_ids != ""]
        keys = ids.str.casefold()
        first = ~keys.duplicated()
        canonical = dict(zip(keys[first].tolist(), ids[first].tolist(), strict=True))
        matched = map_distinct(out["contact_id"], lambda u: canonical.get(u.casefold()))
        unknown = matched.isna() & (out["contact_id"] != "")
        if unknown.any():
            known = list(canonical.values())
            msgs = {}
            reported = out.loc[unknown, "contact_id"].iloc[:MAX_PROBLEMS_PER_FILE]
            for value in pd.unique(reported):
                near = closest(value, known) if len(known) < 5000 else None
                prefix = f'no contact has the contact_id "{value}" in {contacts_file}'
                add = f"add them to {contacts_file} first"
                msgs[value] = (
                    f'{prefix}; did you mean "{near}"? Or {add}' if near else f"{prefix}; {add}"
                )
            col.add_rows(out.loc[unknown, "row"], "contact_id", reported.map(msgs))
        out["contact_id"] = matched.fillna(out["contact_id"]).astype(str)

    # channel, kind, initiated_by
    spellings = ' (spellings like "LinkedIn" or "Zoom" are understood)'
    channel = _map_vocabulary(out["channel"], schema.CHANNEL_ALIASES)
    _vocabulary_check(
        out,
        out["channel"],
        channel,
        "channel",
        schema.CHANNELS,
        schema.CHANNEL_ALIASES,
        col,
        spellings_hint=spellings,
    )
    kind = _map_vocabulary(out["kind"], schema.KIND_ALIASES)
    _vocabulary_check(
        out,
        out["kind"],
        kind,
        "kind",
        schema.KINDS,
        schema.KIND_ALIASES,
        col,
        ambiguous=schema.AMBIGUOUS_KINDS,
    )
    who = _map_vocabulary(out["initiated_by"], schema.INITIATOR_ALIASES)
    _vocabulary_check(
        out,
        out["initiated_by"],
        who,
        "initiated_by",
        schema.INITIATED_BY,
        schema.INITIATOR_ALIASES,
        col,
        spellings_hint=" (or leave it blank)",
    )
    out["channel"] = channel.fillna("").astype(str)
    out["kind"] = kind.fillna("").astype(str)
    blank_who = out["initiated_by"] == ""
    if blank_who.any():  # blank: the usual initiator of the kind
        who = who.where(~blank_who, map_distinct(kind, schema.DEFAULT_INITIATOR.get))
    out["initiated_by"] = who.fillna("").astype(str)
    out = out[[*schema.INTERACTION_COLUMNS, "row"]]
    return out, col


def _empty_contacts() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series([], dtype=str) for c in schema.CONTACT_COLUMNS})
    out["cadence_days"] = pd.Series([], dtype="Int64")
    out["row"] = pd.Series([], dtype="int64")
    return out


def _empty_interactions() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series([], dtype=str) for c in schema.INTERACTION_COLUMNS})
    out["date"] = pd.Series([], dtype="datetime64[ns]")
    out["row"] = pd.Series([], dtype="int64")
    return out


def normalise_tables(
    contacts_raw: pd.DataFrame,
    interactions_raw: pd.DataFrame,
    *,
    day_first: bool = True,
    contacts_file: str = schema.CONTACTS_FILE,
    interactions_file: str = schema.INTERACTIONS_FILE,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate two raw tables and return them normalised (see :mod:`netcoach.log`).

    Column names are tidied (``Contact ID`` -> ``contact_id``, ``Organization`` ->
    ``organisation``); unknown columns are ignored, missing optional ones added blank. Row
    numbers are the spreadsheet's (first data row = 2) unless the table already has an
    integer ``row`` column (a normalised table does), which is kept. Fully blank rows are
    dropped.

    Raises :class:`LogValidationError` listing every problem in both tables.
    """
    contacts, problems = collect_problems(
        contacts_raw,
        interactions_raw,
        day_first=day_first,
        contacts_file=contacts_file,
        interactions_file=interactions_file,
    )
    if problems.problems:
        raise problems
    return contacts


def collect_problems(
    contacts_raw: pd.DataFrame | None,
    interactions_raw: pd.DataFrame | None,
    *,
    day_first: bool = True,
    contacts_file: str = schema.CONTACTS_FILE,
    interactions_file: str = schema.INTERACTIONS_FILE,
    earlier: Iterable[Problem] = (),
    earlier_omitted: int = 0,
) -> tuple[tuple[pd.DataFrame, pd.DataFrame], LogValidationError]:
    """Normalise what can be normalised and return the tables with every problem found.

    A table given as ``None`` could not be read (its problems are in ``earlier``); the other
    table is still checked so the learner sees everything at once. The error is returned,
    not raised: raise it when it holds any problem.
    """
    if contacts_raw is not None:
        contacts, c_col = _normalise_contacts(contacts_raw, contacts_file)
        ids = contacts["contact_id"]
    else:
        contacts, c_col, ids = _empty_contacts(), _Collector(contacts_file), None
    if interactions_raw is not None:
        interactions, i_col = _normalise_interactions(
            interactions_raw,
            interactions_file,
            day_first=day_first,
            contact_ids=ids,
            contacts_file=contacts_file,
        )
    else:
        interactions, i_col = _empty_interactions(), _Collector(interactions_file)
    order = {contacts_file: 0, interactions_file: 1}
    found = sorted(
        [*earlier, *c_col.problems, *i_col.problems],
        key=lambda p: (order.get(p.file, -1), p.row or 0),
    )
    error = LogValidationError(found, omitted=earlier_omitted + c_col.omitted + i_col.omitted)
    return (contacts, interactions), error


def normalised_schemas() -> tuple[pa.DataFrameSchema, pa.DataFrameSchema]:
    """The normalised tables' contract as pandera schemas (contacts, interactions).

    Used by the tests (and available to other modules) to check that :func:`normalise_tables`
    keeps its promise; the learner-facing checks above give the friendly messages.
    """
    import pandera.pandas as pa

    text = {"dtype": str, "nullable": False}
    contacts = pa.DataFrameSchema(
        {
            **{c: pa.Column(**text) for c in schema.CONTACT_COLUMNS},
            "contact_id": pa.Column(str, pa.Check.str_length(min_value=1), unique=True),
            "name": pa.Column(str, pa.Check.str_length(min_value=1)),
            "tier": pa.Column(str, pa.Check.isin(schema.TIERS)),
            "cadence_days": pa.Column(
                "Int64", [pa.Check.gt(0), pa.Check.le(MAX_DAYS)], nullable=True
            ),
            "row": pa.Column("int64", pa.Check.ge(2), unique=True),
        },
        strict=True,
        ordered=True,
    )
    interactions = pa.DataFrameSchema(
        {
            "date": pa.Column("datetime64[ns]", pa.Check(lambda s: (s == s.dt.normalize()).all())),
            "contact_id": pa.Column(str, pa.Check.str_length(min_value=1)),
            "channel": pa.Column(str, pa.Check.isin(schema.CHANNELS)),
            "kind": pa.Column(str, pa.Check.isin(schema.KINDS)),
            "initiated_by": pa.Column(str, pa.Check.isin(schema.INITIATED_BY)),
            "note": pa.Column(**text),
            "row": pa.Column("int64", pa.Check.ge(2), unique=True),
        },
        strict=True,
        ordered=True,
    )
    return contacts, interactions
