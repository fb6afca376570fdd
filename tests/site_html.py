"""Read the built site as a reader's browser would: pages, their links and their resources.

Plain helpers shared by the integrity, search, external-link and browser tests; nothing here
knows about pytest.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def site_url() -> str:
    """The ``site_url`` a build run from this environment gets: ``SITE_URL``, else the default.

    mkdocs.yml reads it as ``!ENV [SITE_URL, <default>]`` (a fork's Pages workflow passes the
    fork's address); this mirrors that, so served paths and expected canonical links follow
    the same setting as the build. Read with a regex rather than YAML because ``!ENV`` needs
    MkDocs' own loader.
    """
    if from_env := os.environ.get("SITE_URL"):
        return from_env if from_env.endswith("/") else from_env + "/"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(?:!ENV\s*\[\s*SITE_URL\s*,\s*)?([^\s\]]+)", text, re.M)
    assert match, "mkdocs.yml sets no site_url"
    return match[1] if match[1].endswith("/") else match[1] + "/"


def site_path() -> str:
    """The path part of :func:`site_url` (``/mit-intro-to-dl-notes/``): where the site is served."""
    return urlsplit(site_url()).path


def source_pages() -> list[str]:
    """URL of every page built from ``docs/**/*.md``, relative to the site root (``""`` = home).

    Known from the sources alone, so tests can be parametrized per page at collection time.
    """
    urls = []
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).with_suffix("").as_posix()
        if rel == "index":
            urls.append("")
        elif rel.endswith("/index"):
            urls.append(rel.removesuffix("index"))
        else:
            urls.append(rel + "/")
    return urls


def page_file(site: Path, url: str) -> Path:
    """The built file behind a site-relative page URL."""
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def html_files(site: Path) -> list[Path]:
    """Every HTML file in the built site."""
    return sorted(site.rglob("*.html"))


def url_of(site: Path, html: Path) -> str:
    """Site-relative URL of a built HTML file (directory URLs for ``index.html``)."""
    rel = html.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    return rel.removesuffix("index.html") if rel.endswith("/index.html") else rel


def lecture_pages(site: Path) -> list[str]:
    """Site-relative URLs of Lecture 1's pages, in path order."""
    return [url_of(site, html) for html in sorted((site / "lecture-1").rglob("index.html"))]


@cache
def soup(html: Path) -> BeautifulSoup:
    """Parsed HTML of a built file (cached: the site is immutable during a session)."""
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


@dataclass(frozen=True)
class Link:
    """One URL on a page: where it is, which tag/attribute holds it, and its value."""

    page: str
    tag: str
    attr: str
    value: str
    in_content: bool
    """True when inside the page's article (not header, nav, search or footer)."""

    def __str__(self) -> str:
        return f"{self.page or '(home)'}: <{self.tag} {self.attr}={self.value!r}>"


# Attributes that hold URLs; srcset holds a comma-separated list of "URL descriptor".
_URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "form": ("action",),
}


def _split_srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def links(site: Path, html: Path) -> tuple[Link, ...]:
    """Every URL in ``html``'s markup, with whether it sits in the article content."""
    return _links(site, html)


@cache
def _links(site: Path, html: Path) -> tuple[Link, ...]:
    page = url_of(site, html)
    document = soup(html)
    article = document.find("article")
    found = []
    for tag in document.find_all(list(_URL_ATTRS)):
        assert isinstance(tag, Tag)
        # Identity, not ``in``: bs4's Tag equality compares whole subtrees.
        in_content = article is not None and any(p is article for p in (tag, *tag.parents))
        for attr in _URL_ATTRS[tag.name]:
            value = tag.get(attr)
            if not isinstance(value, str) or not value.strip():
                continue
            values = _split_srcset(value) if attr == "srcset" else [value.strip()]
            found += [Link(page, tag.name, attr, one, in_content) for one in values]
    return tuple(found)


def is_external(value: str) -> bool:
    """True for a URL with a scheme or host (http:, https:, mailto:, //host, ...)."""
    parts = urlsplit(value)
    return bool(parts.scheme or parts.netloc)


def resolve(site: Path, link: Link) -> tuple[Path, str]:
    """The file an internal link points at and its fragment (decoded).

    Relative URLs resolve against the page; absolute ones must sit under :func:`site_path`.
    """
    base = site_path() + link.page
    target = urlsplit(urljoin(base, link.value))
    path = unquote(target.path)
    if not path.startswith(site_path()):
        return site / "__outside_site_path__" / path.lstrip("/"), unquote(target.fragment)
    rel = path.removeprefix(site_path())
    file = site / rel
    if rel == "" or rel.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(target.fragment)


@cache
def ids(html: Path) -> tuple[str, ...]:
    """Every ``id`` and ``<a name>`` on a page, in document order (duplicates kept)."""
    document = soup(html)
    found = [str(tag["id"]) for tag in document.find_all(id=True)]
    found += [
        str(tag["name"])
        for tag in document.find_all("a", attrs={"name": True})
        if tag.get("name") != tag.get("id")  # <a id=x name=x> is one anchor, not two
    ]
    return tuple(found)


def content_image_sources(site: Path) -> dict[Path, list[Link]]:
    """Every image file the article content of any page shows, with the links that show it."""
    shown: dict[Path, list[Link]] = {}
    for html in html_files(site):
        for link in links(site, html):
            if link.tag in {"img", "source", "object", "image"} and not is_external(link.value):
                file, _ = resolve(site, link)
                shown.setdefault(file, []).append(link)
    return shown
