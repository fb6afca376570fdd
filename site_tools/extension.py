"""The notes' Python-Markdown extension: everything the site adds to Markdown, in one place.

Listed under ``markdown_extensions`` in ``mkdocs.yml`` as ``site_tools.extension``, so any
generator that reads that list and runs Python-Markdown (MkDocs, Zensical) gets the same
pages. Nothing here imports MkDocs.

Abbreviations
    ``abbreviations: FILE`` loads ``*[ABBR]: definition`` lines from ``FILE`` once and hands
    them to Python-Markdown's ``abbr`` extension as its glossary, which this extension
    registers. Appending the file to every conversion instead (``pymdownx.snippets``'
    ``auto_append``) made every docstring on the API pages parse the fifty definitions again,
    and ``abbr``'s block processor is quadratic in a run of consecutive definition lines: that
    was over half of a warm build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension

__all__ = ["NotesExtension", "load_glossary", "makeExtension"]

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


class NotesExtension(Extension):
    """Register the notes' additions to Markdown (see the module docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "abbreviations": ["", "File of *[ABBR]: definition lines applied to every page"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  (Python-Markdown's API)
        """Register the glossary with ``abbr``."""
        glossary_file = self.getConfig("abbreviations")
        glossary = load_glossary(glossary_file) if glossary_file else {}
        AbbrExtension(glossary=glossary).extendMarkdown(md)


def makeExtension(**kwargs: Any) -> NotesExtension:  # noqa: N802  (Python-Markdown's API)
    """Entry point for ``markdown_extensions: [site_tools.extension]``."""
    return NotesExtension(**kwargs)
