"""The score widget's exports leave a learner's own file alone, as the command line does,
and say what the learner can do in the widget: it has no file name box, only "Save files
in". An earlier export, or an empty file, is still replaced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netcoach.widgets.score_view import score_my_network

TODAY = dt.date(2025, 10, 15)


def _view(folder: Path):
    return score_my_network("graduate", output_folder=folder, today=TODAY)


def _refusal(view, path: Path, kind: str) -> str:
    box = view.output_text.description
    return (
        f"{path.resolve()} is already there and is not a Network Coach {kind}; type another "
        f"folder in “{box}”, or move that file (nothing was saved)"
    )


def test_the_folder_box_is_called_save_files_in(tmp_path: Path) -> None:
    assert _view(tmp_path).output_text.description == "Save files in"


@pytest.mark.parametrize(
    ("export", "kind"), [("export_summary", "summary"), ("export_html", "report")]
)
def test_own_file_at_the_export_path_is_left_alone(tmp_path: Path, export: str, kind: str):
    view = _view(tmp_path / "wout")
    path = getattr(view, export)()
    assert path is not None and view.export_message.kind == "success"
    assert getattr(view, export)() == path  # an earlier export is replaced
    path.write_text("my own notes\n")
    assert getattr(view, export)() is None
    assert view.export_message.kind == "error"
    assert view.export_message.text == _refusal(view, path, kind)
    assert path.read_text() == "my own notes\n"


def test_relative_folder_is_shown_resolved(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    view = _view(Path("wout"))
    path = view.export_html()
    path.write_text("my own notes\n")
    assert view.export_html() is None
    assert view.export_message.text.startswith(f"{(tmp_path / path).resolve()} is already")
    assert "give the report another name" not in view.export_message.text


@pytest.mark.parametrize("export", ["export_summary", "export_html"])
def test_an_empty_file_is_replaced(tmp_path: Path, export: str) -> None:
    view = _view(tmp_path)
    path = getattr(view, export)()
    path.write_bytes(b"")
    assert getattr(view, export)() == path
    assert view.export_message.kind == "success" and path.stat().st_size > 0


def test_own_file_made_after_the_check_is_still_refused_in_widget_words(tmp_path, monkeypatch):
    """The report writer's own refusal (a file made between the check and the write)."""
    from netcoach import report_html

    view = _view(tmp_path)
    path = view._export_path("-report.html")
    writer = report_html.write_html_report

    def write_after_notes(report, log, target, *args, **kwargs):
        Path(target).write_text("my own notes\n")
        return writer(report, log, target, *args, **kwargs)

    monkeypatch.setattr(report_html, "write_html_report", write_after_notes)
    assert view.export_html() is None
    assert view.export_message.text == _refusal(view, path, "report")
    assert path.read_text() == "my own notes\n"
