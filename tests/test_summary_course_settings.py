"""A summary is scored with the course's settings, so the cohort's medians add like with
like: a learner's own weights, targets and days change their report, not their summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from netcoach.cli import main
from netcoach.loading import load_log
from netcoach.samples import sample_path
from netcoach.scoring import score_log
from netcoach.settings import Settings

OWN = (
    "[scoring]\n"
    "rich_channel_target = 0.1\n"
    "lead_follow_up_days = 30\n"
    "thanks_days = 30\n"
    "weights = { reciprocity = 0, channel_mix = 1, follow_up = 0 }\n"
)
CADENCES = "[scoring]\ncadence_days = { inner = 7, close = 10, active = 20 }\n"
SENTENCE = "Its scores use the course's standard settings"


def _log_with(settings: str, tmp_path: Path) -> Path:
    folder = Path(shutil.copytree(sample_path("graduate"), tmp_path / "log"))
    (folder / "settings.toml").write_text(settings, encoding="utf-8")
    return folder


def _summary(folder: Path, tmp_path: Path, capsys) -> tuple[dict, str]:
    out = tmp_path / "s.json"
    assert main(["summary", str(folder), "--as-of", "2025-09-30", "--out", str(out)]) == 0
    return json.loads(out.read_text()), capsys.readouterr().err


def test_own_weights_and_targets_do_not_reach_the_summary(tmp_path, capsys):
    folder = _log_with(OWN, tmp_path)
    own = score_log(load_log(folder), "2025-09-30")
    assert own.channel_mix.score == 100 and own.overall.score == 100  # the reviewer's case
    standard = score_log(load_log(sample_path("graduate")), "2025-09-30", Settings())
    summary, err = _summary(folder, tmp_path, capsys)
    assert summary["scores"] == {k: r.score for k, r in standard.scores.items()}
    assert summary["scores"]["overall"] != 100
    assert SENTENCE in err


def test_the_learners_own_cadences_are_kept(tmp_path, capsys):
    folder = _log_with(CADENCES, tmp_path)
    log = load_log(folder)
    own = score_log(log, "2025-09-30")
    summary, err = _summary(folder, tmp_path, capsys)
    assert summary["scores"] == {k: r.score for k, r in own.scores.items()}
    assert SENTENCE not in err  # (nothing of the learner's own was set aside)


def test_the_course_settings_say_nothing_more(tmp_path, capsys):
    _, err = _summary(sample_path("graduate"), tmp_path, capsys)
    assert SENTENCE not in err


def test_the_widget_shares_standard_scores_whatever_its_sliders_say(tmp_path):
    from netcoach.widgets.score_view import score_my_network

    widget = score_my_network("graduate", output_folder=tmp_path)
    standard = {k: r.score for k, r in widget.report.scores.items()}
    widget._set_sliders(Settings(rich_channel_target=0.1, thanks_days=30))
    widget.refresh()
    assert widget.report.scores["channel_mix"].score != standard["channel_mix"]
    path = widget.export_summary()
    assert json.loads(path.read_text())["scores"] == standard
    assert SENTENCE in widget.export_message.text
