"""notes_lib.activations: values, identities, floating-point range, dtypes and bad input."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from latex2mathml.converter import convert
from scipy import optimize, special

from notes_lib import activations as A  # noqa: N812
from notes_lib.activations import ACTIVATIONS, Activation, get_activation

AGREED = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "silu"]
FUNCTIONS = {name: getattr(A, name) for name in AGREED}
GRADS = {name: getattr(A, f"{name}_grad") for name in AGREED}
# Each public callable, with the keyword variants the notes use.
ALL = {
    **{n: f for n, f in FUNCTIONS.items()},
    **{f"{n}_grad": f for n, f in GRADS.items()},
    "gelu_tanh": lambda x: A.gelu(x, approximate=True),
    "gelu_tanh_grad": lambda x: A.gelu_grad(x, approximate=True),
}
SMOOTH = ["sigmoid", "tanh", "elu", "softplus", "gelu", "silu"]

finite64 = st.floats(-700, 700, allow_nan=False, allow_infinity=False)
moderate = st.floats(-30, 30, allow_nan=False, allow_infinity=False)


def central_difference(f, x: float, h: float) -> float:
    return float((f(x + h) - f(x - h)) / (2 * h))


# --------------------------------------------------------------------------- reference values
GRID = np.concatenate([np.linspace(-50, 50, 2001), np.geomspace(1e-12, 700, 400)])
GRID = np.concatenate([GRID, -GRID])


def test_sigmoid_matches_scipy_expit() -> None:
    np.testing.assert_allclose(A.sigmoid(GRID), special.expit(GRID), rtol=4e-16, atol=0)
    g32 = GRID.astype(np.float32)
    # scipy flushes float32 subnormal results to 0; ours keeps them.
    tiny = np.finfo(np.float32).tiny
    np.testing.assert_allclose(A.sigmoid(g32), special.expit(g32), rtol=3e-7, atol=tiny)


def test_softplus_matches_scipy_log_expit() -> None:
    # softplus(x) = -log(sigmoid(-x)).
    np.testing.assert_allclose(A.softplus(GRID), -special.log_expit(-GRID), rtol=4e-16, atol=0)


def test_tanh_matches_numpy() -> None:
    np.testing.assert_array_equal(A.tanh(GRID), np.tanh(GRID))


def test_exact_gelu_matches_math_erfc() -> None:
    xs = np.linspace(-30, 30, 1201)
    expected = np.array([x * 0.5 * math.erfc(-x / math.sqrt(2)) for x in xs])
    # In the left tail GELU's condition number |x f'(x) / f(x)| grows like x**2: rounding x / sqrt 2
    # alone moves the result by ~x**2 ulps, so the tolerance scales with it.
    relative = np.abs(A.gelu(xs) - expected) / np.abs(np.where(expected == 0, 1, expected))
    assert np.all(relative <= 5e-16 * np.maximum(4, xs**2))
    # And against the erf form where that has no cancellation.
    xs = np.linspace(-1, 30, 311)
    erf_form = np.array([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in xs])
    np.testing.assert_allclose(A.gelu(xs), erf_form, rtol=2e-15, atol=1e-300)


def test_gelu_tanh_approximation_matches_published_formula() -> None:
    xs = np.linspace(-5, 5, 501)
    c = math.sqrt(2 / math.pi)
    published = 0.5 * xs * (1 + np.tanh(c * (xs + 0.044715 * xs**3)))
    np.testing.assert_allclose(A.gelu(xs, approximate=True), published, rtol=1e-12, atol=1e-15)
    # The approximation is within 1e-3 of the exact GELU (Hendrycks and Gimpel).
    assert np.max(np.abs(A.gelu(xs, approximate=True) - A.gelu(xs))) < 1e-3


def test_known_values() -> None:
    assert A.sigmoid(0.0) == 0.5
    assert A.sigmoid(-6.0) == pytest.approx(1 / (1 + math.exp(6)), rel=1e-15)
    assert A.sigmoid_grad(0.0) == 0.25
    assert A.tanh_grad(0.0) == 1.0
    assert A.softplus(0.0) == pytest.approx(math.log(2), rel=1e-15)
    assert A.gelu(0.0) == 0.0 and A.gelu_grad(0.0) == 0.5
    assert A.gelu(1.0) == pytest.approx(0.5 * (1 + math.erf(1 / math.sqrt(2))), rel=1e-15)
    assert A.silu(1.0) == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-15)
    assert A.elu(-1.0) == pytest.approx(math.exp(-1) - 1, rel=1e-15)
    assert A.elu(-1.0, alpha=2.0) == pytest.approx(2 * (math.exp(-1) - 1), rel=1e-15)
    np.testing.assert_array_equal(A.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(A.leaky_relu([-2.0, 3.0], alpha=0.25), [-0.5, 3.0])


def test_relu_family_derivative_conventions_at_zero() -> None:
    # Documented: ReLU'(0) = 0 (as PyTorch and JAX); Leaky ReLU'(0) = alpha; ELU'(0) = alpha.
    assert A.relu_grad(0.0) == 0.0
    assert A.relu_grad(-0.0) == 0.0
    assert A.leaky_relu_grad(0.0, alpha=0.2) == 0.2
    assert A.elu_grad(0.0, alpha=0.5) == 0.5


def ulp_error(computed: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """|computed - exact| in units of the last place of the float64 result (normal range)."""
    exact64 = exact.astype(np.float64)
    normal = np.abs(exact64) >= np.finfo(np.float64).tiny
    spacing = np.spacing(np.abs(exact64[normal])).astype(np.longdouble)
    return np.abs(computed[normal].astype(np.longdouble) - exact[normal]) / spacing


@pytest.mark.skipif(
    np.finfo(np.longdouble).nmant < 60, reason="needs an extended-precision long double"
)
@pytest.mark.parametrize(
    ("name", "max_ulp"),
    [("sigmoid", 3), ("sigmoid_grad", 5), ("tanh_grad", 6), ("softplus", 2), ("silu", 4)],
)
def test_float64_error_in_ulps_against_extended_precision(name: str, max_ulp: float) -> None:
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.normal(0, 5, 5000), rng.uniform(-740, 740, 5000)])
    xl = x.astype(np.longdouble)

    def sig(z: np.ndarray) -> np.ndarray:
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    e = np.exp(-np.abs(xl))
    exact = {
        "sigmoid": sig(xl),
        "sigmoid_grad": e / (1 + e) ** 2,
        "tanh_grad": 4 * e * e / (1 + e * e) ** 2,
        "softplus": np.maximum(xl, 0) + np.log1p(e),
        "silu": xl * sig(xl),
    }[name]
    errors = ulp_error(ALL[name](x), exact)
    assert errors.max() <= max_ulp
    assert errors.mean() <= 1.0


# --------------------------------------------------------------------------- identities
@given(finite64)
def test_sigmoid_symmetry(x: float) -> None:
    assert A.sigmoid(x) + A.sigmoid(-x) == pytest.approx(1.0, abs=4.5e-16)


@given(st.floats(-300, 300))
def test_tanh_is_rescaled_sigmoid(x: float) -> None:
    assert A.tanh(x) == pytest.approx(2 * A.sigmoid(2 * x) - 1, rel=1e-14, abs=1e-15)


@given(moderate)
def test_softplus_derivative_is_sigmoid(x: float) -> None:
    assert A.softplus_grad(x) == A.sigmoid(x)
    h = 1e-5
    assert central_difference(A.softplus, x, h) == pytest.approx(A.sigmoid(x), rel=1e-7, abs=1e-9)


@given(finite64)
def test_odd_parts(x: float) -> None:
    # softplus(x) - softplus(-x) = x and GELU(x) - GELU(-x) = x (Phi(x) + Phi(-x) = 1).
    assert A.softplus(x) - A.softplus(-x) == pytest.approx(x, rel=1e-14, abs=1e-15)
    assert A.gelu(x) - A.gelu(-x) == pytest.approx(x, rel=1e-14, abs=1e-15)
    assert A.silu(x) - A.silu(-x) == pytest.approx(x, rel=1e-14, abs=1e-15)
    assert A.tanh(-x) == -A.tanh(x)


@given(moderate)
def test_compound_definitions(x: float) -> None:
    assert A.silu(x) == pytest.approx(x * A.sigmoid(x), rel=1e-15, abs=1e-300)
    assert A.sigmoid_grad(x) == pytest.approx(A.sigmoid(x) * A.sigmoid(-x), rel=1e-14)
    assert A.tanh_grad(x) == pytest.approx(1 - math.tanh(x) ** 2, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("name", [*AGREED, "gelu_tanh"], ids=lambda n: n)
@given(x=moderate)
def test_derivative_matches_central_difference(name: str, x: float) -> None:
    f = ALL[name]
    grad = ALL[f"{name}_grad"]
    h = 1e-6 * max(1.0, abs(x))
    if name in ("relu", "leaky_relu", "elu") and abs(x) < 2 * h:
        return  # kink at 0 (ELU with alpha = 1 is C1 but its second derivative jumps)
    assert central_difference(f, x, h) == pytest.approx(float(grad(x)), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", [n for n in AGREED if ACTIVATIONS[n].monotonic])
@given(a=finite64, b=finite64)
def test_monotonic_functions_are_monotonic(name: str, a: float, b: float) -> None:
    lo, hi = min(a, b), max(a, b)
    assert FUNCTIONS[name](lo) <= FUNCTIONS[name](hi)


@pytest.mark.parametrize("name", AGREED)
@given(x=st.floats(allow_nan=False))
def test_output_within_registry_bounds(name: str, x: float) -> None:
    act = ACTIVATIONS[name]
    with np.errstate(all="raise"):
        y = act.function(x)
    assert act.lower <= y <= act.upper


# --------------------------------------------------------------------------- floating range
EXTREMES64 = [
    0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-10, -1e-10, 1.0, -1.0, 20.0, -20.0,
    40.0, -40.0, 710.0, -710.0, 746.0, -746.0, 1e4, -1e4, 1e300, -1e300,
    1.7976931348623157e308, -1.7976931348623157e308,
]  # fmt: skip
EXTREMES32 = [0.0, 1e-45, -1e-45, 1.0, -1.0, 90.0, -90.0, 105.0, -105.0, 1e4, -1e4,
              3.4028235e38, -3.4028235e38]  # fmt: skip


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize(
    ("values", "dtype"), [(EXTREMES64, np.float64), (EXTREMES32, np.float32)], ids=["f64", "f32"]
)
def test_no_floating_point_warnings_and_finite_results(name, values, dtype) -> None:
    x = np.array(values, dtype=dtype)
    with np.errstate(all="raise"):
        y = ALL[name](x)
        scalars = [ALL[name](v) for v in x]  # the scalar path too
    assert y.dtype == dtype
    assert np.all(np.isfinite(y)), dict(zip(values, y, strict=True))
    np.testing.assert_array_equal(np.array(scalars, dtype=dtype), y)


@pytest.mark.parametrize("name", sorted(ALL))
def test_nan_in_nan_out(name: str) -> None:
    with np.errstate(all="raise"):
        assert np.isnan(ALL[name](np.nan))
        out = ALL[name](np.array([np.nan, 1.0], dtype=np.float32))
    assert np.isnan(out[0]) and np.isfinite(out[1])


LIMITS = {  # name: (value at -inf, value at +inf)
    "sigmoid": (0.0, 1.0), "sigmoid_grad": (0.0, 0.0),
    "tanh": (-1.0, 1.0), "tanh_grad": (0.0, 0.0),
    "relu": (0.0, math.inf), "relu_grad": (0.0, 1.0),
    "leaky_relu": (-math.inf, math.inf), "leaky_relu_grad": (0.01, 1.0),
    "elu": (-1.0, math.inf), "elu_grad": (0.0, 1.0),
    "softplus": (0.0, math.inf), "softplus_grad": (0.0, 1.0),
    "gelu": (0.0, math.inf), "gelu_grad": (0.0, 1.0),
    "gelu_tanh": (0.0, math.inf), "gelu_tanh_grad": (0.0, 1.0),
    "silu": (0.0, math.inf), "silu_grad": (0.0, 1.0),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(ALL))
def test_infinities_give_the_mathematical_limits(name: str) -> None:
    with np.errstate(all="raise"):
        low, high = ALL[name](np.array([-np.inf, np.inf]))
    assert (low, high) == LIMITS[name]


def test_saturation_is_exact_where_it_must_be() -> None:
    # 1 - sigma(x) = e^-x: below half an ulp of 1 (2**-54) from x ~ 37.4, not before.
    assert A.sigmoid(36.0) < 1.0
    assert A.sigmoid(38.0) == 1.0
    assert A.sigmoid(1e300) == 1.0
    assert A.sigmoid(-40.0) == pytest.approx(math.exp(-40), rel=1e-15)  # not rounded to 0
    assert A.sigmoid(-746.0) == 0.0
    assert A.sigmoid(np.float32(-104.0)) == 0.0
    assert A.sigmoid(np.float32(20.0)) == 1.0
    assert A.sigmoid(np.float32(15.0)) < 1.0


@pytest.mark.parametrize("x", [37.0, 40.0, 1e4, 1e300, 1.7976931348623157e308])
def test_softplus_is_identity_for_large_x(x: float) -> None:
    with np.errstate(all="raise"):
        assert A.softplus(x) == x
        assert A.softplus(np.float32(min(x, 3e38))) == np.float32(min(x, 3e38))
        assert A.gelu(x) == x
        assert A.silu(x) == x
        assert A.elu(x) == x


def test_tails_keep_relative_precision() -> None:
    # Where the naive formulas round to 0 or 1, ours keep their digits.
    assert A.sigmoid_grad(40.0) == pytest.approx(math.exp(-40), rel=1e-14)
    assert A.tanh_grad(20.0) == pytest.approx(4 * math.exp(-40), rel=1e-14)
    assert A.softplus(-40.0) == pytest.approx(math.exp(-40), rel=1e-14)
    assert A.gelu(-10.0) == pytest.approx(-10 * special.ndtr(-10.0), rel=1e-14)
    assert A.elu(-1e-12) == pytest.approx(-1e-12 + 5e-25, rel=1e-15)
    assert A.silu(-720.0) == pytest.approx(-720 * math.exp(-720), rel=1e-12)


# --------------------------------------------------------------------------- dtype and shape
@pytest.mark.parametrize("name", sorted(ALL))
def test_behaves_like_a_ufunc(name: str) -> None:
    f = ALL[name]
    scalar = f(0.5)
    assert isinstance(scalar, np.float64) and np.ndim(scalar) == 0
    assert isinstance(f(1), np.float64)  # int -> float64
    assert isinstance(f(np.float32(0.5)), np.float32)
    assert f(np.array(0.5)).shape == ()
    grid = np.linspace(-3, 3, 24).reshape(2, 3, 4)
    out = f(grid)
    assert out.shape == (2, 3, 4) and out.dtype == np.float64
    np.testing.assert_array_equal(out.ravel(), f(grid.ravel()))
    assert f(grid.astype(np.float32)).dtype == np.float32
    assert f(np.arange(5)).dtype == np.float64
    assert f(np.arange(5, dtype=np.int8)).dtype == np.float64
    assert f(np.array([0.5, -1.0], dtype=np.float16)).dtype == np.float16
    assert f(np.array([0.5], dtype=np.longdouble)).dtype == np.longdouble
    np.testing.assert_array_equal(f([0.5, -1.0]), f(np.array([0.5, -1.0])))
    assert f(np.empty((0, 3))).shape == (0, 3)
    strided = grid[:, ::2, ::-1]  # non-contiguous view
    np.testing.assert_array_equal(f(strided), f(np.ascontiguousarray(strided)))


@pytest.mark.parametrize("name", ["sigmoid", "gelu", "silu_grad"])
def test_large_arrays_span_several_blocks(name: str) -> None:
    x = np.random.default_rng(0).normal(0, 10, 3 * (1 << 14) + 7)
    before = x.copy()
    whole = ALL[name](x)
    np.testing.assert_array_equal(x, before)  # input untouched
    pieces = np.concatenate([ALL[name](chunk) for chunk in np.array_split(x, 11)])
    np.testing.assert_array_equal(whole, pieces)


@pytest.mark.parametrize("name", sorted(ALL))
def test_float16_is_the_float32_result_rounded_once(name: str) -> None:
    # Every finite float16 (rounding after each step in float16 would be far less accurate).
    x = np.arange(2**16, dtype=np.uint16).view(np.float16)
    x = x[np.isfinite(x)]
    with np.errstate(all="raise"):
        y = ALL[name](x)
    assert y.dtype == np.float16
    with np.errstate(under="ignore"):
        np.testing.assert_array_equal(y, ALL[name](x.astype(np.float32)).astype(np.float16))


def test_float32_agrees_with_float64_to_float32_precision() -> None:
    x = np.linspace(-20, 20, 4001)
    for name, f in ALL.items():
        r64 = f(x)
        r32 = f(x.astype(np.float32))
        np.testing.assert_allclose(r32, r64, rtol=2e-6, atol=2e-7, err_msg=name)


# --------------------------------------------------------------------------- bad input
BAD = ["1.0", None, b"1", [1.0, None], np.array([1, "a"], dtype=object), 1 + 2j,
       np.array([1j]), [[1.0], [1.0, 2.0]], {"x": 1}]  # fmt: skip


@pytest.mark.parametrize("name", sorted(n for n in ALL if n in FUNCTIONS or n.endswith("_grad")))
@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_non_numeric_input_raises_type_error_naming_argument(name: str, bad: object) -> None:
    public_name = name
    with pytest.raises(TypeError, match=r"\bx\b") as info:
        ALL[name](bad)
    assert public_name.replace("gelu_tanh", "gelu") in str(info.value) or "gelu" in name


@pytest.mark.parametrize("bad", [True, np.array([True, False]), [False, True]], ids=repr)
def test_booleans_are_rejected(bad: object) -> None:
    with pytest.raises(TypeError, match="boolean"):
        A.sigmoid(bad)


@pytest.mark.parametrize("f", [A.leaky_relu, A.leaky_relu_grad])
@pytest.mark.parametrize(("alpha", "error"), [(-0.1, ValueError), (1.5, ValueError),
    (math.nan, ValueError), ("0.1", TypeError), (None, TypeError)])  # fmt: skip
def test_leaky_relu_alpha_is_checked(f, alpha, error) -> None:
    with pytest.raises(error, match="alpha"):
        f(1.0, alpha=alpha)


@pytest.mark.parametrize("f", [A.elu, A.elu_grad])
@pytest.mark.parametrize(("alpha", "error"), [(0.0, ValueError), (-1.0, ValueError),
    (math.inf, ValueError), ([1.0], TypeError)])  # fmt: skip
def test_elu_alpha_is_checked(f, alpha, error) -> None:
    with pytest.raises(error, match="alpha"):
        f(1.0, alpha=alpha)


def test_leaky_relu_with_alpha_zero_is_relu() -> None:
    x = np.array([-np.inf, -2.0, 0.0, 3.0, np.inf])
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(A.leaky_relu(x, alpha=0.0), A.relu(x))


@pytest.mark.parametrize("f", [A.gelu, A.gelu_grad])
def test_gelu_approximate_must_be_bool(f) -> None:
    with pytest.raises(TypeError, match="approximate"):
        f(1.0, approximate="tanh")


# --------------------------------------------------------------------------- registry
def test_registry_has_the_agreed_activations() -> None:
    assert list(ACTIVATIONS) == AGREED
    for name, act in ACTIVATIONS.items():
        assert isinstance(act, Activation)
        assert act.name == name
        assert act.function is FUNCTIONS[name]
        assert act.derivative is GRADS[name]
        assert act.derivative.__name__ == f"{name}_grad"


def test_registry_is_read_only_and_hashable() -> None:
    with pytest.raises(TypeError):
        ACTIVATIONS["new"] = ACTIVATIONS["relu"]  # type: ignore[index]
    assert len({hash(a) for a in ACTIVATIONS.values()}) == len(ACTIVATIONS)  # usable as keys


@pytest.mark.parametrize(("name", "x"), [("leaky_relu", -1.0), ("elu", -np.inf)])
def test_registry_formula_states_the_default_alpha(name: str, x: float) -> None:
    # The facts box prints the formula with alpha's value; it must be the function's default.
    default = inspect.signature(FUNCTIONS[name]).parameters["alpha"].default
    assert rf"\alpha = {default:g}" in ACTIVATIONS[name].formula
    assert FUNCTIONS[name](x) == -default  # leaky_relu(-1) = -alpha, elu(-inf) = -alpha


@pytest.mark.parametrize("name", AGREED)
def test_registry_formulas_typeset(name: str) -> None:
    act = ACTIVATIONS[name]
    for tex in (act.formula, act.derivative_formula, act.output_range):
        assert "<math" in convert(tex)


WIDE = np.linspace(-60, 60, 240001)


@pytest.mark.parametrize("name", AGREED)
def test_registry_facts_match_the_functions(name: str) -> None:
    act = ACTIVATIONS[name]
    y, dy = act.function(WIDE), act.derivative(WIDE)
    # Range: the grid's extremes approach the registry's bounds; interior minima are checked
    # precisely by minimising.
    assert act.lower <= y.min() <= act.lower + 1e-7 or math.isinf(act.lower)
    assert act.upper - 1e-9 <= y.max() <= act.upper or math.isinf(act.upper)
    if not act.monotonic:
        found = optimize.minimize_scalar(
            lambda v: float(act.function(v)), bracket=(-3, -1, 0), tol=1e-12
        )
        assert found.fun == pytest.approx(act.lower, rel=1e-12)
    assert act.zero_centred == bool(np.allclose(act.function(-WIDE), -y, rtol=0, atol=1e-15))
    assert act.monotonic == bool(np.all(np.diff(y) >= 0))
    assert np.all(np.isfinite(dy))
    # Smooth = derivative continuous (no jump at the only candidate kink, 0).
    jump = abs(float(act.derivative(1e-9)) - float(act.derivative(-1e-9)))
    assert act.smooth == (jump < 1e-6)


def test_get_activation() -> None:
    assert get_activation("gelu") is ACTIVATIONS["gelu"]
    with pytest.raises(ValueError, match=r"unknown activation 'swish'.*sigmoid.*silu"):
        get_activation("swish")
    with pytest.raises(TypeError, match="string"):
        get_activation(None)  # type: ignore[arg-type]


# What the docstrings state about the derivatives' extremes: (name, maximum, where, root).
DERIVATIVE_CLAIMS = [("gelu", 1.129, math.sqrt(2), -0.752), ("silu", 1.0998, 2.40, -1.278)]


@pytest.mark.parametrize(("name", "peak", "at", "root"), DERIVATIVE_CLAIMS)
def test_derivative_extremes_stated_in_the_docstrings(name, peak, at, root) -> None:
    grad = GRADS[name]
    assert f"{peak}" in grad.__doc__ and f"{-root}" in grad.__doc__
    found = optimize.minimize_scalar(lambda v: -float(grad(v)), bracket=(0.5, 2, 5), tol=1e-12)
    assert -found.fun == pytest.approx(peak, abs=5e-4) and found.x == pytest.approx(at, abs=5e-3)
    zero = optimize.brentq(lambda v: float(grad(v)), -3, 0, xtol=1e-14)
    assert zero == pytest.approx(root, abs=5e-4)
