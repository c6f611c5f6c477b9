"""Agent benchmarks: offline turn latency, and LLM calls / prompt tokens per conversation.

1. Offline, in process: a scripted interview plus follow-ups, replayed N times; per-turn latency
   p50/p95/max with an in-memory checkpointer and with SQLite on a temp file (target p95 < 50 ms).
2. With a local fake OpenAI-compatible endpoint (the real langchain-openai wire path): a six-turn
   script; LLM calls and prompt tokens (tiktoken o200k, via advisor.kb.tokens) per turn and per
   conversation (target <= 2 calls per user turn), and the largest single prompt against the size of
   the knowledge base (no KB dump in any prompt).

Run: .venv/bin/python bench/bench_agent.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakes.openai_server import fake_openai, wants_tool  # noqa: E402
from langgraph.checkpoint.memory import InMemorySaver  # noqa: E402

from advisor.agent.context import Context  # noqa: E402
from advisor.agent.service import SyncConversationService  # noqa: E402
from advisor.kb.loader import load_kb  # noqa: E402
from advisor.kb.tokens import count_tokens  # noqa: E402

OFFLINE_SCRIPT = [
    "We want to summarise patient records for our hospital.",
    "on_prem",
    "A100 80GB x2",
    "why not GPT-4o?",
    "what if volume doubles?",
    "can it run on one GPU?",
]
LLM_SCRIPT = [
    "We need a chatbot that answers questions over our internal wiki.",
    "about 2,000 requests a day",
    "$500 a month",
    "why not GPT-4o?",
    "what if volume doubles?",
    "compare with GPT-4o",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_offline(kb: Any, runs: int, checkpointer: Any = None, db_path: str = "") -> list[float]:
    ctx = Context(llm="offline", kb=kb, **({"db_path": db_path} if db_path else {}))
    service = SyncConversationService(context=ctx, checkpointer=checkpointer)
    service.respond("warm-up", OFFLINE_SCRIPT[0])
    times: list[float] = []
    for _ in range(runs):
        thread = uuid.uuid4().hex
        for turn in OFFLINE_SCRIPT:
            start = time.perf_counter()
            service.respond(thread, turn)
            times.append((time.perf_counter() - start) * 1000)
    service.close()
    return times


def fake_endpoint(body: dict[str, Any]) -> dict[str, Any]:
    """A cooperative model: empty structured reading (the rules do the work), grounded prose."""
    if wants_tool(body, "ProfileUpdate"):
        return {"tool_calls": [("ProfileUpdate", {})]}
    user = next((m["content"] for m in reversed(body["messages"]) if m["role"] == "user"), "")
    facts = json.loads(user.split("Facts (JSON):\n", 1)[1].split("\n\nUser:", 1)[0]) if "Facts (JSON)" in user else {}
    primary = (facts.get("recommendation") or {}).get("primary") or {}
    return {"content": f"I recommend {primary.get('name', 'the primary model')} for this workload."}


def bench_llm(kb: Any) -> dict[str, Any]:
    with fake_openai(fake_endpoint) as server:
        ctx = Context(llm="openai", api_key="bench", base_url=server.url, kb=kb, max_retries=0)
        service = SyncConversationService(context=ctx, checkpointer=InMemorySaver())
        per_turn = []
        for turn in LLM_SCRIPT:
            reply = service.respond("llm-bench", turn)
            per_turn.append((reply.llm_calls, reply.prompt_tokens, reply.question.slot if reply.question else
                             ("answer" if reply.recommendation else "-")))
        largest = 0
        for body in server.requests:
            text = "\n".join(str(m.get("content") or "") for m in body["messages"])
            text += json.dumps(body.get("tools", []))
            largest = max(largest, count_tokens(text))
    kb_tokens = sum(count_tokens(p.read_text(encoding="utf-8")) for p in sorted(kb.root.glob("*.yaml")))
    return {"per_turn": per_turn, "largest_prompt": largest, "kb_tokens": kb_tokens}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    kb = load_kb(require_sources=False)

    memory = bench_offline(kb, args.runs, InMemorySaver())
    with tempfile.TemporaryDirectory() as tmp:  # the service's own SQLite storage, as in production
        sqlite = bench_offline(kb, args.runs, db_path=str(Path(tmp) / "bench.db"))
    for label, times in (("in-memory", memory), ("sqlite", sqlite)):
        print(f"offline turn latency ({label}, {len(times)} turns): p50 {statistics.median(times):.1f} ms, "
              f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms  (target p95 < 50 ms)")

    result = bench_llm(kb)
    calls = [c for c, _, _ in result["per_turn"]]
    tokens = [t for _, t, _ in result["per_turn"]]
    print(f"LLM (fake endpoint), six-turn script: {sum(calls)} calls, {sum(tokens)} prompt tokens per conversation; "
          f"max {max(calls)} calls in one turn, {sum(calls) / len(calls):.2f} per turn (target <= 2)")
    for i, (c, t, what) in enumerate(result["per_turn"], 1):
        print(f"  turn {i}: {c} calls, {t} prompt tokens -> {what}")
    print(f"largest single prompt: {result['largest_prompt']} tokens; knowledge base: {result['kb_tokens']} tokens "
          f"(no KB dump: {result['largest_prompt'] < result['kb_tokens'] / 10})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
