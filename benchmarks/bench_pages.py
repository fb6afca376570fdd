"""Page weight and Lighthouse scores of the lecture pages, against default Material.

What it does, in one run:

1. Builds the site as configured (``mkdocs.yml``) and, from a copy of the same docs, a
   *default* variant: the same content, plugins, hooks and page scripts, but the theme as
   ``theme: {name: material}`` (Google Fonts, default palette and features, no overrides,
   no ``extra.css``) and math typeset in the browser by MathJax from its CDN, as Material's
   documentation sets it up.
2. Serves both on 127.0.0.1 under site_url's path with gzip, like GitHub Pages, and loads
   each lecture page in a fresh Chromium context, scrolling to the end so every lazy figure
   loads. It sums the bytes transferred (headers and encoded bodies) by kind. Requests to
   other hosts are blocked and listed: the default variant's fonts and MathJax fail offline,
   so its total counts only what is served locally.
3. Checks the theme-variant figures: only the variant for the shown scheme is fetched.
4. Runs Lighthouse (``benchmarks/lighthouse``, installed by ``make bench``) with its mobile
   profile on every lecture page of both variants, ``BENCH_LIGHTHOUSE_RUNS`` rounds (5),
   interleaved, and reports medians side by side: scores, metrics, DOM size, and style &
   layout time, also as CPU time from each run's trace.

Targets: every lecture page within 10 % of the default variant's transfer; Lighthouse
performance median >= 95 and >= default Material's on the same page, accessibility, best
practices and SEO 100.
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

from site_tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".bench" / "pages"
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
WEIGHT_BUDGET = 1.10  # at most 10 % over default Material
SCORE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
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


def _load_config() -> dict[str, Any]:
    """``mkdocs.yml`` as MkDocs reads it (``!ENV`` tags resolved)."""
    from mkdocs.utils.yaml import yaml_load

    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def default_config(work: Path) -> Path:
    """Write the default-Material variant's config (and its docs copy) under ``work``."""
    config = _load_config()
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


def site_path() -> str:
    """The path part of ``site_url`` (``/mit-intro-to-dl-notes/``), where Pages serves the site."""
    path = urlsplit(_load_config().get("site_url") or "/").path
    return path if path.endswith("/") else path + "/"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under ``prefix`` with gzip and a short cache lifetime, as GitHub Pages
    serves them; 404 outside ``prefix``."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, "__outside_site_path__")
        return super().translate_path("/" + path[len(self.prefix) :])

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
    """Serve ``site`` on an ephemeral 127.0.0.1 port under site_url's path; yields its URL."""
    prefix = site_path()
    handler = functools.partial(
        type("Handler", (_PagesHandler,), {"prefix": prefix}), directory=str(site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
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

# What each Lighthouse run records besides the category scores. Style & layout and the DOM
# size come from the run's own trace; they move far less with the machine's load than the
# scores, so they tell whether a change helped when the scores are noisy.
METRICS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "si_ms": "speed-index",
    "cls": "cumulative-layout-shift",
    "dom_nodes": "dom-size",
}


def lighthouse_installed() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not LIGHTHOUSE.exists() or shutil.which("node") is None or not Path(CHROMIUM).exists():
        return "lighthouse not installed (make bench runs npm ci in benchmarks/lighthouse)"
    return None


def lighthouse_once(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile profile): category scores (0-100) and metrics.

    ``style_layout_ms`` is the main thread's style and layout time as traced, unthrottled:
    Lighthouse multiplies trace times by its simulated CPU slowdown, so it is divided out.
    """
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--save-assets",  # the trace, read below for the main thread's CPU time
    ]
    report.unlink(missing_ok=True)
    result = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-500:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    out: dict[str, Any] = {k: round(100 * (c["score"] or 0)) for k, c in data["categories"].items()}
    for key, audit in METRICS.items():
        value = audits[audit].get("numericValue")
        out[key] = None if value is None else round(value, 3 if key == "cls" else None)
    settings = data["configSettings"]
    slowdown = (
        settings["throttling"]["cpuSlowdownMultiplier"]
        if settings["throttlingMethod"] == "simulate"
        else 1
    )
    groups = {
        item["group"]: item["duration"]
        for item in audits["mainthread-work-breakdown"]["details"]["items"]
    }
    out["style_layout_ms"] = round(groups.get("styleLayout", 0) / slowdown)
    out["main_thread_ms"] = round(sum(groups.values()) / slowdown)
    trace = report.with_name(report.stem + "-0.trace.json")
    if trace.exists():
        out["style_layout_cpu_ms"] = style_layout_cpu_ms(trace)
    for asset in report.parent.glob(report.stem + "-0.*"):
        asset.unlink()
    scored = {
        ref["id"]
        for category in data["categories"].values()
        for ref in category["auditRefs"]
        if ref.get("weight", 0) > 0
    }
    out["failing_audits"] = sorted(
        audit["id"]
        for audit in audits.values()
        if audit["id"] in scored
        and audit.get("scoreDisplayMode") == "binary"
        and audit.get("score") is not None
        and audit["score"] < 1
    )
    return out


# Trace events that are style and layout work (Lighthouse's "Style & Layout" group).
STYLE_LAYOUT_EVENTS = {"UpdateLayoutTree", "RecalculateStyles", "Layout", "ParseAuthorStyleSheet"}


def style_layout_cpu_ms(trace: Path) -> float:
    """CPU time the page's main thread spent on style and layout, from a Lighthouse trace.

    Thread time (``tdur``), not wall time: on a shared machine the renderer is often
    descheduled in the middle of a restyle, which inflates wall time but not CPU time.
    The page's main thread is the renderer main thread that did the most restyles.
    """
    events = json.loads(trace.read_text(encoding="utf-8"))
    events = events["traceEvents"] if isinstance(events, dict) else events
    mains = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    per_thread: dict[tuple[int, int], list[float]] = {}
    for e in events:
        if e.get("ph") == "X" and e.get("name") in STYLE_LAYOUT_EVENTS:
            key = (e["pid"], e["tid"])
            if key in mains:
                per_thread.setdefault(key, []).append(e.get("tdur", e.get("dur", 0)))
    if not per_thread:
        return 0.0
    busiest = max(per_thread.values(), key=len)
    return round(sum(busiest) / 1000, 1)


def _median(values: list[Any]) -> Any:
    values = [v for v in values if v is not None]
    if not values:
        return None
    m = statistics.median(values)
    return round(m, 3) if isinstance(m, float) and m < 10 else round(m)


def lighthouse_interleaved(
    variants: dict[str, str], pages: list[str], runs: int
) -> dict[str, dict[str, Any]]:
    """Lighthouse on every page of every variant, ``runs`` times, interleaved.

    Each round visits every page once per variant, alternating which variant goes first, so
    a burst of load on the shared machine hits both variants alike. Returns, per page and
    variant, every run and the median of each number; the last report of each is kept.
    """
    runs_by: dict[str, dict[str, list[dict[str, Any]]]] = {
        page: {name: [] for name in variants} for page in pages
    }
    names = list(variants)
    for round_ in range(runs):
        order = names if round_ % 2 == 0 else names[::-1]
        for page in pages:
            slug = page.strip("/").replace("/", "-") or "home"
            for name in order:
                one = lighthouse_once(variants[name] + page, OUT / f"lighthouse-{name}-{slug}.json")
                runs_by[page][name].append(one)
                print(
                    f"  run {round_ + 1}/{runs} {name:8} {page:36} perf {one['performance']:3}"
                    f"  style/layout {one['style_layout_ms']:5} ms"
                    f" (CPU {one.get('style_layout_cpu_ms', 0):6.1f} ms)  DOM {one['dom_nodes']}",
                    flush=True,
                )
    summary: dict[str, dict[str, Any]] = {}
    for page, by_variant in runs_by.items():
        summary[page] = {}
        for name, every in by_variant.items():
            keys = [k for k in every[0] if k != "failing_audits"]
            summary[page][name] = {
                "median": {k: _median([run[k] for run in every]) for k in keys},
                "failing_audits": sorted({a for run in every for a in run["failing_audits"]}),
                "runs": every,
            }
    return summary


# ---------------------------------------------------------------- the benchmark


def _lecture_pages(site: Path) -> list[str]:
    pages = sorted(p.parent for p in (site / "lecture-1").rglob("index.html"))
    selected = [p for p in os.environ.get("BENCH_PAGES", "").split(",") if p]
    paths = ["/".join(p.relative_to(site).parts) + "/" for p in pages]
    return [p for p in paths if not selected or any(s in p for s in selected)]


def _kib(n: int) -> str:
    return f"{n / 1024:7.1f} KiB"


def measure_weights(ours_url: str, default_url: str, pages: list[str]) -> tuple[dict, list[str]]:
    """Bytes each lecture page transfers in Chromium, ours against default Material."""
    from playwright.sync_api import sync_playwright

    missed: list[str] = []
    weights: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
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
    return weights, missed


def score_pages(ours_url: str, default_url: str, pages: list[str], runs: int) -> tuple[dict, list]:
    """Interleaved Lighthouse runs of both variants; the table and the missed targets.

    Each cell is ours/default (medians). Style & layout: wall time as Lighthouse reports it,
    unthrottled, then the main thread's CPU time for it, which the machine's load moves less.
    """
    summary = lighthouse_interleaved({"ours": ours_url, "default": default_url}, pages, runs)
    missed: list[str] = []
    print(
        f"\nlighthouse medians over {runs} runs, mobile profile; cells are ours/default"
        f"\n{'page':34} {'perf':>7} {'diff':>4} {'style+layout ms':>11}"
        f" {'CPU ms':>11} {'DOM nodes':>9} {'TBT ms':>9} {'FCP ms':>11}  a11y bp seo"
    )
    for page, by_variant in summary.items():
        ours, default = by_variant["ours"]["median"], by_variant["default"]["median"]
        by_variant["perf_diff"] = ours["performance"] - default["performance"]
        cpu_ours, cpu_default = (v.get("style_layout_cpu_ms") or 0 for v in (ours, default))
        by_variant["style_layout_cpu_ratio"] = round(cpu_ours / max(cpu_default, 1), 2)
        print(
            f"{page:34} {ours['performance']:3}/{default['performance']:3}"
            f" {by_variant['perf_diff']:+4}"
            f" {ours['style_layout_ms']:5}/{default['style_layout_ms']:5}"
            f" {cpu_ours:5.0f}/{cpu_default:5.0f}"
            f" {ours['dom_nodes']:4}/{default['dom_nodes']:4}"
            f" {ours['tbt_ms']:4}/{default['tbt_ms']:4}"
            f" {ours['fcp_ms']:5}/{default['fcp_ms']:5}"
            f"  {ours['accessibility']:4} {ours['best-practices']:3} {ours['seo']:3}"
        )
        missed += [
            f"{page}: lighthouse {k} median {ours[k]} < {target}"
            for k, target in SCORE_TARGETS.items()
            if ours[k] < target
        ]
        if ours["performance"] < default["performance"]:
            missed.append(
                f"{page}: lighthouse performance median {ours['performance']}"
                f" < default Material's {default['performance']}"
            )
        if by_variant["ours"]["failing_audits"]:
            missed.append(f"{page}: failing audits {by_variant['ours']['failing_audits']}")
    return summary, missed


def run() -> dict[str, Any]:
    """Measure both variants; return the results with a ``missed_targets`` list."""
    OUT.mkdir(parents=True, exist_ok=True)
    missed: list[str] = []
    runs = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "5"))
    results: dict[str, Any] = {
        "targets": {"weight_budget": WEIGHT_BUDGET, **SCORE_TARGETS, "lighthouse_runs": runs}
    }
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        work = Path(tmp)
        ours, default = work / "ours", work / "default"
        started = time.perf_counter()
        _mkdocs_build(ROOT / "mkdocs.yml", ours)
        _mkdocs_build(default_config(work / "default-src"), default)
        results["build_seconds_both"] = round(time.perf_counter() - started, 1)
        pages = _lecture_pages(ours)

        with serve(ours) as ours_url, serve(default) as default_url:
            results["pages"], weight_missed = measure_weights(ours_url, default_url, pages)
            missed += weight_missed
            blocked = sorted(
                {u for w in results["pages"].values() for u in w["default"]["blocked_third_party"]}
            )
            results["default_blocked_third_party"] = blocked
            print(f"default Material asked other hosts for (blocked, not counted): {blocked}")

            why_not = lighthouse_installed()
            if why_not:
                print(f"lighthouse: {why_not}")
                results["lighthouse"] = why_not
                missed.append(why_not)
            else:
                results["lighthouse"], score_missed = score_pages(
                    ours_url, default_url, pages, runs
                )
                missed += score_missed
    results["missed_targets"] = missed
    return results


def main(argv: list[str]) -> int:
    """Lighthouse only, on sites built already: ``python -m benchmarks.bench_pages OURS DEFAULT``.

    For iterating on one change without rebuilding both variants; ``BENCH_PAGES`` (comma-
    separated parts of page paths) and ``BENCH_LIGHTHOUSE_RUNS`` select what runs.
    """
    if len(argv) != 2:
        print(main.__doc__)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    why_not = lighthouse_installed()
    if why_not:
        print(why_not)
        return 1
    ours_site, default_site = Path(argv[0]), Path(argv[1])
    runs = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "5"))
    with serve(ours_site) as ours_url, serve(default_site) as default_url:
        summary, missed = score_pages(ours_url, default_url, _lecture_pages(ours_site), runs)
    (OUT / "lighthouse-only.json").write_text(json.dumps(summary, indent=2) + "\n")
    for miss in missed:
        print(f"MISSED TARGET {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
