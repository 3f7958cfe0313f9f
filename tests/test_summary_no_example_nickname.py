"""No nickname is suggested to the whole room: the widget's nickname box and the refusals give
no example name (a nickname everyone copies leaves one learner in the cohort view)."""

from __future__ import annotations

import re

import pytest

from netcoach.cli import main
from netcoach.samples import sample_path
from netcoach.summary import NicknameError, validate_nickname

QUOTED_NAME = re.compile(r"'[a-z]+-[a-z]+'|e\.g\.|for example", re.I)


def test_the_widgets_nickname_box_suggests_no_name():
    from netcoach.widgets.score_view import score_my_network

    placeholder = score_my_network("graduate", output_folder=None).nickname_text.placeholder
    assert "blue-fox" not in placeholder and not QUOTED_NAME.search(placeholder)
    assert "random id" in placeholder


@pytest.mark.parametrize("nickname", ["jo@example.com", "Una Underhay", "underhay", "  "])
def test_a_refusal_suggests_no_name(nickname):
    from netcoach.loading import load_log

    with pytest.raises(NicknameError) as refused:
        validate_nickname(nickname, load_log(sample_path("graduate")).contacts["name"])
    assert "blue-fox" not in str(refused.value) and not QUOTED_NAME.search(str(refused.value))


def test_the_command_suggests_no_name(capsys):
    assert main(["summary", str(sample_path("graduate")), "--nickname", "x@y.org"]) != 0
    err = capsys.readouterr().err
    assert "--nickname" in err and "blue-fox" not in err and not QUOTED_NAME.search(err)
