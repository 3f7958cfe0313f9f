"""A nickname must not be a real name: the names of the learner's own contacts, and each
word of them (a first or a last name), are refused, in any case and spacing, by the check
itself, the summary, the widget and the command."""

from __future__ import annotations

import pytest

from netcoach.cli import main
from netcoach.samples import load_sample, sample_path
from netcoach.scoring import score_log
from netcoach.summary import NicknameError, build_summary, validate_nickname

NAMES = ["Una Underhay", "Zoë O'Brien-Smith", "Ann", "Zelda Q0rstone", "J. Fenwick"]


@pytest.mark.parametrize(
    "nickname",
    ["Una Underhay", "una underhay", "UNA-UNDERHAY", "una_underhay", " Una  Underhay ",
     "unaunderhay", "Zoe OBrien-Smith", "zoe obrien smith", "ann"],
)  # fmt: skip
def test_a_contacts_name_is_refused_as_a_nickname(nickname):
    with pytest.raises(NicknameError, match="must not be a real name"):
        validate_nickname(nickname, NAMES)


@pytest.mark.parametrize(
    "nickname",
    ["Zelda", "zelda", " ZELDA ", "Q0rstone", "q0rstone", "Una", "underhay", "UNDERHAY",
     "Zoe", "OBrien", "o-brien", "Smith", "OBrien-Smith", "obrien_smith", "Fenwick"],
)  # fmt: skip
def test_a_word_of_a_contacts_name_is_refused_as_a_nickname(nickname):
    with pytest.raises(
        NicknameError, match="holds the name of one of your contacts or part of it"
    ) as err:
        validate_nickname(nickname, NAMES)
    assert "must not be a real name" in str(err.value)


@pytest.mark.parametrize(
    "nickname",
    [
        "blue-fox",
        "Annie",
        "learner-k7mq2p",
        "fox",
        "Team 3",
        "J",
        "Unanimous",
    ],
)
def test_other_nicknames_are_kept(nickname):
    assert validate_nickname(nickname, NAMES) == nickname
    assert validate_nickname(nickname, []) == nickname


@pytest.mark.parametrize(
    "nickname",
    ["Zoe Smith 1", "Una Smith", "Underhay Una", "Una Underhay 2", "Smith-77", "Zelda2",
     "Q0rstone_fan", "ZeldaQ0rstone1", "xunaunderhay", "Fenwick J", "big ann"],
)  # fmt: skip
def test_a_nickname_that_holds_a_contacts_name_or_a_word_of_it_is_refused(nickname):
    # 'Zoe Muller 1' used to pass: only the whole nickname was compared with a name or a
    # run of its words, so one more word or a digit let a contact's full name through.
    with pytest.raises(NicknameError, match="holds the name of one of your contacts"):
        validate_nickname(nickname, NAMES)


def test_the_summary_refuses_a_contact_from_the_learners_own_log():
    log = load_sample("graduate")
    assert "Una Underhay" in set(log.contacts["name"])
    report = score_log(log)
    for nickname in ("Una Underhay", "una-underhay", "Una", "underhay"):
        with pytest.raises(NicknameError, match="one of your contacts"):
            build_summary(report, log, nickname)
    assert build_summary(report, log, "blue-fox")["nickname"] == "blue-fox"
    # Another learner's contact is no real name to this learner's check.
    assert build_summary(report, log, "Amara Castellan")["nickname"] == "Amara Castellan"


def test_the_widget_refuses_a_contacts_name_and_writes_nothing(tmp_path):
    from netcoach.widgets.score_view import score_my_network

    widget = score_my_network("graduate", output_folder=tmp_path)
    widget.nickname_text.value = "Una Underhay"
    widget.summary_button.click()
    assert widget.export_message.kind == "error"
    assert "must not be a real name" in widget.export_message.text
    assert list(tmp_path.iterdir()) == []


def _command(tmp_path):
    out = tmp_path / "Una-Underhay.json"
    graduate = str(sample_path("graduate"))
    return out, ["summary", graduate, "--nickname", "Una Underhay", "--out", str(out)]


def test_the_command_refuses_a_contacts_name_with_exit_code_2(tmp_path, capsys):
    out, args = _command(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("netcoach: --nickname: the nickname is the name of one of your contacts")
    assert "Traceback" not in err and not out.exists()


def test_the_command_refuses_a_contacts_first_name_with_exit_code_2(tmp_path, capsys):
    out = tmp_path / "Una.json"
    graduate = str(sample_path("graduate"))
    assert main(["summary", graduate, "--nickname", "Una", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "netcoach: --nickname: the nickname holds the name of one of your contacts or part of it"
    )
    assert "Traceback" not in err and not out.exists()


def test_names_held_in_chunks_are_checked_too():
    # A log of 10,000 contacts is read in chunks; the check failed with "Iterable should
    # contain Array objects" (a TypeError), so no summary could be made of a large log.
    import pandas as pd
    import pyarrow as pa

    chunked = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["Zoë Müller"], ["Ann"]])))
    assert validate_nickname("blue-fox", chunked) == "blue-fox"
    with pytest.raises(NicknameError, match="holds the name of one of your contacts"):
        validate_nickname("Zoe Muller 1", chunked)


ACCENTED = ["Kim Lee", "Zoë Müller", "José Hernández", "Ana María Lopez", "Al Li", "Mark Stone"]


@pytest.mark.parametrize(
    "nickname",
    ["MariaLopez", "AnaMaria", "AnaMaria7", "LeeKim", "MullerZoe", "MullerZoe1",
     "HernandezJose", "MullerFan", "xkimlee"],
)  # fmt: skip
def test_accented_names_and_names_the_other_way_round_are_refused(nickname):
    # Found in review: the runs of 'Ana María Lopez' were built out of order (the accented
    # word last), and a full name was only looked for in its written order.
    with pytest.raises(NicknameError, match="holds the name of one of your contacts"):
        validate_nickname(nickname, ACCENTED)


@pytest.mark.parametrize("nickname", ["tallish", "bookmark", "blue-fox", "Kimono"])
def test_short_name_words_inside_a_longer_word_are_not_refused(nickname):
    assert validate_nickname(nickname, ACCENTED) == nickname


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("KimLee", "Kim J. Lee"), ("kimlee7", "Kim J. Lee"), ("LeeKim", "Kim Min Lee"),
     ("JoseRuiz", "José Luis Ruiz"), ("AnaLuz", "Ana Maria Luz"), ("LeeKim", "Kim\xa0Lee"),
     ("MullerFan", "Zoe\xa0Muller"), ("JobHunter", "Hunter Diaz")],
)  # fmt: skip
def test_first_and_last_name_run_together_are_refused_whatever_lies_between(nickname, name):
    # A middle name or an initial, or a non-breaking space in the name, let these through
    # (second review).
    with pytest.raises(NicknameError, match="holds the name of one of your contacts"):
        validate_nickname(nickname, [name])


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("wordsmith", "Jo Smith"), ("jobhunter", "Hunter Diaz"), ("milestone", "Emma Stone"),
     ("kingfisher", "Ray Fisher"), ("evergreen", "Al Green"), ("skywalker", "Kim Walker"),
     ("martini", "Martin Lee"), ("evangeline", "Eva Lin"), ("sleepy", "Lee Lee"),
     ("Zeldas", "Zelda Q0rstone")],
)  # fmt: skip
def test_an_ordinary_word_that_holds_a_name_word_is_kept(nickname, name):
    # A name word of five letters inside any nickname was refused for a while: with a few
    # hundred contacts a Smith or a Stone is likely, and 'wordsmith' says nothing of them.
    assert validate_nickname(nickname, [name]) == nickname


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("kimjleefan", "Kim J. Lee"), ("jrrtolkienfan", "J. R. R. Tolkien"),
     ("Park fan", "Kim Lee\u2010Park"), ("Park fan", "Kim Lee\u2013Park"),
     ("Lee fan", "Kim J.Lee"), ("Kim fan", "Lee,Kim"), ("Lukasz fan", "Łukasz Nowak"),
     ("Orsted 1", "Anna Ørsted"), ("Dang fan", "Đặng Văn"), ("parklee", "Kim Lee-Park")],
)  # fmt: skip
def test_initials_dashes_dots_and_letters_without_accents_do_not_hide_a_name(nickname, name):
    # Third review: a full run with an initial inside a longer word, names split by a
    # Unicode dash, '.' or ',', letters Unicode does not decompose (Ł, Ø, Đ), and two words
    # of a three-word name out of order all passed.
    with pytest.raises(NicknameError, match="holds the name of one of your contacts"):
        validate_nickname(nickname, [name])


def test_names_of_any_column_type_are_checked():
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    chunked = pa.chunked_array([["Kim Lee"], ["Bo Wu"]])  # string, not large_string
    with pytest.raises(NicknameError):
        validate_nickname("Lee 1", chunked)
    assert validate_nickname("Lee 1", pd.Series([np.nan, np.nan])) == "Lee 1"
    assert validate_nickname("x1", pd.Series(["Kim Lee", 5], dtype=object)) == "x1"


def test_a_name_cell_holding_a_paragraph_is_cut_to_a_name_s_worth_of_runs():
    # Its runs of words grew with the cube of its length (3 s and 600 MB at 800 words):
    # only runs a nickname could hold are kept, from the first words of the cell.
    from netcoach.summary import MAX_NAME_WORDS, NICKNAME_MAX, _name_parts

    paragraph = " ".join(f"word{i}" for i in range(800))
    _, runs, pairs = _name_parts([paragraph, "Kim Lee"])
    assert all(len(r) <= NICKNAME_MAX for r in runs | pairs)
    assert len(runs) <= 5 * 800 and len(pairs) <= 5 * 800 + MAX_NAME_WORDS**2
    assert validate_nickname("blue-fox", [paragraph, "Kim Lee"]) == "blue-fox"


@pytest.mark.parametrize(
    ("nickname", "name"),
    [("jsmith", "Jo Smith"), ("smithj", "Jo Smith"), ("jsmith99", "Jo Smith"),
     ("ysandoval", "Yusuf Sandoval"), ("MULLERfan", "Zoe Muller"), ("LEEfan", "Kim Lee"),
     ("Mueller", "Zoë Müller"), ("Joergensen", "Søren Jørgensen"), ("Haakon", "Håkon Berg"),
     ("Pereira", "Prof. Dr. Ana Maria da Conceição dos Santos Pereira")],
)  # fmt: skip
def test_usernames_capitals_and_other_spellings_do_not_hide_a_name(nickname, name):
    # Fourth review: initial and surname as one word, a surname in capitals run into small
    # letters, German and Nordic spellings (ue for ü, oe for ø, aa for å), and a surname
    # past the eighth word of a long name all passed.
    with pytest.raises(NicknameError, match="holds the name of one of your contacts"):
        validate_nickname(nickname, [name])


def test_a_missing_name_in_a_pandas_text_column_is_no_name():
    import pandas as pd

    for dtype in ("string", "string[pyarrow]"):
        names = pd.Series(["Kim Lee", None], dtype=dtype)
        assert validate_nickname("NA-NA", names) == "NA-NA"  # (pd.NA was read as '<NA>')
