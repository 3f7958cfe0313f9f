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
GITHUB_HOSTS = ("github.com", "www.github.com")
"""GitHub's host names (compared in lower case): repositories there are ``owner/name``."""


def _encode(value: str) -> str:
    """Percent-encode like JavaScript's encodeURIComponent."""
    return quote(value, safe="!~*'()")


def _check_http_url(url: str, what: str, example: str, *, query_allowed: bool = False) -> str:
    """``url`` without spaces around it or a trailing ``/``; with ``query_allowed``, a ``?`` or
    ``#`` part is left for the caller to check."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(f"{what} {url!r} is not a web address; write it like {example}")
    if (parts.query or parts.fragment) and not query_allowed:
        raise ValueError(f"{what} {url!r}: leave out '?' and '#' parts")
    return url


HUB_PAGE_PARTS = ("hub", "user")
"""Path parts that start a page *on* a hub (``/hub/home``, ``/user/alice/lab``): an address
copied from the browser bar is cut there, keeping a subpath the hub is served under."""


def hub_address(hub: str) -> tuple[str, list[str]]:
    """The hub's base address (without a trailing ``/``) and notes for the coach.

    A page copied from the browser bar (``https://hub.example.org/hub/home`` or
    ``.../user/alice/lab``) is cut at its first ``hub`` or ``user`` part, since the link adds
    ``/hub/user-redirect/...`` itself; a subpath before it, such as ``/jupyter``, is kept.
    The page's ``?`` and ``#`` parts (the login page's ``?next=...``) are left out with it; an
    address with no such page part must have none.
    A plain ``http://`` hub is allowed (some internal hubs are) with a note.
    """
    url = _check_http_url(hub, "--hub", "https://hub.example.org", query_allowed=True)
    parts = urlsplit(url)
    segments = parts.path.split("/")
    notes = []
    cut = next((i for i, seg in enumerate(segments) if seg in HUB_PAGE_PARTS), None)
    if cut is None:
        # Nothing to cut: a base address with a query is not one a hub shows.
        _check_http_url(url, "--hub", "https://hub.example.org")
    else:
        url = f"{parts.scheme}://{parts.netloc}{'/'.join(segments[:cut])}"
        page = "/" + "/".join(segments[cut:])
        page += f"?{parts.query}" if parts.query else ""
        page += f"#{parts.fragment}" if parts.fragment else ""
        notes.append(f"--hub: left out {page!r}, a page on the hub; the link starts from {url}")
    if parts.scheme == "http":
        notes.append(
            "--hub is a plain http:// address, so learners would log in without encryption; "
            "use https:// if the hub has it"
        )
    return url, notes


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


REPO_EXAMPLE = "https://github.com/your-org/your-copy"


def _check_repo(repo: str) -> str:
    """A repository address nbgitpuller can clone into a named folder (and Binder build)."""
    url = _check_http_url(repo, "--repo", REPO_EXAMPLE)
    parts = urlsplit(url)
    path = parts.path.strip("/").removesuffix(".git")
    owner_and_name = parts.netloc.lower() in GITHUB_HOSTS
    if not repo_folder(url) or (owner_and_name and len(path.split("/")) != 2):
        raise ValueError(
            f"--repo {url!r} names no repository; give the repository's own address, "
            f"like {REPO_EXAMPLE}"
        )
    return url


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
    hub, _notes = hub_address(hub)
    repo = _check_repo(repo)
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
    repo = _check_repo(repo)
    parts = urlsplit(repo)
    if parts.netloc.lower() not in GITHUB_HOSTS:
        raise ValueError("Binder links are built for GitHub repositories only")
    slug = parts.path.strip("/").removesuffix(".git")
    urlpath = _encode(f"{_check_interface(interface)}/{_check_path(path)}")
    return f"{BINDER_URL}/v2/gh/{slug}/{_encode(branch.strip())}?urlpath={urlpath}"
