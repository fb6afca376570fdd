"""Build and live-reload speed, as ratios against the baseline commit measured in the same run.

Everything runs on throw-away copies (edits touch no one's working tree), each with its own
figure cache:

- **warm build**: ``mkdocs build --strict`` of this tree and of :data:`BASELINE` (checked out
  with ``git archive``), alternated, every figure already cached; target: this tree at most
  :data:`MAX_WARM_RATIO` times the baseline;
- **reload**: ``mkdocs serve`` with the page open in Chromium (Playwright, Debian's
  ``/usr/bin/chromium``): seconds from saving an edit until the reloaded page that shows it
  is painted (its first contentful paint), for
  a notes page (target :data:`MAX_NOTE_RELOAD_S`), a ``notes_lib`` docstring on its API page
  (:data:`MAX_API_RELOAD_S`) and a figure function (the page reloads with the new figure;
  the cache's files tell how many figures were rendered again: target one figure, both
  themes);
- **10x**: a synthetic course of :data:`SCALE_LECTURES` copies of Lecture 1 (every page
  and its headings given a unique prefix, so anchors and search entries stay unique),
  outside git: warm build and notes-page reload (target :data:`MAX_SCALED_RELOAD_S`).

Measured from outside the build: wall time of the processes, the browser's view of the
page, and the figure cache's files.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from site_tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "fa2e5c2"
"""The commit the build-speed work started from (issue 14)."""

IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", "site-zensical", ".cache", ".bench", ".screenshots",
    "node_modules", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".hypothesis",
)  # fmt: skip
NOTE, NOTE_URL = "docs/lecture-1/summary.md", "lecture-1/summary/"
DOCSTRING, API_URL = "notes_lib/training.py", "api/training/"
FIGURE_MODULE, FIGURE_FUNCTION = "figures/training.py", "trained_neuron"
FIGURE_URL = "lecture-1/training/"
SCALE_LECTURES = 9
"""Copies of Lecture 1 added for the 10x course (Lecture 1 has ten pages)."""

MAX_WARM_RATIO = 0.5
MAX_NOTE_RELOAD_S = 2.0
MAX_API_RELOAD_S = 3.0
MAX_SCALED_RELOAD_S = 3.0


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("NOTES_FIGURES", None)
    env.setdefault("SOURCE_DATE_EPOCH", "1704067200")
    env.update(extra)
    return env


def _build(project: Path, site: Path, cache: Path) -> float:
    """One strict build; its wall time in seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=_env(NOTES_FIGURE_CACHE=str(cache)), capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"build of {project} failed:\n{done.stderr[-3000:]}")
    return seconds


def _checkout(commit: str, into: Path) -> None:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
        capture_output=True, check=True,
    )  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cache_state(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in cache.glob("*.svg")}


# ----------------------------------------------------------------------------- synthetic course
def make_course(project: Path, lectures: int = SCALE_LECTURES) -> int:
    """Add ``lectures`` copies of Lecture 1 to ``project`` (docs and nav); the notes pages.

    Each copy lives in ``docs/lecture-N/`` beside the original, so its relative links still
    resolve. Its explicit anchors (``{ #notes-sigmoid }``, the targets of cross-references
    from the API pages) and the links to them get the prefix ``lN-``, so every anchor on the
    site stays unique and cross-references stay unambiguous.
    """
    import yaml
    from mkdocs.utils.yaml import yaml_load

    source = project / "docs" / "lecture-1"
    config_path = project / "mkdocs.yml"
    config = yaml_load(config_path.read_text(encoding="utf-8"))
    (lecture_nav,) = [e for e in config["nav"] if isinstance(e, dict) and "Lecture 1" in e]
    texts = {page.name: page.read_text(encoding="utf-8") for page in sorted(source.glob("*.md"))}
    anchors = {a for text in texts.values() for a in re.findall(r"\{[^}]*#([\w-]+)[^}]*\}", text)}
    anchor = re.compile(r"#(" + "|".join(map(re.escape, sorted(anchors, key=len)[::-1])) + r")\b")
    for n in range(2, lectures + 2):
        target = project / "docs" / f"lecture-{n}"
        target.mkdir()
        for name, text in texts.items():
            (target / name).write_text(anchor.sub(rf"#l{n}-\1", text), encoding="utf-8")
        nav = json.dumps(lecture_nav["Lecture 1"]).replace("lecture-1/", f"lecture-{n}/")
        config["nav"].append({f"Lecture 1 (copy {n})": json.loads(nav)})
    config_path.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(texts) * (lectures + 1)


# ----------------------------------------------------------------------------- serving
@contextlib.contextmanager
def _served(project: Path, cache: Path) -> Iterator[str]:
    """``mkdocs serve`` on ``project``; yields the served site's root URL."""
    port = _free_port()
    log = project.parent / f"serve-{project.name}.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=_env(NOTES_FIGURE_CACHE=str(cache)),
            stdout=subprocess.DEVNULL, stderr=log_file,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 900
        while not (served := re.search(r"Serving on (http://\S+)", log.read_text())):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not come up:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield served[1].rstrip("/") + "/"
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def _browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


_PAINTED = """() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return paint ? performance.timeOrigin + paint.startTime : null;
}"""


def _reload_after(page: Any, url: str, edit: Callable[[], str]) -> float:
    """Seconds from ``edit()`` (which saves a file and returns a text it added) until the
    page, reloaded by mkdocs serve's live-reload script with that text, is painted.

    The end is the reloaded document's own first contentful paint, on the wall clock
    (``performance.timeOrigin``, the same clock as :func:`time.time` on this machine), not
    the moment a Playwright poll notices the text: its polls drift to half a second apart.
    """
    if page.url != url:
        page.goto(url)
    page.wait_for_load_state("load")
    saved = time.time()
    token = edit()
    # A locator's wait spans the reload's navigation; the text appears once reloaded.
    page.get_by_text(token, exact=False).first.wait_for(state="attached", timeout=300_000)
    painted = page.wait_for_function(_PAINTED, polling="raf").json_value()
    return painted / 1000 - saved


def _append_to(path: Path) -> Callable[[], str]:
    original = path.read_text(encoding="utf-8")

    def edit() -> str:
        token = f"Benchmark edit {time.time_ns()}."
        path.write_text(f"{original}\n\n{token}\n", encoding="utf-8")
        return token

    return edit


def _docstring_edit(path: Path) -> Callable[[], str]:
    original = path.read_text(encoding="utf-8")
    opening = re.search(r'^r?"""', original, re.M)
    assert opening, f"{path} has no module docstring"

    def edit() -> str:
        token = f"Benchmark{time.time_ns()}"
        at = opening.end()
        path.write_text(original[:at] + token + " " + original[at:], encoding="utf-8")
        return token

    return edit


def _figure_reload(page: Any, url: str, project: Path, cache: Path) -> dict[str, float]:
    """Change the code of one figure function; time the reload, count figures re-rendered."""
    path = project / FIGURE_MODULE
    original = path.read_text(encoding="utf-8")
    body = ast_body_start(original, FIGURE_FUNCTION)
    if page.url != url:
        page.goto(url)
    page.wait_for_load_state("load")
    before = _cache_state(cache)
    with page.expect_event("load", timeout=600_000):
        started = time.perf_counter()
        # A statement of its own (not a comment or docstring): the figure's code changed.
        lines = original.splitlines(keepends=True)
        indent = re.match(r"\s*", lines[body - 1])[0]
        lines.insert(body - 1, f"{indent}_benchmark_edit = {time.time_ns()}\n")
        path.write_text("".join(lines), encoding="utf-8")
    seconds = time.perf_counter() - started
    after = _cache_state(cache)
    path.write_text(original, encoding="utf-8")
    rendered = sorted(name for name in after if before.get(name) != after[name])
    return {"seconds": seconds, "svgs_rendered": len(rendered), "rendered": rendered}


def ast_body_start(source: str, function: str) -> int:
    """Line number of the first statement after ``function``'s docstring."""
    import ast

    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            first = node.body[0]
            is_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            return node.body[1].lineno if is_doc else first.lineno
    raise ValueError(function)


# ----------------------------------------------------------------------------- run
def run(runs: int = 5) -> dict:
    """Measure everything above; medians of ``runs`` interleaved repetitions."""
    result: dict[str, Any] = {"baseline": BASELINE, "cores": len(os.sched_getaffinity(0))}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp_name:
        tmp = Path(tmp_name)
        current, baseline, scaled = tmp / "current", tmp / "baseline", tmp / "scaled"
        shutil.copytree(ROOT, current, ignore=IGNORE)
        baseline.mkdir()
        _checkout(BASELINE, baseline)
        cache, baseline_cache = tmp / "cache", tmp / "cache-baseline"
        result["cold_build_s"] = _build(current, tmp / "site", cache)
        result["baseline_cold_build_s"] = _build(baseline, tmp / "site-baseline", baseline_cache)

        warm, base = [], []
        for _ in range(runs):
            base.append(_build(baseline, tmp / "site-baseline", baseline_cache))
            warm.append(_build(current, tmp / "site", cache))
        result["warm_build_s"] = statistics.median(warm)
        result["baseline_warm_build_s"] = statistics.median(base)
        result["warm_ratio"] = statistics.median(w / b for w, b in zip(warm, base, strict=True))

        note, api, figure = [], [], []
        with _served(current, cache) as root, _browser() as page:
            for _ in range(runs):
                note.append(_reload_after(page, root + NOTE_URL, _append_to(current / NOTE)))
                api.append(
                    _reload_after(page, root + API_URL, _docstring_edit(current / DOCSTRING))
                )
            figure.append(_figure_reload(page, root + FIGURE_URL, current, cache))
        result["note_reload_s"] = statistics.median(note)
        result["api_reload_s"] = statistics.median(api)
        result["figure_reload_s"] = figure[0]["seconds"]
        result["figure_svgs_rendered"] = figure[0]["svgs_rendered"]
        result["figure_rendered_files"] = figure[0]["rendered"]

        shutil.copytree(current, scaled, ignore=IGNORE)
        (scaled / NOTE).write_text((ROOT / NOTE).read_text(encoding="utf-8"), encoding="utf-8")
        (scaled / DOCSTRING).write_text((ROOT / DOCSTRING).read_text("utf-8"), encoding="utf-8")
        result["scaled_notes_pages"] = make_course(scaled)
        _build(scaled, tmp / "site-scaled", cache)  # the copies' figures are cached already
        result["scaled_warm_build_s"] = statistics.median(
            _build(scaled, tmp / "site-scaled", cache) for _ in range(max(1, runs // 2))
        )
        with _served(scaled, cache) as root, _browser() as page:
            scaled_note = [
                _reload_after(page, root + NOTE_URL, _append_to(scaled / NOTE))
                for _ in range(max(1, runs // 2))
            ]
        result["scaled_note_reload_s"] = statistics.median(scaled_note)

    missed = []
    if result["warm_ratio"] > MAX_WARM_RATIO:
        missed.append(f"warm build {result['warm_ratio']:.2f}x {BASELINE} (<= {MAX_WARM_RATIO})")
    for key, limit, what in (
        ("note_reload_s", MAX_NOTE_RELOAD_S, "notes page edit"),
        ("api_reload_s", MAX_API_RELOAD_S, "docstring edit"),
        ("scaled_note_reload_s", MAX_SCALED_RELOAD_S, "notes page edit at 10x"),
    ):
        if result[key] > limit:
            missed.append(f"{what}: reload {result[key]:.2f} s (<= {limit} s)")
    if result["figure_svgs_rendered"] != 2:
        missed.append(
            f"figure edit re-rendered {result['figure_svgs_rendered']} SVGs (one figure = 2)"
        )
    result["missed_targets"] = missed

    rows = [
        ("warm build", f"{result['warm_build_s']:.2f} s",
         f"{result['warm_ratio']:.2f}x {BASELINE} ({result['baseline_warm_build_s']:.2f} s); "
         f"target <= {MAX_WARM_RATIO}x"),
        ("cold build", f"{result['cold_build_s']:.2f} s",
         f"{BASELINE}: {result['baseline_cold_build_s']:.2f} s"),
        ("notes edit -> reloaded", f"{result['note_reload_s']:.2f} s",
         f"target <= {MAX_NOTE_RELOAD_S} s"),
        ("docstring edit -> API page reloaded", f"{result['api_reload_s']:.2f} s",
         f"target <= {MAX_API_RELOAD_S} s"),
        ("figure edit -> reloaded", f"{result['figure_reload_s']:.2f} s",
         f"{result['figure_svgs_rendered']} SVGs rendered again (target 2)"),
        (f"10x: warm build ({result['scaled_notes_pages']} notes pages)",
         f"{result['scaled_warm_build_s']:.2f} s", ""),
        ("10x: notes edit -> reloaded", f"{result['scaled_note_reload_s']:.2f} s",
         f"target <= {MAX_SCALED_RELOAD_S} s"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':{width}}  {'median':>8}  notes")
    for name, value, note_text in rows:
        print(f"{name:{width}}  {value:>8}  {note_text}")
    return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
