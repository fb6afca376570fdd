"""The notes' own scripts and stylesheets as the site ships them: without comments.

Every page loads them, and a phone pays for each kilobyte on a first visit (``make bench``
weighs the lecture pages against default Material). The sources under ``docs/assets/`` keep
their comments, which say why the code is as it is; the site ships the code alone. rjsmin
and rcssmin leave strings, template literals and regular expressions as they are, and keep
``/*! ... */`` comments (licences). Files already minified (``*.min.js``) are left alone.
"""

from __future__ import annotations

import rcssmin
import rjsmin


def minified(name: str, text: str) -> str:
    """``text``, the content of the asset ``name``, minified by its type (else unchanged)."""
    if ".min." in name:
        return text
    if name.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=True)
    if name.endswith(".css"):
        return rcssmin.cssmin(text, keep_bang_comments=True)
    return text
