"""notes_lib.perceptron: the lecture's worked example, batches, boundaries and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import expit

from notes_lib.activations import ACTIVATIONS
from notes_lib.perceptron import WORKED_EXAMPLE, DecisionBoundary, Perceptron

WORKED = WORKED_EXAMPLE.perceptron()
X = WORKED_EXAMPLE.x
weights2 = arrays(np.float64, 2, elements=st.floats(-5, 5)).filter(lambda w: np.any(w != 0))
biases = st.floats(-5, 5)


def test_worked_example() -> None:
    # The lecture's numbers: w0 = 1, w = (3, -2), x = (-1, 2), a sigmoid neuron.
    assert (WORKED_EXAMPLE.bias, WORKED_EXAMPLE.weights, WORKED_EXAMPLE.x) == (1, (3, -2), (-1, 2))
    assert WORKED.activation is ACTIVATIONS["sigmoid"]
    assert WORKED.pre_activation(X) == -6.0
    y = WORKED(X)
    assert isinstance(y, np.float64)
    assert y == pytest.approx(expit(-6.0), rel=1e-15)
    assert round(float(y), 5) == 0.00247
    assert WORKED.predict(X) == 0
    assert WORKED_EXAMPLE.perceptron().weights.tolist() == [3.0, -2.0]  # a fresh, equal neuron


def test_batch_rows_match_single_inputs() -> None:
    x = np.random.default_rng(0).normal(size=(7, 2))
    batch = WORKED(x)
    assert batch.shape == (7,)
    # A matrix product may round differently from a dot product: allow a few ulps.
    np.testing.assert_allclose(batch, [WORKED(row) for row in x], rtol=2e-15)
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3)), axis=-1)
    assert WORKED(grid).shape == (3, 4)
    np.testing.assert_allclose(WORKED(grid).ravel(), WORKED(grid.reshape(-1, 2)), rtol=2e-15)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_output_is_activation_of_weighted_sum(name: str) -> None:
    p = Perceptron([0.5, -1.5, 2.0], -0.25, name)
    x = np.random.default_rng(1).normal(size=(5, 3))
    z = -0.25 + x @ np.array([0.5, -1.5, 2.0])
    np.testing.assert_allclose(p.pre_activation(x), z, rtol=1e-15)
    np.testing.assert_array_equal(p(x), ACTIVATIONS[name].function(p.pre_activation(x)))
    assert p.activation is ACTIVATIONS[name]
    assert Perceptron([1.0], 0.0, ACTIVATIONS[name]).activation is ACTIVATIONS[name]


@given(w=weights2, b=biases, x=arrays(np.float64, (6, 2), elements=st.floats(-5, 5)))
def test_predict_is_sigmoid_at_least_half(w: np.ndarray, b: float, x: np.ndarray) -> None:
    p = Perceptron(w, b)
    z = p.pre_activation(x)
    clear = np.abs(z) > 1e-12  # rounding decides exactly on the line
    np.testing.assert_array_equal(p.predict(x)[clear], (p(x) >= 0.5)[clear])


def test_weights_are_copied_and_read_only() -> None:
    w = np.array([1.0, 2.0])
    p = Perceptron(w, 0.0)
    w[0] = 100.0
    assert p.weights[0] == 1.0
    with pytest.raises(ValueError, match="read-only"):
        p.weights[0] = 5.0
    assert "Perceptron(weights=[1.0, 2.0]" in repr(p)


# --------------------------------------------------------------------------- boundary
@given(w=weights2, b=biases)
def test_boundary_points_have_zero_weighted_sum(w: np.ndarray, b: float) -> None:
    p = Perceptron(w, b)
    line = p.decision_boundary()
    assert (line.bias, line.w1, line.w2) == (b, w[0], w[1])
    scale = 1 + abs(b) + 10 * np.abs(w).sum()
    if not line.is_vertical and abs(w[1]) > 1e-3:
        x1 = np.linspace(-3, 3, 7)
        points = np.column_stack([x1, line.x2(x1)])
        np.testing.assert_allclose(p.pre_activation(points), 0, atol=1e-12 * scale / abs(w[1]))
    # The normal points to the side the neuron calls class 1: from the line's point
    # nearest the origin, -b w / |w|^2, a step along +normal has z = |w|^2 > 0 and a
    # step along -normal has z = -|w|^2 < 0, whatever the sizes of w and b.
    norm2 = float(w @ w)
    if norm2 > 1e-6:
        foot = -b * w / norm2
        np.testing.assert_allclose(p.pre_activation(foot), 0, atol=1e-12 * scale)
        unit = line.normal / np.sqrt(norm2)
        assert p.predict(foot + unit) == 1
        assert p.predict(foot - unit) == 0


def test_segment_clips_the_line_to_the_box() -> None:
    seg = WORKED.decision_boundary().segment((-4, 4), (-4, 4))
    assert seg.shape == (2, 2)
    np.testing.assert_allclose(WORKED.pre_activation(seg), 0, atol=1e-12)
    assert np.all((seg >= -4) & (seg <= 4))
    on_edge = np.isclose(np.abs(seg), 4).any(axis=1)
    assert on_edge.all()


def test_vertical_and_horizontal_lines() -> None:
    vertical = Perceptron([2.0, 0.0], -1.0).decision_boundary()  # x1 = 0.5
    assert vertical.is_vertical
    with pytest.raises(ValueError, match="vertical"):
        vertical.x2(0.0)
    assert vertical.x1(3.0) == 0.5
    np.testing.assert_allclose(vertical.segment((-1, 1), (-2, 2)), [[0.5, -2.0], [0.5, 2.0]])
    horizontal = Perceptron([0.0, 4.0], 2.0).decision_boundary()  # x2 = -0.5
    with pytest.raises(ValueError, match="horizontal"):
        horizontal.x1(0.0)
    np.testing.assert_allclose(horizontal.segment((-1, 1), (-2, 2)), [[-1, -0.5], [1, -0.5]])
    assert horizontal.segment((-1, 1), (0, 2)) is None  # misses the box


def test_boundary_needs_two_nonzero_weights() -> None:
    with pytest.raises(ValueError, match=r"2 weights, got shape \(3,\)"):
        Perceptron([1.0, 2.0, 3.0], 0.0).decision_boundary()
    with pytest.raises(ValueError, match="both 0"):
        Perceptron([0.0, 0.0], 1.0).decision_boundary()
    with pytest.raises(ValueError, match="x1_range"):
        WORKED.decision_boundary().segment((1, -1), (0, 1))
    with pytest.raises(TypeError, match="x2_range"):
        WORKED.decision_boundary().segment((0, 1), 5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="w1"):
        DecisionBoundary(0.0, math.nan, 1.0)


# --------------------------------------------------------------------------- bad input
def test_mismatched_shapes_name_both() -> None:
    with pytest.raises(ValueError, match=r"x has shape \(3,\) but weights have shape \(2,\)"):
        WORKED([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"\(4, 3\).*\(2,\)"):
        WORKED(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"shape \(\)"):
        WORKED(1.0)


def test_unknown_activation_lists_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown activation 'step'; known: sigmoid, tanh"):
        Perceptron([1.0], 0.0, "step")
    with pytest.raises(TypeError, match="activation"):
        Perceptron([1.0], 0.0, 3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("weights", "bias", "error", "match"),
    [
        ([1.0, math.nan], 0.0, ValueError, "weights must be finite"),
        ([1.0, math.inf], 0.0, ValueError, "weights must be finite"),
        ([[1.0, 2.0]], 0.0, ValueError, "weights must have 1 dimension"),
        ([], 0.0, ValueError, "weights must have at least one entry"),
        (["a", "b"], 0.0, TypeError, "weights"),
        (None, 0.0, TypeError, "weights"),
        ([1.0], math.nan, ValueError, "bias must be finite"),
        ([1.0], "1", TypeError, "bias"),
        ([1.0], [1.0], TypeError, "bias"),
    ],
)
def test_bad_parameters(weights, bias, error, match) -> None:
    with pytest.raises(error, match=match):
        Perceptron(weights, bias)


@pytest.mark.parametrize(
    ("x", "error"),
    [
        ([1.0, math.nan], ValueError),
        ([1.0, math.inf], ValueError),
        ("12", TypeError),
        ([1.0, None], TypeError),
    ],
)
def test_bad_inputs(x, error) -> None:
    with pytest.raises(error, match=r"\bx\b"):
        WORKED(x)


def test_overflowing_weighted_sum() -> None:
    big = Perceptron([1e300, 1e300], 0.0)
    with np.errstate(all="raise"):
        assert big([1e10, 1e10]) == 1.0  # z = inf is fine: sigma(inf) = 1
    with pytest.raises(ValueError, match="overflowed"):
        Perceptron([1e300, -1e300], 0.0)([1e10, 1e10])
