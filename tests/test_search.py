"""The search index holds every page and API entry, its results lead somewhere, and the notes'
key terms are indexed in their sections. tests/test_browser.py runs the real (lunr) search.
"""

from __future__ import annotations

import importlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from site_html import DOCS, html_files, ids, page_file, source_pages, url_of

# Key terms of the notes and the section a reader searching for them wants (agreed anchors).
KEY_TERMS = {
    "sigmoid": "lecture-1/activation-functions/#notes-sigmoid",
    "perceptron": "lecture-1/perceptron/",
    "backpropagation": "lecture-1/training/#notes-backpropagation",
    "imagenet": "lecture-1/",
}


@cache
def _index(site: Path) -> dict[str, Any]:
    path = site / "search" / "search_index.json"
    assert path.is_file(), "no search/search_index.json: is the search plugin still configured?"
    return json.loads(path.read_text(encoding="utf-8"))


def _documented_modules() -> dict[str, str]:
    """``{module: api page URL}`` for every ``::: module`` directive under docs/api/."""
    found = {}
    for md in sorted((DOCS / "api").glob("*.md")):
        for module in re.findall(r"^:::\s*([\w.]+)", md.read_text("utf-8"), re.M):
            rel = md.relative_to(DOCS).with_suffix("").as_posix()
            found[module] = rel.removesuffix("index") if rel.endswith("/index") else rel + "/"
    return found


def _public_names(module_name: str) -> list[str]:
    """The names mkdocstrings documents: ``__all__``, else public members defined there."""
    module = importlib.import_module(module_name)
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == module_name
    ]


def test_every_page_is_in_the_index(built_site: Path) -> None:
    locations = {doc["location"] for doc in _index(built_site)["docs"]}
    missing = [url or "(home)" for url in source_pages() if url not in locations]
    assert not missing, "pages missing from search/search_index.json:\n" + "\n".join(missing)


@pytest.mark.parametrize(("module", "page"), sorted(_documented_modules().items()))
def test_api_entries_are_in_the_index(built_site: Path, module: str, page: str) -> None:
    locations = {doc["location"] for doc in _index(built_site)["docs"]}
    wanted = [f"{page}#{module}"] + [f"{page}#{module}.{name}" for name in _public_names(module)]
    missing = [location for location in wanted if location not in locations]
    assert not missing, f"API entries of {module} missing from the search index:\n" + "\n".join(
        missing
    )


def test_every_search_result_leads_to_a_page_and_section(built_site: Path) -> None:
    broken = []
    for doc in _index(built_site)["docs"]:
        url, _, fragment = doc["location"].partition("#")
        file = page_file(built_site, url)
        if not file.is_file():
            broken.append(f"{doc['location']}: no page {url or '(home)'}")
        elif fragment and fragment not in ids(file):
            broken.append(f"{doc['location']}: no id {fragment!r} on {url or '(home)'}")
    assert not broken, "search results that lead nowhere:\n" + "\n".join(broken)


_CODE = re.compile(r"<pre>.*?</pre>|<code>.*?</code>", re.S)
# Escaped tags (markup that leaked into text) or TeX that was never typeset.
_RAW = re.compile(
    r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(\s|&gt;|/)|\\[(\[]|\$\$|\\(frac|sum|begin)(?![a-zA-Z])"
)


def test_index_text_has_no_raw_markup_or_tex(built_site: Path) -> None:
    """Search snippets are shown to readers: no escaped tags, no TeX (code blocks aside)."""
    bad = [
        f"{doc['location'] or '(home)'}: {match[0]!r}"
        for doc in _index(built_site)["docs"]
        for match in [_RAW.search(_CODE.sub(" ", doc["text"]))]
        if match
    ]
    assert not bad, "raw markup in the search index:\n" + "\n".join(bad)


def _tokens(text: str, separator: str) -> list[str]:
    plain = BeautifulSoup(text, "html.parser").get_text(" ")
    return [t for t in re.split(separator, plain.lower()) if t]


@pytest.mark.parametrize(("term", "expected"), sorted(KEY_TERMS.items()))
def test_key_term_is_indexed_in_its_section(built_site: Path, term: str, expected: str) -> None:
    """The section a key term should find exists and holds the term as a search token.

    Ranking is lunr's business: tests/test_browser.py types the term into the real search
    box and demands this page first.
    """
    docs = {doc["location"]: doc for doc in _index(built_site)["docs"]}
    assert expected in docs, f"no search entry {expected} (for {term!r})"
    separator = _index(built_site)["config"]["separator"]
    # A page without a section: the term may sit in any of its sections.
    entries = [d for loc, d in docs.items() if loc == expected or loc.startswith(expected + "#")]
    if "#" in expected:
        entries = [docs[expected]]
    tokens = [
        token.strip(".,;:()")
        for doc in entries
        for token in _tokens(doc["title"], separator) + _tokens(doc["text"], separator)
    ]
    assert term in tokens, f"search entry {expected} does not contain the word {term!r}"


def test_index_covers_every_built_page(built_site: Path) -> None:
    """The reverse direction: no built page outside the sources is left unsearchable."""
    locations = {doc["location"].partition("#")[0] for doc in _index(built_site)["docs"]}
    # The print edition repeats every lecture page: indexing it would double every result.
    pages = {url_of(built_site, html) for html in html_files(built_site)} - {
        "404.html",
        "print_page/",
    }
    assert pages <= locations, f"built pages not in the index: {sorted(pages - locations)}"
