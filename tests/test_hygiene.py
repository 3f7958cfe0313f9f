"""Repository hygiene: lint, clean notebooks, no personal data in committed files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RESERVED_EMAIL = re.compile(
    r"@(example\.(com|org|net)|[a-z0-9.-]*\.example|[a-z0-9.-]*\.invalid|[a-z0-9.-]*\.test)$",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def tracked(*patterns: str) -> list[Path]:
    """Files git tracks (plus untracked, not ignored ones) matching the patterns."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", *patterns],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ROOT / line for line in out.splitlines() if (ROOT / line).exists()]


def test_ruff_finds_no_lint_errors():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_committed_notebooks_outside_exercises_carry_no_outputs():
    offenders = []
    for path in tracked("*.ipynb"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(("exercises/", "tests/fixtures/")):
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count")):
                offenders.append(rel)
                break
    assert not offenders, f"strip outputs from: {offenders} (the book executes them)"


def test_exercise_notebooks_store_outputs_only_on_check_cells():
    offenders = []
    for path in tracked("exercises/*.ipynb", "exercises/**/*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "code" or not cell.get("outputs"):
                continue
            source = "".join(cell["source"])
            if "NBVAL_CHECK_OUTPUT" not in source:
                offenders.append(f"{path.relative_to(ROOT)}: {source[:40]!r}")
    assert not offenders, "outputs outside check cells:\n" + "\n".join(offenders)


def test_no_email_outside_reserved_domains_in_committed_content():
    leaks = set()
    for path in tracked("data", "notebooks", "exercises", "book", "netcoach", "tests/fixtures"):
        if path.suffix.lower() in {".png", ".jpg", ".svg", ".zip", ".pyc"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for match in EMAIL.findall(text):
            if not RESERVED_EMAIL.search(match):
                leaks.add(f"{path.relative_to(ROOT)}: {match}")
    assert not leaks, "e-mail addresses on real domains:\n" + "\n".join(sorted(leaks))


PERSONAL_FILES = (
    "my-network/contacts.csv",
    "Basic_LinkedInDataExport.zip",
    "contacts.vcf",
    "calendar.ics",
    "report.html",
    "handout.html",
    "gradebook.csv",
    "blue-fox-summary-2025-09.json",
    "submissions/ana.ipynb",
    "summaries/blue-fox-summary-2025-09.json",
    # the notebooks' flow: the log form's example folder and the score widget's exports
    "notebooks/my-network/interactions.csv",
    "notebooks/my-network-2025-09-30-report.html",
    "notebooks/my-network-2025-09-30-reminders.ics",
    "notebooks/blue-fox-summary-2025-09.json",
    # a log kept under any other name, anywhere in the clone
    "alex-log/contacts.csv",
    "notebooks/jobs 2026/interactions.csv",
    "Basic_LinkedInDataExport_11-29-2026/messages.csv",
    "notebooks/Complete_LinkedInDataExport_11-29-2026.zip",
)
"""What README's commands write, when run at the top of a clone as shown: each holds names
of people a learner knows (or a learner's grades), so git must never offer to commit it."""


def test_the_course_files_are_not_ignored() -> None:
    """The patterns that keep a learner's files out of git ignore none of the course's own."""
    ignored = subprocess.run(
        ["git", "ls-files", "--cached", "--ignored", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert ignored == []
    for name in ("data/samples/graduate/contacts.csv", "data/templates/interactions.csv"):
        result = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT, check=False)
        assert result.returncode == 1, f"{name} is ignored"


def test_a_learners_own_folder_is_ignored_by_git():
    for name in (*PERSONAL_FILES, ".venv/x", "_build/html/index.html"):
        result = subprocess.run(
            ["git", "check-ignore", "-q", name], cwd=ROOT, capture_output=True, check=False
        )
        assert result.returncode == 0, f"{name} is not ignored by .gitignore"


@pytest.mark.parametrize("path", ["LICENSE", "LICENSE-CONTENT.md", "CITATION.cff"])
def test_licences_and_citation_are_present(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert len(text) > 200
