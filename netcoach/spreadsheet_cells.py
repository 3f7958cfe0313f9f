"""Keep a CSV cell from running as a formula when a spreadsheet opens the file.

Excel and LibreOffice treat a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return before one) as a formula, so an imported name like
``=HYPERLINK("http://x","Click")`` would run on the learner's computer. Following OWASP's
advice on CSV injection, every CSV a learner may open in a spreadsheet (the log's own
``contacts.csv`` and ``interactions.csv``, the grader's gradebook) writes such a cell with a
leading ``'``, which a spreadsheet reads as "this is text" and shows as typed.

No value is exempt, not even ``-`` on its own or a phone number like ``+44 20 7946 0000``:
a spreadsheet reads those as formulas too (``#NAME?`` or a sum instead of the number), so
the ``'`` helps them show as typed. When Network Coach reads its own log back,
:func:`from_text_cells` removes that one ``'``, so the learner's value is unchanged in memory
and saving again writes exactly the same file: the quotes never pile up. A value that itself
starts with ``'`` before one of those characters gets one more ``'`` on writing, so reading
gives it back exactly.

The same goes for the header: a heading the learner gave one of their own columns (say
``=Rating``) is written as ``'=Rating`` and read back as ``=Rating``
(:func:`as_text_cell`, :func:`from_text_cell`); the standard headings never need it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""
_RISKY = r"'*[=+\-@\t\r]"
"""A cell that needs a ``'``: a formula start, perhaps after quotes of its own."""
_QUOTED = r"'+[=+\-@\t\r]"
"""A cell written with that ``'``: one or more quotes, then a formula start."""


def _needs_quote(text: str) -> bool:
    return text.lstrip("'")[:1] in FORMULA_STARTS


def as_text_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it typed: a leading ``'`` when it would otherwise be
    read as a formula (a learner's file called ``=HYPERLINK(...).ipynb``)."""
    return "'" + text if _needs_quote(text) else text


def from_text_cell(text: str) -> str:
    """``text`` as :func:`as_text_cell` was given it: one leading ``'`` removed, only before
    a formula start (``'Connor`` is left alone). Loading reads a header cell with it, as
    :func:`from_text_cells` reads the cells under it."""
    return text[1:] if re.match(_QUOTED, text) else text


def as_text_cells(values: pd.Series) -> pd.Series:
    """:func:`as_text_cell` for a column of text (vectorised; other columns unchanged)."""
    if not (pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values)):
        return values
    maybe = values.str.startswith((*FORMULA_STARTS, "'")).fillna(False).astype(bool)
    if not maybe.any():
        return values
    risky = maybe & values.str.match(_RISKY).fillna(False).astype(bool)
    return values.where(~risky, "'" + values.astype(str))


def _each_column(frame: pd.DataFrame, func: Callable[[pd.Series], pd.Series]) -> pd.DataFrame:
    out = frame.copy(deep=False)
    for i in range(frame.shape[1]):  # by position: a header may name a column twice
        out.isetitem(i, func(frame.iloc[:, i]))
    return out


def as_text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column of ``frame`` through :func:`as_text_cells`, as it is written to a CSV."""
    return _each_column(frame, as_text_cells)


def from_text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column of a table read from a CSV through :func:`from_text_cells`."""
    return _each_column(frame, from_text_cells)


def from_text_cells(values: pd.Series) -> pd.Series:
    """A column read from a CSV that :func:`as_text_cells` wrote, with its ``'`` removed
    (only before a formula start: ``'Connor`` is left alone)."""
    if not (pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values)):
        return values
    quoted = values.str.startswith("'").fillna(False).astype(bool)
    if not quoted.any():
        return values
    quoted &= values.str.match(_QUOTED).fillna(False).astype(bool)
    return values.where(~quoted, values.str.slice(1))
