"""The ``{{ figure: NAME }}`` marker and the build step that renders the figures it shows.

:func:`prepare` runs once per build, before any page: it takes every registered figure from
the cache, rendering only what changed, and returns a :class:`RenderedFigures`, the one
object that carries the figures' facts (which figures exist, their files and sizes, and the
highlighted listings of their functions) to the markup. The build adapter puts its files in
the site (MkDocs: virtual files; Zensical: :meth:`RenderedFigures.write` into the docs copy)
and hands the object to the Markdown extension. A figure function that raises fails the
build, naming the figure, the pages that use it and the cause.

The marker then expands to Markdown: the two images (Material shows the one matching the
reader's palette through the ``#only-light`` / ``#only-dark`` fragments; both are
``loading="lazy"`` so the hidden one is never fetched, and both carry width and height so
the page does not shift while they load), a numbered caption, and a collapsed block with
the function's source and a link to its API page. The images are relative Markdown links,
so the site generator checks them and rewrites them for directory URLs.

The listings themselves are not in the pages: every figure function's highlighted source
goes into one file, ``figures/code.json``, which ``docs/assets/javascripts/figure-code.js``
fetches when a reader first opens a block. Closed listings of hundreds of highlighted
``<span>`` elements were most of a long note's DOM and pushed its HTML past the first round
trip, and every page load paid for them.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import json
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import figures.registry
from figures import render
from figures.registry import FigureSpec
from figures.style import THEMES

__all__ = [
    "LISTINGS",
    "FigureError",
    "PlacedFigure",
    "RenderedFigures",
    "expand",
    "figure_markdown",
    "listing_html",
    "prepare",
]

log = logging.getLogger("mkdocs.plugins.figures")

LISTINGS = "figures/code.json"
"""Site path of the figure functions' highlighted listings, keyed by ``module.function``."""


class FigureError(RuntimeError):
    """A figure could not be produced; the message names the figure, its pages and the cause."""


@dataclass(frozen=True)
class RenderedFigures:
    """What one build knows about its figures; the only channel from rendering to markup.

    Attributes
    ----------
    enabled
        ``False`` when figures are switched off (``NOTES_FIGURES=off``): markers then
        expand to placeholders.
    specs
        ``name -> FigureSpec`` of every registered figure, as the registry stood when the
        build started.
    sizes
        ``name -> (width, height)`` in CSS pixels.
    files
        ``site path -> file`` of every rendered SVG (``figures/NAME-THEME.svg``).
    listings
        ``module.function -> highlighted HTML`` of every figure function, without its
        docstring (the API entry linked next to it shows that).
    """

    enabled: bool
    specs: dict[str, FigureSpec] = field(default_factory=dict)
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    listings: dict[str, str] = field(default_factory=dict)

    def listings_json(self) -> bytes:
        """The content of :data:`LISTINGS`."""
        return json.dumps(self.listings, sort_keys=True, separators=(",", ":")).encode() + b"\n"

    def write(self, folder: str | Path) -> None:
        """Copy every figure and :data:`LISTINGS` under ``folder`` (a docs directory)."""
        folder = Path(folder)
        (folder / "figures").mkdir(parents=True, exist_ok=True)
        for site_path, source in self.files.items():
            (folder / site_path).write_bytes(source.read_bytes())
        (folder / LISTINGS).write_bytes(self.listings_json())

    def to_json(self) -> str:
        """A manifest for a build that runs in another process (:meth:`from_json`)."""
        return json.dumps(
            {
                "enabled": self.enabled,
                "specs": {name: dataclasses.asdict(spec) for name, spec in self.specs.items()},
                "sizes": self.sizes,
                "files": {site: str(path) for site, path in self.files.items()},
                "listings": self.listings,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> RenderedFigures:
        """The figures described by a manifest written by :meth:`to_json`."""
        data = json.loads(text)
        return cls(
            enabled=data["enabled"],
            specs={
                name: FigureSpec(**{**spec, "args": tuple(spec["args"])})
                for name, spec in data["specs"].items()
            },
            sizes={name: (int(w), int(h)) for name, (w, h) in data["sizes"].items()},
            files={site: Path(path) for site, path in data["files"].items()},
            listings=data["listings"],
        )


@dataclass(frozen=True)
class PlacedFigure:
    """A figure already placed on the page being converted."""

    number: int
    anchor: str
    identifier: str


_registry_mtime = Path(figures.registry.__file__).stat().st_mtime


def _registry() -> Any:
    """The registry module, reloaded if its file changed (``mkdocs serve`` keeps running)."""
    global _registry_mtime
    mtime = Path(figures.registry.__file__).stat().st_mtime
    if mtime != _registry_mtime:
        importlib.reload(figures.registry)
        _registry_mtime = mtime
    return figures.registry


_FIGURE_MARKER = re.compile(r"^\{\{ *figure *: *(?P<name>[^}]*?) *\}\}[ \t]*$", re.M)


def _pages_using(name: str, docs_dir: Path) -> list[str]:
    """Pages under ``docs_dir`` with a ``{{ figure: name }}`` marker."""
    return [
        page.relative_to(docs_dir).as_posix()
        for page in sorted(docs_dir.rglob("*.md"))
        if any(m["name"] == name for m in _FIGURE_MARKER.finditer(page.read_text("utf-8")))
    ]


def prepare(docs_dir: str | Path, cache: Path | None = None) -> RenderedFigures:
    """Render or fetch every registered figure; what the pages need to show them.

    Parameters
    ----------
    docs_dir
        The docs directory, to name the pages that use a figure that failed.
    cache
        The figure cache; default :func:`figures.render.cache_dir`.

    Returns
    -------
    RenderedFigures
        Every figure in every theme, and the listings of their functions.

    Raises
    ------
    FigureError
        If a figure function raised.
    """
    started = time.perf_counter()
    specs = dict(_registry().FIGURES)
    if not render.enabled():
        log.info("figures: switched off (%s=off)", render.SWITCH_ENV)
        return RenderedFigures(enabled=False, specs=specs)
    report = render.ensure_rendered(specs.values(), cache)
    if report.failures:
        problems = []
        for name, cause in sorted(report.failures.items()):
            pages = ", ".join(_pages_using(name, Path(docs_dir))) or "no page"
            problems.append(f"figure {name!r} (used on {pages}) failed: {cause}")
        raise FigureError("; ".join(problems))
    figures = RenderedFigures(enabled=True, specs=specs)
    for (name, theme), out in sorted(report.outputs.items()):
        figures.files[f"figures/{name}-{theme}.svg"] = out.path
        figures.sizes[name] = (out.width, out.height)
    for spec in specs.values():
        identifier = _identifier(spec)
        if identifier not in figures.listings:  # eight activation figures share one function
            source = render.function_source(spec, docstring=False)
            figures.listings[identifier] = listing_html(source)
    cached = len(report.outputs) - len(report.rendered)
    seconds = time.perf_counter() - started
    log.info("figures: %d rendered, %d from cache (%.2f s)", len(report.rendered), cached, seconds)
    return figures


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


@functools.lru_cache(maxsize=64)  # mkdocs serve asks again at every rebuild
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


def expand(name: str, page_path: str, figures: RenderedFigures | None, placed: list) -> str:
    """Expand ``{{ figure: NAME }}`` on a page: the Markdown of :func:`figure_markdown`.

    Parameters
    ----------
    name
        The registered figure's name.
    page_path
        The page's path relative to the docs directory.
    figures
        The build's rendered figures (:func:`prepare`); ``None`` if the build did not
        prepare them.
    placed
        The :class:`PlacedFigure` entries already on this page, in order; the new figure is
        appended (it numbers figures and shows each function's code once per page).

    Returns
    -------
    str
        Markdown for the page.

    Raises
    ------
    FigureError
        If figures were not prepared or ``name`` is not registered.
    """
    if figures is None:
        raise FigureError("figures were not prepared: the build adapter must call prepare()")
    spec = figures.specs.get(name)
    if spec is None:
        known = ", ".join(sorted(figures.specs))
        raise FigureError(f"unknown figure {name!r}; registered: {known}")
    number = len(placed) + 1
    if not figures.enabled:
        placed.append(PlacedFigure(number, f"figure-{name}", _identifier(spec)))
        return f'\n<p class="notes-figure-placeholder">Figure {number}: {name}</p>\n'
    anchor = f"figure-{name}"
    if any(p.anchor == anchor for p in placed):  # the same figure twice on a page
        anchor = f"{anchor}-{number}"
    identifier = _identifier(spec)
    first = next((p for p in placed if p.identifier == identifier), None)
    placed.append(PlacedFigure(number, anchor, identifier))
    return figure_markdown(
        spec,
        page_path,
        number,
        figures.sizes[name],
        anchor,
        code_shown_in=None if first is None else (first.number, first.anchor),
    )
