"""The site builds strictly, with no warning, and has the pages readers expect."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import site_html
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


def test_print_edition_assets_only_on_the_print_page(built_site: Path) -> None:
    """The print-site plugin adds its CSS and script to every page; site_tools/print_edition.py
    keeps them on the print page only (one request fewer each on the other pages)."""
    for page in sorted(built_site.rglob("index.html")):
        soup = site_html.soup(page)
        assets = [s["src"] for s in soup.select("script[src]") if "print-site" in s["src"]]
        assets += [
            link["href"]
            for link in soup.select("link[rel=stylesheet]")
            if "print-site" in link["href"]
        ]
        on_print_page = page.parent.name == "print_page"
        assert bool(assets) == on_print_page, f"{page}: print edition assets {assets}"


def test_start_up_scripts_deferred_and_class_set_in_the_head(built_site: Path) -> None:
    """overrides/main.html: every script file runs after the page is parsed (``defer``,
    in document order), and <html> gets its scripted class from a script in <head>."""
    for page in sorted(built_site.rglob("*.html")):
        soup = site_html.soup(page)
        if soup.head is None:
            continue  # a redirect stub or a fragment
        blocking = [s["src"] for s in soup.select("script[src]") if not s.has_attr("defer")]
        assert not blocking, f"{page}: scripts that block parsing: {blocking}"
        inline = [s.string or "" for s in soup.head.find_all("script", src=False)]
        assert any("documentElement.className" in s for s in inline), f"{page}: no class script"


def test_palette_stylesheet_is_materials_without_the_switching_rule(built_site: Path) -> None:
    """site_tools/startup.py drops exactly one rule of Material's palette stylesheet."""
    import material

    from site_tools.startup import SWITCHING_GUARD

    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    (original,) = theme.glob("palette.*.min.css")
    built = built_site / "assets" / "stylesheets" / original.name
    source = original.read_text(encoding="utf-8")
    assert SWITCHING_GUARD in source
    assert built.read_text(encoding="utf-8") == source.replace(SWITCHING_GUARD, "")
    for css in built_site.rglob("*.css"):
        assert "data-md-color-switching" not in css.read_text(encoding="utf-8"), css


def test_no_page_says_a_passage_twice(built_site: Path) -> None:
    """A paragraph, list item or box repeated on one page is an editing slip (Lecture 1 once
    carried the same note twice in a row)."""
    repeated = []
    for page in sorted(built_site.rglob("index.html")):
        if page.parent.name == "print_page":
            continue  # the print edition holds every page once; checked through them
        article = site_html.soup(page).select_one("article")
        if article is None:
            continue
        seen: set[str] = set()
        for block in article.select("p, li, .admonition, details"):
            text = " ".join(block.get_text(" ").split())
            if len(text) >= 80 and text in seen:
                repeated.append(f"{page.relative_to(built_site)}: {text[:80]!r}")
            seen.add(text)
    assert not repeated, "\n".join(repeated)


def test_own_scripts_and_stylesheets_ship_without_comments(built_site: Path) -> None:
    """site_tools/assets.py: every page loads them; their comments stay in docs/assets/."""
    docs = ROOT / "docs"
    own = [p for p in docs.joinpath("assets").rglob("*") if p.suffix in {".js", ".css"}]
    own = [p for p in own if ".min." not in p.name]
    assert len(own) >= 5, "the notes' own scripts and stylesheets were not found"
    for source in own:
        text = source.read_text(encoding="utf-8")
        built = (built_site / source.relative_to(docs)).read_text(encoding="utf-8")
        comment = re.search(r"/\*\s*(.{20,}?)\s*$", text, re.M)
        assert comment, f"{source.name} has no comment to drop"
        assert comment.group(1) not in built, f"{source.name} ships its comments"
        assert len(built) < 0.9 * len(text), f"{source.name}: {len(built)} of {len(text)} chars"


@pytest.mark.parametrize(
    ("name", "source", "kept"),
    [
        (
            "a.js",
            "var s = `a  ${b}  // c`; // gone\nvar r = /a\\/b  c/g;",
            ["`a  ${b}  // c`", "/a\\/b  c/g"],
        ),
        (
            "a.js",
            "/*! licence */\n/* gone */ var s = '/* kept */';",
            ["/*! licence */", "'/* kept */'"],
        ),
        ("a.css", '/* gone */ a { content: "/* kept */"; }', ['content:"/* kept */"']),
        ("a.min.js", "/* kept */ var a = 1;", ["/* kept */ var a = 1;"]),
    ],
)
def test_minified_keeps_strings_patterns_and_licences(
    name: str, source: str, kept: list[str]
) -> None:
    from site_tools.assets import minified

    out = minified(name, source)
    for part in kept:
        assert part in out, out
    assert "gone" not in out
