"""A setting accepted but with no effect as written is warned about, never silently kept:
ask_window_days longer than lookback_days (asks are only read inside the look-back window)."""

from __future__ import annotations

from pathlib import Path

from helpers import folder_digest, write_log

from netcoach import settings
from netcoach.cli import main


def _score(folder: Path, capsys) -> str:
    """stderr of `netcoach score folder --top 0` (which must succeed)."""
    assert main(["score", str(folder), "--top", "0"]) == 0
    return capsys.readouterr().err


def test_an_ask_window_longer_than_the_look_back_is_warned_about(tmp_path, capsys) -> None:
    folder = write_log(
        tmp_path / "log",
        settings="as_of = 2024-06-30\n[scoring]\nlookback_days = 365\nask_window_days = 400\n",
    )
    before = folder_digest(folder)
    err = _score(folder, capsys)
    assert (
        f"netcoach: warning: {folder / 'settings.toml'}: [scoring] ask_window_days = 400 is "
        "longer than lookback_days = 365"
    ) in err
    assert "set ask_window_days to 365 or less, or lookback_days to 400 or more" in err
    assert folder_digest(folder) == before  # a warning only: the file is left as it is


def test_settings_that_work_give_no_warning(tmp_path, capsys) -> None:
    folder = write_log(
        tmp_path / "log",
        settings="as_of = 2024-06-30\n[scoring]\nlookback_days = 365\nask_window_days = 365\n",
    )
    assert "ask_window_days" not in _score(folder, capsys)
    assert settings.settings_warnings(settings.Settings()) == []


def test_the_glossary_says_older_rows_still_count_for_staying_in_touch() -> None:
    # It said older rows "do not count", but the stay-in-touch cadence reads the latest row
    # with each person however old (scoring/follow_up.last_contact reads all the history).
    glossary = Path(__file__).resolve().parent.parent / "book" / "appendix" / "glossary.md"
    entry = glossary.read_text(encoding="utf-8").split("Look-back window\n", 1)[1].split("\n\n")[0]
    assert "do not count" not in entry
    assert "staying in touch" in entry and "however old" in entry
