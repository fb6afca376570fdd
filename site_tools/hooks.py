"""MkDocs hooks: the one file that adapts the notes' build steps to MkDocs."""

from __future__ import annotations

import re
from typing import Any

from mkdocs.exceptions import PluginError

from site_tools import activation_facts as _activation_facts  # noqa: F401  registers its marker
from site_tools import explorer as _explorer  # noqa: F401  registers the explorer marker
from site_tools import figure_markup as _figure_markup  # noqa: F401  registers {{ figure: }}
from site_tools import markers, mathml


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Expand ``{{ kind: argument }}`` markers; a bad one fails the build naming the page."""
    try:
        return markers.expand(markdown, page.file.src_uri)
    except markers.MarkerError as error:
        raise PluginError(str(error)) from error


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """Typeset math at build time; a formula that cannot be typeset fails the build."""
    try:
        return mathml.typeset(html)
    except mathml.MathError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


# mkdocstrings' object headings start with an indented symbol tag, and autorefs copies the
# heading's text, indentation included, into the title (the hover text) of every link to
# the object: "            sigmoid".
_PADDED_TITLE = re.compile(r'( title=")\s+([^"]*?)\s*"')


def on_post_page(output: str, **_: Any) -> str:
    """Trim the white space that autorefs leaves around link titles."""
    return _PADDED_TITLE.sub(r'\1\2"', output)
