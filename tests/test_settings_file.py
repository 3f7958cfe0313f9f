"""A log folder's ``settings.toml``: every mistake is refused with a message that names the
setting and shows how to write it, never ignored or read as something else."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_log
from scoring_helpers import contact, event, make_log

from netcoach.cli import EXIT_BAD_INPUT, main
from netcoach.loading import load_log
from netcoach.schema import TIERS
from netcoach.scoring import score_log
from netcoach.settings import DAY_SETTINGS as DAY_SETTING_NAMES
from netcoach.settings import MAX_DAYS, Settings
from netcoach.validation import LogValidationError

DAY_FIRST_DATES = (
    "date,contact_id,channel,kind,initiated_by,note\n05/04/2024,c001,in_person,first_meeting,me,\n"
)


def settings_problem(tmp_path: Path, settings: str, **kw) -> str:
    """The one problem loading finds in a log whose ``settings.toml`` is ``settings``."""
    with pytest.raises(LogValidationError) as info:
        load_log(write_log(tmp_path / "log", settings=settings, **kw))
    [problem] = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("settings.toml", None, None)
    return problem.message


@pytest.mark.parametrize("written", ['"false"', '"no"', "0", '"true"'])
def test_day_first_must_be_true_or_false_without_quotes(tmp_path: Path, written: str) -> None:
    # A quoted "false" used to count as true, so 05/04 was read as 5 April with no word.
    message = settings_problem(tmp_path, f"day_first = {written}\n", interactions=DAY_FIRST_DATES)
    assert message == (
        f"day_first = {written} is not true or false; write it without quotes, "
        "like day_first = false"
    )


def test_day_first_false_reads_the_month_first(tmp_path: Path) -> None:
    log = load_log(
        write_log(tmp_path / "log", interactions=DAY_FIRST_DATES, settings="day_first = false\n")
    )
    assert log.interactions["date"].iloc[0].date().isoformat() == "2024-05-04"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ("dayfirst = false\n", "unknown setting(s) ['dayfirst'] (did you mean day_first?)"),
        ('asof = "2025-05-10"\n', "unknown setting(s) ['asof'] (did you mean as_of?)"),
        ("colour = 3\n", "unknown setting(s) ['colour']"),
        (
            "[scoring]\nthanks_day = 3\n",
            "unknown setting(s) ['thanks_day'] (did you mean thanks_days?) in [scoring]",
        ),
        ("scoring = 3\n", "scoring must be a table: a line [scoring], then its settings"),
    ],
)
def test_a_misspelt_or_unknown_setting_is_refused(tmp_path, settings, expected) -> None:
    assert settings_problem(tmp_path, settings) == expected


WHOLE, NUMBER = "a whole number", "a number"


@pytest.mark.parametrize(
    ("line", "name", "kind", "shown", "form"),
    [
        ("thanks_days = 2.5", "thanks_days", WHOLE, "2.5", "thanks_days = 7"),
        ("thanks_days = true", "thanks_days", WHOLE, "true", "thanks_days = 7"),
        ('ask_window_days = "7"', "ask_window_days", WHOLE, '"7"', "ask_window_days = 7"),
        ("lookback_days = inf", "lookback_days", WHOLE, "inf", "lookback_days = 7"),
        ("max_asks_in_window = 1.5", "max_asks_in_window", WHOLE, "1.5", "max_asks_in_window = 7"),
        ("rich_channel_target = true", "rich_channel_target", NUMBER, "true", "rich_channel_target = 0.5"),  # noqa: E501
        ("cadence_days = { inner = 1.5 }", "cadence_days.inner", WHOLE, "1.5", "cadence_days = { inner = 7 }"),  # noqa: E501
        ('weights = { reciprocity = "x" }', "weights.reciprocity", NUMBER, '"x"', "weights = { reciprocity = 0.5 }"),  # noqa: E501
    ],
)  # fmt: skip
def test_a_scoring_setting_of_the_wrong_kind_is_refused(tmp_path, line, name, kind, shown, form):
    # 2.5 days used to crash deep inside scoring; true was read as 1 day.
    expected = f"[scoring] {name} must be {kind}, not {shown}; write it like {form}"
    assert settings_problem(tmp_path, f"[scoring]\n{line}\n") == expected


DAY_SETTINGS = [
    *DAY_SETTING_NAMES,
    *(f"cadence_days.{tier}" for tier in TIERS),
]


def day_line(name: str, value: int) -> str:
    table, _, key = name.rpartition(".")
    return f"{table} = {{ {key} = {value} }}" if table else f"{name} = {value}"


@pytest.mark.parametrize("name", DAY_SETTINGS)
@pytest.mark.parametrize("value", [0, -3, MAX_DAYS + 1, 100_000, 3_000_000, 10**20])
def test_a_day_setting_must_be_from_1_to_max_days(tmp_path: Path, name: str, value: int) -> None:
    # 100000 lead days ran due dates past the year 2262, where pandas dates wrap round (a
    # lead answered a day later was late); 3000000 ask-window days mixed contacts up.
    message = settings_problem(tmp_path, f"[scoring]\n{day_line(name, value)}\n")
    assert (
        message == f"[scoring] {name} must be a whole number of days from 1 to 36500, not {value}"
    )


@pytest.mark.parametrize("name", DAY_SETTINGS)
@pytest.mark.parametrize("value", [1, MAX_DAYS])
def test_a_day_setting_may_be_1_to_max_days(tmp_path: Path, name: str, value: int) -> None:
    settings = f"[scoring]\n{day_line(name, value)}\n"
    scoring = load_log(write_log(tmp_path / "log", settings=settings)).folder_settings.scoring
    table, _, key = name.rpartition(".")
    assert (getattr(scoring, table)[key] if table else getattr(scoring, name)) == value


def test_the_longest_windows_still_count_a_next_day_answer_on_time() -> None:
    # At 100000 days the due date wrapped round past 2262: this lead was "followed up late
    # (after 100000 days)" and the follow-up score was 50.
    log = make_log(
        [contact("ann")],
        [
            event("2025-01-01", "ann", "received_lead"),
            event("2025-01-02", "ann", "followed_up_lead"),
        ],
    )
    settings = Settings(lead_follow_up_days=MAX_DAYS, thanks_days=MAX_DAYS)
    report = score_log(log, "2025-09-30", settings)
    assert report.follow_up.score == 100
    assert report.follow_up.reasons[0].text == "1 lead was followed up on time: well done."


def test_whole_numbers_written_with_a_point_are_read_as_whole_numbers(tmp_path: Path) -> None:
    settings = "[scoring]\nlead_follow_up_days = 10.0\ncadence_days = { inner = 7.0 }\n"
    scoring = load_log(write_log(tmp_path / "log", settings=settings)).folder_settings.scoring
    assert scoring.lead_follow_up_days == 10 and type(scoring.lead_follow_up_days) is int
    assert scoring.cadence_days["inner"] == 7 and type(scoring.cadence_days["inner"]) is int
    assert scoring == Settings().replace(lead_follow_up_days=10, cadence_days={"inner": 7})


def test_the_template_settings_are_accepted() -> None:
    template = Path(__file__).parents[1] / "data" / "templates"
    assert load_log(template).folder_settings.scoring == Settings()


@pytest.mark.parametrize("value", [2.5, True, "3", None, float("nan")])
def test_settings_made_in_code_are_checked_too(value: object) -> None:
    with pytest.raises(ValueError, match="thanks_days must be a whole number"):
        Settings(thanks_days=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_a_settings_file_saved_by_notepad_is_read(tmp_path: Path, encoding: str) -> None:
    # Notepad and older Windows editors save in these; a comment with an accent used to be
    # refused as "not valid TOML ('utf-8' codec can't decode byte 0xe9 ...)".
    folder = write_log(tmp_path / "log")
    text = "# Réglages de José\nas_of = 2025-09-30\nday_first = false\n"
    (folder / "settings.toml").write_bytes(text.encode(encoding))
    log = load_log(folder)
    assert str(log.folder_settings.as_of) == "2025-09-30"
    assert log.folder_settings.day_first is False


def test_a_settings_file_in_two_encodings_names_the_line(tmp_path: Path) -> None:
    folder = write_log(tmp_path / "log")
    data = "# Zoë's settings\n".encode() + "# réglages\n".encode("cp1252") + b"as_of = 2025-09-30\n"
    (folder / "settings.toml").write_bytes(data)
    with pytest.raises(LogValidationError) as info:
        load_log(folder)
    [problem] = info.value.problems
    assert problem.file == "settings.toml"
    assert problem.message == (
        "line 2 is not saved as UTF-8 while the rest of the file is; check the accented "
        "letters on it and save the file again as UTF-8"
    )


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("2270-01-01", "is after 2100: check the year"),
        ("2101-01-01", "is after 2100: check the year"),
        ('"1899-12-31"', "is before 1900: check the year"),
        ("0205-09-30", "is before 1900: check the year"),
    ],
)
def test_as_of_must_fall_in_the_years_scoring_can_count(
    tmp_path: Path, written: str, problem: str, capsys: pytest.CaptureFixture
) -> None:
    # An 'as of' date of 2270 used to score as if nothing was logged: the look-back window
    # wrapped round past pandas' last date (2262), so every interaction fell outside it.
    day = written.strip('"')
    folder = write_log(tmp_path / "log", settings=f"as_of = {written}\n")
    assert main(["score", str(folder)]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == (
        f"netcoach: nothing was scored: {folder / 'settings.toml'}: as_of = {day} {problem}\n"
    )
    # --as-of stands in for the setting, so the log can still be scored
    assert main(["score", str(folder), "--as-of", "2025-09-30"]) == 0


@pytest.mark.parametrize("written", ["1900-01-01", "2100-12-31"])
def test_the_first_and_last_as_of_dates_are_accepted(tmp_path: Path, written: str) -> None:
    log = load_log(write_log(tmp_path / "log", settings=f"as_of = {written}\n"))
    assert log.folder_settings.as_of.isoformat() == written


def test_a_lead_answered_next_day_near_2100_is_on_time_with_a_100_year_window() -> None:
    # The last 'as of' date plus the longest window still fits in pandas' dates (at 2250 the
    # deadline wrapped round and this lead was 'followed up late (after 36500 days)').
    log = make_log(
        [contact("c1", "Una")],
        [event("2100-12-01", "c1", "received_lead"), event("2100-12-02", "c1", "followed_up_lead")],
    )
    settings = Settings(lead_follow_up_days=MAX_DAYS, lookback_days=MAX_DAYS)
    report = score_log(log, as_of="2100-12-31", settings=settings)
    assert report.follow_up.details["leads"]["status"].tolist() == ["on_time"]
    assert report.follow_up.components["leads_gap"] == 0
    for late in ("2101-01-01", "1899-12-31"):
        with pytest.raises(ValueError, match=f"the 'as of' date {late} is (after|before) "):
            score_log(log, as_of=late, settings=settings)
