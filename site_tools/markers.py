"""One-line markers that authors write in notes, expanded to Markdown/HTML at build time.

A marker is a line of its own: ``{{ KIND: ARGUMENT }}``, e.g. ``{{ figure: perceptron-graph }}``.
Each kind has one handler, registered with :func:`marker`; an unknown kind, or a handler that
raises, fails the build with the page, the marker and the cause.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MARKER = re.compile(r"^\{\{ *(?P<kind>[a-z][a-z-]*) *: *(?P<arg>[^}]*?) *\}\}[ \t]*$", re.M)

Handler = Callable[[str, str], str]
"""``handler(argument, page_path) -> replacement markdown``."""

_HANDLERS: dict[str, Handler] = {}


class MarkerError(ValueError):
    """A marker that cannot be expanded; the message names page, marker and cause."""


def marker(kind: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` for ``{{ kind: ... }}`` markers."""

    def register(handler: Handler) -> Handler:
        _HANDLERS[kind] = handler
        return handler

    return register


def expand(markdown: str, page_path: str) -> str:
    """Replace every marker in ``markdown`` (the source of ``page_path``)."""

    def replace(match: re.Match[str]) -> str:
        kind, arg = match["kind"], match["arg"]
        handler = _HANDLERS.get(kind)
        if handler is None:
            known = ", ".join(sorted(_HANDLERS)) or "none"
            raise MarkerError(f"{page_path}: unknown marker kind {kind!r} (known: {known})")
        try:
            return handler(arg, page_path)
        except MarkerError:
            raise
        except Exception as error:
            raise MarkerError(f"{page_path}: {{{{ {kind}: {arg} }}}}: {error}") from error

    return MARKER.sub(replace, markdown)
