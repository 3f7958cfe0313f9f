"""The text and HTML reports: content, escaping, accessibility, self-containment."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from handmade_report import FORMULA, HOSTILE, tiny_report

from netcoach.log import NetworkLog
from netcoach.report_html import render_html_report, write_html_report
from netcoach.report_text import format_text_report, rows_text
from netcoach.scoring.results import Reason


@pytest.fixture(scope="module")
def report():
    return tiny_report()


@pytest.fixture(scope="module")
def log() -> NetworkLog:
    contacts = pd.DataFrame({"contact_id": ["c1", "c2", "c3", "c4"], "name": ["a", "b", "c", "d"]})
    interactions = pd.DataFrame(
        {
            "contact_id": ["c1"] * 7,
            "date": pd.to_datetime(["2025-09-01"] * 7),
            "row": range(2, 9),
        }
    )
    return NetworkLog(contacts, interactions)


@pytest.fixture(scope="module")
def page(report, log) -> str:
    return render_html_report(report, log, title="Report for <Jo>")


class _Outline(HTMLParser):
    """Collects headings, images, tags with a src/href, and th elements."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.images: list[dict] = []
        self.links: list[str] = []
        self.html_lang = ""
        self.scripts = 0
        self.th_scopes: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if tag == "img":
            self.images.append(a)
        if tag == "script":
            self.scripts += 1
        if tag == "th":
            self.th_scopes.append(a.get("scope"))
        for key in ("src", "href"):
            if key in a:
                self.links.append(a[key])


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_rows_text_lists_rows_and_file() -> None:
    assert rows_text(Reason("x")) == ""
    assert rows_text(Reason("x", (4,))) == "row 4 of interactions.csv"
    assert rows_text(Reason("x", (3, 7, 12), "contacts.csv")) == "rows 3, 7 and 12 of contacts.csv"
    assert rows_text(Reason("Late (interactions.csv rows 3 and 4).", (3, 4))) == ""
    many = rows_text(Reason("x", tuple(range(2, 14))))
    assert many == "rows 2, 3, 4, 5, 6, 7, 8, 9 and 4 more of interactions.csv"


def test_text_report_has_scores_reasons_and_ranked_actions(report) -> None:
    text = format_text_report(report, top=2)
    assert "Reciprocity: 48/100" in text
    assert "Channel mix: 50/100" in text
    assert "Follow-up: 61/100" in text
    assert "Overall: 53/100" in text
    assert "Two job leads are overdue. (rows 9 and 14 of interactions.csv)" in text
    assert "Next actions (top 2 of 3)" in text
    assert f"1. Follow up the job lead: {FORMULA}" in text
    assert f"2. Say thank you: {HOSTILE}" in text
    assert "Amara Ashwell gave you a lead on 15 July" not in text  # beyond --top
    assert "never left it" in text


def test_html_escapes_every_value(page: str) -> None:
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&#34;http://x&#34;)" in page
    assert "Report for &lt;Jo&gt;" in page
    assert _outline(page).scripts == 0


def test_html_is_self_contained(page: str) -> None:
    outline = _outline(page)
    assert outline.links, "charts are embedded"
    assert all(link.startswith("data:image/png;base64,") for link in outline.links)
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page, re.I)
    assert not re.search(r"url\(|@import", page, re.I)


def test_html_is_accessible(page: str) -> None:
    outline = _outline(page)
    assert outline.html_lang == "en-GB"
    assert outline.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert len(outline.images) == 5
    for image in outline.images:
        assert len(image["alt"]) > 30  # a finding, not "chart"
    assert page.count("<figcaption>") == 5
    assert outline.th_scopes and all(scope in ("col", "row") for scope in outline.th_scopes)


def test_html_has_scores_reasons_actions_settings_and_privacy(page: str) -> None:
    assert "Scores as of <strong>30 September 2025</strong>, from 4 contacts and" in page
    assert "7 interactions" in page
    for title, score in (("Reciprocity", 48), ("Channel mix", 50), ("Follow-up", 61)):
        assert f'<th scope="row">{title}</th><td class="number">{score}</td>' in page
    assert "(rows 9 and 14 of interactions.csv)" in page
    assert "Follow up the job lead" in page and "Say thank you" in page
    assert "Days to follow up a job lead</th><td>7</td>" in page
    assert "Target share of rich channels</th><td>50%</td>" in page
    assert "your network data never left it" in page
    assert 'alt="Rich channels were 25% of your 56 interactions' in page


def test_write_html_report_is_atomic_and_complete(report, log, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    written = write_html_report(report, log, target)
    assert written == target
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and text.rstrip().endswith("</html>")
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]  # no temp files left


def test_written_report_is_readable_by_its_owner_only(report, log, tmp_path: Path) -> None:
    # It names people, as the log does (new log files are 0600); it was 0644, readable by
    # every user of a shared server, while the reminders file was 0600.
    old = os.umask(0o022)
    try:
        target = write_html_report(report, log, tmp_path / "r.html")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o600
    target.chmod(0o644)  # an earlier report left readable by all is made private again
    write_html_report(report, log, target)
    assert target.stat().st_mode & 0o777 == 0o600
