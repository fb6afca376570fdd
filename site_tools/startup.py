"""What a lecture page costs to start on a phone: Material's restyles that do nothing.

Material's start-up script changes a few attributes of ``<html>`` and ``<body>``, and each
change that a style rule depends on makes Chromium restyle every element of the page. On a
lecture page (about 1,500 elements, half of them MathML) one such restyle takes 100-200 ms
of a mid-range phone's CPU, inside the tasks that block the page. Two of them change nothing
a reader sees, and are avoided:

- ``<html class="no-js">`` becomes ``js`` and, through the focus-visible polyfill,
  ``js js-focus-visible``. ``overrides/main.html`` sets that class in ``<head>``, before
  the body is parsed, so the page is styled once with it and Material's own change finds
  nothing to change. Without scripts the page keeps ``no-js``, as before.
- Material marks ``<body data-md-color-switching>`` while it applies the palette (its CSS
  turns transitions off under it) and unmarks it a task later: the whole page is restyled
  twice at every start. :func:`without_switching_guard` drops that one rule from the
  theme's palette stylesheet; a reader who switches palettes sees the theme's own short
  colour transitions play instead of a hard cut.
"""

from __future__ import annotations

# Exactly as Material 9 minifies it (palette.*.min.css).
SWITCHING_GUARD = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def without_switching_guard(css: str) -> str:
    """The palette stylesheet without its ``[data-md-color-switching]`` rule.

    Raises ``ValueError`` if the rule is not there exactly once (a new Material version
    writes it differently): the build then says so instead of silently restyling again.
    """
    if css.count(SWITCHING_GUARD) != 1:
        raise ValueError(
            "palette stylesheet: Material's [data-md-color-switching] rule not found once;"
            " update site_tools/startup.py for this Material version"
        )
    return css.replace(SWITCHING_GUARD, "")
