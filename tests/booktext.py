"""Read the book's MyST pages for the fast book tests (no Sphinx, no build).

Shared by ``test_book_structure.py`` and ``test_readability.py``: which pages the table of
contents lists, the code cells of a page with their metadata, and the page's prose with
code, directives, roles, links and headings taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHAPTER_RE = re.compile(r"^book/\d\d-[\w-]+$")

# Directives whose body is code or generated content, not prose: dropped whole.
NON_PROSE_DIRECTIVES = {
    "code-cell",
    "code",
    "code-block",
    "bibliography",
    "raw",
    "math",
    "glue:figure",
    "csv-table",
    "list-table",
    "image",
    "figure",
    "mermaid",
}


def toc_files() -> list[str]:
    """Every ``file:`` in ``_toc.yml`` (root first), as paths without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", toc.get("chapters", [])))
    return files


def page_path(entry: str) -> Path:
    """The source file for a TOC entry (``.md`` or ``.ipynb``)."""
    for suffix in (".md", ".ipynb"):
        path = ROOT / f"{entry}{suffix}"
        if path.exists():
            return path
    return ROOT / f"{entry}.md"


def chapter_entries() -> list[str]:
    """The numbered chapters (``book/NN-*``) in TOC order."""
    return [f for f in toc_files() if CHAPTER_RE.match(f)]


@dataclass
class Block:
    """A fenced block: its directive name (or language), argument, options and body."""

    name: str
    argument: str
    options: dict
    body: str
    start_line: int


@dataclass
class Page:
    path: Path
    text: str
    front_matter: dict = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    @property
    def code_cells(self) -> list[Block]:
        return [b for b in self.blocks if b.name == "code-cell"]

    def directives(self, name: str) -> list[Block]:
        return [b for b in self.blocks if b.name == name]


FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})(?P<info>.*)$")


def _split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            meta = yaml.safe_load(text[4:end]) or {}
            rest = text[end + 4 :]
            return meta, rest.split("\n", 1)[1] if "\n" in rest else ""
    return {}, text


def _parse_options(lines: list[str]) -> tuple[dict, list[str]]:
    """Options of a directive: a ``---`` YAML block or ``:key: value`` lines."""
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i, ln in enumerate(lines[1:], 1) if ln.strip() == "---")
        except StopIteration:
            return {}, lines
        return yaml.safe_load("\n".join(lines[1:end])) or {}, lines[end + 1 :]
    options: dict = {}
    i = 0
    while i < len(lines) and re.match(r"^\s*:[\w-]+:", lines[i]):
        key, _, value = lines[i].strip()[1:].partition(":")
        options[key] = value.strip()
        i += 1
    return options, lines[i:]


def read_page(path: Path) -> Page:
    """Parse a MyST page into front matter and fenced blocks (nested fences are kept)."""
    raw = path.read_text(encoding="utf-8")
    meta, text = _split_front_matter(raw)
    page = Page(path=path, text=text, front_matter=meta)
    lines = text.split("\n")
    open_prose: list[str] = []
    i = 0
    while i < len(lines):
        if open_prose and _closes(lines[i], open_prose[-1]):
            open_prose.pop()
            i += 1
            continue
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info = m["fence"], m["info"].strip()
        j = i + 1
        while j < len(lines) and not _closes(lines[j], fence):
            j += 1
        dm = re.match(r"^\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$", info)
        name, arg = (dm["name"], dm["arg"]) if dm else (info.split(" ")[0], "")
        options, body = _parse_options(lines[i + 1 : j]) if dm else ({}, lines[i + 1 : j])
        page.blocks.append(Block(name, arg, options, "\n".join(body), i + 1))
        if dm and name not in NON_PROSE_DIRECTIVES:
            open_prose.append(fence)  # a prose directive: look inside it for nested blocks
            i += 1
        else:
            i = j + 1
    return page


def headings(page: Page, level: int) -> list[str]:
    """Headings of one level, in order, outside code."""
    marker = "#" * level + " "
    return [
        ln[len(marker) :].strip()
        for ln in strip_code(page.text).split("\n")
        if ln.startswith(marker)
    ]


def _closes(line: str, fence: str) -> bool:
    close = FENCE_RE.match(line)
    return bool(
        close
        and close["fence"][0] == fence[0]
        and len(close["fence"]) >= len(fence)
        and not close["info"].strip()
    )


def strip_code(text: str) -> str:
    """Remove fenced blocks of code or generated content (keep prose directives' bodies).

    Prose directives (admonitions, exercises, solutions) keep their body; their own fence
    lines are dropped. A stack of open fences tells a closing fence from an opening one.
    """
    out: list[str] = []
    lines = text.split("\n")
    open_prose: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if open_prose and _closes(line, open_prose[-1]):
            open_prose.pop()
            i += 1
            continue
        m = FENCE_RE.match(line)
        if m:
            dm = re.match(r"^\{(?P<name>[\w:-]+)\}", m["info"].strip())
            if dm and dm["name"] not in NON_PROSE_DIRECTIVES:
                open_prose.append(m["fence"])
                i += 1
                continue
            j = i + 1
            while j < len(lines) and not _closes(lines[j], m["fence"]):
                j += 1
            i = j + 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


ROLE_DROP_RE = re.compile(r"\{(?:cite|cite:[a-z]+|footcite|numref|eq|download)\}`[^`]*`")
ROLE_KEEP_RE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`]*>)?`")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
URL_RE = re.compile(r"<?https?://\S+>?")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
HTML_RE = re.compile(r"<!--.*?-->|<[^>]+>", re.S)


def prose(page: Page) -> str:
    """The page's running text: one paragraph or list item a line, each ending in a stop."""
    return _sentences(HTML_RE.sub(" ", strip_code(page.text)))


def _clean_line(s: str, keep_headings: bool = False) -> str | None:
    s = s.strip()
    if not s or s == "+++" or re.match(r"^\(.+\)=$", s):
        return None
    if FENCE_RE.match(s) or re.match(r"^:[\w-]+:", s) or s.startswith("|"):
        return None
    if s.startswith("#") and not keep_headings:
        return None
    s = re.sub(r"^(#+|[-*+]|\d+[.)])\s+", "", s)
    s = ROLE_DROP_RE.sub("", s)
    s = ROLE_KEEP_RE.sub(r"\1", s)
    s = LINK_RE.sub(r"\1", s)
    s = URL_RE.sub("", s)
    s = INLINE_CODE_RE.sub("", s)
    s = s.replace("**", "").replace("__", "").replace("*", "")
    s = re.sub(r"\(\s*[;,]?\s*\)", "", s)
    s = re.sub(r"\s+([.,;:!?])", r"\1", s)
    s = re.sub(r"\s{2,}", " ", s).strip()
    return s or None


def _sentences(text: str) -> str:
    """Group wrapped lines into paragraphs and list items, each ending in punctuation."""
    chunks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        starts_item = bool(re.match(r"^\s*([-*+]|\d+[.)])\s+", raw))
        structural = (
            not raw.strip()
            or raw.strip().startswith("#")
            or FENCE_RE.match(raw.strip())
            or starts_item
        )
        if structural and chunks[-1]:
            chunks.append([])
        cleaned = _clean_line(raw, keep_headings=False)
        if cleaned:
            chunks[-1].append(cleaned)
    out = []
    for chunk in chunks:
        if not chunk:
            continue
        para = " ".join(chunk).strip()
        para = para.rstrip(";,")
        if para and para[-1] not in ".!?:":
            para += "."
        out.append(para)
    return "\n".join(out)
