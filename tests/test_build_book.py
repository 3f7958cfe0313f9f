"""The book builder re-executes pages when the package or the samples change."""

from __future__ import annotations

from netcoach.build_book import (
    build_command,
    clear_stale_execution_cache,
    code_and_data_fingerprint,
)


def test_execution_cache_is_cleared_only_when_the_fingerprint_changes(tmp_path):
    build = tmp_path / "_build"
    assert not clear_stale_execution_cache(build, "a")  # fresh clone: no cache yet
    (build / ".jupyter_cache").mkdir(parents=True)
    assert not clear_stale_execution_cache(build, "a")
    assert (build / ".jupyter_cache").exists()
    assert clear_stale_execution_cache(build, "b")
    assert not (build / ".jupyter_cache").exists()


def test_fingerprint_covers_package_code_and_sample_data(tmp_path):
    (tmp_path / "netcoach").mkdir()
    (tmp_path / "data" / "samples" / "x").mkdir(parents=True)
    code = tmp_path / "netcoach" / "m.py"
    sample = tmp_path / "data" / "samples" / "x" / "contacts.csv"
    code.write_text("A = 1\n")
    sample.write_text("contact_id,name\n")
    first = code_and_data_fingerprint(tmp_path)
    code.write_text("A = 2\n")
    second = code_and_data_fingerprint(tmp_path)
    sample.write_text("contact_id,name\nc1,Ann\n")
    assert len({first, second, code_and_data_fingerprint(tmp_path)}) == 3


def test_strict_build_treats_warnings_as_errors_and_rebuilds_all(tmp_path):
    cmd = build_command(tmp_path, strict=True)
    assert {"-W", "--all"} <= set(cmd)
    assert cmd[cmd.index("--path-output") + 1] == str(tmp_path)


def test_a_cache_without_a_fingerprint_is_treated_as_stale(tmp_path):
    build = tmp_path / "_build"
    (build / ".jupyter_cache").mkdir(parents=True)
    assert clear_stale_execution_cache(build, "a")
    assert not (build / ".jupyter_cache").exists()
