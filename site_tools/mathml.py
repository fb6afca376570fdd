"""Typeset the notes' TeX as MathML at build time, so pages need no math script or CDN."""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

# pymdownx.arithmatex (generic mode) wraps math as \( … \) in a span and \[ … \] in a div.
_INLINE = re.compile(r'<span class="arithmatex">\\\((?P<tex>.+?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(?P<tex>.+?)\\\]</div>', re.S)


class MathError(ValueError):
    """A formula that latex2mathml cannot typeset."""


def _to_mathml(tex: str, display: str) -> str:
    source = html.unescape(tex).strip()
    try:
        mathml = convert(source, display=display)
    except Exception as error:  # latex2mathml raises assorted exception types
        raise MathError(f"cannot typeset {source!r}: {error}") from error
    # Keep the TeX for screen readers' copy and for search as an annotation-free alttext.
    return mathml.replace("<math ", f'<math alttext="{html.escape(source, quote=True)}" ', 1)


def typeset(page_html: str) -> str:
    """Replace arithmatex's TeX placeholders in ``page_html`` by MathML."""
    page_html = _BLOCK.sub(
        lambda m: f'<div class="arithmatex">{_to_mathml(m["tex"], "block")}</div>', page_html
    )
    return _INLINE.sub(
        lambda m: f'<span class="arithmatex">{_to_mathml(m["tex"], "inline")}</span>', page_html
    )
