"""Throughput and memory of notes_lib.activations against scipy.special / numpy.

Every ratio compares two measurements taken in the same run on the same 10**7 values
(median of several repeats), so the machine's speed cancels out. Targets (issue 4):
the sigmoid within 1.5x of ``scipy.special.expit``'s time, with at most one temporary array
(peak extra memory, besides the result, of at most one input-sized array).

Run: ``python -m benchmarks activations`` (or ``make bench``).
"""

from __future__ import annotations

import math
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
from scipy import special

from notes_lib import activations as act

N = 10**7
REPEATS = 7
SIGMOID_TIME_TARGET = 1.5  # x expit
TEMPORARY_ARRAYS_TARGET = 1.0  # input-sized arrays besides the result


def _naive_tanh_grad(x: np.ndarray) -> np.ndarray:
    return 1 - np.tanh(x) ** 2


def _naive_gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1 + special.erf(x / math.sqrt(2)))


def _naive_gelu_tanh(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


def _logaddexp_sigmoid(x: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0, -x))


# (name, ours, reference, reference's label)
CASES: list[tuple[str, Callable, Callable, str]] = [
    ("sigmoid", act.sigmoid, special.expit, "scipy.special.expit"),
    ("sigmoid (logaddexp draft)", _logaddexp_sigmoid, special.expit, "scipy.special.expit"),
    ("tanh", act.tanh, np.tanh, "numpy.tanh"),
    ("tanh_grad", act.tanh_grad, _naive_tanh_grad, "1 - numpy.tanh(x)**2"),
    ("gelu", act.gelu, _naive_gelu, "x/2 (1 + scipy.special.erf(x/sqrt 2))"),
    (
        "gelu approximate",
        lambda x: act.gelu(x, approximate=True),
        _naive_gelu_tanh,
        "x/2 (1 + numpy.tanh(...))",
    ),
]


def _median_time(f: Callable, x: np.ndarray) -> float:
    f(x)  # warm up (page faults of the first output allocation)
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        f(x)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _extra_arrays(f: Callable, x: np.ndarray) -> float:
    """Peak memory allocated during ``f(x)`` besides its result, in units of ``x.nbytes``."""
    tracemalloc.start()
    try:
        result = f(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak - result.nbytes) / x.nbytes


def run() -> dict:
    """Measure every case on float64 and float32 input; return rows and missed targets."""
    rng = np.random.default_rng(0)
    base = rng.normal(0.0, 8.0, N)  # both tails saturate, the middle does not
    rows = []
    missed = []
    for dtype in (np.float64, np.float32):
        x = base.astype(dtype)
        for name, ours, reference, label in CASES:
            t_ours = _median_time(ours, x)
            t_ref = _median_time(reference, x)
            row = {
                "function": name,
                "dtype": np.dtype(dtype).name,
                "ours_ms": round(t_ours * 1e3, 2),
                "reference": label,
                "reference_ms": round(t_ref * 1e3, 2),
                "time_ratio": round(t_ours / t_ref, 3),
                "values_per_second": round(N / t_ours),
                "extra_arrays": round(_extra_arrays(ours, x), 3),
                "reference_extra_arrays": round(_extra_arrays(reference, x), 3),
            }
            rows.append(row)
            if name == "sigmoid":
                if row["time_ratio"] > SIGMOID_TIME_TARGET:
                    missed.append(
                        f"sigmoid {row['dtype']}: {row['time_ratio']}x expit's time "
                        f"(target <= {SIGMOID_TIME_TARGET}x)"
                    )
                if row["extra_arrays"] > TEMPORARY_ARRAYS_TARGET:
                    missed.append(
                        f"sigmoid {row['dtype']}: {row['extra_arrays']} temporary arrays "
                        f"(target <= {TEMPORARY_ARRAYS_TARGET})"
                    )
    _print_table(rows)
    return {
        "n": N,
        "repeats": REPEATS,
        "targets": {
            "sigmoid_time_ratio_to_expit": SIGMOID_TIME_TARGET,
            "sigmoid_temporary_arrays": TEMPORARY_ARRAYS_TARGET,
        },
        "results": rows,
        "missed_targets": missed,
    }


def _print_table(rows: list[dict]) -> None:
    header = (
        f"{'function':<26} {'dtype':<8} {'ours ms':>8} {'ref ms':>8} {'ratio':>6} "
        f"{'tmp arrays':>10} {'ref tmp':>8}  reference"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['function']:<26} {r['dtype']:<8} {r['ours_ms']:>8.1f} {r['reference_ms']:>8.1f} "
            f"{r['time_ratio']:>6.2f} {r['extra_arrays']:>10.3f} "
            f"{r['reference_extra_arrays']:>8.3f}  {r['reference']}"
        )


if __name__ == "__main__":
    run()
