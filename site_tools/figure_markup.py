"""The ``{{ figure: NAME }}`` marker and the build step that puts rendered figures in the site.

:func:`generate` runs once per build (from ``site_tools/gen_figures.py``, a mkdocs-gen-files
script): it takes every registered figure from the cache, rendering only what changed, and
adds ``figures/NAME-light.svg`` and ``figures/NAME-dark.svg`` to the site as virtual files.
A figure function that raises fails the build, naming the figure, the pages that use it
and the cause.

The marker then expands to Markdown: the two images (Material shows the one matching the
reader's palette through the ``#only-light`` / ``#only-dark`` fragments; both are
``loading="lazy"`` so the hidden one is never fetched, and both carry width and height so
the page does not shift while they load), a numbered caption, and a collapsed block with
the function's source and a link to its API page. The images are relative Markdown links,
so MkDocs checks them and rewrites them for ``use_directory_urls``.

The listings themselves are not in the pages: :func:`generate` also writes every figure
function's highlighted source into one file, ``figures/code.json``, which
``docs/assets/javascripts/figure-code.js`` fetches when a reader first opens a block. Closed
listings of hundreds of highlighted ``<span>`` elements were most of a long note's DOM and
pushed its HTML past the first round trip, and every page load paid for them: Lighthouse
mobile performance on the activation notes went from about 90 to 96 without them.
"""

from __future__ import annotations

import atexit
import importlib
import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import figures.registry
from figures import render
from figures.registry import FigureSpec
from figures.style import THEMES
from site_tools import markers

__all__ = ["LISTINGS", "FigureError", "figure_markdown", "generate", "listing_html"]

log = logging.getLogger("mkdocs.plugins.figures")

LISTINGS = "figures/code.json"
"""Site path of the figure functions' highlighted listings, keyed by ``module.function``."""

REPORT_ENV = "NOTES_FIGURE_REPORT"
"""If set, a JSON summary of every build in this process is written there at exit."""


class FigureError(RuntimeError):
    """A figure could not be produced; the message names the figure, its pages and the cause."""


@dataclass
class _Build:
    enabled: bool
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    anchors: set[tuple[str, str]] = field(default_factory=set)
    # (page, function) -> (number, anchor) of the figure on that page that shows its code
    code_shown: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)


_build: _Build | None = None
_builds: list[dict[str, Any]] = []
_registry_mtime = Path(figures.registry.__file__).stat().st_mtime


def _registry() -> Any:
    """The registry module, reloaded if its file changed (``mkdocs serve`` keeps running)."""
    global _registry_mtime
    mtime = Path(figures.registry.__file__).stat().st_mtime
    if mtime != _registry_mtime:
        importlib.reload(figures.registry)
        _registry_mtime = mtime
    return figures.registry


def _pages_using(name: str, docs_dir: Path) -> list[str]:
    """Pages under ``docs_dir`` with a ``{{ figure: name }}`` marker."""
    pages = []
    for page in sorted(docs_dir.rglob("*.md")):
        for match in markers.MARKER.finditer(page.read_text(encoding="utf-8")):
            if match["kind"] == "figure" and match["arg"] == name:
                pages.append(page.relative_to(docs_dir).as_posix())
                break
    return pages


def generate(open_file: Callable[..., IO[bytes]], docs_dir: str | Path) -> None:
    """Render or fetch every figure and write it into the site with ``open_file``.

    Parameters
    ----------
    open_file
        ``open_file(path, "wb")`` opens a file of the site by its docs-relative path
        (``mkdocs_gen_files.open``).
    docs_dir
        The docs directory, to name the pages that use a figure that failed.

    Raises
    ------
    FigureError
        If a figure function raised.
    """
    global _build
    started = time.perf_counter()
    _build = _Build(enabled=render.enabled())
    if not _build.enabled:
        log.info("figures: switched off (%s=off)", render.SWITCH_ENV)
        _record(0, 0, time.perf_counter() - started)
        return
    report = render.ensure_rendered(_registry().FIGURES.values())
    if report.failures:
        problems = []
        for name, cause in sorted(report.failures.items()):
            pages = ", ".join(_pages_using(name, Path(docs_dir))) or "no page"
            problems.append(f"figure {name!r} (used on {pages}) failed: {cause}")
        raise FigureError("; ".join(problems))
    for (name, theme), out in sorted(report.outputs.items()):
        with open_file(f"figures/{name}-{theme}.svg", "wb") as f:
            f.write(out.read())
        _build.sizes[name] = (out.width, out.height)
    listings: dict[str, str] = {}
    for spec in _registry().FIGURES.values():
        identifier = _identifier(spec)
        if identifier not in listings:  # eight activation figures share one function
            listings[identifier] = listing_html(render.function_source(spec, docstring=False))
    with open_file(LISTINGS, "wb") as f:
        f.write(json.dumps(listings, sort_keys=True, separators=(",", ":")).encode() + b"\n")
    cached = len(report.outputs) - len(report.rendered)
    seconds = time.perf_counter() - started
    log.info("figures: %d rendered, %d from cache (%.2f s)", len(report.rendered), cached, seconds)
    _record(len(report.rendered), cached, seconds)


def _record(rendered: int, cached: int, seconds: float) -> None:
    if not os.environ.get(REPORT_ENV):
        return
    if not _builds:
        atexit.register(_write_report, os.environ[REPORT_ENV])
    _builds.append({"rendered": rendered, "cached": cached, "seconds": round(seconds, 4)})


def _write_report(path: str) -> None:
    """Summarise this process's builds; whether matplotlib was imported is only known at exit."""
    summary = {"builds": _builds, "matplotlib_imported": "matplotlib" in sys.modules}
    Path(path).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


def _identifier(spec: FigureSpec) -> str:
    """``module.function``: the figure function's API identifier and its key in LISTINGS."""
    return f"{spec.module}.{spec.function}"


def _escape_alt(text: str) -> str:
    return re.sub(r"([\\\[\]*_`])", r"\\\1", " ".join(text.split()))


def figure_markdown(
    spec: FigureSpec,
    page_path: str,
    number: int,
    size: tuple[int, int],
    anchor: str | None = None,
    code_shown_in: tuple[int, str] | None = None,
) -> str:
    """The Markdown for one figure on one page.

    Parameters
    ----------
    spec
        The registry entry.
    page_path
        The page's path relative to the docs directory, e.g. ``lecture-1/perceptron.md``.
    number
        The figure's number on this page, from 1.
    size
        Width and height in CSS pixels.
    anchor
        The ``<figure>``'s id; default ``figure-NAME``.
    code_shown_in
        ``(number, anchor)`` of an earlier figure on the same page drawn by the same
        function: the block then refers to it instead of repeating the source (eight
        activation figures share one function, and repeated highlighted listings made the
        page slow to load).

    Returns
    -------
    str
        A ``<figure>`` with both themed images and the caption, then a collapsed block with
        a link to the function's API entry and a placeholder for its source, which
        ``figure-code.js`` fills from :data:`LISTINGS` when the block is opened.
    """
    up = "../" * page_path.count("/")
    alt = _escape_alt(spec.alt)
    width, height = size
    images = "\n".join(
        f"![{alt}]({up}figures/{spec.name}-{theme}.svg#only-{theme})"
        f'{{ width="{width}" height="{height}" loading="lazy" }}'
        for theme in THEMES
    )
    identifier = _identifier(spec)
    call = ", ".join([*(repr(a) for a in spec.args), "theme=..."])
    if code_shown_in is None:
        listing = (
            "    Its source appears here when JavaScript is on; the\n"
            f"    [API entry][{identifier}] has it too.\n"
            f'    {{ .notes-figure-listing data-function="{identifier}" }}'
        )
    else:
        first_number, first_anchor = code_shown_in
        listing = f"    Its code is under [Figure {first_number}](#{first_anchor}) above."
    return f"""
<figure class="notes-figure" id="{anchor or "figure-" + spec.name}" markdown="1">
{images}
<figcaption markdown="1">**Figure {number}:** {spec.caption}</figcaption>
</figure>

??? example notes-figure-code "Code for this figure"

    Drawn by [`{identifier}`][{identifier}] called as `{spec.function}({call})`, once per
    site theme.

{listing}
"""


def listing_html(source: str) -> str:
    """Python source highlighted as Material styles code blocks (Pygments, as pymdownx does).

    Parameters
    ----------
    source
        Python code.

    Returns
    -------
    str
        ``<div class="highlight"><pre><span></span><code>…</code></pre></div>``.
    """
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(source, PythonLexer(), HtmlFormatter(cssclass="highlight", wrapcode=True))


@markers.marker("figure")
def _figure(name: str, page_path: str) -> str:
    if _build is None:
        raise FigureError(
            "figures were not generated: add site_tools/gen_figures.py to the gen-files plugin"
        )
    try:
        spec = _registry().get_figure(name)
    except KeyError as error:
        raise FigureError(error.args[0]) from None
    number = _build.numbers[page_path] = _build.numbers.get(page_path, 0) + 1
    if not _build.enabled:
        return f'\n<p class="notes-figure-placeholder">Figure {number}: {name}</p>\n'
    anchor = f"figure-{name}"
    if (page_path, anchor) in _build.anchors:  # the same figure twice on a page
        anchor = f"{anchor}-{number}"
    _build.anchors.add((page_path, anchor))
    identifier = _identifier(spec)
    shown_in = _build.code_shown.setdefault((page_path, identifier), (number, anchor))
    return figure_markdown(
        spec,
        page_path,
        number,
        _build.sizes[name],
        anchor,
        code_shown_in=None if shown_in == (number, anchor) else shown_in,
    )
