"""Evaluation benchmark: the whole transcript suite offline, serial and in parallel.

Prints the pass rate, hard-constraint failures, median questions/turns, per-transcript wall time
(p50/p95/max) and the speed-up of --jobs N over --jobs 1. The work is CPU-bound Python, so
threads mainly prove isolation (same results), not speed.

Run: .venv/bin/python bench/bench_eval.py [--jobs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from advisor.evaluation.report import summary  # noqa: E402
from advisor.evaluation.runner import run_all, service_factory  # noqa: E402
from advisor.evaluation.transcript import load_all  # noqa: E402
from advisor.kb.loader import load_kb  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args()
    kb = load_kb(require_sources=False)
    items = load_all(
        [str(p) for p in sorted((ROOT / "tests" / "transcripts").glob("*.yaml"))]
    )  # not pending/
    factory = service_factory(kb, llm="offline")
    run_all(items[:2], factory, kb)  # warm imports and caches
    timings: dict[int, float] = {}
    for jobs in (1, args.jobs):
        started = time.perf_counter()
        results = run_all(items, factory, kb, jobs=jobs)
        timings[jobs] = time.perf_counter() - started
    s = summary(results)
    per = sorted(r.seconds for r in results)
    p95 = per[min(len(per) - 1, int(0.95 * len(per)))]
    print(f"transcripts: {s['transcripts']} ({', '.join(f'{k} {v}' for k, v in s['by_lang'].items())})")
    print(
        f"pass rate: {s['passed']}/{s['transcripts']} ({s['pass_rate']:.0%}); "
        f"hard-constraint failures: {s['hard_constraint_failures']}"
    )
    print(f"median questions: {s['median_questions']:g}; median turns: {s['median_turns']:g}")
    print(
        f"per transcript: p50 {statistics.median(per) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {per[-1] * 1000:.0f} ms"
    )
    print(
        f"suite wall time: --jobs 1 {timings[1]:.2f} s; --jobs {args.jobs} {timings[args.jobs]:.2f} s "
        f"(x{timings[1] / timings[args.jobs]:.2f})"
    )
    return 0 if s["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
