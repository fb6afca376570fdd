"""Previews of cross-references: hovering or focusing a link to another page of the site
shows the section it points to in place (Material's ``navigation.instant.preview``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from browsing import DESKTOP, open_page, problems
from bs4 import BeautifulSoup
from site_html import ROOT
from site_html import site_url as published_site_url

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / ".screenshots"

# (page with the link, the link's href as built): one per kind of target.
LINKS = {
    "lecture page": ("lecture-1/training/", "../loss/#notes-loss"),
    "glossary": ("lecture-1/summary/", "../../glossary/"),
    "API reference": (
        "lecture-1/training/",
        "../../api/training/#notes_lib.training.gradient_descent",
    ),
}


def test_previews_are_switched_on(built_site: Path) -> None:
    """Material reads its features from the page's __config; previews need instant loading."""
    html = (built_site / "lecture-1" / "index.html").read_text(encoding="utf-8")
    config = BeautifulSoup(html, "html.parser").select_one("script#__config")
    assert config is not None, "no Material __config on the lecture page"
    features = json.loads(config.get_text())["features"]
    assert "navigation.instant" in features and "navigation.instant.preview" in features


def _serve_sitemap_from_here(page: Any, site_url: str) -> None:
    """Serve sitemap.xml with this server's origin in place of site_url's.

    Material previews only links it finds in the sitemap, after moving the sitemap's URLs to
    the page's protocol and host name but not its port. On GitHub Pages the sitemap's origin
    is the page's; the test server's random port is not in it, so without this no link
    would match and no preview would show.
    """
    served = re.match(r"https?://[^/]+", site_url)
    assert served, site_url
    origin = re.match(r"https?://[^/]+", published_site_url())
    assert origin, published_site_url()

    def _route(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace(origin[0], served[0])
        route.fulfill(response=response, body=body)

    page.route("**/sitemap.xml", _route)


def _target_heading(built_site: Path, page: str, href: str) -> str:
    """The text of the section heading ``href`` (relative to ``page``) points to."""
    url = urljoin("/" + page, href)
    parts = urlsplit(url)
    html = built_site / parts.path.lstrip("/") / "index.html"
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None, f"{html}: no <article>"
    target = article.find(id=parts.fragment) if parts.fragment else article.find("h1")
    assert target is not None, f"{href} from {page}: no target in {html}"
    for link in target.select("a.headerlink"):
        link.decompose()
    return " ".join(target.get_text(" ").split())


@pytest.mark.parametrize("kind", sorted(LINKS))
def test_hovering_a_link_previews_its_target(
    page: Any, site_url: str, built_site: Path, kind: str
) -> None:
    """On a light desktop (the page fixture's default), hovering shows the section."""
    source, href = LINKS[kind]
    heading = _target_heading(built_site, source, href)
    _serve_sitemap_from_here(page, site_url)
    open_page(page, source)
    # Material may rewrite a link's href to an absolute URL: match on its end.
    suffix = href.lstrip("./")
    link = page.locator(f'article a[href$="{suffix}"]:visible').first
    link.scroll_into_view_if_needed()
    link.hover()
    preview = page.locator(".md-tooltip2[role=dialog]")
    preview.wait_for(state="visible")
    shown = " ".join(preview.locator("h3").first.inner_text().replace("¶", "").split())
    assert shown == heading, f"{kind}: preview shows {shown!r}"
    # The section itself follows its heading, not only the title.
    body = preview.locator(".md-tooltip2__inner > :not(h3)")
    assert body.count() > 0 and body.first.inner_text().strip(), f"{kind}: empty preview"
    if kind == "lecture page":
        SCREENSHOTS.mkdir(exist_ok=True)
        # Material fades the preview in; shoot once it is fully opaque.
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('.md-tooltip2')).opacity === '1'"
        )
        page.screenshot(path=SCREENSHOTS / "preview-desktop.png")
    # Moving away hides it again: the preview is no obstacle to reading on.
    page.mouse.move(5, DESKTOP["height"] - 5)
    preview.wait_for(state="detached")
    assert not problems(page), problems(page)


def test_focusing_a_link_previews_its_target(
    new_context: Any, site_url: str, built_site: Path
) -> None:
    """Keyboard readers get the preview too, in the dark palette: focus opens it."""
    source, href = LINKS["lecture page"]
    heading = _target_heading(built_site, source, href)
    page = new_context(color_scheme="dark").new_page()
    _serve_sitemap_from_here(page, site_url)
    open_page(page, source)
    page.locator(f'article a[href$="{href.lstrip("./")}"]:visible').first.focus()
    preview = page.locator(".md-tooltip2[role=dialog]")
    preview.wait_for(state="visible")
    shown = preview.locator("h3").first.inner_text().replace("¶", "")
    assert " ".join(shown.split()) == heading
