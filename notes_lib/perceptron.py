r"""A single neuron: $\hat y = g(w_0 + x^T w)$ (first draft; see issue 4)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from notes_lib.activations import get_activation

__all__ = ["DecisionBoundary", "Perceptron"]


@dataclass(frozen=True)
class DecisionBoundary:
    """The line $w_0 + w_1 x_1 + w_2 x_2 = 0$ where a 2-D perceptron's pre-activation is zero."""

    bias: float
    w1: float
    w2: float

    def x2(self, x1: ArrayLike) -> np.ndarray:
        r"""Solve the boundary for $x_2$ (requires $w_2 \neq 0$)."""
        return -(self.bias + self.w1 * np.asarray(x1, dtype=float)) / self.w2


class Perceptron:
    """A single neuron with weights ``weights``, bias ``bias`` and activation ``activation``."""

    def __init__(self, weights: ArrayLike, bias: float, activation: str = "sigmoid") -> None:
        self.weights = np.asarray(weights, dtype=float)
        self.bias = float(bias)
        self.activation = get_activation(activation)

    def pre_activation(self, x: ArrayLike) -> np.ndarray:
        """The weighted sum $z = w_0 + x^T w$."""
        x = np.asarray(x, dtype=float)
        if x.shape[-1] != self.weights.shape[0]:
            raise ValueError(f"x has shape {x.shape}, weights have shape {self.weights.shape}")
        return self.bias + x @ self.weights

    def __call__(self, x: ArrayLike) -> np.ndarray:
        r"""The output $\hat y = g(z)$."""
        return self.activation.function(self.pre_activation(x))

    def decision_boundary(self) -> DecisionBoundary:
        """The 2-D decision boundary $z = 0$."""
        if self.weights.shape != (2,):
            raise ValueError(f"a decision line needs 2 weights, got shape {self.weights.shape}")
        return DecisionBoundary(self.bias, float(self.weights[0]), float(self.weights[1]))
