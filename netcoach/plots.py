"""Charts of a :class:`~netcoach.scoring.results.Report`, each with alt text and a caption.

Every function takes a report and returns a :class:`Chart`: a matplotlib ``Figure`` plus
alt text that states the finding with its numbers, and a caption. The figures are built
with matplotlib's object-oriented API (``matplotlib.figure.Figure``), so they never open a
window and need no display; saving uses the Agg renderer. matplotlib is imported only
when a chart is drawn, so ``import netcoach`` stays cheap.

Colours come from :data:`PALETTE` (Okabe–Ito, safe for colour-blind readers), and series
that must be told apart also differ by hatching or marker shape.
"""

from __future__ import annotations

import base64
import html
import io
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from netcoach.scoring.results import Report

PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermilion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, BLACK = PALETTE

# Follow-up statuses: colour, hatch and marker, so they read without colour too.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "on_time": (GREEN, "", "o"),
    "late": (ORANGE, "//", "s"),
    "open": (SKY, "..", "^"),
    "overdue": (VERMILION, "xx", "X"),
}
STATUS_LABELS: dict[str, str] = {
    "on_time": "On time",
    "late": "Late",
    "open": "Still open",
    "overdue": "Overdue",
}
FONT_SIZE = 11
DPI = 110


@dataclass
class Chart:
    """A figure with the words that make it accessible."""

    figure: Figure
    alt_text: str
    """What the figure shows, as a finding with numbers (for screen readers)."""
    caption: str
    """A short caption to print under the figure."""

    def png_bytes(self, dpi: int = DPI) -> bytes:
        """The figure as PNG bytes."""
        return _figure_png(self.figure, dpi)

    def png_base64(self, dpi: int = DPI) -> str:
        """The figure as base64 PNG text, ready for a ``data:`` URL."""
        return base64.b64encode(self.png_bytes(dpi)).decode("ascii")

    def _repr_png_(self) -> bytes:
        return self.png_bytes()

    def _repr_html_(self) -> str:
        """A ``<figure>`` with the image, its alt text and its caption (for notebooks)."""
        return (
            f'<figure><img src="data:image/png;base64,{self.png_base64()}" '
            f'alt="{html.escape(self.alt_text)}"/>'
            f"<figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )


# --- helpers ------------------------------------------------------------------------------


def _figure(width: float = 8.0, height: float = 4.5, rows: int = 1) -> tuple[Figure, Any]:
    """A new Figure (no pyplot, no window) with readable fonts and ``rows`` axes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    _show_figures_in_notebooks(Figure)
    axes = fig.subplots(rows, 1, sharex=rows > 1, squeeze=True)
    for ax in [axes] if rows == 1 else list(axes):
        ax.tick_params(labelsize=FONT_SIZE - 1)
        ax.spines[["top", "right"]].set_visible(False)
    return fig, axes


def _show_figures_in_notebooks(figure_type: type) -> None:
    """Let a bare ``chart.figure`` display in a notebook even when pyplot was never imported.

    Registers a PNG formatter for ``Figure`` with a running IPython, unless one exists.
    """
    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["image/png"]
    try:
        formatter.lookup_by_type(figure_type)
    except KeyError:
        formatter.for_type(figure_type, _figure_png)


def _figure_png(figure: Figure, dpi: int = DPI) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _style(ax: Axes, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=FONT_SIZE + 2, loc="left")
    ax.set_xlabel(xlabel, fontsize=FONT_SIZE)
    ax.set_ylabel(ylabel, fontsize=FONT_SIZE)


def _whole_numbers(axis: Any) -> None:
    """Counts get whole-number ticks."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=FONT_SIZE, transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _pct(share: float) -> str:
    return f"{round(100 * share)}%"


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


# --- reciprocity --------------------------------------------------------------------------


def gives_and_asks_chart(report: Report, top: int = 15) -> Chart:
    """Gives and asks per contact, as paired horizontal bars, for the busiest ``top``."""
    busiest = top_contacts(report.reciprocity.details["per_contact"], top)
    fig, ax = _figure(8.0, max(3.0, 0.38 * len(busiest) + 1.6))
    if busiest.empty:
        _empty(ax, GIVES_ASKS_EMPTY)
    else:
        y = list(range(len(busiest)))
        h = 0.4
        ax.barh([v - h / 2 for v in y], busiest["gives"], h, color=BLUE, label="Gives")
        ax.barh(
            [v + h / 2 for v in y],
            busiest["asks"],
            h,
            color=ORANGE,
            hatch="//",
            edgecolor=BLACK,
            linewidth=0.5,
            label="Asks",
        )
        ax.set_yticks(y, busiest["name"].astype(str).tolist(), fontsize=FONT_SIZE - 1)
        ax.invert_yaxis()
        ax.legend(fontsize=FONT_SIZE - 1, loc="lower right")
        _whole_numbers(ax.xaxis)
    _style(ax, *GIVES_ASKS_AXES)
    return Chart(fig, *gives_and_asks_words(report, busiest))


GIVES_ASKS_AXES = (
    "What you gave and what you asked, per contact",
    "Interactions in the look-back window (count)",
    "Contact",
)
"""Title, x label and y label of the gives-and-asks chart (shared with the SVG charts)."""
GIVES_ASKS_EMPTY = "No gives or asks in the look-back window"


def gives_and_asks_words(report: Report, busiest: pd.DataFrame) -> tuple[str, str]:
    """Alt text and caption of the gives-and-asks chart, ``busiest`` being the contacts shown."""
    table = report.reciprocity.details["per_contact"]
    gives, asks = int(table["gives"].sum()), int(table["asks"].sum())
    one_way = int(table["one_way"].astype(bool).sum())
    unreciprocated = int(table["unreciprocated"].astype(bool).sum())
    gave_or_asked = int(((table["gives"] > 0) | (table["asks"] > 0)).sum())
    if busiest.empty:
        return _no_gives_or_asks(unreciprocated)
    parts = [
        f"You gave {_n(gives, 'time')} and asked {_n(asks, 'time')} "
        f"across {_n(gave_or_asked, 'contact')}."
    ]
    parts += _asked_most(table, busiest)
    parts.append(
        f"{_n(one_way, 'contact')} {'was' if one_way == 1 else 'were'} only ever asked "
        f"(one-way), and {_n(unreciprocated, 'contact')} helped you without anything given back."
    )
    shown = _who_is_shown(len(busiest), gave_or_asked)
    caption = f"Gives (solid blue) and asks (hatched orange) {shown}."
    return " ".join(parts), caption


def _no_gives_or_asks(unreciprocated: int) -> tuple[str, str]:
    """Alt text and caption of a gives-and-asks chart with nothing to draw."""
    alt = "You logged no gives or asks in the look-back window, so there is nothing to chart."
    if unreciprocated:
        alt += f" {_n(unreciprocated, 'contact')} helped you without anything given back."
    return alt, "Nothing to chart: there are no gives or asks in the look-back window."


def _asked_most(table: pd.DataFrame, busiest: pd.DataFrame) -> list[str]:
    """The contact asked most of all, shown or not; on a tie, one the chart shows, then the
    fewest gives, then by name."""
    if table.empty or int(table["asks"].max()) == 0:
        return []
    ranked = table.assign(_hidden=~table["contact_id"].isin(busiest["contact_id"]))
    order = ["asks", "_hidden", "gives", "name"]
    first = ranked.sort_values(order, ascending=[False, True, True, True]).iloc[0]
    hidden = bool(first["_hidden"])
    note = f" (not among the {len(busiest)} shown)" if hidden else ""
    return [
        f"You asked {first['name']} most: {_n(int(first['asks']), 'ask')} "
        f"and {_n(int(first['gives']), 'give')}{note}."
    ]


def _who_is_shown(shown: int, gave_or_asked: int) -> str:
    """Which contacts the gives-and-asks chart draws: ranked by gives plus asks."""
    if shown == gave_or_asked == 1:
        return "for the contact you gave to or asked"
    if shown == gave_or_asked:
        return f"for all {shown} contacts you gave to or asked"
    who = "the contact" if shown == 1 else f"the {shown} contacts"
    return f"for {who} with the most gives and asks, of the {gave_or_asked} you gave to or asked"


def top_contacts(table: pd.DataFrame, top: int) -> pd.DataFrame:
    """The ``top`` contacts by gives + asks (ties by name), without all-zero rows."""
    activity = table["gives"] + table["asks"]
    busy = table.assign(_activity=activity)[activity > 0]
    busy = busy.sort_values(["_activity", "name"], ascending=[False, True], kind="stable")
    return busy.head(top).drop(columns="_activity").reset_index(drop=True)


# --- channel mix --------------------------------------------------------------------------


def channel_mix_chart(report: Report) -> Chart:
    """Rich and lean interactions per month (stacked bars) with the rich share and target."""
    months = report.channel_mix.details["by_month"]
    target = float(report.settings.rich_channel_target)
    rich = months["rich"].astype(int)
    lean = (months["total"] - months["rich"]).astype(int)
    fig, ax = _figure(9.0, 4.8)
    x = list(range(len(months)))
    labels = [month_label(m) for m in months["month"]]
    ax.bar(x, rich, color=BLUE, label=RICH_LABEL)
    ax.bar(
        x,
        lean,
        bottom=rich,
        color=ORANGE,
        hatch="//",
        edgecolor=BLACK,
        linewidth=0.5,
        label=LEAN_LABEL,
    )
    ax.set_xticks(x, labels, rotation=45, ha="right", fontsize=FONT_SIZE - 2)
    _style(ax, *CHANNEL_MIX_AXES)
    share_ax = ax.twinx()
    share = months["rich_share"].astype(float) * 100
    share_ax.plot(x, share, color=BLACK, marker="o", label="Rich share (%)")
    share_ax.axhline(100 * target, color=VERMILION, linestyle="--", label="Target share (%)")
    share_ax.set_ylim(0, 100)
    share_ax.set_ylabel(SHARE_AXIS_LABEL, fontsize=FONT_SIZE)
    share_ax.spines[["top"]].set_visible(False)
    handles = ax.get_legend_handles_labels()[0] + share_ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, fontsize=FONT_SIZE - 2, loc="upper left", framealpha=0.9)
    ax.set_ylim(0, max(1, int((rich + lean).max())) * 1.45)
    _whole_numbers(ax.yaxis)
    return Chart(fig, *channel_mix_words(report))


CHANNEL_MIX_AXES = ("Rich and lean contact, month by month", "Month", "Interactions (count)")
"""Title, x label and y label of the channel-mix chart (shared with the SVG charts)."""
RICH_LABEL = "Rich (in person, event, video, phone)"
LEAN_LABEL = "Lean (email, social, text)"
SHARE_AXIS_LABEL = "Rich share of the month (%)"


def channel_mix_words(report: Report) -> tuple[str, str]:
    """Alt text and caption of the channel-mix chart."""
    months = report.channel_mix.details["by_month"]
    target = float(report.settings.rich_channel_target)
    total, rich_total = int(months["total"].sum()), int(months["rich"].sum())
    period = f"the {_n(len(months), 'month')}"
    if total == 0:
        alt = (
            f"You logged no interactions in {period}, so there is no rich share to compare "
            f"with the {_pct(target)} target yet."
        )
    else:
        overall = rich_total / total
        side = "below" if overall < target else "at or above"
        alt = (
            f"Rich channels were {_pct(overall)} of your {_n(total, 'interaction')} over "
            f"{period}, {side} the {_pct(target)} target."
        )
        alt += _trend_sentence(months)
    caption = (
        "Bars: interactions per month, rich (solid blue) under lean (hatched orange). "
        f"Line: the rich share each month; dashed line: the {_pct(target)} target."
    )
    return alt, caption


def month_label(month: str) -> str:
    import pandas as pd

    return pd.Period(str(month), freq="M").strftime("%b %Y")


def _trend_sentence(months: pd.DataFrame, span: int = 3) -> str:
    """Compare the rich share of the last ``span`` months with the ``span`` before."""
    if len(months) < 2 * span:
        return ""
    recent, before = months.tail(span), months.iloc[-2 * span : -span]
    if recent["total"].sum() == 0 or before["total"].sum() == 0:
        return ""
    now = recent["rich"].sum() / recent["total"].sum()
    then = before["rich"].sum() / before["total"].sum()
    move = "rose" if now > then else "fell"
    move = "stayed the same" if _pct(now) == _pct(then) else move
    return (
        f" In the last {span} months the share {move} ({_pct(now)}, "
        f"against {_pct(then)} in the {span} months before)."
    )


# --- follow-up ----------------------------------------------------------------------------


def follow_up_chart(report: Report) -> Chart:
    """Job leads and help received per month, stacked by follow-up status."""
    months = report.channel_mix.details["by_month"]["month"].astype(str).tolist()
    fig, axes = _figure(9.0, 6.4, rows=2)
    for ax, (table_name, what) in zip(axes, FOLLOW_UP_PANELS, strict=True):
        counts = status_by_month(report.follow_up.details[table_name], months)
        bottom = [0] * len(months)
        for status, (colour, hatch, _) in STATUS_STYLE.items():
            values = counts[status].tolist()
            ax.bar(
                range(len(months)),
                values,
                bottom=bottom,
                color=colour,
                hatch=hatch,
                edgecolor=BLACK,
                linewidth=0.5,
                label=STATUS_LABELS[status],
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        _style(ax, what, "", FOLLOW_UP_Y_LABEL)
        ax.legend(fontsize=FONT_SIZE - 2, loc="upper left", ncols=4)
        ax.set_ylim(0, max(1, max(bottom)) * 1.35)
        _whole_numbers(ax.yaxis)
    axes[1].set_xticks(
        range(len(months)),
        [month_label(m) for m in months],
        rotation=45,
        ha="right",
        fontsize=FONT_SIZE - 2,
    )
    axes[1].set_xlabel(FOLLOW_UP_X_LABEL, fontsize=FONT_SIZE)
    return Chart(fig, *follow_up_words(report))


FOLLOW_UP_PANELS = (
    ("leads", "Job leads: were they followed up?"),
    ("thanks", "Help received: did you say thank you?"),
)
"""Which table each panel of the follow-up chart counts, and its title."""
FOLLOW_UP_X_LABEL = "Month the lead or help arrived"
FOLLOW_UP_Y_LABEL = "Items (count)"


def follow_up_words(report: Report) -> tuple[str, str]:
    """Alt text and caption of the follow-up chart."""
    details = report.follow_up.details
    alt = _status_sentence(details["leads"], "job lead", "followed up") + " "
    alt += _status_sentence(details["thanks"], "piece of help", "thanked", "pieces of help")
    caption = (
        "Each bar counts the leads (top) and the help (bottom) that arrived that month, "
        "by status: on time (green), late (orange, hatched), still open (sky blue, dotted) "
        "and overdue (vermilion, crossed)."
    )
    return alt, caption


def status_by_month(table: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    """Counts per month (rows, in ``months`` order, each ``YYYY-MM``) and status (columns);
    rows of other months or statuses are not counted."""
    import numpy as np
    import pandas as pd

    statuses = list(STATUS_STYLE)
    dates = pd.to_datetime(table["date"]).to_numpy("datetime64[ns]")
    row = pd.Index(months).get_indexer(dates.astype("datetime64[M]").astype(str))
    column = pd.Index(statuses).get_indexer(table["status"].astype(str))
    kept = (row >= 0) & (column >= 0)
    cells = np.bincount(
        row[kept] * len(statuses) + column[kept], minlength=len(months) * len(statuses)
    )
    return pd.DataFrame(cells.reshape(len(months), len(statuses)), index=months, columns=statuses)


def _status_sentence(table: pd.DataFrame, one: str, done: str, many: str | None = None) -> str:
    counts = table["status"].value_counts()
    n = len(table)
    if n == 0:
        return f"No {many or one + 's'} in the look-back window."
    on_time = int(counts.get("on_time", 0))
    text = (
        f"Of {_n(n, one, many)}, {on_time} {'was' if on_time == 1 else 'were'} "
        f"{done} on time, {counts.get('late', 0)} late"
    )
    if counts.get("open", 0):
        text += f", {counts.get('open', 0)} still open"
    overdue = table[table["status"] == "overdue"]
    text += f" and {len(overdue)} {'is' if len(overdue) == 1 else 'are'} overdue"
    if len(overdue):
        text += f" (the oldest by {_n(int(overdue['days_overdue'].max()), 'day')})"
    return text + "."


# --- cadence ------------------------------------------------------------------------------


def cadence_chart(report: Report, top: int = 20) -> Chart:
    """Days since you were last in touch, against each contact's cadence (most overdue first)."""
    shown = cadence_rows(report.follow_up.details["cadence"], top)
    fig, ax = _figure(8.5, max(3.0, 0.36 * len(shown) + 1.8))
    if shown.empty:
        _empty(ax, CADENCE_EMPTY)
    else:
        y = list(range(len(shown)))
        days = shown["days_since"].astype("Float64").fillna(0).astype(float)
        overdue = shown["status"] != "ok"
        ax.barh(
            [v for v, o in zip(y, overdue, strict=True) if not o],
            days[~overdue.to_numpy()],
            color=BLUE,
            label="Inside cadence",
        )
        ax.barh(
            [v for v, o in zip(y, overdue, strict=True) if o],
            days[overdue.to_numpy()],
            color=VERMILION,
            hatch="xx",
            edgecolor=BLACK,
            linewidth=0.5,
            label="Overdue",
        )
        ax.scatter(
            shown["cadence_days"].astype(float),
            y,
            marker="|",
            s=260,
            color=BLACK,
            linewidths=2.5,
            label="Cadence (days)",
            zorder=3,
        )
        ax.set_yticks(y, cadence_names(shown), fontsize=FONT_SIZE - 1)
        ax.invert_yaxis()
        fig.legend(fontsize=FONT_SIZE - 2, loc="outside lower center", ncols=3)
    _style(ax, *CADENCE_AXES)
    return Chart(fig, *cadence_words(report, shown))


CADENCE_AXES = ("Days since you were last in touch", "Days since last contact", "Contact")
"""Title, x label and y label of the cadence chart (shared with the SVG charts)."""
CADENCE_EMPTY = "No contact has a stay-in-touch cadence"


def cadence_names(shown: pd.DataFrame) -> list[str]:
    """Each shown contact's name, marked "(never)" when never contacted."""
    return [
        f"{n} (never)" if s == "never" else str(n)
        for n, s in zip(shown["name"], shown["status"], strict=True)
    ]


def cadence_words(report: Report, shown: pd.DataFrame) -> tuple[str, str]:
    """Alt text and caption of the cadence chart, ``shown`` being the contacts drawn."""
    table = report.follow_up.details["cadence"]
    if table.empty:
        return (
            f"{CADENCE_EMPTY}, so there is nothing to chart.",
            "Nothing to chart: no contact has a stay-in-touch cadence yet (the cadence_days "
            "column of contacts.csv).",
        )
    alt = _cadence_sentence(table)
    caption = (
        f"{_who_needs_a_check_in(len(shown), len(table))} Bars: days since you were last "
        "in touch (hatched vermilion when overdue); black tick: the contact's cadence."
    )
    return alt, caption


def _cadence_sentence(table: pd.DataFrame) -> str:
    """How many contacts are inside their cadence, overdue (naming the worst), never met."""
    if len(table) == 1:
        return _one_cadence_sentence(table.iloc[0])
    ok = int((table["status"] == "ok").sum())
    late = table[table["status"] == "overdue"]
    never = int((table["status"] == "never").sum())
    alt = (
        f"{ok} of {_n(len(table), 'contact')} with a stay-in-touch cadence "
        f"{'is' if ok == 1 else 'are'} inside it; {len(late)} {'is' if len(late) == 1 else 'are'} "
        "overdue"
    )
    if len(late):
        worst = late.sort_values("days_overdue", ascending=False, kind="stable").iloc[0]
        alt += f"{':' if len(late) == 1 else ', most of all'} {_days_past(worst)}"
    return alt + f"; {_n(never, 'contact')} {'was' if never == 1 else 'were'} never contacted."


def _one_cadence_sentence(row: pd.Series) -> str:
    """Where the only contact with a cadence stands."""
    start = "Your one contact with a stay-in-touch cadence"
    if row["status"] == "overdue":
        return f"{start} is overdue: {_days_past(row)}."
    if row["status"] == "never":
        return f"{start}, {row['name']}, was never contacted."
    return f"{start}, {row['name']}, is inside it."


def _days_past(row: pd.Series) -> str:
    """'Bo Birch (1 day past a 30-day cadence)'."""
    days = _n(int(row["days_overdue"]), "day")
    return f"{row['name']} ({days} past a {int(row['cadence_days'])}-day cadence)"


def _who_needs_a_check_in(shown: int, with_cadence: int) -> str:
    """The first sentence of the cadence caption: which contacts are drawn."""
    if with_cadence == 1:
        return "Your one contact with a stay-in-touch cadence."
    if shown == with_cadence:
        return (
            f"All {shown} contacts with a stay-in-touch cadence, most in need of a check-in first."
        )
    return f"The {shown} contacts most in need of a check-in."


def cadence_rows(table: pd.DataFrame, top: int) -> pd.DataFrame:
    """Never-contacted first, then most overdue, then closest to their cadence."""
    rank = table.assign(
        _never=(table["status"] == "never"),
        _slack=table["days_since"].astype("Float64").fillna(0) - table["cadence_days"],
    )
    rank = rank.sort_values(["_never", "_slack", "name"], ascending=[False, False, True])
    return rank.head(top).drop(columns=["_never", "_slack"]).reset_index(drop=True)


# --- all four scores ----------------------------------------------------------------------


def score_cards_chart(report: Report) -> Chart:
    """The three scores and the overall score as bars from 0 to 100."""
    results = list(report.scores.values())
    fig, ax = _figure(7.0, 3.0)
    names = [r.title for r in results]
    values = [int(r.score) for r in results]
    colours = [BLUE, ORANGE, GREEN, BLACK]
    hatches = ["", "//", "..", ""]
    y = list(range(len(results)))
    for yi, v, c, h in zip(y, values, colours, hatches, strict=True):
        ax.barh(yi, v, color=c, hatch=h, edgecolor=BLACK, linewidth=0.5)
        ax.text(v + 1.5, yi, str(v), va="center", fontsize=FONT_SIZE)
    ax.set_yticks(y, names, fontsize=FONT_SIZE)
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    _style(ax, "Your scores", "Score (0 to 100)", "")
    alt = "Scores out of 100: " + ", ".join(
        f"{n.lower()} {v}" for n, v in zip(names, values, strict=True)
    )
    alt += "."
    return Chart(fig, alt, "Each score runs from 0 to 100; higher is better.")


def all_charts(report: Report) -> list[Chart]:
    """Every chart of a report, in reading order (used by the HTML report)."""
    return [
        score_cards_chart(report),
        gives_and_asks_chart(report),
        channel_mix_chart(report),
        follow_up_chart(report),
        cadence_chart(report),
    ]
