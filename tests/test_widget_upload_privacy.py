"""Uploaded files leave no copy on disk: the temporary copy is deleted as soon as it has been
read, whether the upload loads, fails, or is only part of a log; the widget says so."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from helpers import CONTACTS_CSV, INTERACTIONS_CSV, uploaded

from netcoach.widgets import score_my_network

BAD_INTERACTIONS = "date,contact_id,channel,kind,initiated_by,note\n2025-13-45,c9,pigeon,x,,\n"


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary-files folder of this test's own, to see what is left in it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _file(name: str, text: str) -> dict:
    return uploaded(name, text.encode("utf-8"), "text/csv")


def _left_behind(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith("netcoach-upload-")]


@pytest.mark.parametrize(
    "files",
    [
        [("contacts.csv", CONTACTS_CSV), ("interactions.csv", INTERACTIONS_CSV)],
        [("contacts.csv", CONTACTS_CSV)],
        [("interactions.csv", INTERACTIONS_CSV)],
        [("contacts.csv", CONTACTS_CSV), ("interactions.csv", BAD_INTERACTIONS)],
        [("holiday.csv", CONTACTS_CSV)],
    ],
    ids=["both", "contacts only", "interactions only", "invalid", "unrecognised"],
)
def test_no_copy_of_an_upload_is_left_on_disk(private_tmp: Path, files) -> None:
    view = score_my_network("graduate", today=dt.date(2024, 5, 1))
    view.load_uploads([_file(name, text) for name, text in files])
    assert _left_behind(private_tmp) == []
    view.source.value = "graduate"
    assert _left_behind(private_tmp) == []


def test_a_loaded_upload_scores_from_memory_and_points_at_no_folder(private_tmp: Path) -> None:
    view = score_my_network("graduate", today=dt.date(2024, 5, 1))
    assert view.load_uploads(
        [_file("contacts.csv", CONTACTS_CSV), _file("interactions.csv", INTERACTIONS_CSV)]
    )
    assert view.report is not None and view.network_log.folder is None
    view.as_of.value = dt.date(2024, 4, 30)  # re-scoring needs no file
    assert view.report is not None and _left_behind(private_tmp) == []


def test_the_copy_is_deleted_when_reading_it_fails(private_tmp: Path, monkeypatch) -> None:
    view = score_my_network("graduate", today=dt.date(2024, 5, 1))

    def broken(*_args, **_kwargs):
        raise RuntimeError("the kernel was interrupted")

    monkeypatch.setattr(view, "_load", broken)
    with pytest.raises(RuntimeError):
        view.load_uploads([_file("contacts.csv", CONTACTS_CSV)])
    assert _left_behind(private_tmp) == []


def test_the_widget_says_the_copy_is_deleted() -> None:
    view = score_my_network("graduate")
    words = " ".join(getattr(c, "value", "") for c in view.own_box.children)
    assert "deleted as soon as" in words


def test_the_upload_box_is_emptied_once_read(private_tmp: Path) -> None:
    view = score_my_network("graduate", today=dt.date(2024, 5, 1))
    view.upload.value = (_file("contacts.csv", CONTACTS_CSV),)
    assert view.network_log is not None and view.upload.value == ()
