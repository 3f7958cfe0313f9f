"""Every command the course tells a learner to run is installed by `requirements.txt`.

The chapters, the exercise pages and the README say "run `jupyter lab ...`", "`pytest
--nbval-lax ...`", "`netcoach grade ...`". Each of those programs must come from a
distribution pinned directly in `requirements.txt` (or be `netcoach` itself, installed with
`pip install -e .`), so a learner who followed the install steps has it. A program that only
arrives as some other package's dependency could vanish with the next upgrade.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "book").rglob("*.md"))]

# Programs that come with Python, the shell or the system, not from requirements.txt.
SYSTEM = {"python", "python3", "python3.11", "pip", "%pip", "make", "source", "cd", "git"}
# Options that need a pytest plugin: the plugin must be pinned too.
PLUGIN_OPTIONS = {"--nbval": "nbval", "--nbval-lax": "nbval"}
FENCE = re.compile(r"^(```|~~~)(?:bash|sh|shell|console)[ \t]*\n(.*?)^\1", re.S | re.M)
INLINE = re.compile(r"`([^`\n]+)`")
PREFIX = re.compile(r"^(?:\$\s+)?(?:\.venv[/\\](?:bin|Scripts)[/\\])?")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==", line)
        if m:
            names.add(_canonical(m.group(1)))
    return names


def _scripts() -> dict[str, str]:
    """Console script name -> the distribution that installs it."""
    return {
        ep.name: _canonical(ep.dist.name)
        for ep in metadata.entry_points(group="console_scripts")
        if ep.dist is not None
    }


SCRIPTS = _scripts()
# An inline `code` span is a command when it starts with a program name.
PROGRAMS = set(SCRIPTS) | {"jupyter", "pytest", "netcoach", "jupytext"}


def told_to_run(text: str) -> list[str]:
    """The command lines in a page: shell code blocks, and inline code naming a program."""
    commands = []
    for block in FENCE.finditer(text):
        joined = re.sub(r"[ \t]*\\\n[ \t]*", " ", block.group(2))  # a line ending in \ goes on
        for line in joined.splitlines():
            line = line.split(" #")[0].strip()
            if line and not line.startswith("#"):
                commands.append(PREFIX.sub("", line))
    for span in INLINE.finditer(text):
        line = PREFIX.sub("", span.group(1).strip())
        if line.split() and line.split()[0] in PROGRAMS:
            commands.append(line)
    return commands


def needed(command: str) -> tuple[str, set[str]]:
    """The console script a command runs, and the pytest plugins its options need."""
    words = command.split()
    program = words[0]
    if program == "jupyter" and len(words) > 1 and not words[1].startswith("-"):
        program = f"jupyter-{words[1]}"  # `jupyter lab` runs the `jupyter-lab` script
    plugins = {PLUGIN_OPTIONS[w.split("=")[0]] for w in words if w.split("=")[0] in PLUGIN_OPTIONS}
    return program, plugins


def all_commands() -> list[tuple[str, str]]:
    return [
        (str(page.relative_to(ROOT)), command)
        for page in DOCS
        for command in told_to_run(page.read_text(encoding="utf-8"))
    ]


def test_the_pages_tell_learners_to_run_the_tools() -> None:
    """The scan finds what it should, so an empty result cannot pass by accident."""
    programs = {needed(c)[0] for _, c in all_commands()}
    assert {"jupyter-lab", "pytest", "netcoach"} <= programs, programs
    assert told_to_run("```bash\npip install \\\n  -r x.txt \\\n  y\n```\n") == [
        "pip install -r x.txt y"
    ]
    assert told_to_run("Run `jupyter lab x.ipynb`, not `netcoach/site_js.py`.") == [
        "jupyter lab x.ipynb"
    ]
    assert needed("jupyter lab exercises/01/starter.ipynb") == ("jupyter-lab", set())
    assert needed("pytest --nbval-lax a.ipynb") == ("pytest", {"nbval"})


@pytest.mark.parametrize(("page", "command"), all_commands())
def test_every_command_comes_from_requirements(page: str, command: str) -> None:
    program, plugins = needed(command)
    if program in SYSTEM:
        return
    pinned = _requirements() | {"netcoach"}  # the package itself: pip install -e .
    provider = SCRIPTS.get(program)
    assert provider is not None, f"{page}: `{command}` needs `{program}`, which nothing installs"
    assert provider in pinned, (
        f"{page}: `{command}` runs `{program}` from {provider}, which requirements.txt "
        "does not pin (it only arrives as another package's dependency)"
    )
    for plugin in plugins:
        assert plugin in pinned, f"{page}: `{command}` needs the {plugin} plugin pinned"


def test_jupyterlab_is_pinned_for_jupyter_lab() -> None:
    assert "jupyterlab" in _requirements()
    assert SCRIPTS.get("jupyter-lab") == "jupyterlab"
