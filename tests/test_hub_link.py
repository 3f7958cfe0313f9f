"""The JupyterHub (nbgitpuller) and Binder links are exact; the Binder files match the pins."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netcoach.cli import main
from netcoach.hub_link import binder_link, nbgitpuller_link

ROOT = Path(__file__).resolve().parent.parent


def test_default_link_is_exact():
    assert nbgitpuller_link("https://hub.example.org/") == (
        "https://hub.example.org/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fnetwork-coach%2Fnetwork-coach"
        "&branch=main"
        "&urlpath=lab%2Ftree%2Fnetwork-coach%2Fnotebooks%2Fscore-my-network.ipynb"
    )


def test_branch_path_and_classic_interface():
    link = nbgitpuller_link(
        "https://hub.example.org/jupyter",
        repo="https://github.com/example/course.git",
        branch="spring-2026/room b".replace(" ", "_"),
        path="/notebooks/quick check.ipynb",
        interface="classic",
    )
    assert link == (
        "https://hub.example.org/jupyter/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fexample%2Fcourse.git"
        "&branch=spring-2026%2Froom_b"
        "&urlpath=tree%2Fcourse%2Fnotebooks%2Fquick%20check.ipynb"
    )


def test_binder_link_is_exact():
    assert binder_link(path="notebooks/quick-check.ipynb") == (
        "https://mybinder.org/v2/gh/network-coach/network-coach/main"
        "?urlpath=lab%2Ftree%2Fnotebooks%2Fquick-check.ipynb"
    )


@pytest.mark.parametrize(
    ("interface", "opens"),
    [("lab", "lab%2Ftree%2F"), ("classic", "tree%2F"), ("notebook", "notebooks%2F")],
)
def test_binder_link_opens_the_chosen_interface(capsys, interface: str, opens: str) -> None:
    # --binder used to open JupyterLab whatever --interface said.
    argv = ["hub-link", "--hub", "https://hub.example.org", "--binder", "--interface", interface]
    assert main(argv) == 0
    hub, binder = capsys.readouterr().out.splitlines()
    assert binder.endswith(f"?urlpath={opens}notebooks%2Fscore-my-network.ipynb")
    assert f"urlpath={opens}network-coach%2F" in hub
    with pytest.raises(ValueError, match="--interface must be one of"):
        binder_link(interface="vscode")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"hub": "hub.example.org"},
        {"hub": "ftp://hub.example.org"},
        {"hub": "https://hub.example.org/?next=x"},
        {"hub": "https://hub.example.org", "path": "../etc/passwd"},
        {"hub": "https://hub.example.org", "branch": "two words"},
        {"hub": "https://hub.example.org", "interface": "vscode"},
    ],
)
def test_bad_input_is_refused(kwargs):
    hub = kwargs.pop("hub")
    with pytest.raises(ValueError):
        nbgitpuller_link(hub, **kwargs)


def test_command_prints_the_link(capsys):
    code = main(
        [
            "hub-link",
            "--hub",
            "https://hub.example.org",
            "--path",
            "notebooks/quick-check.ipynb",
            "--binder",
        ]
    )
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("urlpath=lab%2Ftree%2Fnetwork-coach%2Fnotebooks%2Fquick-check.ipynb")
    assert lines[1].startswith("https://mybinder.org/v2/gh/network-coach/network-coach/main?")
    assert main(["hub-link", "--hub", "not a url"]) == 2


def test_a_notebook_the_course_does_not_have_gets_a_warning(capsys):
    assert main(["hub-link", "--hub", "https://hub.example.org"]) == 0
    assert capsys.readouterr().err == ""
    assert (
        main(["hub-link", "--hub", "https://hub.example.org", "--path", "notebooks/nope.ipynb"])
        == 0
    )
    captured = capsys.readouterr()
    assert "nope.ipynb" in captured.out  # the link is still printed
    assert captured.err.startswith("netcoach: warning: the course has no notebooks/nope.ipynb")
    other = ["--repo", "https://github.com/example/fork", "--path", "notebooks/nope.ipynb"]
    assert main(["hub-link", "--hub", "https://hub.example.org", *other]) == 0
    assert capsys.readouterr().err == ""  # another repository's files are not known here


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\[\]-]+)==([^\s#]+)", line)
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins


def test_binder_files_match_the_project_pins():
    binder = ROOT / "binder"
    wanted = _pins(ROOT / "requirements.txt") | _pins(ROOT / "constraints.txt")
    pins = _pins(binder / "requirements.txt")
    assert {"pandas", "ipywidgets", "matplotlib", "jsonschema"} <= set(pins)
    for name, version in pins.items():
        assert wanted.get(name) == version, (
            f"binder pins {name}=={version}; project has {wanted.get(name)}"
        )
    post = (binder / "postBuild").read_text()
    assert post.startswith("#!/bin/bash") and "pip install" in post and "-e ." in post
    assert (binder / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
    runtime = (binder / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11"
    for notebook in ("notebooks/score-my-network.ipynb", "notebooks/quick-check.ipynb"):
        assert (ROOT / notebook).exists()


def test_binder_opens_chapters_as_notebooks_and_can_check_exercises():
    """The chapters' launch button opens a .md file: Binder needs jupytext, made the default
    viewer for Markdown, to open it as a notebook; the exercise pages' check needs nbval."""
    pins = _pins(ROOT / "binder" / "requirements.txt")
    assert {"jupytext", "pytest", "nbval"} <= set(pins)
    post = (ROOT / "binder" / "postBuild").read_text()
    viewer = re.search(r"^jupytext-config set-default-viewer (.+)$", post, re.M)
    assert viewer and {"markdown", "myst"} <= set(viewer.group(1).split())


def test_launch_buttons_only_where_they_work():
    """Binder opens the book's pages in JupyterLab; Colab cannot open a .md notebook and
    cannot import netcoach in the tool notebooks, so the book has no Colab button."""
    import yaml

    launch = yaml.safe_load((ROOT / "_config.yml").read_text())["launch_buttons"]
    assert launch["binderhub_url"] == "https://mybinder.org"
    assert launch["notebook_interface"] == "jupyterlab"
    assert not launch.get("colab_url")


HUB_LINK_START = "/hub/user-redirect/git-pull?repo="


@pytest.mark.parametrize(
    ("given", "base", "cut"),
    [
        ("https://hub.example.org/hub/", "https://hub.example.org", "/hub"),
        ("https://hub.example.org/hub/home", "https://hub.example.org", "/hub/home"),
        ("https://hub.example.org/user/alice/lab", "https://hub.example.org", "/user/alice/lab"),
        ("https://example.org/jupyter/hub/home", "https://example.org/jupyter", "/hub/home"),
        (
            "https://example.org/jupyter/user/al/tree",
            "https://example.org/jupyter",
            "/user/al/tree",
        ),
    ],
)
def test_a_hub_page_copied_from_the_browser_bar_is_cut(capsys, given, base, cut):
    # The page's path used to be kept: .../hub/hub/user-redirect/... (a 404), exit code 0.
    assert main(["hub-link", "--hub", given]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(base + HUB_LINK_START)
    assert captured.out.count("/hub/") == 1
    assert captured.err.startswith(f"netcoach: warning: --hub: left out '{cut}'")
    assert f"the link starts from {base}\n" in captured.err


@pytest.mark.parametrize("given", ["https://example.org/jupyter/", "https://hub.example.org"])
def test_a_hub_subpath_is_kept_without_a_word(capsys, given):
    assert main(["hub-link", "--hub", given]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(given.rstrip("/") + HUB_LINK_START)
    assert captured.err == ""


def test_a_plain_http_hub_is_allowed_with_a_warning(capsys):
    assert main(["hub-link", "--hub", "http://hub.internal.example.org"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("http://hub.internal.example.org" + HUB_LINK_START)
    assert "plain http://" in captured.err and "without encryption" in captured.err


def test_each_option_has_its_own_example(capsys):
    assert main(["hub-link", "--hub", "https://hub.example.org", "--repo", "course"]) == 2
    err = capsys.readouterr().err
    assert "--repo 'course'" in err and "https://github.com/your-org/your-copy" in err
    assert "hub.example.org" not in err
    assert main(["hub-link", "--hub", "hub.example.org"]) == 2
    assert "like https://hub.example.org" in capsys.readouterr().err


@pytest.mark.parametrize(
    "repo",
    [
        "https://x",
        "https://git.example.org/",
        "https://git.example.org/.git",
        "https://github.com/network-coach",
        "https://github.com/network-coach/network-coach/tree/main",
    ],
)
def test_a_repo_address_without_a_repository_is_refused(capsys, repo):
    # https://x used to give urlpath=lab%2Ftree%2F%2Fnotebooks... (no folder) and exit 0.
    assert main(["hub-link", "--hub", "https://hub.example.org", "--repo", repo]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "names no repository" in captured.err
    with pytest.raises(ValueError, match="names no repository"):
        nbgitpuller_link("https://hub.example.org", repo=repo)


def test_a_repo_on_another_host_may_have_one_path_part():
    link = nbgitpuller_link("https://hub.example.org", repo="https://git.example.org/course.git")
    assert "urlpath=lab%2Ftree%2Fcourse%2Fnotebooks" in link


def test_binder_alone_needs_no_hub(capsys):
    assert main(["hub-link", "--binder"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [binder_link()]
    assert captured.err == ""


def test_neither_hub_nor_binder_is_a_clear_error(capsys):
    assert main(["hub-link"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--hub URL" in captured.err and "--binder" in captured.err


def test_nothing_is_printed_when_one_of_the_links_cannot_be_made(capsys):
    # A GitLab repository with --binder used to print the hub link, then fail (exit 2).
    argv = ["hub-link", "--hub", "https://hub.example.org", "--binder"]
    assert main([*argv, "--repo", "https://gitlab.com/example/course"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "GitHub repositories only" in captured.err


def test_help_describes_every_interface(capsys):
    from netcoach.hub_link import INTERFACES

    with pytest.raises(SystemExit):
        main(["hub-link", "--help"])
    helptext = " ".join(capsys.readouterr().out.split())
    for name in INTERFACES:
        assert f"{name}, " in helptext, f"--help does not describe --interface {name}"
    assert "lab, JupyterLab (the default)" in helptext


@pytest.mark.parametrize(
    ("given", "cut"),
    [
        ("https://hub.example.org/hub/login?next=%2Fhub%2F", "/hub/login?next=%2Fhub%2F"),
        (
            "https://hub.example.org/user/alice/lab/tree/notebooks?reset",
            "/user/alice/lab/tree/notebooks?reset",
        ),
        ("https://hub.example.org/hub/home#top", "/hub/home#top"),
    ],
)
def test_a_hub_page_with_a_query_is_cut_with_its_query(capsys, given, cut):
    # The login page's ?next= used to be refused ("leave out '?' and '#' parts"), exit 2.
    assert main(["hub-link", "--hub", given]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("https://hub.example.org" + HUB_LINK_START)
    assert captured.err.startswith(f"netcoach: warning: --hub: left out '{cut}'")


@pytest.mark.parametrize("given", ["https://hub.example.org?x=1", "https://hub.example.org/#top"])
def test_a_base_address_with_a_query_is_still_refused(capsys, given):
    assert main(["hub-link", "--hub", given]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "leave out '?' and '#' parts" in captured.err


@pytest.mark.parametrize(
    "repo",
    [
        "https://www.github.com/network-coach/network-coach",
        "https://GitHub.com/network-coach/network-coach",
    ],
)
def test_binder_takes_github_written_with_www_or_capitals(repo):
    # These used to be refused: "Binder links are built for GitHub repositories only".
    assert binder_link(repo=repo) == binder_link()
    assert "/v2/gh/network-coach/network-coach/main?" in binder_link(repo=repo)
