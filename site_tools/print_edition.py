"""MkDocs hook: make every link of the print edition (``print_page/``) resolve.

mkdocs-print-site-plugin combines the lecture pages into one page and turns links between
them into in-page anchors ``#PAGE-ID`` (``PAGE`` the page's key, e.g. ``lecture-1-training``),
but it only renames the ids of headings: a link to a figure (``<figure id>``) or a reference
(``<p id>``) then points nowhere. And the API reference is not in the print edition (it is
generated documentation, not part of the lecture), so links to it point nowhere either.

This runs after the plugin has written the page (hooks run after plugins) and, for every
``href="#X"`` without an element ``id="X"``:

- if ``X`` is ``PAGE-ID`` and that page's section holds ``id="ID"``, renames it to ``X``;
- if ``ID`` (or ``X``) is an id of a page left out (the API reference), links to that page
  on the published site (``site_url``), so the PDF's links work outside the site too;
- otherwise fails the build, naming the link.

The plugin also adds its CSS and script to every page; only the print page keeps them.

A nav section all of whose pages were left out (the API reference) would remain as a bare
numbered title; it is removed, with its entry in the table of contents.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

PRINT_PAGE = "print_page/index.html"
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_HREF = re.compile(r'href="#([^"]+)"')
_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
# A nav section whose pages were all left out (the API reference): only its title remains.
_EMPTY_SECTION = re.compile(
    r"<section class='print-page md-section' id='([^']+)'[^>]*>"
    r"\s*<h1>(?:(?!</h1>).)*</h1>\s*</section>",
    re.S,
)


def _page_key(url: str) -> str:
    """The plugin's key for a page URL: ``lecture-1/training/`` → ``lecture-1-training``."""
    return url.strip("/").replace("/", "-") or "index"


def fix_links(html: str, site_dir: Path, site_url: str) -> str:
    """Return ``html`` (the print page) with every in-page link resolving; see the module."""
    empties = _EMPTY_SECTION.findall(html)
    html = _EMPTY_SECTION.sub("", html)
    for empty in empties:
        html = re.sub(
            rf'<li class="md-nav__item">\s*<a href="#{re.escape(empty)}"[^>]*>.*?</a>\s*</li>',
            "",
            html,
            flags=re.S,
        )
    ids = set(_ID.findall(html))
    # Where each page's section starts and ends, by key.
    starts = [(m.start(), m[1]) for m in _SECTION.finditer(html)]
    spans = {
        key: (start, starts[i + 1][0] if i + 1 < len(starts) else len(html))
        for i, (start, key) in enumerate(starts)
    }
    elsewhere: dict[str, str] = {}  # id -> published URL, for pages left out of the print page
    for page in sorted(site_dir.rglob("index.html")):
        url = page.parent.relative_to(site_dir).as_posix()
        url = "" if url == "." else url + "/"
        if _page_key(url) in spans or url.startswith("print_page"):
            continue
        elsewhere.setdefault(_page_key(url), urljoin(site_url, url))
        for anchor in _ID.findall(page.read_text(encoding="utf-8")):
            elsewhere.setdefault(anchor, urljoin(site_url, url) + "#" + anchor)

    renames: dict[str, list[tuple[str, str]]] = {}
    replacements: dict[str, str] = {}
    broken: list[str] = []
    for target in sorted(set(_HREF.findall(html)) - ids):
        # The longest page key that prefixes the target: lecture-1-training, not lecture-1.
        key = max((k for k in spans if target.startswith(k + "-")), key=len, default=None)
        inner = target[len(key) + 1 :] if key else None
        if key and inner:
            start, end = spans[key]
            if f' id="{inner}"' in html[start:end]:
                renames.setdefault(key, []).append((inner, target))
                continue
        if target == _page_key(PRINT_PAGE.removesuffix("index.html")):
            replacements[target] = "#print-site-page"  # a link to the print page itself
            continue
        published = elsewhere.get(inner or "") or elsewhere.get(target)
        if published:
            replacements[target] = published
        else:
            broken.append(target)
    if broken:
        raise PluginError(f"{PRINT_PAGE}: links to missing anchors: {', '.join(broken)}")

    pieces, position = [], 0
    for key, (start, end) in sorted(spans.items(), key=lambda item: item[1][0]):
        section = html[start:end]
        for inner, target in renames.get(key, []):
            section = section.replace(f' id="{inner}"', f' id="{target}"', 1)
        pieces += [html[position:start], section]
        position = end
    html = "".join(pieces) + html[position:]
    return _HREF.sub(
        lambda m: f'href="{replacements[m[1]]}"' if m[1] in replacements else m[0], html
    )


# The plugin (2.9) gives headings page-unique ids by finding tags with this regex. Every
# attempt at a "<" that has no id=" after it on its line fails only at the line's end, so on
# a paragraph of inline MathML (thousands of tags on one line) the search is quadratic in the
# line's length: it was the largest single cost of a warm build. _id_tags finds the same
# matches, skipping the attempts that cannot succeed (tests/test_print_edition.py).
_PLUGIN_ID_TAG = re.compile(r"<([^\s]+).*?id=\"([^\"]*?)\".*?>", flags=re.IGNORECASE)
_ID_ATTRIBUTE = re.compile(r'id="', flags=re.IGNORECASE)
_RENAMED_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "sup", "li")


def _id_tags(html: str) -> Iterator[re.Match[str]]:
    """The matches of ``_PLUGIN_ID_TAG.finditer(html)``, in linear time for real pages."""
    ids = [m.start() for m in _ID_ATTRIBUTE.finditer(html)]
    line_ends = [m.start() for m in re.finditer("\n", html)]
    position = 0
    while (start := html.find("<", position)) >= 0:
        line = bisect.bisect_left(line_ends, start)
        line_end = line_ends[line] if line < len(line_ends) else len(html)
        later_id = bisect.bisect_right(ids, start)
        if later_id == len(ids) or ids[later_id] >= line_end:
            position = line_end + 1  # "." stops at a newline: no "<" left on this line matches
            continue
        match = _PLUGIN_ID_TAG.match(html, start)
        if match:
            yield match
            position = match.end()
        else:
            position = start + 1


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """The plugin's ``update_anchor_ids`` (same result) without its quadratic search."""
    for match in list(_id_tags(page_html)):
        if match[1] in _RENAMED_TAGS:
            renamed = match[0].replace(match[2], f"{page_key}-{match[2]}")
            page_html = page_html.replace(match[0], renamed)
    return page_html


def on_config(config: Any, **_: Any) -> Any:
    """Have the print-site plugin rename heading ids with :func:`update_anchor_ids`."""
    from mkdocs_print_site_plugin import urls

    urls.update_anchor_ids = update_anchor_ids
    return config


# The plugin adds its CSS and script to every page; only the print page uses them.
_PRINT_ASSET = re.compile(
    r'<link rel="stylesheet" href="[^"]*css/print-site[^"]*\.css">'
    r'|<script [^>]*src="[^"]*js/print-site\.js"[^>]*></script>'
)


def on_post_page(output: str, **_: Any) -> str:
    """Leave the print edition's CSS and script out of the other pages (fewer requests)."""
    # Each tag goes with the white space before it. (A pattern starting with ``\s*`` did
    # the same, but scanned each run of spaces again from every space in it.)
    pieces, position = [], 0
    for match in _PRINT_ASSET.finditer(output):
        start = match.start()
        while start > position and output[start - 1].isspace():
            start -= 1
        pieces.append(output[position:start])
        position = match.end()
    return "".join(pieces) + output[position:]


def on_post_build(config: Any, **_: Any) -> None:
    """Make every link of the print page resolve (or fail the build naming it)."""
    page = Path(config["site_dir"]) / PRINT_PAGE
    if not page.is_file():  # the print-site plugin is switched off
        return
    html = page.read_text(encoding="utf-8")
    page.write_text(fix_links(html, Path(config["site_dir"]), config["site_url"]), "utf-8")
