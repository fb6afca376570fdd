"""Build-time MathML: arithmatex placeholders become accessible <math> that needs no script."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import markdown
import pytest

from site_tools import mathml

# HTML needs no xmlns on <math>; the compact output leaves it out, so tags are plain.
MATHML = ""


def _render(text: str) -> str:
    """Markdown -> HTML with the site's math and block extensions, then typeset."""
    html = markdown.markdown(
        text,
        extensions=["admonition", "tables", "attr_list", "pymdownx.arithmatex", "md_in_html"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    return mathml.typeset(html)


def _maths(html: str) -> list[ET.Element]:
    # The typeset output is well-formed XML once wrapped: proves no raw "&" or broken tags.
    root = ET.fromstring(f"<root>{html}</root>")
    return list(root.iter(f"{MATHML}math"))


def test_inline_and_display_math_become_mathml_with_alttext() -> None:
    html = _render(
        "The sigmoid $\\sigma(z) = \\frac{1}{1+e^{-z}}$ squashes.\n\n$$\\hat{y} = g(z)$$\n"
    )
    maths = _maths(html)
    assert [m.get("display") for m in maths] == ["inline", "block"]
    assert maths[0].get("alttext") == "\\sigma(z) = \\frac{1}{1+e^{-z}}"
    assert maths[1].get("alttext") == "\\hat{y} = g(z)"
    assert maths[0].find(f".//{MATHML}mfrac") is not None
    assert "\\(" not in html and "\\[" not in html


def test_display_math_inside_an_admonition_and_inline_math_in_a_table() -> None:
    text = (
        '!!! note "Forward pass"\n\n    $$z = w_0 + \\sum_{i=1}^{m} x_i w_i$$\n\n'
        "| f | formula |\n| --- | --- |\n| ReLU | $\\max(0, x)$ |\n"
    )
    html = _render(text)
    root = ET.fromstring(f"<root>{html}</root>")
    admonition = root.find(".//div[@class='admonition note']")
    assert admonition is not None
    assert admonition.find(f".//{MATHML}math[@display='block']") is not None
    # Inline math stands bare in the cell: no wrapper element per formula.
    assert root.find(".//td/span[@class='arithmatex']") is None
    assert root.find(f".//td/{MATHML}math[@display='inline']") is not None


def test_special_characters_are_escaped_in_alttext_and_body() -> None:
    html = _render('$a < b \\quad \\& \\quad \\text{c "d"}$\n')
    (math,) = _maths(html)
    assert math.get("alttext") == 'a < b \\quad \\& \\quad \\text{c "d"}'


def test_aligned_equations_render_as_a_table_without_false_numbers() -> None:
    html = _render("$$\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$$\n")
    (math,) = _maths(html)
    assert len(math.findall(f".//{MATHML}mtr")) == 2
    assert "(1)" not in html
    # The reader still gets the author's TeX, not the rewritten environment.
    assert "aligned" in math.get("alttext", "")


@pytest.mark.parametrize(
    "tex", ["a \\\\ b", "\\begin{gathered} a = b \\\\ c \\end{gathered}", "\\frac{1}{"]
)
def test_formulas_browsers_cannot_render_fail_the_build(tex: str) -> None:
    with pytest.raises(mathml.MathError, match="cannot typeset"):
        mathml.to_mathml(tex, "block")


def test_extra_attributes_on_the_wrapper_are_kept() -> None:
    html = mathml.typeset('<div class="arithmatex wide" id="eq-loss">\\[x^2\\]</div>')
    assert html.startswith('<div class="arithmatex wide" id="eq-loss" tabindex="0"><math ')


def test_display_math_boxes_take_focus_so_keyboards_can_scroll_them() -> None:
    html = _render("Inline $x$ here.\n\n$$y = x^2$$\n")
    root = ET.fromstring(f"<root>{html}</root>")
    (block,) = root.findall(".//div[@class='arithmatex']")
    assert block.get("tabindex") == "0"
    # Inline formulas sit in running text and never scroll on their own.
    assert all(span.get("tabindex") is None for span in root.iter("span"))


def test_compact_output_drops_redundant_rows_and_keeps_operator_rows() -> None:
    from latex2mathml.converter import convert

    tex = "\\frac{1}{1+e^{-z}} + \\nabla_{\\mathbf{W}} J + {-}x"
    compact = ET.fromstring(mathml.to_mathml(tex))
    raw = ET.fromstring(convert(tex))
    assert len(list(compact.iter())) < len(list(raw.iter()))
    assert compact.get("alttext") == tex and compact.get("xmlns") is None
    # The numerator 1 is no longer wrapped in a row of its own.
    frac = compact.find(".//mfrac")
    assert frac is not None and frac[0].tag == "mn"
    for row in compact.iter("mrow"):
        # Rows that stay either group several nodes or hold an operator.
        assert len(row) != 1 or row[0].tag == "mo", ET.tostring(row, encoding="unicode")


def test_invalid_mathml_is_a_math_error_naming_the_formula() -> None:
    # A docstring that lost its r-prefix turns "\approx" into a bell character.
    with pytest.raises(mathml.MathError, match="pprox"):
        mathml.to_mathml("a \x07pprox b", "inline")


def test_punctuation_after_inline_math_stays_on_its_line() -> None:
    html = _render("$a$ so $z = -6$, and $\\sigma(z) \\approx 0.0025$. Then $x$ again\n")
    root = ET.fromstring(f"<root>{html}</root>")
    kept = root.findall(".//span[@class='notes-nobr']")
    assert [(k.find(f"{MATHML}math").get("alttext"), k[-1].tail) for k in kept] == [
        ("z = -6", ","),
        ("\\sigma(z) \\approx 0.0025", "."),
    ]
    # Math not followed by punctuation stands bare, and a span never takes in other text.
    assert [m.get("alttext") for m in root.findall(f".//p/{MATHML}math")] == ["a", "x"]
    assert all(k.text is None and len(k) == 1 for k in kept)
    assert len(kept) == 2
