"""Load and validate the whole knowledge base N times; print latency and peak memory.

Target: median under 300 ms. "cold" parses every YAML file (parse cache off, as on a first run or
after an edit); "warm" reuses the parse of unchanged files (the usual case: CLI runs, chat, eval).
Both run the full schema validation and cross-checks.

    .venv/bin/python bench/bench_kb_load.py [-n 20] [--kb DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from advisor.kb.loader import default_kb_dir, load_kb

TARGET_MS = 300.0


def _timings(root: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        load_kb(root)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _peak_mb(root: Path) -> float:
    tracemalloc.start()
    load_kb(root)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=20)
    parser.add_argument("--kb", type=Path, default=None)
    args = parser.parse_args()
    root = args.kb or default_kb_dir()
    kb = load_kb(root)
    files = sorted(p.name for p in root.glob("*.yaml"))
    size = sum((root / f).stat().st_size for f in files)
    print(
        f"knowledge base: {root} ({len(files)} files, {size / 1e3:.0f} kB; {len(kb.models)} models, "
        f"{len(kb.prices)} prices, {len(kb.gpus)} GPUs, {len(kb.providers)} providers)"
    )
    load_kb(root)  # warm-up: imports
    runs = _timings(root, args.runs)
    median = statistics.median(runs)
    print(
        f"load + validate: median {median:7.1f} ms   p95 {_p95(runs):7.1f} ms   min {min(runs):7.1f} ms   "
        f"({args.runs} runs)   peak memory {_peak_mb(root):6.1f} MB"
    )
    print(f"target {TARGET_MS:.0f} ms (median): {'within' if median < TARGET_MS else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
