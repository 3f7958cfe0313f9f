"""`score --as-of` far after the log, or after today, warns 'check the year' as the widget
does (the scores are still printed: it may be meant)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import write_log

from netcoach import settings
from netcoach.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "graduate"
TODAY = dt.date(2025, 10, 1)


def test_far_off_as_of_warns_on_stderr(capsys) -> None:
    assert main(["score", str(SAMPLE), "--as-of", "2099-02-01", "--top", "0"]) == 0
    captured = capsys.readouterr()
    assert (
        "netcoach: warning: --as-of 2099-02-01 is 73 years after your last logged "
        "interaction, so no interaction falls in the look-back window: check the year"
    ) in captured.err
    assert "check the year" not in captured.out and "Overall:" in captured.out


def test_a_far_off_as_of_in_settings_names_the_file(tmp_path: Path, capsys) -> None:
    folder = write_log(tmp_path / "log", settings="as_of = 2031-01-01\n")
    assert main(["score", str(folder), "--top", "0"]) == 0
    err = capsys.readouterr().err
    assert f"{folder / 'settings.toml'}: as_of = 2031-01-01 is 6 years after your last" in err


def test_an_as_of_within_the_window_gives_no_warning(capsys) -> None:
    assert main(["score", str(SAMPLE), "--as-of", "2025-10-15", "--top", "0"]) == 0
    assert "check the year" not in capsys.readouterr().err


def test_far_off_as_of_checks_the_log_then_today() -> None:
    last = dt.date(2025, 9, 1)
    assert settings.far_off_as_of(dt.date(2026, 9, 1), TODAY, last, 365) is None
    assert settings.far_off_as_of(dt.date(2026, 9, 2), TODAY, last, 365).startswith(
        "is 12 months after your last logged interaction"
    )
    assert settings.far_off_as_of(dt.date(2026, 10, 1), TODAY, None, 365) is None
    assert settings.far_off_as_of(dt.date(2026, 10, 2), TODAY, None, 365) == (
        "is 12 months after today: check the year"
    )
    assert settings.far_off_as_of(dt.date(2099, 2, 1), TODAY, None, 365) == (
        "is 73 years after today: check the year"
    )
