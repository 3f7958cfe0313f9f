"""``netcoach import`` checks --timezone, --since and --until before it reads any file.

A bad option is named as the option (not as a field of a file), and nothing is written.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, snapshot

from netcoach.cli import EXIT_BAD_INPUT, main
from netcoach.importers import ImportOptions, SourceFile, import_into
from netcoach.validation import LogValidationError

CALENDAR = FIXTURES / "calendar.ics"
NO_EVENTS = b"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\nEND:VCALENDAR\n"


def _refused(args, capsys) -> str:
    assert main(["import", *args]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize("zone", ["Mars/Olympus", "America", ""])
@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_bad_timezone_names_the_option_and_writes_nothing(
    zone, dry_run, learner_log, tmp_path, capsys
):
    before = snapshot(learner_log)
    err = _refused(
        [str(CALENDAR), "--into", str(learner_log), "--timezone", zone, *dry_run], capsys
    )
    assert err.startswith(f"netcoach: --timezone {zone!r} is not a known time zone")
    assert "Europe/London" in err
    assert "X-WR-TIMEZONE" not in err and "calendar.ics" not in err
    assert snapshot(learner_log) == before
    new = tmp_path / "not-yet"
    _refused([str(CALENDAR), "--into", str(new), "--timezone", zone, *dry_run], capsys)
    assert not new.exists()


def test_the_timezone_is_checked_before_any_file_is_read(tmp_path, capsys):
    empty = tmp_path / "empty.ics"  # a calendar with no events: it was never checked
    empty.write_bytes(NO_EVENTS)
    err = _refused(
        [str(empty), "--into", str(tmp_path / "log"), "--timezone", "Mars/Olympus"], capsys
    )
    assert "--timezone 'Mars/Olympus'" in err
    missing = tmp_path / "nowhere.ics"
    err = _refused(
        [str(missing), "--into", str(tmp_path / "log"), "--timezone", "Mars/Olympus"], capsys
    )
    assert "--timezone 'Mars/Olympus'" in err and "no such file" not in err
    assert not (tmp_path / "log").exists()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_since_after_until_is_refused_and_writes_nothing(dry_run, learner_log, tmp_path, capsys):
    before = snapshot(learner_log)
    window = ["--since", "2024-04-01", "--until", "2024-03-01"]
    err = _refused([str(CALENDAR), "--into", str(learner_log), *window, *dry_run], capsys)
    assert err.startswith("netcoach: --since 2024-04-01 is after --until 2024-03-01")
    assert snapshot(learner_log) == before
    new = tmp_path / "not-yet"
    _refused([str(CALENDAR), "--into", str(new), *window, *dry_run], capsys)
    assert not new.exists()


def test_one_day_windows_and_a_good_timezone_still_import(learner_log, capsys):
    args = [str(CALENDAR), "--into", str(learner_log), "--dry-run", "--timezone", "Europe/Paris"]
    assert main(["import", *args, "--since", "2024-04-20", "--until", "2024-04-20"]) == 0
    assert "dry run" in capsys.readouterr().out


def _calendar_with_zone(zone: str) -> SourceFile:
    text = CALENDAR.read_text(encoding="utf-8").replace(
        "X-WR-TIMEZONE:Europe/London", f"X-WR-TIMEZONE:{zone}"
    )
    return SourceFile("zoned.ics", text.encode("utf-8"))


@pytest.mark.parametrize("zone", ["Mars/Olympus", "America"])
def test_a_bad_zone_inside_the_file_still_names_the_field(zone, learner_log, capsys):
    before = snapshot(learner_log)
    with pytest.raises(LogValidationError) as caught:
        import_into(learner_log, [_calendar_with_zone(zone)], dry_run=True)
    [problem] = caught.value.problems
    assert (problem.file, problem.column) == ("zoned.ics", "X-WR-TIMEZONE")
    assert problem.message == f'"{zone}" is not a known time zone'
    assert snapshot(learner_log) == before


def test_a_chosen_zone_replaces_the_files_own(learner_log):
    summary = import_into(
        learner_log,
        [_calendar_with_zone("Mars/Olympus")],
        ImportOptions(timezone="Europe/London"),
        dry_run=True,
    )
    assert summary.interactions_added > 0


def test_a_bad_chosen_zone_is_not_blamed_on_the_file(learner_log):
    """Callers other than the command line (the library) are told it is their choice."""
    for source in (SourceFile.from_path(CALENDAR), SourceFile("empty.ics", NO_EVENTS)):
        with pytest.raises(LogValidationError) as caught:
            import_into(learner_log, [source], ImportOptions(timezone="Mars/Olympus"))
        [problem] = caught.value.problems
        assert problem.column is None
        assert "you chose" in problem.message and "Europe/London" in problem.message


def test_a_timezone_typed_in_another_case_is_the_same_zone(learner_log, capsys):
    outputs = []
    for zone in ("Europe/Paris", "europe/paris", "EUROPE/PARIS"):
        args = [str(CALENDAR), "--into", str(learner_log), "--dry-run", "--timezone", zone]
        assert main(["import", *args, "--json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]


def test_import_options_refuse_since_after_until():
    """The library refuses the window too, not only the command line."""
    import datetime as dt

    with pytest.raises(ValueError, match="since 2024-04-01 is after until 2024-03-01"):
        ImportOptions(since=dt.date(2024, 4, 1), until=dt.date(2024, 3, 1))
    assert ImportOptions(since=dt.date(2024, 4, 1), until=dt.date(2024, 4, 1)).since
