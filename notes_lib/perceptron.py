r"""A single neuron, $\hat y = g(w_0 + x^T w)$, and its decision boundary.

The lecture's worked example is a sigmoid neuron with $w_0 = 1$ and $w = (3, -2)$:

>>> p = Perceptron([3, -2], bias=1)
>>> float(p.pre_activation([-1, 2]))
-6.0
>>> round(float(p([-1, 2])), 5)  # sigma(-6)
0.00247
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from notes_lib import _checks
from notes_lib.activations import Activation, get_activation

__all__ = ["WORKED_EXAMPLE", "DecisionBoundary", "Perceptron", "WorkedExample"]


@dataclass(frozen=True)
class DecisionBoundary:
    r"""The line $w_0 + w_1 x_1 + w_2 x_2 = 0$ where a 2-D neuron's weighted sum is zero.

    On one side $z > 0$ (a sigmoid neuron outputs $\hat y > 0.5$), on the other $z < 0$.

    Attributes
    ----------
    bias
        $w_0$.
    w1, w2
        The weights of $x_1$ and $x_2$; not both zero.

    See Also
    --------
    [Lecture notes: the decision boundary][notes-decision-boundary]

    Examples
    --------
    >>> line = Perceptron([3, -2], bias=1).decision_boundary()
    >>> line.x2([-1.0, 1.0]).tolist()
    [-1.0, 2.0]
    """

    bias: float
    w1: float
    w2: float

    def __post_init__(self) -> None:
        for name in ("bias", "w1", "w2"):
            _checks.finite_float(getattr(self, name), name)
        if self.w1 == 0 and self.w2 == 0:
            raise ValueError("w1 and w2 are both 0: the weighted sum is constant, no line")

    @property
    def is_vertical(self) -> bool:
        r"""Whether the line is vertical ($w_2 = 0$), so that $x_2$ cannot be solved for."""
        return self.w2 == 0

    @property
    def normal(self) -> np.ndarray:
        r"""The normal vector $(w_1, w_2)$; it points to the side where $z > 0$."""
        return np.array([self.w1, self.w2])

    def x2(self, x1: ArrayLike) -> np.ndarray | np.floating:
        r"""Solve the line for $x_2 = -(w_0 + w_1 x_1) / w_2$.

        Parameters
        ----------
        x1
            Value(s) of $x_1$.

        Returns
        -------
        numpy.ndarray or numpy.floating
            The matching $x_2$, same shape as ``x1``.

        Raises
        ------
        ValueError
            If the line is vertical ($w_2 = 0$); solve with
            [`x1`][notes_lib.perceptron.DecisionBoundary.x1] instead.
        """
        if self.is_vertical:
            raise ValueError("the line is vertical (w2 = 0); solve for x1 instead")
        x = _checks.real_array(x1, "x1").astype(np.float64, copy=False)
        return -(self.bias + self.w1 * x) / self.w2

    def x1(self, x2: ArrayLike) -> np.ndarray | np.floating:
        r"""Solve the line for $x_1 = -(w_0 + w_2 x_2) / w_1$ (requires $w_1 \neq 0$).

        Parameters
        ----------
        x2
            Value(s) of $x_2$.

        Returns
        -------
        numpy.ndarray or numpy.floating
            The matching $x_1$, same shape as ``x2``.
        """
        if self.w1 == 0:
            raise ValueError("the line is horizontal (w1 = 0); solve for x2 instead")
        x = _checks.real_array(x2, "x2").astype(np.float64, copy=False)
        return -(self.bias + self.w2 * x) / self.w1

    def segment(
        self, x1_range: tuple[float, float], x2_range: tuple[float, float]
    ) -> np.ndarray | None:
        """The part of the line inside a rectangle, ready to plot.

        Parameters
        ----------
        x1_range, x2_range
            ``(low, high)`` limits of the plotted box.

        Returns
        -------
        numpy.ndarray or None
            Its two end points as a ``(2, 2)`` array ``[[x1, x2], [x1, x2]]``, or ``None``
            if the line misses the box. Works for vertical and horizontal lines too.

        Examples
        --------
        >>> line = Perceptron([3, -2], bias=1).decision_boundary()
        >>> line.segment((-4, 4), (-4, 4)).tolist()
        [[-3.0, -4.0], [2.3333333333333335, 4.0]]
        """
        (a, b), (c, d) = (_box(x1_range, "x1_range"), _box(x2_range, "x2_range"))
        points: list[tuple[float, float]] = []
        if self.w2 != 0:  # crossings of the left and right edges
            points += [(x, float(self.x2(x))) for x in (a, b) if c <= self.x2(x) <= d]
        if self.w1 != 0:  # crossings of the bottom and top edges
            points += [(float(self.x1(y)), y) for y in (c, d) if a <= self.x1(y) <= b]
        unique = sorted(set(points))
        if len(unique) < 2:
            return None
        return np.array([unique[0], unique[-1]], dtype=np.float64)


def _box(limits: object, name: str) -> tuple[float, float]:
    try:
        low, high = limits  # type: ignore[misc]
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (low, high), got {limits!r}") from None
    lo, hi = _checks.finite_float(low, f"{name}[0]"), _checks.finite_float(high, f"{name}[1]")
    if not lo < hi:
        raise ValueError(f"{name} must have low < high, got {limits!r}")
    return lo, hi


class Perceptron:
    r"""A single neuron: $\hat y = g(w_0 + x^T w)$.

    Parameters
    ----------
    weights
        The weight vector $w$ (1-D, finite, at least one entry).
    bias
        The bias $w_0$ (finite).
    activation
        Name of the non-linearity $g$ in [`ACTIVATIONS`][notes_lib.activations.ACTIVATIONS]
        (or an [`Activation`][notes_lib.activations.Activation]); default ``"sigmoid"``.

    Attributes
    ----------
    weights : numpy.ndarray
        $w$ as a read-only float64 array.
    bias : float
        $w_0$.
    activation : Activation
        The registry entry for $g$.

    Raises
    ------
    TypeError
        If an argument is not numeric (or ``activation`` is not a name).
    ValueError
        If the weights are not a non-empty 1-D finite vector, the bias is not finite, or the
        activation name is unknown (the message lists the known names).

    See Also
    --------
    [Lecture notes: forward propagation][notes-forward-propagation]
    [Lecture notes: the decision boundary][notes-decision-boundary]

    Examples
    --------
    >>> p = Perceptron([3, -2], bias=1)
    >>> p([[-1, 2], [1, 1]])  # a batch: one input per row
    array([0.00247262, 0.88079708])
    """

    def __init__(
        self, weights: ArrayLike, bias: float, activation: str | Activation = "sigmoid"
    ) -> None:
        w = _checks.finite_array(weights, "weights", ndim=1)
        if w.size == 0:
            raise ValueError("weights must have at least one entry, got shape (0,)")
        w = w.copy()
        w.flags.writeable = False
        self.weights: np.ndarray = w
        self.bias: float = _checks.finite_float(bias, "bias")
        if isinstance(activation, Activation):
            self.activation: Activation = activation
        else:
            self.activation = get_activation(activation)

    def __repr__(self) -> str:
        return (
            f"Perceptron(weights={self.weights.tolist()}, bias={self.bias!r}, "
            f"activation={self.activation.name!r})"
        )

    def _inputs(self, x: ArrayLike) -> np.ndarray:
        arr = _checks.finite_array(x, "x")
        d = self.weights.shape[0]
        if arr.ndim == 0 or arr.shape[-1] != d:
            raise ValueError(
                f"x has shape {arr.shape} but weights have shape {self.weights.shape}; "
                f"x must be one input of shape ({d},) or a batch of shape (n, {d}) "
                f"(any leading dimensions, e.g. a grid of shape (rows, cols, {d}))"
            )
        return arr

    def pre_activation(self, x: ArrayLike) -> np.ndarray | np.floating:
        r"""The weighted sum $z = w_0 + x^T w$.

        Parameters
        ----------
        x
            One input of shape ``(d,)`` or a batch of shape ``(n, d)`` (more generally
            ``(..., d)``, e.g. a grid of points for a contour plot).

        Returns
        -------
        numpy.ndarray or numpy.float64
            $z$: a scalar for one input, shape ``(n,)`` for a batch (``x.shape[:-1]``).
        """
        arr = self._inputs(x)
        # A huge z is fine (g(+-inf) is defined); inf - inf is reported below, not warned.
        # The products are summed apart rather than by `arr @ self.weights`: a BLAS dot may
        # fuse multiply and add, which turns inf - inf into inf on some CPUs, not nan (and
        # rounds finite sums differently from one CPU to the next: figures must not).
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.bias + (arr * self.weights).sum(axis=-1)
        if np.any(np.isnan(z)):
            raise ValueError("the weighted sum overflowed to inf - inf; rescale x or weights")
        return z

    def __call__(self, x: ArrayLike) -> np.ndarray | np.floating:
        r"""The output $\hat y = g(z) = g(w_0 + x^T w)$.

        Parameters
        ----------
        x
            One input of shape ``(d,)`` or a batch of shape ``(n, d)`` (or ``(..., d)``).

        Returns
        -------
        numpy.ndarray or numpy.float64
            $\hat y$: a scalar for one input, shape ``x.shape[:-1]`` for a batch.
        """
        return self.activation.function(self.pre_activation(x))

    def predict(self, x: ArrayLike) -> np.ndarray | np.floating:
        r"""The predicted class, 1 where $z \ge 0$ and 0 elsewhere.

        For the sigmoid this is $\hat y \ge 0.5$; for tanh, $\hat y \ge 0$.

        Parameters
        ----------
        x
            One input of shape ``(d,)`` or a batch of shape ``(n, d)`` (or ``(..., d)``).

        Returns
        -------
        numpy.ndarray or numpy.int64
            0 or 1 for each input.
        """
        return (np.asarray(self.pre_activation(x)) >= 0).astype(np.int64)[()]

    def decision_boundary(self) -> DecisionBoundary:
        r"""The 2-D decision boundary, the line $z = w_0 + w_1 x_1 + w_2 x_2 = 0$.

        Returns
        -------
        DecisionBoundary
            The line, with methods to evaluate and clip it for plotting.

        Raises
        ------
        ValueError
            If the neuron does not have exactly 2 weights, or both are 0.
        """
        if self.weights.shape != (2,):
            raise ValueError(f"a decision line needs 2 weights, got shape {self.weights.shape}")
        return DecisionBoundary(self.bias, float(self.weights[0]), float(self.weights[1]))


@dataclass(frozen=True)
class WorkedExample:
    r"""A 2-input neuron and one input: the numbers of a worked example.

    Attributes
    ----------
    bias
        $w_0$.
    weights
        $(w_1, w_2)$.
    x
        The input point $(x_1, x_2)$.
    activation
        Name of the neuron's activation in [`ACTIVATIONS`][notes_lib.activations.ACTIVATIONS].

    Examples
    --------
    >>> round(float(WORKED_EXAMPLE.perceptron()(WORKED_EXAMPLE.x)), 5)  # sigma(-6)
    0.00247
    """

    bias: float
    weights: tuple[float, float]
    x: tuple[float, float]
    activation: str = "sigmoid"

    def perceptron(self) -> Perceptron:
        """The neuron these numbers describe."""
        return Perceptron(self.weights, self.bias, self.activation)


WORKED_EXAMPLE = WorkedExample(bias=1.0, weights=(3.0, -2.0), x=(-1.0, 2.0))
r"""The lecture's worked example, a sigmoid neuron with $w_0 = 1$, $w = (3, -2)$ and the input
$x = (-1, 2)$: the one source for the notes' figure, the explorer's starting point and the
tests ($\hat y = \sigma(-6) \approx 0.0025$).
"""
