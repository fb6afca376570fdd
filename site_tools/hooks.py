"""MkDocs hooks: the one file that adapts the notes' build to MkDocs.

The build logic lives in the Markdown extension (:mod:`site_tools.extension`) and plain
functions; this adapter does only what needs MkDocs' own objects:

- renders the figures once per build (:func:`site_tools.figure_markup.prepare`), adds
  their files to the site as virtual files and hands the facts to the extension;
- tells the extension which page it is converting;
- trims autorefs' link titles on the finished page (autorefs fills them in after Markdown);
- keeps compiled page templates (Material's and mkdocstrings') in a bytecode cache, so a
  build loads them instead of compiling them again (a sixth of a warm build otherwise);
- keeps the search index's entries for each page in a cache keyed on everything they are
  made from, so a rebuild parses only the pages whose HTML changed (Material's search plugin
  parses every page's HTML in pure Python).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_tools import figure_markup, link_titles

EXTENSION = "site_tools.extension"


def _options(config: MkDocsConfig) -> dict[str, Any]:
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"site_tools/hooks.py needs {EXTENSION} in markdown_extensions")
    return config.mdx_configs.setdefault(EXTENSION, {})


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Render or fetch every figure; a figure function that raises fails the build."""
    try:
        figures = figure_markup.prepare(config.docs_dir)
    except figure_markup.FigureError as error:
        raise PluginError(str(error)) from error
    for site_path, source in figures.files.items():
        files.append(File.generated(config, site_path, abs_src_path=str(source)))
    if figures.enabled:
        content = figures.listings_json()
        files.append(File.generated(config, figure_markup.LISTINGS, content=content))
    _options(config)["figures"] = figures
    return files


def _template_cache(config: MkDocsConfig) -> FileSystemBytecodeCache:
    # Jinja keys each entry on the template's name and a checksum of its source, so an
    # edited template is compiled again: the cache changes how fast pages render, not what.
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def _toc(items: Any) -> list[Any]:
    return [[item.id, item.url, item.title, item.level, _toc(item.children)] for item in items]


def _cache_search_entries(config: MkDocsConfig) -> None:
    """Serve each page's search entries from ``.cache/search/`` when nothing changed.

    The key is everything the entries are made of: the page's HTML, address, title, metadata
    and table of contents, and the version of Material that makes them (its
    ``SearchIndex.add_entry_from_context``). ``NOTES_SEARCH_CACHE`` moves the cache.
    """
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return
    index = search.search_index
    index_page = index.add_entry_from_context
    default = Path(config.config_file_path).parent / ".cache" / "search"
    folder = Path(os.environ.get("NOTES_SEARCH_CACHE") or default)
    material = version("mkdocs-material")

    def add_entry_from_context(page: Page) -> None:
        made_of = [material, page.url, page.title, page.meta, page.content, _toc(page.toc)]
        key = hashlib.sha256(json.dumps(made_of, default=str).encode()).hexdigest()
        cached = folder / f"{key}.json"
        if cached.is_file():
            index.entries.extend(json.loads(cached.read_text(encoding="utf-8")))
            return
        start = len(index.entries)
        index_page(page)
        folder.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: builds running side by side share the cache.
        with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, encoding="utf-8") as f:
            json.dump(index.entries[start:], f)
        os.replace(f.name, cached)

    index.add_entry_from_context = add_entry_from_context


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Compiled API templates and search entries from ``.cache/``.

    mkdocstrings renders before ``on_env``; Material's search plugin made its index in its
    own ``on_config``, which runs before this one.
    """
    if "mkdocstrings" in config.plugins:
        handler = config.plugins["mkdocstrings"].get_handler("python")
        handler.env.bytecode_cache = _template_cache(config)
    _cache_search_entries(config)
    return config


def on_env(env: Environment, config: MkDocsConfig, **_: Any) -> Environment:
    """Compiled theme templates from ``.cache/jinja/``."""
    env.bytecode_cache = _template_cache(config)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Name the page for the extension, which converts it next."""
    _options(config)["page"] = page.file.src_uri
    return markdown


def on_post_page(output: str, **_: Any) -> str:
    """Trim the white space that autorefs leaves around link titles."""
    return link_titles.trim(output)
