"""What the browser tests share: a watch on every context, and waits on what the page signals.

Every context the ``context``/``new_context`` fixtures make is watched (:func:`watch`): a
request for anything but the local server is blocked and recorded with the page that asked
for it; console errors, uncaught exceptions, failed requests and HTTP errors are recorded.
Tests assert ``problems(page) == []`` where a clean page is the point.

Nothing here sleeps or waits for the network to go quiet: each wait names the condition the
page reaches (Material's ``document$``, a link Material intercepts, an image's ``decode()``).
Nothing here knows about pytest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from site_html import site_url

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@dataclass
class Watch:
    """What went wrong in one browser context."""

    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"failed request: {r}" for r in self.failed]
            + [f"request leaving the local server (blocked): {r}" for r in self.outside]
        )


_WATCHES: WeakKeyDictionary[Any, Watch] = WeakKeyDictionary()


def watch(context: Any, local_url: str) -> Watch:
    """Route and record every request of ``context``, which browses the site at ``local_url``."""
    seen = Watch()
    _WATCHES[context] = seen
    local = urlsplit(local_url).netloc

    def only_local(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).netloc == local or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            frame = route.request.frame
            seen.outside.append(f"{url} (from {frame.url if frame else 'a worker'})")
            route.abort()

    # Material's instant navigation intercepts only links listed in sitemap.xml. It rewrites
    # the listed URLs' scheme and host to the page's, but not the port, so served from
    # 127.0.0.1:PORT no link would match and every click would reload the page. Rewriting the
    # origin here makes instant navigation work as it does on Pages.
    deployed_origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url()))
    local_origin = "{0.scheme}://{0.netloc}".format(urlsplit(local_url))

    def sitemap(route: Any) -> None:
        from playwright.sync_api import Error

        try:
            response = route.fetch()
            body = response.text().replace(deployed_origin, local_origin)
            route.fulfill(response=response, body=body)
        except Error:
            # The context closed while Material was still fetching the sitemap after the test
            # had what it needed; whatever a test checks happened before that.
            if not context.pages:
                return
            raise

    # Routes run last-registered first: the sitemap's before the catch-all.
    context.route("**/*", only_local)
    context.route(re.compile(r".*/sitemap\.xml$"), sitemap)
    context.on("console", lambda m: m.type == "error" and seen.console_errors.append(m.text))
    context.on("weberror", lambda e: seen.console_errors.append(f"uncaught: {e.error}"))

    def failed(request: Any) -> None:
        # ERR_ABORTED: the page went on (navigated, closed) before the request finished, as
        # when a test opens the next page while the favicon loads; not a fault of the site.
        if urlsplit(request.url).netloc == local and "ERR_ABORTED" not in (request.failure or ""):
            seen.failed.append(f"{request.url}: {request.failure}")

    context.on("requestfailed", failed)
    context.on(
        "response", lambda r: r.status >= 400 and seen.failed.append(f"{r.url}: HTTP {r.status}")
    )
    return seen


def problems(page_or_context: Any) -> list[str]:
    """Everything recorded as wrong so far in the page's (or this) context."""
    context = getattr(page_or_context, "context", page_or_context)
    return _WATCHES[context].problems()


# Material publishes document$, which emits once it has set up a page (on load and after
# every instant navigation); a late subscriber gets the current page at once.
_MATERIAL_READY = """
() => typeof document$ !== "undefined"
  && new Promise((ready) => document$.subscribe(() => ready(true)))
"""


def open_page(page: Any, url: str, *, scripts: bool = True) -> None:
    """Load ``url`` (relative to the site) and wait until Material has set the page up.

    ``scripts=False`` for a context with JavaScript off: then the load event is all there is.
    """
    page.goto(url)
    if scripts:
        page.wait_for_function(_MATERIAL_READY)


# A click on a link to this very page, dispatched where Material listens: Material cancels it
# once it intercepts links (it has read the sitemap). Before that the browser would follow
# it, so the window-level listener, which runs after Material's, cancels it and reports that
# Material had not.
#
# An intercepted click is a navigation to this URL: Material emits it on ``location$`` and,
# 125 ms after every location change, closes the search and the drawer. Left pending, that
# close would shut whatever the test opens next (the search box, typed into, then hidden). So
# when the click moved ``location$``, the probe opens the search toggle itself (no event, no
# focus) and settles only when Material's close has come and gone.
_INTERCEPTS_LINKS = """
() => {
  if (typeof window.location$ === "undefined") return false;  // Material not set up yet
  const link = document.createElement("a");
  link.href = location.href;
  let intercepted = false;
  let moved = false;
  const after = (event) => { intercepted = event.defaultPrevented; event.preventDefault(); };
  window.addEventListener("click", after, { once: true });
  const watching = window.location$.subscribe(() => { moved = true; });
  moved = false;  // location$ replays the current location to a new subscriber
  const search = document.querySelector("[data-md-toggle=search]");
  const wasOpen = search.checked;
  search.checked = true;
  document.body.append(link);
  link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
  link.remove();
  watching.unsubscribe();
  if (!intercepted || !moved) {
    search.checked = wasOpen;
    return intercepted;
  }
  return new Promise((closed) => {
    search.addEventListener("change", () => closed(true), { once: true });
  });
}
"""


def wait_for_instant_navigation(page: Any) -> None:
    """Wait until Material intercepts link clicks (instant navigation is ready).

    Returns with the search and the drawer closed, and no close of Material's still pending.
    """
    page.wait_for_function(_INTERCEPTS_LINKS)


# Counts Material's page swaps; the counter lives in the window, which instant navigation
# keeps and a reload replaces.
_COUNT_SWAPS = """
() => {
  window.__notesSwaps = 0;
  document$.subscribe(() => { window.__notesSwaps += 1; });
  return window.__notesSwaps;
}
"""


def follow_instantly(page: Any, link: Any, path: re.Pattern[str]) -> None:
    """Click ``link`` and wait until Material has swapped in the page at ``path``.

    Waits for the swap itself (``document$`` emitting for the new URL), not just for the URL:
    Material changes the URL first and replaces the content when the page has arrived, so a
    test acting on the URL alone would act on the old page. Fails if the click reloaded the
    page instead. Call :func:`wait_for_instant_navigation` first, before opening anything that
    a navigation closes (its probe is a navigation: it closes the search dialog).
    """
    before = page.evaluate(_COUNT_SWAPS)
    link.click()
    page.wait_for_function(
        """([before, source]) => window.__notesSwaps === undefined
             || (window.__notesSwaps > before && new RegExp(source).test(location.pathname))""",
        arg=[before, path.pattern],
    )
    assert page.evaluate("window.__notesSwaps") is not None, "the click reloaded the page"


# Decodes every image a reader can see (scrolled to, so lazy ones load); returns the ones
# that fail. decode() settles when the image is ready to paint or has failed: no timer.
_DECODE_VISIBLE_IMAGES = """
async () => {
  const broken = [];
  for (const img of document.querySelectorAll("img")) {
    if (!img.checkVisibility()) continue;  // e.g. the other palette's figure variant
    img.scrollIntoView();
    try {
      await img.decode();
    } catch {
      broken.push(img.getAttribute("src"));
    }
  }
  window.scrollTo(0, 0);
  return broken;
}
"""


def broken_images(page: Any) -> list[str]:
    """The visible images on the page that do not load, after loading every one of them."""
    return list(page.evaluate(_DECODE_VISIBLE_IMAGES))
