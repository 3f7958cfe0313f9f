"""The learner summary holds scores and counts only: nothing a learner typed can leak into it."""

from __future__ import annotations

import datetime as dt
import json
import re
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcoach.cli import main
from netcoach.log import NetworkLog
from netcoach.samples import load_sample, sample_path
from netcoach.scoring import score_log
from netcoach.summary import (
    ABOUT,
    GAP_CATEGORIES,
    NicknameError,
    build_summary,
    random_nickname,
    summary_json,
    summary_problems,
    validate_nickname,
    version_problem,
)

AS_OF = dt.date(2025, 9, 30)
TOKEN = st.text(alphabet=string.ascii_letters + string.digits, min_size=10, max_size=16)
WRAPS = (
    "{}",
    "<script>alert('{}')</script>",
    '=HYPERLINK("http://example.com/{}","x")',
    '"{}" & <b>',
    "{}@example.com",
    "https://www.example.com/in/{}",
    "  {} \\u0000 ",
)


def _hostile_log(tokens: list[str]) -> tuple[NetworkLog, list[str]]:
    """A small log whose every text field is a unique token inside a hostile wrapper."""
    planted: list[str] = []
    rows = []
    for i in range(4):

        def text(i=i, field=0, planted=planted):
            token = tokens[(i * 7 + field) % len(tokens)] + f"x{i}{field}"
            planted.append(token)
            return WRAPS[(i + field) % len(WRAPS)].format(token)

        cid = tokens[i % len(tokens)] + f"id{i}"
        planted.append(cid)
        rows.append(
            {
                "contact_id": cid,
                "name": text(field=1),
                "organisation": text(field=2),
                "role": text(field=3),
                "how_met": text(field=4),
                "tier": ("inner", "close", "active", "outer")[i],
                "cadence_days": "",
                "email": f"{tokens[0].lower()}{i}@example.com",
                "profile_url": f"https://www.example.com/in/{tokens[-1]}p{i}",
                "tags": text(field=5) + ";" + text(field=6),
                "notes": text(field=7),
            }
        )
        planted += [f"{tokens[0].lower()}{i}", f"{tokens[-1]}p{i}"]
    contacts = pd.DataFrame(rows)
    kinds = ["received_lead", "asked_advice", "shared", "received_help", "thanked", "check_in"]
    interactions = pd.DataFrame(
        {
            "date": [f"2025-0{m}-1{d}" for m in (6, 7, 8) for d in range(6)][:18],
            "contact_id": [rows[k % 4]["contact_id"] for k in range(18)],
            "channel": [("email", "in_person", "social")[k % 3] for k in range(18)],
            "kind": [kinds[k % len(kinds)] for k in range(18)],
            "initiated_by": [""] * 18,
            "note": [
                WRAPS[k % len(WRAPS)].format(tokens[k % len(tokens)] + f"n{k}") for k in range(18)
            ],
        }
    )
    planted += [tokens[k % len(tokens)] + f"n{k}" for k in range(18)]
    return NetworkLog.from_frames(contacts.astype(str), interactions.astype(str)), planted


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKEN, min_size=3, max_size=6, unique=True))
def test_no_text_from_the_log_reaches_the_summary(tokens):
    log, planted = _hostile_log(tokens)
    source = (log.contacts.to_csv() + log.interactions.to_csv()).casefold()
    assert all(t.casefold() in source for t in planted), "the log holds every planted token"
    summary = build_summary(score_log(log, as_of=AS_OF), log, "blue-fox")
    text = summary_json(summary)
    lowered = text.casefold()
    for token in planted:
        assert token.casefold() not in lowered, f"{token!r} leaked into the summary"
    for marker in ("<script", "hyperlink", "example.com", "@"):
        assert marker not in lowered
    assert summary_problems(json.loads(text)) == []


def test_only_allowed_strings_and_month_dates():
    log = load_sample("graduate")
    summary = build_summary(score_log(log), log, seed=3)
    strings = []

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            strings.append(value)

    walk(summary)
    allowed = {ABOUT, "netcoach-learner-summary", summary["nickname"], summary["as_of_month"]}
    assert set(strings) - allowed <= set(GAP_CATEGORIES)
    assert summary["as_of_month"] == "2025-09"
    text = summary_json(summary)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "no full dates"
    assert '"contact_id"' not in text and '"name"' not in text
    assert summary["scores"] == {k: v.score for k, v in score_log(log).scores.items()}
    assert summary["counts"]["asks"] == 79 and summary["counts"]["gives"] == 4
    assert "one_way_contacts" in summary["gaps"]


def test_the_about_text_says_what_is_and_is_not_inside():
    for word in ("scores", "counts", "no names", "email", "organisations", "notes", "exact dates"):
        assert word in ABOUT
    # past_cadence counts the never-contacted too, as the learner's report lists them apart
    assert "past their stay-in-touch cadence or never contacted" in ABOUT


@pytest.mark.parametrize("good", ["blue-fox", "Team 3", "learner_07", "Ada"])
def test_good_nicknames(good):
    assert validate_nickname(f"  {good} ") == good


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "ada@example.com",
        "ada.lovelace@example",
        "ada at example.com",
        "x" * 25,
        "<script>",
        "=HYPERLINK(1)",
        "Zoë",
        "a\nb",
        "-dash-first",
        "name;drop",
    ],
)
def test_bad_nicknames_are_refused(bad):
    with pytest.raises(NicknameError):
        validate_nickname(bad)


def test_random_id_is_seeded_and_valid():
    assert random_nickname(7) == random_nickname(7)
    assert random_nickname(7) != random_nickname(8)
    assert re.fullmatch(r"learner-[a-z2-9]{6}", random_nickname())


def test_schema_rejects_extra_fields_text_and_fine_dates():
    log = load_sample("experienced")
    good = build_summary(score_log(log), log, "jo")
    assert summary_problems(good) == []
    for mutate in (
        lambda s: s.__setitem__("name", "Jo Example"),
        lambda s: s["counts"].__setitem__("notes", "x"),
        lambda s: s.__setitem__("as_of_month", "2025-09-30"),
        lambda s: s.__setitem__("nickname", "jo@example.com"),
        lambda s: s.__setitem__("gaps", ["call Amara"]),
        lambda s: s.__setitem__("about", "anything"),
        lambda s: s["scores"].__setitem__("overall", 101),
        lambda s: s.__setitem__("schema_version", 2),
    ):
        bad = json.loads(json.dumps(good))
        mutate(bad)
        problems = summary_problems(bad)
        assert problems, "the schema accepted a changed summary"
        assert "Jo Example" not in " ".join(problems) and "Amara" not in " ".join(problems)


def test_each_problem_is_named_once():
    """A file that is no summary (the grader's checksums manifest, say) lacks every field;
    jsonschema reports each missing one, and the list of them must appear once, not once
    per field."""
    manifest = {"schema": 1, "exercises": {"04-channel-mix": {"checks": []}}}
    problems = summary_problems(manifest)
    assert len(problems) == len(set(problems)), problems
    missing = [p for p in problems if p.startswith("the file: missing ")]
    assert len(missing) == 1 and "schema_version, kind, about, nickname" in missing[0]


def test_another_version_is_named_plainly():
    log = load_sample("experienced")
    good = build_summary(score_log(log), log, "jo")
    assert version_problem(good) is None
    newer = version_problem(dict(good, schema_version=2))
    assert newer.startswith("made by a newer version of Network Coach") and "upgrade" in newer
    assert "make the summary again" in version_problem(dict(good, schema_version=0))
    for other in ([], dict(good, kind="other", schema_version=2), dict(good, schema_version="2")):
        assert version_problem(other) is None, "only a summary's whole-number version"


def test_command_writes_the_summary(tmp_path, capsys):
    out = tmp_path / "mine.json"
    code = main(
        ["summary", str(sample_path("graduate")), "--nickname", "blue-fox", "--out", str(out)]
    )
    assert code == 0
    data = json.loads(out.read_text())
    assert data["nickname"] == "blue-fox" and summary_problems(data) == []
    assert "Open it" in capsys.readouterr().err


def test_command_refuses_an_email_nickname(tmp_path, capsys):
    code = main(
        [
            "summary",
            str(sample_path("graduate")),
            "--nickname",
            "me@example.com",
            "--out",
            str(tmp_path / "x.json"),
        ]
    )
    assert code == 2
    assert "email" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_command_prints_with_dash_and_keeps_only_the_month(capsys):
    code = main(
        ["summary", str(sample_path("career-changer")), "--out", "-", "--as-of", "2025-08-17"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of_month"] == "2025-08"
    assert "2025-08-17" not in json.dumps(data)


def test_score_widget_button_writes_an_anonymous_summary(tmp_path):
    from netcoach.widgets.score_view import score_my_network

    widget = score_my_network("graduate", output_folder=tmp_path)
    assert "anonymous summary" in widget.summary_button.description
    widget.nickname_text.value = "me@example.com"
    widget.summary_button.click()
    assert widget.export_message.kind == "error" and "email" in widget.export_message.text
    assert list(tmp_path.iterdir()) == []
    widget.nickname_text.value = "blue-fox"
    widget.summary_button.click()
    path = tmp_path / "blue-fox-summary-2025-09.json"
    assert widget.export_message.kind == "success" and path.exists()
    data = json.loads(path.read_text())
    assert summary_problems(data) == [] and data["scores"]["overall"] == widget.report.overall.score


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_no_accepted_nickname_looks_like_an_email_or_markup(text):
    try:
        nick = validate_nickname(text)
    except NicknameError:
        return
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,23}", nick)
    assert "@" not in nick and "<" not in nick and "." not in nick


def test_past_cadence_counts_never_contacted_and_its_label_says_so():
    """The summary's past_cadence is the report's overdue plus never-contacted people (the
    report names them apart), so the words the cohort view shows must say both."""
    from netcoach.summary import GAP_LABELS

    log = load_sample("graduate")
    report = score_log(log)
    status = report.follow_up.details["cadence"]["status"]
    summary = build_summary(report, log, "Fox")
    assert (status == "never").sum() > 0  # the sample has someone never contacted
    assert summary["counts"]["past_cadence"] == int(status.isin(["overdue", "never"]).sum())
    assert "never contacted" in GAP_LABELS["past_cadence"]


def test_a_share_just_below_the_target_is_a_gap_though_it_rounds_to_it():
    # 99 phone and 100 email rows: a rich share of 0.4975, shared as 0.5, scores 99 on
    # channel mix; the gap used to be judged on the rounded 0.5 and was left out.
    from scoring_helpers import AS_OF, contact, event, make_log

    rows = [event("2025-09-01", "c1", "check_in", "phone") for _ in range(99)]
    rows += [event("2025-09-02", "c1", "check_in") for _ in range(100)]
    log = make_log([contact("c1")], rows)
    report = score_log(log, AS_OF)
    summary = build_summary(report, log, seed=1)
    assert report.channel_mix.score == 99 and summary["rich_share"] == 0.5
    assert "low_rich_share" in summary["gaps"]
