"""The perceptron explorer: its marker's HTML, and the widget driven in headless Chromium.

The browser tests set values the way a reader does (typing, slider keys, radio keys, dragging
the point, arrow keys on the point) and compare the displayed z and ŷ with
``notes_lib.perceptron.Perceptron`` to the displayed precision (4 decimal places). They also
check instant navigation, both palettes, a phone-width layout and the no-JavaScript fallback.
Screenshots go to ``.screenshots/explorer-*.png`` for a human to look at.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from browsing import follow_instantly, open_page, problems, wait_for_instant_navigation
from bs4 import BeautifulSoup
from conftest import ROOT
from playwright.sync_api import expect

from notes_lib.activations import get_activation
from notes_lib.perceptron import WORKED_EXAMPLE, Perceptron
from site_tools import explorer, markers

SCREENSHOTS = ROOT / ".screenshots"
PAGE = "lecture-1/perceptron/"
OTHER_PAGE_LINK = "Activation functions"  # a nav entry for the instant-navigation round trip
PERCEPTRON_LINK = "The perceptron"

# Half a unit in the last displayed place, plus float slack.
TOL = 0.5e-4 + 1e-9


# --------------------------------------------------------------------------- marker (no browser)


def _expanded() -> BeautifulSoup:
    return BeautifulSoup(markers.expand("{{ explorer: perceptron }}", "test.md"), "html.parser")


def test_marker_emits_hidden_widget_after_fallback() -> None:
    soup = _expanded()
    fallback = soup.select_one("[data-explorer-fallback]")
    widget = soup.select_one("[data-perceptron-explorer]")
    assert fallback is not None and widget is not None
    assert widget.has_attr("hidden"), "without JavaScript the widget must stay hidden"
    assert not fallback.has_attr("hidden")
    assert fallback.find_next_sibling() is widget, "the script hides the fallback just before"


def test_fallback_states_the_lecture_numbers() -> None:
    # The lecture: z = 1 + (-1)(3) + (2)(-2) = -6 and sigmoid(-6) = 1 / (1 + e^6) ~ 0.0025.
    text = _expanded().select_one("[data-explorer-fallback]").get_text()
    assert "z = -6" in text
    expected = f"{1 / (1 + math.exp(6)):.4f}"
    assert expected == "0.0025"
    assert expected in text


def test_every_control_has_a_label() -> None:
    widget = _expanded().select_one("[data-perceptron-explorer]")
    inputs = widget.find_all("input")
    assert len(inputs) == 5 * 2 + 3, "w0, w1, w2, x1, x2 as slider + number, 3 activations"
    for control in inputs:
        if control["type"] == "radio":
            assert control.find_parent("label") is not None, control
        else:
            assert widget.select_one(f'label[for="{control["id"]}"]') is not None, control
    live = widget.select_one('[aria-live="polite"]')
    assert live is not None
    assert widget.select_one("svg.pe-plot") is not None


def test_widget_starts_at_the_lecture_example() -> None:
    widget = _expanded().select_one("[data-perceptron-explorer]")
    example = WORKED_EXAMPLE
    values = (example.bias, *example.weights, *example.x)
    assert {k: widget[f"data-{k}"] for k in ("w0", "w1", "w2", "x1", "x2", "activation")} == {
        **{k: f"{v:g}" for k, v in zip(("w0", "w1", "w2", "x1", "x2"), values, strict=True)},
        "activation": example.activation,
    }
    checked = widget.select_one('input[type="radio"][checked]')
    assert checked is not None and checked["value"] == example.activation


def test_unknown_explorer_fails_the_build() -> None:
    with pytest.raises(markers.MarkerError, match="unknown explorer 'xor'"):
        markers.expand("{{ explorer: xor }}", "page.md")


def test_offered_activations_are_notes_lib_activations() -> None:
    # Each choice is one the perceptron (and so the comparison in the browser tests) computes.
    for name, _label in explorer.ACTIVATION_CHOICES:
        neuron = dataclasses.replace(WORKED_EXAMPLE, activation=name).perceptron()
        z = float(neuron.pre_activation(WORKED_EXAMPLE.x))
        assert float(neuron(WORKED_EXAMPLE.x)) == float(get_activation(name).function(z)), name


# --------------------------------------------------------------------------- browser fixtures

# The script marks each widget it has set up (and skips marked ones on instant navigation).
READY = "[data-perceptron-explorer][data-pe-ready='1']"


class Tab:
    """The perceptron notes open in a page (each test's own context), widget set up."""

    def __init__(self, page: Any) -> None:
        self.page = page
        open_page(page, PAGE)
        page.locator(READY).wait_for(state="visible")

    @property
    def widget(self) -> Any:
        return self.page.locator("[data-perceptron-explorer]")

    def number(self, name: str) -> Any:
        return self.widget.locator(f'input[type="number"][data-param="{name}"]')

    def slider(self, name: str) -> Any:
        return self.widget.locator(f'input[type="range"][data-param="{name}"]')

    def shown(self, out: str) -> str:
        return self.widget.locator(f'[data-out="{out}"]').inner_text()

    def value(self, out: str) -> float:
        return float(self.shown(out).replace("\N{MINUS SIGN}", "-"))

    def params(self) -> dict[str, float]:
        return {n: float(self.number(n).input_value()) for n in ("w0", "w1", "w2", "x1", "x2")}

    def activation(self) -> str:
        return self.widget.locator('input[type="radio"]:checked').get_attribute("value")

    @property
    def errors(self) -> list[str]:
        return problems(self.page)


@pytest.fixture
def tab(page: Any) -> Iterator[Tab]:
    t = Tab(page)
    yield t
    assert t.errors == [], "\n".join(t.errors)


def assert_matches_notes_lib(t: Tab) -> tuple[float, float]:
    """The displayed z and ŷ equal notes_lib's for the values the fields show."""
    p = t.params()
    neuron = Perceptron([p["w1"], p["w2"]], p["w0"], t.activation())
    x = [p["x1"], p["x2"]]
    z, y = float(neuron.pre_activation(x)), float(neuron(x))
    shown_z, shown_y = t.value("z"), t.value("yhat")
    assert re.fullmatch("\N{MINUS SIGN}?" r"\d+\.\d{4}", t.shown("yhat")), t.shown("yhat")
    assert abs(shown_z - z) <= TOL, (p, t.activation(), shown_z, z)
    assert abs(shown_y - y) <= TOL, (p, t.activation(), shown_y, y)
    return z, y


def choose_activation(t: Tab, name: str) -> None:
    t.widget.locator(f'input[type="radio"][value="{name}"]').check()


# --------------------------------------------------------------------------- browser tests


@pytest.mark.browser
def test_starts_at_the_lecture_example(tab: Tab) -> None:
    assert tab.page.locator("[data-explorer-fallback]").is_hidden()
    assert tab.params() == {"w0": 1, "w1": 3, "w2": -2, "x1": -1, "x2": 2}
    assert tab.activation() == "sigmoid"
    assert tab.shown("z") == "\N{MINUS SIGN}6"
    assert tab.shown("yhat") == "0.0025"
    assert_matches_notes_lib(tab)


COMBINATIONS = [
    # w0, w1, w2, x1, x2, activation
    (0.5, -1.2, 2.3, 1.5, -0.7, "tanh"),
    (-2.0, 0.7, 0.4, 3.1, 2.2, "relu"),
    (2.0, 1.0, 1.0, -3.0, -3.0, "relu"),  # z < 0: ReLU gives exactly 0
    (3.0, -4.5, 1.1, -2.5, 0.3, "sigmoid"),  # z = 15.58: saturated sigmoid
    (-40.0, 0.0, 0.0, 0.0, 0.0, "sigmoid"),  # very negative z: the stable branch
    (0.25, 0.123, -0.456, 3.3, -1.9, "tanh"),  # off-grid typed values
]


def _random_combinations(n: int, seed: int = 6191) -> list[tuple[Any, ...]]:
    """Seeded random settings on the sliders' 0.01 grid, every activation in turn."""
    rng = np.random.default_rng(seed)
    names = [name for name, _ in explorer.ACTIVATION_CHOICES]
    return [
        (
            *(round(float(v), 2) for v in rng.uniform(*explorer.WEIGHT_RANGE, size=3)),
            *(round(float(v), 2) for v in rng.uniform(*explorer.INPUT_RANGE, size=2)),
            names[i % len(names)],
        )
        for i in range(n)
    ]


COMBINATIONS += _random_combinations(6)


@pytest.mark.browser
def test_typed_values_match_notes_lib(tab: Tab) -> None:
    for w0, w1, w2, x1, x2, activation in COMBINATIONS:
        for name, value in zip(("w0", "w1", "w2", "x1", "x2"), (w0, w1, w2, x1, x2), strict=True):
            tab.number(name).fill(str(value))
        choose_activation(tab, activation)
        assert tab.params() == {"w0": w0, "w1": w1, "w2": w2, "x1": x1, "x2": x2}
        assert_matches_notes_lib(tab)
        # The sliders follow the typed values, clamped to their range and snapped to a step.
        slider_w0 = float(tab.slider("w0").input_value())
        assert slider_w0 == pytest.approx(max(-5, min(5, w0)), abs=0.05 + 1e-9)
    # An input beyond the plot is clamped to its edge once committed.
    tab.number("x1").fill("7")
    tab.number("x1").press("Enter")
    assert tab.params()["x1"] == 4
    assert_matches_notes_lib(tab)
    # An empty field is flagged and leaves the last good value in force.
    before = tab.shown("yhat")
    tab.number("w0").fill("")
    assert tab.number("w0").get_attribute("aria-invalid") == "true"
    assert tab.shown("yhat") == before


@pytest.mark.browser
def test_sliders_and_radios_work_from_the_keyboard(tab: Tab) -> None:
    w1 = tab.slider("w1")
    w1.focus()
    for _ in range(5):
        tab.page.keyboard.press("ArrowRight")
    assert tab.params()["w1"] == pytest.approx(3.5)
    assert_matches_notes_lib(tab)
    tab.page.keyboard.press("Home")
    assert tab.params()["w1"] == -5
    assert_matches_notes_lib(tab)
    tab.slider("w0").focus()
    tab.page.keyboard.press("ArrowLeft")
    assert tab.params()["w0"] == pytest.approx(0.9)
    # Arrow keys inside the radio group pick the next activation.
    tab.widget.locator('input[type="radio"][value="sigmoid"]').focus()
    tab.page.keyboard.press("ArrowRight")
    assert tab.activation() == "tanh"
    assert_matches_notes_lib(tab)
    tab.page.keyboard.press("ArrowRight")
    assert tab.activation() == "relu"
    assert_matches_notes_lib(tab)


@pytest.mark.browser
def test_point_moves_with_arrow_keys_after_tabbing_to_it(tab: Tab) -> None:
    tab.widget.locator('[data-action="reset"]').focus()
    tab.page.keyboard.press("Tab")
    handle = tab.widget.locator(".pe-handle")
    assert handle.evaluate("el => el === document.activeElement"), "Tab should reach the point"
    assert handle.get_attribute("role") == "slider"
    for key in ("ArrowRight", "ArrowRight", "ArrowRight", "ArrowDown", "ArrowDown"):
        tab.page.keyboard.press(key)
    assert tab.params()["x1"] == pytest.approx(-0.7)
    assert tab.params()["x2"] == pytest.approx(1.8)
    assert_matches_notes_lib(tab)
    tab.page.keyboard.press("Shift+ArrowUp")
    assert tab.params()["x2"] == pytest.approx(2.8)
    assert handle.get_attribute("aria-valuetext") == "x₁ = \N{MINUS SIGN}0.7, x₂ = 2.8"
    # The polite live region announces ŷ once the reader pauses.
    _z, y = assert_matches_notes_lib(tab)
    live = tab.widget.locator('[aria-live="polite"]')
    expected = f"{y:.4f}"
    live.filter(has_text=expected).wait_for()
    # Keys clamp at the plot's edge.
    for _ in range(60):
        tab.page.keyboard.press("ArrowLeft")
    assert tab.params()["x1"] == -4


def _screen_point(t: Tab, x1: float, x2: float) -> tuple[float, float]:
    """Page coordinates of data point (x1, x2), from the plot frame and the data range."""
    frame = t.widget.locator(".pe-frame")
    box = t.widget.locator("svg.pe-plot").bounding_box()
    view = t.widget.locator("svg.pe-plot").get_attribute("viewBox").split()
    scale = box["width"] / float(view[2])
    fx, fy, fw, fh = (float(frame.get_attribute(a)) for a in ("x", "y", "width", "height"))
    lo = float(t.widget.get_attribute("data-input-min"))
    hi = float(t.widget.get_attribute("data-input-max"))
    sx = fx + (x1 - lo) / (hi - lo) * fw
    sy = fy + fh - (x2 - lo) / (hi - lo) * fh
    return box["x"] + sx * scale, box["y"] + sy * scale


@pytest.mark.browser
def test_dragging_the_point(tab: Tab) -> None:
    tab.widget.locator("svg.pe-plot").scroll_into_view_if_needed()
    start = _screen_point(tab, -1, 2)
    handle_box = tab.widget.locator(".pe-handle__dot").bounding_box()
    centre = (handle_box["x"] + handle_box["width"] / 2, handle_box["y"] + handle_box["height"] / 2)
    assert centre == pytest.approx(start, abs=1.5), "the point is drawn where x is"
    mouse = tab.page.mouse
    mouse.move(*start)
    mouse.down()
    end = _screen_point(tab, 2.5, -1.5)
    mouse.move(*end, steps=8)
    mouse.up()
    assert tab.params()["x1"] == pytest.approx(2.5)
    assert tab.params()["x2"] == pytest.approx(-1.5)
    z, _ = assert_matches_notes_lib(tab)
    assert z > 0, "dragged across the boundary"
    assert "z > 0" in tab.shown("side")
    # A click elsewhere on the plot moves the point there too.
    mouse.click(*_screen_point(tab, -3, -3))
    assert (tab.params()["x1"], tab.params()["x2"]) == (-3, -3)
    assert_matches_notes_lib(tab)


def _boundary_residual(t: Tab) -> float:
    """max |w0 + w1 x1 + w2 x2| over the drawn boundary's two end points, in data units."""
    frame = t.widget.locator(".pe-frame")
    fx, fy, fw, fh = (float(frame.get_attribute(a)) for a in ("x", "y", "width", "height"))
    lo = float(t.widget.get_attribute("data-input-min"))
    hi = float(t.widget.get_attribute("data-input-max"))
    line = t.widget.locator(".pe-boundary")
    p = t.params()
    worst = 0.0
    for i in ("1", "2"):
        sx, sy = float(line.get_attribute(f"x{i}")), float(line.get_attribute(f"y{i}"))
        x1 = lo + (sx - fx) / fw * (hi - lo)
        x2 = lo + (fy + fh - sy) / fh * (hi - lo)
        worst = max(worst, abs(p["w0"] + p["w1"] * x1 + p["w2"] * x2))
        assert lo - 1e-6 <= x1 <= hi + 1e-6 and lo - 1e-6 <= x2 <= hi + 1e-6
    return worst


def _point_in(t: Tab, polygon: str) -> bool:
    return t.widget.evaluate(
        """(root, sel) => {
            const poly = root.querySelector(sel), dot = root.querySelector('.pe-handle__dot');
            const svg = root.querySelector('svg.pe-plot');
            const p = svg.createSVGPoint();
            p.x = +dot.getAttribute('cx'); p.y = +dot.getAttribute('cy');
            return poly.isPointInFill(p);
        }""",
        polygon,
    )


@pytest.mark.browser
def test_boundary_and_half_planes_follow_the_weights(tab: Tab) -> None:
    assert _boundary_residual(tab) < 1e-6
    assert _point_in(tab, ".pe-half--neg") and not _point_in(tab, ".pe-half--pos")
    for w0, w1, w2 in ((-1.0, 0.5, 2.0), (0.3, -2.0, 0.0), (2.0, 0.0, -1.5)):
        for name, value in (("w0", w0), ("w1", w1), ("w2", w2)):
            tab.number(name).fill(str(value))
        tab.number("w2").press("Enter")
        assert _boundary_residual(tab) < 1e-6, (w0, w1, w2)
        z, _ = assert_matches_notes_lib(tab)
        assert _point_in(tab, ".pe-half--pos") == (z > 0)
        assert _point_in(tab, ".pe-half--neg") == (z < 0)
    # Legend names the boundary with the current weights.
    assert "2 \N{MINUS SIGN} 1.5x₂ = 0" in tab.shown("legend")


@pytest.mark.browser
def test_widget_reinitialises_after_instant_navigation(tab: Tab) -> None:
    page = tab.page
    wait_for_instant_navigation(page)
    page.evaluate("window.__sameDocument = true")
    tab.number("w0").fill("2")
    nav = page.get_by_role("navigation", name="Navigation")
    follow_instantly(
        page,
        nav.get_by_role("link", name=OTHER_PAGE_LINK, exact=True),
        re.compile(r"activation-functions/$"),
    )
    assert tab.widget.count() == 0
    follow_instantly(
        page,
        nav.get_by_role("link", name=PERCEPTRON_LINK, exact=True),
        re.compile(r"lecture-1/perceptron/$"),
    )
    page.locator(READY).wait_for(state="visible")
    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    assert tab.widget.count() == 1
    assert tab.widget.locator(".pe-handle").count() == 1, "initialised twice"
    assert tab.page.locator("[data-explorer-fallback]").is_hidden()
    assert tab.params()["w0"] == 1, "a fresh widget starts at the lecture's example"
    assert tab.shown("yhat") == "0.0025"
    tab.number("x1").fill("1")
    assert_matches_notes_lib(tab)


def _rgb(css: str) -> tuple[float, float, float]:
    nums = [float(v) for v in re.findall(r"[\d.]+", css)[:3]]
    return nums[0], nums[1], nums[2]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_palettes_and_phone_width(new_context: Any, scheme: str, width: int) -> None:
    context = new_context(viewport={"width": width, "height": 1400}, color_scheme=scheme)
    t = Tab(context.new_page())
    body_scheme = t.page.locator("body").get_attribute("data-md-color-scheme")
    assert body_scheme == ("slate" if scheme == "dark" else "default")
    colours = t.widget.evaluate(
        """root => {
            const cs = sel => getComputedStyle(root.querySelector(sel));
            return {
                bg: getComputedStyle(root).backgroundColor,
                fg: getComputedStyle(root).color,
                pos: cs('.pe-half--pos').fill, posA: +cs('.pe-half--pos').fillOpacity,
                neg: cs('.pe-half--neg').fill, negA: +cs('.pe-half--neg').fillOpacity,
                line: cs('.pe-boundary').stroke,
            };
        }"""
    )
    bg = _rgb(colours["bg"])

    def over_bg(colour: str, alpha: float) -> tuple[float, float, float]:
        c = _rgb(colour)
        return tuple(alpha * c[i] + (1 - alpha) * bg[i] for i in range(3))  # type: ignore[return-value]

    pos, neg = (
        over_bg(colours["pos"], colours["posA"]),
        over_bg(colours["neg"], colours["negA"]),
    )
    fg = _rgb(colours["fg"])
    # Text and the boundary stay readable on both half-planes (WCAG AA for text).
    for region in (pos, neg):
        assert _contrast(fg, region) >= 4.5, (scheme, colours)
        assert _contrast(_rgb(colours["line"]), region) >= 3, (scheme, colours)
    # The two half-planes differ in lightness too, not only in hue.
    assert _contrast(pos, neg) >= 1.3, (scheme, colours)
    # Nothing overflows the page at phone width.
    overflow = t.page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    svg_box = t.widget.locator("svg.pe-plot").bounding_box()
    assert svg_box["width"] >= min(300, width - 80)
    SCREENSHOTS.mkdir(exist_ok=True)
    t.widget.scroll_into_view_if_needed()
    t.widget.screenshot(path=str(SCREENSHOTS / f"explorer-{scheme}-{width}.png"))
    assert t.errors == []


@pytest.mark.browser
def test_without_javascript_the_static_figure_shows(new_context: Any) -> None:
    page = new_context(java_script_enabled=False).new_page()
    open_page(page, PAGE, scripts=False)
    assert page.locator("[data-perceptron-explorer]").count() == 1
    assert page.locator("[data-perceptron-explorer]").is_hidden()
    fallback = page.locator("[data-explorer-fallback]")
    assert fallback.is_visible()
    assert "0.0025" in fallback.inner_text()
    figure = page.locator(
        '[src*="perceptron-decision-boundary"], [data-figure="perceptron-decision-boundary"]'
    )
    assert figure.count() >= 1, "the page must place the static perceptron-decision-boundary"
    # Material shows one of the light/dark renders; one of them must be on screen.
    assert any(figure.nth(i).is_visible() for i in range(figure.count()))
    SCREENSHOTS.mkdir(exist_ok=True)
    fallback.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "explorer-no-js.png"))


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_widget(new_context: Any, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed at {AXE.relative_to(ROOT)} (make test runs npm ci)")
    t = Tab(new_context(color_scheme=scheme).new_page())
    choose_activation(t, "relu")  # also audit a changed state, legend and outputs
    t.page.add_script_tag(path=str(AXE))
    violations = t.page.evaluate(
        """async () => (await axe.run('[data-perceptron-explorer]')).violations
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert violations == [], violations


@pytest.mark.browser
def test_touch_drag_moves_the_point_without_scrolling(new_context: Any) -> None:
    context = new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    t = Tab(context.new_page())
    plot = t.widget.locator("svg.pe-plot")
    plot.scroll_into_view_if_needed()
    start = _screen_point(t, -1, 2)
    end = _screen_point(t, 1.5, -0.5)
    # Where the plot is on screen, not scrollY: blocks above it that are rendered late
    # (content-visibility) change scrollY while the browser keeps what is on screen still.
    top_before = plot.evaluate("(svg) => svg.getBoundingClientRect().top")
    cdp = t.page.context.new_cdp_session(t.page)

    def touch(kind: str, x: float | None = None, y: float | None = None) -> None:
        points = [] if x is None else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", *start)
    for i in range(1, 11):
        touch("touchMove", *(s + (e - s) * i / 10 for s, e in zip(start, end, strict=True)))
    touch("touchEnd")
    expect(t.number("x1")).to_have_value(re.compile(r"^1\.50*$"))
    expect(t.number("x2")).to_have_value(re.compile(r"^-0\.50*$"))
    top_after = plot.evaluate("(svg) => svg.getBoundingClientRect().top")
    # A scroll by the drag moves it by tens of pixels; anchoring may leave a fraction.
    assert abs(top_after - top_before) < 1, (
        f"the drag scrolled the page ({top_before} -> {top_after})"
    )
    assert_matches_notes_lib(t)
    assert t.errors == []
