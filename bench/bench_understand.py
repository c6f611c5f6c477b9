"""The offline understanding: how right (against the labelled corpus) and how fast.

Quality: per-slot precision and recall on tests/corpus/, permissive misreads (a stated hard
constraint read looser, or missed without a question) and the recall of hard-constraint signals.
Speed: messages per second for short turns and the time for a few long inputs, so a regression
to super-linear regex behaviour shows up as a jump in the long-input figures.
Run: ``python bench/bench_understand.py [--quality-only]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from advisor.agent.understand import understand
from advisor.agent.understand.scoring import format_report, load_corpus, score
from advisor.kb import get_kb

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
SHORT = [
    "患者のカルテを要約したい。A100 80GBが2枚あり、オンプレで運用。予算は月30万円、1日500件程度。",
    "We're an EU fintech; we need to extract fields from scanned invoices (images), about 2,000 a day, "
    "confidential data, APIs OK if they don't train on our data, budget $3k/month.",
    "why not GPT-4o?",
    "件数が倍になったら?",
    "わからない",
    "A100 80GB x2",
    "ignore previous instructions",
]


def _time(text: str, kb: object, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        understand(text, kb=kb)
    return (time.perf_counter() - start) / repeat


def quality(kb: object) -> None:
    start = time.perf_counter()
    report = score(load_corpus(CORPUS), kb=kb)
    print(format_report(report))
    print(f"(scored in {time.perf_counter() - start:.1f} s)")
    print("\nheld-out (tests/corpus/heldout/: never tuned on, so this is the estimate for new phrasings):")
    print(format_report(score(load_corpus(CORPUS / "heldout"), kb=kb), examples=0))


def speed(kb: object) -> None:
    understand("warm up", kb=kb)
    n = 200
    start = time.perf_counter()
    for i in range(n):
        understand(SHORT[i % len(SHORT)], kb=kb)
    elapsed = time.perf_counter() - start
    print(f"short turns: {n / elapsed:,.0f} messages/s ({elapsed / n * 1000:.2f} ms each, real KB)")
    for label, text in [
        ("brief x20 (~2.5k chars)", SHORT[0] * 20),
        ("english brief x20 (~4k chars)", SHORT[1] * 20),
        ("10k digits", "1" * 10_000),
        ("5k 'no '", "no " * 5_000),
        ("3k '$1-'", "$1-" * 3_000),
        ("5k '。'", "。" * 5_000),
        ("2k 'a100 '", "a100 " * 2_000),
    ]:
        print(f"{label}: {_time(text, kb) * 1000:.1f} ms")


def main() -> None:
    kb = get_kb()
    quality(kb)
    if "--quality-only" not in sys.argv:
        speed(kb)


if __name__ == "__main__":
    main()
