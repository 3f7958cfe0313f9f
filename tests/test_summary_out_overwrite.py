"""``netcoach summary --out FILE`` replaces only an earlier summary: a CV or a report that
happens to have the name given is refused, and nothing is written."""

from __future__ import annotations

import json

import pytest

from netcoach.cli import main
from netcoach.samples import sample_path

GRADUATE = str(sample_path("graduate"))


@pytest.mark.parametrize(
    ("name", "content"),
    [("mycv.txt", "my cv\n"), ("rep.html", "<html>Amara Osei</html>"), ("other.json", "[1]")],
)
def test_a_file_that_is_not_a_summary_is_never_replaced(tmp_path, capsys, name, content):
    target = tmp_path / name
    target.write_text(content)
    assert main(["summary", GRADUATE, "--out", str(target)]) != 0
    err = capsys.readouterr().err
    assert f"--out {target} is already there and is not a Network Coach summary" in err
    assert "(nothing was written)" in err and "Traceback" not in err
    assert target.read_text() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_an_earlier_summary_is_replaced(tmp_path, capsys):
    target = tmp_path / "mine.json"
    assert main(["summary", GRADUATE, "--as-of", "2025-08-31", "--out", str(target)]) == 0
    assert main(["summary", GRADUATE, "--out", str(target)]) == 0
    assert json.loads(target.read_text())["as_of_month"] == "2025-09"
