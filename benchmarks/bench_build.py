"""Site build time with figures: cold, warm, switched off, and `mkdocs serve` reload latency.

Everything runs on a throw-away copy of the project (so edits for the reload test touch no
one's working tree) with its own figure caches:

- cold: strict build with an empty figure cache (every figure rendered, in a process pool);
- warm: the same build again (every figure from the cache);
- off: ``NOTES_FIGURES=off`` (no figures at all, placeholders instead): the baseline for the
  warm build's overhead;
- reload: ``mkdocs serve`` on a free 127.0.0.1 port; append a line to a note and time until
  the served page contains it.

Targets: the warm build is at most 10 % slower than the build without figures, and a live
reload takes at most 1.2 times a warm build.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", ".cache", ".bench", ".screenshots", "node_modules", "__pycache__",
    "*.egg-info", ".pytest_cache", ".ruff_cache", ".hypothesis",
)  # fmt: skip
NOTE = "docs/lecture-1/summary.md"
NOTE_URL = "lecture-1/summary/"
MAX_WARM_OVERHEAD = 0.10
MAX_RELOAD_RATIO = 1.2


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("NOTES_FIGURES", None)
    env.update(extra)
    return env


def _build(project: Path, site: Path, cache: Path, report: Path, **extra: str) -> dict:
    """One strict build; returns its wall time and the figure step's report."""
    env = _env(NOTES_FIGURE_CACHE=str(cache), NOTES_FIGURE_REPORT=str(report), **extra)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"build failed:\n{done.stderr[-2000:]}")
    (figures,) = json.loads(report.read_text())["builds"]
    return {"seconds": seconds, **{f"figures_{k}": v for k, v in figures.items()}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@contextlib.contextmanager
def _served(project: Path, cache: Path) -> Iterator[Callable[[], float]]:
    """Run `mkdocs serve` on the project; yield a function that times one edit-to-reload."""
    port = _free_port()
    log = project.parent / "serve.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=_env(NOTES_FIGURE_CACHE=str(cache)),
            stdout=subprocess.DEVNULL, stderr=log_file,
        )  # fmt: skip
    try:
        # The served root carries site_url's path; read it from the "Serving on" line.
        deadline = time.monotonic() + 600
        while not (served := re.search(r"Serving on (http://\S+)", log.read_text())):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mkdocs serve did not come up:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        url = served[1].rstrip("/") + "/" + NOTE_URL
        if _get(url) is None:
            raise RuntimeError(f"mkdocs serve does not serve {url}")

        def reload() -> float:
            """Seconds from appending a line to a note until the served page shows it."""
            time.sleep(1.0)  # let the watcher settle
            token = f"Benchmark edit {time.time_ns()}."
            started = time.perf_counter()
            with (project / NOTE).open("a", encoding="utf-8") as f:
                f.write(f"\n\n{token}\n")
            while token not in (_get(url) or ""):
                if time.perf_counter() - started > 300:
                    raise RuntimeError("the edit never appeared on the served page")
                time.sleep(0.02)
            return time.perf_counter() - started

        yield reload
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(runs: int = 5) -> dict:
    """Measure cold, warm and figure-free builds and the live-reload latency (medians)."""
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp_name:
        tmp = Path(tmp_name)
        project = tmp / "project"
        shutil.copytree(ROOT, project, ignore=IGNORE)
        warm_cache = tmp / "cache-0"
        cold = [
            _build(project, tmp / "site", tmp / f"cache-{i}", tmp / "report.json") for i in range(3)
        ]
        # Interleave warm builds, figure-free builds and reloads (the server idles during the
        # builds, whose site dir is outside the project) so that load from other processes
        # hits all three alike.
        warm, off, reload = [], [], []
        with _served(project, warm_cache) as measure_reload:
            for _ in range(runs):
                warm.append(_build(project, tmp / "site", warm_cache, tmp / "report.json"))
                off.append(
                    _build(
                        project, tmp / "site", warm_cache, tmp / "report.json", NOTES_FIGURES="off"
                    )
                )
                reload.append(measure_reload())

    def median(rows: list[dict], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    result = {
        "runs": {"cold": len(cold), "warm": len(warm), "off": len(off), "reload": len(reload)},
        "cold_build_s": median(cold, "seconds"),
        "warm_build_s": median(warm, "seconds"),
        "off_build_s": median(off, "seconds"),
        "reload_s": statistics.median(reload),
        "cold_figure_step_s": median(cold, "figures_seconds"),
        "warm_figure_step_s": median(warm, "figures_seconds"),
        "figures_rendered_cold": median(cold, "figures_rendered"),
        "figures_rendered_warm": median(warm, "figures_rendered"),
        "cores": len(os.sched_getaffinity(0)),
    }
    result["warm_overhead"] = result["warm_build_s"] / result["off_build_s"] - 1
    # The figure step's own time is immune to load from other processes, unlike build times.
    result["warm_figure_step_share"] = result["warm_figure_step_s"] / result["off_build_s"]
    result["reload_over_warm"] = result["reload_s"] / result["warm_build_s"]
    missed = []
    if result["warm_overhead"] > MAX_WARM_OVERHEAD:
        missed.append(
            f"warm build {result['warm_overhead']:.1%} slower than without figures "
            f"(target <= {MAX_WARM_OVERHEAD:.0%})"
        )
    if result["reload_over_warm"] > MAX_RELOAD_RATIO:
        missed.append(
            f"live reload {result['reload_over_warm']:.2f}x a warm build "
            f"(target <= {MAX_RELOAD_RATIO}x)"
        )
    result["missed_targets"] = missed

    rows = [
        ("cold build (empty figure cache)", f"{result['cold_build_s']:.2f} s",
         f"{result['figures_rendered_cold']:.0f} figures rendered, step "
         f"{result['cold_figure_step_s']:.2f} s on {result['cores']} cores"),
        ("warm build", f"{result['warm_build_s']:.2f} s",
         f"{result['figures_rendered_warm']:.0f} rendered, step "
         f"{result['warm_figure_step_s']:.3f} s = {result['warm_figure_step_share']:.1%} of off"),
        ("build with NOTES_FIGURES=off", f"{result['off_build_s']:.2f} s", "baseline"),
        ("warm overhead over off", f"{result['warm_overhead']:+.1%}",
         f"target <= {MAX_WARM_OVERHEAD:.0%}"),
        ("mkdocs serve edit-to-reload", f"{result['reload_s']:.2f} s",
         f"{result['reload_over_warm']:.2f}x warm build (target <= {MAX_RELOAD_RATIO}x)"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':{width}}  {'median':>9}  notes")
    for name, value, note in rows:
        print(f"{name:{width}}  {value:>9}  {note}")
    return result


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
