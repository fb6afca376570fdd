"""Typeset the notes' TeX as MathML at build time, so pages need no math script or CDN.

Browsers render MathML natively and screen readers read it as mathematics, so the pages
need no JavaScript for their formulas. Every ``<math>`` keeps its TeX source in ``alttext``
as a fallback for assistive technology and for copying.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ET

from latex2mathml.converter import convert

# pymdownx.arithmatex (generic mode) wraps math as \( … \) in a span and \[ … \] in a div
# (environments such as \begin{align*} … \end{align*} arrive wrapped in \[ … \] as well).
# Extra classes or an id on the wrapper (from attr_list or fences) are kept.
_INLINE = re.compile(
    r'<span class="arithmatex(?P<attrs>[^"]*"[^>]*)>\\\((?P<tex>.+?)\\\)</span>', re.S
)
_BLOCK = re.compile(
    r'<div class="arithmatex(?P<attrs>[^"]*"[^>]*)>\s*\\\[(?P<tex>.+?)\\\]\s*</div>', re.S
)

# latex2mathml renders `aligned` as one run of text with a stray "&", and numbers every
# `align` from (1) on each formula; `align*` gives the same aligned table with no numbers.
_ENVIRONMENTS = {"aligned": "align*", "align": "align*", "split": "align*"}
_ENVIRONMENT = re.compile(r"\\(begin|end)\{(" + "|".join(_ENVIRONMENTS) + r")\}")

# Output that browsers cannot show faithfully: an alignment "&" left as an identifier, and
# a line break outside a table (MathML Core, which Chromium implements, ignores it).
_UNSUPPORTED = {
    "<mi>&</mi>": "an alignment '&' outside an aligning environment (use align*)",
    'linebreak="newline"': r"a line break '\\' outside an aligning environment (use align*)",
}


_NS = "{http://www.w3.org/1998/Math/MathML}"


class MathError(ValueError):
    """A formula that cannot be typeset as MathML that browsers render faithfully."""


def _normalise(tex: str) -> str:
    return _ENVIRONMENT.sub(lambda m: f"\\{m[1]}{{{_ENVIRONMENTS[m[2]]}}}", tex)


@functools.lru_cache(maxsize=4096)
def to_mathml(tex: str, display: str = "inline") -> str:
    """Convert one TeX formula to a ``<math>`` element.

    Parameters
    ----------
    tex
        The formula, without delimiters; HTML entities (as arithmatex escapes ``<`` and
        ``&``) are decoded first.
    display
        ``"inline"`` or ``"block"``.

    Returns
    -------
    str
        A ``<math>`` element with ``display`` set and the TeX source in ``alttext``.

    Raises
    ------
    MathError
        If latex2mathml fails or its output would render wrongly in a browser.

    Notes
    -----
    Memoised: the same formula recurs across pages and across the rebuilds of
    ``mkdocs serve``, and latex2mathml is the slowest step of typesetting.
    """
    source = html.unescape(tex).strip()
    try:
        mathml = convert(_normalise(source), display=display)
    except Exception as error:  # latex2mathml raises assorted exception types
        raise MathError(f"cannot typeset {source!r}: {error}") from error
    for fragment, problem in _UNSUPPORTED.items():
        if fragment in mathml:
            raise MathError(f"cannot typeset {source!r}: {problem}")
    # The raw "&" latex2mathml may emit elsewhere is not valid in HTML text; escape it.
    mathml = re.sub(r"&(?!#?\w+;)", "&amp;", mathml)
    return _compact(mathml, alttext=source)


def _compact(mathml: str, alttext: str) -> str:
    """Serialise latex2mathml's output smaller: fewer nodes to style and lay out, fewer bytes.

    Drops an ``<mrow>`` that only wraps one element (but keeps it around an ``<mo>``, whose
    spacing depends on its position in a row) and the row directly under ``<math>`` (itself a
    row), writes characters instead of numeric references, and leaves out ``xmlns``, which
    HTML does not need. The TeX source goes into ``alttext``.
    """
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError as error:  # e.g. a control character from a mis-escaped docstring
        raise MathError(f"cannot typeset {alttext!r}: invalid MathML ({error})") from error
    for element in root.iter():
        element.tag = element.tag.removeprefix(_NS)
    _unwrap_rows(root)
    if len(root) == 1 and root[0].tag == "mrow" and not root[0].attrib:
        row = root[0]
        root.remove(row)
        root.extend(row)
    root.attrib = {"alttext": alttext, **root.attrib}
    return ET.tostring(root, encoding="unicode")


def _unwrap_rows(element: ET.Element) -> None:
    for index, child in enumerate(element):
        while (
            child.tag == "mrow"
            and not child.attrib
            and len(child) == 1
            and not (child.text or "").strip()
            and child[0].tag != "mo"
        ):
            grandchild = child[0]
            grandchild.tail = child.tail
            element[index] = child = grandchild
        _unwrap_rows(child)


def _focusable(attrs: str) -> str:
    # A wide display equation scrolls inside its box on a phone; a keyboard user can only
    # scroll a box that takes focus (WCAG 2.1.1, axe scrollable-region-focusable).
    return attrs if "tabindex" in attrs else f'{attrs} tabindex="0"'


def typeset(page_html: str) -> str:
    r"""Replace arithmatex's TeX placeholders in ``page_html`` by MathML.

    Parameters
    ----------
    page_html
        A page's HTML as rendered from Markdown.

    Returns
    -------
    str
        The same HTML with every ``\[ … \]`` div holding MathML, and every ``\( … \)``
        span replaced by its MathML (kept on one line with punctuation right after it).

    Raises
    ------
    MathError
        If a formula cannot be typeset.
    """
    page_html = _BLOCK.sub(
        lambda m: (
            f'<div class="arithmatex{_focusable(m["attrs"])}>{to_mathml(m["tex"], "block")}</div>'
        ),
        page_html,
    )
    page_html = _INLINE.sub(_inline, page_html)
    return _MATH_THEN_PUNCTUATION.sub(r'<span class="notes-nobr">\1\2</span>', page_html)


# Chromium may break a line right after an inline <math>, leaving the comma or full stop
# that follows it alone at the start of the next line; a no-wrap span keeps them together.
# Not twice: typesetting runs on a docstring's HTML and again on the page that embeds it.
_MATH_THEN_PUNCTUATION = re.compile(
    r'(?<!<span class="notes-nobr">)'
    r'(<math\b[^>]*display="inline"[^>]*>(?:(?!</math>).)*</math>)([,.;:!?)\]]+)',
    re.S,
)


def _inline(match: re.Match[str]) -> str:
    # A bare <math> in the text: the wrapper span styled nothing, and a long note has a
    # hundred of them, each an element the browser restyles whenever Material's start-up
    # script invalidates the page. A span with attributes of its own (an id) stays.
    math = to_mathml(match["tex"], "inline")
    if match["attrs"] == '"':
        return math
    return f'<span class="arithmatex{match["attrs"]}>{math}</span>'
