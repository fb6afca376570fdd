"""Speed of notes_lib.activations against scipy.special / numpy, as time ratios.

notes_lib writes each activation as a short NumPy formula that a learner can read, not as a
tuned kernel, so the one target is loose: the sigmoid within 2x of ``scipy.special.expit``'s
time on 10**7 values. The other rows are for information.

Times are CPU time of this process (``time.process_time``), which a busy machine inflates far
less than wall time; each ratio pairs a run of ours with a run of the reference made right
after it on the same input and takes the median over several pairs.

Run: ``python -m benchmarks activations`` (or ``make bench``).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable

import numpy as np
from scipy import special

from notes_lib import activations as act

N = 10**7
PAIRS = 9
SIGMOID_TIME_TARGET = 2.0  # x expit's time


def _naive_tanh_grad(x: np.ndarray) -> np.ndarray:
    return 1 - np.tanh(x) ** 2


def _naive_gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1 + special.erf(x / math.sqrt(2)))


def _naive_gelu_tanh(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


# (name, ours, reference, reference's label)
CASES: list[tuple[str, Callable, Callable, str]] = [
    ("sigmoid", act.sigmoid, special.expit, "scipy.special.expit"),
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


def _seconds(f: Callable, x: np.ndarray) -> float:
    start = time.process_time()
    f(x)
    return time.process_time() - start


def _paired(ours: Callable, reference: Callable, x: np.ndarray) -> tuple[float, float, float]:
    """Median time of ours, of the reference, and median ratio over adjacent pairs."""
    ours(x), reference(x)  # warm up (page faults of the first output allocation)
    pairs = [(_seconds(ours, x), _seconds(reference, x)) for _ in range(PAIRS)]
    return (
        statistics.median(p[0] for p in pairs),
        statistics.median(p[1] for p in pairs),
        statistics.median(p[0] / p[1] for p in pairs),
    )


def run() -> dict:
    """Measure every case on float64 and float32 input; return rows and missed targets."""
    base = np.random.default_rng(0).normal(0.0, 8.0, N)  # both tails saturate, the middle not
    rows = []
    missed = []
    for dtype in (np.float64, np.float32):
        x = base.astype(dtype)
        for name, ours, reference, label in CASES:
            t_ours, t_ref, ratio = _paired(ours, reference, x)
            row = {
                "function": name,
                "dtype": np.dtype(dtype).name,
                "ours_ms": round(t_ours * 1e3, 2),
                "reference": label,
                "reference_ms": round(t_ref * 1e3, 2),
                "time_ratio": round(ratio, 3),
            }
            rows.append(row)
            if name == "sigmoid" and ratio > SIGMOID_TIME_TARGET:
                missed.append(
                    f"sigmoid {row['dtype']}: {row['time_ratio']}x expit's time "
                    f"(target <= {SIGMOID_TIME_TARGET}x)"
                )
    _print_table(rows)
    return {
        "n": N,
        "pairs": PAIRS,
        "targets": {"sigmoid_time_ratio_to_expit": SIGMOID_TIME_TARGET},
        "results": rows,
        "missed_targets": missed,
    }


def _print_table(rows: list[dict]) -> None:
    header = f"{'function':<18} {'dtype':<8} {'ours ms':>8} {'ref ms':>8} {'ratio':>6}  reference"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['function']:<18} {r['dtype']:<8} {r['ours_ms']:>8.1f} {r['reference_ms']:>8.1f} "
            f"{r['time_ratio']:>6.2f}  {r['reference']}"
        )


if __name__ == "__main__":
    run()
