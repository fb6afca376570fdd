"""Every figure the notes can show, by stable name: what draws it, its caption and its alt text.

Entries are plain data (the figure function is named as ``"module:function"``, not imported),
so the build can look figures up, hash them and write captions without importing matplotlib.
Notes place a figure with one line, ``{{ figure: NAME }}``.

To add a figure: write a function ``f(*args, theme) -> matplotlib.figure.Figure`` in the
topic module under ``figures/`` (taking its numbers from `notes_lib`), then add a
[`FigureSpec`][figures.registry.FigureSpec] for it to [`FIGURES`][figures.registry.FIGURES] below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from notes_lib.activations import ACTIVATIONS, Activation
from notes_lib.perceptron import WORKED_EXAMPLE as _EXAMPLE
from notes_lib.perceptron import Perceptron

__all__ = ["FIGURES", "WORKED_EXAMPLE", "FigureSpec", "get_figure"]


@dataclass(frozen=True)
class FigureSpec:
    """One registered figure.

    Attributes
    ----------
    name
        Stable name used in ``{{ figure: NAME }}`` and in the rendered file names.
    target
        The figure function as ``"package.module:function"``; it is called as
        ``function(*args, theme=theme)`` and must return a ``matplotlib.figure.Figure``.
    caption
        Caption shown under the figure (Markdown; ``$...$`` math allowed).
    alt
        Alternative text: what the figure shows, for readers who cannot see it.
    args
        Positional arguments for the function (plain data, part of the cache key).
    """

    name: str
    target: str
    caption: str
    alt: str
    args: tuple[Any, ...] = ()

    @property
    def module(self) -> str:
        """The dotted module name of the figure function."""
        return self.target.partition(":")[0]

    @property
    def function(self) -> str:
        """The figure function's name inside [`module`][figures.registry.FigureSpec.module]."""
        return self.target.partition(":")[2]


def _plain(latex: str) -> str:
    r"""A LaTeX interval such as ``[0, \infty)`` as plain text for alt text."""
    text = latex.replace(r"\infty", "∞").replace("-", "\u2212")
    return re.sub(r"\\[a-zA-Z]+ ?", "", text)


def _num(value: float) -> str:
    """A number for alt text, with a true minus sign."""
    return f"{value:g}".replace("-", "\u2212")


def _activation_spec(act: Activation) -> FigureSpec:
    x = np.linspace(-5.0, 5.0, 401)
    slope = act.derivative(x)
    return FigureSpec(
        name="activation-" + act.name.replace("_", "-"),
        target="figures.activations:activation_and_derivative",
        args=(act.name,),
        caption=(
            f"The {act.display_name} activation $f(x)$ (left) and its derivative $f'(x)$ "
            "(right). Dotted lines mark the bounds of its output range."
        ),
        alt=(
            f"Two line plots over x from \u22125 to 5. Left: the {act.display_name} activation, "
            f"whose output lies in {_plain(act.output_range)}. Right: its derivative, which "
            f"takes values between {slope.min():.2g} and {slope.max():.2g} on this interval."
        ),
    )


WORKED_EXAMPLE = (_EXAMPLE.bias, _EXAMPLE.weights, _EXAMPLE.x)
"""The lecture's worked example (from notes_lib) as the figure's arguments: $w_0$, $w$, $x$."""


def _decision_boundary_spec() -> FigureSpec:
    bias, weights, point = WORKED_EXAMPLE
    neuron = Perceptron(weights, bias)
    z, y_hat = float(neuron.pre_activation(point)), float(neuron(point))
    side = "\\hat y > 0.5" if y_hat > 0.5 else "\\hat y < 0.5"
    return FigureSpec(
        name="perceptron-decision-boundary",
        target="figures.perceptron:decision_boundary",
        args=WORKED_EXAMPLE,
        caption=(
            f"The worked example: a sigmoid perceptron with $w_0 = {bias:g}$ and "
            f"$\\mathbf{{w}} = ({weights[0]:g}, {weights[1]:g})$. The line "
            f"${bias:g} {weights[0]:+g}x_1 {weights[1]:+g}x_2 = 0$ splits the plane into the "
            "half-plane where $\\hat y > 0.5$ and the one where $\\hat y < 0.5$; the point "
            f"$({point[0]:g}, {point[1]:g})$ lies on the ${side}$ side."
        ),
        alt=(
            "A square plot of the plane, x1 and x2 from \u22124 to 4, crossed by the straight line "
            f"{bias:g} + {weights[0]:g} x1 \u2212 {-weights[1]:g} x2 = 0. The two half-planes it "
            "separates are coloured by the neuron's output: one where the output is above 0.5, "
            "the other where it is below 0.5, with faint contour lines of the output. The point "
            f"({_num(point[0])}, {_num(point[1])}) is marked and labelled with its weighted "
            f"sum z = {_num(z)} and output ŷ ≈ {y_hat:.2g}."
        ),
    )


FIGURES: dict[str, FigureSpec] = {
    spec.name: spec
    for spec in (
        *(_activation_spec(act) for act in ACTIVATIONS.values()),
        FigureSpec(
            name="activation-comparison",
            target="figures.activations:comparison",
            caption=(
                "All activation functions of the notes side by side (left) with their "
                "derivatives (right)."
            ),
            alt=(
                "Two line plots over x from \u22124 to 4, one line per activation function ("
                + ", ".join(a.display_name for a in ACTIVATIONS.values())
                + "), each in its own colour and line style. Left: the functions; the bounded "
                "ones flatten out, the unbounded ones grow with x. Right: their derivatives; "
                "the bounded functions' derivatives fall to zero away from the origin."
            ),
        ),
        FigureSpec(
            name="vanishing-gradient",
            target="figures.activations:vanishing_gradient",
            caption=(
                "Saturation and the vanishing gradient. Left: the derivatives of the sigmoid "
                "and tanh are close to zero once $|x|$ is large (shaded: $\\sigma'(x) < 0.05$). "
                "Right: the sigmoid's derivative is at most $0.25$, so a gradient passing "
                "through $L$ sigmoid layers shrinks by a factor of at least $4^L$."
            ),
            alt=(
                "Left: two bell-shaped curves over x from \u22126 to 6, the sigmoid's derivative "
                "peaking at 0.25 at x = 0 (marked) and tanh's derivative peaking at 1; the "
                "regions where |x| is large, and the sigmoid's derivative is below 0.05, are "
                "shaded. Right: bars on a logarithmic scale for 1 to 10 layers, falling from "
                "0.25 to about one in a million: the largest possible gradient factor through "
                "that many sigmoid layers."
            ),
        ),
        FigureSpec(
            name="perceptron-graph",
            target="figures.perceptron:perceptron_graph",
            caption=(
                "The perceptron as a computational graph: inputs $x_1, x_2$ and a constant "
                "$1$ are multiplied by the weights $w_1, w_2$ and the bias $w_0$, summed to "
                "$z$, and passed through the non-linearity $g$ to give the output $\\hat y$."
            ),
            alt=(
                "A diagram flowing left to right. Three input nodes, 1, x1 and x2, have arrows "
                "labelled w0, w1 and w2 into a node labelled Σ (the weighted sum z). An arrow "
                "from Σ leads to a box labelled g (the non-linearity), and an arrow from g "
                "leads to the output node ŷ."
            ),
        ),
        _decision_boundary_spec(),
        FigureSpec(
            name="dense-network-graph",
            target="figures.perceptron:dense_network_graph",
            caption=(
                "A small fully connected (dense) network: every input feeds every hidden "
                "unit through the weights $W^{(1)}$, and every hidden unit feeds every "
                "output through $W^{(2)}$."
            ),
            alt=(
                "A layered diagram flowing left to right: three input nodes x1 to x3, four "
                "hidden nodes z1 to z4 and two output nodes ŷ1 and ŷ2. Every input is joined "
                "by a line to every hidden node (labelled W(1)), and every hidden node to "
                "every output (labelled W(2))."
            ),
        ),
        FigureSpec(
            name="loss-surface-learning-rates",
            target="figures.training:loss_surface_learning_rates",
            caption=(
                "Gradient descent on an elongated quadratic loss, 15 steps from the same start "
                "(w₁, w₂) = (\u22124, 1), with three learning rates: too small (w₁ "
                "only reaches \u22122.95, far from the minimum), good (w₂ lands on the "
                "valley floor in one step and w₁ reaches \u22120.82, most of the way) and "
                "too large (w₂ overshoots further each step and diverges, out to "
                "\u22124.18)."
            ),
            alt=(
                "Three contour plots of the same elliptical bowl-shaped loss, wide along w1 "
                "and narrow along w2, with the minimum at the origin. Each shows a gradient "
                "descent path of the same number of steps from the same starting point. "
                "Left, small learning rate: the path creeps a short way down. Middle, good "
                "learning rate: the path drops straight onto the valley floor, then runs along "
                "it most of the way towards the minimum. Right, too large: the path zig-zags "
                "across the narrow valley, further out on each step."
            ),
        ),
        FigureSpec(
            name="overfitting-early-stopping",
            target="figures.training:overfitting_early_stopping",
            caption=(
                "Overfitting: a too-flexible model trained by gradient descent. The training "
                "loss keeps falling; the validation loss falls, then rises again. Early "
                "stopping keeps the weights from the epoch with the lowest validation loss."
            ),
            alt=(
                "Left: a line plot of loss against epoch on a logarithmic scale. The training "
                "loss decreases throughout; the validation loss decreases, reaches a minimum "
                "marked by a vertical line labelled early stopping, and then increases. "
                "Right: the training points and two fitted curves, the model at the "
                "early-stopping epoch and the final, wigglier model."
            ),
        ),
        FigureSpec(
            name="trained-neuron",
            target="figures.training:trained_neuron",
            caption=(
                "A single sigmoid neuron trained by gradient descent on the cross-entropy loss "
                "for a small two-class data set. Left: the data, the learned decision "
                "boundary and the output $\\hat y$. Right: the loss during training."
            ),
            alt=(
                "Left: a scatter plot of two clusters of points, circles for class 0 and "
                "triangles for class 1, with the background shaded by the neuron's output and "
                "a straight decision boundary separating the clusters. Right: the training "
                "loss falling steeply over the first epochs and then levelling off."
            ),
        ),
    )
}
"""Every figure, keyed by name."""


def get_figure(name: str) -> FigureSpec:
    """Look up a figure by name.

    Parameters
    ----------
    name
        A registered figure name.

    Returns
    -------
    FigureSpec
        The registry entry.

    Raises
    ------
    KeyError
        If no figure has that name; the message lists the known names.
    """
    try:
        return FIGURES[name]
    except KeyError:
        raise KeyError(f"unknown figure {name!r}; known: {', '.join(sorted(FIGURES))}") from None
