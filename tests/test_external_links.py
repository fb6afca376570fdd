"""External links: every one is listed (and so reviewed) in tests/external_links.txt.

Offline (always): the links on the built site equal the committed list, and each is a
well-formed https URL. Online (``make linkcheck-external``, i.e. ``--run-external``; never in
CI): each listed URL answers.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_html import html_files, is_external, links, site_url

LIST = Path(__file__).with_name("external_links.txt")

# Not links to anywhere: script pseudo-URLs (Material's buttons) and inline data.
_NOT_LINKS = ("javascript:", "data:")


def committed() -> list[str]:
    """The reviewed external URLs, one a line; ``#`` starts a comment."""
    lines = (line.split(" #")[0].strip() for line in LIST.read_text("utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def on_site(site: Path) -> dict[str, set[str]]:
    """Every external URL on the built site, with the pages that hold it.

    The site's own canonical URLs (under ``site_url``) are not external links.
    """
    own = site_url()
    found: dict[str, set[str]] = defaultdict(set)
    for html in html_files(site):
        for link in links(site, html):
            value = link.value
            if is_external(value) and not value.lower().startswith((*_NOT_LINKS, own)):
                found[value].add(link.page or "(home)")
    return found


def test_external_links_match_the_reviewed_list(built_site: Path) -> None:
    found, listed = on_site(built_site), set(committed())
    new = sorted(set(found) - listed)
    gone = sorted(listed - set(found))
    message = []
    if new:
        message.append(
            f"external links not in {LIST.name} (review them, then add them):\n"
            + "\n".join(f"  {url}  (on {', '.join(sorted(found[url]))})" for url in new)
        )
    if gone:
        message.append(
            f"listed in {LIST.name} but no longer on the site (remove them):\n"
            + "\n".join(f"  {url}" for url in gone)
        )
    assert not message, "\n".join(message)


def test_reviewed_list_is_sorted_and_unique() -> None:
    urls = committed()
    assert urls == sorted(set(urls)), f"keep {LIST.name} sorted and without duplicates"


_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def form_problems(url: str) -> list[str]:
    """Why ``url`` is not an acceptable external link (empty when it is)."""
    parts = urlsplit(url)
    problems = []
    if parts.scheme != "https":
        problems.append("not https")
    if not _HOST.match(parts.hostname or ""):
        problems.append(f"bad host {parts.hostname!r}")
    if parts.username or parts.password:
        problems.append("credentials in URL")
    if parts.port is not None:
        problems.append("explicit port")
    if re.search(r"\s|[<>\"{}|\\^`]", url):
        problems.append("unescaped character")
    if re.search(r"todo|example\.(com|org)|localhost", url, re.I):
        problems.append("placeholder")
    return problems


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.image-net.org/", True),
        ("https://doi.org/10.1038/323533a0", True),
        ("http://www.image-net.org/", False),
        ("https://user:pw@host.org/", False),
        ("https://localhost:8000/", False),
        ("https://host.org/a b", False),
        ("https://TODO", False),
        ("mailto:someone@host.org", False),
    ],
)
def test_form_check_tells_good_from_bad(url: str, ok: bool) -> None:
    assert (form_problems(url) == []) is ok, form_problems(url)


def test_every_reviewed_link_is_well_formed_https() -> None:
    bad = [f"{url}: {', '.join(p)}" for url in committed() if (p := form_problems(url))]
    assert not bad, "malformed external links:\n" + "\n".join(bad)


@pytest.mark.external
@pytest.mark.parametrize("url", committed())
def test_external_link_answers(url: str) -> None:
    request = urllib.request.Request(
        url, headers={"User-Agent": "Mozilla/5.0 (lecture-notes link check)"}
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        if error.code in (403, 429):
            pytest.skip(f"{url}: HTTP {error.code} (site refuses robots; check by hand)")
        pytest.fail(f"{url}: HTTP {error.code} {error.reason}")
    except (urllib.error.URLError, TimeoutError) as error:
        pytest.fail(f"{url}: {error}")
    assert 200 <= status < 400, f"{url}: HTTP {status}"
