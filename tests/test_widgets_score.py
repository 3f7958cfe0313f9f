"""The "Score my network" widget, driven headless: values set, buttons clicked, files written."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import re
import shutil
from pathlib import Path

import pytest
from helpers import uploaded

from netcoach.loading import load_log
from netcoach.samples import sample_path
from netcoach.scoring import score_log
from netcoach.widgets.score_view import (
    ACTIONS_SHOWN,
    CHART_TABS,
    OWN_FILES,
    ScoreMyNetwork,
    score_my_network,
)

TODAY = dt.date(2025, 10, 15)
CONTACTS = (
    "contact_id,name,organisation,role,how_met,tier,cadence_days,email,profile_url,tags,notes\n"
    "c1,<b>Ana</b> & Co,Harbour Analytics,,,close,,ana@example.com,,,\n"
    "c2,Ben Okafor,,,,inner,,ben@example.com,,,\n"
)
INTERACTIONS = (
    "date,contact_id,channel,kind,initiated_by,note\n"
    "2025-09-01,c1,email,received_lead,them,Analyst role\n"
    "2025-09-02,c2,in_person,check_in,me,\n"
)
BAD_INTERACTIONS = (
    "date,contact_id,channel,kind,initiated_by,note\n"
    "2025-13-45,c1,email,received_lead,them,\n"
    "2025-09-02,c9,carrier pigeon,check_in,me,\n"
)


def card_score(view: ScoreMyNetwork, name: str) -> int:
    match = re.search(r'data-score="(\d+)"', view.cards[name].value)
    assert match, view.cards[name].value
    return int(match.group(1))


def upload(name: str, text: str) -> dict:
    return uploaded(name, text.encode("utf-8"), "text/csv")


@pytest.fixture(scope="module")
def graduate() -> ScoreMyNetwork:
    return score_my_network("graduate", output_folder=None)


@pytest.fixture
def own_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "my-network"
    folder.mkdir()
    (folder / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    (folder / "interactions.csv").write_text(INTERACTIONS, encoding="utf-8")
    return folder


def test_cards_show_the_scores_of_score_log(graduate: ScoreMyNetwork) -> None:
    log = load_log(sample_path("graduate"))
    expected = score_log(log)
    assert graduate.as_of.value == log.folder_settings.as_of
    for name, result in expected.scores.items():
        assert card_score(graduate, name) == result.score
        for reason in result.reasons:
            assert html.escape(reason.text) in graduate.reasons.value
    assert graduate.message.kind == "success"


def test_next_actions_table_lists_the_ranked_contacts(graduate: ScoreMyNetwork) -> None:
    actions = graduate.report.next_actions
    assert len(actions) > 0
    names = re.findall(r"<tr><td>\d+</td><td>([^<]*)</td>", graduate.actions.value)
    assert names == list(actions["name"].head(ACTIONS_SHOWN))


def test_every_control_is_labelled(graduate: ScoreMyNetwork) -> None:
    for control in (graduate.source, graduate.folder_text, graduate.upload, graduate.as_of,
                    *graduate.sliders, graduate.output_text):  # fmt: skip
        assert control.description, control
    for button in (graduate.load_button, graduate.reset_button, graduate.report_button,
                   graduate.ics_button):  # fmt: skip
        assert button.description and button.tooltip
    assert list(graduate.tabs.titles) == [title for _, title in CHART_TABS]
    for view in graduate.chart_views.values():
        # Each chart is an SVG image named by its title and alt text, which is also shown.
        labelled_by = re.search(r'<svg [^>]*role="img" aria-labelledby="([^"]+)"', view.value)
        title_id, desc_id = labelled_by.group(1).split()
        assert re.search(f'<title id="{title_id}">[^<]+</title>', view.value)
        alt = re.search(f'<desc id="{desc_id}">([^<]+)</desc>', view.value).group(1)
        assert alt in view.value.split("<figcaption>")[1]


def test_slider_rescore_updates_cards_and_visible_chart() -> None:
    view = score_my_network("career-changer")
    log = load_log(sample_path("career-changer"))
    view.tabs.selected_index = 1  # channel mix
    before_chart = view.chart_views["channel_mix"].value
    before_cadence = view.chart_views["cadence"].value
    scored = view.stats["scored"]

    view.rich_target.value = 80
    assert view.stats["scored"] == scored + 1
    settings = log.folder_settings.scoring.replace(rich_channel_target=0.8)
    expected = score_log(log, settings=settings)
    assert view.report.settings == settings
    assert card_score(view, "channel_mix") == expected.channel_mix.score
    assert card_score(view, "overall") == expected.overall.score
    assert view.chart_views["channel_mix"].value != before_chart
    assert "80% target" in html.unescape(view.chart_views["channel_mix"].value)
    # Hidden tabs are redrawn only when opened.
    assert view.chart_views["cadence"].value == before_cadence
    view.inner_days.value = 5
    view.tabs.selected_index = 3
    assert view.chart_views["cadence"].value != before_cadence
    expected = score_log(log, settings=settings.replace(cadence_days={"inner": 5}))
    assert card_score(view, "follow_up") == expected.follow_up.score

    # Going back to earlier settings comes from the cache: no new scoring, no new drawing.
    drawn = view.stats["charts_drawn"]
    scored = view.stats["scored"]
    view.inner_days.value = 14
    view.rich_target.value = 50
    assert view.stats["scored"] == scored  # both reports were cached
    assert view.stats["charts_drawn"] == drawn  # the cadence chart ignores the target
    view.reset_button.click()
    assert view.stats["scored"] == scored
    assert view.stats["charts_drawn"] == drawn
    assert card_score(view, "overall") == score_log(log).overall.score

    # A slider that a chart does not depend on leaves that chart alone.
    view.tabs.selected_index = 1
    drawn = view.stats["charts_drawn"]
    view.lead_days.value = 12
    assert view.stats["charts_drawn"] == drawn
    assert view.last_timing["scores_ms"] <= view.last_timing["view_ms"]


def test_every_change_updates_the_whole_view_before_it_returns() -> None:
    """Five quick changes (arrow keys held on a slider): each one leaves the numbers and the
    visible chart in step, with nothing left to draw later."""
    view = score_my_network("career-changer")
    log = load_log(sample_path("career-changer"))
    view.tabs.selected_index = 1  # channel mix: the rich-channel target changes it
    drawn = view.stats["charts_drawn"]
    for target in (60, 65, 70, 75, 80):
        view.rich_target.value = target
        settings = log.folder_settings.scoring.replace(rich_channel_target=target / 100)
        expected = score_log(log, settings=settings)
        assert card_score(view, "channel_mix") == expected.channel_mix.score
        assert f"the {target}% target" in html.unescape(view.chart_views["channel_mix"].value)
        assert view.last_timing["scores_ms"] <= view.last_timing["view_ms"]
    assert view.stats["charts_drawn"] == drawn + 5

    # Back to a chart already drawn: straight from the cache.
    view.rich_target.value = 60
    assert view.stats["charts_drawn"] == drawn + 5
    assert "the 60% target" in html.unescape(view.chart_views["channel_mix"].value)

    # With the caches cleared, the same settings are scored and drawn again.
    scored = view.stats["scored"]
    view.clear_caches()
    view.rich_target.value = 80
    assert view.stats["scored"] == scored + 1
    assert view.stats["charts_drawn"] == drawn + 6


@functools.cache
def variant_reports() -> tuple:
    """The graduate sample scored with settings that change different charts."""
    log = load_log(sample_path("graduate"))
    base = log.folder_settings.scoring
    variants = [
        base,
        base.replace(lead_follow_up_days=2, thanks_days=1),
        base.replace(rich_channel_target=0.8),
        base.replace(cadence_days={"inner": 5, "close": 10, "active": 20}),
        base.replace(lookback_days=120),
    ]
    return tuple(score_log(log, settings=settings) for settings in variants)


@pytest.mark.parametrize("chart_key", [key for key, _ in CHART_TABS])
def test_chart_inputs_capture_what_each_chart_draws(chart_key: str) -> None:
    """Equal fingerprints must mean equal pictures, or the widget would show a stale chart."""
    from netcoach.svg_charts import SVG_CHARTS
    from netcoach.widgets.score_view import CHART_INPUTS

    seen: dict[tuple, tuple[str, str]] = {}
    for report in variant_reports():
        chart = SVG_CHARTS[chart_key](report)
        picture = (chart.alt_text, chart.svg)
        fingerprint = CHART_INPUTS[chart_key](report)
        if fingerprint in seen:
            assert seen[fingerprint] == picture, report.settings
        seen[fingerprint] = picture
    assert len(seen) >= 2  # some setting does change every chart


def test_chart_fingerprints_are_remembered_per_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table seen before is not hashed again, and a new table is never given the
    fingerprint of a dead one whose ``id`` it reuses."""
    import pandas as pd

    from netcoach.widgets import score_view

    hashed: list[int] = []
    real = score_view._fingerprint
    monkeypatch.setattr(score_view, "_fingerprint", lambda f: hashed.append(1) or real(f))
    digests = score_view._DigestsByTable(most=4)
    table = pd.DataFrame({"month": ["2025-09"], "leads": [2]})
    assert digests.of(table) == digests.of(table) == real(table)
    assert len(hashed) == 1
    assert digests.of(table.copy()) == digests.of(table)  # same values, same fingerprint
    assert digests.of(table, ("month",)) == real(table[["month"]]) != digests.of(table)
    for leads in range(40):  # ids of dead tables come round again
        fresh = pd.DataFrame({"month": ["2025-09"], "leads": [leads]})
        assert digests.of(fresh) == real(fresh)
        del fresh
    assert len(digests._known) <= 4


def test_as_of_change_rescores(graduate: ScoreMyNetwork) -> None:
    log = load_log(sample_path("graduate"))
    graduate.as_of.value = dt.date(2025, 6, 30)
    assert graduate.report.as_of == dt.date(2025, 6, 30)
    assert card_score(graduate, "overall") == score_log(log, as_of="2025-06-30").overall.score
    graduate.as_of.value = log.folder_settings.as_of


def test_a_date_outside_1900_to_2100_is_refused_not_scored(graduate: ScoreMyNetwork) -> None:
    # A typed year of 2270 used to be scored as if nothing was logged (the window wrapped).
    try:
        graduate.as_of.value = dt.date(2270, 1, 1)
        assert "“Score as of”: 2270-01-01 is after 2100: check the year" in html.unescape(
            graduate.message.value
        )
        assert graduate.report is None
        assert all(card.value == "" for card in graduate.cards.values())
    finally:
        graduate.as_of.value = load_log(sample_path("graduate")).folder_settings.as_of
    assert graduate.report.as_of == load_log(sample_path("graduate")).folder_settings.as_of


def test_a_far_off_date_from_settings_toml_is_named_as_coming_from_there(
    own_folder: Path,
) -> None:
    (own_folder / "settings.toml").write_text("as_of = 2200-01-01\n", encoding="utf-8")
    view = score_my_network(folder=own_folder, today=TODAY)
    assert "settings.toml: as_of = 2200-01-01 is after 2100: check the year" in html.unescape(
        view.message.value
    )
    assert view.report is None
    view.as_of.value = TODAY  # another date: scored as usual
    assert view.report is not None and view.report.as_of == TODAY


def test_calendar_has_one_event_per_action_and_no_names_in_uids(
    graduate: ScoreMyNetwork, tmp_path: Path
) -> None:
    import icalendar

    graduate.output_text.value = str(tmp_path / "out")
    graduate.ics_button.click()
    path = graduate.last_export
    assert path is not None and path.suffix == ".ics" and path.parent == tmp_path / "out"
    assert str(path) in graduate.export_message.value
    # ... and a link saves the same file from the page (for a notebook running elsewhere).
    link = re.search(
        r'download="([^"]+)" href="data:text/calendar;base64,([^"]+)"',
        graduate.export_message.value,
    )
    assert link and link.group(1) == path.name
    assert base64.b64decode(link.group(2)) == path.read_bytes()
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    actions = graduate.report.next_actions
    assert len(events) == len(actions)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for uid, (_, action) in zip(uids, actions.iterrows(), strict=True):
        assert action["name"].split()[0].lower() not in uid.lower()
        assert action["contact_id"].lower() not in uid.lower()
    assert events[0].decoded("DTSTART") == graduate.report.as_of
    assert actions["name"].iloc[0] in str(events[0]["SUMMARY"])


def test_html_report_is_written(graduate: ScoreMyNetwork, tmp_path: Path) -> None:
    graduate.output_text.value = str(tmp_path)
    graduate.report_button.click()
    path = graduate.last_export
    assert graduate.export_message.kind == "success", graduate.export_message.text
    assert path is not None and path.suffix == ".html" and path.is_file()
    text = path.read_text(encoding="utf-8")
    assert "<html" in text.lower() and str(graduate.report.overall.score) in text


def test_own_folder_defaults_to_today_and_exports_next_to_it(own_folder: Path) -> None:
    view = score_my_network(folder=own_folder, today=TODAY)
    assert view.source.value == OWN_FILES
    assert view.as_of.value == TODAY
    log = load_log(own_folder)
    assert card_score(view, "overall") == score_log(log, as_of=TODAY).overall.score
    assert Path(view.output_text.value) == own_folder.parent
    # Names are escaped everywhere they are shown.
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; Co" in view.actions.value
    assert "<b>Ana</b>" not in view.actions.value
    view.ics_button.click()
    assert view.last_export.parent == own_folder.parent
    assert not any(p.suffix == ".ics" for p in own_folder.iterdir())


def test_uploaded_files_score_like_the_folder(own_folder: Path) -> None:
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (
        upload("My Contacts.csv", CONTACTS),
        upload("interactions (2).csv", INTERACTIONS),
    )
    assert view.source.value == OWN_FILES
    assert view.message.kind == "success", view.message.text
    expected = score_log(load_log(own_folder), as_of=TODAY)
    assert card_score(view, "overall") == expected.overall.score
    assert "uploaded" in view.message.text


def test_a_folder_without_interactions_is_scored_with_a_warning(own_folder: Path) -> None:
    (own_folder / "interactions.csv").unlink()
    view = score_my_network(folder=own_folder, today=TODAY)
    assert view.message.kind == "warning"
    assert "no interactions.csv yet" in view.message.text
    assert "⚠" in view.message.value and 'role="status"' in view.message.value
    assert card_score(view, "overall") == score_log(load_log(own_folder), as_of=TODAY).overall.score
    # Uploading only the contacts says the same.
    view.upload.value = (upload("contacts.csv", CONTACTS),)
    assert view.message.kind == "warning" and "uploaded" in view.message.text


def test_bad_upload_shows_the_validation_message(own_folder: Path) -> None:
    from netcoach.validation import LogValidationError

    bad = own_folder.parent / "bad"
    shutil.copytree(own_folder, bad)
    (bad / "interactions.csv").write_text(BAD_INTERACTIONS, encoding="utf-8")
    with pytest.raises(LogValidationError) as caught:
        load_log(bad)

    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (
        upload("contacts.csv", CONTACTS),
        upload("interactions.csv", BAD_INTERACTIONS),
    )
    assert view.message.kind == "error"
    assert "Traceback" not in view.message.value
    assert view.message.text == str(caught.value).splitlines()[0]
    for problem in caught.value.problems:
        assert html.escape(str(problem)) in view.message.value
    assert view.report is None
    assert all(card.value == "" for card in view.cards.values())
    assert view.reasons.value == "" and view.actions.value == ""
    view.ics_button.click()  # nothing to export: a message, not an exception
    assert view.export_message.kind == "error"


def test_unrecognised_upload_and_missing_folder_show_messages(tmp_path: Path) -> None:
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (upload("holiday-photos.csv", CONTACTS),)
    assert view.message.kind == "error"
    assert "holiday-photos.csv" in view.message.text
    view.folder_text.value = str(tmp_path / "nowhere")
    assert view.message.kind == "error"
    assert "does not exist" in view.message.value
    view.source.value = "experienced"
    assert view.message.kind == "success"
    assert (
        card_score(view, "overall") == score_log(load_log(sample_path("experienced"))).overall.score
    )


def test_import_panel_is_offered_for_own_folders_only(own_folder: Path) -> None:
    from netcoach.widgets.score_view import NO_IMPORT_TEXT

    view = score_my_network("graduate", today=TODAY)
    assert view.import_panel is None
    assert NO_IMPORT_TEXT in view.import_slot.children[0].value
    view.folder_text.value = str(own_folder)
    view.source.value = OWN_FILES
    assert view.import_panel is not None
    assert Path(view.import_panel.folder) == own_folder
    view.rich_target.value = 70
    vcard = b"BEGIN:VCARD\nVERSION:3.0\nFN:Cara Lindqvist\nEMAIL:cara@example.com\nEND:VCARD\n"
    view.import_panel.upload.value = (
        {**upload("phone.vcf", ""), "content": memoryview(vcard), "size": len(vcard)},
    )
    view.import_panel.button.click()
    assert view.import_panel.result.kind == "success", view.import_panel.result.text
    # The score view re-read the folder and kept the learner's settings.
    assert "Cara Lindqvist" in set(view.network_log.contacts["name"])
    assert view.rich_target.value == 70
    assert view.report.settings.rich_channel_target == 0.7


def test_interactions_after_the_as_of_date_are_pointed_out(own_folder: Path) -> None:
    with (own_folder / "interactions.csv").open("a", encoding="utf-8") as out:
        out.write("2025-11-02,c2,phone,check_in,me,\n")
    view = score_my_network(folder=own_folder, today=TODAY)
    assert view.date_notice.kind == "warning"
    assert view.date_notice.text == (
        "1 interaction is dated after 15 October 2025, your 'as of' date, so it is not "
        "counted yet (row 4 of interactions.csv)."
    )
    assert view.message.kind == "success"  # the load message stays
    view.rich_target.value = 60  # a slider leaves the note as it is
    assert view.date_notice.kind == "warning"
    view.as_of.value = dt.date(2025, 11, 2)
    assert view.date_notice.text == "" and view.date_notice.value == ""
    view.as_of.value = dt.date(2025, 8, 31)
    assert view.date_notice.text.startswith("3 interactions are dated after 31 August 2025")


OUT_OF_RANGE_SETTINGS = (
    'as_of = "2025-09-30"\n'
    "[scoring]\n"
    "lead_follow_up_days = 60\n"
    "cadence_days = { inner = 2, active = 400 }\n"
    "rich_channel_target = 0.33\n"
)


def scores(report) -> dict[str, int]:
    return {name: int(result.score) for name, result in report.scores.items()}


def widget_scores(view: ScoreMyNetwork) -> dict[str, int]:
    return {name: card_score(view, name) for name in view.cards}


@pytest.mark.parametrize("target", ["0.33", "0.335"])
def test_log_settings_outside_the_sliders_are_scored_as_they_are(
    tmp_path: Path, target: str
) -> None:
    """A log's settings beyond a slider's range widen it rather than being cut to fit, so the
    widget scores what ``score_log`` (and ``netcoach score``) does, before and after a reset;
    a share finer than a whole percent is kept exactly while the slider shows it rounded."""
    folder = tmp_path / "graduate"
    shutil.copytree(sample_path("graduate"), folder)
    (folder / "settings.toml").write_text(
        OUT_OF_RANGE_SETTINGS.replace("0.33", target), encoding="utf-8"
    )
    log = load_log(folder)
    expected = score_log(log)
    view = score_my_network(folder=folder)

    assert view.report.settings == log.folder_settings.scoring
    assert view.report.settings.rich_channel_target == float(target)
    assert widget_scores(view) == scores(expected)
    assert [s.value for s in view.sliders] == [2, 30, 400, 60, 3, round(100 * float(target))]
    for slider in view.sliders:
        assert slider.min <= slider.value <= slider.max and slider.step == 1

    view.lead_days.value = 7
    view.rich_target.value = 50
    assert view.report.settings.lead_follow_up_days == 7
    assert view.report.settings.rich_channel_target == 0.5
    view.reset_button.click()
    assert view.report.settings == log.folder_settings.scoring
    assert widget_scores(view) == scores(expected)

    # Another log puts the sliders' own ranges back.
    view.source.value = "graduate"
    assert (view.lead_days.max, view.inner_days.min, view.active_days.max) == (30, 3, 365)
    assert view.report.settings == load_log(sample_path("graduate")).folder_settings.scoring


def test_every_slider_can_show_the_default_settings() -> None:
    """A browser snaps a slider to its min plus whole steps: each default must be on one."""
    view = score_my_network("graduate")
    for slider in view.sliders:
        assert (slider.value - slider.min) % slider.step == 0, slider.description


def test_clearing_the_date_clears_the_scores_and_refuses_exports(tmp_path: Path) -> None:
    """With no 'as of' date there are no scores: none left from the last date on screen, and
    no export written for it."""
    view = score_my_network("graduate", output_folder=tmp_path)
    view.tabs.selected_index = 2
    view.as_of.value = None
    assert view.message.kind == "error" and "'as of' date" in view.message.text
    assert view.report is None
    shown = (*view.cards.values(), *view.chart_views.values(), view.reasons, view.actions,
             view.overdue)  # fmt: skip
    assert all(part.value == "" for part in shown)
    for export in (view.export_html, view.export_ics, view.export_summary):
        assert export() is None
        assert view.export_message.kind == "error"
        assert "Choose an 'as of' date first" in view.export_message.text
    assert list(tmp_path.iterdir()) == []

    view.as_of.value = dt.date(2025, 9, 30)
    assert card_score(view, "overall") == score_log(load_log(sample_path("graduate"))).overall.score
    assert view.chart_views["follow_up"].value and view.overdue.value
    assert view.export_html() is not None and view.export_message.kind == "success"


def test_uploading_interactions_alone_asks_for_the_contacts_too(own_folder: Path) -> None:
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (upload("interactions.csv", INTERACTIONS),)
    assert view.message.kind == "error"
    assert view.message.text.startswith("Upload your contacts.csv too")
    assert "data/templates/contacts.csv" in view.message.text
    assert "netcoach-upload" not in view.message.value and "/tmp" not in view.message.value
    assert view.report is None and all(card.value == "" for card in view.cards.values())
    view.rich_target.value = 70  # no earlier log comes back behind the message
    assert view.report is None and view.message.text.startswith("Upload your contacts.csv")


def test_two_uploads_for_one_log_file_are_refused_not_one_dropped(own_folder: Path) -> None:
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (
        upload("contacts.csv", CONTACTS),
        upload("interactions.csv", INTERACTIONS),
        upload("old contacts.csv", CONTACTS.splitlines()[0] + "\n"),
    )
    assert view.message.kind == "error"
    assert view.message.text.startswith(
        "contacts.csv and old contacts.csv both look like your contacts.csv"
    )
    assert "Nothing was loaded" in view.message.text
    assert view.report is None and all(card.value == "" for card in view.cards.values())
    # Three of a kind, and each kind named once.
    copies = [upload(f"interactions {i}.csv", INTERACTIONS) for i in range(3)]
    view.upload.value = (*copies, upload("contacts.csv", CONTACTS))
    assert "interactions 0.csv, interactions 1.csv and interactions 2.csv all look like your " in (
        view.message.text
    )
    assert view.message.text.count("look like") == 1
    # One of each loads as before.
    view.upload.value = (upload("contacts.csv", CONTACTS), upload("interactions.csv", INTERACTIONS))
    assert view.message.kind == "success", view.message.text


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("interactions_with_contacts.csv", "interactions.csv"),
        ("Contact interactions.csv", "interactions.csv"),
        ("My Contacts.csv", "contacts.csv"),
        ("settings.toml", "settings.toml"),
        ("holiday-photos.csv", None),
    ],
)
def test_uploaded_files_are_named_by_the_words_in_them(name: str, target: str | None) -> None:
    from netcoach.widgets.score_view import upload_target

    assert upload_target(name) == target


def test_an_interactions_file_that_names_contacts_is_read_as_interactions(
    own_folder: Path,
) -> None:
    view = score_my_network("graduate", today=TODAY)
    view.upload.value = (
        upload("contacts.csv", CONTACTS),
        upload("interactions_with_contacts.csv", INTERACTIONS),
    )
    assert view.message.kind == "success", view.message.text
    assert len(view.network_log.interactions) == 2
    expected = score_log(load_log(own_folder), as_of=TODAY)
    assert card_score(view, "overall") == expected.overall.score


def test_counts_are_worded_in_the_singular_for_one(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    header, _, ben = CONTACTS.splitlines(keepends=True)
    (folder / "contacts.csv").write_text(header + ben, encoding="utf-8")
    header, _, check_in = INTERACTIONS.splitlines(keepends=True)
    (folder / "interactions.csv").write_text(header + check_in, encoding="utf-8")
    view = score_my_network(folder=folder, today=TODAY, output_folder=tmp_path / "out")
    assert view.message.text.startswith("Loaded 1 contact and 1 interaction from ")
    assert len(view.report.next_actions) == 1  # in touch with Ben again: a month since
    view.export_ics()
    assert view.export_message.text.startswith("Saved 1 reminder to ")


def test_summary_export_says_where_it_is_and_offers_a_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like the report and the calendar: the full path, and a link for Binder."""
    monkeypatch.chdir(tmp_path)
    graduate = score_my_network("graduate", output_folder="relative-out")
    graduate.nickname_text.value = "blue fox"
    path = graduate.export_summary()
    assert graduate.export_message.kind == "success", graduate.export_message.text
    assert graduate.last_export == path and path.is_file()
    full = str(tmp_path / "relative-out" / "blue-fox-summary-2025-09.json")
    assert graduate.export_message.text == (
        f"Saved an anonymous summary as 'blue fox' to {full}. Open it to see everything it "
        "holds before you share it; sharing is your choice."
    )
    link = re.search(
        r'download="([^"]+)" href="data:application/json;base64,([^"]+)">Download it from this '
        "page<",
        graduate.export_message.value,
    )
    assert link and link.group(1) == path.name
    assert base64.b64decode(link.group(2)) == path.read_bytes()


@pytest.mark.parametrize("under", ["", "sub"])
def test_saving_into_a_file_instead_of_a_folder_says_so(
    graduate: ScoreMyNetwork, tmp_path: Path, under: str
) -> None:
    """A "Save files in" box that names a file (or a folder inside one) is refused in words,
    not with 'File exists'."""
    a_file = tmp_path / "contacts.csv"
    a_file.write_text("contact_id,name\n", encoding="utf-8")
    before, graduate.output_text.value = graduate.output_text.value, str(a_file / under)
    try:
        assert graduate.export_html() is None
    finally:
        graduate.output_text.value = before
    message = graduate.export_message
    assert message.kind == "error"
    assert f"“Save files in” must name a folder, but {a_file} is a file." in message.text
    assert "File exists" not in message.text and "Nothing was saved." in message.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]


def test_the_no_date_message_goes_when_a_date_is_chosen_again() -> None:
    view = ScoreMyNetwork(sample="graduate")
    loaded, day = view.message.text, view.as_of.value
    assert loaded.startswith("Loaded ")
    view.as_of.value = None
    assert view.message.kind == "error" and "Choose an 'as of' date" in view.message.text
    view.as_of.value = day
    assert view.report is not None and view.message.text == ""  # not the old error
    view.as_of.value = None
    view.source.value = "experienced"  # another log: its message says what was loaded
    assert view.report is not None and view.message.text.startswith("Loaded ")
