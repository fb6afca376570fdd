"""Page weight and Lighthouse scores of the lecture pages, against default Material.

What it does, in one run:

1. Builds the site as configured (``mkdocs.yml``) and, from a copy of the same docs, a
   *default* variant: the same content, plugins, hooks and page scripts, but the theme as
   ``theme: {name: material}`` (Google Fonts, default palette and features, no overrides,
   no ``extra.css``) and math typeset in the browser by MathJax from its CDN, as Material's
   documentation sets it up.
2. Serves both on 127.0.0.1 with gzip, like GitHub Pages, and loads each lecture page in a
   fresh Chromium context, scrolling to the end so every lazy figure loads. It sums the
   bytes transferred (headers and encoded bodies) by kind. Requests to other hosts are
   blocked and listed: the default variant's fonts and MathJax fail offline, so its total
   counts only what is served locally.
3. Checks the theme-variant figures: only the variant for the shown scheme is fetched.
4. Runs Lighthouse (``benchmarks/lighthouse``, installed by ``make bench``) on the lecture
   pages with its default mobile profile, if Node and Chromium are available.

Targets: every lecture page within 10 % of the default variant's transfer; Lighthouse
performance >= 95, accessibility 100, best practices 100, SEO >= 95.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".bench" / "pages"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
WEIGHT_BUDGET = 1.10  # at most 10 % over default Material
SCORE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".inv")

# Material's documented MathJax set-up (docs: reference/math), used by the default variant.
MATHJAX_CONFIG = """window.MathJax = {
  tex: {inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]],
        processEscapes: true, processEnvironments: true},
  options: {ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex"}
};
document$.subscribe(() => { MathJax.startup.output.clearCache(); MathJax.typesetClear();
  MathJax.texReset(); MathJax.typesetPromise() })
"""
MATHJAX_CDN = "https://unpkg.com/mathjax@3/es5/tex-mml-chtml.js"

# The default variant keeps the notes' build steps but lets MathJax typeset in the browser.
DEFAULT_HOOKS = f"""import sys
sys.path.insert(0, {str(ROOT)!r})
from site_tools import mathml
from site_tools.hooks import *  # noqa: F403  the notes' own build steps
mathml.typeset = lambda html: html  # MathJax typesets the TeX in the browser instead
"""


# ---------------------------------------------------------------- building


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1704067200"),
    }


def _mkdocs_build(config: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", str(site)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"build with {config} failed:\n{result.stderr[-4000:]}")


def default_config(work: Path) -> Path:
    """Write the default-Material variant's config (and its docs copy) under ``work``."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "javascripts").mkdir(exist_ok=True)
    (docs / "javascripts" / "mathjax.js").write_text(MATHJAX_CONFIG, encoding="utf-8")
    hooks = work / "default_hooks.py"
    hooks.write_text(DEFAULT_HOOKS, encoding="utf-8")

    config["theme"] = {"name": "material"}
    config["docs_dir"] = str(docs)
    config["hooks"] = [str(hooks)]
    config["strict"] = False
    config.pop("watch", None)
    config["extra_css"] = [c for c in config.get("extra_css", []) if not c.endswith("extra.css")]
    config["extra_javascript"] = [
        *config.get("extra_javascript", []),
        "javascripts/mathjax.js",
        MATHJAX_CDN,
    ]
    # Relative paths in plugin options (gen-files scripts, mkdocstrings paths) resolve
    # against the config file's folder: point them at the repository.
    config["plugins"] = [_absolute_paths(plugin) for plugin in config.get("plugins", [])]
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _absolute_paths(value: Any) -> Any:
    """``value`` with every string naming a file or folder of the repository made absolute."""
    if isinstance(value, dict):
        return {k: _absolute_paths(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_absolute_paths(v) for v in value]
    if isinstance(value, str) and value and (ROOT / value).exists() and value != "search":
        return str(ROOT / value)
    return value


# ---------------------------------------------------------------- serving


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and a short cache lifetime, as GitHub Pages serves them."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the base class redirects to the slash URL
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on an ephemeral 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(_PagesHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# ---------------------------------------------------------------- measuring


def _kind(url: str, content_type: str) -> str:
    path = urlsplit(url).path
    if "font" in content_type or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "fonts"
    if path.endswith(".svg") or content_type.startswith("image/"):
        return "images"
    if path.endswith(".css") or "css" in content_type:
        return "css"
    if path.endswith((".js", ".mjs")) or "javascript" in content_type:
        return "js"
    if "html" in content_type or path.endswith("/"):
        return "html"
    return "other"


def measure_page(browser: Any, url: str) -> dict[str, Any]:
    """Load ``url`` cold, scroll to the end, and sum the bytes transferred by kind."""
    local = urlsplit(url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    blocked: list[str] = []

    def _route(route: Any) -> None:
        if urlsplit(route.request.url).netloc in {local, ""}:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", _route)
    finished: list[Any] = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    initial = len(finished)
    # Scroll through the page so that lazily loaded figures are fetched too.
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 800, 600):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)

    by_kind: dict[str, int] = {}
    total = initial_bytes = 0
    for index, request in enumerate(finished):
        response = request.response()
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        content_type = response.headers.get("content-type", "") if response else ""
        kind = _kind(request.url, content_type)
        by_kind[kind] = by_kind.get(kind, 0) + size
        total += size
        initial_bytes += size if index < initial else 0

    figures = figure_variants(page, [r.url for r in finished])
    context.close()
    return {
        "url": url,
        "requests": len(finished),
        "bytes_total": total,
        "bytes_initial_load": initial_bytes,
        "bytes_by_kind": dict(sorted(by_kind.items())),
        "blocked_third_party": sorted(set(blocked)),
        "figures": figures,
    }


def figure_variants(page: Any, fetched: list[str]) -> dict[str, Any]:
    """How many figure images the page has, shows, and fetched (theme variants)."""
    images = page.evaluate(
        """() => [...document.querySelectorAll('article img')]
             .map(i => ({src: (i.currentSrc || i.src).split('#')[0],
                         shown: i.offsetParent !== null}))"""
    )
    srcs = {i["src"] for i in images}
    shown = {i["src"] for i in images if i["shown"]}
    fetched_figures = {u.split("#")[0] for u in fetched} & srcs
    return {
        "in_page": len(srcs),
        "shown": len(shown),
        "fetched": len(fetched_figures),
        "hidden_variants_fetched": sorted(fetched_figures - shown),
    }


# ---------------------------------------------------------------- lighthouse


def lighthouse(url: str, report: Path, runs: int = 1) -> dict[str, Any] | str:
    """Median Lighthouse category scores (0-100) over ``runs`` runs, or why it could not run.

    Performance scores move by several points with the machine's load; ``runs`` > 1
    (``BENCH_LIGHTHOUSE_RUNS``) takes the median per category. The last report is kept.
    """
    if not LIGHTHOUSE.exists() or shutil.which("node") is None or not CHROMIUM.exists():
        return "lighthouse not installed (make bench runs npm ci in benchmarks/lighthouse)"
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    every: list[dict[str, int]] = []
    failing: set[str] = set()
    for _ in range(runs):
        report.unlink(missing_ok=True)
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        if result.returncode != 0 or not report.exists():
            return f"lighthouse failed: {result.stderr[-500:]}"
        data = json.loads(report.read_text(encoding="utf-8"))
        every.append({k: round(100 * (c["score"] or 0)) for k, c in data["categories"].items()})
        scored = {
            ref["id"]
            for category in data["categories"].values()
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0
        }
        failing |= {
            audit["id"]
            for audit in data["audits"].values()
            if audit["id"] in scored
            and audit.get("scoreDisplayMode") == "binary"
            and audit.get("score") is not None
            and audit["score"] < 1
        }
    scores = {k: int(statistics.median(run[k] for run in every)) for k in every[0]}
    return {**scores, "runs": every, "failing_audits": sorted(failing)}


# ---------------------------------------------------------------- the benchmark


def _lecture_pages(site: Path) -> list[str]:
    pages = sorted(p.parent for p in (site / "lecture-1").rglob("index.html"))
    return ["/".join(p.relative_to(site).parts) + "/" for p in pages]


def _kib(n: int) -> str:
    return f"{n / 1024:7.1f} KiB"


def run() -> dict[str, Any]:
    """Measure both variants; return the results with a ``missed_targets`` list."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    missed: list[str] = []
    results: dict[str, Any] = {"targets": {"weight_budget": WEIGHT_BUDGET, **SCORE_TARGETS}}
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        work = Path(tmp)
        ours, default = work / "ours", work / "default"
        started = time.perf_counter()
        _mkdocs_build(ROOT / "mkdocs.yml", ours)
        _mkdocs_build(default_config(work / "default-src"), default)
        results["build_seconds_both"] = round(time.perf_counter() - started, 1)
        pages = _lecture_pages(ours)

        with serve(ours) as ours_url, serve(default) as default_url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            weights = {}
            print(f"{'page':40} {'ours':>12} {'default':>12}  ratio  figures shown/fetched")
            for path in pages:
                mine = measure_page(browser, ours_url + path)
                theirs = measure_page(browser, default_url + path)
                ratio = mine["bytes_total"] / max(theirs["bytes_total"], 1)
                weights[path] = {"ours": mine, "default": theirs, "ratio": round(ratio, 3)}
                fig = mine["figures"]
                print(
                    f"{path:40} {_kib(mine['bytes_total'])} {_kib(theirs['bytes_total'])}"
                    f"  {ratio:5.2f}  {fig['shown']}/{fig['fetched']}"
                )
                if ratio > WEIGHT_BUDGET:
                    missed.append(f"{path}: transfer {ratio:.2f}x default Material (budget 1.10)")
                if mine["blocked_third_party"]:
                    missed.append(f"{path}: third-party requests {mine['blocked_third_party']}")
                if fig["hidden_variants_fetched"]:
                    missed.append(f"{path}: hidden figure variants fetched")
            browser.close()
            results["pages"] = weights
            blocked = sorted(
                {u for w in weights.values() for u in w["default"]["blocked_third_party"]}
            )
            results["default_blocked_third_party"] = blocked
            print(f"default Material asked other hosts for (blocked, not counted): {blocked}")

            scores: dict[str, Any] = {}
            runs = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "1"))
            for path in pages:
                slug = path.strip("/").replace("/", "-") or "home"
                scores[path] = result = lighthouse(
                    ours_url + path, OUT / f"lighthouse-{slug}.json", runs
                )
                if isinstance(result, str):
                    print(f"lighthouse: {result}")
                    break
                print(
                    f"lighthouse {path:32} " + "  ".join(f"{k} {result[k]}" for k in SCORE_TARGETS)
                )
                missed += [
                    f"{path}: lighthouse {k} {result[k]} < {target}"
                    for k, target in SCORE_TARGETS.items()
                    if result[k] < target
                ]
            if pages and not isinstance(scores.get(pages[0]), str):
                result = lighthouse(default_url + pages[0], OUT / "lighthouse-default.json", runs)
                scores[f"default:{pages[0]}"] = result
                if not isinstance(result, str):
                    print(
                        f"lighthouse default {pages[0]:24} "
                        + "  ".join(f"{k} {result[k]}" for k in SCORE_TARGETS)
                    )
            results["lighthouse"] = scores
    results["missed_targets"] = missed
    return results
