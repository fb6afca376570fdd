"""Figures open full size (docs/assets/javascripts/figure-lightbox.js), readable on a phone.

The figures keep their text as glyph paths, so the size of the smallest text is read from
the SVG itself: matplotlib draws every glyph as ``<use>`` of a path at a font size of 100
units, scaled by the transforms around it (``scale(0.1 -0.1)`` is 10 pt text, a further
``scale(0.7)`` a sub- or superscript). Multiplied by the displayed width over the viewBox
width, that gives the smallest text in CSS px as the reader sees it.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import browsing
import pytest
from browsing import PHONE, open_page
from site_html import ROOT

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 11.0
SCREENSHOTS = ROOT / ".screenshots"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
GLYPH_EM = 100.0  # matplotlib's text-as-path glyphs are drawn at size 100 (FONT_SCALE)


def _scale(transform: str) -> float:
    """The linear scale factor of an SVG transform list (rotations and shifts keep sizes)."""
    factor = 1.0
    for kind, args in re.findall(r"(\w+)\s*\(([^)]*)\)", transform):
        numbers = [float(n) for n in re.split(r"[\s,]+", args.strip()) if n]
        if kind == "scale":
            sx = numbers[0]
            sy = numbers[1] if len(numbers) > 1 else sx
            factor *= math.sqrt(abs(sx * sy))
        elif kind == "matrix":
            a, b, c, d = numbers[:4]
            factor *= math.sqrt(abs(a * d - b * c))
    return factor


def smallest_text(svg: Path) -> tuple[float, float]:
    """(smallest glyph size in SVG user units, viewBox width) of a matplotlib SVG."""
    root = ET.parse(svg).getroot()
    view_width = float(root.get("viewBox", "").split()[2])
    sizes: list[float] = []

    def walk(element: ET.Element, scale: float) -> None:
        scale *= _scale(element.get("transform", ""))
        if element.tag == f"{SVG}use" and element.get(XLINK_HREF, "").startswith("#DejaVu"):
            sizes.append(scale * GLYPH_EM)
        for child in element:
            if child.tag != f"{SVG}defs":
                walk(child, scale)

    walk(root, 1.0)
    assert sizes, f"{svg.name}: no text glyphs found; has the SVG text format changed?"
    return min(sizes), view_width


def test_smallest_text_reader_reads_known_sizes(tmp_path: Path) -> None:
    """On a figure drawn with known sizes, the reader finds the smallest: a 0.7 x 9 pt
    subscript, not the 12 pt label beside it."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2))
    fig.text(0.1, 0.5, "label", fontsize=12)
    fig.text(0.5, 0.5, "$w_0$", fontsize=9)
    svg = tmp_path / "known.svg"
    fig.savefig(svg, format="svg", metadata={"Date": None})
    import matplotlib

    assert matplotlib.rcParams["svg.fonttype"] == "path"
    smallest, view_width = smallest_text(svg)
    assert smallest == pytest.approx(0.7 * 9, rel=0.01)
    assert view_width == pytest.approx(4 * 72)


def _pages_with_figures(built_site: Path) -> list[str]:
    pages = []
    for html in sorted(built_site.rglob("index.html")):
        if 'class="notes-figure"' in html.read_text(encoding="utf-8"):
            pages.append(html.parent.relative_to(built_site).as_posix().strip(".") + "/")
    return [p.lstrip("/") for p in pages]


# Closed, and the close handled (a task later: the image let go, focus given back).
_CLOSED = """
() => !document.querySelector("dialog.notes-lightbox").open
  && !document.querySelector("dialog.notes-lightbox img").hasAttribute("src")
"""

_OPENED = """
() => {
  const dialog = document.querySelector("dialog.notes-lightbox");
  const img = dialog.querySelector("img");
  const box = img.getBoundingClientRect();
  const style = getComputedStyle(dialog);
  return {
    open: dialog.open,
    src: img.getAttribute("src"),
    complete: img.complete && img.naturalWidth > 0,
    width: box.width,
    caption: dialog.querySelector(".notes-lightbox__caption").textContent,
    background: style.backgroundColor,
    pageBackground: getComputedStyle(document.body).backgroundColor,
    scheme: document.body.getAttribute("data-md-color-scheme"),
    focused: document.activeElement.className,
  };
}
"""


def test_every_figure_opens_readable_on_a_dark_phone(
    new_context: Any, site_url: str, built_site: Path
) -> None:
    """At 390 px in the dark palette every figure opens in its dark variant on the dark
    background, its smallest text at least 11 CSS px, with its caption; Esc closes it and
    focus returns to the figure's button."""
    pages = _pages_with_figures(built_site)
    assert pages, "no page shows a figure"
    page = new_context(viewport=PHONE, color_scheme="dark", has_touch=True).new_page()
    problems: list[str] = []
    shot = False
    for url in pages:
        open_page(page, url)
        buttons = page.locator("figure.notes-figure > button.notes-figure-zoom")
        buttons.first.wait_for()
        count = page.locator("figure.notes-figure").count()
        assert buttons.count() == count, f"{url}: {count} figures, {buttons.count()} buttons"
        for i in range(count):
            figure = page.locator("figure.notes-figure").nth(i)
            name = figure.get_attribute("id")
            caption = figure.locator("figcaption").evaluate("(c) => c.textContent")
            buttons.nth(i).focus()
            page.keyboard.press("Enter")
            page.wait_for_function(
                "() => document.querySelector('dialog.notes-lightbox')?.open"
                " && document.querySelector('dialog.notes-lightbox img').getAttribute('src')"
                " && document.querySelector('dialog.notes-lightbox img').complete"
            )
            state = page.evaluate(_OPENED)
            where = f"{url}#{name}"
            if not state["src"].endswith("-dark.svg#only-dark"):
                problems.append(f"{where}: opened {state['src']}, not the dark variant")
            if state["background"] != state["pageBackground"] or state["scheme"] != "slate":
                problems.append(f"{where}: dialog background {state['background']} on a dark page")
            if not state["complete"]:
                problems.append(f"{where}: image did not load")
            if " ".join(caption.split()) != " ".join(state["caption"].split()):
                problems.append(f"{where}: caption {state['caption']!r}, expected {caption!r}")
            svg = built_site / "figures" / state["src"].split("#")[0].rsplit("/figures/", 1)[-1]
            smallest, view_width = smallest_text(svg)
            px = smallest * state["width"] / view_width
            if px < MIN_TEXT_PX:
                problems.append(f"{where}: smallest text {px:.1f} px < {MIN_TEXT_PX}")
            if not shot:
                SCREENSHOTS.mkdir(exist_ok=True)
                page.screenshot(path=SCREENSHOTS / "lightbox-phone-dark.png")
                shot = True
            page.keyboard.press("Escape")
            page.wait_for_function(_CLOSED)
            focused = buttons.nth(i).evaluate("(b) => document.activeElement === b")
            if not focused:
                problems.append(f"{where}: focus not returned to the figure's button after Esc")
    assert not problems, "\n".join(problems)
    assert not browsing.problems(page), browsing.problems(page)


def test_click_opens_light_variant_and_close_button_closes(page: Any) -> None:
    """On a light desktop, a click on the figure opens it in the light palette at least at
    natural size; the visible close button closes it."""
    open_page(page, "lecture-1/perceptron/")
    figure = page.locator("figure.notes-figure").first
    figure.locator("img:visible").click()
    dialog = page.locator("dialog.notes-lightbox")
    dialog.wait_for()
    state = page.evaluate(_OPENED)
    assert state["open"]
    assert state["src"].endswith("-light.svg#only-light"), state
    assert state["scheme"] == "default" and state["background"] == state["pageBackground"]
    natural = float(figure.locator("img:visible").get_attribute("width") or 0)
    assert state["width"] >= natural, state
    close = dialog.get_by_role("button", name="Close figure")
    assert close.is_visible()
    close.click()
    page.wait_for_function(_CLOSED)
    assert figure.locator("button.notes-figure-zoom").evaluate(
        "(b) => document.activeElement === b"
    ), "focus not returned to the figure's button"
