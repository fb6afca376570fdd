"""One-line markers that authors write in notes, expanded to Markdown/HTML at build time.

A marker is a line of its own: ``{{ KIND: ARGUMENT }}``, e.g. ``{{ figure: perceptron-graph }}``.
:data:`HANDLERS` is the table of every kind and the function that expands it; an unknown
kind, or a handler that raises, fails the build with the page, the marker and the cause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from site_tools import activation_facts, explorer, figure_markup
from site_tools.figure_markup import PlacedFigure, RenderedFigures

__all__ = ["HANDLERS", "MARKER", "MarkerError", "Page", "expand"]

MARKER = re.compile(r"^\{\{ *(?P<kind>[a-z][a-z-]*) *: *(?P<arg>[^}]*?) *\}\}[ \t]*$", re.M)


@dataclass
class Page:
    """The page whose markers are being expanded, and what its handlers need to know.

    Attributes
    ----------
    path
        Source path relative to the docs directory, e.g. ``lecture-1/perceptron.md``.
    figures
        The build's rendered figures; ``None`` where the build prepared none.
    placed
        Figures placed on the page so far (the figure handler numbers them).
    """

    path: str
    figures: RenderedFigures | None = None
    placed: list[PlacedFigure] = field(default_factory=list)


Handler = Callable[[str, Page], str]
"""``handler(argument, page) -> replacement markdown``."""

HANDLERS: dict[str, Handler] = {
    "activation-facts": lambda argument, page: activation_facts.facts_list(argument),
    "explorer": lambda argument, page: explorer.perceptron_explorer(argument),
    "figure": lambda argument, page: figure_markup.expand(
        argument, page.path, page.figures, page.placed
    ),
}
"""Every marker kind and its handler."""


class MarkerError(ValueError):
    """A marker that cannot be expanded; the message names page, marker and cause."""


def expand(markdown: str, page: Page | str, handlers: dict[str, Handler] = HANDLERS) -> str:
    """Replace every marker in ``markdown``, the source of ``page`` (a :class:`Page` or a path).

    Raises
    ------
    MarkerError
        For an unknown kind or a handler that raised.
    """
    if isinstance(page, str):
        page = Page(page)

    def replace(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        handler = handlers.get(kind)
        if handler is None:
            known = ", ".join(sorted(handlers)) or "none"
            raise MarkerError(f"{page.path}: unknown marker kind {kind!r} (known: {known})")
        try:
            return handler(arg, page)
        except Exception as error:
            raise MarkerError(f"{page.path}: {{{{ {kind}: {arg} }}}}: {error}") from error

    return MARKER.sub(replace, markdown)
