"""The site as a reader meets it: headless Chromium on the served, strictly built site.

Each test gets its own browser context from pytest-playwright (``page``, or ``new_context``
for a second scheme or screen size), watched by tests/browsing.py: anything not for the
local server is blocked and reported with the page that asked for it. Screenshots of the
main pages land in the git-ignored ``.screenshots/`` for people to look at. Skips (with the
reason) only when Chromium is missing.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest
from browsing import (
    DESKTOP,
    PHONE,
    broken_images,
    follow_instantly,
    open_page,
    problems,
    wait_for_instant_navigation,
)
from site_html import DOCS, ROOT, source_pages

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / ".screenshots"
MAIN_PAGES = [
    "",
    "lecture-1/",
    "lecture-1/perceptron/",
    "lecture-1/activation-functions/",
    "lecture-1/training/",
    "lecture-1/in-practice/",
    "api/activations/",
]


# ---------------------------------------------------------------- per page

PAGES = [*source_pages(), "404.html"]
_RENDER_ALL = ".md-content__inner > * { content-visibility: visible !important; }"

_MATH = """
() => {
  const article = document.querySelector("article") || document.body;
  const copy = article.cloneNode(true);
  copy.querySelectorAll("pre, code, math, script, style, .md-source-file")
      .forEach((e) => e.remove());
  const wrappers = [...article.querySelectorAll(".arithmatex")];
  return {
    text: copy.textContent,
    wrappers: wrappers.length,
    untypeset: wrappers.filter((e) => !e.querySelector("math")).map((e) => e.textContent),
    math: article.querySelectorAll("math").length,
    invisible: [...article.querySelectorAll("math")]
      .filter((m) => m.checkVisibility() && m.getBoundingClientRect().height === 0)
      .map((m) => m.getAttribute("alttext")),
  };
}
"""

# TeX that a reader should never see: delimiters and common commands.
_RAW_TEX = re.compile(
    r"\\\(|\\\)|\\\[|\\\]|\$\$|\\(frac|sum|sigma|hat|mathbf|begin|end|left|right)(?![a-zA-Z])"
    r"|(?<![\w$])\$[^$\s][^$\n]{0,80}[\\^_{][^$\n]{0,80}\$"
)
# Math in a note's Markdown: $...$, $$...$$, \(...\) or \[...\].
_SOURCE_MATH = re.compile(r"\$\$|(?<![\\\w])\$[^$\s][^$\n]*\$|\\\(|\\\[")


def _source_has_math(url: str) -> bool:
    rel = url.rstrip("/") or "index"
    for md in (DOCS / f"{rel}.md", DOCS / rel / "index.md"):
        if md.is_file():
            text = re.sub(r"```.*?```|`[^`\n]*`", "", md.read_text("utf-8"), flags=re.S)
            return bool(_SOURCE_MATH.search(text))
    return False


def _check_math(page: Any, url: str) -> list[str]:
    """What is wrong with the page's math: raw TeX shown, untypeset or invisible formulas."""
    found = page.evaluate(_MATH)
    wrong = []
    if raw := sorted({m[0] for m in _RAW_TEX.finditer(found["text"])}):
        wrong.append(f"shows raw TeX: {raw}")
    if found["untypeset"]:
        wrong.append(f"untypeset math: {found['untypeset']}")
    if found["invisible"]:
        wrong.append(f"math drawn with no height: {found['invisible']}")
    if _source_has_math(url) and found["math"] == 0:
        wrong.append("has math in its source but no <math>")
    return wrong


def _check_fit(page: Any, url: str, screen: str, viewport: Any) -> list[str]:
    """Whether the page scrolls sideways as a whole; takes the screenshot people look at."""
    # The article's blocks skip rendering while off screen (content-visibility in extra.css),
    # which a full-page screenshot would show blank and which hides their overflow from the
    # width check: render them all first.
    page.add_style_tag(content=_RENDER_ALL)
    if url in MAIN_PAGES:
        out = SCREENSHOTS / screen
        out.mkdir(parents=True, exist_ok=True)
        slug = url.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(out / f"{slug}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    return [f"{width}px wide on the {screen} screen"] if width > viewport["width"] else []


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _check_links_in_text(page: Any) -> list[str]:
    """Links in running text told apart by more than colour (axe's link-in-text-block, which
    Lighthouse scores); skipped without the Node tools (``make test`` installs them).

    A link that axe leaves undecided counts too: it decides on the link's own styling first
    (an underline passes) and only then on colour contrast, which it cannot always measure
    (on a desktop screen here, where Lighthouse's phone run failed the same link).
    """
    if not AXE.is_file():
        return []
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: ['link-in-text-block']});
            return [...result.violations, ...result.incomplete]
                .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')));
        }"""
    )


@pytest.mark.parametrize("url", PAGES)
def test_every_page_reads_cleanly(page: Any, url: str) -> None:
    """One visit per page, on a desktop screen: no console error, failed or third-party
    request; every visible image decodes; every formula typeset and visible, no raw TeX;
    links in running text underlined; nothing wider than the screen (screenshots of the main
    pages in ``.screenshots/``)."""
    open_page(page, url)
    broken = broken_images(page)  # also loads the lazy figures, for the screenshot
    found = [
        *problems(page),
        *[f"image did not load: {src}" for src in broken],
        *_check_math(page, url),
        *_check_links_in_text(page),
        *_check_fit(page, url, "desktop", DESKTOP),
    ]
    assert not found, f"page {url or '(home)'}:\n" + "\n".join(found)


# ---------------------------------------------------------------- palette


def _themed_page() -> str | None:
    """A page showing a figure with light and dark variants (None before figures exist)."""
    pages = _figure_pages()
    return pages[0] if pages else None


_VISIBLE_FIGURES = """
() => [...document.querySelectorAll("article img")]
  .filter((img) => img.checkVisibility())
  .map((img) => img.getAttribute("src"))
"""


def _scheme(page: Any) -> str:
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


# Material shows the toggle of the palette in force (it points to the next one), and swaps
# toggles after it has applied a newly chosen palette to the body.
_SHOWN_TOGGLE = """
() => document.querySelector("form[data-md-component=palette] label:not([hidden])").htmlFor
"""
_TOGGLE_SWAPPED = f"(before) => ({_SHOWN_TOGGLE.strip()})() !== before"


def _toggle_to(page: Any, scheme: str) -> None:
    """Click the palette toggle until the page shows ``scheme`` (at most one full cycle:
    automatic, light, dark; from automatic to light the scheme may stay the same)."""
    for _ in range(4):
        if _scheme(page) == scheme:
            return
        before = page.evaluate(_SHOWN_TOGGLE)
        page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
        page.wait_for_function(_TOGGLE_SWAPPED, arg=before)
    assert _scheme(page) == scheme, f"palette toggle never reached {scheme!r}"


def test_palette_toggle_switches_figure_variants(page: Any) -> None:
    url = _themed_page()
    if url is None:
        pytest.skip("no page places a {{ figure: ... }} yet")
    open_page(page, url)
    for scheme, shown, hidden in [
        ("default", "#only-light", "#only-dark"),
        ("slate", "#only-dark", "#only-light"),
        ("default", "#only-light", "#only-dark"),
    ]:
        _toggle_to(page, scheme)
        visible = page.evaluate(_VISIBLE_FIGURES)
        variants = [src for src in visible if src.endswith(("#only-light", "#only-dark"))]
        assert variants, f"{url}: no themed figure visible in the {scheme} scheme"
        wrong = [src for src in variants if src.endswith(hidden)]
        assert not wrong, f"{url}, {scheme} scheme: figures of the other scheme shown: {wrong}"
        assert all(src.endswith(shown) for src in variants)
        broken = broken_images(page)
        assert not broken, f"{url}, {scheme} scheme: images did not load: {broken}"
    assert not problems(page), f"{url}:\n" + "\n".join(problems(page))


def _figure_pages() -> list[str]:
    pages = []
    for url in source_pages():
        rel = url.rstrip("/") or "index"
        for md in (DOCS / f"{rel}.md", DOCS / rel / "index.md"):
            if md.is_file() and re.search(r"^\{\{ *figure *:", md.read_text("utf-8"), re.M):
                pages.append(url)
    return pages


_FIGURE_IMAGES = """
() => [...document.querySelectorAll("article img")].map((img) => ({
  src: img.src.split("#")[0], shown: img.checkVisibility() }))
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_readers_get_and_fetch_only_their_schemes_figures(new_context: Any, scheme: str) -> None:
    """With the system in either scheme, every figure shows and loads that scheme's variant,
    and the other variant (lazy and hidden) is never fetched: a reader pays for one."""
    pages = _figure_pages()
    if not pages:
        pytest.skip("no page places a {{ figure: ... }} yet")
    context = new_context(color_scheme=scheme)
    fetched: set[str] = set()
    context.on("request", lambda request: fetched.add(request.url.split("#")[0]))
    page = context.new_page()
    want, other = ("slate", "#only-light") if scheme == "dark" else ("default", "#only-dark")
    # The very first page view fetches figures above the fold before Material has applied
    # a dark system palette (README, Figures); readers reach the figures on a later view.
    open_page(page, next(url for url in source_pages() if url not in pages))
    found = []
    for url in pages:
        open_page(page, url)
        assert _scheme(page) == want, f"{url}: the {scheme} system preference not followed"
        found += [
            f"{url}: {src} shown" for src in page.evaluate(_VISIBLE_FIGURES) if src.endswith(other)
        ]
        # Scrolls every shown image into view (lazy ones load there) and decodes it.
        found += [f"{url}: did not load: {src}" for src in broken_images(page)]
        images = page.evaluate(_FIGURE_IMAGES)
        shown = {i["src"] for i in images if i["shown"]}
        hidden = {i["src"] for i in images if not i["shown"]} - shown
        assert shown, f"{url}: no figure shown"
        found += [f"{url}: shown but never fetched: {src}" for src in sorted(shown - fetched)]
        found += [f"{url}: hidden variant fetched: {src}" for src in sorted(hidden & fetched)]
    found += problems(page)
    assert not found, f"{scheme} scheme:\n" + "\n".join(found)


# ---------------------------------------------------------------- figure code

_LISTING = """
(details) => {
  const code = details.querySelector("pre > code");
  return code && {
    text: code.innerText,
    keyword: code.querySelector("span.k")?.textContent,
    name: code.querySelector("span.nf")?.textContent,
    copy: details.querySelector("pre > nav button[data-md-type=copy]")?.dataset.clipboardTarget,
  };
}
"""


def _first_listing(url: str) -> tuple[str, str]:
    """(figure id, source) of the first figure on ``url``, whose block shows its code."""
    from figures.registry import FIGURES
    from figures.render import function_source

    text = (DOCS / (url.rstrip("/") + ".md")).read_text("utf-8")
    name = re.search(r"^\{\{ *figure *: *([\w-]+) *\}\}", text, re.M)[1]
    return f"figure-{name}", function_source(FIGURES[name], docstring=False)


@pytest.mark.parametrize("arrival", ["load", "instant navigation"])
def test_figure_code_appears_highlighted_when_opened(page: Any, arrival: str) -> None:
    """Pages hold no listing; opening a block fetches it: highlighted, with a copy button."""
    url = "lecture-1/perceptron/"
    figure_id, source = _first_listing(url)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    if arrival == "load":
        open_page(page, url)
    else:  # Material swaps the content in; no page load runs the scripts again
        open_page(page, "lecture-1/")
        wait_for_instant_navigation(page)
        link = page.locator(f"article a[href$='{url.split('/')[-2]}/']").first
        follow_instantly(page, link, re.compile(re.escape(url) + "$"))
    assert page.locator("details.notes-figure-code pre").count() == 0
    block = page.locator(f"#{figure_id} + details.notes-figure-code")
    block.locator("summary").click()
    block.locator("pre > code").wait_for()
    listing = block.evaluate(_LISTING)
    assert listing["text"].rstrip() == source.rstrip()
    name = re.search(r"def (\w+)", source)[1]
    assert (listing["keyword"], listing["name"]) == ("def", name), "not highlighted"
    assert listing["copy"], "no copy button on the listing"
    block.locator("pre > nav button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.rstrip() == source.rstrip()
    assert not problems(page), "\n".join(problems(page))


def test_figure_code_that_cannot_load_says_so(page: Any) -> None:
    """A failed fetch is reported in the block, next to the link to the API entry."""
    url = "lecture-1/perceptron/"
    figure_id, _ = _first_listing(url)
    page.route("**/figures/code.json", lambda route: route.abort())
    open_page(page, url)
    block = page.locator(f"#{figure_id} + details.notes-figure-code")
    block.locator("summary").click()
    error = block.locator(".notes-figure-listing-error")
    error.wait_for()
    assert "could not be loaded" in error.inner_text()
    assert block.locator("p.notes-figure-listing a[href*='api/figures/']").is_visible()


def test_figure_code_without_javascript(new_context: Any) -> None:
    """With scripting off, the block links to the API entry, which shows the source."""
    url = "lecture-1/perceptron/"
    figure_id, source = _first_listing(url)
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, url, scripts=False)
    block = page.locator(f"#{figure_id} + details.notes-figure-code")
    block.locator("summary").click()
    link = block.locator("p.notes-figure-listing a[href*='api/figures/']")
    assert link.is_visible()
    with page.expect_navigation():
        link.click()
    entry = page.url.split("#")[1]
    contents = page.locator(f"[id='{entry}'] ~ .doc-contents").text_content()
    assert source.splitlines()[0] in contents, f"{entry}: API entry shows no source"


# ---------------------------------------------------------------- phone


@pytest.mark.parametrize("url", MAIN_PAGES)
def test_main_pages_fit_a_phone(new_context: Any, url: str) -> None:
    """At 390 px no main page scrolls sideways as a whole (screenshots in ``.screenshots/``)."""
    page = new_context(viewport=PHONE, is_mobile=True).new_page()
    open_page(page, url)
    broken_images(page)  # loads the lazy figures, so the screenshot shows them
    found = [*_check_fit(page, url, "phone", PHONE), *problems(page)]
    assert not found, f"page {url or '(home)'}:\n" + "\n".join(found)


# ---------------------------------------------------------------- start-up on a phone

# <html>'s class before each change to it, recorded from before the page's own scripts run.
_WATCH_HTML_CLASS = """
window.__htmlClass = [];
new MutationObserver((records) => {
  for (const r of records) {
    if (r.target === document.documentElement) window.__htmlClass.push(r.oldValue);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"],
                      attributeOldValue: true});
"""

_STYLE_SELECTORS = """
() => [...document.styleSheets].flatMap((sheet) => {
  // A style rule has cssRules too (nested rules), so its selector is read first.
  const walk = (rules) => [...rules].flatMap((r) => [
    ...(r.selectorText ? [r.selectorText] : []), ...(r.cssRules ? walk(r.cssRules) : []),
  ]);
  return walk(sheet.cssRules);
})
"""


def test_material_start_up_changes_no_style_that_restyles_the_page(page: Any) -> None:
    """site_tools/startup.py: <html> has its scripted class before the body is parsed, so
    Material's start-up leaves it as it is, and no style rule depends on the attribute
    Material toggles on <body> while it applies the palette. Either would restyle every
    element of the page (about 100-200 ms each on a phone's CPU)."""
    page.add_init_script(_WATCH_HTML_CLASS)
    open_page(page, "lecture-1/perceptron/")
    final = page.evaluate("document.documentElement.className")
    olds = page.evaluate("window.__htmlClass")
    values = [*olds, final]  # the value before each change, then the value now
    changes = [(a, b) for a, b in pairwise(values) if a != b]
    assert "js" in final.split() and "no-js" not in final.split(), final
    assert changes == [("no-js", final)], f"<html class> changed after the head: {changes}"
    selectors = page.evaluate(_STYLE_SELECTORS)
    assert selectors, "no style rules read"
    switching = [s for s in selectors if "data-md-color-switching" in s]
    assert not switching, f"rules that restyle the page at every start: {switching}"
    assert not problems(page), "\n".join(problems(page))
