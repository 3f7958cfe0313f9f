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
