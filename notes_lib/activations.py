"""Activation functions and their derivatives (first draft; see issue 4)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "get_activation",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
]


def _as_float_array(x: ArrayLike, name: str = "x") -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype.kind in "biu":
        arr = arr.astype(np.float64)
    if arr.dtype.kind != "f":
        raise TypeError(f"{name} must be a real number or array of them, got {arr.dtype}")
    return arr


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid, $\sigma(x) = \frac{1}{1 + e^{-x}}$."""
    x = _as_float_array(x)
    return np.exp(-np.logaddexp(0, -x))


def sigmoid_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of the sigmoid, $\sigma'(x) = \sigma(x)(1 - \sigma(x))$."""
    s = sigmoid(x)
    return s * (1 - s)


def tanh(x: ArrayLike) -> np.ndarray:
    r"""Hyperbolic tangent, $\tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}$."""
    return np.tanh(_as_float_array(x))


def tanh_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of tanh, $1 - \tanh^2(x)$."""
    t = tanh(x)
    return 1 - t * t


def relu(x: ArrayLike) -> np.ndarray:
    r"""Rectified linear unit, $\max(0, x)$."""
    x = _as_float_array(x)
    return np.maximum(x, 0)


def relu_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of ReLU: 1 for $x > 0$, else 0 (0 at $x = 0$ by convention)."""
    x = _as_float_array(x)
    return (x > 0).astype(x.dtype)


@dataclass(frozen=True)
class Activation:
    """Facts about one activation function that the notes and figures read."""

    name: str
    display_name: str
    function: Callable[[ArrayLike], np.ndarray]
    derivative: Callable[[ArrayLike], np.ndarray]
    formula: str
    derivative_formula: str
    output_range: str
    lower: float
    upper: float
    zero_centred: bool


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "sigmoid",
            "Sigmoid",
            sigmoid,
            sigmoid_grad,
            r"\sigma(x) = \frac{1}{1 + e^{-x}}",
            r"\sigma'(x) = \sigma(x)\,(1 - \sigma(x))",
            "(0, 1)",
            0.0,
            1.0,
            False,
        ),
        Activation(
            "tanh",
            "Tanh",
            tanh,
            tanh_grad,
            r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
            r"\tanh'(x) = 1 - \tanh^2(x)",
            "(-1, 1)",
            -1.0,
            1.0,
            True,
        ),
        Activation(
            "relu",
            "ReLU",
            relu,
            relu_grad,
            r"\operatorname{ReLU}(x) = \max(0, x)",
            r"\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}",
            "[0, \\infty)",
            0.0,
            float("inf"),
            False,
        ),
    )
}


def get_activation(name: str) -> Activation:
    """Look up an activation by name; unknown names raise ``ValueError`` listing the known ones."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(ACTIVATIONS))
        raise ValueError(f"unknown activation {name!r}; known: {known}") from None
