"""The ``weights`` setting: a partial table keeps the other weights, a negative, unknown or
not-a-number weight is refused with a message that names it, and the overall score's reason
says when it is a weighted average (leaving a weight-0 score out of strongest and weakest)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from helpers import write_log
from scoring_helpers import AS_OF, contact, event, make_log
from test_settings_file import settings_problem

from netcoach.loading import load_log
from netcoach.scoring import overall_score, score_log
from netcoach.scoring.results import ScoreResult
from netcoach.settings import Settings

NAMES = ("reciprocity", "channel_mix", "follow_up")
SETTINGS = "as_of = 2024-06-30\n[scoring]\nweights = {weights}\n"


def parts(*raw: float) -> list[ScoreResult]:
    """The three scores as ``score_log`` makes them, with these raw scores."""
    return [
        ScoreResult(n, round(r), {"raw_score": r, "interactions": 10}, [])
        for n, r in zip(NAMES, raw, strict=True)
    ]


def reason_texts(raw: tuple[float, ...], **weights: float) -> list[str]:
    settings = Settings().replace(weights=weights) if weights else Settings()
    return [r.text for r in overall_score(parts(*raw), settings).reasons]


# ------------------------------------------------------------ (a) a partial table


def test_a_partial_weights_table_keeps_the_other_weights(tmp_path: Path) -> None:
    # `weights = { reciprocity = 2 }` used to leave channel_mix out, and scoring crashed
    # with KeyError: 'channel_mix'.
    log = load_log(
        write_log(tmp_path / "log", settings=SETTINGS.format(weights="{ reciprocity = 2 }"))
    )
    weights = dict(log.folder_settings.scoring.weights)
    assert weights == {"reciprocity": 2.0, "channel_mix": 1.0, "follow_up": 1.0}
    report = score_log(log)
    raw = [report.reciprocity, report.channel_mix, report.follow_up]
    expected = (
        2 * raw[0].components["raw_score"] + sum(p.components["raw_score"] for p in raw[1:])
    ) / 4
    assert report.overall.components["raw_score"] == pytest.approx(expected)


def test_weights_given_in_code_are_merged_too() -> None:
    assert dict(Settings(weights={"follow_up": 3}).weights) == {
        "reciprocity": 1.0,
        "channel_mix": 1.0,
        "follow_up": 3.0,
    }
    halved = Settings().replace(weights={"reciprocity": 0.5}).replace(weights={"follow_up": 2})
    assert dict(halved.weights) == {"reciprocity": 0.5, "channel_mix": 1.0, "follow_up": 2.0}


# ------------------------------------------------------------ (b) negative, not a number


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        (
            "{ reciprocity = -1, channel_mix = 1, follow_up = 1 }",
            "[scoring] weights.reciprocity must be 0 or more, not -1; "
            "write it like weights = { reciprocity = 1 }",
        ),
        (
            "{ follow_up = -0.5 }",
            "[scoring] weights.follow_up must be 0 or more, not -0.5; "
            "write it like weights = { follow_up = 1 }",
        ),
        (
            "{ channel_mix = nan }",
            "[scoring] weights.channel_mix must be a number, not nan; "
            "write it like weights = { channel_mix = 0.5 }",
        ),
        (
            "{ channel_mix = inf }",
            "[scoring] weights.channel_mix must be a number, not inf; "
            "write it like weights = { channel_mix = 0.5 }",
        ),
        (
            "{ reciprocity = true }",
            "[scoring] weights.reciprocity must be a number, not true; "
            "write it like weights = { reciprocity = 0.5 }",
        ),
        (
            "{ reciprocity = 0, channel_mix = 0, follow_up = 0 }",
            "[scoring] weights must not all be 0: give at least one score a weight above 0; "
            "write it like weights = { reciprocity = 1, channel_mix = 1, follow_up = 2 }",
        ),
        (
            "2",
            "[scoring] weights must be a table, not 2; "
            "write it like weights = { reciprocity = 1, channel_mix = 1, follow_up = 2 }",
        ),
    ],
)
def test_a_weight_that_is_negative_or_not_a_number_is_refused(
    tmp_path: Path, weights: str, expected: str
) -> None:
    # A weight of -1 used to give "Overall: 142/100", and the summary command then crashed.
    assert settings_problem(tmp_path, SETTINGS.format(weights=weights)) == expected


@pytest.mark.parametrize("value", [-1, -1e-9, float("-inf"), float("nan"), "1", None])
def test_weights_made_in_code_are_checked_too(value: object) -> None:
    with pytest.raises(ValueError, match=r"^weights\.follow_up must be"):
        Settings(weights={"follow_up": value})


@pytest.mark.parametrize(
    "weights",
    [
        {"reciprocity": 0, "channel_mix": 0, "follow_up": 1},
        {"reciprocity": 1e308, "channel_mix": 1e308, "follow_up": 1e308},
        {"reciprocity": 5e-324, "channel_mix": 0, "follow_up": 0},
        {"reciprocity": 3, "channel_mix": 0.25, "follow_up": 7},
    ],
)
@pytest.mark.parametrize("raw", [(0, 0, 0), (100, 100, 100), (0, 100, 37.5), (100, 0, 62.5)])
def test_the_overall_score_stays_between_0_and_100(weights: dict, raw: tuple) -> None:
    overall = overall_score(parts(*raw), Settings(weights=weights))
    assert 0 <= overall.score <= 100
    assert math.isfinite(overall.components["raw_score"])
    assert min(raw) - 1e-9 <= overall.components["raw_score"] <= max(raw) + 1e-9


# ------------------------------------------------------------ (c) unknown names


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        (
            "{ reciprocity = 1, channel_mix = 1, follow_up = 1, typo = 5 }",
            "[scoring] unknown setting(s) ['typo'] in weights; "
            "it may weigh reciprocity, channel_mix and follow_up",
        ),
        (
            "{ followup = 2 }",
            "[scoring] unknown setting(s) ['followup'] (did you mean follow_up?) in weights; "
            "it may weigh reciprocity, channel_mix and follow_up",
        ),
    ],
)
def test_an_unknown_weight_is_refused_by_name(tmp_path: Path, weights: str, expected: str) -> None:
    # `typo = 5` used to be kept and ignored; `followup = 2` left follow-up at 1, unsaid.
    assert settings_problem(tmp_path, SETTINGS.format(weights=weights)) == expected


# ------------------------------------------------------------ (d) the overall reason


def test_equal_weights_keep_the_sentence_the_book_quotes() -> None:
    expected = [
        "The overall score is the average of reciprocity 25, channel mix 67, follow-up 100.",
        "Your strongest area is follow-up; the one to work on first is reciprocity.",
    ]
    assert reason_texts((25, 67, 100)) == expected
    assert reason_texts((25, 67, 100), reciprocity=2, channel_mix=2, follow_up=2) == expected


def test_unequal_weights_are_said_and_a_zero_weight_is_not_the_one_to_work_on() -> None:
    # The reason used to say "the average of reciprocity 25, ..." and name reciprocity,
    # which did not count at all, as the one to work on first.
    assert reason_texts((25, 67, 100), reciprocity=0) == [
        "The overall score is a weighted average of reciprocity 25 (weight 0, not counted), "
        "channel mix 67 (weight 1), follow-up 100 (weight 1).",
        "Your strongest area is follow-up; the one to work on first is channel mix.",
    ]
    assert reason_texts((25, 67, 100), follow_up=0, channel_mix=0.5) == [
        "The overall score is a weighted average of reciprocity 25 (weight 1), "
        "channel mix 67 (weight 0.5), follow-up 100 (weight 0, not counted).",
        "Your strongest area is channel mix; the one to work on first is reciprocity.",
    ]


def test_only_one_counted_score_names_no_strongest_or_weakest() -> None:
    texts = reason_texts((25, 67, 100), reciprocity=0, channel_mix=0)
    assert texts == [
        "The overall score is a weighted average of reciprocity 25 (weight 0, not counted), "
        "channel mix 67 (weight 0, not counted), follow-up 100 (weight 1).",
    ]


def test_a_weighted_overall_from_a_log_says_so() -> None:
    log = make_log([contact("ann")], [event("2025-09-01", "ann", "asked_advice", "email")])
    report = score_log(log, AS_OF, Settings(weights={"reciprocity": 3}))
    assert report.overall.reasons[0].text.startswith(
        "The overall score is a weighted average of reciprocity "
    )
    assert "(weight 3)" in report.overall.reasons[0].text
