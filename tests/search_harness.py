"""Ask the site's real search box a question, as a reader types it, and read the answer.

Shared by ``tests/test_search_browser.py`` and ``benchmarks/bench_search.py``; nothing here
knows about pytest. Works with any engine that speaks Material's search-worker protocol
(Material's own lunr worker or the notes' MiniSearch worker), because it reads only what
the page shows and the messages between the page and its worker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

QUESTIONS = Path(__file__).resolve().parent / "data" / "search_questions.yaml"
CONCEPTUAL_FORMS = {
    "keyword",
    "question",
    "synonym",
    "abbreviation",
    "inflection",
    "misspelling",
}
FORMS = CONCEPTUAL_FORMS | {"symbol"}

# Installed before any page script runs: counts the queries the page sends to its search
# worker (Material's protocol: 0 setup, 1 ready, 2 query, 3 result) and the answers it gets
# back, and notes when the last key came up (Material's box searches on keyup: how long a
# typist holds a key is not the engine's time), when the last query went to the worker and
# its answer came back, and when the frame that shows that answer was done. A test waits on
# these instead of on the clock: the list is final once the worker has answered the query
# that equals the box's value, the page has drawn it, and the list is no longer aria-busy
# (the notes draw results below the first screen after the frame that shows the first ones).
PROBE = """
(() => {
  const probe = window.__searchProbe = {
    ready: false, sent: [], received: 0, results: [],
    lastKeyup: 0, postedAt: 0, answeredAt: 0, shown: 0, shownAt: 0,
  };
  document.addEventListener("keyup", (ev) => { probe.lastKeyup = ev.timeStamp; }, true);
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", (ev) => {
        const message = ev.data || {};
        if (message.type === 1) probe.ready = true;
        if (message.type === 3) {
          const answer = (probe.received += 1);
          probe.answeredAt = performance.now();
          probe.results.push(message.data);
          // Material renders the answer synchronously in its own listener, after this
          // one; the next animation frame lays it out and paints it, and a message posted
          // from that frame's callback runs once the frame is done.
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              probe.shown = answer;
              probe.shownAt = performance.now();
            };
            channel.port2.postMessage(null);
          });
        }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) {
        window.__searchProbe.sent.push(message.data);
        window.__searchProbe.postedAt = performance.now();
      }
      return super.postMessage(message, ...rest);
    }
  };
})();
"""

_SETTLED = """
() => {
  const probe = window.__searchProbe;
  const box = document.querySelector("input.md-search__input");
  return probe.sent.length > 0 && probe.shown === probe.sent.length
    && probe.sent[probe.sent.length - 1] === box.value
    && !document.querySelector(".md-search-result__list[aria-busy=true]");
}
"""

# Every result link the page shows (including those folded under "more"), in page order,
# with the score the engine gave it: the ranking is by score, ties in page order, and the
# best one is what Enter opens.
_RESULTS = """
() => [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")]
  .map((a) => {
    const article = a.querySelector("article");
    return {
      href: a.getAttribute("href"),
      score: parseFloat(article.getAttribute("data-md-score")),
      text: article.innerText,
      html: article.innerHTML,
    };
  })
"""


@dataclass(frozen=True)
class Question:
    query: str
    expect: tuple[str, ...]
    form: str

    @property
    def conceptual(self) -> bool:
        return self.form in CONCEPTUAL_FORMS


@dataclass(frozen=True)
class Hit:
    location: str  # "page/#id" relative to the site root, without the ?h= highlight query
    href: str  # as the page links it (with the highlight query)
    score: float
    text: str
    html: str


@dataclass(frozen=True)
class Answer:
    question: Question
    hits: list[Hit]  # best first
    meta: str  # the result list's heading, e.g. "3 matching documents"
    latency_ms: float  # last key up to the end of the frame that shows the final answer
    engine_ms: float  # the last query's trip to the worker and back

    def rank(self) -> int | None:
        """1-based rank of the first hit that answers the question (None: not shown)."""
        for i, hit in enumerate(self.hits, 1):
            if hit.location in self.question.expect:
                return i
        return None


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    """The question set; malformed entries raise ValueError naming the entry."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = []
    for i, entry in enumerate(entries):
        if set(entry) != {"query", "expect", "form"}:
            raise ValueError(f"{path.name} entry {i}: keys must be query, expect, form")
        if entry["form"] not in FORMS:
            raise ValueError(f"{path.name} entry {i}: unknown form {entry['form']!r}")
        if not entry["expect"] or not all(isinstance(e, str) for e in entry["expect"]):
            raise ValueError(f"{path.name} entry {i}: expect must be a list of locations")
        questions.append(Question(str(entry["query"]), tuple(entry["expect"]), entry["form"]))
    return questions


def site_relative(href: str, base: str) -> str:
    """A result link as "page/#id" relative to the site root (drops ?h=, keeps the id)."""
    parts = urlsplit(href)
    base_path = urlsplit(base).path
    path = parts.path
    if path.startswith(base_path):
        path = path[len(base_path) :]
    while path.startswith("../"):  # links relative to a page one level down
        path = path[3:]
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def with_materials_list(page: Any) -> None:
    """Keep ``search/results.js`` from ``page``: Material draws the result list itself."""
    page.route(
        re.compile(r".*/assets/javascripts/search/results\.js$"),
        lambda route: route.fulfill(body="", content_type="text/javascript"),
    )


def open_search(page: Any, url: str, timeout_ms: float = 30_000) -> None:
    """Load ``url`` with the probe installed and wait until the search worker is ready."""
    page.add_init_script(PROBE)
    page.goto(url)
    page.wait_for_function("() => window.__searchProbe.ready", timeout=timeout_ms)


def ask(
    page: Any,
    base: str,
    question: Question,
    timeout_ms: float = 30_000,
    delay_ms: float = 0,
    paste: bool = False,
) -> Answer:
    """Type the question into the search box (clearing it first) and read the answer.

    ``delay_ms``: how long each key is held before the next (Playwright waits between key
    down and key up); 0 types as fast as the page takes keys. A person types a key every
    100-200 ms, and the search box answers each one on its key up. ``paste``: all but the
    last character arrive at once, as pasted text does, then the last key is typed.
    """
    box = page.locator("input.md-search__input")
    box.click()
    if box.input_value():
        box.press("Control+a")
        box.press("Backspace")
    typed = question.query
    if paste:
        page.keyboard.insert_text(typed[:-1])
        typed = typed[-1:]
    box.press_sequentially(typed, delay=delay_ms, timeout=timeout_ms)
    page.wait_for_function(_SETTLED, timeout=timeout_ms)
    probe = page.evaluate("() => ({...window.__searchProbe, sent: null, results: null})")
    raw = page.evaluate(_RESULTS)
    page_url = page.url
    hits = [
        Hit(
            site_relative(_absolute(r["href"], page_url), base),
            r["href"],
            r["score"],
            r["text"],
            r["html"],
        )
        for r in raw
    ]
    ranked = sorted(enumerate(hits), key=lambda ih: (-ih[1].score, ih[0]))
    # Material pads each page's group with the page itself at score 0 when only its
    # sections matched: a heading, not an answer.
    best = [h for _, h in ranked if h.score > 0]
    meta = page.locator(".md-search-result__meta").inner_text()
    return Answer(
        question,
        best,
        meta,
        probe["shownAt"] - probe["lastKeyup"],
        probe["answeredAt"] - probe["postedAt"],
    )


def _absolute(href: str, page_url: str) -> str:
    from urllib.parse import urljoin

    return urljoin(page_url, href)
