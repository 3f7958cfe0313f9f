"""The coach's page on live notebooks gives instructions that can be followed: a hub's
image installs netcoach from the repository (not an editable install of a folder that only
exists later), every --interface is described, and Binder needs no --hub."""

from __future__ import annotations

import re
from pathlib import Path

from netcoach.hub_link import DEFAULT_BRANCH, INTERFACES, REPO_URL

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "book" / "coach" / "live-notebooks.md"


def _hub_section() -> str:
    text = PAGE.read_text(encoding="utf-8")
    return text[text.index("## A JupyterHub") : text.index("## Binder")]


def test_the_hub_image_installs_netcoach_from_the_repository():
    hub = _hub_section()
    assert "pip install -e ." not in hub, "an image cannot install the learners' copy"
    assert f'"git+{REPO_URL}@{DEFAULT_BRANCH}"' in hub
    raw = REPO_URL.replace("github.com", "raw.githubusercontent.com")
    assert f"-r {raw}/{DEFAULT_BRANCH}/binder/requirements.txt" in hub
    # That file pulls in the constraints relative to itself, as pip reads a URL too.
    assert re.search(
        r"^-c \.\./constraints\.txt$", (ROOT / "binder/requirements.txt").read_text(), re.M
    )


def test_every_interface_is_documented():
    hub = _hub_section()
    for name in INTERFACES:
        assert f"`--interface {name}`" in hub, f"live-notebooks.md omits --interface {name}"


def test_binder_link_needs_no_hub_and_own_logs_stay_off_binder():
    text = PAGE.read_text(encoding="utf-8")
    assert "`netcoach hub-link --binder`" in text
    assert "--hub https://hub.example.org --binder" not in text
    where = text[text.index("## Whose data goes where") :]
    assert "uploads it to that server" in where and "agrees" in where
    assert "never their own log" in where
