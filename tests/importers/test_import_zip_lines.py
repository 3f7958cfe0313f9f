"""A LinkedIn zip or folder gets a summary line of its own only to say files were not used.

Each export file inside has its own line; an extra all-zero line for the zip (or folder)
itself read like a file that gave nothing.
"""

from __future__ import annotations

import io
import json
import zipfile

from conftest import LINKEDIN

from netcoach.cli import main

EXPORT = ("Connections.csv", "messages.csv")


def _zip(path, names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, (LINKEDIN / name.rsplit("/", 1)[-1]).read_bytes())
    path.write_bytes(buffer.getvalue())
    return path


def _run(source, into, capsys, *extra):
    code = main(["import", str(source), "--into", str(into), "--dry-run", *extra])
    assert code == 0
    return capsys.readouterr().out


def test_a_zip_of_export_files_has_no_line_of_its_own(tmp_path, capsys):
    archive = _zip(tmp_path / "li.zip", EXPORT)
    out = _run(archive, tmp_path / "log", capsys)
    assert "li.zip:Connections.csv: " in out and "li.zip:messages.csv: " in out
    assert "li.zip: " not in out
    files = json.loads(_run(archive, tmp_path / "log", capsys, "--json"))["files"]
    assert sorted(f["file"] for f in files) == ["li.zip:Connections.csv", "li.zip:messages.csv"]
    assert not (tmp_path / "log").exists()


def test_a_zip_with_unused_files_still_says_so(tmp_path, capsys):
    archive = _zip(tmp_path / "li.zip", [*EXPORT, "Profile.csv"])
    files = json.loads(_run(archive, tmp_path / "log", capsys, "--json"))["files"]
    [note] = [f for f in files if f["file"] == "li.zip"]
    assert note["skipped"] == {"files in the zip that are not used": 1}
    assert note["contacts_added"] == note["interactions_added"] == 0


def test_a_folder_of_export_files_has_no_line_of_its_own(tmp_path, capsys):
    folder = tmp_path / "export"
    folder.mkdir()
    for name in EXPORT:
        (folder / name).write_bytes((LINKEDIN / name).read_bytes())
    files = json.loads(_run(folder, tmp_path / "log", capsys, "--json"))["files"]
    assert sorted(f["file"] for f in files) == [f"{folder}/{n}" for n in EXPORT]
