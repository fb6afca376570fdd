"""The build core is portable: Zensical builds the same sources into the same notes.

``make build-zensical`` (``site_tools/zensical_build.py``) builds with Zensical, which runs
the site's Markdown extension but none of MkDocs' hooks or plugins. Compared with the MkDocs
build (``built_site``): every page is there, every marker expanded, every formula MathML
with no raw TeX left, every figure present, linked and the same file, and every link
between pages resolves (Zensical's own ``--strict`` on top).
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, made_once
from site_html import ids, soup

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="Zensical is not installed (pip install -e '.[zensical]'; make build-zensical)",
)

DOCS = ROOT / "docs"
MARKER = re.compile(r"\{\{ *[a-z][a-z-]* *:")
RAW_TEX = re.compile(r"\\\(|\\\[|\$\$|\\begin\{|\\frac\b")


def _pages() -> list[str]:
    """Every page's HTML path, from the Markdown sources (directory URLs)."""
    out = []
    for source in sorted(DOCS.rglob("*.md")):
        rel = source.relative_to(DOCS).with_suffix("")
        folder = rel.parent if rel.name == "index" else rel
        out.append((folder / "index.html").as_posix().removeprefix("./"))
    return out


@pytest.fixture(scope="module")
def zensical_site(run_dir: Path) -> Path:
    """The site built by Zensical once per run (``NOTES_TEST_ZENSICAL_SITE=DIR`` reuses one)."""
    if prebuilt := os.environ.get("NOTES_TEST_ZENSICAL_SITE"):
        return Path(prebuilt).resolve()
    from site_tools.zensical_build import build

    def make(folder: Path) -> None:
        done = build(folder / "site", work=folder / "work")
        assert done.returncode == 0, f"zensical build --strict failed:\n{done.stderr[-3000:]}"

    return made_once(run_dir / "zensical", make) / "site"


def _article(site: Path, page: str) -> BeautifulSoup:
    document = soup(site / page)
    article = document.select_one("article") or document.body
    assert article is not None, page
    return article


@pytest.mark.slow
def test_every_page_is_built_with_markers_expanded_and_math_typeset(
    zensical_site: Path, built_site: Path
) -> None:
    for page in _pages():
        assert (zensical_site / page).is_file(), f"Zensical did not build {page}"
        article = _article(zensical_site, page)
        # The same formulas as the MkDocs build (the API pages' come from mkdocstrings).
        mkdocs_math = [m["alttext"] for m in _article(built_site, page).find_all("math")]
        zensical_math = [m["alttext"] for m in article.find_all("math")]
        assert zensical_math == mkdocs_math, f"{page}: formulas differ from the MkDocs build"
        assert not article.select(".arithmatex:not(:has(math))"), f"{page}: untypeset math"
        # Source listings may hold TeX in strings.
        text = " ".join(
            s for s in article.find_all(string=True) if not s.find_parent(["pre", "code"])
        )
        assert not MARKER.search(text), f"{page}: a marker left as text"
        assert not RAW_TEX.search(text), f"{page}: raw TeX left as text"


@pytest.mark.slow
def test_every_figure_is_present_and_linked(zensical_site: Path, built_site: Path) -> None:
    shown = 0
    for page in _pages():
        figures = _article(zensical_site, page).select("figure.notes-figure")
        expected = _article(built_site, page).select("figure.notes-figure")
        assert [f["id"] for f in figures] == [f["id"] for f in expected], page
        for figure in figures:
            for img in figure.find_all("img"):
                target = unquote(urlsplit(urljoin(page, img["src"])).path)
                assert (zensical_site / target).is_file(), f"{page}: {img['src']} missing"
                same = built_site / target
                assert (zensical_site / target).read_bytes() == same.read_bytes(), target
                shown += 1
    assert shown >= 2 * len(list((built_site / "figures").glob("*-light.svg")))
    listings = zensical_site / "figures" / "code.json"
    assert listings.read_bytes() == (built_site / "figures" / "code.json").read_bytes()


# Made by MkDocs plugins Zensical does not run (README, "Build core"): the print edition
# (mkdocs-print-site-plugin) and the PDF printed from it by `make pdf`.
NOT_IN_ZENSICAL = {"print_page/index.html", "lecture-1.pdf"}


@pytest.mark.slow
def test_links_between_pages_resolve(zensical_site: Path) -> None:
    broken = []
    for page in _pages():
        for link in _article(zensical_site, page).find_all("a", href=True):
            href = str(link["href"])
            if urlsplit(href).scheme or href.startswith(("mailto:", "//")):
                continue
            url = urlsplit(urljoin(page, href))
            target = unquote(url.path) or page
            if target.endswith("/") or (zensical_site / target).is_dir():
                target = target.rstrip("/") + "/index.html"
            target = target.lstrip("/")
            if target in NOT_IN_ZENSICAL:
                continue
            if not (zensical_site / target).is_file():
                broken.append(f"{page}: {href} (no file)")
            elif (
                url.fragment
                and target.endswith(".html")
                and url.fragment not in ids(zensical_site / target)
            ):
                broken.append(f"{page}: {href} (no #{url.fragment})")
    assert broken == []
