"""Figures about the perceptron.

Its computational graph, the worked example's decision boundary, and a small dense network.

The decision boundary and outputs come from
[`notes_lib.perceptron.Perceptron`][notes_lib.perceptron.Perceptron]; the graphs are drawn
with matplotlib patches and arrows.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from figures.style import FIGURE_WIDTH, Theme
from notes_lib.perceptron import WorkedExample

__all__ = ["decision_boundary", "dense_network_graph", "perceptron_graph"]


def _node(ax: Axes, xy: tuple[float, float], label: str, theme: Theme, r: float = 0.42) -> None:
    ax.add_patch(Circle(xy, r, facecolor=theme.surface, edgecolor=theme.accent, linewidth=1.6))
    ax.text(*xy, label, ha="center", va="center", fontsize=13)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], theme: Theme,
           shrink: float = 17.0, **kwargs: object) -> None:  # fmt: skip
    ax.add_patch(FancyArrowPatch(
        start, end, arrowstyle="-|>", mutation_scale=14, shrinkA=shrink, shrinkB=shrink,
        color=theme.foreground, linewidth=1.3, **kwargs,
    ))  # fmt: skip


def _canvas(
    height: float, xlim: tuple[float, float], ylim: tuple[float, float]
) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(FIGURE_WIDTH, height), layout="constrained")
    ax = fig.add_subplot()
    ax.set(xlim=xlim, ylim=ylim, aspect="equal")
    ax.axis("off")
    return fig, ax


def perceptron_graph(*, theme: Theme) -> Figure:
    r"""The perceptron as a computational graph: inputs, weights, sum, non-linearity, output.

    Parameters
    ----------
    theme
        Colours to draw with.

    Returns
    -------
    matplotlib.figure.Figure
        Inputs $1, x_1, x_2$ feed $\Sigma$ through weights $w_0, w_1, w_2$; $z$ goes
        through $g$ to $\hat y$.
    """
    fig, ax = _canvas(3.0, (-0.8, 10.6), (-0.4, 4.6))
    inputs = {"$1$": (0.5, 3.6), "$x_1$": (0.5, 2.1), "$x_2$": (0.5, 0.6)}
    weights = ("$w_0$", "$w_1$", "$w_2$")
    total, nonlinearity, output = (4.6, 2.1), (7.0, 2.1), (9.4, 2.1)
    for (label, xy), weight in zip(inputs.items(), weights, strict=True):
        _node(ax, xy, label, theme)
        _arrow(ax, xy, total, theme)
        # Label each edge a third of the way along, just above it, where edges are apart.
        mid = (0.62 * xy[0] + 0.38 * total[0], 0.62 * xy[1] + 0.38 * total[1])
        ax.text(mid[0], mid[1] + 0.12, weight, ha="center", va="bottom", color=theme.accent)
    _node(ax, total, "$\\Sigma$", theme, r=0.55)
    ax.add_patch(FancyBboxPatch(
        (nonlinearity[0] - 0.55, nonlinearity[1] - 0.45), 1.1, 0.9, boxstyle="round,pad=0.05",
        facecolor=theme.surface, edgecolor=theme.accent, linewidth=1.6,
    ))  # fmt: skip
    ax.text(*nonlinearity, "$g$", ha="center", va="center", fontsize=14)
    _arrow(ax, total, nonlinearity, theme, shrink=20)
    ax.text(5.8, 2.3, "$z$", ha="center", va="bottom")
    _node(ax, output, "$\\hat{y}$", theme)
    _arrow(ax, nonlinearity, output, theme, shrink=20)
    for x, caption in ((0.5, "inputs"), (2.6, "weights"), (4.6, "sum"),
                       (7.0, "non-linearity"), (9.4, "output")):  # fmt: skip
        ax.text(x, -0.25, caption, ha="center", va="top", fontsize=10, color=theme.muted)
    return fig


def decision_boundary(example: WorkedExample, *, theme: Theme) -> Figure:
    r"""A 2-input sigmoid perceptron's output over the plane, its decision line and one point.

    Parameters
    ----------
    example
        The neuron and the input $(x_1, x_2)$ to mark, labelled with its $z$ and $\hat y$
        ([`WORKED_EXAMPLE`][notes_lib.perceptron.WORKED_EXAMPLE] in the notes).
    theme
        Colours to draw with.

    Returns
    -------
    matplotlib.figure.Figure
        The half-planes $\hat y > 0.5$ and $\hat y < 0.5$ in two colours, contours of
        $\hat y$, the line $z = 0$ and the marked point.
    """
    neuron, point = example.perceptron(), example.x
    line = neuron.decision_boundary()
    grid = np.linspace(-4.0, 4.0, 161)
    x1, x2 = np.meshgrid(grid, grid)
    y_hat = neuron(np.stack([x1, x2], axis=-1))

    # Square plot: a narrower figure, so phones scale it (and its text) down less.
    fig = Figure(figsize=(4.6, 4.4), layout="constrained")
    ax = fig.add_subplot()
    ax.contourf(x1, x2, y_hat, levels=[0, 0.5, 1], colors=[theme.negative, theme.positive],
                alpha=0.22)  # fmt: skip
    contours = ax.contour(x1, x2, y_hat, levels=[0.1, 0.9], colors=theme.muted,
                          linewidths=0.7, linestyles=":")  # fmt: skip
    ax.clabel(contours, fmt=lambda v: f"ŷ={v:g}", fontsize=8)
    ax.plot(grid, line.x2(grid), color=theme.foreground, linewidth=2)
    # Write the line's equation along it (equal aspect: the slope on screen is the data slope).
    angle = float(np.degrees(np.arctan(-line.w1 / line.w2)))
    equation = f"${line.bias:g} {line.w1:+g}x_1 {line.w2:+g}x_2 = 0$"
    ax.text(-2.0, float(line.x2(-2.0)) + 0.2, equation, rotation=angle, rotation_mode="anchor",
            ha="center", va="bottom", fontsize=10)  # fmt: skip
    z, out = float(neuron.pre_activation(point)), float(neuron(point))
    ax.plot(*point, "o", markersize=8, color=theme.foreground, markeredgecolor=theme.accent)
    ax.annotate(
        f"$({point[0]:g}, {point[1]:g})$\n$z = {z:g}$, $\\hat y = {out:.4f}$",
        xy=point, xytext=(-3.8, 0.2), fontsize=10,
        arrowprops={"arrowstyle": "->", "color": theme.foreground, "linewidth": 1},
    )  # fmt: skip
    # Label each half-plane at a point well inside it.
    for corner in ((2.6, -3.3), (-2.6, 3.3)):
        inside = float(neuron(corner))
        text = "$\\hat y > 0.5$" if inside > 0.5 else "$\\hat y < 0.5$"
        colour = theme.positive if inside > 0.5 else theme.negative
        ax.text(*corner, text, ha="center", va="center", fontsize=12, color=colour,
                fontweight="bold")  # fmt: skip
    ax.set(xlim=(-4, 4), ylim=(-4, 4), xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    return fig


def dense_network_graph(*, theme: Theme, layers: tuple[int, ...] = (3, 4, 2)) -> Figure:
    """A small fully connected network: inputs, one hidden layer, outputs.

    Parameters
    ----------
    theme
        Colours to draw with.
    layers
        Units per layer, input first.

    Returns
    -------
    matplotlib.figure.Figure
        Nodes in columns, every node joined to every node of the next layer.
    """
    fig, ax = _canvas(3.2, (-1.0, 9.0), (-0.7, 4.3))
    names = ["x", "z", "\\hat{y}"]
    xs = np.linspace(0.5, 7.5, len(layers))
    columns = [np.linspace(1.8 + 0.55 * (n - 1), 1.8 - 0.55 * (n - 1), n) for n in layers]
    for i in range(len(layers) - 1):
        for y0 in columns[i]:
            for y1 in columns[i + 1]:
                ax.plot([xs[i], xs[i + 1]], [y0, y1], color=theme.muted, linewidth=0.9,
                        linestyle="-", zorder=1)  # fmt: skip
        ax.text((xs[i] + xs[i + 1]) / 2, 4.05, f"$W^{{({i + 1})}}$", ha="center",
                color=theme.accent, fontsize=12)  # fmt: skip
    for i, (x, ys) in enumerate(zip(xs, columns, strict=True)):
        name = names[min(i, 1)] if i < len(layers) - 1 else names[2]
        for j, y in enumerate(ys, start=1):
            _node(ax, (x, y), f"${name}_{j}$", theme, r=0.36)
    for x, caption in zip(xs, ("inputs", "hidden layer", "outputs"), strict=False):
        ax.text(x, -0.55, caption, ha="center", va="top", fontsize=10, color=theme.muted)
    return fig
