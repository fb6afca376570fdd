"""Tested numerics behind the MIT 6.S191 lecture notes: activations, the perceptron, training."""

from notes_lib import activations, perceptron, training

__all__ = ["activations", "perceptron", "training"]
__version__ = "0.1.0"
