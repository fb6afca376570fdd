"""MkDocs hooks: the one file that adapts the notes' build to MkDocs.

The build logic lives in the Markdown extension (:mod:`site_tools.extension`) and plain
functions; this adapter does only what needs MkDocs' own objects:

- renders the figures once per build (:func:`site_tools.figure_markup.prepare`), adds
  their files to the site as virtual files and hands the facts to the extension;
- tells the extension which page it is converting;
- trims autorefs' link titles on the finished page (autorefs fills them in after Markdown);
- drops the rule of Material's palette stylesheet that makes its start-up restyle every
  element twice (:mod:`site_tools.startup`);
- ships the notes' own scripts and stylesheets without their comments
  (:mod:`site_tools.assets`);
- keeps compiled page templates (Material's, mkdocstrings' and the print edition's) in a
  bytecode cache, so a build loads them instead of compiling them again;
- installs the build caches of :mod:`site_tools.build_cache`: a rebuild converts only the
  pages whose Markdown or inputs changed, and indexes only the pages whose HTML changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_tools import assets, build_cache, figure_markup, link_titles, startup

EXTENSION = "site_tools.extension"
PACKAGES = ("notes_lib", "figures")
"""The Python packages the pages are made from: the API pages document them, and the notes'
markers and figures compute with them."""


def _options(config: MkDocsConfig) -> dict[str, Any]:
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"site_tools/hooks.py needs {EXTENSION} in markdown_extensions")
    return config.mdx_configs.setdefault(EXTENSION, {})


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Render or fetch every figure; minify the notes' own scripts and stylesheets.

    Also drops the palette stylesheet's switching rule.

    A figure function that raises fails the build; so does a palette stylesheet without
    the rule :mod:`site_tools.startup` expects.
    """
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
    docs = Path(config.docs_dir).resolve()
    for file in files.media_files():
        uri = file.src_uri
        own = file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs)
        if own and uri.endswith((".js", ".css")):
            file.content_string = assets.minified(uri, file.content_string)
        elif uri.startswith("assets/stylesheets/palette.") and uri.endswith(".css"):
            try:
                file.content_string = startup.without_switching_guard(file.content_string)
            except ValueError as error:
                raise PluginError(f"{file.abs_src_path}: {error}") from error
    return files


def _template_cache(config: MkDocsConfig) -> FileSystemBytecodeCache:
    # Jinja keys each entry on the template's name and a checksum of its source, so an
    # edited template is compiled again: the cache changes how fast pages render, not what.
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Compiled API templates, page conversions and search entries from ``.cache/``.

    mkdocstrings renders before ``on_env``; Material's search plugin made its index in its
    own ``on_config``, which runs before this one.
    """
    if "mkdocstrings" in config.plugins:
        handler = config.plugins["mkdocstrings"].get_handler("python")
        handler.env.bytecode_cache = _template_cache(config)
    # Every environment the theme makes: MkDocs' own and the print-site plugin's, which
    # renders the print edition with a fresh one.
    make_env = config.theme.get_env

    def get_env() -> Environment:
        env = make_env()
        env.bytecode_cache = _template_cache(config)
        build_cache.cache_theme_listing(config, env)
        return build_cache.cache_page_templates(config, env)

    config.theme.get_env = get_env
    build_cache.cache_search_entries(config)
    # On the configuration, like MkDocs' own ``_current_page``: it lives for one build
    # (``mkdocs serve`` loads the configuration again for every rebuild).
    config._notes_page_cache = build_cache.cache_page_conversions(config, PACKAGES)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Name the page for the extension, which converts it next (or takes it from the cache)."""
    _options(config)["page"] = page.file.src_uri
    config._notes_page_cache(page)
    return markdown


def on_post_page(output: str, **_: Any) -> str:
    """Trim the white space that autorefs leaves around link titles."""
    return link_titles.trim(output)
