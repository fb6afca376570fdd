"""Trim the white space that mkdocs-autorefs copies into link titles.

mkdocstrings' object headings start with an indented symbol tag, and autorefs copies the
heading's text, indentation included, into the title (the hover text) of every link to the
object: ``"            sigmoid"``. Autorefs fills those titles in after Markdown, when every
page's anchors are known, so this runs on the finished page, not in the Markdown extension.
"""

from __future__ import annotations

import re

__all__ = ["trim"]

_PADDED_TITLE = re.compile(r'( title=")\s+([^"]*?)\s*"')


def trim(page_html: str) -> str:
    """``page_html`` with the text of padded ``title`` attributes trimmed."""
    return _PADDED_TITLE.sub(r'\1\2"', page_html)
