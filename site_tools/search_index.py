r"""MkDocs hooks that finish Material's search index for the notes' search worker.

Material's search plugin writes ``search/search_index.json`` from each page's HTML, keeping
only text and a few tags. Two things it cannot do for these notes, done here after it:

* **Readable math.** The pages typeset TeX as MathML at build time (``site_tools/mathml.py``);
  the plugin keeps a formula's text nodes run together, so ``\hat{y} = g(w_0 + \sum ...)``
  reaches a search result as ``y^=g(w0+∑i=1mxiwi)``. Each formula's run-together text is
  replaced by a linear form with ``<sub>``/``<sup>`` (tags the plugin itself keeps), e.g.
  ``ŷ = g(w<sub>0</sub> + ∑<sub>i=1</sub><sup>m</sup>x<sub>i</sub>w<sub>i</sub>)``.
* **Synonyms.** Every abbreviation of the glossary (``includes/abbreviations.md``) and the
  curated ``extra.search_synonyms`` of ``mkdocs.yml`` go into the index's ``config`` as
  ``synonyms`` (term -> words added to a query), which Material passes to the worker.

Registered in ``mkdocs.yml`` after ``site_tools/hooks.py``, so it sees the typeset MathML.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

ABBREVIATIONS = Path(__file__).resolve().parent.parent / "includes" / "abbreviations.md"
_MATH = re.compile(r"<math\b.*?</math>", re.S)
_ABBR = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<text>.+)$", re.M)

# Readable linear math: relations get spaces around them; accents become combining marks.
# (Escapes for the characters that look like ASCII ones: minus, times, tilde operator.)
MINUS = "\u2212"
_SPACED = {"=", "≈", "≠", "<", ">", "≤", "≥", "←", "→", "⟺", "⟹", "∈", "\u223c", "~", "+", MINUS}
_SPACED |= {"±", "\u00d7"}
_ACCENTS = {"^": "\u0302", "\u02c6": "\u0302", "¯": "\u0305", "‾": "\u0305", "~": "\u0303"}
_ACCENTS["˙"] = "\u0307"

# Formulas of each page as (text Material indexes, readable form), in page order; filled as
# pages are rendered, used once the index is written.
_formulas: dict[str, list[tuple[str, str]]] = {}


# ---------------------------------------------------------------- math as text


def _text(element: ET.Element) -> str:
    return html.escape((element.text or "").strip(), quote=False)


def _atomic(s: str) -> bool:
    plain = re.sub(r"<[^>]+>", "", s)
    return len(plain) <= 1 or bool(re.fullmatch(r"[\w.]+|\(.*\)", plain))


def _wrap(s: str) -> str:
    return s if _atomic(s) else f"({s})"


def _linear(element: ET.Element) -> str:
    """One MathML element as readable HTML text (escaped; only <sub> and <sup> tags)."""
    tag = element.tag
    kids = list(element)
    if tag in ("mi", "mn", "mtext"):
        text = _text(element)
        return f"{text} " if tag == "mi" and len(text) > 1 else text
    if tag == "mo":
        op = _text(element)
        if op == ",":
            return ", "
        return f" {op} " if op in {html.escape(s, quote=False) for s in _SPACED} else op
    if tag == "mspace":
        return " "
    if tag == "mphantom":
        return ""
    if tag == "msub" and len(kids) == 2:
        return f"{_linear(kids[0])}<sub>{_linear(kids[1]).strip()}</sub>"
    if tag == "msup" and len(kids) == 2:
        return f"{_linear(kids[0])}<sup>{_linear(kids[1]).strip()}</sup>"
    if tag in ("msubsup", "munderover") and len(kids) == 3:
        base, low, high = (_linear(k).strip() for k in kids)
        return f"{base}<sub>{low}</sub><sup>{high}</sup>"
    if tag == "munder" and len(kids) == 2:
        return f"{_linear(kids[0]).strip()}<sub>{_linear(kids[1]).strip()}</sub> "
    if tag == "mover" and len(kids) == 2:
        base, over = _linear(kids[0]).strip(), (kids[1].text or "").strip()
        if over in _ACCENTS:
            return base + _ACCENTS[over]
        return f"{base}<sup>{_linear(kids[1]).strip()}</sup>"
    if tag == "mfrac" and len(kids) == 2:
        top, bottom = (_linear(k).strip() for k in kids)
        return f"{_wrap(top)}/{_wrap(bottom)}"
    if tag == "msqrt":
        inner = "".join(_linear(k) for k in kids).strip()
        return f"√{_wrap(inner)}"
    if tag == "mtable":
        return "; ".join(_linear(row).strip() for row in kids)
    if tag == "mtr":
        return " ".join(_linear(cell).strip() for cell in kids)
    # math, mrow, mstyle, mtd, mpadded, semantics, ...: a row of its children, where a
    # leading sign is unary: (-1, 2), not (- 1, 2)
    parts = [_linear(k) for k in kids]
    if parts and kids[0].tag == "mo" and parts[0].strip() in {MINUS, "+"}:
        parts[0] = parts[0].strip()
    return "".join(parts)


def readable(mathml: str) -> str:
    """A ``<math>`` element as one line of readable text: ``ŷ = g(z)``, ``x<sub>1</sub>``.

    Raises ValueError (naming the formula) if ``mathml`` is not a well-formed element.
    """
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError as error:
        message = f"mathml: not a well-formed <math> element ({error}): {mathml[:80]}"
        raise ValueError(message) from error
    text = _linear(root)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+([),;])", r"\1", text)
    # a sign after an opening bracket or a relation is unary: "z = -6"
    text = re.sub(rf"(^|[(,=≈≤≥←]\s|\()([{MINUS}+])\s", r"\1\2", text)
    # scripts read best tight: ∑<sub>i=1</sub>
    text = re.sub(r"<(sub|sup)>(.*?)</\1>", lambda m: m[0].replace(" ", ""), text)
    # one character where Unicode has one: "ŷ", not "y" and a combining circumflex
    return unicodedata.normalize("NFC", text)


def indexed_text(mathml: str) -> str:
    """What Material's search plugin keeps of a formula: its text nodes, run together."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(mathml)
    parser.close()
    return "".join(part for section in parser.data for part in section.text).strip()


def swap_formulas(texts: list[str], formulas: list[tuple[str, str]]) -> list[str]:
    """Replace each formula's indexed text by its readable form in a page's section texts.

    The formulas and the sections are both in page order, so each formula is looked for
    after the previous one: first further on in the same section, then in the sections
    after it. A formula found nowhere (in a part of the page the index leaves out) is
    skipped without moving on, so it cannot pull later formulas out of place.
    """
    out = list(texts)
    section, cursor = 0, 0
    for soup, nice in formulas:
        if not soup:
            continue
        for i in range(section, len(out)):
            at = out[i].find(soup, cursor if i == section else 0)
            if at >= 0:
                out[i] = out[i][:at] + nice + out[i][at + len(soup) :]
                section, cursor = i, at + len(nice)
                break
    return out


# ---------------------------------------------------------------- synonyms


def glossary_synonyms(path: Path = ABBREVIATIONS) -> dict[str, str]:
    """Abbreviation -> its expansion, from the glossary's ``*[ABBR]: expansion`` lines.

    The expansion is cut at its first comma or parenthesis ("Adam" -> "Adaptive Moment
    Estimation", not "..., an optimiser").
    """
    synonyms = {}
    for match in _ABBR.finditer(path.read_text(encoding="utf-8")):
        expansion = re.split(r",|\(|:", match["text"])[0].strip()
        if expansion and expansion.lower() != match["abbr"].lower():
            synonyms[match["abbr"].lower()] = expansion
    return synonyms


# ---------------------------------------------------------------- hooks


@functools.lru_cache(maxsize=4096)
def forms(mathml: str) -> tuple[str, str]:
    """A formula's text as the index holds it, and its readable form (memoised)."""
    return indexed_text(mathml), readable(mathml)


@event_priority(-50)  # after site_tools/hooks.py has typeset the math
def on_page_content(html_text: str, page: Any, **_: Any) -> str:
    """Note each formula of the page: the text the index will hold, and its readable form."""
    # MkDocs runs a hooks file afresh for every build (``mkdocs serve``); the module as
    # imported keeps its memo from one rebuild to the next.
    from site_tools.search_index import forms

    formulas = []
    for match in _MATH.finditer(html_text):
        soup, nice = forms(match[0])
        if soup != nice:
            formulas.append((soup, nice))
    _formulas[page.url] = formulas
    return html_text


# Material's page config names its own worker, ``assets/javascripts/workers/search.HASH.min.js``.
_STOCK_WORKER = re.compile(r'("search":\s*"[^"]*?)assets/javascripts/workers/search\.\w+\.min\.js"')


def on_post_page(output: str, **_: Any) -> str:
    """Point Material's search box at the notes' worker (MiniSearch; why: the worker's header).

    Done on the finished page rather than in a theme template so that the templates stay
    plain Jinja that Zensical's engine renders too.
    """
    return _STOCK_WORKER.sub(r'\1assets/javascripts/search/worker.js"', output)


@event_priority(-50)  # after Material's search plugin has written the index
def on_post_build(config: Any, **_: Any) -> None:
    """Swap the indexed formulas for readable ones; add the synonyms to the index config."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in index["docs"]:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    for page, docs in pages.items():
        texts = swap_formulas([doc["text"] for doc in docs], _formulas.get(page, []))
        for doc, text in zip(docs, texts, strict=True):
            doc["text"] = text
    curated = {k.lower(): v for k, v in (config.extra.get("search_synonyms") or {}).items()}
    index["config"]["synonyms"] = {**glossary_synonyms(), **curated}
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
