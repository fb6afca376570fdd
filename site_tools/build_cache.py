"""MkDocs build caches: a rebuild redoes only the work whose inputs changed.

Part of the MkDocs adapter (``site_tools/hooks.py`` installs them); nothing here is
needed to build the site, only to build it again quickly. Each cache entry is a JSON file
named by the SHA-256 of everything its value is made from, so an entry is either right or
never looked up; entries are written whole and renamed into place, so builds running side
by side can share a folder.

Page conversions (``.cache/pages/``, ``NOTES_PAGE_CACHE`` moves it)
    What MkDocs' ``Page.render`` produces from a page's Markdown: the HTML, the table of
    contents, the title found in it, the anchors it contains and the links to anchors in
    other pages (which strict mode checks after every page is converted), and what the
    conversion registered with autorefs and with mkdocstrings' inventory, replayed in the
    same order on a hit so that cross-references and ``objects.inv`` come out the same.
Rendered pages (in the same folder)
    What the theme's template makes of a page, keyed on the whole template context.
Search entries (``.cache/search/``, ``NOTES_SEARCH_CACHE`` moves it)
    What Material's search plugin makes of a page (it parses every page's HTML in pure
    Python).
Theme files (in memory)
    The installed theme's file list, which MkDocs otherwise walks at every build.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import distributions, version
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from figures import render

__all__ = [
    "cache_page_conversions",
    "cache_page_templates",
    "cache_search_entries",
    "cache_theme_listing",
]

FORMAT = 1
"""Bumped when what an entry holds changes."""

ROOT = Path(__file__).resolve().parent.parent
"""The repository: ``site_tools/`` and the Python packages the pages are made from."""

AUTODOC = re.compile(r"^(?:[ ]{4})*::: ?(\S+)", re.M)
"""mkdocstrings' block: the page renders that Python object's documentation from source."""


def _folder(config: MkDocsConfig, env: str, name: str) -> Path:
    default = Path(config.config_file_path).parent / ".cache" / name
    return Path(os.environ.get(env) or default)


def _key(made_of: Any) -> str:
    return hashlib.sha256(json.dumps(made_of, default=str).encode()).hexdigest()


def _load(folder: Path, key: str) -> Any:
    try:
        return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def _store(folder: Path, key: str, value: Any) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, encoding="utf-8") as f:
        json.dump(value, f)
    os.replace(f.name, folder / f"{key}.json")


def _toc(items: Any) -> list[Any]:
    return [[item.id, item.url, item.title, item.level, _toc(item.children)] for item in items]


# ----------------------------------------------------------------------------- search entries
def cache_search_entries(config: MkDocsConfig) -> None:
    """Serve each page's search entries from the cache when nothing they are made of changed.

    The key: the page's HTML, address, title, metadata and table of contents, and the version
    of Material that makes the entries (its ``SearchIndex.add_entry_from_context``).
    """
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return
    index = search.search_index
    index_page = index.add_entry_from_context
    folder = _folder(config, "NOTES_SEARCH_CACHE", "search")
    material = version("mkdocs-material")

    def add_entry_from_context(page: Page) -> None:
        key = _key([material, page.url, page.title, page.meta, page.content, _toc(page.toc)])
        if (entries := _load(folder, key)) is not None:
            index.entries.extend(entries)
            return
        start = len(index.entries)
        index_page(page)
        _store(folder, key, index.entries[start:])

    index.add_entry_from_context = add_entry_from_context


# ----------------------------------------------------------------------------- page conversions
def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _code(path: Path, module: str, docstrings: bool) -> str:
    """A module's source; without docstrings, what it computes.

    The second is the figure cache's own digest of a module (:mod:`figures.render`): the
    code's AST without docstrings, memoised while the file is unchanged.
    """
    return path.read_text(encoding="utf-8") if docstrings else render._source(path, module)[0]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.lru_cache(maxsize=4)
def _installed_of(stamps: tuple[tuple[str, int], ...]) -> list[str]:
    return sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions()})


def _installed() -> list[str]:
    """Every installed distribution, ``name==version``.

    Memoised while no folder of ``sys.path`` changed: installing or removing a package adds
    or removes a folder there.
    """
    stamps = []
    for entry in sys.path:
        with contextlib.suppress(OSError):
            stamps.append((entry, os.stat(entry or ".").st_mtime_ns))
    return _installed_of(tuple(stamps))


def _site_inputs(config: MkDocsConfig, files: Files, packages: tuple[str, ...]) -> str:
    """A digest of everything outside a page that its conversion can depend on.

    The installed distributions, the configuration file, the extension's code and glossary,
    the build's figures, every file of the site and where it goes (relative links are checked
    against them), and the code of the Python packages the markers compute with, without
    docstrings: a docstring changes the API page that shows it (:func:`_documented`), not
    the numbers in the notes.
    """
    extension = config.mdx_configs.get("site_tools.extension", {})
    modules = sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))
    return _key([
        FORMAT,
        _installed(),
        Path(config.config_file_path).read_text(encoding="utf-8"),
        config.use_directory_urls,
        {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("*.py"))},
        {k: v.to_json() if hasattr(v, "to_json") else v
         for k, v in extension.items() if k != "page"},
        Path(extension["abbreviations"]).read_text(encoding="utf-8")
        if extension.get("abbreviations")
        else "",
        sorted((f.src_uri, f.dest_uri, f.url) for f in files),
        [(str(p.relative_to(ROOT)), _code(p, _module_name(p), docstrings=False)) for p in modules],
    ])  # fmt: skip


def _module_path(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)


@functools.lru_cache(maxsize=256)
def _reexports_of(path: Path, module: str, stamp: tuple[int, int]) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    statements = list(tree.body)
    exported, imports = None, []
    while statements:  # top level, including ``if``/``try`` blocks (e.g. ``TYPE_CHECKING``)
        node = statements.pop(0)
        statements += [n for field in ("body", "orelse", "finalbody") for n in getattr(
            node, field, []) if isinstance(node, ast.If | ast.Try)]  # fmt: skip
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            exported = set(ast.literal_eval(node.value))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            imports += [(a.asname or a.name, [base, f"{base}.{a.name}"]) for a in node.names]
        elif isinstance(node, ast.Import):
            imports += [(a.asname or a.name, [a.name]) for a in node.names]
    return frozenset(
        module
        for name, modules in imports
        if (name in exported if exported is not None else not name.startswith("_"))
        for module in modules
    )


def _documented(markdown: str) -> dict[str, str]:
    """The full source, docstrings included, of what a page's mkdocstrings blocks render.

    For each block's object: its module, and every module whose objects that module
    re-exports (imported names in its ``__all__``, or any public imported name where it has
    none), whose docstrings it shows as its own. Code the rendering only names (annotations,
    base classes) is covered by the site inputs, and third-party modules by their versions.
    """
    sources: dict[str, str] = {}
    for name in AUTODOC.findall(markdown):
        parts = name.split(".")
        prefixes = (".".join(parts[:end]) for end in range(len(parts), 0, -1))
        todo = [next((m for m in prefixes if _module_path(m)), name)]
        while todo:
            module = todo.pop()
            path = _module_path(module)
            if module in sources or path is None:
                continue
            sources[module] = _code(path, module, docstrings=True)
            todo += _reexports_of(path, module, _stamp(path))
    return sources


class _Recorder:
    """Calls made to ``obj.name`` while recording, in order; the calls still go through."""

    def __init__(self, obj: Any, name: str) -> None:
        self.obj, self.name, self.calls = obj, name, []
        self.method: Callable[..., Any] = getattr(obj, name, None)
        self.own = vars(obj).get(name) if obj is not None else None  # set on the object itself

    def __enter__(self) -> _Recorder:
        if self.obj is None:  # nothing to record: the plugin is off
            return self

        def record(*args: Any, **kwargs: Any) -> Any:
            self.calls.append([list(args), kwargs])
            return self.method(*args, **kwargs)

        setattr(self.obj, self.name, record)
        return self

    def __exit__(self, *_: Any) -> None:
        if self.obj is None:
            return
        if self.own is None:
            delattr(self.obj, self.name)
        else:
            setattr(self.obj, self.name, self.own)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def cache_page_conversions(
    config: MkDocsConfig, packages: tuple[str, ...]
) -> Callable[[Page], None]:
    """A function to call on each page before MkDocs converts it: the conversion cache's.

    It makes the page's ``render`` look the conversion up first (``on_page_markdown`` is
    the last event before MkDocs calls ``render``). A conversion that logged a warning is
    not stored, so a rebuild warns again (and strict mode fails again). ``packages``: the
    Python packages the pages are made from (names of folders in :data:`ROOT`).
    """
    folder = _folder(config, "NOTES_PAGE_CACHE", "pages")
    # The registries a conversion writes to besides the page, where their plugins are on.
    autorefs = config.plugins.get("autorefs")
    mkdocstrings = config.plugins.get("mkdocstrings")
    inventory = mkdocstrings.handlers.inventory if mkdocstrings else None
    inputs: list[str] = []  # worked out at the first page, once every file is known

    def use_cache(page: Page) -> None:
        render = page.render

        def cached_render(config: MkDocsConfig, files: Files) -> None:
            if not inputs:
                inputs.append(_site_inputs(config, files, packages))
            made_of = [inputs[0], page.file.src_uri, page.file.dest_uri, page.markdown]
            key = _key([*made_of, _documented(page.markdown)])
            if (entry := _load(folder, key)) is not None:
                _restore(page, files, entry)
                return
            warnings = _Warnings()
            logging.getLogger("mkdocs").addHandler(warnings)
            try:
                with (
                    _Recorder(autorefs, "register_anchor") as anchors,
                    _Recorder(inventory, "register") as objects,
                ):
                    render(config, files)
            finally:
                logging.getLogger("mkdocs").removeHandler(warnings)
            if not warnings.seen and all(call[0][0] is page for call in anchors.calls):
                _store(folder, key, _entry(page, anchors.calls, objects.calls))

        def _restore(page: Page, files: Files, entry: dict[str, Any]) -> None:
            page.content = entry["content"]
            page.toc = get_toc(_tokens(entry["toc"]))
            page._title_from_render = entry["title"]
            page.present_anchor_ids = set(entry["anchors"])
            if entry["links"] is not None:
                page.links_to_anchors = {
                    files.get_file_from_path(target): links
                    for target, links in entry["links"].items()
                }
            for args, kwargs in entry["autorefs"]:
                autorefs.register_anchor(page, *args[1:], **kwargs)
            for args, kwargs in entry["inventory"]:
                inventory.register(*args, **kwargs)  # (none recorded without the plugins)

        page.render = cached_render

    return use_cache


def _entry(page: Page, anchors: list[Any], objects: list[Any]) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": _toc(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {f.src_uri: v for f, v in links.items()},
        "autorefs": [[[None, *args[1:]], kwargs] for args, kwargs in anchors],
        "inventory": objects,
    }


def _tokens(toc: list[Any]) -> list[dict[str, Any]]:
    return [
        {"id": id_, "name": title, "level": level, "children": _tokens(children)}
        for id_, _url, title, level, children in toc
    ]


# ----------------------------------------------------------------------------- theme files
@functools.lru_cache(maxsize=16)
def _templates_in(folder: str, installed: tuple[str, ...]) -> list[str]:
    return FileSystemLoader(folder).list_templates()


def cache_theme_listing(config: MkDocsConfig, env: Environment) -> None:
    """List the theme's installed folders once per process, and the site's overrides always.

    MkDocs lists every file of the theme at each build to copy its static files, and
    Material's folder holds some fifteen thousand (its icons). An installed theme changes
    only with the installed packages, which key the memo; ``custom_dir`` is the author's.
    """
    loader = env.loader
    if not isinstance(loader, FileSystemLoader):
        return
    custom = config.theme.custom_dir

    def list_templates() -> list[str]:
        found: set[str] = set()
        for folder in loader.searchpath:
            if folder == custom:
                found.update(FileSystemLoader(folder).list_templates())
            else:
                found.update(_templates_in(folder, tuple(_installed())))
        return sorted(found)

    loader.list_templates = list_templates


# ----------------------------------------------------------------------------- rendered pages
_CONFIG_VALUES = (
    "site_name", "site_url", "site_description", "site_author", "repo_url", "repo_name",
    "edit_uri", "copyright", "use_directory_urls", "extra", "extra_css",
)  # fmt: skip
"""The configuration as templates read it, besides ``mkdocs.yml`` itself: what plugins or the
environment (``!ENV``) may have set."""


def _nav(items: Any) -> list[Any]:
    return [
        [type(item).__name__, item.title, getattr(item, "url", None), item.active,
         _nav(item.children or [])]
        for item in items
    ]  # fmt: skip


def _link(item: Any) -> Any:
    return None if item is None else [item.title, getattr(item, "url", None)]


def _page(page: Any) -> Any:
    if page is None:
        return None
    names = ("title", "url", "canonical_url", "abs_url", "edit_url", "is_homepage", "meta",
             "content", "active")  # fmt: skip
    return {
        **{name: getattr(page, name, None) for name in names},
        "src": page.file.src_uri,
        "toc": _toc(page.toc),
        "previous": _link(page.previous_page),
        "next": _link(page.next_page),
        "ancestors": [_link(a) for a in page.ancestors],
    }


def _theme_inputs(config: MkDocsConfig) -> str:
    """A digest of what every page's template reads besides the page and the navigation.

    The configuration file, the values in it that plugins and the environment (``!ENV``)
    set, the site's template overrides, and the installed packages (the theme's own
    templates come with its version).
    """
    custom = config.theme.custom_dir
    overrides = sorted(Path(custom).rglob("*")) if custom else []
    return _key([
        FORMAT,
        _installed(),
        Path(config.config_file_path).read_text(encoding="utf-8"),
        {name: config[name] for name in _CONFIG_VALUES},
        [str(script) for script in config.extra_javascript],
        {str(p.relative_to(custom)): p.read_bytes().hex() for p in overrides if p.is_file()},
    ])  # fmt: skip


def cache_page_templates(config: MkDocsConfig, env: Any) -> Any:
    """Have ``env``'s templates take a rendered page from the cache; returns ``env``.

    The key is the template's name and the whole context it renders: the page (its HTML,
    table of contents, metadata, addresses, neighbours and ancestors), the navigation with
    the items marked active for this page, the theme inputs (:func:`_theme_inputs`), and
    every other context value as JSON (``str()`` for what JSON cannot hold, such as the
    build date).
    """
    folder = _folder(config, "NOTES_PAGE_CACHE", "pages")
    inputs: list[str] = []  # worked out at the first page
    get_template = env.get_template

    def with_cache(template: Any) -> Any:
        render = template.render

        def cached_render(*args: Any, **kwargs: Any) -> str:
            if kwargs or len(args) != 1 or not isinstance(args[0], dict):
                return render(*args, **kwargs)  # not a page's context (MkDocs passes one dict)
            if not inputs:
                inputs.append(_theme_inputs(config))
            made_of = {
                key: _page(value) if key == "page"
                else _nav(value) if key == "nav"
                else [f.src_uri for f in value] if key == "pages"
                else None if key == "config"  # in the theme inputs
                else value
                for key, value in args[0].items()
            }  # fmt: skip
            key = _key(["template", inputs[0], template.name, made_of])
            if (html := _load(folder, key)) is not None:
                return html
            html = render(*args)
            _store(folder, key, html)
            return html

        template.render = cached_render
        return template

    def get_template_with_cache(name: Any, *args: Any, **kwargs: Any) -> Any:
        template = get_template(name, *args, **kwargs)
        # The environment keeps its templates: wrap each once.
        return template if "render" in vars(template) else with_cache(template)

    env.get_template = get_template_with_cache
    return env
