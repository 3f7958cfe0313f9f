"""``netcoach import`` on the command line, and the upload panel, headless."""

from __future__ import annotations

import json

from conftest import FIXTURES, LINKEDIN, snapshot
from helpers import uploaded

from netcoach.cli import main
from netcoach.importers.panel import import_panel
from netcoach.loading import load_log


def test_import_creates_the_log_from_the_templates(tmp_path, capsys):
    folder = tmp_path / "my-network"
    code = main(["import", str(LINKEDIN / "Connections.csv"), "--into", str(folder)])
    assert code == 0
    assert (folder / "settings.toml").exists()
    assert len(load_log(folder).contacts) == 3
    out = capsys.readouterr().out
    assert "Connections.csv: 3 new contacts" in out
    assert "Saved to" in out


def test_dry_run_writes_nothing(learner_log, tmp_path, capsys):
    before = snapshot(learner_log)
    code = main(["import", str(FIXTURES / "calendar.ics"), "--into", str(learner_log), "--dry-run"])
    assert code == 0
    assert snapshot(learner_log) == before
    assert "dry run: nothing was saved" in capsys.readouterr().out
    new = tmp_path / "not-yet"
    assert main(["import", str(FIXTURES / "calendar.ics"), "--into", str(new), "--dry-run"]) == 0
    assert not new.exists()


def test_options_reach_the_importers(tmp_path, capsys):
    folder = tmp_path / "log"
    code = main(
        [
            "import",
            str(LINKEDIN / "messages.csv"),
            "--into",
            str(folder),
            "--me",
            "https://www.linkedin.com/in/robin-example",
            "--keep-message-text",
            "--json",
        ]
    )
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["interactions_added"] == 6  # (Amara's reply on 2 April is that day's check-in)
    assert "coffee" in " ".join(load_log(folder).interactions["note"])
    code = main(
        [
            "import",
            str(FIXTURES / "calendar.ics"),
            "--into",
            str(folder),
            "--since",
            "2024-04-01",
            "--until",
            "2024-04-30",
            "--max-attendees",
            "10",
            "--json",
        ]
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["files"][0]["skipped"]["outside the dates imported"] == 2


def test_bad_input_exit_code_and_message(learner_log, capsys):
    before = snapshot(learner_log)
    code = main(["import", str(FIXTURES / "bad_dates.ics"), "--into", str(learner_log)])
    assert code == 2
    err = capsys.readouterr().err
    assert "nothing was imported and your log was not changed" in err
    assert 'bad_dates.ics, row 13, column "DTSTART"' in err
    assert snapshot(learner_log) == before
    assert main(["import", "x.ics", "--into", str(learner_log), "--since", "soon"]) == 2


def _upload(*paths):
    return tuple(uploaded(p.name, p.read_bytes()) for p in paths)


def test_panel_imports_the_uploaded_files(learner_log):
    seen = []
    panel = import_panel(learner_log, on_imported=seen.append)
    assert panel.upload.multiple and panel.upload.description
    panel.upload.value = _upload(FIXTURES / "contacts_v4.vcf", LINKEDIN / "Connections.csv")
    panel.button.click()
    assert panel.result.kind == "success"
    assert "In all: 2 new contacts" in panel.result.text
    assert "contacts_v4.vcf: 1 new contact" in panel.result.value
    assert len(seen) == 1
    assert "Noor Haddad" in set(load_log(learner_log).contacts["name"])


def test_panel_shows_the_problem_and_changes_nothing(learner_log):
    before = snapshot(learner_log)
    panel = import_panel(learner_log)
    panel.button.click()
    assert "Choose one or more files" in panel.result.text
    panel.upload.value = _upload(FIXTURES / "bad_dates.ics")
    panel.button.click()
    assert panel.result.kind == "error"
    assert "DTSTART" in panel.result.value and "bad_dates.ics" in panel.result.value
    assert snapshot(learner_log) == before
