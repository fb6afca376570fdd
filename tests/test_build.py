"""The site builds strictly, with no warning, and has the pages readers expect."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT


def test_strict_build_has_no_warnings(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "objects.inv").is_file(), "mkdocstrings inventory missing"


def test_every_markdown_page_is_built(built_site: Path) -> None:
    docs = ROOT / "docs"
    for page in docs.rglob("*.md"):
        rel = page.relative_to(docs).with_suffix("")
        html = built_site / (
            rel.parent / "index.html" if rel.name == "index" else rel / "index.html"
        )
        assert html.is_file(), f"{page.relative_to(ROOT)} was not built to {html}"
