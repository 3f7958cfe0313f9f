"""Charts: labelled axes, plotted values equal to the details tables, alt text with numbers."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from handmade_report import HOSTILE, tiny_report
from matplotlib.figure import Figure

from netcoach import plots


@pytest.fixture(scope="module")
def report():
    return tiny_report()


def _bar_widths(ax, label: str) -> list[float]:
    container = next(c for c in ax.containers if c.get_label() == label)
    return [patch.get_width() for patch in container.patches]


def _bar_heights(ax, label: str) -> list[float]:
    container = next(c for c in ax.containers if c.get_label() == label)
    return [patch.get_height() for patch in container.patches]


def _assert_labelled(ax) -> None:
    assert ax.get_xlabel() or ax.get_ylabel()
    assert ax.get_title("left")


def test_palette_is_okabe_ito() -> None:
    assert plots.PALETTE == (
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#D55E00",
        "#CC79A7",
        "#56B4E9",
        "#F0E442",
        "#000000",
    )


def test_importing_netcoach_and_plots_does_not_load_matplotlib() -> None:
    code = "import netcoach, netcoach.plots, sys; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_gives_and_asks_chart_plots_the_per_contact_table(report) -> None:
    chart = plots.gives_and_asks_chart(report, top=15)
    assert isinstance(chart.figure, Figure)
    ax = chart.figure.axes[0]
    _assert_labelled(ax)
    assert "count" in ax.get_xlabel()
    # Contacts with no gives and no asks are left out; busiest first.
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [HOSTILE, "Amara Ashwell", '=HYPERLINK("http://x")']
    assert _bar_widths(ax, "Gives") == [0, 4, 1]
    assert _bar_widths(ax, "Asks") == [5, 1, 2]
    assert "gave 5 times and asked 8 times across 3 contacts" in chart.alt_text
    assert f"You asked {HOSTILE} most: 5 asks and 0 gives" in chart.alt_text
    assert "1 contact was only ever asked" in chart.alt_text
    assert chart.caption


def test_gives_and_asks_chart_respects_top(report) -> None:
    ax = plots.gives_and_asks_chart(report, top=1).figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [HOSTILE]


def test_channel_mix_chart_plots_months_and_target(report) -> None:
    chart = plots.channel_mix_chart(report)
    ax, share_ax = chart.figure.axes
    _assert_labelled(ax)
    assert "count" in ax.get_ylabel() and "%" in share_ax.get_ylabel()
    months = report.channel_mix.details["by_month"]
    rich_label = "Rich (in person, event, video, phone)"
    lean_label = "Lean (email, social, text)"
    assert _bar_heights(ax, rich_label) == months["rich"].tolist()
    assert _bar_heights(ax, lean_label) == (months["total"] - months["rich"]).tolist()
    share_line, target_line = share_ax.get_lines()
    np.testing.assert_allclose(share_line.get_ydata(), months["rich_share"] * 100)
    assert list(target_line.get_ydata()) == [50, 50]
    # 14 rich of 56 = 25%; the last three months (10 of 29 = 34%) against 4 of 27 (15%).
    assert "Rich channels were 25% of your 56 interactions over the 6 months" in chart.alt_text
    assert "below the 50% target" in chart.alt_text
    assert "the share rose (34%, against 15% in the 3 months before)" in chart.alt_text
    assert ax.get_xticklabels()[0].get_text() == "Apr 2025"


def test_follow_up_chart_counts_statuses_per_month(report) -> None:
    chart = plots.follow_up_chart(report)
    leads_ax, thanks_ax = chart.figure.axes
    for ax in (leads_ax, thanks_ax):
        assert ax.get_ylabel() == "Items (count)"
        assert ax.get_title("left")
    # Months April..September: on time April, late May, overdue June and July, open September.
    assert _bar_heights(leads_ax, "On time") == [1, 0, 0, 0, 0, 0]
    assert _bar_heights(leads_ax, "Late") == [0, 1, 0, 0, 0, 0]
    assert _bar_heights(leads_ax, "Overdue") == [0, 0, 1, 1, 0, 0]
    assert _bar_heights(leads_ax, "Still open") == [0, 0, 0, 0, 0, 1]
    assert _bar_heights(thanks_ax, "Overdue") == [0, 0, 1, 0, 0, 0]
    assert "Of 5 job leads, 1 was followed up on time, 1 late, 1 still open" in chart.alt_text
    assert "2 are overdue (the oldest by 114 days)" in chart.alt_text
    assert "Of 3 pieces of help, 1 was thanked on time, 1 late and 1 is overdue" in (chart.alt_text)
    assert "Month" in thanks_ax.get_xlabel()


def test_cadence_chart_highlights_overdue_contacts(report) -> None:
    chart = plots.cadence_chart(report)
    ax = chart.figure.axes[0]
    _assert_labelled(ax)
    names = [t.get_text() for t in ax.get_yticklabels()]
    # Never contacted first, then the most overdue, then by slack.
    assert names == ["Bilal Brackley (never)", HOSTILE, "Amara Ashwell", '=HYPERLINK("http://x")']
    assert _bar_widths(ax, "Overdue") == [0, 91]
    assert _bar_widths(ax, "Inside cadence") == [5, 46]
    ticks = next(c for c in ax.collections if c.get_label() == "Cadence (days)")
    assert ticks.get_offsets()[:, 0].tolist() == [30, 30, 14, 90]
    assert "2 of 4 contacts with a stay-in-touch cadence are inside it; 1 is overdue" in (
        chart.alt_text
    )
    assert f"1 is overdue: {HOSTILE} (61 days past a 30-day cadence)" in chart.alt_text
    assert "1 contact was never contacted" in chart.alt_text


def test_score_cards_chart(report) -> None:
    chart = plots.score_cards_chart(report)
    ax = chart.figure.axes[0]
    assert [p.get_width() for p in ax.patches] == [48, 50, 61, 53]
    assert chart.alt_text == (
        "Scores out of 100: reciprocity 48, channel mix 50, follow-up 61, overall 53."
    )


def test_chart_renders_png_and_accessible_html(report) -> None:
    chart = plots.score_cards_chart(report)
    assert chart.png_bytes().startswith(b"\x89PNG")
    html = chart._repr_html_()
    assert 'alt="Scores out of 100' in html and "<figcaption>" in html


def test_charts_cope_with_an_empty_report(report) -> None:
    empty = tiny_report()
    for result, key in ((empty.reciprocity, "per_contact"), (empty.follow_up, "cadence")):
        result.details[key] = result.details[key].iloc[0:0]
    assert (
        "No gives or asks" in plots.gives_and_asks_chart(empty).figure.axes[0].texts[0].get_text()
    )
    assert "nothing to chart" in plots.cadence_chart(empty).alt_text


def test_bare_figure_displays_in_ipython_without_pyplot(report) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        chart = plots.score_cards_chart(report)
        data, _ = shell.display_formatter.format(chart.figure)
        assert data["image/png"].startswith(b"\x89PNG")
        rich, _ = shell.display_formatter.format(chart)
        assert 'alt="Scores out of 100' in rich["text/html"]
    finally:
        InteractiveShell.clear_instance()
