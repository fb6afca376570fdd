"""Losses, gradient descent and training a single neuron (first draft; see issue 4)."""

from __future__ import annotations

__all__: list[str] = []
