"""Every public module has an API page, and every public name on it has a docstring."""

from __future__ import annotations

import pkgutil
import re

import griffe
import pytest
from conftest import ROOT

import figures
import notes_lib

PACKAGES = {"notes_lib": notes_lib, "figures": figures}


def _public_modules() -> list[str]:
    return sorted(
        f"{name}.{info.name}"
        for name, package in PACKAGES.items()
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


def _api_directives() -> set[str]:
    return {
        module
        for page in (ROOT / "docs" / "api").glob("*.md")
        for module in re.findall(r"^:::\s*([\w.]+)", page.read_text("utf-8"), re.M)
    }


def test_every_public_module_has_an_api_page() -> None:
    missing = sorted(set(_public_modules()) - _api_directives())
    assert not missing, f"modules without a '::: module' entry under docs/api/: {missing}"


@pytest.mark.parametrize("module_name", _public_modules())
def test_every_public_name_is_documented(module_name: str) -> None:
    # griffe reads the source as mkdocstrings does, so attribute docstrings count too.
    package = griffe.load(module_name.split(".")[0], search_paths=[str(ROOT)])
    module = package[module_name.split(".", 1)[1]]
    names = (
        module.exports
        if module.exports is not None
        else [name for name in module.members if not name.startswith("_")]
    )
    assert names, f"{module_name} exports nothing"
    undocumented = [
        name
        for name in names
        if not (module[name].docstring and module[name].docstring.value.strip())
    ]
    assert not undocumented, f"{module_name}: public names without a docstring: {undocumented}"
