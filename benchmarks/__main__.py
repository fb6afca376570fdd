"""Run every benchmark module, print its table and write results as JSON under ``.bench/``.

Usage: ``python -m benchmarks [name ...]`` (names like ``activations``; default: all).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

import benchmarks

OUT = Path(__file__).resolve().parent.parent / ".bench"


def main(argv: list[str]) -> int:
    """Run the selected benchmarks; exit non-zero if any misses its target."""
    names = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )
    selected = argv or names
    OUT.mkdir(exist_ok=True)
    failures = []
    for name in selected:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"\n== {name}", flush=True)
        result = module.run()
        (OUT / f"{name}.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
        failures += [f"{name}: {miss}" for miss in result.get("missed_targets", [])]
    print(f"\nresults written to {OUT}/")
    for failure in failures:
        print(f"MISSED TARGET {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
