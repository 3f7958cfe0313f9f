"""The coach's handout replaces only an earlier handout, never a page of the coach's own, and
is written all at once; so is a learner's summary."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from netcoach.cli import main
from netcoach.cohort import cohort_view, load_cohort
from netcoach.cohort_handout import handout_html, is_a_handout, write_handout
from netcoach.cohort_samples import write_synthetic_summaries
from netcoach.summary import write_summary


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("group")
    write_synthetic_summaries(folder, n=6)
    return folder


def test_an_earlier_handout_is_replaced_and_a_page_of_ones_own_is_not(
    group: Path, tmp_path: Path
) -> None:
    view = cohort_view(load_cohort(group))
    earlier = tmp_path / "handout.html"
    earlier.write_text(handout_html(view, "Week 1"), encoding="utf-8")  # as any version made
    assert is_a_handout(earlier)
    write_handout(view, earlier, "Week 2")
    assert "<title>Week 2</title>" in earlier.read_text(encoding="utf-8")

    own = tmp_path / "notes.html"
    own.write_text("<!DOCTYPE html><p>my session plan</p>", encoding="utf-8")
    assert not is_a_handout(own)
    with pytest.raises(FileExistsError, match="is already there and is not a handout"):
        write_handout(view, own)
    assert own.read_text(encoding="utf-8") == "<!DOCTYPE html><p>my session plan</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.html", "notes.html"]


def test_the_command_will_not_write_over_a_page_of_ones_own(
    group: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    own = tmp_path / "plan.html"
    own.write_text("my plan", encoding="utf-8")
    assert main(["cohort", str(group), "--handout", str(own)]) == 2
    printed = capsys.readouterr()
    assert f"--handout {own} is already there and is not a handout" in printed.err
    assert printed.out == ""  # refused before the view is worked out
    assert own.read_text(encoding="utf-8") == "my plan"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_a_summary_is_written_all_at_once_with_the_usual_permissions(
    group: Path, tmp_path: Path
) -> None:
    source = next(group.glob("*.json"))
    summary = json.loads(source.read_text(encoding="utf-8"))
    written = write_summary(summary, tmp_path / "new" / "me.json")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(written.stat().st_mode) == 0o666 & ~umask  # made to be shared
    assert sorted(p.name for p in written.parent.iterdir()) == ["me.json"]
