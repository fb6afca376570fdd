"""Figures about training.

Learning rates on a loss surface, overfitting and early stopping, and a neuron trained on a
small data set.

Losses, paths, data and trained weights all come from [`notes_lib.training`][notes_lib.training].
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import NullFormatter

from figures.style import FIGURE_WIDTH, Theme
from notes_lib.training import (
    BOWL_CURVATURES,
    bowl_loss,
    bowl_loss_grad,
    early_stopping_epoch,
    gradient_descent,
    overfitting_curves,
    train_logistic_regression,
    two_blobs,
)

__all__ = ["loss_surface_learning_rates", "overfitting_early_stopping", "trained_neuron"]


def loss_surface_learning_rates(
    *,
    theme: Theme,
    learning_rates: tuple[float, float, float] | None = None,
    start: tuple[float, float] = (-4.0, 1.0),
    steps: int = 15,
) -> Figure:
    r"""Gradient descent on [`bowl_loss`][notes_lib.training.bowl_loss] with three learning rates.

    Parameters
    ----------
    theme
        Colours to draw with.
    learning_rates
        Too small, good and too large. Default: $0.2/a$, $1/a$ and $2.1/a$ for the bowl's
        steepest curvature $a$ ([`BOWL_CURVATURES`][notes_lib.training.BOWL_CURVATURES]); gradient
        descent diverges along that direction for $\eta > 2/a$.
    start
        The common starting point $(w_1, w_2)$.
    steps
        Gradient steps per path.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels of loss contours, each with one path.
    """
    if learning_rates is None:
        steepest = max(BOWL_CURVATURES)
        learning_rates = (0.2 / steepest, 1.0 / steepest, 2.1 / steepest)
    w1, w2 = np.meshgrid(np.linspace(-4.6, 4.6, 93), np.linspace(-4.6, 4.6, 93))
    loss = bowl_loss(np.stack([w1, w2], axis=-1))
    fig = Figure(figsize=(FIGURE_WIDTH, 2.9), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    titles = ("too small", "good", "too large")
    for ax, rate, title, colour in zip(axes, learning_rates, titles, theme.colours, strict=False):
        ax.contour(w1, w2, loss, levels=np.geomspace(0.05, 100, 9), colors=theme.muted,
                   linewidths=0.7)  # fmt: skip
        path = gradient_descent(bowl_loss_grad, start, rate, steps)
        ax.plot(path[:, 0], path[:, 1], "-o", color=colour, markersize=3.5, linewidth=1.4)
        ax.plot(*start, "s", color=theme.foreground, markersize=6)
        ax.plot(0, 0, "*", color=theme.foreground, markersize=11)
        ax.set(title=f"{title}: $\\eta = {rate:g}$", xlabel="$w_1$", aspect="equal",
               xlim=(-4.6, 4.6), ylim=(-4.6, 4.6))  # fmt: skip
        ax.grid(False)
    axes[0].set_ylabel("$w_2$")
    return fig


def overfitting_early_stopping(*, theme: Theme, patience: int = 20) -> Figure:
    """Training and validation loss over epochs, with the early-stopping epoch marked.

    Parameters
    ----------
    theme
        Colours to draw with.
    patience
        Epochs without improvement that early stopping tolerates.

    Returns
    -------
    matplotlib.figure.Figure
        Left: both losses per epoch (log scale) and the kept epoch. Right: the data with
        the model at the kept epoch and at the end of training.
    """
    curves = overfitting_curves()
    best = early_stopping_epoch(curves.val_losses, patience=patience)  # 0-based index
    epochs = np.arange(1, curves.train_losses.size + 1)

    fig = Figure(figsize=(FIGURE_WIDTH, 3.0), layout="constrained")
    ax, ax_fit = fig.subplots(1, 2, width_ratios=(1.3, 1))
    ax.plot(epochs, curves.train_losses, color=theme.colours[0], linestyle="-",
            label="training")  # fmt: skip
    ax.plot(epochs, curves.val_losses, color=theme.colours[1], linestyle="--",
            label="validation")  # fmt: skip
    ax.axvline(epochs[best], color=theme.foreground, linewidth=1.2, linestyle=":")
    ax.annotate(f"early stopping\n(epoch {epochs[best]})", xy=(epochs[best], ax.get_ylim()[1]),
                xytext=(6, -4), textcoords="offset points", va="top", fontsize=10)  # fmt: skip
    ax.set(xlabel="epoch", ylabel="mean squared error", yscale="log")
    ticks = [t for t in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5) if t <= 1.2 * curves.train_losses[0]]
    ax.set_yticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.legend(loc="center right")

    x = np.linspace(-1.0, 1.0, 201)
    final = curves.weights_history.shape[0] - 1
    ax_fit.plot(curves.x_train, curves.y_train, "o", color=theme.foreground, markersize=4,
                label="training data")  # fmt: skip
    ax_fit.plot(x, curves.predict(x, best + 1), color=theme.colours[2], linestyle="-",
                label=f"epoch {epochs[best]}")  # fmt: skip
    ax_fit.plot(x, curves.predict(x, final), color=theme.colours[1], linestyle="--",
                label=f"epoch {final}")  # fmt: skip
    ax_fit.set(xlabel="$x$", ylabel="$y$", ylim=(-2.2, 2.2))
    ax_fit.legend(loc="upper left", fontsize=9)
    return fig


def trained_neuron(*, theme: Theme, epochs: int = 100, learning_rate: float = 0.5) -> Figure:
    r"""A sigmoid neuron trained by gradient descent on two overlapping blobs.

    Parameters
    ----------
    theme
        Colours to draw with.
    epochs, learning_rate
        Passed to [`train_logistic_regression`][notes_lib.training.train_logistic_regression].

    Returns
    -------
    matplotlib.figure.Figure
        Left: data, output $\hat y$ and decision boundary. Right: loss per epoch.
    """
    X, y = two_blobs(n_per_class=30, seed=0, separable=False)  # noqa: N806
    result = train_logistic_regression(X, y, epochs=epochs, learning_rate=learning_rate, seed=0)
    neuron = result.perceptron

    fig = Figure(figsize=(FIGURE_WIDTH, 3.2), layout="constrained")
    ax, ax_loss = fig.subplots(1, 2, width_ratios=(1.15, 1))
    grid = np.linspace(-4.0, 4.0, 121)
    g1, g2 = np.meshgrid(grid, grid)
    y_hat = neuron(np.stack([g1, g2], axis=-1))
    ax.contourf(g1, g2, y_hat, levels=[0, 0.5, 1], colors=[theme.negative, theme.positive],
                alpha=0.18)  # fmt: skip
    ax.plot(grid, neuron.decision_boundary().x2(grid), color=theme.foreground, linewidth=1.8)
    for label, marker, colour in ((0.0, "o", theme.negative), (1.0, "^", theme.positive)):
        pts = X[y == label]
        ax.plot(pts[:, 0], pts[:, 1], marker, color=colour, markersize=5.5,
                markeredgecolor=theme.foreground, markeredgewidth=0.5)  # fmt: skip
    ax.set(xlim=(-4, 4), ylim=(-4, 4), aspect="equal", xlabel="$x_1$", ylabel="$x_2$")
    ax.legend(
        handles=[
            Line2D([], [], marker="o", linestyle="", color=theme.negative, label="class 0"),
            Line2D([], [], marker="^", linestyle="", color=theme.positive, label="class 1"),
            Line2D([], [], color=theme.foreground, label="$\\hat y = 0.5$"),
        ],
        # A filled frame: the boundary line may cross the legend's corner of the plot.
        loc="upper left", fontsize=9, frameon=True, facecolor=theme.surface, edgecolor="none",
        framealpha=0.92,
    )  # fmt: skip

    ax_loss.plot(np.arange(1, result.losses.size + 1), result.losses, color=theme.colours[0])
    ax_loss.set(xlabel="epoch", ylabel="cross-entropy loss", ylim=(0, None))
    return fig
