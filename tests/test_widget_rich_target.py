"""The rich-channel target's rule and message agree, and a target the widget accepts never
shows as "0%": it is a share from 0.01 to 1 (1% to 100%)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import write_log

from netcoach.settings import Settings
from netcoach.widgets import score_my_network

RULE = "rich_channel_target must be a share from 0.01 to 1 (1% to 100%)"


@pytest.mark.parametrize("value", [0, 0.004, -0.5, 1.5])
def test_a_target_outside_the_rule_is_refused_in_its_words(value: float) -> None:
    with pytest.raises(ValueError) as caught:
        Settings(rich_channel_target=value)
    assert str(caught.value) == f"{RULE}, not {value}"


@pytest.mark.parametrize("value", [0.01, 1])
def test_the_ends_of_the_rule_are_accepted(value: float) -> None:
    assert Settings(rich_channel_target=value).rich_channel_target == value


def test_the_smallest_target_shows_as_one_percent(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", settings="[scoring]\nrich_channel_target = 0.01\n")
    view = score_my_network(None, folder=folder, today=dt.date(2024, 5, 1))
    assert view.rich_target.value == 1
    assert "the 1% target" in view.chart_views["channel_mix"].value


def test_a_zero_target_in_settings_toml_is_refused_with_the_rule(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log", settings="[scoring]\nrich_channel_target = 0\n")
    view = score_my_network(None, folder=folder, today=dt.date(2024, 5, 1))
    assert f"{RULE}, not 0" in view.message.value
