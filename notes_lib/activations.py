r"""Activation functions and their derivatives, stable over the whole floating range.

Each function is one short formula in NumPy, written in the form that stays accurate where
the textbook form would overflow or cancel; a comment says why. They all behave like NumPy
ufuncs:

* a scalar in gives a NumPy scalar out; an array (or a list) gives an array of the same shape;
* ``float32`` stays ``float32`` and ``float64`` stays ``float64``; integers become ``float64``;
  ``float16`` is computed in ``float32`` and ``longdouble`` in ``float64``, and the result is
  cast back to the input's dtype;
* booleans are **rejected** with ``TypeError``: an activation is a function of a real number,
  and a boolean array is almost always a mask passed by mistake (convert it explicitly with
  ``np.asarray(mask, dtype=float)``). Complex numbers, strings, ``None`` and object arrays
  raise ``TypeError`` naming the argument, too;
* no finite input overflows or raises a floating-point warning, even under
  ``np.errstate(all="raise")``; results that underflow become subnormal numbers or zero,
  as they must. $\pm\infty$ give the mathematical limits and NaN gives NaN.

The [`ACTIVATIONS`][notes_lib.activations.ACTIVATIONS] registry holds the facts the notes and
the figures print about each function (formula, range, zero-centredness, ...).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import ndtr

from notes_lib import _checks

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "elu",
    "elu_grad",
    "gelu",
    "gelu_grad",
    "get_activation",
    "leaky_relu",
    "leaky_relu_grad",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "silu",
    "silu_grad",
    "softplus",
    "softplus_grad",
    "tanh",
    "tanh_grad",
]

_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_C = 0.044715  # the cubic coefficient of GELU's tanh approximation


# Elements per block in _elementwise: a formula's few temporaries (128 KiB each in float64)
# then stay in the CPU cache and their memory is reused, instead of being allocated (and
# page-faulted) afresh at the input's full size; on 10**7 values the sigmoid takes half the time.
_BLOCK = 1 << 14


def _elementwise(formula: Callable[..., Any]) -> Callable[..., Any]:
    """Give ``formula``, written for a 1-D float32 or float64 array, the ufunc behaviour above."""

    @functools.wraps(formula)
    def wrapper(x: ArrayLike, *args: Any, **kwargs: Any) -> Any:
        try:
            arr = _checks.real_array(x, "x", allow_bool=False)
        except TypeError as error:
            raise TypeError(f"{formula.__name__}(): {error}") from None
        # float16 arithmetic would round after every step; scipy's ndtr has no longdouble loop.
        work = np.float32 if arr.dtype.itemsize <= 4 else np.float64
        flat = arr.astype(work, copy=False).reshape(-1)
        out = np.empty(flat.shape, arr.dtype)
        # Underflow to a subnormal number or to 0 is the right answer for tiny values.
        with np.errstate(under="ignore"):
            for i in range(0, max(flat.size, 1), _BLOCK):  # once for an empty array, too
                out[i : i + _BLOCK] = formula(flat[i : i + _BLOCK], *args, **kwargs)
        return out.reshape(arr.shape)[()]  # [()] turns a 0-d array into a scalar

    return wrapper


def _alpha(alpha: object, high: float) -> float:
    """``alpha`` as a float in [0, 1] (``high=1``) or in (0, inf) (``high=inf``)."""
    a = _checks.real_scalar(alpha, "alpha")
    if not (0 <= a <= 1 if high == 1 else 0 < a < math.inf):
        interval = "[0, 1]" if high == 1 else "(0, inf)"
        raise ValueError(f"alpha must be in {interval}, got {alpha!r}")
    return a


# --------------------------------------------------------------------------- sigmoid
@_elementwise
def sigmoid(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Logistic sigmoid, $\sigma(x) = \dfrac{1}{1 + e^{-x}}$.

    Squashes any real number into $(0, 1)$, so the output reads as a probability.
    Computed as $e^{\min(x, 0)} / (1 + e^{-|x|})$, which never overflows and keeps full
    relative precision in both tails: $\sigma(-40) \approx 4.2 \times 10^{-18}$ is not
    rounded to 0. It reaches exactly 1.0 for $x \gtrsim 36.7$ (float64), where
    $1 - \sigma(x)$ is below half an ulp of 1, and exactly 0.0 only below $x \approx -745$.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\sigma(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: the sigmoid][notes-sigmoid]

    Examples
    --------
    >>> sigmoid(0.0)
    np.float64(0.5)
    >>> sigmoid([-6.0, 0.0, 6.0])
    array([0.00247262, 0.5       , 0.99752738])
    >>> sigmoid(np.float32(1000)), sigmoid(-1000.0)
    (np.float32(1.0), np.float64(0.0))
    """
    # e^-|x| <= 1 cannot overflow, and for x < 0 the tiny result is e^x / (1 + e^x), which
    # keeps its digits where 1 - (almost 1) would cancel to 0. The numerator e^min(x, 0) is
    # 1 for x >= 0 and e for x < 0: max(e, x >= 0) as e <= 1, cheaper than a second exp.
    e = np.exp(-np.abs(x))
    return np.maximum(e, x >= 0) / (1 + e)


@_elementwise
def sigmoid_grad(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Derivative of the sigmoid, $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$.

    Evaluated as $e^{-|x|} / (1 + e^{-|x|})^2$, which equals the formula above but stays
    accurate where $\sigma(x)$ rounds to 1. Its maximum is $\sigma'(0) = 1/4$.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\sigma'(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: the sigmoid][notes-sigmoid]

    Examples
    --------
    >>> sigmoid_grad(0.0)
    np.float64(0.25)
    >>> float(sigmoid_grad(40.0))  # sigma(40) rounds to 1, its slope does not
    4.248354255291589e-18
    """
    # sigma(-|x|) sigma(|x|), the same product as sigma(x) (1 - sigma(x)) but without the
    # 1 - sigma(x) that cancels to 0 for large x.
    e = np.exp(-np.abs(x))
    return e / (1 + e) / (1 + e)


# --------------------------------------------------------------------------- tanh
@_elementwise
def tanh(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Hyperbolic tangent, $\tanh(x) = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$.

    A rescaled sigmoid, $\tanh(x) = 2\sigma(2x) - 1$, with outputs in $(-1, 1)$ centred
    on zero.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\tanh(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: tanh][notes-tanh]

    Examples
    --------
    >>> tanh([-1.0, 0.0, 1.0])
    array([-0.76159416,  0.        ,  0.76159416])
    """
    return np.tanh(x)  # already stable for every input


@_elementwise
def tanh_grad(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Derivative of tanh, $\tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x)$.

    Evaluated as $4e^{-2|x|} / (1 + e^{-2|x|})^2$ to stay accurate for large $|x|$.
    Its maximum is $\tanh'(0) = 1$.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\tanh'(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: tanh][notes-tanh]

    Examples
    --------
    >>> tanh_grad(0.0)
    np.float64(1.0)
    >>> print(f"{tanh_grad(20.0):.6e}")  # 1 - tanh(20)**2 would give 0
    1.699342e-17
    """
    # 1 - tanh(x)**2 cancels to 0 for |x| > 19 although the true value is still above 1e-16;
    # (e^-|x|)**2 rather than e^(-2|x|), whose argument could overflow.
    e2 = np.exp(-np.abs(x)) ** 2
    return 4 * e2 / (1 + e2) ** 2


# --------------------------------------------------------------------------- ReLU family
@_elementwise
def relu(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Rectified linear unit, $\operatorname{ReLU}(x) = \max(0, x)$.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\max(0, x)$, same shape and floating dtype as ``x`` (NaN stays NaN).

    See Also
    --------
    [Lecture notes: ReLU][notes-relu]

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return np.maximum(x, 0)


@_elementwise
def relu_grad(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Derivative of ReLU: 1 for $x > 0$ and 0 for $x < 0$.

    ReLU has no derivative at $x = 0$. By convention this function returns **0 at
    $x = 0$**, as PyTorch and JAX do; any value in $[0, 1]$ is a valid subgradient there.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        1.0 or 0.0 (NaN for NaN), same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: ReLU][notes-relu]

    Examples
    --------
    >>> relu_grad([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return np.heaviside(x, 0)  # the step function; its second argument is the value at 0


@_elementwise
def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> np.ndarray | np.floating:
    r"""Leaky ReLU, $\operatorname{LeakyReLU}(x) = \max(\alpha x, x)$.

    Like ReLU for $x > 0$, but with a small slope $\alpha$ for $x < 0$ so that a unit
    whose input is negative still passes a gradient ("dying ReLU" fix).

    Parameters
    ----------
    x
        Real number(s).
    alpha
        Slope for negative inputs, a number in $[0, 1]$ (0 gives ReLU).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $x$ where $x \ge 0$, $\alpha x$ elsewhere; same shape and dtype as ``x``.

    See Also
    --------
    [Lecture notes: Leaky ReLU][notes-leaky-relu]

    Examples
    --------
    >>> leaky_relu([-100.0, 0.0, 2.0])
    array([-1.,  0.,  2.])
    >>> leaky_relu(-2.0, alpha=0.5)
    np.float64(-1.0)
    """
    alpha = _alpha(alpha, high=1)
    # max(x, alpha x) picks x for x >= 0 and alpha x for x < 0 because alpha <= 1.
    # alpha = 0 is ReLU, written apart because 0 * -inf is NaN.
    return np.maximum(x, alpha * x) if alpha else np.maximum(x, 0)


@_elementwise
def leaky_relu_grad(x: ArrayLike, alpha: float = 0.01) -> np.ndarray | np.floating:
    r"""Derivative of Leaky ReLU: 1 for $x > 0$ and $\alpha$ for $x < 0$.

    At $x = 0$ it returns $\alpha$ (the left derivative), the same convention as
    [`relu_grad`][notes_lib.activations.relu_grad].

    Parameters
    ----------
    x
        Real number(s).
    alpha
        Slope for negative inputs, in $[0, 1]$.

    Returns
    -------
    numpy.ndarray or numpy.floating
        1.0 or $\alpha$ (NaN for NaN), same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: Leaky ReLU][notes-leaky-relu]

    Examples
    --------
    >>> leaky_relu_grad([-1.0, 0.0, 2.0], alpha=0.1)
    array([0.1, 0.1, 1. ])
    """
    alpha = _alpha(alpha, high=1)
    return np.maximum(np.heaviside(x, 0), alpha)  # step 0 -> alpha; 1 stays 1 as alpha <= 1


@_elementwise
def elu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray | np.floating:
    r"""Exponential linear unit.

    $$\operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0
    \end{cases}$$

    Smooth for $\alpha = 1$, negative outputs down to $-\alpha$ push the mean activation
    towards zero. The negative branch uses ``expm1`` so small $|x|$ keep their digits.

    Parameters
    ----------
    x
        Real number(s).
    alpha
        Scale of the negative branch, a finite number $> 0$.

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\operatorname{ELU}(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: ELU][notes-elu]

    Examples
    --------
    >>> elu([-50.0, 0.0, 2.0])
    array([-1.,  0.,  2.])
    >>> print(f"{elu(-1e-10):.10e}")  # e^x - 1 without cancellation
    -9.9999999995e-11
    """
    alpha = _alpha(alpha, high=math.inf)
    # expm1(x) = e^x - 1 without cancellation near 0; min(x, 0) keeps the branch that
    # np.where discards from overflowing for large x.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


@_elementwise
def elu_grad(x: ArrayLike, alpha: float = 1.0) -> np.ndarray | np.floating:
    r"""Derivative of ELU: 1 for $x > 0$ and $\alpha e^{x}$ for $x \le 0$.

    Parameters
    ----------
    x
        Real number(s).
    alpha
        Scale of the negative branch, a finite number $> 0$.

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\operatorname{ELU}'(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: ELU][notes-elu]

    Examples
    --------
    >>> elu_grad([-1.0, 0.0, 1.0])
    array([0.36787944, 1.        , 1.        ])
    """
    alpha = _alpha(alpha, high=math.inf)
    return np.where(x > 0, 1, alpha * np.exp(np.minimum(x, 0)))  # min: no overflow, as in elu


# --------------------------------------------------------------------------- softplus
@_elementwise
def softplus(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Softplus, $\operatorname{softplus}(x) = \log(1 + e^{x})$, a smooth ReLU.

    Computed as $\max(x, 0) + \log(1 + e^{-|x|})$, so ``softplus(x) == x`` exactly once
    $e^{-x}$ is below half an ulp of $x$ (about $x > 37$ in float64), without overflow.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\log(1 + e^x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: softplus][notes-softplus]

    Examples
    --------
    >>> softplus(0.0) == np.log(2.0)
    np.True_
    >>> softplus(1000.0), float(softplus(-1000.0))
    (np.float64(1000.0), 0.0)
    """
    # e^-|x| <= 1 cannot overflow, and log1p keeps the digits of log(1 + tiny) that
    # log(1 + e^x) would round away for very negative x.
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


@_elementwise
def softplus_grad(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Derivative of softplus, which is the sigmoid: $\operatorname{softplus}'(x) = \sigma(x)$.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\sigma(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: softplus][notes-softplus]

    Examples
    --------
    >>> softplus_grad(0.0)
    np.float64(0.5)
    """
    return sigmoid(x)


# --------------------------------------------------------------------------- GELU
@_elementwise
def gelu(x: ArrayLike, approximate: bool = False) -> np.ndarray | np.floating:
    r"""Gaussian error linear unit, $\operatorname{GELU}(x) = x\,\Phi(x)$.

    $\Phi$ is the standard normal CDF:

    $$\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}
    \left(\frac{x}{\sqrt{2}}\right)\right).$$

    With ``approximate=True`` it uses the tanh approximation of Hendrycks and Gimpel (2016),
    as in GPT-2 and BERT:

    $$\operatorname{GELU}(x) \approx \frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,
    (x + 0.044715\,x^{3})\right)\right),$$

    evaluated as $x\,\sigma(2u)$ (the same value, $u$ being the tanh's argument) to avoid
    cancellation for negative $x$. Its minimum is $\approx -0.170$ at $x \approx -0.752$.

    Parameters
    ----------
    x
        Real number(s).
    approximate
        ``False`` (default) for the exact, erf-based GELU; ``True`` for the tanh approximation.

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\operatorname{GELU}(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: GELU][notes-gelu]

    Examples
    --------
    >>> gelu([-3.0, 0.0, 1.0])
    array([-0.00404969,  0.        ,  0.84134475])
    >>> gelu(1.0, approximate=True)
    np.float64(0.8411919906082768)
    """
    # -inf becomes the lowest float so that GELU(-inf) = -big * 0 = 0, the limit, not NaN.
    x_finite = np.maximum(x, np.finfo(x.dtype).min)
    if _checks.flag(approximate, "approximate"):
        # 1 + tanh(u) = 2 sigma(2u) has no cancellation for negative x. Beyond |x| = 30,
        # sigma(2u) is exactly 0 or 1, so clipping there only keeps x**3 from overflowing.
        t = np.clip(x, -30, 30)
        two_u = (1 + t * t * _GELU_C) * t * (2 * _SQRT_2_OVER_PI)
        return x_finite * sigmoid(two_u)
    # scipy's ndtr computes Phi with erfc in the left tail, where 1 + erf(x / sqrt 2) cancels.
    return x_finite * ndtr(x)


@_elementwise
def gelu_grad(x: ArrayLike, approximate: bool = False) -> np.ndarray | np.floating:
    r"""Derivative of GELU.

    Exact: $\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x)$, with
    $\varphi(x) = e^{-x^2/2} / \sqrt{2\pi}$ the standard normal density. It exceeds 1 (up to
    $\approx 1.129$ at $x = \sqrt 2$) and is negative for $x \lesssim -0.752$.
    With ``approximate=True``, the derivative of the tanh approximation.

    Parameters
    ----------
    x
        Real number(s).
    approximate
        Differentiate the tanh approximation instead of the exact GELU.

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\operatorname{GELU}'(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: GELU][notes-gelu]

    Examples
    --------
    >>> gelu_grad([-40.0, 0.0, 40.0])
    array([0. , 0.5, 1. ])
    """
    if _checks.flag(approximate, "approximate"):
        # d/dx [x sigma(v)] = sigma(v) + x v' sigma'(v) with v = 2u; clipped as in gelu,
        # beyond which x v' sigma'(v) is exactly 0.
        t = np.clip(x, -30, 30)
        v = (1 + t * t * _GELU_C) * t * (2 * _SQRT_2_OVER_PI)
        dv = (1 + t * t * (3 * _GELU_C)) * (2 * _SQRT_2_OVER_PI)
        return sigmoid(v) + t * dv * sigmoid_grad(v)
    # Beyond |x| = 40, x phi(x) < 1e-340 is 0 even in float64: clipping there only keeps
    # x**2 from overflowing.
    t = np.clip(x, -40, 40)
    return ndtr(x) + t * np.exp(-t * t / 2) * (1 / math.sqrt(2 * math.pi))


# --------------------------------------------------------------------------- SiLU
@_elementwise
def silu(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Sigmoid linear unit (swish), $\operatorname{SiLU}(x) = x\,\sigma(x)$.

    $$\operatorname{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}$$

    Smooth and non-monotonic: its minimum is $\approx -0.278$ at $x \approx -1.278$.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $x\,\sigma(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: SiLU][notes-silu]

    Examples
    --------
    >>> silu([-1000.0, 0.0, 1.0])
    array([-0.        ,  0.        ,  0.73105858])
    """
    x = np.maximum(x, np.finfo(x.dtype).min)  # -inf * 0 would be NaN; the limit is 0
    # Below log(tiny) (x < -708 in float64) sigma(x) = e^x is subnormal and has lost digits
    # that x e^x still has: there, multiply by e^(x + 44) (x + 44 is exact) and then e^-44.
    t = np.minimum(x, 0)
    tail = t * np.exp(t + 44) * math.exp(-44)
    return np.where(x < math.log(np.finfo(x.dtype).tiny), tail, x * sigmoid(x))


@_elementwise
def silu_grad(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Derivative of SiLU.

    $$\operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)$$

    Evaluated as $\sigma(x) + x\,\sigma'(x)$. It peaks at $\approx 1.0998$ for
    $x \approx 2.40$ and is negative for $x \lesssim -1.278$.

    Parameters
    ----------
    x
        Real number(s).

    Returns
    -------
    numpy.ndarray or numpy.floating
        $\operatorname{SiLU}'(x)$, same shape and floating dtype as ``x``.

    See Also
    --------
    [Lecture notes: SiLU][notes-silu]

    Examples
    --------
    >>> silu_grad([0.0, 1000.0])
    array([0.5, 1. ])
    """
    # |x sigma'(x)| < 0.23 never overflows; clipping +-inf to the finite range makes it
    # +-big * 0 = 0 there, the limit, instead of inf * 0 = NaN.
    info = np.finfo(x.dtype)
    return sigmoid(x) + np.clip(x, info.min, info.max) * sigmoid_grad(x)


# --------------------------------------------------------------------------- registry
@dataclass(frozen=True)
class Activation:
    r"""Facts about one activation function that the notes and figures read.

    Attributes
    ----------
    name
        Registry key and Python name, e.g. ``"leaky_relu"``.
    display_name
        Name for prose and legends, e.g. ``"Leaky ReLU"``.
    function
        The activation $g$ (called with its default parameters).
    derivative
        Its derivative $g'$.
    formula
        LaTeX for $g(x)$, without the surrounding ``$``.
    derivative_formula
        LaTeX for $g'(x)$.
    output_range
        LaTeX for the set of values $g$ takes, e.g. ``(0, 1)``.
    lower, upper
        Infimum and supremum of $g$ as floats ($\pm\infty$ when unbounded).
    zero_centred
        Whether $g$ is odd, $g(-x) = -g(x)$, so its outputs are symmetric about 0 (of these
        functions only tanh). Functions that merely allow negative outputs are not.
    monotonic
        Whether $g$ is non-decreasing.
    smooth
        Whether $g$ is continuously differentiable everywhere.
    """

    name: str
    display_name: str
    function: Callable[..., Any]
    derivative: Callable[..., Any]
    formula: str
    derivative_formula: str
    output_range: str
    lower: float
    upper: float
    zero_centred: bool = False
    monotonic: bool = True
    smooth: bool = True


_CASES = r"\begin{{cases}} {} & x > 0 \\ {} & x \le 0 \end{{cases}}"

ACTIVATIONS: Mapping[str, Activation] = MappingProxyType(
    {
        a.name: a
        for a in (
            Activation(
                "sigmoid",
                "Sigmoid",
                sigmoid,
                sigmoid_grad,
                formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
                derivative_formula=r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
                output_range="(0, 1)",
                lower=0.0,
                upper=1.0,
            ),
            Activation(
                "tanh",
                "Tanh",
                tanh,
                tanh_grad,
                formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
                derivative_formula=r"\tanh'(x) = 1 - \tanh^{2}(x)",
                output_range="(-1, 1)",
                lower=-1.0,
                upper=1.0,
                zero_centred=True,
            ),
            Activation(
                "relu",
                "ReLU",
                relu,
                relu_grad,
                formula=r"\operatorname{ReLU}(x) = \max(0, x)",
                # Undefined at 0; relu_grad returns 0 there, as the frameworks do.
                derivative_formula=r"\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ "
                r"0 & x < 0 \\ 0 & x = 0 \text{ (convention)} \end{cases}",
                output_range=r"[0, \infty)",
                lower=0.0,
                upper=math.inf,
                smooth=False,
            ),
            Activation(
                "leaky_relu",
                "Leaky ReLU",
                leaky_relu,
                leaky_relu_grad,
                formula=r"\operatorname{LeakyReLU}(x) = \max(\alpha x, x), \quad \alpha = 0.01",
                derivative_formula=r"\operatorname{LeakyReLU}'(x) = "
                + _CASES.format("1", r"\alpha"),
                output_range=r"(-\infty, \infty)",
                lower=-math.inf,
                upper=math.inf,
                smooth=False,
            ),
            Activation(
                "elu",
                "ELU",
                elu,
                elu_grad,
                formula=r"\operatorname{ELU}(x) = "
                + _CASES.format("x", r"\alpha\,(e^{x} - 1)")
                + r", \quad \alpha = 1",
                derivative_formula=r"\operatorname{ELU}'(x) = "
                + _CASES.format("1", r"\alpha\,e^{x}"),
                output_range=r"(-\alpha, \infty)",
                lower=-1.0,
                upper=math.inf,
            ),
            Activation(
                "softplus",
                "Softplus",
                softplus,
                softplus_grad,
                formula=r"\operatorname{softplus}(x) = \log\left(1 + e^{x}\right)",
                derivative_formula=r"\operatorname{softplus}'(x) = \sigma(x)",
                output_range=r"(0, \infty)",
                lower=0.0,
                upper=math.inf,
            ),
            Activation(
                "gelu",
                "GELU",
                gelu,
                gelu_grad,
                formula=r"\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + "
                r"\operatorname{erf}\left(\frac{x}{\sqrt{2}}\right)\right)",
                derivative_formula=r"\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x)",
                output_range=r"[\approx -0.170, \infty)",
                lower=-0.16997120747990366,
                upper=math.inf,
                monotonic=False,
            ),
            Activation(
                "silu",
                "SiLU (swish)",
                silu,
                silu_grad,
                formula=r"\operatorname{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
                derivative_formula=r"\operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + "
                r"x\,(1 - \sigma(x))\bigr)",
                output_range=r"[\approx -0.278, \infty)",
                lower=-0.27846454276107374,
                upper=math.inf,
                monotonic=False,
            ),
        )
    }
)
"""All activations of the notes, keyed by [`Activation.name`][notes_lib.activations.Activation].

Read-only; iteration order is the order in which the notes introduce them.
"""


def get_activation(name: str) -> Activation:
    """Look up an activation by name.

    Parameters
    ----------
    name
        A key of [`ACTIVATIONS`][notes_lib.activations.ACTIVATIONS], e.g. ``"sigmoid"``.

    Returns
    -------
    Activation
        The registry entry.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is unknown; the message lists the known names.

    Examples
    --------
    >>> get_activation("tanh").zero_centred
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"activation name must be a string, got {type(name).__name__}")
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name]
