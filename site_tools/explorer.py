"""The ``{{ explorer: perceptron }}`` marker: an interactive perceptron in the notes.

The marker expands to two sibling blocks:

* a **fallback note** (``.perceptron-explorer-fallback``, ``data-explorer-fallback``) saying
  that the explorer needs JavaScript and giving the example's numbers, computed here with
  :class:`notes_lib.perceptron.Perceptron`;
* the **widget** (``.perceptron-explorer``), an HTML skeleton of labelled form controls,
  output fields, a polite live region and an empty SVG plot. It carries the ``hidden``
  attribute, so without JavaScript it never shows.

``docs/assets/javascripts/perceptron-explorer.js`` finds every widget on a page, draws the
plot, un-hides the widget and hides the fallback note that precedes it. The static figure of
the same example (``{{ figure: perceptron-decision-boundary }}``) is placed by the page itself,
before the marker, and stays visible in both cases: without JavaScript it is what readers
get, with JavaScript it is the figure the widget starts from.

The starting values are the lecture's example and are read from :data:`EXAMPLE`, so the
fallback text, the widget's initial state and the tests share one source.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from notes_lib.perceptron import WORKED_EXAMPLE, Perceptron

__all__ = ["EXAMPLE", "ExplorerExample", "perceptron_explorer", "render_widget"]

ACTIVATION_CHOICES: tuple[tuple[str, str], ...] = (
    ("sigmoid", "Sigmoid"),
    ("tanh", "Tanh"),
    ("relu", "ReLU"),
)
"""``(registry name, label)`` for each activation the widget offers."""

WEIGHT_RANGE = (-5.0, 5.0)
"""Slider range of w₀, w₁, w₂ (the number fields accept any value)."""

INPUT_RANGE = (-4.0, 4.0)
"""Plotted range of x₁ and x₂; the input point stays inside it."""

STEP = 0.1
"""Slider, keyboard and drag step for every value."""


@dataclass(frozen=True)
class ExplorerExample:
    """Starting state of the widget: a perceptron and one input point."""

    bias: float
    w1: float
    w2: float
    x1: float
    x2: float
    activation: str = "sigmoid"

    def perceptron(self) -> Perceptron:
        """The perceptron these values describe."""
        return Perceptron([self.w1, self.w2], self.bias, self.activation)


EXAMPLE = ExplorerExample(
    bias=WORKED_EXAMPLE.bias,
    w1=WORKED_EXAMPLE.weights[0],
    w2=WORKED_EXAMPLE.weights[1],
    x1=WORKED_EXAMPLE.x[0],
    x2=WORKED_EXAMPLE.x[1],
)
"""The lecture's worked example: $w_0 = 1$, $w = [3, -2]$, $x = [-1, 2]$, sigmoid."""


def _num(value: float) -> str:
    """Format a value for an HTML attribute: shortest exact form, no trailing ``.0``."""
    return format(value, "g")


def _display(value: float, decimals: int = 4) -> str:
    """Format like the widget: ``decimals`` places, trailing zeros dropped, a true minus."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    if text in {"-0", ""}:
        text = "0"
    return text.replace("-", "\N{MINUS SIGN}")


def _number_control(prefix: str, name: str, label: str, value: float, lo: float, hi: float) -> str:
    """A slider and a number field for one value, each with its own ``<label>``."""
    rid, nid = f"{prefix}-{name}-range", f"{prefix}-{name}-number"
    v, lo_s, hi_s, step = _num(value), _num(lo), _num(hi), _num(STEP)
    return (
        f'<div class="pe-param" data-param="{name}">'
        f'<label class="pe-param__label" for="{rid}">{label}</label>'
        f'<input class="pe-param__range" type="range" id="{rid}" data-param="{name}" '
        f'min="{lo_s}" max="{hi_s}" step="{step}" value="{v}">'
        f'<label class="pe-visually-hidden" for="{nid}">{label}, exact value</label>'
        f'<input class="pe-param__number" type="number" id="{nid}" data-param="{name}" '
        f'step="{step}" value="{v}" inputmode="decimal">'
        "</div>"
    )


def render_widget(example: ExplorerExample = EXAMPLE, prefix: str = "perceptron-explorer") -> str:
    """The widget's HTML skeleton (one line per block, no blank lines, so Markdown keeps it raw).

    Parameters
    ----------
    example
        Starting values; also written to ``data-*`` attributes for the script's reset.
    prefix
        Prefix of every element id (one widget per page uses the default).

    Returns
    -------
    str
        A ``<div class="perceptron-explorer" hidden>`` block.
    """
    w_lo, w_hi = WEIGHT_RANGE
    x_lo, x_hi = INPUT_RANGE
    radios = "".join(
        f'<label class="pe-activation__choice"><input type="radio" name="{prefix}-activation" '
        f'value="{name}"{" checked" if name == example.activation else ""}> {label}</label>'
        for name, label in ACTIVATION_CHOICES
    )
    data = " ".join(
        f'data-{key}="{html.escape(str(val), quote=True)}"'
        for key, val in (
            ("w0", _num(example.bias)),
            ("w1", _num(example.w1)),
            ("w2", _num(example.w2)),
            ("x1", _num(example.x1)),
            ("x2", _num(example.x2)),
            ("activation", example.activation),
            ("weight-min", _num(w_lo)),
            ("weight-max", _num(w_hi)),
            ("input-min", _num(x_lo)),
            ("input-max", _num(x_hi)),
            ("step", _num(STEP)),
        )
    )
    lines = [
        f'<div class="perceptron-explorer" data-perceptron-explorer {data} '
        f'role="group" aria-labelledby="{prefix}-title" hidden>',
        f'<p class="pe-title" id="{prefix}-title"><strong>Perceptron explorer</strong>: '
        "move the weights, pick an activation, and drag the input point "
        "(or focus it and use the arrow keys).</p>",
        '<div class="pe-layout">',
        f'<form class="pe-controls" aria-label="Perceptron parameters" id="{prefix}-form">',
        '<fieldset class="pe-fieldset"><legend>Weights</legend>',
        _number_control(prefix, "w0", "Bias w₀", example.bias, w_lo, w_hi),
        _number_control(prefix, "w1", "Weight w₁", example.w1, w_lo, w_hi),
        _number_control(prefix, "w2", "Weight w₂", example.w2, w_lo, w_hi),
        "</fieldset>",
        f'<fieldset class="pe-fieldset pe-activation"><legend>Activation g</legend>{radios}'
        "</fieldset>",
        '<fieldset class="pe-fieldset"><legend>Input point x</legend>',
        _number_control(prefix, "x1", "Input x₁", example.x1, x_lo, x_hi),
        _number_control(prefix, "x2", "Input x₂", example.x2, x_lo, x_hi),
        "</fieldset>",
        '<button type="button" class="md-button pe-reset" data-action="reset">'
        "Reset to the lecture\N{RIGHT SINGLE QUOTATION MARK}s example</button>",
        "</form>",
        '<div class="pe-figure">',
        f'<svg class="pe-plot" id="{prefix}-plot" viewBox="0 0 340 340" role="group" '
        f'aria-labelledby="{prefix}-plot-title" aria-describedby="{prefix}-plot-desc">'
        f'<title id="{prefix}-plot-title">Decision boundary in the (x₁, x₂) plane</title>'
        f'<desc id="{prefix}-plot-desc">The line z = 0 splits the plane into the half where '
        "z is positive and the half where z is negative; the input point x can be dragged."
        "</desc></svg>",
        '<div class="pe-output">',
        '<p class="pe-output__line">z = w₀ + xᵀw = <span data-out="z-expr"></span> = '
        f'<strong><span data-out="z" id="{prefix}-z"></span></strong></p>',
        '<p class="pe-output__line">ŷ = g(z) = <span data-out="g-expr"></span> = '
        f'<strong><span data-out="yhat" id="{prefix}-yhat"></span></strong> '
        '<span class="pe-side" data-out="side"></span></p>',
        "</div>",
        '<ul class="pe-legend" data-out="legend"></ul>',
        "</div>",
        "</div>",
        '<p class="pe-visually-hidden" role="status" aria-live="polite" aria-atomic="true" '
        'data-out="announce"></p>',
        "</div>",
    ]
    return "\n".join(lines)


def _fallback(example: ExplorerExample) -> str:
    """The no-JavaScript note: what the widget would show for the lecture's example."""
    perceptron = example.perceptron()
    z = float(perceptron.pre_activation([example.x1, example.x2]))
    y = float(perceptron([example.x1, example.x2]))
    g = r"\sigma" if example.activation == "sigmoid" else "g"
    return (
        '<div class="perceptron-explorer-fallback" data-explorer-fallback markdown="1">\n\n'
        "*The interactive explorer needs JavaScript.* "
        f"With the lecture's values $w_0 = {_num(example.bias)}$, "
        f"$w = [{_num(example.w1)}, {_num(example.w2)}]$ and "
        f"$x = [{_num(example.x1)}, {_num(example.x2)}]$ it starts at "
        f"$z = {_num(z)}$ and $\\hat y = {g}(z) \\approx {y:.4f}$, the same example as the "
        "static decision-boundary figure.\n\n</div>"
    )


def perceptron_explorer(argument: str) -> str:
    """Expand ``{{ explorer: perceptron }}`` to the no-JS fallback followed by the widget.

    Parameters
    ----------
    argument
        The explorer's name; only ``perceptron`` exists.

    Returns
    -------
    str
        Markdown (raw HTML blocks) for the page.
    """
    if argument != "perceptron":
        raise ValueError(f"unknown explorer {argument!r}; known: perceptron")
    return f"\n\n{_fallback(EXAMPLE)}\n\n{render_widget(EXAMPLE)}\n\n"
