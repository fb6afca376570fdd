r"""Activation functions and their derivatives, stable over the whole floating range.

Every function behaves like a NumPy ufunc for a learner:

* a scalar in gives a NumPy scalar out; an array (or a list) gives an array of the same shape;
* ``float32`` stays ``float32`` and ``float64`` stays ``float64``; integers are promoted to
  ``float64``; ``float16`` is computed in ``float32`` and ``longdouble`` in ``float64``, and
  the result is cast back to the input's dtype;
* booleans are **rejected** with ``TypeError``: an activation is a function of a real number,
  and a boolean array is almost always a mask passed by mistake (convert it explicitly with
  ``np.asarray(mask, dtype=float)``). Complex numbers, strings, ``None`` and object arrays
  raise ``TypeError`` naming the argument, too;
* no finite input overflows or raises a floating-point warning, even under
  ``np.errstate(all="raise")``; results that underflow become subnormal numbers or zero,
  as they must. $\pm\infty$ give the mathematical limits and NaN gives NaN.

Large arrays are processed in blocks that fit in the CPU cache, so besides the result each
call needs at most two small scratch buffers, however large its input.

The [`ACTIVATIONS`][notes_lib.activations.ACTIVATIONS] registry holds the facts the notes and
the figures print about each function (formula, range, zero-centredness, ...).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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

# Elements per block: three float64 blocks (input, output, scratch) stay within a typical
# 256 KiB to 1 MiB L2 cache, which makes the chained in-place ufunc calls fast.
_BLOCK = 1 << 14

# Beyond these |x| the smooth terms of GELU's derivatives underflow to exactly 0 in float64
# (e.g. exp(-40**2 / 2) < 1e-347); clipping there keeps x**2 and x**3 from overflowing.
_GELU_CLIP = 40.0
_GELU_TANH_CLIP = 30.0
_SILU_SHIFT = 44.0
_GELU_TANH_C = 0.044715
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

Kernel = Callable[..., None]


# --------------------------------------------------------------------------- machinery
def _input(x: ArrayLike, func: str) -> np.ndarray:
    """``x`` as a floating array, or ``TypeError`` naming ``func``'s argument."""
    try:
        return _checks.real_array(x, "x", allow_bool=False)
    except TypeError as error:
        raise TypeError(f"{func}(): {error}") from None


def _apply(func: str, kernel: Kernel, x: ArrayLike, scratch: int = 1) -> Any:
    """Run ``kernel(x_block, out_block, *scratch_blocks)`` over ``x`` in cache-sized blocks."""
    arr = _input(x, func)
    dtype = arr.dtype
    work = np.dtype(np.float32) if dtype.itemsize <= 4 else np.dtype(np.float64)
    src = np.asarray(arr, dtype=work, order="C")  # keeps 0-d, unlike ascontiguousarray
    out = np.empty(src.shape, dtype=work)
    flat_in, flat_out = src.reshape(-1), out.reshape(-1)
    size = flat_in.size
    buffers = [np.empty(min(size, _BLOCK), dtype=work) for _ in range(scratch)]
    # Underflow to a subnormal or to 0 is the correct result for tiny values, not an error.
    with np.errstate(under="ignore"):
        for start in range(0, size, _BLOCK):
            stop = min(start + _BLOCK, size)
            n = stop - start
            kernel(flat_in[start:stop], flat_out[start:stop], *(b[:n] for b in buffers))
    if work != dtype:
        out = out.astype(dtype)
    return out[()] if out.ndim == 0 else out


def _alpha(value: object, func: str, *, low: float, high: float, closed_low: bool) -> float:
    try:
        alpha = _checks.finite_float(value, "alpha")
    except (TypeError, ValueError) as error:
        raise type(error)(f"{func}(): {error}") from None
    ok = (low <= alpha if closed_low else low < alpha) and alpha <= high
    if not ok:
        bracket = "[" if closed_low else "("
        raise ValueError(f"{func}(): alpha must be in {bracket}{low:g}, {high:g}], got {value!r}")
    return alpha


def _neg_abs_exp(x: np.ndarray, out: np.ndarray) -> None:
    """``out = exp(-|x|)``, in (0, 1]: never overflows."""
    np.abs(x, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)


def _sigmoid_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # sigma(x) = exp(min(x, 0)) / (1 + exp(-|x|)): numerator and denominator never overflow,
    # and for x < 0 no 1 - (...) cancellation loses the tiny result's digits. Two exp calls
    # without branches are faster than one exp plus a masked division.
    _neg_abs_exp(x, t)
    t += 1
    np.minimum(x, 0, out=out)
    np.exp(out, out=out)
    out /= t


def _lowest(dtype: np.dtype) -> float:
    return float(np.finfo(dtype).min)


def _highest(dtype: np.dtype) -> float:
    return float(np.finfo(dtype).max)


# --------------------------------------------------------------------------- sigmoid
def sigmoid(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Logistic sigmoid, $\sigma(x) = \dfrac{1}{1 + e^{-x}}$.

    Squashes any real number into $(0, 1)$, so the output reads as a probability.
    Computed as $e^{\min(x, 0)} / (1 + e^{-|x|})$, which never overflows and keeps full
    relative precision in both tails: $\sigma(-40) \approx 4.2 \times 10^{-18}$ is not
    rounded to 0. It reaches exactly 1.0 for $x \gtrsim 36.7$ (float64), where $1 - \sigma(x)$
    is below half an ulp of 1, and exactly 0.0 only below $x \approx -745$.

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
    return _apply("sigmoid", _sigmoid_into, x)


def _sigmoid_grad_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # sigma'(x) = e / (1 + e)^2 with e = exp(-|x|): symmetric, and unlike sigma (1 - sigma)
    # it keeps its digits for large |x| instead of cancelling to 0.
    _neg_abs_exp(x, t)
    np.add(t, 1, out=out)
    np.multiply(out, out, out=out)
    np.divide(t, out, out=out)


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
    return _apply("sigmoid_grad", _sigmoid_grad_into, x)


# --------------------------------------------------------------------------- tanh
def _tanh_into(x: np.ndarray, out: np.ndarray) -> None:
    np.tanh(x, out=out)


def tanh(x: ArrayLike) -> np.ndarray | np.floating:
    r"""Hyperbolic tangent, $\tanh(x) = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$.

    A rescaled sigmoid, $\tanh(x) = 2\sigma(2x) - 1$, with outputs in $(-1, 1)$ centred
    on zero. Uses ``numpy.tanh``, which is already stable for all inputs.

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
    return _apply("tanh", _tanh_into, x, scratch=0)


def _tanh_grad_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # sech^2(x) = 4 e^2 / (1 + e^2)^2 with e = exp(-|x|); 1 - tanh^2 would cancel to 0
    # for |x| > 19 although the true value is still ~1e-16 and above.
    _neg_abs_exp(x, t)
    np.multiply(t, t, out=t)
    np.add(t, 1, out=out)
    np.multiply(out, out, out=out)
    np.divide(t, out, out=out)
    out *= 4


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
    return _apply("tanh_grad", _tanh_grad_into, x)


# --------------------------------------------------------------------------- ReLU family
def _relu_into(x: np.ndarray, out: np.ndarray) -> None:
    np.maximum(x, 0, out=out)


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
    return _apply("relu", _relu_into, x, scratch=0)


def _relu_grad_into(x: np.ndarray, out: np.ndarray) -> None:
    np.heaviside(x, 0, out=out)  # 0 at x = 0, NaN for NaN


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
    return _apply("relu_grad", _relu_grad_into, x, scratch=0)


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
    a = _alpha(alpha, "leaky_relu", low=0.0, high=1.0, closed_low=True)
    if a == 0:  # avoids 0 * inf = NaN for x = -inf
        return _apply("leaky_relu", _relu_into, x, scratch=0)

    def kernel(xb: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
        # For 0 < alpha <= 1, max(x, alpha x) is x for x >= 0 and alpha x for x < 0.
        np.multiply(xb, a, out=t)
        np.maximum(xb, t, out=out)

    return _apply("leaky_relu", kernel, x)


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
    a = _alpha(alpha, "leaky_relu_grad", low=0.0, high=1.0, closed_low=True)

    def kernel(xb: np.ndarray, out: np.ndarray) -> None:
        np.heaviside(xb, 0, out=out)
        np.maximum(out, a, out=out)  # 0 -> alpha, 1 stays 1 (alpha <= 1), NaN stays NaN

    return _apply("leaky_relu_grad", kernel, x, scratch=0)


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
    a = _alpha(alpha, "elu", low=0.0, high=math.inf, closed_low=False)

    def kernel(xb: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
        np.minimum(xb, 0, out=out)
        np.expm1(out, out=out)
        out *= a  # |out| <= alpha: no overflow
        np.maximum(xb, 0, out=t)
        out += t  # out is 0 where x > 0, so this adds x exactly there

    return _apply("elu", kernel, x)


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
    a = _alpha(alpha, "elu_grad", low=0.0, high=math.inf, closed_low=False)

    def kernel(xb: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
        np.minimum(xb, 0, out=out)
        np.exp(out, out=out)
        out *= a
        np.heaviside(xb, 0, out=t)  # 1 where x > 0
        # out * (1 - t) + t: exactly 1 where x > 0, unchanged elsewhere, NaN for NaN.
        np.subtract(1, t, out=t)
        out *= t
        np.subtract(1, t, out=t)
        out += t

    return _apply("elu_grad", kernel, x)


# --------------------------------------------------------------------------- softplus
def _softplus_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow, exact x for large x,
    # and the tiny e^x for very negative x keeps its relative precision.
    _neg_abs_exp(x, t)
    np.log1p(t, out=t)
    np.maximum(x, 0, out=out)
    out += t


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
    return _apply("softplus", _softplus_into, x)


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
    return _apply("softplus_grad", _sigmoid_into, x)


# --------------------------------------------------------------------------- GELU
def _gelu_exact_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # x * Phi(x); Phi from scipy.special.ndtr uses erfc in the left tail, so the result keeps
    # its digits for very negative x (1 + erf(x / sqrt 2) would cancel). x is clamped to the
    # finite range so that -inf * Phi(-inf) = -inf * 0 gives 0, the limit, not NaN.
    ndtr(x, out=out)
    np.maximum(x, _lowest(x.dtype), out=t)
    out *= t


def _sigmoid_of_into(v: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    """``out = sigma(v)``; ``v`` may be ``out`` itself."""
    _neg_abs_exp(v, t)
    t += 1
    np.minimum(v, 0, out=out)
    np.exp(out, out=out)
    out /= t


def _gelu_tanh_arg_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    """``out = 2u = 2 sqrt(2/pi) (x + 0.044715 x^3)`` with x clipped; ``t`` = clipped x."""
    np.clip(x, -_GELU_TANH_CLIP, _GELU_TANH_CLIP, out=t)
    np.multiply(t, t, out=out)
    out *= _GELU_TANH_C
    out += 1
    out *= t
    out *= 2 * _SQRT_2_OVER_PI


def _gelu_tanh_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # 0.5 x (1 + tanh(u)) = x sigma(2u): the sigmoid form has no 1 + (-1 + tiny) cancellation
    # for negative x. For |x| > 30, sigma(2u) is exactly 0 or 1, so clipping x inside u is exact.
    _gelu_tanh_arg_into(x, out, t)
    _sigmoid_of_into(out, out, t)
    np.maximum(x, _lowest(x.dtype), out=t)
    out *= t


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
    if not isinstance(approximate, bool | np.bool_):
        raise TypeError(
            f"gelu(): approximate must be True or False, got {type(approximate).__name__}"
        )
    if approximate:
        return _apply("gelu", _gelu_tanh_into, x)
    return _apply("gelu", _gelu_exact_into, x)


def _gelu_grad_exact_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # Phi(x) + x phi(x); the x phi(x) term is computed with x clipped to +-40, beyond which it
    # is below the smallest float64 anyway (and x**2 could overflow).
    np.clip(x, -_GELU_CLIP, _GELU_CLIP, out=t)
    np.multiply(t, t, out=out)
    out *= -0.5
    np.exp(out, out=out)
    out *= t
    out *= _INV_SQRT_2PI
    ndtr(x, out=t)
    out += t


def _gelu_grad_tanh_into(x: np.ndarray, out: np.ndarray, t: np.ndarray, s: np.ndarray) -> None:
    # d/dx [x sigma(v)] = sigma(v) + x v' sigma'(v),  v = 2u,  v' = 2 sqrt(2/pi)(1 + 3c x^2).
    _gelu_tanh_arg_into(x, out, t)  # out = v, t = clipped x
    np.multiply(t, t, out=s)
    s *= 3 * _GELU_TANH_C
    s += 1
    s *= 2 * _SQRT_2_OVER_PI
    s *= t  # s = x v'
    _neg_abs_exp(out, t)  # t = e = exp(-|v|)
    s *= t
    np.minimum(out, 0, out=out)
    np.exp(out, out=out)
    t += 1
    out /= t  # sigma(v)
    s /= t
    s /= t  # x v' e / (1 + e)^2 = x v' sigma'(v)
    out += s


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
    if not isinstance(approximate, bool | np.bool_):
        raise TypeError(
            f"gelu_grad(): approximate must be True or False, got {type(approximate).__name__}"
        )
    if approximate:
        return _apply("gelu_grad", _gelu_grad_tanh_into, x, scratch=2)
    return _apply("gelu_grad", _gelu_grad_exact_into, x)


# --------------------------------------------------------------------------- SiLU
def _silu_into(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    _sigmoid_into(x, out, t)
    np.maximum(x, _lowest(x.dtype), out=t)  # -inf * 0 would be NaN; the limit is 0
    out *= t
    # Where sigma(x) is subnormal (x < -708 in float64) it has lost digits although
    # x sigma(x) may still be a normal number: redo those few entries as
    # x e^(x + 44) e^(-44); x + 44 is exact, so only two more roundings.
    cutoff = math.log(np.finfo(x.dtype).tiny)
    tail = x < cutoff
    if tail.any():
        xs = np.maximum(x[tail], _lowest(x.dtype))
        out[tail] = xs * np.exp(xs + _SILU_SHIFT) * x.dtype.type(math.exp(-_SILU_SHIFT))


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
    return _apply("silu", _silu_into, x)


def _silu_grad_into(x: np.ndarray, out: np.ndarray, t: np.ndarray, s: np.ndarray) -> None:
    # sigma(x) + x sigma'(x) with sigma'(x) = e / (1 + e)^2, e = exp(-|x|). Clipping x to the
    # finite range makes +-inf * 0 give 0; |x sigma'(x)| < 0.23 can never overflow.
    _neg_abs_exp(x, t)
    np.add(t, 1, out=s)
    np.minimum(x, 0, out=out)
    np.exp(out, out=out)
    out /= s  # sigma(x)
    t /= s
    t /= s  # sigma'(x)
    np.clip(x, _lowest(x.dtype), _highest(x.dtype), out=s)
    t *= s
    out += t


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
    return _apply("silu_grad", _silu_grad_into, x, scratch=2)


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
    negative_outputs
        Whether $g$ takes negative values at all.
    monotonic
        Whether $g$ is non-decreasing.
    smooth
        Whether $g$ is continuously differentiable everywhere.
    saturates
        Where $g'(x) \to 0$: ``"both"`` sides, ``"negative"`` side only, or ``"none"``.
    max_derivative
        $\sup_x g'(x)$: bounds how much one layer can amplify a gradient.
    parameters
        Default values of the function's extra parameters, e.g. ``{"alpha": 0.01}``.
    anchor
        Heading anchor of the function's section in the lecture notes.
    reference
        Where the function was introduced or popularised (empty if classical).
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
    zero_centred: bool
    negative_outputs: bool = False
    monotonic: bool = True
    smooth: bool = True
    saturates: str = "none"
    max_derivative: float = 1.0
    parameters: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    anchor: str = ""
    reference: str = ""


_CASES = r"\begin{{cases}} {} & x > 0 \\ {} & x \le 0 \end{{cases}}"

_ENTRIES: tuple[Activation, ...] = (
    Activation(
        name="sigmoid",
        display_name="Sigmoid",
        function=sigmoid,
        derivative=sigmoid_grad,
        formula=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        derivative_formula=r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
        output_range="(0, 1)",
        lower=0.0,
        upper=1.0,
        zero_centred=False,
        saturates="both",
        max_derivative=0.25,
        anchor="notes-sigmoid",
    ),
    Activation(
        name="tanh",
        display_name="Tanh",
        function=tanh,
        derivative=tanh_grad,
        formula=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        derivative_formula=r"\tanh'(x) = 1 - \tanh^{2}(x)",
        output_range="(-1, 1)",
        lower=-1.0,
        upper=1.0,
        zero_centred=True,
        negative_outputs=True,
        saturates="both",
        max_derivative=1.0,
        anchor="notes-tanh",
    ),
    Activation(
        name="relu",
        display_name="ReLU",
        function=relu,
        derivative=relu_grad,
        formula=r"\operatorname{ReLU}(x) = \max(0, x)",
        # Undefined at 0; relu_grad returns 0 there, as the frameworks do.
        derivative_formula=r"\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 "
        r"\\ 0 & x = 0 \text{ (convention)} \end{cases}",
        output_range=r"[0, \infty)",
        lower=0.0,
        upper=math.inf,
        zero_centred=False,
        smooth=False,
        saturates="negative",
        max_derivative=1.0,
        anchor="notes-relu",
        reference="Nair and Hinton (2010); Glorot, Bordes and Bengio (2011)",
    ),
    Activation(
        name="leaky_relu",
        display_name="Leaky ReLU",
        function=leaky_relu,
        derivative=leaky_relu_grad,
        formula=r"\operatorname{LeakyReLU}(x) = \max(\alpha x, x), \quad \alpha = 0.01",
        derivative_formula=r"\operatorname{LeakyReLU}'(x) = " + _CASES.format("1", r"\alpha"),
        output_range=r"(-\infty, \infty)",
        lower=-math.inf,
        upper=math.inf,
        zero_centred=False,
        negative_outputs=True,
        smooth=False,
        saturates="none",
        max_derivative=1.0,
        parameters=MappingProxyType({"alpha": 0.01}),
        anchor="notes-leaky-relu",
        reference="Maas, Hannun and Ng (2013)",
    ),
    Activation(
        name="elu",
        display_name="ELU",
        function=elu,
        derivative=elu_grad,
        formula=r"\operatorname{ELU}(x) = "
        + _CASES.format("x", r"\alpha\,(e^{x} - 1)")
        + r", \quad \alpha = 1",
        derivative_formula=r"\operatorname{ELU}'(x) = " + _CASES.format("1", r"\alpha\,e^{x}"),
        output_range=r"(-\alpha, \infty)",
        lower=-1.0,
        upper=math.inf,
        zero_centred=False,
        negative_outputs=True,
        saturates="negative",
        max_derivative=1.0,
        parameters=MappingProxyType({"alpha": 1.0}),
        anchor="notes-elu",
        reference="Clevert, Unterthiner and Hochreiter (2016)",
    ),
    Activation(
        name="softplus",
        display_name="Softplus",
        function=softplus,
        derivative=softplus_grad,
        formula=r"\operatorname{softplus}(x) = \log\left(1 + e^{x}\right)",
        derivative_formula=r"\operatorname{softplus}'(x) = \sigma(x)",
        output_range=r"(0, \infty)",
        lower=0.0,
        upper=math.inf,
        zero_centred=False,
        saturates="negative",
        max_derivative=1.0,
        anchor="notes-softplus",
        reference="Dugas et al. (2001)",
    ),
    Activation(
        name="gelu",
        display_name="GELU",
        function=gelu,
        derivative=gelu_grad,
        formula=r"\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + "
        r"\operatorname{erf}\left(\frac{x}{\sqrt{2}}\right)\right)",
        derivative_formula=r"\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x)",
        output_range=r"[\approx -0.170, \infty)",
        lower=-0.16997120747990366,
        upper=math.inf,
        zero_centred=False,
        negative_outputs=True,
        monotonic=False,
        saturates="negative",
        max_derivative=1.128904145185155,
        anchor="notes-gelu",
        reference="Hendrycks and Gimpel (2016)",
    ),
    Activation(
        name="silu",
        display_name="SiLU (swish)",
        function=silu,
        derivative=silu_grad,
        formula=r"\operatorname{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
        derivative_formula=r"\operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + "
        r"x\,(1 - \sigma(x))\bigr)",
        output_range=r"[\approx -0.278, \infty)",
        lower=-0.27846454276107374,
        upper=math.inf,
        zero_centred=False,
        negative_outputs=True,
        monotonic=False,
        saturates="negative",
        max_derivative=1.099839320128867,
        anchor="notes-silu",
        reference="Elfwing, Uchibe and Doya (2018); Ramachandran, Zoph and Le (2017)",
    ),
)

ACTIVATIONS: Mapping[str, Activation] = MappingProxyType({a.name: a for a in _ENTRIES})
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
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; known: {known}") from None
