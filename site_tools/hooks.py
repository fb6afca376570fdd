"""MkDocs hooks: the one file that adapts the notes' build to MkDocs.

The build logic lives in the Markdown extension (:mod:`site_tools.extension`) and plain
functions; this adapter does only what needs MkDocs' own objects:

- renders the figures once per build (:func:`site_tools.figure_markup.prepare`), adds
  their files to the site as virtual files and hands the facts to the extension;
- tells the extension which page it is converting;
- trims autorefs' link titles on the finished page (autorefs fills them in after Markdown);
- keeps compiled page templates (Material's and mkdocstrings') in a bytecode cache, so a
  build loads them instead of compiling them again (a sixth of a warm build otherwise).
"""

from __future__ import annotations

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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Compiled API templates from ``.cache/jinja/`` (mkdocstrings renders before on_env)."""
    if "mkdocstrings" in config.plugins:
        handler = config.plugins["mkdocstrings"].get_handler("python")
        handler.env.bytecode_cache = _template_cache(config)
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
