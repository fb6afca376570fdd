"""Site integrity: every internal link, anchor and figure on the built site resolves.

Who checks what (see README "Checks"):

- MkDocs' ``validation:`` (strict build, the ``built_site`` fixture) rejects broken Markdown
  links and anchors between notes, and pages missing from ``nav``; autorefs rejects unresolved
  cross-references.
- LinkChecker (:func:`test_linkchecker_finds_no_broken_internal_link`) fetches every page from
  the served site and checks every ``href``/``src``/``srcset``/CSS ``url()`` it holds, in
  hand-written and generated HTML alike (API pages, marker output, figures, theme assets).
- :func:`test_every_anchor_resolves` checks ``#fragments`` against the ids of the built pages.
  LinkChecker's AnchorCheck plugin does this too but downloads and parses the target page once
  per distinct anchor: ten times slower here, because API pages link every source line.
- The rest of this file covers what neither does: duplicate ids, images shown and generated,
  the rendered navigation and orphaned pages. Figure placement is checked in
  tests/test_figures.py, requests to other hosts in tests/test_offline.py and (in a browser,
  on every page) tests/test_browser.py.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest
from site_html import (
    Link,
    html_files,
    ids,
    is_external,
    links,
    page_file,
    resolve,
    site_path,
    soup,
    source_pages,
    url_of,
)

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}

LINKCHECKER_CONFIG = """\
[checking]
threads=4
# Our test server answers with a "LinkChecker" header, which lifts the 10 requests/s limit.
maxrequestspersecond=1000
[filtering]
checkextern=0
# The PDF of Lecture 1 is printed after the build (make pdf); tests/test_pdf.py renders it and
# checks that the site links to where make pdf writes it.
ignore=
  /lecture-1\\.pdf$
"""


def _linkchecker(start_urls: list[str], config: Path) -> list[dict[str, str]]:
    """Run LinkChecker on ``start_urls``; return its CSV rows (errors and warnings only)."""
    exe = Path(sys.executable).with_name("linkchecker")
    result = subprocess.run(
        [
            str(exe),
            "--config",
            str(config),
            "--no-status",
            "--no-robots",
            "--output",
            "csv",
            *start_urls,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    # Exit status 1 means "found problems"; anything else is LinkChecker itself failing.
    assert result.returncode in (0, 1), f"linkchecker failed to run:\n{result.stderr}"
    assert result.returncode == 0 or rows, f"linkchecker exit 1 with no rows:\n{result.stderr}"
    return rows


def test_linkchecker_finds_no_broken_internal_link(
    built_site: Path, site_url: str, tmp_path: Path
) -> None:
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    # Every built page is a start URL, so pages nothing links to are checked too.
    starts = [site_url + url_of(built_site, html) for html in html_files(built_site)]
    rows = [
        row
        for row in _linkchecker(starts, config)
        if row["valid"] != "True" or row["warningstring"]
    ]
    # LinkChecker reports a broken URL once, under the first page it met it on: name them all.
    referrers: dict[str, set[str]] = {}
    for html in html_files(built_site):
        for link in links(built_site, html):
            target = urljoin(site_url + link.page, link.value).partition("#")[0]
            referrers.setdefault(target, set()).add(link.page or "(home)")
    problems = []
    for row in rows:
        pages = referrers.get(row["url"].partition("#")[0]) or {
            row["parentname"].removeprefix(site_url) or "(home)"
        }
        problem = f"{row['result']} {row['warningstring']}".strip()
        problems.append(f"{row['urlname']}: {problem} (on {', '.join(sorted(pages))})")
    assert not problems, "broken internal links (target: problem (on pages)):\n" + "\n".join(
        problems
    )


def test_every_anchor_resolves(built_site: Path) -> None:
    broken = []
    for html in html_files(built_site):
        for link in links(built_site, html):
            if link.tag not in {"a", "area"} or is_external(link.value) or "#" not in link.value:
                continue
            file, fragment = resolve(built_site, link)
            if not fragment or file.suffix != ".html" or not file.is_file():
                continue  # no anchor, or a missing page: LinkChecker reports that
            if fragment not in ids(file):
                broken.append(
                    f"{link}: no id {fragment!r} in {url_of(built_site, file) or '(home)'}"
                )
    assert not broken, "links to missing anchors (page: link: problem):\n" + "\n".join(broken)


def test_link_titles_are_trimmed(built_site: Path) -> None:
    """Hover text reads "sigmoid", not "            sigmoid" (autorefs copies indentation)."""
    padded = [
        f"{url_of(built_site, html) or '(home)'}: {title!r}"
        for html in html_files(built_site)
        for title in re.findall(r' title="([^"]*)"', html.read_text(encoding="utf-8"))
        if title != title.strip()
    ]
    assert not padded, "titles with leading or trailing white space:\n" + "\n".join(padded[:20])


def test_internal_links_stay_under_the_site_path(built_site: Path) -> None:
    """Root-absolute links work on a local server but break on GitHub Pages' subpath."""
    bad = [
        f"{link}"
        for html in html_files(built_site)
        for link in links(built_site, html)
        if not is_external(link.value)
        and link.value.startswith("/")
        and not link.value.startswith(site_path())
    ]
    assert not bad, f"links outside {site_path()} (break when deployed):\n" + "\n".join(bad)


def test_no_page_has_duplicate_ids(built_site: Path) -> None:
    """A duplicated id makes its anchor ambiguous; LinkChecker accepts either copy."""
    duplicates = []
    for html in html_files(built_site):
        counts = Counter(ids(html))
        duplicates += [
            f"{url_of(built_site, html) or '(home)'}: id={name!r} x{n}"
            for name, n in counts.items()
            if n > 1
        ]
    assert not duplicates, "duplicate ids:\n" + "\n".join(duplicates)


def test_every_shown_figure_exists(built_site: Path) -> None:
    missing = [
        str(link)
        for html in html_files(built_site)
        for link in links(built_site, html)
        if link.tag in {"img", "source", "object", "image", "use"}
        and not is_external(link.value)
        and not link.value.startswith("data:")
        and not resolve(built_site, link)[0].is_file()
    ]
    assert not missing, "images whose file is not in the built site:\n" + "\n".join(missing)


def test_every_image_file_in_the_site_is_used(built_site: Path) -> None:
    """A generated figure that no page shows is dead weight, or a forgotten ``{{ figure }}``."""
    used = {
        resolve(built_site, link)[0].resolve()
        for html in html_files(built_site)
        for link in links(built_site, html)
        if not is_external(link.value)
    }
    unused = [
        path.relative_to(built_site).as_posix()
        for path in sorted(built_site.rglob("*"))
        if path.suffix.lower() in IMAGE_SUFFIXES and path.resolve() not in used
    ]
    assert not unused, "image files no page shows or links to:\n" + "\n".join(unused)


def _nav_targets(built_site: Path) -> set[Path]:
    """Files linked from the primary navigation of the home page."""
    nav = soup(page_file(built_site, "")).select_one("nav.md-nav--primary")
    assert nav is not None, "the home page has no primary navigation"
    return {
        resolve(built_site, Link("", "a", "href", str(a["href"]), False))[0]
        for a in nav.find_all("a", href=True)
        if not is_external(str(a["href"]))
    }


@pytest.mark.parametrize("url", source_pages())
def test_page_is_in_the_navigation(built_site: Path, url: str) -> None:
    assert page_file(built_site, url) in _nav_targets(built_site), (
        f"page {url or '(home)'} is not in the site navigation (add it to nav: in mkdocs.yml)"
    )


@pytest.mark.parametrize("url", [u for u in source_pages() if u])
def test_page_is_linked_from_another_pages_text(built_site: Path, url: str) -> None:
    """Every page but the home page is reached from the prose of another page, not only the nav."""
    target = page_file(built_site, url)
    sources = {
        link.page
        for html in html_files(built_site)
        for link in links(built_site, html)
        if link.in_content
        and link.tag == "a"
        and not is_external(link.value)
        and link.page != url
        and resolve(built_site, link)[0] == target
    }
    assert sources, f"page {url} is orphaned: no other page's text links to it"
