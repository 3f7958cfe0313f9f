"""The numbers a chapter's figure alt text states are the chart's own: each number written
in the book's alt text appears in the alt text Network Coach writes for that chart from
the same sample (a screen-reader user hears the book's words, not the chart's)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from booktext import ROOT, read_page

from netcoach import plots
from netcoach.samples import load_sample
from netcoach.scoring import score_log

FIGURES: dict[str, tuple[str, str, Callable]] = {
    "fig-ch01-scores": ("01-why-network", "experienced", plots.score_cards_chart),
    "fig-ch02-cadence": ("02-relationships-not-reach", "graduate", plots.cadence_chart),
    "fig-ch03-cadence": ("03-mapping-your-network", "career-changer", plots.cadence_chart),
    "fig-ch04-gives-asks": ("04-give-first", "graduate", plots.gives_and_asks_chart),
    "fig-ch05-channel-mix": ("05-channel-mix", "career-changer", plots.channel_mix_chart),
    "fig-ch06-follow-up": ("06-follow-up", "experienced", plots.follow_up_chart),
}
"""Figure label: its chapter, the sample it draws and the chart that draws it."""

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _best_month_share(report) -> list[str]:
    """The best month's rich share, in whole percent (chapter 5 names it)."""
    return [str(round(report.channel_mix.details["by_month"]["rich_share"].max() * 100))]


def _years_of_most_thanks_gaps(report) -> list[str]:
    """The year of the two months with the most thanks not on time (chapter 6 names them)."""
    thanks = report.follow_up.details["thanks"]
    gaps = thanks[thanks["status"] != "on_time"]["date"].dt.to_period("M").value_counts()
    return sorted({str(month.year) for month in gaps.index[:2]})


ALSO_SAID = {
    "fig-ch05-channel-mix": _best_month_share,
    "fig-ch06-follow-up": _years_of_most_thanks_gaps,
}
"""Numbers an alt text takes from the chart's bars rather than from its own alt text."""


def book_alt(chapter: str, label: str) -> str:
    """The alt text the chapter gives the figure ``label``."""
    for cell in read_page(ROOT / "book" / f"{chapter}.md").code_cells:
        mystnb = (cell.options or {}).get("mystnb") or {}
        if (mystnb.get("figure") or {}).get("name") == label:
            return str(mystnb["image"]["alt"])
    raise AssertionError(f"{chapter}: no figure named {label}")


@pytest.mark.parametrize("label", FIGURES)
def test_book_alt_text_numbers_are_the_charts(label: str) -> None:
    chapter, sample, chart = FIGURES[label]
    said = book_alt(chapter, label)
    report = score_log(load_sample(sample))
    drawn = chart(report).alt_text
    known = NUMBER.findall(drawn) + (ALSO_SAID[label](report) if label in ALSO_SAID else [])
    missing = [n for n in NUMBER.findall(said) if n not in known]
    assert not missing, f"{chapter}, {label}: {missing} are not in the chart's {drawn!r}"


def test_a_wrong_number_in_the_book_is_found() -> None:
    said = "Across 32 contacts Alex asked 79 times and gave 4 times."
    drawn = plots.gives_and_asks_chart(score_log(load_sample("graduate"))).alt_text
    assert [n for n in NUMBER.findall(said) if n not in NUMBER.findall(drawn)] == ["32"]
