r"""Losses, gradient descent and training a single neuron.

Everything here is deterministic given its ``seed`` so that the notes' figures are
reproducible. The losses follow the lecture: binary cross-entropy for classification,
mean squared error for regression; the optimisers trace paths on a small 2-D loss surface.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from notes_lib import _checks
from notes_lib.activations import sigmoid, softplus
from notes_lib.perceptron import Perceptron

__all__ = [
    "BOWL_CURVATURES",
    "OverfittingCurves",
    "TrainingResult",
    "adam",
    "binary_cross_entropy",
    "bowl_loss",
    "bowl_loss_grad",
    "early_stopping_epoch",
    "gradient_descent",
    "logistic_loss",
    "logistic_loss_grad",
    "mean_squared_error",
    "momentum",
    "overfitting_curves",
    "train_logistic_regression",
    "train_perceptron_rule",
    "two_blobs",
]

# Smallest log-probability a single example can contribute, as in torch.nn.BCELoss:
# a confident wrong prediction costs at most 100 nats instead of infinity.
_LOG_FLOOR = -100.0

BOWL_CURVATURES: tuple[float, float] = (1.0, 10.0)
"""Curvatures $(a_1, a_2)$ of [`bowl_loss`][notes_lib.training.bowl_loss] along $w_1$ and $w_2$."""


# --------------------------------------------------------------------------- losses
def binary_cross_entropy(y_true: ArrayLike, y_prob: ArrayLike) -> float:
    r"""Mean binary cross-entropy of predicted probabilities.

    $$J = -\frac{1}{n}\sum_{i=1}^{n} \left[y_i \log p_i + (1 - y_i)\log(1 - p_i)\right]$$

    Each log term is floored at $-100$ (as PyTorch's ``BCELoss`` does), so a probability of
    exactly 0 or 1 on the wrong side gives a large finite loss instead of infinity.

    Parameters
    ----------
    y_true
        Labels in $[0, 1]$ (usually exactly 0 or 1), any shape.
    y_prob
        Predicted probabilities in $[0, 1]$, same shape as ``y_true``.

    Returns
    -------
    float
        The mean loss over all entries (nats).

    See Also
    --------
    [Lecture notes: loss][notes-loss]

    Examples
    --------
    >>> round(binary_cross_entropy([1, 0], [0.9, 0.1]), 6)
    0.105361
    """
    y = _checks.finite_array(y_true, "y_true")
    p = _checks.finite_array(y_prob, "y_prob")
    if y.shape != p.shape:
        raise ValueError(f"y_true has shape {y.shape} but y_prob has shape {p.shape}")
    if y.size == 0:
        raise ValueError("y_true and y_prob must not be empty")
    if np.any((y < 0) | (y > 1)):
        raise ValueError("y_true must lie in [0, 1]")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("y_prob must lie in [0, 1]")
    with np.errstate(divide="ignore"):  # log(0) = -inf is floored just below
        log_p = np.maximum(np.log(p), _LOG_FLOOR)
        log_q = np.maximum(np.log1p(-p), _LOG_FLOOR)
    return float(-np.mean(y * log_p + (1 - y) * log_q))


def mean_squared_error(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Mean squared error, $J = \frac{1}{n}\sum_{i=1}^{n} (y_i - \hat y_i)^2$.

    Parameters
    ----------
    y_true
        Targets, any shape.
    y_pred
        Predictions, same shape as ``y_true``.

    Returns
    -------
    float
        The mean of the squared differences.

    See Also
    --------
    [Lecture notes: loss][notes-loss]

    Examples
    --------
    >>> mean_squared_error([1.0, 2.0], [1.5, 2.0])
    0.125
    """
    y = _checks.finite_array(y_true, "y_true")
    p = _checks.finite_array(y_pred, "y_pred")
    if y.shape != p.shape:
        raise ValueError(f"y_true has shape {y.shape} but y_pred has shape {p.shape}")
    if y.size == 0:
        raise ValueError("y_true and y_pred must not be empty")
    return float(np.mean((y - p) ** 2))


def _check_xy(X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:  # noqa: N803
    x = _checks.finite_array(X, "X", ndim=2)
    if x.shape[0] == 0:
        raise ValueError("X must have at least one row")
    return x, _checks.labels01(y, "y", x.shape[0])


def _check_params(weights: ArrayLike, bias: float, d: int) -> tuple[np.ndarray, float]:
    w = _checks.finite_array(weights, "weights", ndim=1)
    if w.shape[0] != d:
        raise ValueError(f"weights have shape {w.shape} but X has {d} columns")
    return w, _checks.finite_float(bias, "bias")


def logistic_loss(weights: ArrayLike, bias: float, X: ArrayLike, y: ArrayLike) -> float:  # noqa: N803
    r"""Binary cross-entropy of a sigmoid neuron, computed stably from the logits.

    With $z_i = w_0 + x_i^T w$ and $\hat y_i = \sigma(z_i)$ the loss is

    $$J(w, w_0) = \frac{1}{n}\sum_{i=1}^{n} \left[\log(1 + e^{z_i}) - y_i z_i\right],$$

    which equals [`binary_cross_entropy`][notes_lib.training.binary_cross_entropy] of
    $\hat y$ but never takes $\log 0$.

    Parameters
    ----------
    weights
        Weight vector $w$ of length $d$.
    bias
        Bias $w_0$.
    X
        Inputs, shape $(n, d)$.
    y
        Labels, 0 or 1, length $n$.

    Returns
    -------
    float
        The mean loss (nats).

    See Also
    --------
    [Lecture notes: loss][notes-loss]

    Examples
    --------
    >>> round(logistic_loss([0.0, 0.0], 0.0, [[1.0, 2.0]], [1]), 6)  # log 2
    0.693147
    """
    x, labels = _check_xy(X, y)
    w, b = _check_params(weights, bias, x.shape[1])
    z = b + x @ w
    with np.errstate(over="ignore"):  # huge logits give an infinite loss, reported as such
        return float(np.mean(softplus(z) - labels * z))


def logistic_loss_grad(
    weights: ArrayLike,
    bias: float,
    X: ArrayLike,  # noqa: N803
    y: ArrayLike,
) -> tuple[np.ndarray, float]:
    r"""Gradient of the logistic loss with respect to the weights and the bias.

    The derivative of [`logistic_loss`][notes_lib.training.logistic_loss]:

    $$\frac{\partial J}{\partial w} = \frac{1}{n} X^T(\sigma(z) - y), \qquad
    \frac{\partial J}{\partial w_0} = \frac{1}{n}\sum_{i=1}^{n} (\sigma(z_i) - y_i)$$

    Parameters
    ----------
    weights, bias, X, y
        As for [`logistic_loss`][notes_lib.training.logistic_loss].

    Returns
    -------
    tuple[numpy.ndarray, float]
        ``(grad_weights, grad_bias)``.

    See Also
    --------
    [Lecture notes: backpropagation][notes-backpropagation]

    Examples
    --------
    >>> g_w, g_b = logistic_loss_grad([0.0, 0.0], 0.0, [[1.0, 2.0]], [1])
    >>> g_w.tolist(), g_b
    ([-0.5, -1.0], -0.5)
    """
    x, labels = _check_xy(X, y)
    w, b = _check_params(weights, bias, x.shape[1])
    residual = sigmoid(b + x @ w) - labels
    return x.T @ residual / x.shape[0], float(np.mean(residual))


# --------------------------------------------------------------------------- data
def two_blobs(
    n_per_class: int = 50,
    seed: int | None = 0,
    *,
    separation: float = 3.0,
    spread: float = 0.8,
    separable: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    r"""A small 2-D, two-class data set: two Gaussian blobs.

    Class 0 is centred at $(-s/2, -s/2)/\sqrt{2}$ and class 1 at $(s/2, s/2)/\sqrt{2}$,
    where $s$ is ``separation``, each with standard deviation ``spread`` per coordinate.
    With ``separable=True`` points that would land within ``spread / 4`` of the line
    $x_1 + x_2 = 0$ or beyond it are drawn again, so the classes are linearly separable
    (the perceptron learning rule is then guaranteed to converge).

    Parameters
    ----------
    n_per_class
        Points per class (at least 1).
    seed
        Seed for ``numpy.random.default_rng``; the same seed gives the same data.
    separation
        Distance between the two centres.
    spread
        Standard deviation of each blob along each axis.
    separable
        Redraw points that fall on the wrong side of (or too close to) $x_1 + x_2 = 0$.

    Returns
    -------
    tuple[numpy.ndarray, numpy.ndarray]
        ``X`` of shape ``(2 * n_per_class, 2)`` and labels ``y`` (0.0 or 1.0), class 0 first.

    Examples
    --------
    >>> X, y = two_blobs(n_per_class=3, seed=1)
    >>> X.shape, y.tolist()
    ((6, 2), [0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    """
    n = _checks.int_at_least(n_per_class, "n_per_class", 1)
    rng = np.random.default_rng(_checks.seed_value(seed))
    sep = _checks.positive_float(separation, "separation")
    sd = _checks.positive_float(spread, "spread")
    separable = _checks.flag(separable, "separable")
    direction = np.array([1.0, 1.0]) / np.sqrt(2.0)
    margin = sd / 4
    if separable and sep / 2 <= margin:
        raise ValueError(f"separation must exceed spread / 2 for separable blobs, got {sep}")
    blobs = []
    for sign in (-1.0, 1.0):
        centre = sign * sep / 2 * direction
        points = np.empty((0, 2))
        while points.shape[0] < n:
            draw = centre + sd * rng.standard_normal((n, 2))
            if separable:
                draw = draw[sign * (draw @ direction) > margin]
            points = np.vstack([points, draw])
        blobs.append(points[:n])
    X = np.vstack(blobs)  # noqa: N806
    y = np.repeat([0.0, 1.0], n)
    return X, y


# --------------------------------------------------------------------------- training
@dataclass(frozen=True)
class TrainingResult:
    r"""The outcome of training one neuron.

    Attributes
    ----------
    perceptron
        The trained neuron (sigmoid activation; predicts class 1 where $z \ge 0$).
    losses
        Loss after each epoch: the perceptron criterion for the perceptron rule,
        the logistic loss for gradient descent.
    errors
        Number of misclassified training points after each epoch.
    weights_history
        Weights before training (row 0) and after each epoch, shape ``(epochs + 1, d)``.
    bias_history
        Bias before training and after each epoch, shape ``(epochs + 1,)``.
    converged_epoch
        First epoch (1-based) after which every training point was classified correctly,
        or ``None``.
    """

    perceptron: Perceptron
    losses: np.ndarray
    errors: np.ndarray
    weights_history: np.ndarray
    bias_history: np.ndarray
    converged_epoch: int | None = None


def _misclassified(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> int:
    predicted = (b + x @ w) >= 0
    return int(np.count_nonzero(predicted != (y == 1)))


def _training_args(
    X: ArrayLike,  # noqa: N803
    y: ArrayLike,
    epochs: object,
    learning_rate: object,
    seed: object,
) -> tuple[np.ndarray, np.ndarray, int, float, np.random.Generator]:
    x, labels = _check_xy(X, y)
    n_epochs = _checks.int_at_least(epochs, "epochs", 1)
    lr = _checks.positive_float(learning_rate, "learning_rate")
    rng = np.random.default_rng(_checks.seed_value(seed))
    return x, labels, n_epochs, lr, rng


def train_perceptron_rule(
    X: ArrayLike,  # noqa: N803
    y: ArrayLike,
    epochs: int = 50,
    learning_rate: float = 1.0,
    seed: int | None = 0,
    *,
    stop_when_converged: bool = True,
) -> TrainingResult:
    r"""Train a neuron with Rosenblatt's perceptron learning rule.

    Each epoch visits the training points in a random order (from ``seed``); for a point
    $x$ with label $y$ and prediction $\hat y = [w_0 + x^T w \ge 0]$ the rule updates

    $$w \leftarrow w + \eta\,(y - \hat y)\,x, \qquad w_0 \leftarrow w_0 + \eta\,(y - \hat y).$$

    Weights start at zero. On linearly separable data the rule stops making mistakes
    after finitely many updates.

    The recorded loss is the perceptron criterion
    $\frac{1}{n}\sum_i \max(0, -s_i z_i)$ with $s_i = 2y_i - 1$.

    Parameters
    ----------
    X
        Inputs, shape $(n, d)$.
    y
        Labels, 0 or 1, length $n$.
    epochs
        Maximum number of passes over the data (at least 1).
    learning_rate
        Step size $\eta > 0$.
    seed
        Seed for the visiting order.
    stop_when_converged
        Stop after the first epoch with no misclassified point; the histories are then
        shorter than ``epochs``.

    Returns
    -------
    TrainingResult
        The trained neuron and its per-epoch history.

    See Also
    --------
    [Lecture notes: the perceptron learning rule][notes-perceptron-learning-rule]

    Examples
    --------
    >>> X, y = two_blobs(n_per_class=20, seed=0)
    >>> result = train_perceptron_rule(X, y, seed=0)
    >>> int(result.errors[-1]), result.converged_epoch is not None
    (0, True)
    """
    x, labels, n_epochs, lr, rng = _training_args(X, y, epochs, learning_rate, seed)
    stop_when_converged = _checks.flag(stop_when_converged, "stop_when_converged")
    w = np.zeros(x.shape[1])
    b = 0.0
    signs = 2 * labels - 1
    losses, errors, ws, bs = [], [], [w.copy()], [b]
    converged = None
    for epoch in range(1, n_epochs + 1):
        for i in rng.permutation(x.shape[0]):
            predicted = 1.0 if b + x[i] @ w >= 0 else 0.0
            step = lr * (labels[i] - predicted)
            if step:
                w += step * x[i]
                b += step
        z = b + x @ w
        losses.append(float(np.mean(np.maximum(0.0, -signs * z))))
        errors.append(_misclassified(w, b, x, labels))
        ws.append(w.copy())
        bs.append(b)
        if errors[-1] == 0 and converged is None:
            converged = epoch
            if stop_when_converged:
                break
    return TrainingResult(
        Perceptron(w, b, "sigmoid"),
        np.array(losses),
        np.array(errors, dtype=np.int64),
        np.array(ws),
        np.array(bs),
        converged,
    )


def train_logistic_regression(
    X: ArrayLike,  # noqa: N803
    y: ArrayLike,
    epochs: int = 200,
    learning_rate: float = 0.5,
    seed: int | None = 0,
) -> TrainingResult:
    r"""Train a sigmoid neuron by full-batch gradient descent on the logistic loss.

    The loss is [`logistic_loss`][notes_lib.training.logistic_loss].

    Weights start as small Gaussian noise (standard deviation 0.01, from ``seed``), the
    bias at zero; each epoch takes one step
    $w \leftarrow w - \eta\,\nabla_w J$, $w_0 \leftarrow w_0 - \eta\,\partial J / \partial w_0$.

    Parameters
    ----------
    X
        Inputs, shape $(n, d)$.
    y
        Labels, 0 or 1, length $n$.
    epochs
        Number of gradient steps (at least 1).
    learning_rate
        Step size $\eta > 0$.
    seed
        Seed for the initial weights.

    Returns
    -------
    TrainingResult
        The trained neuron and its per-epoch history.

    See Also
    --------
    [Lecture notes: gradient descent][notes-gradient-descent]

    Examples
    --------
    >>> X, y = two_blobs(n_per_class=20, seed=0)
    >>> result = train_logistic_regression(X, y, epochs=100)
    >>> bool(result.losses[-1] < result.losses[0])
    True
    """
    x, labels, n_epochs, lr, rng = _training_args(X, y, epochs, learning_rate, seed)
    w = 0.01 * rng.standard_normal(x.shape[1])
    b = 0.0
    losses, errors, ws, bs = [], [], [w.copy()], [b]
    converged = None
    for epoch in range(1, n_epochs + 1):
        # Divergence (a learning rate far too large) is detected and reported just below.
        with np.errstate(over="ignore", invalid="ignore"):
            grad_w, grad_b = logistic_loss_grad(w, b, x, labels)
            w, b = w - lr * grad_w, b - lr * grad_b
            finite = bool(np.all(np.isfinite(w)) and np.isfinite(b))
            loss = logistic_loss(w, b, x, labels) if finite else math.inf
        if not np.isfinite(loss):
            raise FloatingPointError(f"weights diverged at epoch {epoch}; lower learning_rate")
        losses.append(loss)
        errors.append(_misclassified(w, b, x, labels))
        ws.append(w.copy())
        bs.append(b)
        if errors[-1] == 0 and converged is None:
            converged = epoch
    return TrainingResult(
        Perceptron(w, b, "sigmoid"),
        np.array(losses),
        np.array(errors, dtype=np.int64),
        np.array(ws),
        np.array(bs),
        converged,
    )


# --------------------------------------------------------------------------- optimisers
def bowl_loss(w: ArrayLike) -> np.ndarray | float:
    r"""An elongated quadratic bowl, $J(w) = \tfrac{1}{2}(a_1 w_1^2 + a_2 w_2^2)$.

    The curvatures $(a_1, a_2) = (1, 10)$
    ([`BOWL_CURVATURES`][notes_lib.training.BOWL_CURVATURES]) make the bowl ten times
    steeper along $w_2$: plain gradient descent converges for learning rates below
    $2 / a_2 = 0.2$ and oscillates across the valley as it approaches that limit.

    Parameters
    ----------
    w
        Points of shape ``(..., 2)``; a grid can be passed as ``np.stack([W1, W2], -1)``.

    Returns
    -------
    numpy.ndarray or float
        The loss at each point (a float for a single point).

    See Also
    --------
    [Lecture notes: the learning rate][notes-learning-rate]

    Examples
    --------
    >>> bowl_loss([1.0, 1.0])
    5.5
    """
    arr = _checks.real_array(w, "w")
    if arr.ndim == 0 or arr.shape[-1] != 2:
        raise ValueError(f"w must have shape (..., 2), got shape {arr.shape}")
    a1, a2 = BOWL_CURVATURES
    value = 0.5 * (a1 * arr[..., 0] ** 2 + a2 * arr[..., 1] ** 2)
    return float(value) if value.ndim == 0 else value


def bowl_loss_grad(w: ArrayLike) -> np.ndarray:
    r"""Gradient of [`bowl_loss`][notes_lib.training.bowl_loss], $\nabla J(w) = (a_1 w_1, a_2 w_2)$.

    Parameters
    ----------
    w
        Points of shape ``(..., 2)``.

    Returns
    -------
    numpy.ndarray
        Gradients, same shape as ``w``.

    See Also
    --------
    [Lecture notes: the learning rate][notes-learning-rate]

    Examples
    --------
    >>> bowl_loss_grad([1.0, 1.0]).tolist()
    [1.0, 10.0]
    """
    arr = _checks.real_array(w, "w")
    if arr.ndim == 0 or arr.shape[-1] != 2:
        raise ValueError(f"w must have shape (..., 2), got shape {arr.shape}")
    return arr * np.asarray(BOWL_CURVATURES, dtype=arr.dtype)


def _optimiser_args(
    grad: object, start: ArrayLike, learning_rate: object, steps: object
) -> tuple[np.ndarray, float, int]:
    if not callable(grad):
        raise TypeError(f"grad must be a callable returning the gradient, got {grad!r}")
    w0 = _checks.finite_array(start, "start", ndim=1)
    lr = _checks.positive_float(learning_rate, "learning_rate")
    n = _checks.int_at_least(steps, "steps", 0)
    return w0, lr, n


def _gradient_at(grad: Callable[[np.ndarray], ArrayLike], w: np.ndarray) -> np.ndarray:
    g = np.asarray(grad(w.copy()), dtype=np.float64)
    if g.shape != w.shape:
        raise ValueError(f"grad returned shape {g.shape} for a point of shape {w.shape}")
    return g


def gradient_descent(
    grad: Callable[[np.ndarray], ArrayLike],
    start: ArrayLike,
    learning_rate: float,
    steps: int,
) -> np.ndarray:
    r"""Plain gradient descent, $w_{t+1} = w_t - \eta\,\nabla J(w_t)$.

    Parameters
    ----------
    grad
        Function returning $\nabla J(w)$ for a point $w$ of shape ``(d,)``.
    start
        Starting point $w_0$, shape ``(d,)``.
    learning_rate
        Step size $\eta > 0$.
    steps
        Number of steps (0 returns just the start).

    Returns
    -------
    numpy.ndarray
        The path, shape ``(steps + 1, d)``: row 0 is ``start``. If the iterates overflow
        (learning rate far too large) the remaining rows are ``inf``/``nan`` as computed;
        no warning is raised.

    See Also
    --------
    [Lecture notes: gradient descent][notes-gradient-descent]

    Examples
    --------
    >>> gradient_descent(bowl_loss_grad, [1.0, 1.0], 0.1, 2).tolist()
    [[1.0, 1.0], [0.9, 0.0], [0.81, 0.0]]
    """
    w, lr, n = _optimiser_args(grad, start, learning_rate, steps)
    path = np.empty((n + 1, w.shape[0]))
    path[0] = w
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is a legitimate picture
        for t in range(n):
            w = w - lr * _gradient_at(grad, w)
            path[t + 1] = w
    return path


def momentum(
    grad: Callable[[np.ndarray], ArrayLike],
    start: ArrayLike,
    learning_rate: float,
    steps: int,
    beta: float = 0.9,
) -> np.ndarray:
    r"""Gradient descent with (heavy-ball) momentum.

    $$v_{t+1} = \beta v_t + \nabla J(w_t), \qquad w_{t+1} = w_t - \eta\, v_{t+1}, \qquad v_0 = 0.$$

    Parameters
    ----------
    grad, start, learning_rate, steps
        As for [`gradient_descent`][notes_lib.training.gradient_descent].
    beta
        Momentum coefficient in $[0, 1)$; 0 is plain gradient descent.

    Returns
    -------
    numpy.ndarray
        The path, shape ``(steps + 1, d)``.

    See Also
    --------
    [Lecture notes: adaptive optimisers][notes-adaptive-optimisers]

    Examples
    --------
    >>> momentum(bowl_loss_grad, [1.0, 0.0], 0.1, 2, beta=0.5).round(6).tolist()
    [[1.0, 0.0], [0.9, 0.0], [0.76, 0.0]]
    """
    w, lr, n = _optimiser_args(grad, start, learning_rate, steps)
    b = _checks.fraction(beta, "beta")
    path = np.empty((n + 1, w.shape[0]))
    path[0] = w
    v = np.zeros_like(w)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(n):
            v = b * v + _gradient_at(grad, w)
            w = w - lr * v
            path[t + 1] = w
    return path


def adam(
    grad: Callable[[np.ndarray], ArrayLike],
    start: ArrayLike,
    learning_rate: float,
    steps: int,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> np.ndarray:
    r"""The Adam optimiser (Kingma and Ba, 2015).

    With $g_t = \nabla J(w_t)$:
    $m_{t+1} = \beta_1 m_t + (1 - \beta_1) g_t$,
    $v_{t+1} = \beta_2 v_t + (1 - \beta_2) g_t^2$, and

    $$w_{t+1} = w_t - \eta\,\frac{\hat m_{t+1}}{\sqrt{\hat v_{t+1}} + \epsilon}, \qquad
    \hat m_{t+1} = \frac{m_{t+1}}{1 - \beta_1^{t+1}},\quad
    \hat v_{t+1} = \frac{v_{t+1}}{1 - \beta_2^{t+1}}.$$

    Parameters
    ----------
    grad, start, learning_rate, steps
        As for [`gradient_descent`][notes_lib.training.gradient_descent].
    beta1, beta2
        Decay rates of the first and second moment estimates, in $[0, 1)$.
    eps
        Small positive constant that keeps the division finite.

    Returns
    -------
    numpy.ndarray
        The path, shape ``(steps + 1, d)``.

    See Also
    --------
    [Lecture notes: adaptive optimisers][notes-adaptive-optimisers]

    Examples
    --------
    >>> adam(bowl_loss_grad, [1.0, 1.0], 0.1, 1).round(6).tolist()  # first step: eta * sign(g)
    [[1.0, 1.0], [0.9, 0.9]]
    """
    w, lr, n = _optimiser_args(grad, start, learning_rate, steps)
    b1 = _checks.fraction(beta1, "beta1")
    b2 = _checks.fraction(beta2, "beta2")
    epsilon = _checks.positive_float(eps, "eps")
    path = np.empty((n + 1, w.shape[0]))
    path[0] = w
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, n + 1):
            g = _gradient_at(grad, w)
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            m_hat = m / (1 - b1**t)
            v_hat = v / (1 - b2**t)
            w = w - lr * m_hat / (np.sqrt(v_hat) + epsilon)
            path[t] = w
    return path


# --------------------------------------------------------------------------- overfitting
@dataclass(frozen=True)
class OverfittingCurves:
    r"""Training and validation loss of an over-flexible model, epoch by epoch.

    Attributes
    ----------
    train_losses, val_losses
        Mean squared error after each epoch, shape ``(epochs,)``; index ``i`` is epoch ``i + 1``.
    x_train, y_train, x_val, y_val
        The data: noisy samples of $\sin(\pi x)$ on $[-1, 1]$.
    weights_history
        Polynomial coefficients before training (row 0) and after each epoch.
    degree
        Degree of the polynomial model.
    """

    train_losses: np.ndarray
    val_losses: np.ndarray
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    weights_history: np.ndarray
    degree: int

    def predict(self, x: ArrayLike, epoch: int) -> np.ndarray:
        """The model's prediction at ``x`` after ``epoch`` epochs (0 = before training)."""
        e = _checks.int_at_least(epoch, "epoch", 0)
        if e >= self.weights_history.shape[0]:
            raise ValueError(f"epoch must be <= {self.weights_history.shape[0] - 1}, got {e}")
        xs = _checks.finite_array(x, "x")
        return np.polynomial.legendre.legvander(xs, self.degree) @ self.weights_history[e]


def overfitting_curves(
    n_train: int = 15,
    n_val: int = 200,
    degree: int = 15,
    noise: float = 0.3,
    epochs: int = 500,
    learning_rate: float = 0.5,
    seed: int | None = 1,
) -> OverfittingCurves:
    r"""Fit a too-flexible model by gradient descent and record train and validation loss.

    The model is a degree-``degree`` polynomial (in the well-conditioned Legendre basis)
    fitted to ``n_train`` noisy samples $y = \sin(\pi x) + \varepsilon$,
    $\varepsilon \sim \mathcal{N}(0, \text{noise}^2)$, by full-batch gradient descent on the
    mean squared error, starting from zero. The training loss keeps falling; the
    validation loss on ``n_val`` fresh samples falls, bottoms out, and then rises as the
    model starts fitting the noise — the picture behind early stopping.

    Parameters
    ----------
    n_train, n_val
        Number of training and validation points (at least 1 each).
    degree
        Polynomial degree (at least 1).
    noise
        Standard deviation of the label noise (> 0).
    epochs
        Number of gradient steps (at least 1).
    learning_rate
        Step size $\eta > 0$.
    seed
        Seed for the data.

    Returns
    -------
    OverfittingCurves
        The per-epoch losses, the data and the coefficient history.

    See Also
    --------
    [Lecture notes: overfitting][notes-overfitting]

    Examples
    --------
    >>> curves = overfitting_curves(epochs=300)
    >>> best = early_stopping_epoch(curves.val_losses, patience=20)
    >>> bool(curves.val_losses[-1] > curves.val_losses[best])
    True
    """
    n_tr = _checks.int_at_least(n_train, "n_train", 1)
    n_va = _checks.int_at_least(n_val, "n_val", 1)
    deg = _checks.int_at_least(degree, "degree", 1)
    sd = _checks.positive_float(noise, "noise")
    n_epochs = _checks.int_at_least(epochs, "epochs", 1)
    lr = _checks.positive_float(learning_rate, "learning_rate")
    rng = np.random.default_rng(_checks.seed_value(seed))

    def sample(n: int) -> tuple[np.ndarray, np.ndarray]:
        x = rng.uniform(-1.0, 1.0, n)
        return x, np.sin(np.pi * x) + sd * rng.standard_normal(n)

    x_tr, y_tr = sample(n_tr)
    x_va, y_va = sample(n_va)
    f_tr = np.polynomial.legendre.legvander(x_tr, deg)
    f_va = np.polynomial.legendre.legvander(x_va, deg)
    w = np.zeros(deg + 1)
    train, val, history = [], [], [w.copy()]
    for epoch in range(1, n_epochs + 1):
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            w = w - lr * (f_tr.T @ (f_tr @ w - y_tr)) / n_tr
            train_loss = float(np.mean((f_tr @ w - y_tr) ** 2))
            val_loss = float(np.mean((f_va @ w - y_va) ** 2))
        if not (np.all(np.isfinite(w)) and np.isfinite(train_loss) and np.isfinite(val_loss)):
            raise FloatingPointError(f"weights diverged at epoch {epoch}; lower learning_rate")
        train.append(train_loss)
        val.append(val_loss)
        history.append(w.copy())
    return OverfittingCurves(
        np.array(train), np.array(val), x_tr, y_tr, x_va, y_va, np.array(history), deg
    )


def early_stopping_epoch(val_losses: ArrayLike, patience: int, min_delta: float = 0.0) -> int:
    """The epoch whose weights early stopping keeps.

    Training watches the validation loss; an epoch *improves* when its loss is below the
    best so far by more than ``min_delta``. After ``patience`` consecutive epochs without
    improvement training stops and the best epoch's weights are restored. If the
    patience never runs out, the best epoch of the whole run is returned.

    Parameters
    ----------
    val_losses
        Validation loss per epoch, a 1-D sequence of finite numbers.
    patience
        Epochs without improvement to tolerate before stopping (at least 1).
    min_delta
        Minimum decrease that counts as an improvement (>= 0).

    Returns
    -------
    int
        Index into ``val_losses`` of the kept epoch (0-based).

    See Also
    --------
    [Lecture notes: early stopping][notes-early-stopping]

    Examples
    --------
    >>> early_stopping_epoch([1.0, 0.5, 0.6, 0.4, 0.7, 0.8], patience=1)
    1
    >>> early_stopping_epoch([1.0, 0.5, 0.6, 0.4, 0.7, 0.8], patience=2)
    3
    """
    losses = _checks.finite_array(val_losses, "val_losses", ndim=1)
    if losses.size == 0:
        raise ValueError("val_losses must not be empty")
    wait = _checks.int_at_least(patience, "patience", 1)
    delta = _checks.finite_float(min_delta, "min_delta")
    if delta < 0:
        raise ValueError(f"min_delta must be >= 0, got {min_delta!r}")
    best, since = 0, 0
    for i in range(1, losses.size):
        if losses[i] < losses[best] - delta:
            best, since = i, 0
        else:
            since += 1
            if since >= wait:
                break
    return best
