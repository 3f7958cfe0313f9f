"""Links that open the course notebooks for a room: nbgitpuller for a JupyterHub, and Binder.

An nbgitpuller link makes a JupyterHub clone (or update) the course repository into each
learner's home folder and open one notebook. Each query value is percent-encoded the way
JavaScript's ``encodeURIComponent`` does (as nbgitpuller's own link generator does).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

REPO_URL = "https://github.com/network-coach/network-coach"
"""The course repository (``repository.url`` in ``_config.yml``)."""
DEFAULT_BRANCH = "main"
DEFAULT_PATH = "notebooks/score-my-network.ipynb"
INTERFACES = {"lab": "lab/tree", "classic": "tree", "notebook": "notebooks"}
BINDER_URL = "https://mybinder.org"


def _encode(value: str) -> str:
    """Percent-encode like JavaScript's encodeURIComponent."""
    return quote(value, safe="!~*'()")


def _check_http_url(url: str, what: str) -> str:
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(
            f"{what} {url!r} is not a web address; write it like https://hub.example.org"
        )
    if parts.query or parts.fragment:
        raise ValueError(f"{what} {url!r}: leave out '?' and '#' parts")
    return url


def _check_path(path: str) -> str:
    clean = path.strip().lstrip("/")
    parts = PurePosixPath(clean).parts
    if not clean or ".." in parts or "\\" in clean:
        raise ValueError(f"--path {path!r}: give a path inside the repository, like {DEFAULT_PATH}")
    return "/".join(parts)


COURSE_ROOT = Path(__file__).resolve().parent.parent
"""This copy of the course (the folder that holds ``notebooks/``)."""


def missing_from_course(path: str, repo: str = REPO_URL) -> bool:
    """True when ``path`` names no file in this copy of the course, for the course's own
    repository (another repository may hold other files, so it is not checked)."""
    if (
        repo.rstrip("/").removesuffix(".git") != REPO_URL
        or not (COURSE_ROOT / "notebooks").is_dir()
    ):
        return False
    return not (COURSE_ROOT / _check_path(path)).is_file()


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones into: the repository's last path part, without .git."""
    name = urlsplit(repo).path.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def nbgitpuller_link(
    hub: str,
    *,
    repo: str = REPO_URL,
    branch: str = DEFAULT_BRANCH,
    path: str = DEFAULT_PATH,
    interface: str = "lab",
) -> str:
    """The link that makes ``hub`` pull ``repo`` at ``branch`` and open ``path``."""
    hub = _check_http_url(hub, "--hub")
    repo = _check_http_url(repo, "--repo")
    opener = _check_interface(interface)
    if not branch.strip() or any(c.isspace() for c in branch.strip()):
        raise ValueError(f"--branch {branch!r}: give a branch name such as main")
    urlpath = f"{opener}/{repo_folder(repo)}/{_check_path(path)}"
    query = "&".join(
        f"{k}={_encode(v)}"
        for k, v in (("repo", repo), ("branch", branch.strip()), ("urlpath", urlpath))
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def _check_interface(interface: str) -> str:
    if interface not in INTERFACES:
        raise ValueError(f"--interface must be one of {', '.join(INTERFACES)}")
    return INTERFACES[interface]


def binder_link(
    *,
    repo: str = REPO_URL,
    branch: str = DEFAULT_BRANCH,
    path: str = DEFAULT_PATH,
    interface: str = "lab",
) -> str:
    """A mybinder.org link that builds the repository (``binder/``) and opens ``path`` in
    ``interface`` (as :func:`nbgitpuller_link` does; Binder starts in the repository)."""
    repo = _check_http_url(repo, "--repo")
    parts = urlsplit(repo)
    if parts.netloc != "github.com":
        raise ValueError("Binder links are built for GitHub repositories only")
    slug = parts.path.strip("/").removesuffix(".git")
    urlpath = _encode(f"{_check_interface(interface)}/{_check_path(path)}")
    return f"{BINDER_URL}/v2/gh/{slug}/{_encode(branch.strip())}?urlpath={urlpath}"
