"""The build core runs in plain Python-Markdown, with no site generator at all.

Markers, MathML, the glossary and figure markup come from ``site_tools.extension``; these
tests convert Markdown with nothing else than Python-Markdown and the extensions the site
lists, which is what makes the core portable between MkDocs and Zensical.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from figures.registry import FIGURES
from site_tools import markers
from site_tools.extension import TABLE_CLASS, NotesExtension, load_glossary
from site_tools.figure_markup import RenderedFigures

GLOSSARY = ROOT / "includes" / "abbreviations.md"
# Two figures drawn by one function, and one drawn by another.
SHARED = [name for name, spec in FIGURES.items() if spec.function == "activation_and_derivative"]
OTHER = next(name for name, spec in FIGURES.items() if spec.function != FIGURES[SHARED[0]].function)


def _figures(enabled: bool = True) -> RenderedFigures:
    names = [*SHARED[:2], OTHER]
    return RenderedFigures(
        enabled=enabled,
        specs={name: FIGURES[name] for name in names},
        sizes=dict.fromkeys(names, (640, 480)),
        files={f"figures/{n}-{t}.svg": Path(f"/cache/{n}-{t}.svg") for n in names for t in "ab"},
        listings={"figures.activations.activation_and_derivative": "<div>code</div>"},
    )


def _convert(
    text: str, page: str = "lecture-1/page.md", extra: tuple[str, ...] = (), **options: object
) -> BeautifulSoup:
    extension = NotesExtension(abbreviations=str(GLOSSARY), page=page, **options)
    html = markdown.markdown(
        text,
        extensions=[extension, "attr_list", "md_in_html", "admonition", "pymdownx.details",
                    "pymdownx.superfences", "pymdownx.arithmatex", "def_list", *extra],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )  # fmt: skip
    return BeautifulSoup(html, "html.parser")


def test_figure_markers_number_figures_link_images_and_show_code_once() -> None:
    first, second = SHARED[:2]
    text = "# Page\n\n" + "\n\n".join(f"{{{{ figure: {n} }}}}" for n in (first, OTHER, second))
    soup = _convert(text, figures=_figures())
    figures = soup.select("figure.notes-figure")
    assert [f["id"] for f in figures] == [f"figure-{n}" for n in (first, OTHER, second)]
    captions = [f.figcaption.get_text().strip() for f in figures]
    assert [c.split(":")[0] for c in captions] == ["Figure 1", "Figure 2", "Figure 3"]
    srcs = [img["src"] for img in figures[0].find_all("img")]
    assert srcs == [
        f"../figures/{first}-light.svg#only-light",
        f"../figures/{first}-dark.svg#only-dark",
    ]
    blocks = soup.select("details.notes-figure-code")
    assert len(blocks) == 3
    assert blocks[0].select("[data-function]"), "the first figure of a function shows its code"
    assert not blocks[2].select("[data-function]")
    assert blocks[2].find("a", href=f"#figure-{first}") is not None, "later ones refer to it"


def test_figures_switched_off_give_placeholders() -> None:
    soup = _convert(f"{{{{ figure: {OTHER} }}}}\n", figures=_figures(enabled=False))
    assert soup.select_one(".notes-figure-placeholder").get_text() == f"Figure 1: {OTHER}"


def test_figures_from_a_manifest_file(tmp_path: Path) -> None:
    manifest = tmp_path / "figures.json"
    manifest.write_text(_figures().to_json(), encoding="utf-8")
    assert RenderedFigures.from_json(manifest.read_text(encoding="utf-8")) == _figures()
    soup = _convert(f"{{{{ figure: {OTHER} }}}}\n", figures=str(manifest))
    assert soup.select_one(f"figure#figure-{OTHER}") is not None


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("{{ nonsense: x }}\n", "unknown marker kind 'nonsense'"),
        ("{{ figure: no-such-figure }}\n", "unknown figure 'no-such-figure'"),
        ("{{ explorer: xor }}\n", "unknown explorer 'xor'"),
    ],
)
def test_bad_markers_name_page_and_cause(text: str, cause: str) -> None:
    with pytest.raises(markers.MarkerError, match=f"^lecture-1/page.md: .*{cause}"):
        _convert(text, figures=_figures())


def test_every_marker_kind_has_a_handler_in_the_table() -> None:
    assert set(markers.HANDLERS) == {"activation-facts", "explorer", "figure"}
    soup = _convert("{{ activation-facts: relu }}\n\n{{ explorer: perceptron }}\n")
    assert soup.select_one(".notes-facts") is not None
    assert soup.select_one("[data-perceptron-explorer]") is not None
    assert soup.select_one(".notes-facts math") is not None, "facts' formulas typeset"


def test_math_is_mathml_and_the_glossary_applies() -> None:
    soup = _convert("ML fits $w_0 + x^T w$, and\n\n$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$\n")
    assert [m["display"] for m in soup.find_all("math")] == ["inline", "block"]
    assert "\\(" not in soup.get_text() and "\\[" not in soup.get_text()
    abbr = soup.find("abbr")
    assert abbr is not None and abbr.get_text() == "ML"
    assert abbr["title"] == load_glossary(GLOSSARY)["ML"]


def test_math_can_be_left_to_a_browser_script() -> None:
    soup = _convert("$x^2$\n", typeset_math=False)
    assert soup.find("math") is None and "\\(x^2\\)" in soup.get_text()


def test_a_glossary_line_that_is_no_definition_fails_naming_the_line(tmp_path: Path) -> None:
    glossary = tmp_path / "abbreviations.md"
    glossary.write_text("*[ML]: Machine Learning\n\nnot a definition\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"abbreviations\.md:3: not an abbreviation"):
        load_glossary(glossary)


def test_tables_are_written_inside_materials_scroll_boxes() -> None:
    soup = _convert("!!! note\n    | a | b |\n    |---|---|\n    | 1 | $x$ |\n", extra=("tables",))
    table = soup.find("table")
    assert table is not None and table["class"] == [TABLE_CLASS]
    assert table.parent["class"] == ["md-typeset__table"]
    assert table.parent.parent["class"] == ["md-typeset__scrollwrap"]
    assert table.parent.parent.parent["class"] == ["admonition", "note"]
    assert table.find("math") is not None, "a formula in a cell is typeset"
    assert len(soup.find_all(class_="md-typeset__scrollwrap")) == 1
