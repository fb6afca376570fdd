"""``make serve`` (``mkdocs serve``) never serves stale pages after an edit.

A faster reload that rebuilt only the edited page would leave other pages' links to it, and
the search index, pointing at the old text; a rebuild that takes pages from the build caches
(``site_tools/build_cache.py``) would do the same if a key missed an input. This edits,
under ``mkdocs serve``, a heading (the cross-reference on another page, which previews the
heading, the search index and the navigation must follow), a docstring (its API page must
show it) and the glossary of abbreviations (a lecture page's ``<abbr>`` must).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from figures import render

IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", "site-zensical", ".cache", ".bench", ".screenshots",
    "node_modules", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".hypothesis",
)  # fmt: skip
HEADING_PAGE, HEADING_URL = "docs/lecture-1/summary.md", "lecture-1/summary/"
LINKING_PAGE, LINKING_URL = "docs/glossary.md", "glossary/"
DOCSTRING_MODULE, API_URL = "notes_lib/training.py", "api/training/"
GLOSSARY, ABBR_URL = "includes/abbreviations.md", "lecture-1/in-practice/"
TIMEOUT = 600  # seconds: the first build renders figures if the cache is cold
EDIT_TIMEOUT = 120  # seconds for a rebuild after an edit, on a busy machine


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(what: str, check: Callable[[], bool], timeout: float = EDIT_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"mkdocs serve never showed {what}"
        time.sleep(0.25)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the project with a heading and a link to it, under ``mkdocs serve``."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=IGNORE)
    with (project / HEADING_PAGE).open("a", encoding="utf-8") as f:
        f.write("\n\n## Serve check alpha { #serve-check }\n\nA section to rename.\n")
    with (project / LINKING_PAGE).open("a", encoding="utf-8") as f:
        f.write("\n\nSee [the renamed section][serve-check].\n")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        render.CACHE_ENV: os.environ.get(render.CACHE_ENV) or str(ROOT / ".cache" / "figures"),
    }
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    try:
        up = lambda: "Serving on" in log.read_text() or server.poll() is not None  # noqa: E731
        _wait_for("its address", up, TIMEOUT)
        match = re.search(r"Serving on (http://\S+)", log.read_text())
        assert match, log.read_text()[-3000:]
        yield project, match[1].rstrip("/") + "/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _link_titles(root: str) -> list[str]:
    """The heading each cross-reference on the linking page leads to, as a reader sees it.

    With Material's instant previews on, autorefs writes no title attribute (the preview shows
    the target instead), so this follows each link to the heading it previews.
    """
    soup = BeautifulSoup(_get(root + LINKING_URL) or "", "html.parser")
    titles = []
    for link in soup.select('a[href$="#serve-check"]'):
        path, _, anchor = urljoin(root + LINKING_URL, link["href"]).partition("#")
        target = BeautifulSoup(_get(path) or "", "html.parser").find(id=anchor)
        titles.append(" ".join(target.get_text().replace("\u00b6", "").split()) if target else "")
    return titles


def _search_titles(root: str) -> list[str]:
    index = json.loads(_get(root + "search/search_index.json") or '{"docs": []}')
    return [doc["title"] for doc in index["docs"] if doc["location"].endswith("#serve-check")]


@pytest.mark.slow
def test_heading_edit_updates_links_to_it_and_the_search_index(
    served: tuple[Path, str],
) -> None:
    project, root = served
    _wait_for("the link", lambda: _link_titles(root) == ["Serve check alpha"], TIMEOUT)
    assert _search_titles(root) == ["Serve check alpha"]

    page = project / HEADING_PAGE
    page.write_text(page.read_text("utf-8").replace("check alpha", "check beta"), "utf-8")

    _wait_for("the renamed link", lambda: _link_titles(root) == ["Serve check beta"])
    _wait_for("the renamed search entry", lambda: _search_titles(root) == ["Serve check beta"])
    toc = BeautifulSoup(_get(root + HEADING_URL) or "", "html.parser").select("nav a")
    labels = [" ".join(a.get_text().split()) for a in toc]
    assert "Serve check beta" in labels and "Serve check alpha" not in labels


def _abbr_titles(root: str, abbreviation: str) -> set[str]:
    soup = BeautifulSoup(_get(root + ABBR_URL) or "", "html.parser")
    return {abbr.get("title", "") for abbr in soup.find_all("abbr") if abbr.text == abbreviation}


@pytest.mark.slow
def test_docstring_and_glossary_edits_reach_their_pages(served: tuple[Path, str]) -> None:
    project, root = served
    _wait_for("the API page", lambda: "training" in (_get(root + API_URL) or ""), TIMEOUT)
    assert _abbr_titles(root, "GPU") == {"Graphics Processing Unit"}

    module = project / DOCSTRING_MODULE
    text = module.read_text("utf-8")
    assert text.startswith('r"""'), "the edit below goes into the module docstring"
    module.write_text(text.replace('r"""', 'r"""Serve check docstring. ', 1), "utf-8")
    _wait_for("the docstring", lambda: "Serve check docstring." in (_get(root + API_URL) or ""))

    glossary = project / GLOSSARY
    text = glossary.read_text("utf-8")
    glossary.write_text(text.replace("*[GPU]: Graphics", "*[GPU]: Serve check graphics"), "utf-8")
    _wait_for(
        "the new expansion",
        lambda: _abbr_titles(root, "GPU") == {"Serve check graphics Processing Unit"},
    )
