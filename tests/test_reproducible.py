"""Builds are reproducible, and a fork's build points at the fork.

The suite's two builds (conftest's ``site_builds``) differ in every way that must not matter
(directory, hash seed, a cold or warm figure cache) and in the one that must: the second
gets the address and repository a fork's Pages workflow passes. Written back to the default
address, its tree must be byte-identical to the first, so dates, absolute paths, set
ordering or matplotlib ids leaking into any file (HTML, sitemap, search index, objects.inv,
figure SVGs) show up as a difference. A third build, configured as the first, takes every
page from the caches the first filled (conversions, rendered templates, search entries) and
must come out the same. That two independent renderings of a figure agree is
tests/test_figures.py's.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FORK, ROOT, SiteBuilds, source_date_epoch
from site_html import html_files, site_url, url_of

pytestmark = pytest.mark.slow


def _default(name: str) -> str:
    """The value mkdocs.yml falls back to when the environment does not set ``name``."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(rf"!ENV \[{name}, ([^\]]+)\]", text)[1]


DEFAULT = {
    "SITE_URL": site_url(),
    "REPO_URL": _default("REPO_URL"),
    "REPO_NAME": _default("REPO_NAME"),
}


def _unforked(data: bytes) -> bytes:
    """A fork build's file with the default address and repository written back."""
    swaps = [(FORK[key], DEFAULT[key]) for key in ("SITE_URL", "REPO_URL", "REPO_NAME")]
    swaps.append((FORK["SITE_URL"].split(".io", 1)[1], DEFAULT["SITE_URL"].split(".io", 1)[1]))
    for fork, default in swaps:
        data = data.replace(fork.encode(), default.encode())
    return data


def _contents(site: Path, unfork: bool) -> dict[str, str]:
    digests = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":  # compare what is inside; the header is checked below
            data = gzip.decompress(data)
        digests[str(path.relative_to(site))] = hashlib.sha256(
            _unforked(data) if unfork else data
        ).hexdigest()
    return digests


def test_two_builds_are_byte_identical_but_for_the_forks_address(
    site_builds: SiteBuilds,
) -> None:
    first = _contents(site_builds["cold"].site, unfork=False)
    second = _contents(site_builds["warm"].site, unfork=True)
    assert first.keys() == second.keys(), (
        f"only in first: {sorted(first.keys() - second.keys())}; "
        f"only in second: {sorted(second.keys() - first.keys())}"
    )
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"files that differ between the two builds: {differing}"
    # The comparison covered the files most prone to embedding times and paths.
    for name in ("sitemap.xml.gz", "search/search_index.json", "objects.inv", "index.html"):
        assert name in first, f"{name} missing from the build"


def test_a_build_from_the_caches_is_the_build_that_filled_them(site_builds: SiteBuilds) -> None:
    first = _contents(site_builds["cold"].site, unfork=False)
    cache = site_builds.page_cache
    before = {path.name for path in cache.iterdir()}
    again = site_builds["again"]
    assert {path.name for path in cache.iterdir()} == before, "every page came from the cache"
    second = _contents(again.site, unfork=False)
    differing = sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )
    assert not differing, f"files that differ from the build that filled the caches: {differing}"


def test_a_forks_build_links_to_the_fork(site_builds: SiteBuilds) -> None:
    """Canonical links, the sitemap and the repository link follow SITE_URL and REPO_URL."""
    site = site_builds["warm"].site
    pages = [html for html in html_files(site) if html.name == "index.html"]
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        canonical = soup.find("link", rel="canonical")
        assert canonical is not None, f"{html}: no canonical link"
        assert canonical["href"] == FORK["SITE_URL"] + url_of(site, html)
        repo = soup.select_one("a.md-source")
        assert repo is not None and repo["href"] == FORK["REPO_URL"], html
        assert FORK["REPO_NAME"] in repo.get_text()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    # The print edition is not in the nav, so MkDocs leaves it out of the sitemap.
    expected = {FORK["SITE_URL"] + url_of(site, html) for html in pages} - {
        FORK["SITE_URL"] + "print_page/"
    }
    assert sorted(listed) == sorted(expected)


def test_sitemap_dates_come_from_source_date_epoch(site_builds: SiteBuilds) -> None:
    # Without SOURCE_DATE_EPOCH the sitemap's <lastmod> is the day of the build.
    site = site_builds["cold"].site
    day = dt.datetime.fromtimestamp(int(source_date_epoch()), tz=dt.UTC).date().isoformat()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {day}
    with gzip.open(site / "sitemap.xml.gz", "rb") as packed:
        assert packed.read().decode("utf-8") == sitemap
    # The gzip header's mtime (bytes 4-8, little-endian) is the same fixed time.
    header_mtime = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert dt.datetime.fromtimestamp(header_mtime, tz=dt.UTC).date().isoformat() == day
