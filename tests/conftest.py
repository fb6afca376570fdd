"""Shared fixtures: the site's builds (one pair per run), its server, and the browser."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, settings

from site_tools.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE. "dev" (the default) explores new
# random examples on every run; "ci" (set by .ci/run) is derandomized, so a CI verdict
# depends on the commit alone; "stress" hunts for rare counterexamples before a commit.
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("ci", max_examples=50, deadline=None, derandomize=True, print_blob=True)
settings.register_profile(
    "stress", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def build_site(
    site_dir: Path,
    *extra_env: tuple[str, str],
    python_options: tuple[str, ...] = (),
    config: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build into ``site_dir`` as ``make build`` does; the finished process.

    ``SOURCE_DATE_EPOCH`` is the Makefile's unless ``extra_env`` sets another; ``config``
    replaces ``mkdocs.yml``.
    """
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": source_date_epoch(),
    }
    env.update(dict(extra_env))
    command = [sys.executable, *python_options, "-m", "mkdocs", "build", "--strict"]
    if config is not None:
        command += ["--config-file", str(config)]
    return subprocess.run(
        [*command, "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


# The address and repository a fork's Pages workflow passes (tests/test_reproducible.py).
FORK = {
    "SITE_URL": "https://fork-owner.github.io/fork-of-the-notes/",
    "REPO_URL": "https://github.com/fork-owner/fork-of-the-notes",
    "REPO_NAME": "fork-owner/fork-of-the-notes",
}


def source_date_epoch() -> str:
    """The value ``make build`` exports (the environment's, else the Makefile's default)."""
    if value := os.environ.get("SOURCE_DATE_EPOCH"):
        return value
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"SOURCE_DATE_EPOCH\s*\??=\s*(\d+)", makefile)
    assert match, "the Makefile must export SOURCE_DATE_EPOCH for reproducible builds"
    return match[1]


@dataclass(frozen=True)
class Build:
    """One finished strict build of the whole site."""

    site: Path
    log: str
    """MkDocs' log (stderr), with ``-X importtime``'s list of every module imported."""
    figure_cache: Path


def made_once(folder: Path, make: Callable[[Path], None]) -> Path:
    """``folder``, filled by ``make(folder)`` once per test run, for every pytest-xdist worker.

    Whichever worker asks first makes it while the others wait on a file lock; a marker
    written after ``make`` returns says it is complete (a failed ``make`` is retried by the
    next worker that asks, and fails there too).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    done = folder.with_name(folder.name + ".done")
    with FileLock(folder.with_name(folder.name + ".lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run's that every pytest-xdist worker shares."""
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist each worker's base is a folder of the run's common one (also when
    # the suite runs without xdist: -p no:xdist).
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class SiteBuilds:
    """The suite's two builds of the whole site, each made when a test first asks for it.

    ``cold``: the default configuration from empty figure, page and search-entry caches (the
    ``built_site``).
    ``warm``: from the caches ``cold`` filled, in another directory, with another hash
    seed, and with the address and repository a fork's workflow passes (:data:`FORK`).
    So one pair serves the reproducibility check (same tree but for the fork's address), the
    cold and warm figure paths, and a fork's canonical links and sitemap.
    ``again``: ``cold``'s configuration from the caches it filled, so that every page comes
    from them (``warm``'s address makes its pages' templates miss).
    Each is made once per run (:func:`made_once`).
    """

    _SEEDS: ClassVar[dict[str, tuple[str, dict[str, str]]]] = {
        "cold": ("1", {}),
        "warm": ("2", FORK),
        "again": ("3", {}),
    }

    def __init__(self, root: Path) -> None:
        self.root = root
        self.figure_cache = root / "figure-cache"
        self.search_cache = root / "search-cache"
        self.page_cache = root / "page-cache"

    def __getitem__(self, kind: str) -> Build:
        seed, extra = self._SEEDS[kind]
        if kind != "cold":
            self["cold"]  # the other builds start from the caches cold filled

        def build(folder: Path) -> None:
            result = build_site(
                folder / "site",
                ("NOTES_FIGURE_CACHE", str(self.figure_cache)),
                ("NOTES_SEARCH_CACHE", str(self.search_cache)),
                ("NOTES_PAGE_CACHE", str(self.page_cache)),
                ("PYTHONHASHSEED", seed),
                *extra.items(),
                python_options=("-X", "importtime"),
            )
            assert result.returncode == 0, f"{kind} strict build failed:\n{_log(result.stderr)}"
            (folder / "build.log").write_text(result.stderr, encoding="utf-8")

        folder = made_once(self.root / kind, build)
        log = (folder / "build.log").read_text(encoding="utf-8")
        return Build(folder / "site", log, self.figure_cache)


@pytest.fixture(scope="session")
def site_builds(run_dir: Path) -> SiteBuilds:
    """The suite's builds (:class:`SiteBuilds`), one of each kind per run, for every worker."""
    return SiteBuilds(run_dir / "builds")


def _log(stderr: str) -> str:
    """MkDocs' own lines of a build's stderr (without ``-X importtime``'s)."""
    return "\n".join(line for line in stderr.splitlines() if not line.startswith("import time:"))


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest) -> Path:
    """The site, built once with ``--strict``; the build must succeed with no warning.

    ``NOTES_TEST_SITE=DIR`` reuses a site already built into DIR (quick re-runs while
    writing tests; never set in CI).
    """
    if prebuilt := os.environ.get("NOTES_TEST_SITE"):
        return Path(prebuilt).resolve()
    return request.getfixturevalue("site_builds")["cold"].site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-external",
        action="store_true",
        default=False,
        help="visit the external links in tests/external_links.txt (needs a network)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "external: visits the web; runs only with --run-external")


# Fixtures that build the site or render every figure: a test using one is slow (and
# browser tests are slow too), so `make test-fast` (-m "not slow") runs without any.
_SLOW_FIXTURES = {"site_builds", "built_site", "site_url", "cold_render", "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if config.getoption("--run-external"):
        return
    skip = pytest.mark.skip(reason="visits the web: needs --run-external (make linkcheck-external)")
    for item in items:
        if "external" in item.keywords:
            item.add_marker(skip)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under its site_url path, as GitHub Pages would; 404 elsewhere."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, "__outside_site_path__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self) -> None:
        # LinkChecker throttles to 10 requests/s per host unless the server sends this header.
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: failures are reported by the tests that see them


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1 at a free port, under site_url's path."""
    from site_html import site_path

    prefix = site_path()
    handler = functools.partial(
        type("Handler", (_SiteHandler,), {"prefix": prefix}), directory=str(built_site)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches the system's Debian chromium, never a download."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (as .ci/run does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """pytest-playwright's base URL: ``page.goto("lecture-1/")`` opens the served site's page."""
    return site_url


@pytest.fixture
def new_context(new_context: Callable[..., Any], site_url: str) -> Iterator[Callable[..., Any]]:
    """pytest-playwright's context factory (closed after the test), every context watched.

    The ``context`` and ``page`` fixtures come from here too: each test gets its own context.
    See tests/browsing.py for what the watch records and blocks.
    """
    from browsing import DESKTOP, watch

    made = []

    def make(**options: Any) -> Any:
        # A desktop window in the light scheme unless the test asks for another.
        context = new_context(**{"viewport": DESKTOP, "color_scheme": "light", **options})
        watch(context, site_url)
        made.append(context)
        return context

    yield make
    # A page may still be fetching (Material's sitemap) when the test is done: let
    # pytest-playwright close the contexts without those routes failing the teardown.
    for context in made:
        context.unroute_all(behavior="ignoreErrors")
