"""Shared pieces for the widgets: layouts, labelled controls, a message area, chart views.

Everything here renders into widget *values* (HTML strings, PNG bytes) rather than into
``Output`` widgets, so the views can be checked by plain pytest without a kernel.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

if TYPE_CHECKING:
    import pandas as pd

MAX_WIDTH = "760px"
"""Widest a widget gets; below that, everything takes the full width of the window."""

STYLE = {"description_width": "initial"}
"""Let descriptions take the room they need instead of being cut off."""


def full_width(max_width: str = MAX_WIDTH, **extra: Any) -> w.Layout:
    """A layout that fills a narrow window and stops growing at ``max_width``.

    ``width: auto`` (not 100%) so the widgets' own margins never push a box wider than the
    window, which would add a horizontal scroll bar on a phone.
    """
    return w.Layout(width="auto", max_width=max_width, **extra)


def esc(value: Any) -> str:
    """HTML-escape any value (numbers, dates) for an ``HTML`` widget; a missing value (None,
    NaN, NaT, pandas' NA) shows as nothing rather than as "nan"."""
    return html.escape("" if _missing(value) else str(value), quote=True)


def _missing(value: Any) -> bool:
    if value is None or (isinstance(value, float) and value != value):
        return True
    return type(value).__name__ in ("NaTType", "NAType")  # pandas' own, without pandas


def label(text: str) -> w.HTML:
    """A full-width line of text for a longer explanation above a control.

    An ``HTML`` paragraph rather than ``ipywidgets.Label``, because a ``Label`` never wraps
    and cuts long text off in a narrow window. The text is escaped.
    """
    return w.HTML(
        value=f'<p style="margin:0;white-space:normal;line-height:1.4">{esc(text)}</p>',
        layout=full_width(),
    )


def int_slider(
    description: str, value: int, min_: int, max_: int, step: int = 1, *, tooltip: str = ""
) -> w.IntSlider:
    """A labelled whole-number slider that updates when released (not on every pixel)."""
    return w.IntSlider(
        value=int(min(max(value, min_), max_)),
        min=min_,
        max=max_,
        step=step,
        description=description,
        tooltip=tooltip or description,
        continuous_update=False,
        style=STYLE,
        layout=full_width("520px"),
    )


def labelled(control: w.Widget, text: str | None = None) -> w.VBox:
    """The control under a line of text that wraps in a narrow window.

    The control keeps its ``description`` (by default the same words) for screen readers,
    but it takes no room on screen, so sliders and buttons get the full width of a phone.
    """
    control.style.description_width = "0px"
    return column([label(text or control.description), control])


MESSAGE_COLOURS: dict[str, str] = {
    "info": "#0072B2",
    "success": "#009E73",
    "warning": "#E69F00",
    "error": "#D55E00",
}
"""Okabe–Ito blue, bluish green, orange and vermilion (colour-blind safe)."""
MESSAGE_ICONS: dict[str, str] = {"info": "ℹ", "success": "✔", "warning": "⚠", "error": "✖"}
"""A symbol per kind, so the kind does not rest on colour alone."""


class MessageArea(w.HTML):
    """A polite live region for messages: information, success and errors.

    Messages are escaped; several lines become a list. Nothing is ever raised to the page.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(value="", layout=full_width(), **kwargs)
        self.kind = ""
        self.text = ""

    def show(
        self, text: str, kind: str = "info", details: Iterable[str] = (), *, extra_html: str = ""
    ) -> None:
        """Show ``text`` (plus optional detail lines) with the colour for ``kind``.

        ``extra_html`` is added as it is, after the message: build it with :func:`esc`.
        """
        self.kind, self.text = kind, str(text)
        items = "".join(f"<li>{esc(d)}</li>" for d in details)
        role = "alert" if kind == "error" else "status"
        colour = MESSAGE_COLOURS.get(kind, MESSAGE_COLOURS["info"])
        self.value = (
            f'<div role="{role}" style="border-left:4px solid {colour};padding:0.3em 0.6em">'
            f'<span aria-hidden="true">{MESSAGE_ICONS.get(kind, "")} </span>'
            f"<strong>{esc(text)}</strong>"
            + (f"<ul>{items}</ul>" if items else "")
            + extra_html
            + "</div>"
        )

    def clear(self) -> None:
        """Remove the message."""
        self.kind, self.text, self.value = "", "", ""


def svg_figure_html(svg: str, alt_text: str, caption: str = "") -> str:
    """An accessible ``<figure>``: an SVG chart from :mod:`netcoach.svg_charts` (which names
    itself with its title and alt text) and, below it, the caption and the alt text, so a
    sighted reader sees the same finding a screen-reader user hears."""
    shown = " ".join(part for part in (caption, alt_text) if part)
    return (
        f'<figure style="margin:0;max-width:100%">{svg}'
        f"<figcaption>{esc(shown)}</figcaption></figure>"
    )


def download_link(path: Path, mime: str, text: str = "Download it") -> str:
    """A link that saves the file from the page itself (a ``data:`` URL, nothing uploaded).

    Useful when the notebook runs somewhere the learner cannot open its folders.
    """
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f' <a download="{esc(path.name)}" href="data:{esc(mime)};base64,{data}">{esc(text)}</a>'


def html_table(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str]], *, caption: str = "", empty: str = ""
) -> str:
    """An escaped HTML table of ``frame`` with (column, heading) pairs, scrollable if wide."""
    if frame is None or len(frame) == 0:
        return f"<p>{esc(empty)}</p>"
    # Read a column at a time: reading rows as dicts took most of the time for a long table.
    values = [frame[c].tolist() for c, _ in columns]
    return rows_table(zip(*values, strict=True), [h for _, h in columns], caption=caption)


def rows_table(rows: Iterable[Sequence[Any]], headings: Sequence[str], *, caption: str = "") -> str:
    """An escaped HTML table of ``rows`` (one value per heading), scrollable if wide."""
    head = "".join(f'<th scope="col" style="text-align:left">{esc(h)}</th>' for h in headings)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    cap = f"<caption style='text-align:left'>{esc(caption)}</caption>" if caption else ""
    return (
        '<div style="overflow-x:auto;max-width:100%">'
        f'<table style="border-collapse:collapse;width:100%">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def column(children: Sequence[w.Widget], max_width: str = MAX_WIDTH) -> w.VBox:
    """Stack widgets in one full-width column."""
    return w.VBox(list(children), layout=full_width(max_width, align_items="stretch"))


def cards_grid(children: Sequence[w.Widget]) -> w.GridBox:
    """Cards that sit side by side when there is room and wrap in a narrow window."""
    return w.GridBox(
        list(children),
        layout=w.Layout(
            width="auto",
            max_width=MAX_WIDTH,
            grid_template_columns="repeat(auto-fill, minmax(160px, 1fr))",
            grid_gap="8px",
        ),
    )


def error_message(err: BaseException) -> tuple[str, list[str]]:
    """A heading and detail lines for an error, fit to show a learner (no traceback).

    Validation errors give their own summary and one line per problem; file-system errors
    say what failed and where; anything else is reported briefly as unexpected.
    """
    from netcoach.validation import LogValidationError

    if isinstance(err, LogValidationError):
        head, *rest = str(err).splitlines()
        return head, [line.removeprefix("- ") for line in rest]
    if isinstance(err, FileExistsError | FileNotFoundError | PermissionError | IsADirectoryError):
        return str(err.args[-1] if len(err.args) > 1 else err) + (
            f": {err.filename}" if getattr(err, "filename", None) else ""
        ), []
    if isinstance(err, OSError | ValueError):
        return f"Network Coach could not do that: {err}", []
    return f"Something unexpected went wrong ({type(err).__name__}: {err}).", []


def not_a_folder_text(folder: Path, box: str, what: str, nothing: str) -> str:
    """Why ``folder`` (typed in the box labelled ``box``) cannot be used as a folder: it, or a
    folder above it, is a file (where making it would say only "File exists"); else ""."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None or existing.is_dir():
        return ""
    return f"“{box}” must name a folder, but {existing} is a file. Type {what}. {nothing}"


def show_error(area: MessageArea, err: BaseException) -> None:
    """Show ``err`` in a message area as plain sentences."""
    head, details = error_message(err)
    area.show(head, "error", details)
