"""Shared fixtures: one strict build of the site per test session."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

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


def build_site(site_dir: Path, *extra_env: tuple[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build into ``site_dir`` and return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.update(dict(extra_env))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with ``--strict``; the build must succeed with no warning.

    ``NOTES_TEST_SITE=DIR`` reuses a site already built into DIR (quick re-runs while
    writing tests; never set in CI).
    """
    if prebuilt := os.environ.get("NOTES_TEST_SITE"):
        return Path(prebuilt).resolve()
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-external",
        action="store_true",
        default=False,
        help="visit the external links in tests/external_links.txt (needs a network)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "external: visits the web; runs only with --run-external")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
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


CHROMIUM = "/usr/bin/chromium"
# --no-sandbox: CI runs as root, where Chromium's sandbox cannot start. The rest keep
# Chromium from calling home on a machine without a network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches the system's Debian chromium, never a download."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (as .ci/run does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL for Playwright's ``page``: the tests open full URLs from ``site_url``.

    Replaces pytest-playwright's own ``base_url``, a fixture defined on a plugin instance,
    which pytest 9 deprecates with a warning that this project's ``filterwarnings = error``
    turns into an error for every test that asks for ``page`` or ``context``.
    """
    return None
