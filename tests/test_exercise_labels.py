"""No two exercises in the book share a visible label.

The graded exercises (``book/exercises/``) are "Exercise 1" to "Exercise 9". sphinx-exercise
numbers every *numbered* exercise directive across the whole book ("Exercise 1", "Exercise
2", ...), so a numbered in-chapter exercise would clash with a graded one. In-chapter
exercises are therefore ``:nonumber:`` and carry their chapter's number as a subtitle:
the second exercise of chapter 3 reads "Exercise (3.2)", and its solution "Solution to
Exercise (3.2)". This test works out what each exercise shows, as sphinx-exercise renders
it, and checks every label is used once.
"""

from __future__ import annotations

import re
from collections import Counter

from booktext import page_path, toc_files

DIRECTIVE_RE = re.compile(r"```\{exercise(?:-start)?\}([^\n]*)\n((?::[\w-]+:.*\n)*)")
GRADED_RE = re.compile(r"^# (Exercise \d+):", re.M)


def _visible_labels() -> list[tuple[str, str]]:
    """(visible label, where) for every exercise, in the order of the table of contents."""
    shown, numbered = [], 0
    for entry in toc_files():
        path = page_path(entry)
        if path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8")
        shown += [(m.group(1), entry) for m in GRADED_RE.finditer(text)]
        for subtitle, options in DIRECTIVE_RE.findall(text):
            title = "Exercise"
            if ":nonumber:" not in options:
                numbered += 1  # sphinx-exercise's book-wide number
                title = f"Exercise {numbered}"
            if subtitle.strip():
                title += f" ({subtitle.strip()})"
            shown.append((title, entry))
    return shown


def test_no_two_exercises_share_a_visible_label():
    shown = _visible_labels()
    assert sum(1 for t, _ in shown if re.fullmatch(r"Exercise \d+", t)) >= 9, "graded ones found"
    counts = Counter(t for t, _ in shown)
    clashes = {t: [w for s, w in shown if s == t] for t, n in counts.items() if n > 1}
    assert not clashes, f"exercises that look the same to a learner: {clashes}"


def test_in_chapter_exercises_are_numbered_by_chapter():
    for entry in toc_files():
        match = re.match(r"book/(\d\d)-", entry)
        if not match:
            continue
        chapter = int(match.group(1))
        text = page_path(entry).read_text(encoding="utf-8")
        found = DIRECTIVE_RE.findall(text)
        assert found, f"{entry} has exercises"
        for k, (subtitle, options) in enumerate(found, 1):
            label = re.search(r":label:\s*(\S+)", options).group(1)
            assert label == f"ch{chapter:02d}-ex{k}", f"{entry}: exercise {k} is {label}"
            assert subtitle.strip() == f"{chapter}.{k}", f"{entry}: {label} shows {subtitle!r}"
            assert ":nonumber:" in options, f"{entry}: {label} would get a book-wide number"
