"""The widget's SVG charts: the same numbers and words as the PNG charts, valid and accessible."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from handmade_report import HOSTILE, tiny_report
from hypothesis import given
from hypothesis import strategies as st

from netcoach import plots, svg_charts
from netcoach.loading import load_log
from netcoach.samples import SAMPLE_NAMES, sample_path
from netcoach.scoring import score_log

SVG = "{http://www.w3.org/2000/svg}"
PNG_TWINS = {
    "gives_and_asks": plots.gives_and_asks_chart,
    "channel_mix": plots.channel_mix_chart,
    "follow_up": plots.follow_up_chart,
    "cadence": plots.cadence_chart,
}


@pytest.fixture(scope="module")
def report():
    return tiny_report()


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # fails on anything that is not well-formed XML


def bars(svg: str) -> list[dict]:
    """Every bar: its hover text, value and size."""
    found = []
    for rect in parse(svg).iter(f"{SVG}rect"):
        tip = rect.find(f"{SVG}title")
        if tip is not None:
            found.append(
                {
                    "tip": tip.text,
                    "x": float(rect.get("x")),
                    "width": float(rect.get("width")),
                    "height": float(rect.get("height")),
                    "fill": rect.get("fill"),
                }
            )
    return found


def values(svg: str, what: str) -> dict[str, float]:
    """{name: value} of the bars whose hover text ends with ``what``."""
    pattern = re.compile(rf"^(.*): ([\d.]+) {re.escape(what)}$")
    return {m[1]: float(m[2]) for b in bars(svg) if (m := pattern.match(b["tip"]))}


@pytest.mark.parametrize("key", list(svg_charts.SVG_CHARTS))
def test_each_chart_is_an_accessible_image_with_the_png_charts_words(report, key) -> None:
    chart = svg_charts.SVG_CHARTS[key](report)
    png = PNG_TWINS[key](report)
    assert (chart.alt_text, chart.caption) == (png.alt_text, png.caption)
    root = parse(chart.svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == desc_id and desc.text == chart.alt_text
    # Every fill that is a pattern is defined in the chart, under the chart's own id.
    defined = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    used = set(re.findall(r'fill="url\(#([^)]+)\)"', chart.svg))
    assert used and used <= defined
    assert all(i.startswith(title_id.removesuffix("-t")) for i in defined)


@pytest.mark.parametrize("key", list(svg_charts.SVG_CHARTS))
def test_hostile_names_stay_text(report, key) -> None:
    svg = svg_charts.SVG_CHARTS[key](report).svg
    assert "<script" not in svg
    if key in ("gives_and_asks", "cadence"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_gives_and_asks_bars_equal_the_per_contact_table(report) -> None:
    svg = svg_charts.gives_and_asks_svg(report, top=15).svg
    assert values(svg, "gives") == {"Amara Ashwell": 4, '=HYPERLINK("http://x")': 1}
    assert values(svg, "asks") == {HOSTILE: 5, "Amara Ashwell": 1, '=HYPERLINK("http://x")': 2}
    # Bar lengths are proportional to the counts.
    lengths = {b["width"] / float(b["tip"].split(": ")[1].split()[0]) for b in bars(svg)}
    assert max(lengths) - min(lengths) < 0.1
    only = svg_charts.gives_and_asks_svg(report, top=1).svg
    assert set(values(only, "asks")) == {HOSTILE}


def test_channel_mix_bars_share_line_and_target(report) -> None:
    svg = svg_charts.channel_mix_svg(report).svg
    months = report.channel_mix.details["by_month"]
    rich = values(svg, "rich")
    lean = values(svg, "lean")
    assert list(rich) == ["Apr 2025", "May 2025", "Jun 2025", "Jul 2025", "Aug 2025", "Sep 2025"]
    assert list(rich.values()) == months["rich"].tolist()
    assert list(lean.values()) == (months["total"] - months["rich"]).tolist()
    root = parse(svg)
    line = root.find(f"{SVG}polyline")
    ys = [float(p.split(",")[1]) for p in line.get("points").split()]
    # Higher share, higher point (smaller y): the order of the points follows the shares.
    shares = months["rich_share"].tolist()
    assert sorted(range(6), key=lambda i: -ys[i]) == sorted(range(6), key=lambda i: shares[i])
    dashed = [x for x in root.iter(f"{SVG}line") if x.get("stroke-dasharray")]
    assert dashed and all(x.get("stroke") == plots.VERMILION for x in dashed)


def test_follow_up_bars_count_statuses_per_month(report) -> None:
    svg = svg_charts.follow_up_svg(report).svg
    assert values(svg, "on time") == {"Apr 2025": 1}  # the lead on time; one thank-you too
    assert values(svg, "late") == {"May 2025": 1, "Aug 2025": 1}
    assert values(svg, "still open") == {"Sep 2025": 1}
    # The overdue items: two leads (June and July) and one thank-you (June).
    overdue = [b["tip"] for b in bars(svg) if b["tip"].endswith("overdue")]
    assert sorted(overdue) == ["Jul 2025: 1 overdue", "Jun 2025: 1 overdue", "Jun 2025: 1 overdue"]


def test_cadence_bars_and_ticks(report) -> None:
    chart = svg_charts.cadence_svg(report)
    days = values(chart.svg, "days since you were last in touch")
    assert days == {HOSTILE: 91, "Amara Ashwell": 5, '=HYPERLINK("http://x")': 46}
    overdue = [b for b in bars(chart.svg) if b["fill"].startswith("url")]
    assert len(overdue) == 1 and overdue[0]["tip"].startswith(HOSTILE)
    names = [t.text for t in parse(chart.svg).iter(f"{SVG}text")]
    assert names.index("Bilal Brackley (never)") < names.index(HOSTILE)
    ticks = [x for x in parse(chart.svg).iter(f"{SVG}line") if x.get("stroke-width") == "3"]
    assert len(ticks) == 4 + 1  # one per contact shown, one in the legend


def test_charts_cope_with_an_empty_report() -> None:
    empty = tiny_report()
    for result, key in ((empty.reciprocity, "per_contact"), (empty.follow_up, "cadence")):
        result.details[key] = result.details[key].iloc[0:0]
    assert "No gives or asks" in svg_charts.gives_and_asks_svg(empty).svg
    chart = svg_charts.cadence_svg(empty)
    assert "No contact has a stay-in-touch cadence" in chart.svg
    assert "nothing to chart" in chart.alt_text and "0 of 0" not in chart.alt_text
    parse(chart.svg)


def test_same_chart_same_text_and_different_charts_different_ids() -> None:
    report = tiny_report()  # its own copy: the settings change below must not leak
    first = svg_charts.channel_mix_svg(report).svg
    assert svg_charts.channel_mix_svg(report).svg == first
    report.settings = report.settings.replace(rich_channel_target=0.7)
    other = svg_charts.channel_mix_svg(report).svg
    ids = {parse(first).get("aria-labelledby"), parse(other).get("aria-labelledby")}
    assert len(ids) == 2


def test_long_names_are_shortened_with_the_full_name_on_hover() -> None:
    long = "Maximiliana Featherstonehaugh-Cholmondeley"
    assert svg_charts.shorten(long) == long[:27].rstrip() + "…"
    assert len(svg_charts.shorten(long)) == svg_charts.MAX_NAME
    assert svg_charts.shorten("Ana") == "Ana"


@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_sample_charts_parse_and_label_every_month(sample: str) -> None:
    report = score_log(load_log(sample_path(sample)))
    for make in svg_charts.SVG_CHARTS.values():
        parse(make(report).svg)
    months = report.channel_mix.details["by_month"]
    labels = [t.text for t in parse(svg_charts.channel_mix_svg(report).svg).iter(f"{SVG}text")]
    assert sum(label in labels for label in map(plots.month_label, months["month"])) == len(months)


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_nice_ticks_cover_the_top_in_even_whole_steps(top: float) -> None:
    ticks = svg_charts.nice_ticks(top)
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert ticks[0] == 0 and ticks[-1] >= top
    assert len(steps) == 1 and steps.pop() >= 1
    assert all(t == int(t) for t in ticks)
    assert 2 <= len(ticks) <= 11
