"""A log folder that cannot be written (locked by another program, read-only, immutable)
gives one plain line on the command line and in the panel, never a traceback or silence."""

from __future__ import annotations

import html
import os

import pytest
from conftest import LINKEDIN, snapshot
from helpers import uploaded

from netcoach.cli import main
from netcoach.importers.panel import import_panel

VCARD = b"BEGIN:VCARD\nVERSION:3.0\nFN:Cara Lindqvist\nEMAIL:cara@example.com\nEND:VCARD\n"
LOCKED = "The process cannot access the file because it is being used by another process"


@pytest.fixture
def locked_interactions(monkeypatch):
    """``interactions.csv`` open in another program (as Windows refuses to replace it)."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if os.fspath(dst).endswith("interactions.csv"):
            raise PermissionError(13, LOCKED, os.fspath(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.fixture
def unwritable_folder(monkeypatch):
    """No new file can be made in the folder (``chattr +i``, a read-only share)."""
    import tempfile

    def mkstemp(*args, dir=None, prefix="", suffix="", **kwargs):
        path = os.path.join(os.fspath(dir), f"{prefix}abc123{suffix}")
        raise PermissionError(1, "Operation not permitted", path)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _vcard(tmp_path):
    path = tmp_path / "people.vcf"
    path.write_bytes(VCARD)
    return path


@pytest.mark.parametrize("fixture", ["locked_interactions", "unwritable_folder"])
def test_the_command_says_so_in_one_line(fixture, request, learner_log, tmp_path, capsys):
    before = snapshot(learner_log)
    request.getfixturevalue(fixture)
    sources = [str(_vcard(tmp_path)), str(LINKEDIN / "messages.csv")]  # contacts and meetings
    code = main(["import", *sources, "--into", str(learner_log)])
    assert code == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith(f"netcoach: {learner_log}: could not save")
    assert "nothing was imported and your log was not changed" in err
    assert ("Operation not permitted" if fixture == "unwritable_folder" else LOCKED) in err
    assert ".tmp" not in err  # the learner never sees the temporary file's name
    assert captured.out == ""
    assert snapshot(learner_log) == before


def _upload(data: bytes, name: str = "people.vcf"):
    return (uploaded(name, data),)


@pytest.mark.parametrize("fixture", ["locked_interactions", "unwritable_folder"])
def test_the_panel_shows_it(fixture, request, learner_log):
    before = snapshot(learner_log)
    request.getfixturevalue(fixture)
    seen = []
    panel = import_panel(learner_log, on_imported=seen.append)
    messages = (LINKEDIN / "messages.csv").read_bytes()
    panel.upload.value = _upload(VCARD) + _upload(messages, "messages.csv")
    panel.button.click()  # an exception here would only reach the kernel's log
    assert panel.result.kind == "error"
    assert panel.result.text.startswith("Nothing was imported and your log was not changed.")
    assert f"{learner_log}: could not save" in html.unescape(panel.result.value)
    assert ".tmp" not in panel.result.value
    assert panel.summary is None and seen == []
    assert snapshot(learner_log) == before


def test_an_unreadable_source_file_is_named(learner_log, tmp_path, monkeypatch, capsys):
    from pathlib import Path

    path = _vcard(tmp_path)
    real = Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    before = snapshot(learner_log)
    assert main(["import", str(path), "--into", str(learner_log)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{path}: this file cannot be read (Permission denied)" in err
    assert snapshot(learner_log) == before


@pytest.mark.parametrize("there", [False, True], ids=["new folder", "empty folder"])
def test_a_failed_import_into_a_new_log_leaves_no_empty_log(
    there, locked_interactions, tmp_path, capsys
):
    # The import makes the empty log, then its save fails: "your log was not changed" must
    # hold, so the empty log goes too (an empty folder that was there stays).
    target = tmp_path / "my-network"
    if there:
        target.mkdir()
    sources = [str(_vcard(tmp_path)), str(LINKEDIN / "messages.csv")]
    assert main(["import", *sources, "--into", str(target)]) == 2
    assert "your log was not changed" in capsys.readouterr().err
    if there:
        assert not [p.name for p in target.iterdir() if p.name != ".netcoach.lock"]
    else:
        assert not target.exists()
