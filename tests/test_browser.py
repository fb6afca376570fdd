"""The site as a reader meets it: headless Chromium on the served, strictly built site.

One browser per module; one tab reused for the per-page checks. Every request is routed:
anything not for the local server is blocked and reported with the page that asked for it.
Screenshots of the main pages land in the git-ignored ``.screenshots/`` for people to look at.
Skips (with the reason) only when Chromium or Playwright is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from site_html import DOCS, ROOT, source_pages

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / ".screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MAIN_PAGES = [
    "",
    "lecture-1/",
    "lecture-1/perceptron/",
    "lecture-1/activation-functions/",
    "lecture-1/training/",
    "lecture-1/in-practice/",
    "api/activations/",
]
# What a reader types, and the page (and section) the first result must open.
SEARCHES = {
    "sigmoid": "lecture-1/activation-functions/#notes-sigmoid",
    "backpropagation": "lecture-1/training/#notes-backpropagation",
    "perceptron": "lecture-1/perceptron/",
    "imagenet": "lecture-1/",
}
TIMEOUT_MS = 20_000


def sync_api_error() -> type[Exception]:
    """Playwright's base error (imported late: the module may be missing, then tests skip)."""
    from playwright.sync_api import Error

    return Error


@dataclass
class Tab:
    """A browser tab that records what went wrong while it was used."""

    page: Any
    base: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def reset(self) -> None:
        self.console_errors.clear()
        self.failed.clear()
        self.outside.clear()

    def open(self, url: str) -> None:
        self.reset()
        self.page.goto(self.base + url, wait_until="networkidle", timeout=TIMEOUT_MS)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"failed request: {r}" for r in self.failed]
            + [f"request leaving the local server (blocked): {r}" for r in self.outside]
        )


def new_tab(browser: Any, site_url: str, **context_options: Any) -> Tab:
    """A fresh context and tab whose every request is checked against the local server."""
    context = browser.new_context(**context_options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    tab = Tab(page, site_url)
    local = urlsplit(site_url).netloc

    def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).netloc == local or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            tab.outside.append(f"{url} (from {page.url})")
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    page.on("pageerror", lambda e: tab.console_errors.append(f"uncaught: {e}"))
    page.on(
        "requestfailed",
        lambda r: urlsplit(r.url).netloc == local and tab.failed.append(f"{r.url}: {r.failure}"),
    )
    page.on(
        "response",
        lambda r: r.status >= 400 and tab.failed.append(f"{r.url}: HTTP {r.status}"),
    )
    return tab


@pytest.fixture(scope="module")
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    """One desktop tab in the light scheme, reused by the per-page checks."""
    made = new_tab(browser, site_url, viewport=DESKTOP, color_scheme="light")
    yield made
    made.page.context.close()


# ---------------------------------------------------------------- per page

PAGES = [*source_pages(), "404.html"]

_RENDER_ALL = ".md-content__inner > * { content-visibility: visible !important; }"

_LOAD_IMAGES = """
async () => {
  const broken = [];
  for (const img of document.querySelectorAll("img")) {
    if (!img.checkVisibility()) continue;  // e.g. the other palette's figure variant
    img.scrollIntoView();
    if (!img.complete) {
      await new Promise((done) => {
        img.addEventListener("load", done, { once: true });
        img.addEventListener("error", done, { once: true });
        setTimeout(done, 10000);
      });
    }
    if (img.naturalWidth === 0) broken.push(img.getAttribute("src"));
  }
  window.scrollTo(0, 0);
  return broken;
}
"""

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


@pytest.mark.parametrize("url", PAGES)
def test_page_loads_cleanly(tab: Tab, url: str) -> None:
    tab.open(url)
    broken_images = tab.page.evaluate(_LOAD_IMAGES)
    problems = tab.problems() + [f"image did not load: {src}" for src in broken_images]
    assert not problems, f"page {url or '(home)'}:\n" + "\n".join(problems)


@pytest.mark.parametrize("url", PAGES)
def test_math_is_typeset(tab: Tab, url: str) -> None:
    tab.open(url)
    found = tab.page.evaluate(_MATH)
    raw = sorted({m[0] for m in _RAW_TEX.finditer(found["text"])})
    assert not raw, f"page {url or '(home)'} shows raw TeX: {raw}"
    assert not found["untypeset"], f"page {url or '(home)'}: untypeset math {found['untypeset']}"
    assert not found["invisible"], f"page {url or '(home)'}: math drawn with no height: " + str(
        found["invisible"]
    )
    if _source_has_math(url):
        assert found["math"] > 0, f"page {url or '(home)'} has math in its source but no <math>"


# ---------------------------------------------------------------- search


_FIRST_GROUP = """
() => [...document.querySelectorAll(".md-search-result__item")].slice(0, 1)
  .flatMap((li) => [...li.querySelectorAll("a")].map((a) => a.href))
"""


@pytest.mark.parametrize(("term", "expected"), sorted(SEARCHES.items()))
def test_search_box_finds_the_notes(tab: Tab, term: str, expected: str) -> None:
    """Material groups results by page: the first group must be the expected page, and
    hold the expected section; following that result opens it."""
    tab.open("")
    page = tab.page
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(term, delay=30)
    try:
        page.locator(".md-search-result__item a").first.wait_for(state="visible")
    except sync_api_error() as error:
        problems = "\n".join(tab.problems()) or "no console error"
        raise AssertionError(f"search for {term!r} showed no result:\n{problems}") from error
    page.wait_for_timeout(300)  # results render as the worker answers each keystroke

    def site_relative(href: str) -> str:
        parts = urlsplit(href)
        path = parts.path.removeprefix(urlsplit(tab.base).path)
        return path + (f"#{parts.fragment}" if parts.fragment else "")

    group = [site_relative(href) for href in page.evaluate(_FIRST_GROUP)]
    want_page = expected.partition("#")[0]
    assert group, f"search for {term!r}: no results"
    assert group[0] == want_page, (
        f"search for {term!r}: first result is {group[0] or '(home)'}, expected {want_page}"
        f" (whole first group: {group})"
    )
    assert expected in group, f"search for {term!r}: section {expected} not offered in {group}"
    page.locator(".md-search-result__item").first.locator("a").nth(group.index(expected)).click()
    page.wait_for_load_state("networkidle")
    assert site_relative(page.url) == expected, f"search for {term!r} opened {page.url}"
    assert not tab.problems(), f"search for {term!r}:\n" + "\n".join(tab.problems())


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


def _toggle_to(page: Any, scheme: str) -> None:
    """Click the palette toggle until the page shows ``scheme`` (at most one full cycle)."""
    for _ in range(4):
        if _scheme(page) == scheme:
            return
        page.locator("form[data-md-component=palette] label.md-header__button:visible").click()
    assert _scheme(page) == scheme, f"palette toggle never reached {scheme!r}"


def test_palette_toggle_switches_figure_variants(browser: Any, site_url: str) -> None:
    url = _themed_page()
    if url is None:
        pytest.skip("no page places a {{ figure: ... }} yet")
    themed = new_tab(browser, site_url, viewport=DESKTOP, color_scheme="light")
    try:
        themed.open(url)
        page = themed.page
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
            broken = page.evaluate(_LOAD_IMAGES)
            assert not broken, f"{url}, {scheme} scheme: images did not load: {broken}"
        assert not themed.problems(), f"{url}:\n" + "\n".join(themed.problems())
    finally:
        themed.page.context.close()


def _figure_pages() -> list[str]:
    pages = []
    for url in source_pages():
        rel = url.rstrip("/") or "index"
        for md in (DOCS / f"{rel}.md", DOCS / rel / "index.md"):
            if md.is_file() and re.search(r"^\{\{ *figure *:", md.read_text("utf-8"), re.M):
                pages.append(url)
    return pages


def test_dark_readers_get_dark_figures_on_every_page(browser: Any, site_url: str) -> None:
    """With the system in dark mode, every figure shows (and loads) its dark variant."""
    pages = _figure_pages()
    if not pages:
        pytest.skip("no page places a {{ figure: ... }} yet")
    dark = new_tab(browser, site_url, viewport=DESKTOP, color_scheme="dark")
    problems = []
    try:
        for url in pages:
            dark.open(url)
            assert _scheme(dark.page) == "slate", f"{url}: dark system preference not followed"
            visible = dark.page.evaluate(_VISIBLE_FIGURES)
            problems += [
                f"{url}: light variant shown: {src}"
                for src in visible
                if src.endswith("#only-light")
            ]
            problems += [f"{url}: did not load: {src}" for src in dark.page.evaluate(_LOAD_IMAGES)]
            problems += [f"{url}: {problem}" for problem in dark.problems()]
    finally:
        dark.page.context.close()
    assert not problems, "dark scheme:\n" + "\n".join(problems)


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
def test_figure_code_appears_highlighted_when_opened(
    browser: Any, site_url: str, arrival: str
) -> None:
    """Pages hold no listing; opening a block fetches it: highlighted, with a copy button."""
    url = "lecture-1/perceptron/"
    figure_id, source = _first_listing(url)
    reader = new_tab(browser, site_url, viewport=DESKTOP, color_scheme="light")
    reader.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        if arrival == "load":
            reader.open(url)
        else:  # Material swaps the content in; no page load runs the scripts again
            reader.open("lecture-1/")
            reader.page.locator(f"article a[href$='{url.split('/')[-2]}/']").first.click()
            reader.page.wait_for_url(f"**/{url}")
        page = reader.page
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
        assert not reader.problems(), "\n".join(reader.problems())
    finally:
        reader.page.context.close()


def test_figure_code_that_cannot_load_says_so(browser: Any, site_url: str) -> None:
    """A failed fetch is reported in the block, next to the link to the API entry."""
    url = "lecture-1/perceptron/"
    figure_id, _ = _first_listing(url)
    reader = new_tab(browser, site_url, viewport=DESKTOP)
    try:
        reader.page.route("**/figures/code.json", lambda route: route.abort())
        reader.open(url)
        block = reader.page.locator(f"#{figure_id} + details.notes-figure-code")
        block.locator("summary").click()
        error = block.locator(".notes-figure-listing-error")
        error.wait_for()
        assert "could not be loaded" in error.inner_text()
        assert block.locator("p.notes-figure-listing a[href*='api/figures/']").is_visible()
    finally:
        reader.page.context.close()


def test_figure_code_without_javascript(browser: Any, site_url: str) -> None:
    """With scripting off, the block links to the API entry, which shows the source."""
    url = "lecture-1/perceptron/"
    figure_id, source = _first_listing(url)
    reader = new_tab(browser, site_url, viewport=DESKTOP, java_script_enabled=False)
    try:
        reader.open(url)
        block = reader.page.locator(f"#{figure_id} + details.notes-figure-code")
        block.locator("summary").click()
        link = block.locator("p.notes-figure-listing a[href*='api/figures/']")
        assert link.is_visible()
        link.click()
        reader.page.wait_for_load_state()
        entry = reader.page.url.split("#")[1]
        contents = reader.page.locator(f"[id='{entry}'] ~ .doc-contents").text_content()
        assert source.splitlines()[0] in contents, f"{entry}: API entry shows no source"
    finally:
        reader.page.context.close()


# ---------------------------------------------------------------- screenshots


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_main_pages_fit_the_screen(browser: Any, site_url: str, name: str, viewport: Any) -> None:
    """Screenshots for people; the check: no page scrolls sideways as a whole."""
    out = SCREENSHOTS / name
    out.mkdir(parents=True, exist_ok=True)
    shot = new_tab(
        browser, site_url, viewport=viewport, color_scheme="light", is_mobile=name == "phone"
    )
    overflowing = []
    try:
        for url in MAIN_PAGES:
            shot.open(url)
            shot.page.evaluate(_LOAD_IMAGES)
            # The article's blocks skip rendering while off screen (content-visibility in
            # extra.css), which a full-page screenshot would show blank and which hides
            # their overflow from the width check: render them all first.
            shot.page.add_style_tag(content=_RENDER_ALL)
            slug = url.strip("/").replace("/", "-") or "home"
            shot.page.screenshot(path=str(out / f"{slug}.png"), full_page=True)
            width = shot.page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                overflowing.append(f"{url or '(home)'}: {width}px wide")
        assert not shot.problems(), "\n".join(shot.problems())
    finally:
        shot.page.context.close()
    assert not overflowing, f"pages wider than the {name} screen ({viewport['width']}px):\n" + (
        "\n".join(overflowing)
    )
