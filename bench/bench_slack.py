"""Slack adapter figures: how fast Slack gets its HTTP answer (must be < 3 s) and how long until the
advisor's reply is posted, through the real HTTP endpoint, the real service (offline) and a local mock
of the Slack Web API. Run: .venv/bin/python bench/bench_slack.py [N]"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fakes_slack.mock_api import MockSlackAPI
from fakes_slack.signed import event_body, mention, signed_headers

from advisor.adapters.slack.app import build_app
from advisor.adapters.slack.server import EVENTS_PATH, serving
from advisor.agent.context import Context
from advisor.agent.service import ConversationService

TOKEN, SECRET = "xoxb-bench", "bench-secret"
OPENERS = [
    "We summarise patient records in Japanese on our own servers",
    "Customer-support chatbot, public data, budget 500 USD a month",
    "社内文書の要約。データは社外秘。A100 80GBが2枚",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main(n: int) -> None:
    api = MockSlackAPI(token=TOKEN).start()
    with tempfile.TemporaryDirectory() as tmp:
        context = Context(llm="offline", db_path=str(Path(tmp) / "state.db"))
        async with ConversationService(context=context) as service:
            bolt = build_app(service, bot_token=TOKEN, signing_secret=SECRET, api_url=api.url)
            async with serving(bolt, 0) as port, aiohttp.ClientSession() as http:
                url = f"http://127.0.0.1:{port}{EVENTS_PATH}"
                acks: list[float] = []
                turns: list[float] = []
                for i in range(n + 1):  # the first request warms up (auth.test, graph compile)
                    channel = f"CB{i}"
                    body = event_body(mention(channel, f"{i}.1", OPENERS[i % len(OPENERS)]))
                    start = time.perf_counter()
                    async with http.post(url, data=body, headers=signed_headers(SECRET, body)) as resp:
                        assert resp.status == 200
                    acked = time.perf_counter()
                    await asyncio.to_thread(api.wait_posts, channel, 1, 30.0)
                    done = time.perf_counter()
                    if i:
                        acks.append((acked - start) * 1000)
                        turns.append((done - start) * 1000)
    api.stop()
    print(f"slack bench: {n} mentions over HTTP, real service offline")
    print(
        f"  ack (HTTP 200 to Slack): p50 {statistics.median(acks):.1f} ms, p95 {pct(acks, 0.95):.1f} ms, "
        f"max {max(acks):.1f} ms (limit 3000 ms)"
    )
    print(f"  reply posted in thread:  p50 {statistics.median(turns):.1f} ms, p95 {pct(turns, 0.95):.1f} ms")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
