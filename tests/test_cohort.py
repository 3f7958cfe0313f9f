"""The cohort view: bad files are named and skipped, groups under five show nothing, no names."""

from __future__ import annotations

import json
import math
import re
import time
from html import escape as escape_html
from pathlib import Path

import pytest
from helpers import graduate_summary, write_summaries
from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.cli import main
from netcoach.cohort import (
    GAP_FOCUS,
    GAP_SCORE,
    MIN_GROUP,
    NO_SHARED_FOCUS,
    cohort_view,
    focus_sentences,
    gap_chart,
    gap_count,
    load_cohort,
    score_distribution_chart,
    skipped_text,
    view_text,
)
from netcoach.cohort_handout import PRIVACY, handout_html
from netcoach.cohort_samples import perturbed_summaries
from netcoach.summary import GAP_CATEGORIES, summary_json


@pytest.fixture(scope="module")
def base_summary() -> dict:
    return graduate_summary()


@pytest.fixture(autouse=True)
def any_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests hand-make summaries with the scores and gaps each case needs (gaps that no
    counts would give, say) to test the view's rules; that a summary's numbers must agree is
    tested in test_cohort_consistency.py."""
    monkeypatch.setattr("netcoach.cohort.consistency_problems", lambda _data: [])


def _write(folder: Path, summaries: list[dict]) -> Path:
    return write_summaries(folder, summaries)


def test_every_gap_has_a_focus():
    assert set(GAP_FOCUS) == set(GAP_CATEGORIES) == set(GAP_SCORE)


@pytest.mark.parametrize("focus", GAP_FOCUS.values(), ids=lambda f: f.gap)
def test_each_focus_names_its_chapter_as_the_book_does(focus) -> None:
    """'Chapter 6, Follow up and follow through (Do not overdo it)': the number, the title
    and a section heading of the chapter labelled ``focus.chapter``."""
    root = Path(__file__).resolve().parent.parent
    (page,) = [p for p in (root / "book").glob("*.md") if f"({focus.chapter})=" in p.read_text()]
    text = page.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", text, re.M)[1]
    sections = re.findall(r"^## (.+)$", text, re.M)
    named = re.fullmatch(r"Chapter (\d+), (.+?)(?: \((.+)\))?", focus.chapter_title)
    assert named, focus.chapter_title
    assert int(named[1]) == int(page.name[:2])
    assert named[2] == title
    assert named[3] is None or named[3] in sections


@pytest.mark.parametrize("n", [0, 1, 4])
def test_groups_under_five_show_nothing(tmp_path, base_summary, n):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, n, seed=n))
    view = cohort_view(load_cohort(folder))
    assert view.suppressed and view.size == n
    assert view.distributions == {} and view.gaps == []
    assert f"Fewer than {MIN_GROUP}" in view.message
    text = view_text(view)
    assert "median" not in text and "Gaps" not in text
    html = handout_html(view)
    assert "<img" not in html and "Middle half" not in html
    assert score_distribution_chart(view).alt_text == view.message


def test_five_unlock_the_view_but_no_score_of_one_learner(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 5, seed=5)
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    assert not view.suppressed and view.size == 5
    overall = sorted(s["scores"]["overall"] for s in summaries)
    assert len(set(overall)) == 5 and view.distributions["overall"].median is None
    text = view_text(view)
    scores = text.split("Scores")[1].split("A number")[0]
    assert "median not shown, middle half not shown" in scores and not re.search(r"\d", scores)
    assert "range" not in text and "lowest" not in text


@pytest.mark.parametrize("n", [5, 8, 9, 12, 16, 17, 40])
def test_every_score_shown_has_five_learners_on_each_side(tmp_path, base_summary, n):
    summaries = perturbed_summaries(base_summary, n, seed=n)
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    for key, d in view.distributions.items():
        assert not hasattr(d, "values") and not hasattr(d, "minimum"), "no single score kept"
        scores = [s["scores"][key] for s in summaries]
        for cut in (d.median, d.q1, d.q3):
            if cut is not None:
                below, above = sum(v <= cut for v in scores), sum(v >= cut for v in scores)
                assert min(below, above) >= MIN_GROUP, (key, cut)
        assert (d.median is not None) or n < 9, "nine learners always show the median"
        assert (d.middle_half is not None) or n < 17, "seventeen show the middle half"


def test_score_chart_quotes_only_what_it_shows(tmp_path, base_summary):
    view = cohort_view(load_cohort(_write(tmp_path / "c", perturbed_summaries(base_summary, 12))))
    chart = score_distribution_chart(view)
    shown = {str(v) for d in view.distributions.values() for v in (d.median, d.q1, d.q3)}
    assert set(re.findall(r"\d+", chart.alt_text)) <= shown | {"12", str(MIN_GROUP)}
    assert "one learner's score" not in chart.caption and "dot" not in chart.caption
    assert "median" in chart.caption.lower() and "at least 5" in chart.caption


def test_gaps_shared_by_fewer_than_five_are_hidden(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 8, seed=1)
    for i, s in enumerate(summaries):
        s["gaps"] = ["past_cadence"] + (["over_asking"] if i < 4 else [])
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    shown = {g.gap: g for g in view.gaps}
    assert shown["past_cadence"].at_least and shown["past_cadence"].count == 5  # not "8 of 8"
    assert shown["over_asking"].count is None and shown["over_asking"].shown == "fewer than 5"
    assert [f.gap for f in view.focus] == ["past_cadence"]
    assert "not shown" in gap_chart(view).alt_text


@pytest.mark.parametrize(
    ("channel_mix", "follow_up", "first"),
    [(30, 80, "low_rich_share"), (80, 30, "past_cadence")],
)
def test_tied_gaps_put_the_habit_with_the_lowest_median_first(
    tmp_path, base_summary, channel_mix, follow_up, first
):
    summaries = perturbed_summaries(base_summary, 10, seed=5)
    for i, s in enumerate(summaries):
        s["gaps"] = ["past_cadence", "low_rich_share"]
        s["scores"]["channel_mix"] = channel_mix + i % 3
        s["scores"]["follow_up"] = follow_up + i % 3
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    tied = [g for g in view.gaps if g.count is not None]
    assert [g.shown for g in tied] == [tied[0].shown] * 2, "both gaps show the same count"
    assert view.focus[0].gap == first
    assert view.distributions[GAP_SCORE[first]].median < 50


def test_bad_files_are_named_and_skipped(tmp_path, base_summary):
    good = perturbed_summaries(base_summary, 6, seed=2)
    folder = _write(tmp_path / "c", good)
    (folder / "broken.json").write_text("{not json")
    (folder / "other.json").write_text(json.dumps({"name": "Amara Osei", "score": 3}))
    wrong = dict(good[0], nickname="fresh", schema_version=99)
    (folder / "wrong-version.json").write_text(json.dumps(wrong))
    (folder / "zz-copy.json").write_text(summary_json(good[1]))
    renamed = json.loads(summary_json(good[2]))
    renamed["scores"]["overall"] = (renamed["scores"]["overall"] + 1) % 100
    (folder / "zz-same-nick.json").write_text(json.dumps(renamed))
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00\x81")
    (folder / "notes.txt").write_text("ignored: not json")
    cohort = load_cohort(folder)
    assert cohort.size == 6
    reasons = {p.file: p.reason for p in cohort.problems}
    # Of the two under one nickname for one month, the one whose content sorts first counts.
    [same_nick] = {"zz-same-nick.json", "learner-00002.json"} & set(reasons)
    assert set(reasons) == {
        "broken.json", "other.json", "wrong-version.json", "zz-copy.json",
        same_nick, "binary.json",
    }  # fmt: skip
    assert "not valid JSON" in reasons["broken.json"]
    assert "not a Network Coach summary" in reasons["other.json"]
    assert "newer version of Network Coach" in reasons["wrong-version.json"]
    assert "same summary as" in reasons["zz-copy.json"]
    assert "same nickname as" in reasons[same_nick]
    assert "Amara" not in " ".join(reasons.values()), "a problem never echoes file content"
    view = cohort_view(cohort)
    assert "broken.json" in skipped_text(view) and "Amara" not in skipped_text(view)
    assert "broken.json" not in view_text(view)  # file names can hold nicknames


def test_a_thousand_summaries(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 1000, seed=9)
    folder = _write(tmp_path / "c", summaries)
    (folder / "bad.json").write_text("[]")
    started = time.perf_counter()
    view = cohort_view(load_cohort(folder))
    elapsed = time.perf_counter() - started  # printed with -s, never asserted (CONTRIBUTING)
    print(f"\ncohort view of 1,000 summaries: {elapsed:.2f} s")
    assert view.size == 1000 and [p.file for p in view.problems] == ["bad.json"]
    assert view.distributions["reciprocity"].middle_half is not None
    chart = score_distribution_chart(view)
    assert "1000 learners" in chart.alt_text


def test_handout_escapes_and_shows_no_nicknames(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 10, seed=4)
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    html = handout_html(view, title="<script>alert(1)</script> & co")
    assert "<td>not shown</td>" in html and "at least 5 learners scored" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    for s in summaries:
        assert s["nickname"] not in html
    assert "@media print" in html and 'alt="Across 10 learners' in html
    assert "http://" not in html and "https://" not in html and "<link" not in html


def test_cohort_command_writes_a_handout(tmp_path, base_summary, capsys):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 5, seed=3))
    (folder / "oops.json").write_text("{")
    out = tmp_path / "handout.html"
    assert main(["cohort", str(folder), "--handout", str(out)]) == 0
    printed = capsys.readouterr()
    assert "5 learners" in printed.out and "oops.json" not in printed.out
    assert "Skipped 1 file(s):\n  oops.json: not valid JSON" in printed.err
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert main(["cohort", str(tmp_path / "missing")]) == 2


def test_cohort_notebook_is_thin_and_in_the_coaches_part():
    import nbformat
    import yaml

    root = Path(__file__).resolve().parent.parent
    notebook = nbformat.read(root / "notebooks" / "coach-cohort.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "no outputs"
    assert all(len(c.source.splitlines()) < 10 for c in code) and len(code) <= 7
    assert all("netcoach" in c.source or len(c.source.splitlines()) == 1 for c in code)
    parts = yaml.safe_load((root / "_toc.yml").read_text())["parts"]
    captions = [p["caption"] for p in parts]
    coaches = captions.index("For coaches")
    assert captions.index("Exercises") < coaches < captions.index("Appendices")
    files = [c["file"] for c in parts[coaches]["chapters"]]
    assert files[0] == "book/11-for-coaches" and "notebooks/coach-cohort" in files
    for page in ("facilitator-guide", "privacy", "live-notebooks"):
        assert f"book/coach/{page}" in files


def test_counts_that_would_single_out_the_few_without_a_gap_are_rounded_down(
    tmp_path, base_summary
):
    summaries = perturbed_summaries(base_summary, 12, seed=6)
    for i, s in enumerate(summaries):
        s["gaps"] = (["overdue_leads"] if i < 11 else []) + (["past_cadence"] if i < 7 else [])
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    shown = {g.gap: g for g in view.gaps}
    assert shown["overdue_leads"].shown == "at least 8 (66% or more)"  # never "11 of 12"
    assert shown["past_cadence"].shown == "7 (58%)"  # 5 without it: exact
    text = view_text(view) + gap_chart(view).alt_text
    assert not re.search(r"\b11\b", text.replace("2025-", ""))
    html = handout_html(view, chart=False)
    assert "at least 8 (66% or more)" in html and not re.search(r"\b11 \(", html)


def test_a_renamed_copy_counts_once_and_both_files_are_named(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 4, seed=7)
    folder = _write(tmp_path / "c", summaries)
    (folder / "zz-again.json").write_text(summary_json(dict(summaries[0], nickname="someone")))
    cohort = load_cohort(folder)
    assert cohort.size == 4, "four people, one of them twice, do not unlock the view"
    assert cohort_view(cohort).suppressed
    [problem] = cohort.problems
    assert problem.file == "zz-again.json" and f"{summaries[0]['nickname']}.json" in problem.reason


def test_a_copy_with_reordered_gaps_or_float_scores_counts_once(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 5, seed=8)
    first = summaries[0]
    assert len(first["gaps"]) >= 2
    edited = dict(first, nickname="again", gaps=list(reversed(first["gaps"])))
    edited["scores"] = {k: float(v) for k, v in first["scores"].items()}
    folder = _write(tmp_path / "c", summaries)
    (folder / "zz-edited.json").write_text(summary_json(edited))
    cohort = load_cohort(folder)
    assert cohort.size == 5
    [problem] = cohort.problems
    assert problem.file == "zz-edited.json" and "same summary as" in problem.reason


@pytest.mark.parametrize(("version", "made_by"), [(2, "a newer"), (0, "an older")])
def test_a_summary_from_another_version_says_so(tmp_path, base_summary, version, made_by):
    folder = _write(tmp_path / "c", [dict(base_summary, schema_version=version)])
    [problem] = load_cohort(folder).problems
    assert f"made by {made_by} version of Network Coach" in problem.reason
    assert "not an allowed value" not in problem.reason


def test_cohort_help_says_where_skipped_files_go(capsys):
    with pytest.raises(SystemExit):
        main(["cohort", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "named on stderr" in help_text


def test_a_file_json_cannot_parse_is_skipped_not_fatal(tmp_path, base_summary):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 5, seed=8))
    (folder / "deep.json").write_text("[" * 5000)  # RecursionError in json.loads
    (folder / "long.json").write_text('{"scores": ' + "9" * 5000 + "}")  # ValueError: digits
    cohort = load_cohort(folder)
    assert cohort.size == 5
    reasons = {p.file: p.reason for p in cohort.problems}
    assert set(reasons) == {"deep.json", "long.json"}
    assert all("not valid JSON" in r and "9999" not in r for r in reasons.values())


def test_a_summary_with_an_upper_case_ending_is_read(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 5, seed=10)
    folder = _write(tmp_path / "c", summaries[:4])
    (folder / "learner-00004.JSON").write_text(summary_json(summaries[4]))
    cohort = load_cohort(folder)
    assert cohort.size == 5 and not cohort.problems


def test_no_nickname_reaches_the_view_or_the_charts(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 17, seed=11)
    for i, s in enumerate(summaries):
        s["nickname"] = f"Quokka {i:02d}"
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    charts = [score_distribution_chart(view), gap_chart(view)]
    words = [view_text(view)] + [t for c in charts for t in (c.alt_text, c.caption)]
    assert view.distributions["overall"].middle_half is not None  # the fullest view there is
    assert not any("quokka" in w.lower() for w in words)


EMPTY_LIST = re.compile(r"<(ol|ul)>\s*</\1>")


def test_handout_says_run_the_standard_agenda_when_no_gap_is_shared_by_five(tmp_path, base_summary):
    summaries = perturbed_summaries(base_summary, 6, seed=5)  # (a group of 5 sees no gaps)
    for i, s in enumerate(summaries):
        s["gaps"] = [GAP_CATEGORIES[i % 2]] if i < 4 else []  # at most 2 share any gap
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    assert not view.suppressed and view.focus == []
    assert view_text(view).rstrip().endswith(NO_SHARED_FOCUS), "the terminal says it"
    html = handout_html(view, chart=False)
    today = html.split("<h2>What we will work on today</h2>")[1].split("</main>")[0]
    assert f"<p>{NO_SHARED_FOCUS}</p>" in today, "the handout says what the terminal says"
    assert not EMPTY_LIST.search(html), "no empty list"


@pytest.mark.parametrize("n", [0, 4, 5])
def test_handout_has_no_empty_list_and_one_privacy_note(tmp_path, base_summary, n):
    view = cohort_view(load_cohort(_write(tmp_path / "c", perturbed_summaries(base_summary, n))))
    html = handout_html(view, chart=False)
    assert html.count(PRIVACY) == 1
    assert not EMPTY_LIST.search(html)
    assert html.count("<h2>What we will work on today</h2>") == 1


@pytest.mark.parametrize("n", [0, 4, 5])
def test_handout_opens_the_focus_as_the_terminal_does(tmp_path, base_summary, n):
    """The handout's list of habits has the terminal's lead-in (say, 'too few summaries')."""
    view = cohort_view(load_cohort(_write(tmp_path / "c", perturbed_summaries(base_summary, n))))
    lead = focus_sentences(view)[0]
    today = handout_html(view, chart=False).split("<h2>What we will work on today</h2>")[1]
    assert today.lstrip().startswith(f"<p>{escape_html(lead, quote=False)}</p>")


@pytest.mark.parametrize("size", [5, 6, 9, 12, 250, 1000])
def test_a_gap_everyone_has_is_never_shown_as_everyone(size):
    everyone = gap_count("one_way_contacts", size, size)
    assert everyone.at_least and everyone.count < size
    assert "100%" not in everyone.shown and "or more" in everyone.shown
    percent = int(re.search(r"\((\d+)% or more\)", everyone.shown).group(1))
    assert percent <= 100 * everyone.count / size  # rounded down: still a lower bound
    # Everyone but a few looks the same as everyone, so neither is told apart.
    for count in range(max(MIN_GROUP, size - MIN_GROUP + 1), size):
        assert gap_count("one_way_contacts", count, size) == everyone


@pytest.mark.parametrize("size", [5, 6, 7, 12])
def test_a_group_of_five_sees_nothing_that_depends_on_its_gaps(tmp_path, base_summary, size):
    # A group of five used to see "at least 4 (80% or more)" for a gap all five had, and
    # "fewer than 5" for one four had: so "at least 4" said that every learner had the gap.
    # Now what a group of five sees is the same whoever has which gap; from six, a gap that
    # everyone has and one that all but one have look the same (so no one is singled out).
    views = []
    for shared in (size, size - 1, 0):
        summaries = perturbed_summaries(base_summary, size, seed=8)
        for i, s in enumerate(summaries):
            s["gaps"] = ["one_way_contacts"] if i < shared else []
        views.append(cohort_view(load_cohort(_write(tmp_path / f"c{size}-{shared}", summaries))))
    texts = [
        view_text(v) + gap_chart(v).alt_text + gap_chart(v).caption + handout_html(v, chart=False)
        for v in views
    ]
    everyone, all_but_one, nobody = texts
    assert not views[0].suppressed
    assert everyone == all_but_one, "a gap everyone has must look like one all but one have"
    if size == MIN_GROUP:
        assert views[0].gaps_withheld
        assert everyone == nobody
        assert "No gap is shown in a group of 5" in everyone
        assert focus_sentences(views[0])[0].startswith("Too few summaries to tailor")
    else:
        assert not views[0].gaps_withheld and everyone != nobody
        assert "at least" in gap_chart(views[0]).alt_text


@pytest.mark.parametrize("n", [5, 8])
def test_learners_who_tie_never_unlock_a_score_below_nine(tmp_path, base_summary, n):
    # Five who all scored 100 used to count as five at or below 100 and five at or above
    # it, so "median 100" told the coach every learner's channel-mix score.
    summaries = perturbed_summaries(base_summary, n, seed=3)
    for s in summaries:
        s["scores"]["channel_mix"] = 100
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    assert all(d.median is None and d.middle_half is None for d in view.distributions.values())
    text = view_text(view) + handout_html(view)
    assert "100" not in view_text(view).split("Scores")[1].split("A number")[0]
    assert score_distribution_chart(view).alt_text.startswith("No median is shown")
    assert "median 100" not in text


def test_a_score_nearly_everyone_shares_is_not_shown(tmp_path, base_summary):
    # Twelve learners, nine of them at 100: "median 100, middle half 100 to 100" said that
    # at least nine scored exactly 100; fewer than five scored anything else.
    summaries = perturbed_summaries(base_summary, 12, seed=4)
    for s in summaries[:9]:
        s["scores"]["channel_mix"] = 100
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    channel = view.distributions["channel_mix"]
    assert channel.median is None and channel.middle_half is None
    assert view.distributions["overall"].median is not None  # the others are still shown
    alt = score_distribution_chart(view).alt_text
    assert "The median of channel mix is not shown." in alt
    assert "Channel mix is the weakest" not in alt and "median 100" not in alt


@given(
    scores=st.lists(st.sampled_from([0, 40, 55, 80, 100]), min_size=5, max_size=40),
    share=st.sampled_from([0.25, 0.5, 0.75]),
)
@settings(max_examples=200, deadline=None)
def test_a_shown_number_always_has_five_others_around_it(scores, share):
    import numpy as np

    from netcoach.cohort import shown_cut

    values = np.asarray(scores, dtype=float)
    cut = shown_cut(values, share)
    if cut is not None:
        ordered = sorted(scores)
        place = (len(scores) - 1) * share
        assert math.floor(place) + 1 >= MIN_GROUP and len(scores) - math.ceil(place) >= MIN_GROUP
        assert sum(v != cut for v in ordered) >= MIN_GROUP  # not (nearly) everyone's score
        assert sum(v <= cut for v in ordered) >= MIN_GROUP <= sum(v >= cut for v in ordered)


@pytest.mark.parametrize("newer_first", [False, True])
def test_of_two_summaries_under_one_nickname_the_newer_month_counts(
    tmp_path, base_summary, newer_first
):
    summaries = perturbed_summaries(base_summary, 6, seed=6)
    folder = _write(tmp_path / "c", summaries)
    older = dict(json.loads(summary_json(summaries[0])), as_of_month="2025-08")
    older["scores"]["overall"] = (older["scores"]["overall"] + 7) % 100  # another month's
    # File names sort the other way round to the months, either way.
    name = "0-older.json" if not newer_first else "zz-older.json"
    (folder / name).write_text(json.dumps(older))
    cohort = load_cohort(folder)
    assert cohort.size == 6
    kept = {f: s["as_of_month"] for f, s in cohort.summaries.items()}
    assert name not in kept and set(kept.values()) == {summaries[0]["as_of_month"]}
    [problem] = cohort.problems
    assert problem.file == name
    assert problem.reason.startswith("an older summary (2025-08), sent under the same nickname as")
    assert cohort.notes == []  # (the older one is not counted, so no month note)


def test_a_summary_from_an_earlier_month_is_left_out_and_named(tmp_path, base_summary, capsys):
    """Only the newest month counts: an earlier month's summary could be a learner who also
    sent this month's under another id."""
    summaries = perturbed_summaries(base_summary, 6, seed=7)
    summaries[2] = dict(summaries[2], as_of_month="2023-01")
    folder = _write(tmp_path / "c", summaries)
    view = cohort_view(load_cohort(folder))
    assert view.size == 5 and view.problems == [] and view.notes == []
    [left_out] = view.left_out
    assert left_out.file == f"{summaries[2]['nickname']}.json"
    assert "made for 2023-01, not the month most summaries here were made for (2025-09)" in (
        left_out.reason
    )
    assert "Left out 1 summary file(s)" in skipped_text(view)
    assert left_out.file not in view_text(view)
    assert main(["cohort", str(folder)]) == 0
    assert left_out.file in capsys.readouterr().err  # for the coach alone, like skipped files


def test_a_folder_without_summaries_says_what_it_holds(tmp_path, base_summary):
    from netcoach.samples import sample_path

    log = cohort_view(load_cohort(sample_path("graduate")))
    assert "this is a learner's log folder, not a folder of summaries" in skipped_text(log)
    nested = tmp_path / "nest"
    _write(nested / "a", perturbed_summaries(base_summary, 3, seed=1))
    _write(nested / "b", perturbed_summaries(base_summary, 3, seed=2))
    text = skipped_text(cohort_view(load_cohort(nested)))
    assert "folders inside it are not read, and a and b hold some" in text
    (tmp_path / "empty").mkdir()
    assert "no summary files (*.json) here" in skipped_text(
        cohort_view(load_cohort(tmp_path / "empty"))
    )


def test_a_log_file_among_the_summaries_is_named_as_one(tmp_path, base_summary):
    from netcoach.samples import sample_path

    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 5, seed=5))
    contacts = (sample_path("graduate") / "contacts.csv").read_text(encoding="utf-8")
    (folder / "contacts.json").write_text(contacts, encoding="utf-8")
    [problem] = load_cohort(folder).problems
    assert problem.reason.startswith("a learner's log (it names the people they know)")
    assert "@" not in problem.reason  # never its content
