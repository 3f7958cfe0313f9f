"""`pyproject.toml` declares every package netcoach imports, and requirements.txt pins them.

`pip install netcoach` (or `pip install -e .` outside this repository's requirements) must
give a working package: each third-party module that `netcoach/` imports comes from a
distribution in `[project] dependencies`, or in the extra for the one command that needs it
(`grading`, `slides`, `book`).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
# Needed at run time without being imported by name: the kernel that runs the notebooks.
RUNTIME_ONLY = {"ipykernel"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(requirements: list[str]) -> set[str]:
    return {_canonical(re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0]) for r in requirements}


CORE = _names(PYPROJECT["dependencies"])
EXTRAS = {k: _names(v) for k, v in PYPROJECT.get("optional-dependencies", {}).items()}


def third_party_imports() -> dict[str, set[str]]:
    """Top-level module name -> the netcoach files that import it (any absolute import)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "netcoach").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names and top != "netcoach":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_scan_sees_the_core_imports() -> None:
    imports = third_party_imports()
    assert {"pandas", "numpy", "pyarrow", "ipywidgets"} <= set(imports)
    assert "netcoach/scoring/window.py" in imports["pyarrow"]


def test_every_import_is_a_declared_dependency() -> None:
    dists = packages_distributions()
    declared = CORE.union(*EXTRAS.values())
    missing = []
    for module, files in sorted(third_party_imports().items()):
        providers = {_canonical(d) for d in dists.get(module, [])}
        assert providers, f"{module} (imported by {sorted(files)}) is not installed"
        if not providers & declared:
            missing.append(f"{module} from {sorted(providers)}, imported by {sorted(files)}")
    assert not missing, "pyproject.toml does not declare:\n" + "\n".join(missing)


def test_scoring_and_the_kernel_are_core_dependencies() -> None:
    """pyarrow is imported by scoring (every command); ipykernel runs every notebook."""
    assert {"pyarrow", *RUNTIME_ONLY} <= CORE


def test_every_declared_dependency_is_pinned_in_requirements() -> None:
    pins = set()
    for name in ("requirements.txt", "constraints.txt"):
        for line in (ROOT / name).read_text().splitlines():
            if m := re.match(r"^([A-Za-z0-9_.-]+)==", line):
                pins.add(_canonical(m.group(1)))
    unpinned = CORE.union(*EXTRAS.values()) - pins
    assert not unpinned, f"declared in pyproject.toml but not pinned: {sorted(unpinned)}"
