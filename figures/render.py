"""Render registered figures to SVG, reproducibly, with a content-addressed cache.

This is the one rendering path: the site build (``site_tools/gen_figures.py``) and the tests
both go through [`ensure_rendered`][figures.render.ensure_rendered], which returns the cached
SVG for every figure and theme and renders only what is missing.

Cache key
    A figure's key hashes the code of its function and of what the function uses in its
    module (the module-level functions, classes and constants it names, transitively, and
    every import and other top-level statement), the first-party modules its module imports
    (the `notes_lib` code it plots, [`figures.style`][figures.style]), this module's source,
    the figure's arguments, the theme, and the matplotlib and numpy versions. Editing one
    figure function therefore re-renders the figures it draws and no other figure of its
    module. The key is computed from file text and package metadata only, so a warm build
    never imports matplotlib (nor the figure modules).
Reproducibility
    Same key, same bytes: the SVG carries no date or creator, matplotlib's SVG element ids
    come from a fixed ``svg.hashsalt``, and rendering starts from matplotlib's defaults, not
    from a user's ``matplotlibrc``.
Parallelism
    Missing figures are rendered in a pool of worker processes, one per core.

Environment variables: ``NOTES_FIGURE_CACHE`` moves the cache (default ``.cache/figures/`` in
the repository); ``NOTES_FIGURES=off`` switches figures off (placeholders; for benchmarks).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import re
import sys
import sysconfig
import traceback
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from figures.registry import FigureSpec
from figures.style import THEMES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CACHE_ENV",
    "ROOT",
    "SWITCH_ENV",
    "RenderReport",
    "Rendered",
    "cache_dir",
    "cache_key",
    "enabled",
    "ensure_rendered",
    "function_source",
    "render_svg",
    "svg_size",
]

ROOT = Path(__file__).resolve().parent.parent
"""The repository root (the directory holding ``figures/`` and ``notes_lib/``)."""

CACHE_ENV = "NOTES_FIGURE_CACHE"
"""Environment variable naming the cache directory (default ``.cache/figures/``)."""

SWITCH_ENV = "NOTES_FIGURES"
"""Environment variable; ``off`` builds the site without figures (placeholders instead)."""

FIRST_PARTY = ("figures", "notes_lib")
"""Packages whose code is part of a figure's cache key when a figure module imports them."""

HASHSALT = "notes-figures"
"""matplotlib's ``svg.hashsalt``: fixed, so SVG element ids are the same on every render."""

KEY_VERSION = "1"
"""Bump to invalidate every cached figure at once."""


def cache_dir() -> Path:
    """The cache directory: ``$NOTES_FIGURE_CACHE`` or ``.cache/figures/`` in the repository."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".cache" / "figures")


def enabled() -> bool:
    """Whether figures are rendered at all (``NOTES_FIGURES=off`` switches them off)."""
    return os.environ.get(SWITCH_ENV, "on").lower() not in {"off", "0", "false", "no"}


# ----------------------------------------------------------------------------- hashing
def _module_file(module: str) -> Path | None:
    """The source file of ``module`` without importing it (packages: their ``__init__``)."""
    top = module.partition(".")[0]
    if top in FIRST_PARTY:
        base = ROOT.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None
    spec = importlib.util.find_spec(module)
    return Path(spec.origin) if spec is not None and spec.origin else None


def _imports(tree: ast.Module, module: str, is_package: bool) -> set[str]:
    """First-party modules named by the import statements in ``tree`` (anywhere in it)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            # ``from pkg import sub`` imports a submodule when one exists.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m.partition(".")[0] in FIRST_PARTY and _module_file(m)}


_SOURCES: dict[Path, tuple[tuple[int, int], str, frozenset[str]]] = {}
"""``path -> ((mtime_ns, size), code digest, first-party imports)``: each file is read and
parsed once per process while it is unchanged (``mkdocs serve`` rebuilds in one process)."""


class _DropStrings(ast.NodeTransformer):
    """Remove statements that are only a string: docstrings, including attribute docstrings."""

    def visit_Expr(self, node: ast.Expr) -> ast.Expr | None:
        value = node.value
        return None if isinstance(value, ast.Constant) and isinstance(value.value, str) else node


def _code_digest(tree: ast.Module) -> str:
    """Hash of the code in ``tree`` without docstrings, comments or formatting.

    Editing a docstring or a comment, or reformatting, cannot change a figure, so it does not
    change the key either.
    """
    return hashlib.sha256(ast.dump(_DropStrings().visit(tree)).encode()).hexdigest()


def _source(path: Path, module: str) -> tuple[str, frozenset[str]]:
    """The code digest of a source file and the first-party modules it imports (memoised)."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _SOURCES.get(path)
    if cached is None or cached[0] != stamp:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = frozenset(_imports(tree, module, path.name == "__init__.py"))
        cached = _SOURCES[path] = (stamp, _code_digest(tree), imports)
    return cached[1], cached[2]


_FUNCTIONS: dict[tuple[Path, str], tuple[tuple[int, int], str]] = {}
"""``(path, function) -> ((mtime_ns, size), digest)``, as :data:`_SOURCES`."""


def _defined_names(node: ast.stmt) -> set[str] | None:
    """Names a top-level statement defines; ``None`` if it always counts.

    Imports, calls and anything else that runs for its effect always count.
    """
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    targets = (
        node.targets
        if isinstance(node, ast.Assign)
        else [node.target]
        if isinstance(node, ast.AnnAssign)
        else None
    )
    if not targets:
        return None
    if not all(isinstance(t, ast.Name | ast.Tuple | ast.List) for t in targets):
        return None  # e.g. an attribute or item assignment: it changes something else
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)} or None


def _function_digest(path: Path, function: str) -> str:
    """Hash of ``function``'s code and of the module-level code it depends on.

    The function's definition, every top-level statement defining a name it uses (and, in
    turn, the names those use), and every statement that defines no name (imports, calls);
    docstrings, comments and formatting do not count. Another function of the same module,
    or its ``__all__``, is not part of it.
    """
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _FUNCTIONS.get((path, function))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    body = _DropStrings().visit(ast.parse(path.read_text(encoding="utf-8"))).body
    defines: dict[str, list[int]] = {}
    always: list[int] = []
    for index, node in enumerate(body):
        names = _defined_names(node)
        if names is None:
            always.append(index)
        for name in names or ():
            defines.setdefault(name, []).append(index)
    if function not in defines:
        raise AttributeError(f"{path.name} defines no {function!r}")
    todo, keep = [*defines[function], *always], set()
    while todo:
        index = todo.pop()
        if index not in keep:
            keep.add(index)
            names = {n.id for n in ast.walk(body[index]) if isinstance(n, ast.Name)}
            todo += [i for name in names for i in defines.get(name, ())]
    dump = "\n".join(ast.dump(body[i]) for i in sorted(keep))
    digest = hashlib.sha256(dump.encode()).hexdigest()
    _FUNCTIONS[path, function] = (stamp, digest)
    return digest


def _source_closure(module: str) -> dict[str, str]:
    """Digests of ``module``'s source and of the first-party modules it imports, transitively.

    A package's ``__init__`` is included (it runs on import) but its own imports are not
    followed: ``notes_lib/__init__.py`` imports every submodule, and following it would
    make every figure depend on every module.
    """
    digests: dict[str, str] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        if name in digests:
            continue
        path = _module_file(name)
        if path is None:
            raise ModuleNotFoundError(f"no source file for module {name!r}")
        digests[name], imports = _source(path, name)
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # parent packages
        if path.name != "__init__.py" or name == module:
            todo += sorted(imports)
    return digests


@functools.cache
def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def cache_key(spec: FigureSpec, theme: str) -> str:
    """The content hash that names ``spec``'s rendering in ``theme``.

    Parameters
    ----------
    spec
        A registry entry.
    theme
        A key of [`figures.style.THEMES`][figures.style.THEMES].

    Returns
    -------
    str
        A hex SHA-256 digest; it changes whenever anything that can change the SVG changes.
    """
    sources = _source_closure(spec.module)
    # The figure's own module counts by what its function uses, not as a whole.
    sources[spec.module] = _function_digest(_module_file(spec.module), spec.function)
    for always in ("figures.style", "figures.render"):
        sources.setdefault(always, _source(_module_file(always), always)[0])
    payload = {
        "key": KEY_VERSION,
        "target": spec.target,
        "args": spec.args,
        "theme": theme,
        "sources": sources,
        "matplotlib": _version("matplotlib"),
        "numpy": _version("numpy"),
    }
    blob = json.dumps(payload, sort_keys=True, default=repr).encode()
    return hashlib.sha256(blob).hexdigest()


# ----------------------------------------------------------------------------- source
def function_source(spec: FigureSpec, docstring: bool = True) -> str:
    """The source code of ``spec``'s figure function, read with `ast` (no import).

    Parameters
    ----------
    spec
        A registry entry.
    docstring
        Keep the function's docstring (``False`` drops it, e.g. where the page links to
        the API entry that shows it).

    Returns
    -------
    str
        The function's definition, decorators included, as written in its module.
    """
    path = _module_file(spec.module)
    if path is None:
        raise ModuleNotFoundError(f"figure module {spec.module!r} not found")
    text = path.read_text(encoding="utf-8")
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == spec.function:
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            lines = text.splitlines()[start - 1 : node.end_lineno]
            first = node.body[0]
            if not docstring and ast.get_docstring(node, clean=False) is not None:
                del lines[first.lineno - start : first.end_lineno - start + 1]
            return "\n".join(lines)
    raise AttributeError(f"module {spec.module!r} has no function {spec.function!r}")


# ----------------------------------------------------------------------------- rendering
def _call(spec: FigureSpec, theme: str) -> Figure:
    module = __import__(spec.module, fromlist=[spec.function])
    function = getattr(module, spec.function)
    figure = function(*spec.args, theme=THEMES[theme])
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"{spec.target} returned {type(figure).__name__}, not a Figure")
    return figure


def render_svg(spec: FigureSpec, theme: str) -> bytes:
    """Call ``spec``'s figure function in ``theme`` and return the SVG bytes.

    Parameters
    ----------
    spec
        A registry entry.
    theme
        A key of [`figures.style.THEMES`][figures.style.THEMES].

    Returns
    -------
    bytes
        A standalone SVG document; identical inputs give identical bytes.
    """
    import matplotlib as mpl
    import matplotlib.style

    from figures.style import rc_params

    # Start from matplotlib's defaults, not the user's matplotlibrc. Entering a style
    # context resets svg.hashsalt, so the salt is set inside it.
    with matplotlib.style.context(["default", rc_params(THEMES[theme])]):
        mpl.rcParams["svg.hashsalt"] = HASHSALT
        figure = _call(spec, theme)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"', re.S)


def svg_size(svg: bytes) -> tuple[int, int]:
    """The width and height in CSS pixels of an SVG that matplotlib wrote (sized in points).

    Parameters
    ----------
    svg
        The SVG document.

    Returns
    -------
    tuple of int
        ``(width, height)``, rounded; 1 pt = 4/3 px.
    """
    match = _SIZE.search(svg[:4096])
    if match is None:
        raise ValueError("SVG has no width/height in points")
    return tuple(round(float(v) * 4 / 3) for v in match.groups())  # type: ignore[return-value]


def _is_figure_code(filename: str) -> bool:
    """Whether a traceback frame is in figure code (not here, the standard library or a package)."""
    path = Path(filename).resolve()
    libraries = {sysconfig.get_path(p) for p in ("stdlib", "platstdlib", "purelib", "platlib")}
    return path != Path(__file__).resolve() and not any(
        path.is_relative_to(Path(lib).resolve()) for lib in libraries if lib
    )


def _render_task(spec: FigureSpec, theme: str) -> tuple[bytes | None, str | None]:
    """Worker entry point: the SVG, or a one-line description of why the function failed."""
    try:
        return render_svg(spec, theme), None
    except Exception as error:
        # Point at the innermost line of our own code, not at numpy or matplotlib internals.
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if _is_figure_code(f.filename)] or frames
        where = f" (at {Path(ours[-1].filename).name}:{ours[-1].lineno} in {ours[-1].name})"
        return None, f"{type(error).__name__}: {error}{where}"


@dataclass(frozen=True)
class Rendered:
    """One figure in one theme, in the cache."""

    name: str
    theme: str
    path: Path
    width: int
    height: int

    def read(self) -> bytes:
        """The SVG bytes."""
        return self.path.read_bytes()


@dataclass
class RenderReport:
    """What [`ensure_rendered`][figures.render.ensure_rendered] did.

    Attributes
    ----------
    outputs
        ``(name, theme) -> Rendered`` for every figure that is available.
    rendered
        ``(name, theme)`` pairs rendered by this call (the rest came from the cache).
    failures
        ``name -> cause`` for figure functions that raised.
    """

    outputs: dict[tuple[str, str], Rendered] = field(default_factory=dict)
    rendered: list[tuple[str, str]] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _store(path: Path, svg: bytes) -> None:
    """Write atomically (concurrent builds may read the cache) and drop stale renderings."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(svg)
    os.replace(tmp, path)
    stem = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{stem}-*.svg"):
        if old != path and old.name.rsplit("-", 1)[0] == stem:
            old.unlink(missing_ok=True)


def ensure_rendered(
    specs: Iterable[FigureSpec],
    cache: Path | None = None,
    jobs: int | None = None,
) -> RenderReport:
    """Make sure every figure is in the cache in every theme; render only what is missing.

    Parameters
    ----------
    specs
        The figures (usually ``FIGURES.values()``).
    cache
        Cache directory; default [`cache_dir`][figures.render.cache_dir].
    jobs
        Worker processes for rendering; default: one per available core.

    Returns
    -------
    RenderReport
        The cached files, what was rendered, and which figures failed with what cause.
    """
    cache = cache or cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    report = RenderReport()
    missing: list[tuple[FigureSpec, str, Path]] = []
    for spec in specs:
        for theme in THEMES:
            try:
                key = cache_key(spec, theme)
            except (OSError, SyntaxError, ImportError) as error:
                report.failures.setdefault(spec.name, f"{type(error).__name__}: {error}")
                continue
            path = cache / f"{spec.name}-{theme}-{key[:20]}.svg"
            if path.is_file():
                report.outputs[spec.name, theme] = Rendered(
                    spec.name, theme, path, *svg_size(path.read_bytes()[:4096])
                )
            else:
                missing.append((spec, theme, path))

    workers = min(jobs or _cpus(), len(missing))
    if workers > 1:
        # "spawn": MkDocs' live-reload server runs threads, and forking them is unsafe.
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            results = list(
                pool.map(_render_task, *zip(*[(s, t) for s, t, _ in missing], strict=True))
            )
    else:
        results = [_render_task(spec, theme) for spec, theme, _ in missing]

    for (spec, theme, path), (svg, error) in zip(missing, results, strict=True):
        if svg is None:
            report.failures.setdefault(spec.name, str(error))
            continue
        _store(path, svg)
        report.rendered.append((spec.name, theme))
        report.outputs[spec.name, theme] = Rendered(spec.name, theme, path, *svg_size(svg))
    return report


def _main(argv: list[str]) -> int:  # pragma: no cover - developer convenience
    """``python -m figures.render [NAME ...]``: render into the cache and print the paths."""
    from figures.registry import FIGURES

    specs = [FIGURES[n] for n in argv] if argv else list(FIGURES.values())
    report = ensure_rendered(specs)
    for (name, theme), out in sorted(report.outputs.items()):
        print(f"{name:32} {theme:5} {out.width}x{out.height}  {out.path}")
    for name, cause in report.failures.items():
        print(f"FAILED {name}: {cause}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv[1:]))
