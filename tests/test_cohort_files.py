"""What `netcoach cohort` does with the files a coach's folder really holds: a handout path
that would replace a summary, a copy of an older summary under a new nickname, an empty
folder, a learner's log saved as CSV, a summary saved by PowerShell, NaN, an empty log."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from helpers import graduate_summary, write_summaries

from netcoach.cli import main
from netcoach.cohort import CUT_RULE, cohort_view, load_cohort, skipped_text, view_text
from netcoach.cohort_samples import perturbed_summaries
from netcoach.samples import sample_path
from netcoach.summary import default_file_name, summary_json

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def base_summary() -> dict:
    return graduate_summary()


@pytest.fixture(autouse=True)
def any_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests hand-make summaries with the scores and gaps each case needs (gaps that no
    counts would give, say) to test the view's rules; that a summary's numbers must agree is
    tested in test_cohort_consistency.py."""
    monkeypatch.setattr("netcoach.cohort.consistency_problems", lambda _data: [])


def _write(folder: Path, summaries: list[dict]) -> Path:
    return write_summaries(folder, summaries, default_file_name)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- 1. a handout never replaces a summary, nor becomes one -----------------------------------


def test_a_handout_named_as_a_summary_is_refused_and_the_summary_kept(
    tmp_path, base_summary, capsys
):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 6, seed=1))
    before = _files(folder)
    target = folder / sorted(before)[0]
    assert main(["cohort", str(folder), "--handout", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"--handout {target}" in err and "nothing was written" in err
    assert _files(folder) == before


@pytest.mark.parametrize("name", ["handout.json", "Handout.JSON"])
def test_a_handout_ending_in_json_is_refused(tmp_path, base_summary, capsys, name):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 6, seed=2))
    before = _files(folder)
    for target in (folder / name, tmp_path / name):  # in the folder or not: it would be read
        assert main(["cohort", str(folder), "--handout", str(target)]) == 2
        assert ".html" in capsys.readouterr().err
        assert not target.exists()
    assert _files(folder) == before
    assert main(["cohort", str(folder)]) == 0
    assert "Skipped" not in capsys.readouterr().err


def test_a_handout_over_another_file_in_the_folder_is_refused(tmp_path, base_summary, capsys):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 6, seed=3))
    (folder / "notes.html").write_text("the coach's own notes")
    before = _files(folder)
    assert main(["cohort", str(folder), "--handout", str(folder / "notes.html")]) == 2
    assert "summaries folder" in capsys.readouterr().err
    assert _files(folder) == before
    out = tmp_path / "handout.html"  # outside the folder: written as before
    assert main(["cohort", str(folder), "--handout", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_handout_kept_in_the_folder_is_written_again_next_time(tmp_path, base_summary, capsys):
    # Running the same command a second time (handout.html inside the summaries folder, as
    # the coach's notebook keeps it) must work: only the last run's handout is replaced.
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 6, seed=3))
    handout = folder / "handout.html"
    for title in ("Week 1", "Week 2"):
        assert main(["cohort", str(folder), "--handout", str(handout), "--title", title]) == 0
        assert f"<title>{title}</title>" in handout.read_text(encoding="utf-8")
    assert "6 learners" in capsys.readouterr().out


# --- 2. one summary under two nicknames counts once, whatever the files are called -------------


@pytest.mark.parametrize("names", list(itertools.permutations(["a.json", "b.json", "c.json"])))
def test_a_copy_of_an_older_summary_under_a_new_nickname_is_not_counted(
    tmp_path, base_summary, names
):
    x_now, other = perturbed_summaries(base_summary, 2, seed=4)
    x_now = dict(x_now, nickname="x", as_of_month="2025-09")
    x_before = dict(other, nickname="x", as_of_month="2025-08")  # another learner's counts
    copy = dict(x_before, nickname="y")  # the same content as x_before
    folder = tmp_path / "c"
    folder.mkdir()
    for name, s in zip(names, (x_now, x_before, copy), strict=True):
        (folder / name).write_text(summary_json(s))
    cohort = load_cohort(folder)
    assert cohort.size == 1
    [(kept, data)] = cohort.summaries.items()
    assert kept == names[0] and data["as_of_month"] == "2025-09"
    assert {p.file for p in cohort.problems} == set(names[1:])
    reasons = " ".join(p.reason for p in cohort.problems)
    assert "older summary (2025-08)" in reasons


@pytest.mark.parametrize("reverse", [False, True])
def test_two_learners_whose_older_summaries_match_still_count_as_two(
    tmp_path, base_summary, reverse
):
    # Amara and Ben both scored the course's sample last month, so their October summaries
    # are identical; in November each sent their own. Seven learners: seven counted (linking
    # every nickname that shared a content merged Amara and Ben into one learner).
    november = perturbed_summaries(base_summary, 7, seed=6)
    nicknames = ["amara", "ben", "cy", "dee", "eli", "fay", "gus"]
    now = [
        dict(s, nickname=n, as_of_month="2025-11") for s, n in zip(november, nicknames, strict=True)
    ]
    same = dict(base_summary, as_of_month="2025-10")
    before = [dict(same, nickname="amara"), dict(same, nickname="ben")]
    folder = tmp_path / "c"
    folder.mkdir()
    summaries = before + now
    for i, s in enumerate(reversed(summaries) if reverse else summaries):
        (folder / f"{i:02d}.json").write_text(summary_json(s))
    cohort = load_cohort(folder)
    assert sorted(s["nickname"] for s in cohort.summaries.values()) == nicknames
    assert all(s["as_of_month"] == "2025-11" for s in cohort.summaries.values())
    older, copy = (p.reason for p in sorted(cohort.problems, key=lambda p: "same" in p.reason))
    assert older.startswith("an older summary (2025-10), sent under the same nickname as ")
    assert copy.startswith("the same summary as ") and copy.endswith("not counted either")


def test_the_count_is_the_same_whatever_the_files_are_called(tmp_path, base_summary):
    # One summary P sent under x, y and z, and each of them also sent another for the same
    # month: "the first file" of a month decided which counted, so renaming the files
    # moved the count between 3 and 5, across the group-of-five line.
    p, q, r, t, u, v = perturbed_summaries(base_summary, 6, seed=8)
    sent = [(p, "x"), (p, "y"), (p, "z"), (q, "x"), (r, "y"), (t, "z"), (u, "u"), (v, "v")]
    summaries = [dict(s, nickname=n, as_of_month="2025-09") for s, n in sent]
    counts = set()
    for turn in range(6):
        folder = tmp_path / str(turn)
        folder.mkdir()
        names = random.Random(turn).sample(range(8), 8)  # the files' places in name order
        for place, summary in zip(names, summaries, strict=True):
            (folder / f"{place}-{summary['nickname']}.json").write_text(summary_json(summary))
        counts.add(load_cohort(folder).size)
    assert len(counts) == 1, counts


def test_a_skip_message_never_says_a_file_counts_when_it_does_not(tmp_path, base_summary):
    # chen's October summary K was also sent by dara, whose November one is newer: K does
    # not count, so chen's September one must not be told "the newer one counts".
    k, m, ell = perturbed_summaries(base_summary, 3, seed=9)
    sent = {
        "chen-oct.json": dict(k, nickname="chen", as_of_month="2025-10"),
        "dara-oct.json": dict(k, nickname="dara", as_of_month="2025-10"),
        "dara-nov.json": dict(m, nickname="dara", as_of_month="2025-11"),
        "chen-sep.json": dict(ell, nickname="chen", as_of_month="2025-09"),
    }
    folder = tmp_path / "c"
    folder.mkdir()
    for name, summary in sent.items():
        (folder / name).write_text(summary_json(summary))
    cohort = load_cohort(folder)
    assert list(cohort.summaries) == ["dara-nov.json"]
    reasons = {p.file: p.reason for p in cohort.problems}
    assert reasons["chen-sep.json"] == (
        "an older summary (2025-09), sent under the same nickname as chen-oct.json; "
        "that one does not count either (see its line)"
    )
    assert reasons["chen-oct.json"].endswith("a nickname's newest summary is the one that counts")


# --- 3. nothing to read: exit 2, no handout ---------------------------------------------------


@pytest.mark.parametrize("kind", ["empty", "log folder", "only bad files"])
def test_a_folder_with_no_summary_stops_without_a_handout(tmp_path, capsys, kind):
    if kind == "log folder":
        folder = sample_path("graduate")
    else:
        folder = tmp_path / "c"
        folder.mkdir()
        if kind == "only bad files":
            (folder / "broken.json").write_text("{not json")
    out = tmp_path / "e.html"
    assert main(["cohort", str(folder), "--handout", str(out)]) == 2
    captured = capsys.readouterr()
    assert not out.exists()
    assert "no summary could be read" in captured.err and str(folder) in captured.err
    assert "so far" not in captured.out
    if kind == "log folder":
        assert "learner's log folder" in captured.err
    if kind == "only bad files":
        assert "broken.json" in captured.err


def test_a_few_summaries_still_give_the_small_group_message(tmp_path, base_summary, capsys):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 2, seed=5))
    out = tmp_path / "h.html"
    assert main(["cohort", str(folder), "--handout", str(out)]) == 0
    assert "(2 so far)" in capsys.readouterr().out and out.exists()


# --- 4. a learner's log beside the summaries is named, never shown ----------------------------


@pytest.mark.parametrize(
    ("name", "source", "encoding"),
    [
        ("from-amara.csv", "contacts.csv", "utf-8"),
        ("amara-conversations.CSV", "interactions.csv", "utf-8"),
        ("amara.txt", "contacts.csv", "utf-16"),
        ("contacts.csv", "contacts.csv", "utf-8"),
    ],
)
def test_a_log_csv_among_the_summaries_is_worth_a_look(
    tmp_path, base_summary, capsys, name, source, encoding
):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 6, seed=6))
    log = (sample_path("graduate") / source).read_text(encoding="utf-8")
    (folder / name).write_text(log, encoding=encoding)
    (folder / "agenda.txt").write_text("9:00 welcome\n9:10 warm-up\n")  # not a log: no note
    cohort = load_cohort(folder)
    assert cohort.size == 6
    [note] = cohort.notes
    assert note.file == name
    assert note.reason.startswith("a learner's log (it names the people they know)")
    assert "delete it" in note.reason
    assert main(["cohort", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "Worth a look:" in captured.err and name in captured.err
    first_name = log.splitlines()[1].split(",")[1]
    assert first_name and first_name not in captured.err + captured.out  # never its content
    assert name not in captured.out  # the names of files are for the coach alone


@pytest.mark.parametrize(("letter", "cut"), [("ü", 1), ("€", 1), ("€", 2)])
def test_a_log_is_found_whatever_letter_its_first_4_kb_end_in(tmp_path, base_summary, letter, cut):
    # Only the first 4 kB are read; when they ended inside an accented letter the file failed
    # to decode and was taken for something else, so a log full of names went unmentioned.
    from netcoach.cohort import LOG_HEAD_BYTES

    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 6, seed=6))
    start = "contact_id,name,notes\nc001,Zoë Müller,\nc002,Una Underhay,".encode()  # UTF-8
    notes = b"a" * (LOG_HEAD_BYTES - len(start) - cut)  # the letter's first `cut` bytes fit
    body = start + notes + letter.encode() + b"\nc003,Yusuf Sandoval,\n"
    assert len(body[:LOG_HEAD_BYTES]) == LOG_HEAD_BYTES and body[LOG_HEAD_BYTES] >= 0x80
    (folder / "from-amara.csv").write_bytes(body)
    [note] = load_cohort(folder).notes
    assert note.file == "from-amara.csv" and note.reason.startswith("a learner's log")


# --- 5. a summary saved as UTF-16 or UTF-32 (Windows PowerShell) is read -----------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig", "utf-8"])
def test_a_summary_saved_in_another_unicode_encoding_is_read(tmp_path, base_summary, encoding):
    summaries = perturbed_summaries(base_summary, 5, seed=7)
    folder = _write(tmp_path / "c", summaries[:4])
    text = summary_json(summaries[4])
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # (Python's utf-16-be writes no mark)
    (folder / "me.json").write_bytes(data)
    cohort = load_cohort(folder)
    assert cohort.problems == []
    assert cohort.size == 5 and cohort.summaries["me.json"] == json.loads(text)


def test_a_file_that_is_not_unicode_text_is_still_skipped(tmp_path, base_summary):
    folder = _write(tmp_path / "c", perturbed_summaries(base_summary, 5, seed=8))
    (folder / "picture.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8")
    [problem] = load_cohort(folder).problems
    assert problem.file == "picture.json" and "not a text file" in problem.reason


# --- 6. NaN and Infinity are not numbers a summary holds --------------------------------------


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_a_summary_with_nan_or_infinity_is_skipped(tmp_path, base_summary, value):
    summaries = perturbed_summaries(base_summary, 6, seed=9)
    folder = _write(tmp_path / "c", summaries[:5])
    text = summary_json(summaries[5])
    edited = text.replace(f'"rich_share": {summaries[5]["rich_share"]}', f'"rich_share": {value}')
    assert edited != text
    (folder / "odd.json").write_text(edited)
    cohort = load_cohort(folder)
    assert cohort.size == 5
    [problem] = cohort.problems
    assert problem.file == "odd.json"
    assert "rich_share" in problem.reason and "NaN or Infinity" in problem.reason


# --- 7. a summary of an empty log is not counted ----------------------------------------------


def test_a_summary_with_no_interactions_is_not_counted(tmp_path, base_summary, capsys):
    summaries = perturbed_summaries(base_summary, 5, seed=10)
    empty = json.loads(summary_json(summaries[4]))
    empty["counts"]["interactions"] = 0
    empty["counts"]["interactions_by_channel"] = dict.fromkeys(
        empty["counts"]["interactions_by_channel"], 0
    )
    empty["nickname"] = "nobody"
    folder = _write(tmp_path / "c", [*summaries[:4], empty])
    cohort = load_cohort(folder)
    assert cohort.size == 4, "an empty log's summary must not make up the group of five"
    assert cohort_view(cohort).suppressed
    [note] = cohort.notes
    assert note.file.startswith("nobody-summary-")
    assert "0 interactions" in note.reason and "not counted" in note.reason
    assert cohort.problems == []
    assert main(["cohort", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "Worth a look:" in err and note.file in err


# --- 9. the rule for scores says honestly what is shown ---------------------------------------


def test_the_median_of_an_odd_group_is_one_learners_score_and_the_words_say_so(
    tmp_path, base_summary
):
    summaries = perturbed_summaries(base_summary, 9, seed=11)
    for i, s in enumerate(summaries):
        s["scores"] = dict(s["scores"], overall=10 + 5 * i)  # nine different scores
    view = cohort_view(load_cohort(_write(tmp_path / "c", summaries)))
    assert view.distributions["overall"].median == 30  # exactly the middle learner's score
    privacy = (ROOT / "book" / "coach" / "privacy.md").read_text(encoding="utf-8")
    for text in (CUT_RULE, view_text(view), " ".join(privacy.split())):
        assert "own score is shown" not in text and "own score is ever shown" not in text
        assert "never shows one learner's score" not in text
    assert "no number shown can point to one learner" in CUT_RULE
    assert "middle learner's own score" in CUT_RULE
    assert "five learners at or below it and five at or above it" in " ".join(privacy.split())
    assert skipped_text(view) == ""
