"""What the page-conversion cache keys on (``site_tools/build_cache.py``).

A key that missed an input would serve a stale page; one that took in too much would make an
edit rebuild pages it cannot change. Whole builds from the caches are compared with the builds
that filled them in ``tests/test_reproducible.py``, and edits under ``mkdocs serve`` in
``tests/test_serve.py``; these check the rules in between.
"""

from __future__ import annotations

from pathlib import Path

from site_tools import build_cache


def test_code_without_docstrings_ignores_docstrings_not_code(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text('"""Module."""\n\ndef f(x):\n    """Twice."""\n    return 2 * x\n', "utf-8")
    before = build_cache._code(path, "m", docstrings=False)
    full = build_cache._code(path, "m", docstrings=True)
    path.write_text('"""Edited."""\n\ndef f(x):\n    """Double."""\n    return 2 * x\n', "utf-8")
    assert build_cache._code(path, "m", docstrings=False) == before
    assert build_cache._code(path, "m", docstrings=True) != full
    # Another size too: the digest is memoised on (mtime, size), and three writes can fall
    # within one tick of the file system's clock.
    path.write_text(
        '"""Edited."""\n\ndef f(x):\n    """Double."""\n    return 2 * x + 1\n', "utf-8"
    )
    assert build_cache._code(path, "m", docstrings=False) != before


def _reexports(tmp_path: Path, source: str, module: str = "pkg.mod") -> set[str]:
    path = tmp_path / "mod.py"
    path.write_text(source, "utf-8")
    stat = path.stat()
    return set(build_cache._reexports_of(path, module, (stat.st_mtime_ns, stat.st_size)))


def test_reexports_follow_all_or_else_public_imports(tmp_path: Path) -> None:
    with_all = "from pkg.other import a, b\nfrom . import sub\n__all__ = ['a', 'sub']\n"
    assert _reexports(tmp_path, with_all) == {"pkg.other", "pkg.other.a", "pkg", "pkg.sub"}
    without = "from .other import a as _a, b\nimport numpy as np\n"
    assert _reexports(tmp_path, without) == {"pkg.other", "pkg.other.b", "numpy"}
    guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.t import T\n"
    assert "pkg.t" in _reexports(tmp_path, guarded + "__all__ = ['T']\n")


def test_an_api_page_depends_on_the_modules_it_shows() -> None:
    training = build_cache._documented("::: notes_lib.training\n")
    assert set(training) == {"notes_lib.training"}, "training re-exports nothing"
    # The package lists its submodules in __all__: its page shows them.
    package = build_cache._documented("::: notes_lib\n")
    assert {"notes_lib", "notes_lib.training", "notes_lib.activations"} <= set(package)
    # An object in a module counts as its module; a page without blocks depends on none.
    assert set(build_cache._documented("::: notes_lib.training.bowl_loss")) == set(training)
    assert build_cache._documented("No blocks here; `::: inline` is not one.\n") == {}
