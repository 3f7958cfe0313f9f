"""Small helpers that turn numbers, names and row lists into plain English."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from netcoach.words import MAX_NAMES, names_text

MAX_ROWS = 8
TEXT = pa.large_string()
"""The Arrow type of pandas' ``str`` columns: texts built for tables are made in this type."""
STR = pd.api.types.pandas_dtype("str")
"""pandas' ``str`` dtype (Arrow-backed, NaN for missing)."""
FEW_ROWS = {"join": 64, "days": 256, "rows": 512, "distinct": 512}
"""Up to this many rows, each helper below builds its texts row by row in Python: an Arrow
call costs 10 to 40 microseconds however short its input, more than formatting a few
dozen or hundred rows one by one (where each way breaks even was measured on the
benchmark machine; see ``benchmarks/HISTORY.md``, sixth round). Both ways give the same texts."""


def name_list(names: Sequence[str], limit: int = MAX_NAMES, *, at: np.ndarray | None = None) -> str:
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy', 'Ann, Bo, Cy and 4 others'.

    ``names`` may be a text array: only the names shown are read (there can be thousands).
    With ``at``, the names at these positions of ``names``, in that order."""
    total = len(names) if at is None else len(at)
    read = limit if total > limit else total
    shown = [str(n) for n in (names[:read] if at is None else take_texts(names, at[:read]))]
    return names_text(shown, total, limit)


def name_key(name: str) -> str:
    """A name as it sorts A to Z: case folded, accents dropped ('Élodie' -> 'elodie')."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_sort_keys(names: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`name_key` of each name, as Arrow text (a missing name stays missing).

    ASCII names (most of them) are lowered by Arrow in one call, for ASCII the same as
    ``casefold`` and with no accents to drop; only the other names go through Python, each
    distinct one once."""
    names = as_text(pa.concat_arrays(names.chunks) if isinstance(names, pa.ChunkedArray) else names)
    lowered = pc.ascii_lower(names)
    other = np.flatnonzero(~pc.fill_null(pc.string_is_ascii(names), True).to_numpy(False))
    if not len(other):
        return lowered
    codes, uniques = pd.factorize(names.take(other).to_numpy(zero_copy_only=False))
    keys = pa.array([name_key(u) for u in uniques], type=TEXT).take(codes)
    mask = np.zeros(len(names), dtype=bool)
    mask[other] = True
    filled = np.zeros(len(names), dtype=np.int64)
    filled[other] = np.arange(len(other))
    return as_text(pc.if_else(mask, keys.take(filled), lowered))


def rows_phrase(rows: Iterable[int], file: str = "interactions.csv", limit: int = MAX_ROWS) -> str:
    """'(interactions.csv rows 4, 9 and 12)' so a learner can find the rows."""
    rows = _distinct_sorted(rows) if isinstance(rows, np.ndarray) else sorted(set(map(int, rows)))
    return _phrase_rows(rows, f"({file} row ", f"({file} rows ", limit)


def _phrase_rows(rows: Sequence[int], one: str, many: str, limit: int) -> str:
    """:func:`rows_phrase` of rows already sorted and distinct (``one`` and ``many`` open
    the phrase for one row and for more)."""
    if len(rows) > 1:
        if len(rows) > limit:
            return f"{many}{', '.join(map(str, rows[:limit]))} and {len(rows) - limit} more)"
        return f"{many}{', '.join(map(str, rows[:-1]))} and {rows[-1]})"
    return f"{one}{rows[0]})" if rows else ""


def _rows_phrases_one_by_one(row_lists: Iterable[Sequence[int]], file: str, limit: int) -> pa.Array:
    """:func:`rows_phrases` in Python, a list at a time (quicker for a few lists)."""
    one, many = f"({file} row ", f"({file} rows "
    phrases = [
        _phrase_rows(sorted(set(rows)) if len(rows) > 1 else rows, one, many, limit)
        for rows in row_lists
    ]
    return pa.array(phrases, type=TEXT)


def rows_phrases(
    row_lists: Sequence[Sequence[int]], file: str = "interactions.csv", limit: int = MAX_ROWS
) -> pa.Array:
    """``rows_phrase`` of each list of rows, as one Arrow text array: the rows are sorted,
    joined and counted by numpy and Arrow, not one Python call per list (but for a few)."""
    if len(row_lists) <= FEW_ROWS["rows"]:
        return _rows_phrases_one_by_one(row_lists, file, limit)
    lengths = np.fromiter(map(len, row_lists), dtype=np.int64, count=len(row_lists))
    values = np.fromiter(chain.from_iterable(row_lists), dtype=np.int64, count=lengths.sum())
    return rows_phrases_of_runs(values, lengths, file, limit)


def runs_as_tuples(values: np.ndarray, lengths: np.ndarray) -> list[tuple[int, ...]]:
    """``values`` cut into consecutive runs of these ``lengths``, each run a tuple."""
    flat = values.tolist()  # slicing a list is cheaper than slicing an array, per run
    ends = np.cumsum(lengths)
    starts = (ends - lengths).tolist()
    return [tuple(flat[start:end]) for start, end in zip(starts, ends.tolist(), strict=True)]


def rows_phrases_of_runs(
    values: np.ndarray,
    lengths: np.ndarray,
    file: str = "interactions.csv",
    limit: int = MAX_ROWS,
) -> pa.Array:
    """:func:`rows_phrases` of the lists ``runs_as_tuples(values, lengths)`` would give,
    read from the flat rows (no tuples to read back)."""
    if max(len(values), len(lengths)) <= FEW_ROWS["rows"]:
        return _rows_phrases_one_by_one(runs_as_tuples(np.asarray(values), lengths), file, limit)
    values = np.asarray(values, dtype=np.int64)
    groups = np.repeat(np.arange(len(lengths)), lengths)
    new_group = groups[1:] != groups[:-1]
    if not np.all((values[1:] > values[:-1]) | new_group):  # not yet sorted and distinct
        order = np.lexsort((values, groups))
        values, groups = values[order], groups[order]
        distinct = np.ones(len(values), dtype=bool)
        distinct[1:] = (values[1:] != values[:-1]) | (groups[1:] != groups[:-1])
        values, groups = values[distinct], groups[distinct]
    counts = np.bincount(groups, minlength=len(lengths))
    numbers = pc.cast(pa.array(values), TEXT)
    if np.all(counts == 1):  # one row each (a lead, say): nothing to join or count
        return join_texts(f"({file} row ", numbers, ")")
    ends = np.cumsum(counts)
    # Rows joined by commas: all but the last, or the first ``limit`` when there are more.
    joined = np.where(counts > limit, limit, np.maximum(counts - 1, 0))
    place = np.arange(len(values)) - (ends - counts)[groups]
    head = pc.binary_join(
        pa.LargeListArray.from_arrays(
            np.r_[0, np.cumsum(joined)], numbers.filter(place < joined[groups])
        ),
        pa.scalar(", ", TEXT),
    )
    more = counts > limit
    tail = numbers.take(np.maximum(ends - 1, 0)) if len(values) else pa.nulls(len(counts), TEXT)
    if more.any():
        tail = pc.if_else(more, join_texts(pc.cast(pa.array(counts - limit), TEXT), " more"), tail)
    single = counts == 1
    phrase = join_texts(
        choose(single, f"({file} row ", f"({file} rows "),
        head,
        choose(single, "", " and "),
        tail,
        ")",
    )
    if np.any(counts == 0):
        return pick(counts == 0, "", phrase)
    return phrase


def choose(mask: np.ndarray, yes: str, no: str) -> str | pa.Array:
    """``pc.if_else(mask, yes, no)`` for two texts, or just one of them when ``mask`` is
    the same all through (one Arrow call fewer; :func:`join_texts` repeats a ``str``)."""
    if np.all(mask):
        return yes
    if not np.any(mask):
        return no
    return pick(mask, yes, no)


def pick(mask: np.ndarray, yes: str | pa.Array, no: str | pa.Array) -> pa.Array:
    """Row by row, the text of ``yes`` where ``mask`` holds, else of ``no`` (each a text
    for every row, or texts of the mask's length), as ``TEXT``."""
    return as_text(pc.if_else(mask, yes, no))


def _row_texts(part: str | pa.Array | pd.Series, rows: int) -> list[str | None]:
    """A part of a row-by-row text as Python values, one per row (a ``str`` repeated)."""
    if isinstance(part, str):
        return [part] * rows
    if isinstance(part, (pa.Array, pa.ChunkedArray)):
        return part.to_pylist()
    return part if isinstance(part, list) else part.tolist()  # numpy or pandas


def text_array(texts: pa.Array | pa.ChunkedArray) -> pd.api.extensions.ExtensionArray:
    """Arrow ``TEXT`` as pandas' ``str`` array, wrapped as it is: what ``pd.array(texts,
    dtype="str")`` gives, without its checks and conversions (about ten times faster)."""
    return pd.arrays.ArrowStringArray(texts, dtype=STR)


def take_texts(
    values: pd.api.extensions.ExtensionArray, positions: np.ndarray
) -> pd.api.extensions.ExtensionArray:
    """``values.take(positions)`` (any array): pandas' ``str`` arrays taken by Arrow and
    wrapped again when the positions are 0 or more (pandas' own checks cost as much again
    as the take)."""
    if values.dtype != STR or not len(positions) or positions.min() < 0:
        return values.take(positions)
    return text_array(values.__arrow_array__().take(positions))  # chunks kept: no copy


def texts(values: Sequence[str] | np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Python or numpy texts as pandas' ``str`` array: the column ``pd.DataFrame`` makes of
    them, made directly (a table whose columns are all arrays skips pandas' checks)."""
    return text_array(pa.array(values, type=TEXT))


def join_texts(*parts: str | pa.Array | pd.Series) -> pa.Array:
    """The texts of each row joined end to end (the same text for every row where a part is
    a ``str``): a vectorised f-string, as one Arrow text array (a row with a missing text
    is missing)."""
    rows = next((len(p) for p in parts if not isinstance(p, str)), None)
    if rows is not None and rows <= FEW_ROWS["join"]:
        try:
            columns = [_row_texts(part, rows) for part in parts]
            joined = ["".join(row) for row in zip(*columns, strict=True)]
        except TypeError:  # a missing text (None or NaN): Arrow's join leaves that row null
            pass
        else:
            return pa.array(joined, type=TEXT)
    return pc.binary_join_element_wise(*map(_arrow_text, parts), pa.scalar("", TEXT))


def _arrow_text(part: str | pa.Array | pd.Series) -> pa.Array | pa.Scalar:
    if isinstance(part, str):
        return pa.scalar(part, TEXT)
    if isinstance(part, pa.Array):
        return as_text(part)
    return pa.array(part, type=TEXT)


def as_text(texts: pa.Array) -> pa.Array:
    """Arrow texts as ``TEXT``: cast only when they are another type (a cast call costs a
    few microseconds even when there is nothing to do)."""
    return texts if texts.type == TEXT else texts.cast(TEXT)


def format_distinct(values: pd.Series | np.ndarray, func: Callable[[Any], str]) -> pa.Array:
    """``values.map(func)`` as an Arrow text array, calling ``func`` once per distinct value
    (days, counts and dates repeat across thousands of next-action rows and reasons)."""
    numbers = np.asarray(values)
    if len(numbers) <= FEW_ROWS["distinct"] and numbers.dtype.kind in "biuf":
        # One by one (numbers only: pandas hands ``func`` a date as a Timestamp).
        done: dict[Any, str] = {}
        formatted = [
            done[v] if v in done else done.setdefault(v, func(v)) for v in numbers.tolist()
        ]
        return pa.array(formatted, type=TEXT)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return pa.array([func(u) for u in uniques], type=TEXT).take(codes)


def format_days(dates: pd.Series | pd.api.extensions.ExtensionArray) -> pa.Array:
    """Each date as :func:`day` gives it ('' for NaT), as an Arrow text array: each distinct
    calendar day formatted once, read as a ``datetime.date`` (no ``Timestamp`` per day)."""
    days = np.asarray(dates, dtype="M8[D]")
    if len(days) <= FEW_ROWS["days"]:
        listed = [_day(d.year, d.month, d.day) if d else "" for d in days.tolist()]
        return pa.array(listed, type=TEXT)
    codes, days = pd.factorize(days, use_na_sentinel=False)
    texts = [_day(d.year, d.month, d.day) if d else "" for d in days.astype("M8[D]").tolist()]
    return pa.array(texts, type=TEXT).take(codes)


def _distinct_sorted(rows: np.ndarray) -> list[int]:
    # For a numpy array (up to hundreds of thousands of rows, from a window filter): sorted
    # in numpy; np.unique hashes first and costs ten times more.
    ordered = np.sort(rows)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first].tolist()


def day(ts: pd.Timestamp) -> str:
    """A date as '3 Sep 2025'."""
    return _day(ts.year, ts.month, ts.day)


@lru_cache(maxsize=8192)
def _day(year: int, month: int, day_of_month: int) -> str:
    # strftime costs tens of microseconds and next actions format one date per row (tens of
    # thousands at 1M interactions), over a few hundred distinct days: format each day once.
    return f"{day_of_month} {dt.date(year, month, day_of_month).strftime('%b %Y')}"
