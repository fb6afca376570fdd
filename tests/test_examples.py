"""Every public notes_lib function shows an example (pytest --doctest-modules runs them all)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import notes_lib

MODULES = sorted(
    m.name for m in pkgutil.iter_modules(notes_lib.__path__, "notes_lib.") if not m.ispkg
)


def test_every_public_module_is_covered() -> None:
    assert {"notes_lib.activations", "notes_lib.perceptron", "notes_lib.training"} <= set(MODULES)


@pytest.mark.parametrize("name", [m for m in MODULES if not m.rsplit(".", 1)[-1].startswith("_")])
def test_public_functions_have_examples(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    with_examples = {t.name.rsplit(".", 1)[-1] for t in finder.find(module) if t.examples}
    functions = [n for n in module.__all__ if callable(getattr(module, n))]
    missing = [n for n in functions if n not in with_examples and not n[0].isupper()]
    assert not missing, f"{name}: no Examples section in {missing}"


@pytest.mark.parametrize("name", MODULES)
def test_modules_declare_all(name: str) -> None:
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list)
    for public in module.__all__:
        assert hasattr(module, public), f"{name}.__all__ lists missing {public}"
