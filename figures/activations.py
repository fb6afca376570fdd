"""Figures about activation functions.

Each activation beside its derivative, all of them compared, and the saturation that makes
gradients vanish.

Every curve is computed by [`notes_lib.activations`][notes_lib.activations]; these functions
only draw.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

from figures.style import FIGURE_WIDTH, Theme
from notes_lib.activations import ACTIVATIONS, get_activation, sigmoid_grad, tanh_grad

__all__ = ["activation_and_derivative", "comparison", "vanishing_gradient"]


def activation_and_derivative(name: str, *, theme: Theme) -> Figure:
    r"""One activation function (left) beside its derivative (right).

    Parameters
    ----------
    name
        A key of [`notes_lib.activations.ACTIVATIONS`][notes_lib.activations.ACTIVATIONS].
    theme
        Colours to draw with.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels over $x \in [-5, 5]$; dotted lines mark the finite bounds of the range.
    """
    act = get_activation(name)
    x = np.linspace(-5.0, 5.0, 401)
    fig = Figure(figsize=(FIGURE_WIDTH, 2.9), layout="constrained")
    ax_f, ax_d = fig.subplots(1, 2, sharex=True)
    ax_f.plot(x, act.function(x), color=theme.colours[0], linestyle="-")
    ax_d.plot(x, act.derivative(x), color=theme.colours[1], linestyle="--")
    for bound in (act.lower, act.upper):
        if math.isfinite(bound):
            ax_f.axhline(bound, color=theme.muted, linewidth=1.2, linestyle=":")
    ax_f.set_title(f"{act.display_name}: $f(x)$")
    ax_d.set_title("derivative: $f'(x)$")
    for ax in (ax_f, ax_d):
        ax.set_xlabel("$x$")
        ax.axhline(0, color=theme.muted, linewidth=0.8)
        ax.axvline(0, color=theme.muted, linewidth=0.8)
    return fig


def comparison(*, theme: Theme) -> Figure:
    r"""Every registered activation (left) and its derivative (right) on shared axes.

    Parameters
    ----------
    theme
        Colours to draw with; each activation gets its own colour and line style.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels over $x \in [-4, 4]$ with a shared legend underneath.
    """
    x = np.linspace(-4.0, 4.0, 321)
    fig = Figure(figsize=(FIGURE_WIDTH, 3.9), layout="constrained")
    ax_f, ax_d = fig.subplots(1, 2, sharex=True)
    for act in ACTIVATIONS.values():
        ax_f.plot(x, act.function(x), label=act.display_name)
        ax_d.plot(x, act.derivative(x))
    ax_f.set(title="$f(x)$", xlabel="$x$", ylim=(-1.3, 3.0))
    ax_d.set(title="$f'(x)$", xlabel="$x$", ylim=(-0.15, 1.25))
    fig.legend(loc="outside lower center", ncols=4, handlelength=2.6)
    return fig


def vanishing_gradient(*, theme: Theme) -> Figure:
    r"""Where the sigmoid and tanh saturate, and how the sigmoid's small slope compounds.

    Parameters
    ----------
    theme
        Colours to draw with.

    Returns
    -------
    matplotlib.figure.Figure
        Left: $\sigma'$ and $\tanh'$ with the saturated region $\sigma'(x) < 0.05$ shaded
        and the maximum $\sigma'(0)$ marked. Right: $\sigma'(0)^n$ for $n = 1, \dots, 10$
        layers on a log scale.
    """
    small = 0.05  # "saturated": the slope has fallen below 5 % of a unit slope
    x = np.linspace(-6.0, 6.0, 481)
    d_sigmoid, d_tanh = sigmoid_grad(x), tanh_grad(x)
    peak = float(sigmoid_grad(0.0))

    fig = Figure(figsize=(FIGURE_WIDTH, 3.1), layout="constrained")
    ax, ax_depth = fig.subplots(1, 2, width_ratios=(1.35, 1))
    ax.fill_between(
        x, 0, 1.1, where=d_sigmoid < small, color=theme.grid, alpha=0.8, linewidth=0,
        label=f"saturated: $\\sigma'(x) < {small:g}$",
    )  # fmt: skip
    ax.plot(x, d_sigmoid, color=theme.colours[0], linestyle="-", label="$\\sigma'(x)$")
    ax.plot(x, d_tanh, color=theme.colours[1], linestyle="--", label="$\\tanh'(x)$")
    ax.plot([0], [peak], "o", color=theme.colours[0])
    ax.annotate(
        f"max $\\sigma' = \\sigma'(0) = {peak:g}$",
        xy=(0, peak), xytext=(1.4, 0.5),
        arrowprops={"arrowstyle": "->", "color": theme.foreground, "linewidth": 1},
    )  # fmt: skip
    ax.set(xlabel="$x$", ylim=(0, 1.1), xlim=(x[0], x[-1]))
    ax.set_title("slopes of the sigmoid and tanh")
    ax.legend(loc="upper left", fontsize=9)

    layers = np.arange(1, 11)
    ax_depth.bar(layers, peak**layers, color=theme.colours[0], width=0.7)
    ax_depth.set_yscale("log")
    ax_depth.set(xlabel="layers $L$", title=f"at most ${peak:g}^L$", xticks=layers[::3])
    return fig
