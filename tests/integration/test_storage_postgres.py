"""Conversations on a real PostgreSQL server: replicas share threads (in process and across
processes), turns on one thread are serialised by advisory locks, claims are once per database,
checkpoints are pruned to the newest, and an unreachable server is one clear line."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from agent_support import real_kb

from advisor.agent.context import Context
from advisor.agent.service import ConversationService
from advisor.storage import StorageError, open_storage, resolve

ROOT = Path(__file__).resolve().parents[2]
OPENING = "We want to summarise patient records for our hospital."


def _service(url: str) -> ConversationService:
    return ConversationService(context=Context(llm="offline", kb=real_kb(), db_url=url))


def _count(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(sql).fetchone()
    return int(row[0]) if row else 0


async def test_a_conversation_started_on_one_replica_continues_on_another(pg_url: str) -> None:
    async with _service(pg_url) as first, _service(pg_url) as second:
        asked = await first.respond("t", OPENING)
        assert asked.question is not None and asked.question.slot == "deployment"
        restored = await second.get_reply("t")
        assert (
            restored is not None and restored.question is not None and restored.question.slot == "deployment"
        )
        nxt = await second.respond("t", "on_prem")
        assert nxt.question is not None and nxt.question.slot == "hardware"
        done = await first.respond("t", "A100 80GB x2")
        assert done.done and done.recommendation is not None
        assert done.profile["deployment"] == "on_prem" and done.profile["data_sensitivity"] == "regulated"
        assert await first.get_reply("other") is None  # threads never see each other


def test_another_process_continues_the_thread(pg_url: str) -> None:
    async def start() -> None:
        async with _service(pg_url) as svc:
            await svc.respond("shared", OPENING)
            await svc.respond("shared", "on_prem")

    asyncio.run(start())
    env = {**os.environ, "ADVISOR_DB_URL": pg_url, "ADVISOR_LLM": "offline", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "advisor.cli.main", "chat", "--thread", "shared"],
        input="A100 80GB x2\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert out.stdout.strip().endswith("---")

    async def check() -> None:
        async with _service(pg_url) as svc:
            reply = await svc.get_reply("shared")
            assert reply is not None and reply.done
            assert reply.profile["hardware"][0]["count"] == 2

    asyncio.run(check())


async def test_checkpoints_are_pruned_to_the_newest_and_storage_stays_small(pg_url: str) -> None:
    turns = [
        OPENING,
        "on_prem",
        "A100 80GB x2",
        "why not GPT-4o?",
        "what if volume doubles?",
        "can it run on one GPU?",
    ]
    async with _service(pg_url) as svc:
        for text in turns:
            await svc.respond("p", text)
        for text in turns[:2]:
            await svc.respond("q", text)  # q waits on a question: its interrupt must survive pruning
        assert _count(pg_url, "SELECT count(*) FROM checkpoints WHERE thread_id = 'p'") == 1
        blob_bytes = _count(
            pg_url, "SELECT coalesce(sum(length(blob)), 0) FROM checkpoint_blobs WHERE thread_id = 'p'"
        )
        assert 0 < blob_bytes < 60_000
        pending = await svc.get_reply("q")
        assert pending is not None and pending.question is not None and pending.question.slot == "hardware"
    async with _service(pg_url) as again:  # a new process reads the pruned thread whole
        follow = await again.respond("p", "why not GPT-4o?")
        assert "GPT-4o" in follow.text and follow.recommendation is not None
        assert (await again.respond("q", "A100 80GB x2")).done


async def test_turns_on_one_thread_are_serialised_across_replicas(pg_url: str) -> None:
    one, two = await open_storage(resolve(pg_url)), await open_storage(resolve(pg_url))
    try:
        async with one.lock("busy"):
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.3):
                    await two.lock("busy").__aenter__()
            async with asyncio.timeout(2), two.lock("free"):
                pass  # another thread is not blocked
        async with asyncio.timeout(2), two.lock("busy"):
            pass  # released
    finally:
        await one.aclose()
        await two.aclose()


async def test_an_event_is_claimed_once_across_replicas(pg_url: str) -> None:
    async with _service(pg_url) as first, _service(pg_url) as second:
        results = await asyncio.gather(first.claim_once("event:Ev1"), second.claim_once("event:Ev1"))
        assert sorted(results) == [False, True]
        assert await second.claim_once("event:Ev2")


async def test_an_unreachable_server_is_one_clear_line(postgres_server) -> None:  # type: ignore[no-untyped-def]
    url = f"postgresql://postgres:secret@127.0.0.1:{postgres_server.port}/no_such_db"
    with pytest.raises(StorageError) as err:
        await open_storage(resolve(url))
    line = str(err.value)
    assert "\n" not in line and "no_such_db" in line and "secret" not in line


def test_db_prune_on_postgres_keeps_every_conversation_whole(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from advisor.cli.main import main

    turns = [OPENING, "on_prem", "A100 80GB x2", "why not GPT-4o?"]

    async def play() -> None:
        ctx = Context(llm="offline", kb=real_kb(), db_url=pg_url, keep_checkpoints=100)  # as before pruning
        async with ConversationService(context=ctx) as svc:
            for text in turns:
                await svc.respond("a", text)
            await svc.respond("b", OPENING)

    asyncio.run(play())
    assert _count(pg_url, "SELECT count(*) FROM checkpoints WHERE thread_id = 'a'") == len(turns)
    assert main(["db", "prune", "--db-url", pg_url, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (
        result["threads"] == 2
        and result["checkpoints_deleted"] == len(turns) - 1
        and result["blobs_deleted"] > 0
    )
    assert _count(pg_url, "SELECT count(*) FROM checkpoints") == 2

    async def resume() -> None:
        async with _service(pg_url) as svc:
            assert (await svc.respond("a", "what if volume doubles?")).recommendation is not None
            waiting = await svc.get_reply("b")
            assert (
                waiting is not None and waiting.question is not None and waiting.question.slot == "deployment"
            )

    asyncio.run(resume())
