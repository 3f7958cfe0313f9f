"""Binder installs what CI tested: binder/requirements.txt follows requirements.txt and
constraints.txt, read the way pip reads them (a -r or -c path is relative to its own file)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER_REQUIREMENTS = ROOT / "binder" / "requirements.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*)\s*==\s*([^\s;#]+)")
NESTED = re.compile(r"^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)")


def _name(name: str) -> str:
    """A package name as pip compares it (PEP 503): jupyter_server == Jupyter-Server."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _read(path: Path, constraint: bool, seen: set[Path]) -> tuple[dict, dict, set[Path]]:
    """(requirements, constraints, constraint files) pinned by ``path`` and what it includes.
    A requirement line that is not an exact ``name==version`` pin fails the test."""
    requirements: dict[str, str] = {}
    constraints: dict[str, str] = {}
    files: set[Path] = {path} if constraint else set()
    seen = seen | {path}
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        nested = NESTED.match(line)
        if nested:
            target = (path.parent / nested.group(2)).resolve()
            assert target.is_file(), f"{path.name}:{number} names {target}, which is not there"
            assert target not in seen, f"{path.name}:{number} includes itself"
            inner = _read(target, constraint or nested.group(1) in ("-c", "--constraint"), seen)
            requirements |= inner[0]
            constraints |= inner[1]
            files |= inner[2]
            continue
        pin = PIN.match(line)
        assert pin, f"{path.name}:{number}: {line!r} is not pinned with =="
        (constraints if constraint else requirements)[_name(pin.group(1))] = pin.group(2)
    return requirements, constraints, files


def _project_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        pin = PIN.match(line.strip())
        if pin:
            pins[_name(pin.group(1))] = pin.group(2)
    return pins


def test_binder_applies_the_project_constraints():
    """Binder used to pin only its direct packages, so everything they pulled in floated."""
    _, constraints, files = _read(BINDER_REQUIREMENTS, False, set())
    assert ROOT / "constraints.txt" in files, (
        "binder/requirements.txt must apply the project's constraints: -c ../constraints.txt"
    )
    assert constraints == _project_pins(ROOT / "constraints.txt")


def test_every_project_pin_is_honoured_on_binder():
    requirements, constraints, _ = _read(BINDER_REQUIREMENTS, False, set())
    project = _project_pins(ROOT / "requirements.txt")
    locked = _project_pins(ROOT / "constraints.txt")
    for name, version in requirements.items():
        wanted = project.get(name, locked.get(name))
        assert wanted == version, f"binder pins {name}=={version}; the project has {wanted}"
        if name in constraints:
            assert constraints[name] == version, f"{name}: binder's pin and constraint differ"
    # A pin in requirements.txt that constraints.txt does not repeat would float on Binder
    # unless binder/requirements.txt pins it too (jupyterlab was left to repo2docker).
    floating = set(project) - set(locked)
    missing = sorted(name for name in floating if requirements.get(name) != project[name])
    assert not missing, f"binder/requirements.txt should pin {missing} as requirements.txt does"


def test_binder_has_the_jupyterlab_the_course_opens():
    """The book's launch buttons open JupyterLab, and postBuild makes jupytext its viewer
    for Markdown; Binder gets the JupyterLab CI tested, not whichever 4.x repo2docker has."""
    requirements, _, _ = _read(BINDER_REQUIREMENTS, False, set())
    assert requirements.get("jupyterlab") == _project_pins(ROOT / "requirements.txt")["jupyterlab"]
    assert "jupyterlab" in (ROOT / "_config.yml").read_text()
