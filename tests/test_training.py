# ruff: noqa: N806  (X for a data matrix is the convention in the notes)
"""notes_lib.training: losses, data, the two training rules, optimisers, early stopping."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from notes_lib import training as T  # noqa: N812
from notes_lib.activations import sigmoid


# --------------------------------------------------------------------------- losses
def test_binary_cross_entropy_values() -> None:
    assert T.binary_cross_entropy([1, 0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)
    expected = -(math.log(0.9) + math.log(0.8)) / 2
    assert T.binary_cross_entropy([1, 0], [0.9, 0.2]) == pytest.approx(expected, rel=1e-15)
    assert T.binary_cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    # A certain wrong answer costs the floor of 100 nats per example, not infinity.
    with np.errstate(all="raise"):
        assert T.binary_cross_entropy([1.0, 0.0], [0.0, 0.0]) == pytest.approx(50.0)


def test_mean_squared_error_values() -> None:
    assert T.mean_squared_error([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]) == pytest.approx(4 / 3)
    assert T.mean_squared_error(np.ones((2, 2)), np.ones((2, 2))) == 0.0


@pytest.mark.parametrize("loss", [T.binary_cross_entropy, T.mean_squared_error])
def test_losses_reject_bad_input(loss) -> None:
    with pytest.raises(ValueError, match=r"shape \(2,\).*shape \(3,\)"):
        loss([0.0, 1.0], [0.5, 0.5, 0.5])
    with pytest.raises(ValueError, match="empty"):
        loss([], [])
    with pytest.raises(ValueError, match="finite"):
        loss([0.0, 1.0], [0.5, math.nan])
    with pytest.raises(TypeError, match="y_true"):
        loss("ab", [0.5, 0.5])


def test_binary_cross_entropy_rejects_out_of_range() -> None:
    with pytest.raises(ValueError, match="y_prob"):
        T.binary_cross_entropy([1.0], [1.5])
    with pytest.raises(ValueError, match="y_true"):
        T.binary_cross_entropy([2.0], [0.5])


@given(
    w=arrays(np.float64, 2, elements=st.floats(-3, 3)),
    b=st.floats(-3, 3),
    seed=st.integers(0, 1000),
)
def test_logistic_loss_equals_bce_of_sigmoid(w: np.ndarray, b: float, seed: int) -> None:
    X, y = T.two_blobs(10, seed=seed)
    p = sigmoid(b + X @ w)
    direct = T.logistic_loss(w, b, X, y)
    if np.all((p > 1e-12) & (p < 1 - 1e-12)):  # away from the BCE's floor/rounding
        assert direct == pytest.approx(T.binary_cross_entropy(y, p), rel=1e-9)
    assert direct >= 0


@given(
    w=arrays(np.float64, 2, elements=st.floats(-3, 3)),
    b=st.floats(-3, 3),
    seed=st.integers(0, 1000),
)
def test_logistic_loss_gradient_matches_finite_differences(
    w: np.ndarray, b: float, seed: int
) -> None:
    X, y = T.two_blobs(8, seed=seed, separable=False)
    grad_w, grad_b = T.logistic_loss_grad(w, b, X, y)
    h = 1e-6
    for i in range(2):
        step = np.zeros(2)
        step[i] = h
        numeric = (T.logistic_loss(w + step, b, X, y) - T.logistic_loss(w - step, b, X, y)) / (
            2 * h
        )
        assert grad_w[i] == pytest.approx(numeric, rel=1e-5, abs=1e-7)
    numeric_b = (T.logistic_loss(w, b + h, X, y) - T.logistic_loss(w, b - h, X, y)) / (2 * h)
    assert grad_b == pytest.approx(numeric_b, rel=1e-5, abs=1e-7)


def test_logistic_loss_is_stable_for_huge_logits() -> None:
    X = np.array([[1.0], [-1.0]])
    y = np.array([1.0, 1.0])
    with np.errstate(all="raise"):
        loss = T.logistic_loss([1000.0], 0.0, X, y)  # one right, one wrong by 1000
    assert loss == pytest.approx(500.0)


# --------------------------------------------------------------------------- data
def test_two_blobs_is_deterministic_and_separable() -> None:
    X, y = T.two_blobs(30, seed=3)
    X2, y2 = T.two_blobs(30, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, T.two_blobs(30, seed=4)[0])
    assert X.shape == (60, 2) and y.tolist() == [0.0] * 30 + [1.0] * 30
    margin = X @ np.array([1.0, 1.0]) / math.sqrt(2)
    assert np.all(margin[y == 1] > 0) and np.all(margin[y == 0] < 0)


def test_two_blobs_rejects_bad_arguments() -> None:
    with pytest.raises(TypeError, match="separable"):
        T.two_blobs(5, separable="no")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_per_class"):
        T.two_blobs(0)
    with pytest.raises(ValueError, match="spread"):
        T.two_blobs(5, spread=-1.0)
    with pytest.raises(TypeError, match="stop_when_converged"):
        T.train_perceptron_rule(*T.two_blobs(5), stop_when_converged=None)  # type: ignore[arg-type]


def test_two_blobs_can_overlap_when_asked() -> None:
    X, y = T.two_blobs(200, seed=0, separation=0.5, spread=1.0, separable=False)
    margin = X @ np.array([1.0, 1.0])
    assert np.any(margin[y == 1] < 0)  # some points on the wrong side


# --------------------------------------------------------------------------- training
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_perceptron_rule_converges_on_separable_data(seed: int) -> None:
    X, y = T.two_blobs(40, seed=seed)
    result = T.train_perceptron_rule(X, y, epochs=100, seed=seed)
    assert result.converged_epoch is not None
    assert result.errors[-1] == 0 and result.losses[-1] == 0.0
    assert len(result.losses) == result.converged_epoch
    np.testing.assert_array_equal(result.perceptron.predict(X), y)
    assert result.weights_history.shape == (result.converged_epoch + 1, 2)
    np.testing.assert_array_equal(result.weights_history[0], [0.0, 0.0])
    np.testing.assert_array_equal(result.weights_history[-1], result.perceptron.weights)
    assert result.bias_history[-1] == result.perceptron.bias


def test_perceptron_rule_runs_all_epochs_when_asked() -> None:
    X, y = T.two_blobs(20, seed=0)
    result = T.train_perceptron_rule(X, y, epochs=7, stop_when_converged=False)
    assert len(result.losses) == 7 and result.weights_history.shape == (8, 2)


def test_perceptron_rule_on_overlapping_data_does_not_converge() -> None:
    X = np.array([[0.0, 0.0], [0.0, 0.0]])  # the same point with both labels
    result = T.train_perceptron_rule(X, [0, 1], epochs=5)
    assert result.converged_epoch is None and np.all(result.errors == 1)


def test_perceptron_rule_single_update_by_hand() -> None:
    # One point x = (2, 1) with label 0: zero weights predict 1 (z = 0 >= 0), so the rule
    # subtracts eta * x from w and eta from the bias.
    result = T.train_perceptron_rule([[2.0, 1.0]], [0], epochs=1, learning_rate=0.5)
    np.testing.assert_array_equal(result.perceptron.weights, [-1.0, -0.5])
    assert result.perceptron.bias == -0.5
    assert result.converged_epoch == 1


@pytest.mark.parametrize("train", [T.train_perceptron_rule, T.train_logistic_regression])
def test_training_is_deterministic_for_a_seed(train) -> None:
    X, y = T.two_blobs(25, seed=5, separable=False, separation=1.5)
    a = train(X, y, epochs=15, seed=11)
    b = train(X, y, epochs=15, seed=11)
    np.testing.assert_array_equal(a.weights_history, b.weights_history)
    np.testing.assert_array_equal(a.losses, b.losses)
    c = train(X, y, epochs=15, seed=12)
    assert not np.array_equal(a.weights_history, c.weights_history)


def test_logistic_regression_loss_decreases_monotonically() -> None:
    X, y = T.two_blobs(30, seed=2, separable=False, separation=2.0)
    # The logistic loss is L-smooth with L = lambda_max(Xa^T Xa) / (4 n) (Xa = [X, 1]);
    # gradient descent with step 1/L then never increases it.
    Xa = np.column_stack([X, np.ones(len(X))])
    lipschitz = np.linalg.eigvalsh(Xa.T @ Xa).max() / (4 * len(X))
    result = T.train_logistic_regression(X, y, epochs=200, learning_rate=1 / lipschitz)
    assert np.all(np.diff(result.losses) <= 1e-15)
    assert result.losses[-1] < 0.8 * result.losses[0]
    for epoch in (0, 57, 199):  # the recorded loss is the loss of the recorded weights
        w, b = result.weights_history[epoch + 1], result.bias_history[epoch + 1]
        assert result.losses[epoch] == pytest.approx(T.logistic_loss(w, b, X, y), rel=1e-15)
    assert result.errors[-1] <= 0.2 * len(y)


def test_logistic_regression_classifies_separable_blobs() -> None:
    X, y = T.two_blobs(50, seed=0)
    result = T.train_logistic_regression(X, y, epochs=300)
    assert result.errors[-1] == 0 and result.converged_epoch is not None
    np.testing.assert_array_equal(result.perceptron.predict(X), y)


def test_logistic_regression_divergence_is_reported() -> None:
    X, y = T.two_blobs(10, seed=0)
    with pytest.raises(FloatingPointError, match="learning_rate"):
        T.train_logistic_regression(X * 1e150, y, epochs=50, learning_rate=1e150)


BAD_TRAINING = [
    ({"learning_rate": 0.0}, ValueError, "learning_rate"),
    ({"learning_rate": -1.0}, ValueError, "learning_rate"),
    ({"learning_rate": math.nan}, ValueError, "learning_rate"),
    ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
    ({"epochs": 0}, ValueError, "epochs"),
    ({"epochs": 2.5}, TypeError, "epochs"),
    ({"epochs": True}, TypeError, "epochs"),
    ({"seed": -1}, ValueError, "seed"),
    ({"seed": "a"}, TypeError, "seed"),
]


@pytest.mark.parametrize("train", [T.train_perceptron_rule, T.train_logistic_regression])
@pytest.mark.parametrize(("kwargs", "error", "match"), BAD_TRAINING)
def test_training_rejects_bad_arguments(train, kwargs, error, match) -> None:
    X, y = T.two_blobs(5, seed=0)
    with pytest.raises(error, match=match):
        train(X, y, **kwargs)


@pytest.mark.parametrize("train", [T.train_perceptron_rule, T.train_logistic_regression])
def test_training_rejects_bad_data(train) -> None:
    X, y = T.two_blobs(5, seed=0)
    with pytest.raises(ValueError, match="X must have 2 dimension"):
        train(X[:, 0], y)
    with pytest.raises(ValueError, match=r"y has shape \(9,\) but X has 10 rows"):
        train(X, y[:-1])
    with pytest.raises(ValueError, match="only 0 and 1"):
        train(X, 2 * y - 1)
    bad = X.copy()
    bad[0, 0] = math.inf
    with pytest.raises(ValueError, match="X must be finite"):
        train(bad, y)
    with pytest.raises(TypeError, match="X"):
        train([["a", "b"]], [0])


# --------------------------------------------------------------------------- optimisers
def test_gradient_descent_on_bowl_matches_closed_form() -> None:
    a = np.array([1.0, 10.0])
    for rate in (0.01, 0.1, 0.19, 0.21):
        path = T.gradient_descent(T.bowl_loss_grad, [2.0, -1.0], rate, 30)
        t = np.arange(31)[:, None]
        expected = np.array([2.0, -1.0]) * (1 - rate * a) ** t
        np.testing.assert_allclose(path, expected, rtol=1e-12, atol=1e-300)
    # Below 2 / 10 it converges, above it the steep direction diverges.
    assert abs(T.gradient_descent(T.bowl_loss_grad, [0, 1], 0.19, 200)[-1, 1]) < 1e-3
    assert abs(T.gradient_descent(T.bowl_loss_grad, [0, 1], 0.21, 200)[-1, 1]) > 1e3


def test_gradient_descent_divergence_is_silent() -> None:
    with np.errstate(all="raise"):
        path = T.gradient_descent(T.bowl_loss_grad, [1.0, 1.0], 1e300, 5)
    assert path.shape == (6, 2) and not np.all(np.isfinite(path))


def test_bowl_loss_and_gradient() -> None:
    assert T.BOWL_CURVATURES == (1.0, 10.0)
    assert T.bowl_loss([2.0, 1.0]) == 0.5 * (4 + 10)
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 3)), axis=-1)
    assert T.bowl_loss(grid).shape == (3, 5)
    w = np.array([0.3, -0.7])
    h = 1e-6
    numeric = [(T.bowl_loss(w + e) - T.bowl_loss(w - e)) / (2 * h) for e in np.eye(2) * h]
    np.testing.assert_allclose(T.bowl_loss_grad(w), numeric, rtol=1e-8)
    with pytest.raises(ValueError, match=r"w must have shape \(\.\.\., 2\)"):
        T.bowl_loss([1.0, 2.0, 3.0])


def test_momentum_with_zero_beta_is_gradient_descent() -> None:
    gd = T.gradient_descent(T.bowl_loss_grad, [1.0, 1.0], 0.05, 20)
    np.testing.assert_array_equal(T.momentum(T.bowl_loss_grad, [1.0, 1.0], 0.05, 20, beta=0.0), gd)
    fast = T.momentum(T.bowl_loss_grad, [3.0, 0.0], 0.01, 100, beta=0.9)
    slow = T.gradient_descent(T.bowl_loss_grad, [3.0, 0.0], 0.01, 100)
    assert abs(fast[-1, 0]) < abs(slow[-1, 0])  # momentum speeds up the shallow direction


def test_adam_steps_and_converges() -> None:
    path = T.adam(T.bowl_loss_grad, [1.0, -1.0], 0.1, 1)
    # The first bias-corrected step is eta * g / (|g| + eps) = eta * sign(g) per coordinate.
    np.testing.assert_allclose(path[1], [0.9, -0.9], rtol=1e-7)
    long = T.adam(T.bowl_loss_grad, [3.0, 2.0], 0.05, 1000)
    assert T.bowl_loss(long[-1]) < 1e-3


@pytest.mark.parametrize("optimiser", [T.gradient_descent, T.momentum, T.adam])
def test_optimisers_reject_bad_arguments(optimiser) -> None:
    grad = T.bowl_loss_grad
    assert optimiser(grad, [1.0, 1.0], 0.1, 0).shape == (1, 2)
    with pytest.raises(ValueError, match="learning_rate"):
        optimiser(grad, [1.0, 1.0], 0.0, 5)
    with pytest.raises(ValueError, match="steps"):
        optimiser(grad, [1.0, 1.0], 0.1, -1)
    with pytest.raises(ValueError, match="start must be finite"):
        optimiser(grad, [1.0, math.nan], 0.1, 5)
    with pytest.raises(TypeError, match="grad"):
        optimiser("not callable", [1.0, 1.0], 0.1, 5)
    with pytest.raises(ValueError, match=r"grad returned shape \(3,\)"):
        optimiser(lambda w: np.ones(3), [1.0, 1.0], 0.1, 5)


def test_optimiser_hyperparameters_are_checked() -> None:
    with pytest.raises(ValueError, match="beta"):
        T.momentum(T.bowl_loss_grad, [1.0, 1.0], 0.1, 5, beta=1.0)
    with pytest.raises(ValueError, match="beta2"):
        T.adam(T.bowl_loss_grad, [1.0, 1.0], 0.1, 5, beta2=1.5)
    with pytest.raises(ValueError, match="eps"):
        T.adam(T.bowl_loss_grad, [1.0, 1.0], 0.1, 5, eps=0.0)


# --------------------------------------------------------------------------- overfitting
def test_overfitting_curves_show_overfitting() -> None:
    curves = T.overfitting_curves()
    again = T.overfitting_curves()
    np.testing.assert_array_equal(curves.val_losses, again.val_losses)
    assert curves.train_losses.shape == curves.val_losses.shape == (500,)
    # Training loss keeps falling; validation loss falls, bottoms out inside, then rises.
    assert np.all(np.diff(curves.train_losses) <= 1e-15)
    best = int(np.argmin(curves.val_losses))
    assert 5 < best < 400
    assert curves.val_losses[-1] > 1.2 * curves.val_losses[best]
    assert curves.val_losses[best] < 0.5 * curves.val_losses[0]
    # The recorded losses are those of the recorded coefficients.
    fit = curves.predict(curves.x_val, best + 1)
    assert np.mean((fit - curves.y_val) ** 2) == pytest.approx(curves.val_losses[best])
    np.testing.assert_array_equal(curves.predict([0.0, 0.5], 0), [0.0, 0.0])
    with pytest.raises(ValueError, match="epoch"):
        curves.predict([0.0], 501)


def test_overfitting_curves_reject_bad_arguments() -> None:
    with pytest.raises(ValueError, match="noise"):
        T.overfitting_curves(noise=0.0)
    with pytest.raises(ValueError, match="degree"):
        T.overfitting_curves(degree=0)
    with pytest.raises(FloatingPointError, match="learning_rate"):
        T.overfitting_curves(learning_rate=100.0, epochs=400)


@pytest.mark.parametrize(
    ("losses", "patience", "expected"),
    [
        ([5, 4, 3, 2, 1], 1, 4),  # always improving: the last epoch
        ([1, 2, 3, 4, 5], 2, 0),  # never improving: the first
        ([1.0, 0.5, 0.6, 0.4, 0.7, 0.8], 1, 1),  # stops at the first bump
        ([1.0, 0.5, 0.6, 0.4, 0.7, 0.8], 2, 3),  # patient enough to see 0.4
        ([3, 2, 2, 2, 1], 2, 1),  # a plateau is not an improvement
        ([3, 2, 2, 2, 1], 3, 4),
        ([7.0], 5, 0),
    ],
)
def test_early_stopping_epoch(losses, patience, expected) -> None:
    assert T.early_stopping_epoch(losses, patience) == expected


def test_early_stopping_min_delta() -> None:
    losses = [1.0, 0.99, 0.98, 0.97, 0.5]
    assert T.early_stopping_epoch(losses, patience=3) == 4
    assert T.early_stopping_epoch(losses, patience=3, min_delta=0.05) == 0
    assert T.early_stopping_epoch(losses, patience=4, min_delta=0.05) == 4


@given(
    losses=st.lists(st.floats(0, 10), min_size=1, max_size=40),
    patience=st.integers(1, 10),
)
def test_early_stopping_properties(losses: list[float], patience: int) -> None:
    best = T.early_stopping_epoch(losses, patience)
    # The kept epoch is the best one seen up to the stop, and the run stopped no later than
    # `patience` epochs after it (or at the end).
    stop = min(best + patience, len(losses) - 1)
    assert losses[best] == min(losses[: stop + 1])
    assert best == losses.index(min(losses[: stop + 1]))
    if patience >= len(losses):
        assert losses[best] == min(losses)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (([], 2), ValueError),
        (([1.0, math.nan], 2), ValueError),
        (([1.0, 2.0], 0), ValueError),
        (([1.0, 2.0], 1.5), TypeError),
        (([[1.0], [2.0]], 1), ValueError),
    ],
)
def test_early_stopping_rejects_bad_arguments(args, error) -> None:
    with pytest.raises(error):
        T.early_stopping_epoch(*args)
