"""The notes' Python-Markdown extension: everything the site adds to Markdown, in one place.

Listed under ``markdown_extensions`` in ``mkdocs.yml`` as ``site_tools.extension``, so any
generator that reads that list and runs Python-Markdown (MkDocs, Zensical) gets the same
pages. Nothing here imports a site generator; the build adapter (``site_tools/hooks.py`` for
MkDocs, ``site_tools/zensical_build.py`` for Zensical) passes in what only it knows.

Markers
    ``{{ kind: argument }}`` lines are expanded first, before any other Markdown step, by
    the handlers in :data:`site_tools.markers.HANDLERS`. ``figures`` (option) is the build's
    :class:`~site_tools.figure_markup.RenderedFigures`, or the path of its JSON manifest;
    ``page`` (option) is the source path of the page being converted, which the MkDocs
    adapter sets before each page. Zensical registers its own page context on every
    conversion, and the page path is read from there when ``page`` is not set.
Math
    The HTML of every conversion is typeset by :func:`site_tools.mathml.typeset` (TeX from
    ``pymdownx.arithmatex`` to MathML), last, once every other step has run;
    ``typeset_math: false`` leaves the TeX for a script in the browser.

Tables
    Every table is written inside the two scroll boxes Material's script would put it in
    (``div.md-typeset__scrollwrap > div.md-typeset__table``), with the class ``notes-table``.
    The script wraps each ``table:not([class])`` when the page starts; moving a table that
    way restyles and lays out its whole subtree, MathML and all, before Chromium knows which
    blocks are off screen, the longest task of a lecture page's load. The class keeps the
    script's hands off, and ``extra.css`` gives ``table.notes-table`` Material's table rules.

Abbreviations
    ``abbreviations: FILE`` loads ``*[ABBR]: definition`` lines from ``FILE`` once and hands
    them to Python-Markdown's ``abbr`` extension as its glossary, which this extension
    registers. Appending the file to every conversion instead (``pymdownx.snippets``'
    ``auto_append``) made every docstring on the API pages parse the fifty definitions again,
    and ``abbr``'s block processor is quadratic in a run of consecutive definition lines: that
    was over half of a warm build.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from site_tools import markers, mathml
from site_tools.figure_markup import RenderedFigures

__all__ = ["TABLE_CLASS", "NotesExtension", "load_glossary", "makeExtension"]

TABLE_CLASS = "notes-table"
"""The class of a table written inside Material's scroll boxes (see Tables above)."""

_GLOSSARIES: dict[Path, tuple[tuple[int, int], dict[str, str]]] = {}
"""``path -> ((mtime_ns, size), glossary)``: read once while the file is unchanged."""


def load_glossary(path: str | Path) -> dict[str, str]:
    """The abbreviations defined in a Markdown file of ``*[ABBR]: definition`` lines.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    dict
        ``abbreviation -> definition``, parsed as Python-Markdown's ``abbr`` parses a
        definition in a page (a later definition of the same abbreviation wins).

    Raises
    ------
    ValueError
        If a non-blank line of the file is not a definition (it would otherwise have shown
        up as text on every page).
    """
    path = Path(path)
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _GLOSSARIES.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    glossary: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = AbbrBlockprocessor.RE.fullmatch(line)
        if match is None or not match["abbr"].strip() or not match["title"].strip():
            raise ValueError(f"{path}:{number}: not an abbreviation definition: {line!r}")
        glossary[match["abbr"].strip()] = match["title"].strip()
    _GLOSSARIES[path] = (stamp, glossary)
    return glossary


@functools.lru_cache(maxsize=4)
def _manifest(path: str, stamp: tuple[int, int]) -> RenderedFigures:
    return RenderedFigures.from_json(Path(path).read_text(encoding="utf-8"))


def _figures(value: RenderedFigures | str) -> RenderedFigures | None:
    if not value:
        return None
    if isinstance(value, RenderedFigures):
        return value
    stat = Path(value).stat()
    return _manifest(str(value), (stat.st_mtime_ns, stat.st_size))


def _generator_page_path(md: Markdown) -> str | None:
    """The page path a generator registered on ``md`` itself (Zensical: a context step)."""
    for processor in md.preprocessors:
        path = getattr(getattr(processor, "page", None), "path", None)
        if isinstance(path, str):
            return path
    return None


class _MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: NotesExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        config = self.extension.getConfigs()
        path = config["page"] or _generator_page_path(self.md) or "(page)"
        page = markers.Page(path, _figures(config["figures"]))
        return markers.expand("\n".join(lines), page).split("\n")


class _TableTreeprocessor(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(parent):
                if child.tag == "table" and "class" not in child.attrib:
                    scrollwrap = ElementTree.Element("div", {"class": "md-typeset__scrollwrap"})
                    box = ElementTree.SubElement(scrollwrap, "div", {"class": "md-typeset__table"})
                    box.append(child)
                    scrollwrap.tail, child.tail = child.tail, None
                    child.set("class", TABLE_CLASS)
                    parent[index] = scrollwrap


class _MathPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        # Looked up on the module at call time, so that a benchmark variant can swap it.
        return mathml.typeset(text)


class NotesExtension(Extension):
    """Register the notes' additions to Markdown (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "abbreviations": ["", "File of *[ABBR]: definition lines applied to every page"],
            # Not None: Python-Markdown would turn a non-string value into a bool.
            "figures": ["", "RenderedFigures, or the path of its JSON manifest"],
            "page": ["", "Source path of the page being converted (set by the adapter)"],
            "typeset_math": [True, "Typeset arithmatex's TeX as MathML"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's API)
        """Register the marker step, the glossary with ``abbr``, tables and math typesetting."""
        # Before every other preprocessor (snippets: 32, whitespace: 30, HTML blocks: 20):
        # a marker expands to Markdown and HTML that the rest of the pipeline must see.
        md.preprocessors.register(_MarkerPreprocessor(md, self), "notes_markers", 35)
        glossary_file = self.getConfig("abbreviations")
        glossary = load_glossary(glossary_file) if glossary_file else {}
        AbbrExtension(glossary=glossary).extendMarkdown(md)
        # After the inline patterns (20) and prettify (10): the tables are complete by then.
        md.treeprocessors.register(_TableTreeprocessor(md), "notes_tables", 5)
        if self.getConfig("typeset_math"):
            # After raw HTML (30) and everything else is back in place.
            md.postprocessors.register(_MathPostprocessor(md), "notes_mathml", 1)


def makeExtension(**kwargs: Any) -> NotesExtension:  # noqa: N802  (Python-Markdown's API)
    """Entry point for ``markdown_extensions: [site_tools.extension]``."""
    return NotesExtension(**kwargs)
