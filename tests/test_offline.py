"""Pages load nothing from anyone else's servers, and their math needs no script.

These checks read every built HTML and CSS file for a URL the browser would fetch on load,
including pages and states no browser test visits. What the theme's JavaScript fetches at
run time is caught by every browser test: each context blocks and reports any request that
leaves 127.0.0.1 (tests/browsing.py), and tests/test_browser.py loads every page that way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browsing import open_page
from bs4 import BeautifulSoup
from conftest import ROOT
from site_html import lecture_pages, soup

# (tag, attribute) pairs whose URL the browser fetches without the reader doing anything.
FETCHED = [
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("image", "href"),
    ("use", "href"),
    ("input", "src"),
]
# <link rel=…> values that make the browser fetch or connect (canonical, prev, next do not).
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "prerender",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def _is_remote(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme in {"http", "https", "ftp", "ws", "wss"}


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def remote_fetches_in_html(html: str) -> list[str]:
    """URLs on other hosts that loading this HTML would fetch."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for tag, attribute in FETCHED:
        for element in soup.find_all(tag):
            value = element.get(attribute) or element.get(f"xlink:{attribute}")
            if not value:
                continue
            urls = _srcset_urls(value) if attribute == "srcset" else [value]
            found += [f"<{tag} {attribute}={url}>" for url in urls if _is_remote(url)]
    for link in soup.find_all("link"):
        rels = {rel.lower() for rel in link.get("rel", [])}
        href = link.get("href", "")
        if rels & FETCHING_RELS and _is_remote(href):
            found.append(f"<link rel={' '.join(sorted(rels))} href={href}>")
    styles = [s.get_text() for s in soup.find_all("style")]
    styles += [e["style"] for e in soup.find_all(style=True)]
    for css in styles:
        found += [f"inline CSS {url}" for url in remote_fetches_in_css(css)]
    return found


def remote_fetches_in_css(css: str) -> list[str]:
    """URLs on other hosts that a stylesheet imports or loads with url()."""
    return [url for m in CSS_URL.finditer(css) if _is_remote(url := m[1] or m[2])]


# ---------------------------------------------------------------- the detectors themselves


def test_detectors_find_what_a_default_theme_would_fetch() -> None:
    html = """
      <link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="canonical" href="https://example.org/page/">
      <script src="//cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>
      <img src="../assets/fig.svg" srcset="a.svg 1x, https://cdn.example/b.svg 2x">
      <div style="background: url('https://tracker.example/pixel.gif')"></div>
      <a href="https://github.com/">a link is fetched only when followed</a>
    """
    found = remote_fetches_in_html(html)
    assert len(found) == 5, found
    assert not any("canonical" in f or "github.com" in f for f in found)
    css = "@import 'https://x.example/a.css'; .a{background:url(data:image/png;base64,AA)}"
    assert remote_fetches_in_css(css) == ["https://x.example/a.css"]


# ---------------------------------------------------------------- the built site


def _files(site: Path, pattern: str) -> list[Path]:
    return sorted(site.rglob(pattern))


def test_no_page_fetches_from_another_host(built_site: Path) -> None:
    problems = {
        str(page.relative_to(built_site)): found
        for page in _files(built_site, "*.html")
        if (found := remote_fetches_in_html(page.read_text(encoding="utf-8")))
    }
    assert not problems, problems


def test_no_stylesheet_fetches_from_another_host(built_site: Path) -> None:
    problems = {
        str(css.relative_to(built_site)): found
        for css in _files(built_site, "*.css")
        if (found := remote_fetches_in_css(css.read_text(encoding="utf-8")))
    }
    assert not problems, problems


def test_theme_features_that_phone_home_are_off(built_site: Path) -> None:
    for page in _files(built_site, "*.html"):
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site)
        # With this attribute the theme's JS asks the GitHub API for stars and forks.
        assert 'data-md-component="source"' not in html, f"{name}: repository stats fetch"
        for marker in ("googletagmanager", "gtag(", "fonts.googleapis", "fonts.gstatic"):
            assert marker not in html, f"{name}: {marker}"
        assert "mathjax" not in html.lower() and "katex" not in html.lower(), name


def test_our_scripts_name_no_other_host(built_site: Path) -> None:
    # The theme's own bundle is covered by the browser test; the scripts under docs/ (ours:
    # explorer, figures) must not reach for another host at all.
    ours = sorted((ROOT / "docs").rglob("*.js"))
    remote = re.compile(r"""["'`](?:https?:)?//[^"'`\s]+""")
    for source in ours:
        built = built_site / source.relative_to(ROOT / "docs")
        assert built.is_file(), f"{source} was not copied into the site"
        urls = [m[0] for m in remote.finditer(built.read_text(encoding="utf-8"))]
        # XML namespace names (SVG, MathML) identify, they are never fetched.
        urls = [u for u in urls if "www.w3.org/" not in u]
        assert not urls, f"{source.relative_to(ROOT)} names remote URLs: {urls}"


def test_math_is_mathml_with_alttext_and_needs_no_script(built_site: Path) -> None:
    pages_with_math = 0
    for page in _files(built_site, "*.html"):
        document = soup(page)
        # Left-over TeX means a formula was not typeset.
        for holder in document.select(".arithmatex"):
            assert holder.find("math") is not None, f"{page}: untypeset {holder.get_text()!r}"
        maths = document.find_all("math")
        pages_with_math += bool(maths)
        for math in maths:
            assert math.get("alttext"), f"{page.relative_to(built_site)}: math without alttext"
            assert math.get("display") in {"inline", "block"}
    assert pages_with_math >= 1, "no page has math: is the arithmatex hook still running?"


# ---------------------------------------------------------------- in a browser


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_display_math_never_widens_a_phone_page(
    new_context: Any, built_site: Path, scheme: str
) -> None:
    context = new_context(
        viewport={"width": 360, "height": 740}, color_scheme=scheme, java_script_enabled=False
    )
    page = context.new_page()
    checked = 0
    for path in lecture_pages(built_site):
        open_page(page, path, scripts=False)
        # Formulas inside a collapsed block (the overview's "Beyond the lecture") have no box.
        if page.locator("math:visible").count() == 0:
            continue
        checked += 1
        # MathML renders with JavaScript off: a formula has a real, non-empty box.
        box = page.locator("math:visible").first.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, path
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{path}: page is {overflow}px wider than a phone ({scheme})"
        # A wide display equation may be wider than its box, but then the box scrolls.
        bad = page.evaluate(
            """() => [...document.querySelectorAll('math[display=block]')].filter(m => {
                 const box = m.parentElement, r = box.getBoundingClientRect();
                 const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
                 return r.right > window.innerWidth + 1
                   || (m.getBoundingClientRect().width > r.width + 1 && !scrolls);
               }).map(m => m.getAttribute('alttext'))"""
        )
        assert not bad, f"{path}: display equations overflow the page: {bad}"
    assert checked, "no lecture page has math to check"
