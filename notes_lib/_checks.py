"""Argument checks shared by notes_lib: clear errors that name the argument, never silent NaN."""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike

__all__: list[str] = []


def real_array(value: ArrayLike, name: str, *, allow_bool: bool = True) -> np.ndarray:
    """``value`` as a floating array; integers (and bools if allowed) become float64.

    Anything that is not real-valued (strings, ``None``, objects, complex numbers)
    raises ``TypeError`` naming ``name``.
    """
    if value is None or isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a real number or an array of them, got {value!r}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as error:  # e.g. ragged nested lists
        raise TypeError(f"{name} must be a real number or an array of them: {error}") from None
    kind = arr.dtype.kind
    if kind == "b" and not allow_bool:
        raise TypeError(
            f"{name} must be real numbers, got booleans; "
            "convert explicitly with np.asarray(x, dtype=float)"
        )
    if kind in "biu":
        return arr.astype(np.float64)
    if kind == "f":
        return arr
    if arr.ndim == 0:
        shown = type(value).__name__
        if kind == "O":  # e.g. an int too large for any numpy integer, or a Decimal
            shown += " that numpy cannot store as a number"
    else:
        shown = f"an array of dtype {arr.dtype}"
    raise TypeError(f"{name} must be a real number or an array of them, got {shown}")


def finite_array(value: ArrayLike, name: str, *, ndim: int | None = None) -> np.ndarray:
    """A float64 array with only finite entries (and ``ndim`` dimensions if given)."""
    arr = real_array(value, name).astype(np.float64, copy=False)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimension(s), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or infinity)")
    return arr


def positive_float(value: object, name: str) -> float:
    """A finite float > 0."""
    number = real_scalar(value, name)
    if not number > 0 or not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return number


def real_scalar(value: object, name: str) -> float:
    """A real Python/numpy number (not bool) as a float."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    return float(value)


def finite_float(value: object, name: str) -> float:
    """A finite real number as a float."""
    number = real_scalar(value, name)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def int_at_least(value: object, name: str, minimum: int) -> int:
    """An integer (not bool) >= ``minimum``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def fraction(value: object, name: str, *, closed_low: bool = True) -> float:
    """A number in [0, 1) (or (0, 1) when ``closed_low`` is false)."""
    number = real_scalar(value, name)
    ok = (0 <= number < 1) if closed_low else (0 < number < 1)
    if not ok:
        interval = "[0, 1)" if closed_low else "(0, 1)"
        raise ValueError(f"{name} must be in {interval}, got {value!r}")
    return number


def seed_value(value: object, name: str = "seed") -> int | None:
    """A seed for ``numpy.random.default_rng``: a non-negative int or ``None``."""
    if value is None:
        return None
    return int_at_least(value, name, 0)


def labels01(value: ArrayLike, name: str, n: int) -> np.ndarray:
    """Binary labels as a float64 vector of 0s and 1s with length ``n``."""
    y = finite_array(value, name, ndim=1)
    if y.shape[0] != n:
        raise ValueError(f"{name} has shape {y.shape} but X has {n} rows")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"{name} must contain only 0 and 1")
    return y


def flag(value: object, name: str) -> bool:
    """A ``bool`` (or numpy bool); anything else raises ``TypeError`` naming ``name``."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)
