"""The score widget's charts as SVG text, drawn by the reader's browser.

matplotlib needs 100 to 300 ms to draw one of the charts in :mod:`netcoach.plots`, too slow
to follow a slider (issue #9 asks for an updated view within 100 ms). The functions here
draw the same four charts from the same tables, with the same colours, hatching, titles,
alt text and captions, as a few kilobytes of SVG written in about a millisecond; the
browser draws it. The book, the HTML report and the coach's handout keep matplotlib's PNGs.

An SVG chart is an image for screen readers (``role="img"``, its title and alt text), its
words are real text that zooms cleanly, and each bar names its value when hovered over.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netcoach.plots import (
    BLACK,
    BLUE,
    CADENCE_AXES,
    CADENCE_EMPTY,
    CHANNEL_MIX_AXES,
    FOLLOW_UP_PANELS,
    FOLLOW_UP_X_LABEL,
    FOLLOW_UP_Y_LABEL,
    GIVES_ASKS_AXES,
    GIVES_ASKS_EMPTY,
    LEAN_LABEL,
    ORANGE,
    RICH_LABEL,
    SHARE_AXIS_LABEL,
    STATUS_LABELS,
    STATUS_STYLE,
    VERMILION,
    cadence_names,
    cadence_rows,
    cadence_words,
    channel_mix_words,
    follow_up_words,
    gives_and_asks_words,
    month_label,
    status_by_month,
    top_contacts,
)

if TYPE_CHECKING:
    from netcoach.scoring.results import Report

WIDTH = 680
"""Width of every chart in SVG units (pixels when shown at full size)."""
FONT = 12
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
CHAR_WIDTH = 0.58
"""Average width of a character as a share of the font size, to leave room for labels."""
GRID = "#d9d9d9"
UID = "<uid>"
"""Stands for the chart's id prefix until the SVG is finished. No text can contain it: every
word is escaped, so a ``<`` only ever starts the chart's own markup."""
MAX_NAME = 28
"""Longer contact names are shortened (the full name shows on hover)."""
DAYS_TIP = "{name}: {value:g} days since you were last in touch"
MAX_MONTH_LABELS = 24
"""With more months than this, only every second (third...) month is labelled."""


@dataclass
class SvgChart:
    """A chart as SVG text, with the words that make it accessible."""

    svg: str
    alt_text: str
    """What the chart shows, as a finding with numbers (for screen readers)."""
    caption: str
    """A short caption to print under the chart."""

    def _repr_html_(self) -> str:
        return self.svg


@dataclass
class Series:
    """One set of bars: its legend label, one value per category, colour and hatching."""

    label: str
    values: list[float]
    colour: str
    hatch: str = ""
    tip: str = "{name}: {value:g} {what}"
    """What a bar says when hovered over (``name``, ``value`` and ``what``, the label)."""

    def tip_for(self, name: str, value: float) -> str:
        return self.tip.format(name=name, value=value, what=self.label.split(" (")[0].lower())


# --- drawing ------------------------------------------------------------------------------


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(value: float) -> str:
    """A coordinate with at most one decimal, so the SVG stays small."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text_width(text: str, size: float = FONT) -> float:
    """Roughly how wide ``text`` is drawn at ``size``."""
    return len(text) * size * CHAR_WIDTH


def shorten(text: str, limit: int = MAX_NAME) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten.

    Counts get whole-number steps; the last tick is at or above ``top``.
    """
    top = max(float(top), 1.0)
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = max(1.0, round(next(m * power for m in (1, 2, 5, 10) if m * power >= raw)))
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


@dataclass
class Canvas:
    """SVG elements in drawing order, plus the hatch patterns they use."""

    height: float = 0.0
    parts: list[str] = field(default_factory=list)
    patterns: dict[tuple[str, str], str] = field(default_factory=dict)

    def fill(self, colour: str, hatch: str) -> str:
        """A fill: the plain colour, or a pattern of the colour with black hatching."""
        if not hatch:
            return colour
        key = (colour, hatch)
        if key not in self.patterns:
            self.patterns[key] = f"{UID}-p{len(self.patterns)}"
        return f"url(#{self.patterns[key]})"

    def rect(self, x: float, y: float, w: float, h: float, series: Series, tip: str) -> None:
        """A bar, outlined when hatched, that names its value on hover."""
        if w <= 0 or h <= 0:
            return
        edge = ' stroke="#000" stroke-width="0.5"' if series.hatch else ""
        self.parts.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" '
            f'fill="{self.fill(series.colour, series.hatch)}"{edge}>'
            f"<title>{_esc(tip)}</title></rect>"
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, colour: str = BLACK, **style: str
    ) -> None:
        extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in style.items())
        self.parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{colour}"{extra}/>'
        )

    def text(
        self,
        x: float,
        y: float,
        words: str,
        *,
        size: float = FONT,
        anchor: str = "start",
        rotate: float = 0,
        bold: bool = False,
        tip: str = "",
    ) -> None:
        turn = f' transform="rotate({_num(rotate)} {_num(x)} {_num(y)})"' if rotate else ""
        weight = ' font-weight="bold"' if bold else ""
        hover = f"<title>{_esc(tip)}</title>" if tip else ""
        self.parts.append(
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" '
            f'text-anchor="{anchor}"{weight}{turn}>{hover}{_esc(words)}</text>'
        )

    def svg(self, title: str, alt_text: str) -> str:
        """The finished ``<svg>``: an accessible image scaled to the width it is shown at."""
        defs = "".join(
            _pattern(pid, colour, hatch) for (colour, hatch), pid in self.patterns.items()
        )
        body = (
            f'<title id="{UID}-t">{_esc(title)}</title><desc id="{UID}-d">{_esc(alt_text)}</desc>'
            f"<defs>{defs}</defs>"
            f'<rect width="{WIDTH}" height="{_num(self.height)}" fill="#fff"/>'
            + "".join(self.parts)
        )
        # The ids come from the content: the same chart always gives the same text, and
        # two different charts on one page never share an id.
        uid = "nc" + hashlib.blake2b(body.encode(), digest_size=6).hexdigest()
        body = body.replace(UID, uid)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_num(self.height)}" '
            f'width="100%" style="max-width:{WIDTH}px;height:auto" role="img" '
            f'aria-labelledby="{uid}-t {uid}-d" font-family="{FONT_FAMILY}" fill="#000">'
            f"{body}</svg>"
        )


def _pattern(pid: str, colour: str, hatch: str) -> str:
    """A hatch tile: ``//`` diagonal lines, ``xx`` crossed lines, ``..`` dots."""
    marks = {
        "//": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#000" stroke-width="0.8"/>',
        "xx": '<path d="M0,8 l8,-8 M0,0 l8,8" stroke="#000" stroke-width="0.8"/>',
        "..": '<circle cx="2" cy="2" r="0.9"/><circle cx="6" cy="6" r="0.9"/>',
    }[hatch]
    return (
        f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="8" height="8">'
        f'<rect width="8" height="8" fill="{colour}"/>{marks}</pattern>'
    )


@dataclass
class Box:
    """Where a panel's plot area sits on the canvas."""

    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width


def _title(canvas: Canvas, words: str, y: float) -> None:
    canvas.text(8, y, words, size=FONT + 3, bold=True)


def legend(canvas: Canvas, items: Sequence[tuple[str, str]], top: float, left: float = 8) -> float:
    """Swatches with labels in rows across the chart; returns the height used.

    ``items`` are (label, fill) pairs, the fill from :meth:`Canvas.fill` or a marker name
    (``"line"``, ``"dashed"``, ``"tick"``).
    """
    x, y = left, top
    for label, fill in items:
        width = 22 + text_width(label, FONT - 1) + 16
        if x + width > WIDTH - 8 and x > left:
            x, y = left, y + 20
        if fill == "line":
            canvas.line(x, y + 7, x + 16, y + 7, stroke_width="2")
            canvas.parts.append(f'<circle cx="{_num(x + 8)}" cy="{_num(y + 7)}" r="3.5"/>')
        elif fill == "dashed":
            canvas.line(
                x, y + 7, x + 16, y + 7, VERMILION, stroke_width="2", stroke_dasharray="5 3"
            )
        elif fill == "tick":
            canvas.line(x + 8, y, x + 8, y + 14, stroke_width="3")
        else:
            edge = ' stroke="#000" stroke-width="0.5"' if fill.startswith("url") else ""
            canvas.parts.append(
                f'<rect x="{_num(x)}" y="{_num(y)}" width="16" height="14" fill="{fill}"{edge}/>'
            )
        canvas.text(x + 22, y + 11, label, size=FONT - 1)
        x += width
    return y + 20 - top


def _legend_items(canvas: Canvas, series: Sequence[Series]) -> list[tuple[str, str]]:
    return [(s.label, canvas.fill(s.colour, s.hatch)) for s in series]


def value_axis(
    canvas: Canvas,
    box: Box,
    ticks: list[float],
    *,
    horizontal: bool,
    label: str,
    right: bool = False,
) -> None:
    """Grid lines and tick labels for the values (left, right, or along the bottom)."""
    top = ticks[-1]
    for tick in ticks:
        words = f"{tick:g}"
        if horizontal:
            x = box.left + box.width * tick / top
            canvas.line(x, box.top, x, box.bottom, GRID)
            canvas.text(x, box.bottom + 15, words, size=FONT - 1, anchor="middle")
        else:
            y = box.bottom - box.height * tick / top
            if not right:
                canvas.line(box.left, y, box.right, y, GRID)
            x = box.right + 6 if right else box.left - 6
            canvas.text(x, y + 4, words, size=FONT - 1, anchor="start" if right else "end")
    if horizontal:
        canvas.text(box.left + box.width / 2, box.bottom + 34, label, anchor="middle")
    else:
        x = box.right + 44 if right else box.left - 40
        y = box.top + box.height / 2
        canvas.text(x, y, label, anchor="middle", rotate=90 if right else -90)


def vertical_bars(
    canvas: Canvas, box: Box, names: Sequence[str], series: Sequence[Series], top: float
) -> None:
    """Stacked bars, one per category from left to right; ``top`` is the value axis's end."""
    slot = box.width / max(1, len(names))
    bottoms = [0.0] * len(names)
    for one in series:
        for i, value in enumerate(one.values):
            if value <= 0:
                continue
            y1 = box.bottom - box.height * (bottoms[i] + value) / top
            height = box.height * value / top
            tip = one.tip_for(names[i], value)
            canvas.rect(box.left + slot * (i + 0.1), y1, slot * 0.8, height, one, tip)
            bottoms[i] += value
    canvas.line(box.left, box.bottom, box.right, box.bottom)


def month_axis(canvas: Canvas, box: Box, labels: Sequence[str], title: str) -> None:
    """Month names slanted under the bars (every n-th when there are many), and a title."""
    slot = box.width / max(1, len(labels))
    every = math.ceil(len(labels) / MAX_MONTH_LABELS) or 1
    for i, words in enumerate(labels):
        if i % every == 0:
            x = box.left + slot * (i + 0.5)
            canvas.text(x + 4, box.bottom + 14, words, size=FONT - 2, anchor="end", rotate=-45)
    if title:
        canvas.text(box.left + box.width / 2, box.bottom + 70, title, anchor="middle")


def horizontal_bars(
    canvas: Canvas,
    box: Box,
    names: Sequence[str],
    series: Sequence[Series],
    top: float,
    *,
    side_by_side: bool,
) -> None:
    """One row per name from top to bottom: bars side by side, or each row in one series."""
    row = box.height / max(1, len(names))
    thick = row * 0.8 / (len(series) if side_by_side else 1)
    for i, name in enumerate(names):
        canvas.text(
            box.left - 6,
            box.top + row * (i + 0.5) + 4,
            shorten(name),
            size=FONT - 1,
            anchor="end",
            tip=name if len(name) > MAX_NAME else "",
        )
        for k, one in enumerate(series):
            y = box.top + row * (i + 0.1) + (thick * k if side_by_side else 0)
            width = box.width * one.values[i] / top
            canvas.rect(box.left, y, width, thick, one, one.tip_for(name, one.values[i]))
    canvas.line(box.left, box.top, box.left, box.bottom)


def _empty_chart(title: str, message: str, alt_text: str, caption: str) -> SvgChart:
    canvas = Canvas(height=120)
    _title(canvas, title, 22)
    canvas.text(WIDTH / 2, 75, message, anchor="middle")
    return SvgChart(canvas.svg(title, alt_text), alt_text, caption)


def _name_margin(names: Sequence[str]) -> float:
    """Left margin wide enough for the (shortened) names, within reason."""
    longest = max((len(shorten(n)) for n in names), default=8)
    return min(230.0, max(90.0, longest * (FONT - 1) * CHAR_WIDTH + 24))


# --- the charts ---------------------------------------------------------------------------


def gives_and_asks_svg(report: Report, top: int = 15) -> SvgChart:
    """Gives and asks per contact, as paired bars, for the busiest ``top`` (as the PNG chart)."""
    busiest = top_contacts(report.reciprocity.details["per_contact"], top)
    alt, caption = gives_and_asks_words(report, busiest)
    title, x_label, _ = GIVES_ASKS_AXES
    if busiest.empty:
        return _empty_chart(title, GIVES_ASKS_EMPTY, alt, caption)
    names = busiest["name"].astype(str).tolist()
    series = [
        Series("Gives", busiest["gives"].astype(float).tolist(), BLUE),
        Series("Asks", busiest["asks"].astype(float).tolist(), ORANGE, "//"),
    ]
    return horizontal_chart(title, x_label, names, series, alt, caption, side_by_side=True)


def cadence_svg(report: Report, top: int = 20) -> SvgChart:
    """Days since last in touch against each contact's cadence (as the PNG chart)."""
    shown = cadence_rows(report.follow_up.details["cadence"], top)
    alt, caption = cadence_words(report, shown)
    title, x_label, _ = CADENCE_AXES
    if shown.empty:
        return _empty_chart(title, CADENCE_EMPTY, alt, caption)
    days = shown["days_since"].astype("Float64").fillna(0).astype(float).tolist()
    overdue = (shown["status"] != "ok").tolist()
    series = [
        Series(
            "Inside cadence",
            [0.0 if o else d for d, o in zip(days, overdue, strict=True)],
            BLUE,
            tip=DAYS_TIP,
        ),
        Series(
            "Overdue",
            [d if o else 0.0 for d, o in zip(days, overdue, strict=True)],
            VERMILION,
            "xx",
            tip=DAYS_TIP,
        ),
    ]
    cadence = shown["cadence_days"].astype(float).tolist()
    return horizontal_chart(
        title,
        x_label,
        cadence_names(shown),
        series,
        alt,
        caption,
        side_by_side=False,
        ticks_at=("Cadence (days)", cadence),
    )


def horizontal_chart(
    title: str,
    x_label: str,
    names: list[str],
    series: list[Series],
    alt: str,
    caption: str,
    *,
    side_by_side: bool,
    ticks_at: tuple[str, list[float]] | None = None,
    line_at: tuple[str, float] | None = None,
    value_labels: list[str] | None = None,
    top: float | None = None,
) -> SvgChart:
    """A horizontal bar chart, one row per name, top to bottom.

    ``ticks_at`` (legend label, one value per row) adds a black tick on each row (a cadence);
    ``line_at`` (legend label, value) a dashed line across the rows (a threshold);
    ``value_labels`` a word at the end of each row's bars; ``top`` fixes the axis's end.
    """
    row = 26.0 if side_by_side else 22.0
    canvas = Canvas()
    _title(canvas, title, 22)
    items = _legend_items(canvas, series)
    items += [(ticks_at[0], "tick")] if ticks_at else []
    items += [(line_at[0], "dashed")] if line_at else []
    legend_height = legend(canvas, items, 34)
    left = _name_margin(names)
    right = 60 if value_labels else 24
    box = Box(left, 34 + legend_height + 8, WIDTH - left - right, row * len(names))
    marks = ticks_at[1] if ticks_at else []
    values = [v for s in series for v in s.values] + marks
    ticks = nice_ticks(top if top is not None else max(values, default=1))
    value_axis(canvas, box, ticks, horizontal=True, label=x_label)
    horizontal_bars(canvas, box, names, series, ticks[-1], side_by_side=side_by_side)
    slot = box.height / max(1, len(names))
    for i, value in enumerate(marks):
        x = box.left + box.width * value / ticks[-1]
        canvas.line(x, box.top + slot * i + 2, x, box.top + slot * (i + 1) - 2, stroke_width="3")
    if line_at:
        x = box.left + box.width * line_at[1] / ticks[-1]
        canvas.line(x, box.top, x, box.bottom, VERMILION, stroke_width="2", stroke_dasharray="6 4")
    for i, words in enumerate(value_labels or []):
        end = max(s.values[i] for s in series)
        x = box.left + box.width * end / ticks[-1] + 5
        canvas.text(x, box.top + slot * (i + 0.5) + 4, words, size=FONT - 1)
    canvas.height = box.bottom + 46
    return SvgChart(canvas.svg(title, alt), alt, caption)


def channel_mix_svg(report: Report) -> SvgChart:
    """Rich and lean interactions per month with the rich share and its target (as the PNG)."""
    months = report.channel_mix.details["by_month"]
    alt, caption = channel_mix_words(report)
    title, _, y_label = CHANNEL_MIX_AXES
    target = float(report.settings.rich_channel_target)
    rich = months["rich"].astype(float).tolist()
    total = months["total"].astype(float).tolist()
    labels = [month_label(m) for m in months["month"]]
    series = [
        Series(RICH_LABEL, rich, BLUE),
        Series(LEAN_LABEL, [t - r for t, r in zip(total, rich, strict=True)], ORANGE, "//"),
    ]
    canvas = Canvas()
    _title(canvas, title, 22)
    items = [
        *_legend_items(canvas, series),
        ("Rich share (%)", "line"),
        ("Target share (%)", "dashed"),
    ]
    box = Box(64, 34 + legend(canvas, items, 34) + 10, WIDTH - 64 - 70, 230)
    ticks = nice_ticks(max(total, default=1))
    value_axis(canvas, box, ticks, horizontal=False, label=y_label)
    vertical_bars(canvas, box, labels, series, ticks[-1])
    value_axis(
        canvas, box, [0, 25, 50, 75, 100], horizontal=False, label=SHARE_AXIS_LABEL, right=True
    )
    slot = box.width / max(1, len(labels))
    points = [
        (box.left + slot * (i + 0.5), box.bottom - box.height * min(1.0, share))
        for i, share in enumerate(months["rich_share"].astype(float).tolist())
        if not math.isnan(share)
    ]
    if points:
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        canvas.parts.append(
            f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="2"/>'
        )
        canvas.parts.extend(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.5"/>' for x, y in points)
    y = box.bottom - box.height * target
    canvas.line(box.left, y, box.right, y, VERMILION, stroke_width="2", stroke_dasharray="6 4")
    month_axis(canvas, box, labels, "Month")
    canvas.height = box.bottom + 84
    return SvgChart(canvas.svg(title, alt), alt, caption)


FOLLOW_UP_TITLE = "Job leads and help received, month by month, by follow-up status"


def follow_up_svg(report: Report) -> SvgChart:
    """Job leads (top) and help received (bottom) per month, by follow-up status (as the PNG)."""
    alt, caption = follow_up_words(report)
    months = report.channel_mix.details["by_month"]["month"].astype(str).tolist()
    labels = [month_label(m) for m in months]
    canvas = Canvas()
    y = 8.0
    box = None
    for table_name, title in FOLLOW_UP_PANELS:
        counts = status_by_month(report.follow_up.details[table_name], months)
        series = [
            Series(STATUS_LABELS[status], counts[status].astype(float).tolist(), colour, hatch)
            for status, (colour, hatch, _) in STATUS_STYLE.items()
        ]
        _title(canvas, title, y + 14)
        box = Box(
            64,
            y + 26 + legend(canvas, _legend_items(canvas, series), y + 26) + 8,
            WIDTH - 64 - 24,
            150,
        )
        ticks = nice_ticks(max(counts.sum(axis=1).max() if len(counts) else 0, 1))
        value_axis(canvas, box, ticks, horizontal=False, label=FOLLOW_UP_Y_LABEL)
        vertical_bars(canvas, box, labels, series, ticks[-1])
        y = box.bottom + 20
    month_axis(canvas, box, labels, FOLLOW_UP_X_LABEL)
    canvas.height = box.bottom + 84
    return SvgChart(canvas.svg(FOLLOW_UP_TITLE, alt), alt, caption)


SVG_CHARTS = {
    "gives_and_asks": gives_and_asks_svg,
    "channel_mix": channel_mix_svg,
    "follow_up": follow_up_svg,
    "cadence": cadence_svg,
}
"""The widget's charts by tab."""
