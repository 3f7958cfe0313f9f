"""The share box's random id in the widget. Uploaded files have no folder to keep an id
in: two different uploads in one notebook folder used to share the id kept in the output
folder (the second summary replaced the first). And a log folder that cannot keep the id
made the widget report a failure although the summary had been written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import uploaded

from netcoach.samples import sample_path
from netcoach.summary import ID_FILE
from netcoach.widgets.score_view import UPLOAD_ID_NOTE, score_my_network


def _upload(widget, sample: str) -> None:
    folder = sample_path(sample)
    names = ("contacts.csv", "interactions.csv", "settings.toml")
    files = [uploaded(n, (folder / n).read_bytes()) for n in names]
    assert widget.load_uploads(files)


def test_two_uploads_get_two_ids_and_two_files(tmp_path: Path) -> None:
    widget = score_my_network(output_folder=tmp_path / "out")
    paths = []
    for sample in ("graduate", "experienced"):
        _upload(widget, sample)
        paths.append(widget.export_summary())
        assert UPLOAD_ID_NOTE in widget.export_message.text
    nicknames = {json.loads(p.read_text())["nickname"] for p in paths}
    assert len(nicknames) == 2 and len(set(paths)) == 2
    assert not (tmp_path / "out" / ID_FILE).exists()


def test_a_folder_that_cannot_keep_the_id_still_gets_its_summary(tmp_path: Path) -> None:
    log = Path(shutil.copytree(sample_path("graduate"), tmp_path / "log"))
    (log / ID_FILE).mkdir()  # (stands in for a read-only folder: the tests may run as root)
    widget = score_my_network(folder=log, output_folder=tmp_path / "out")
    path = widget.export_summary()
    assert path is not None and json.loads(path.read_text())["nickname"].startswith("learner-")
    assert widget.export_message.kind == "warning"
    assert "The random id could not be saved in" in widget.export_message.text
    assert "Saved an anonymous summary" in widget.export_message.text
