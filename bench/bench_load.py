"""Load: many concurrent conversations over replica processes sharing one database.

A coordinator plays C conversations of 6 turns at once, every conversation's turn k on replica
(i + k) mod R, so each conversation hops between processes and only the shared database carries
it. Replicas are worker processes (this script with ``--worker``) reading turns as JSON lines.
Checked on every reply: no error (exception, internal-error notice, busy thread) and no cross-talk
(the reply is for the thread asked, and carries that conversation's own volume figure).

Printed per backend: throughput (turns/s), p50/p95/max turn latency as the coordinator sees it,
database bytes per conversation. PostgreSQL runs on a throwaway server on loopback (Debian's
binaries, advisor.storage.local_pg) unless --db-url is given; SQLite on a temp file, one process.

Run: .venv/bin/python bench/bench_load.py [--conversations 200] [--turns 6] [--replicas 2]
     [--backend both|postgres|sqlite] [--time-limit 600]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FOLLOW_UPS = [
    "on_prem",
    "A100 80GB x2",
    "why not GPT-4o?",
    "what if volume doubles?",
    "can it run on one GPU?",
]


def opening(i: int) -> str:
    return f"We want to summarise patient records for our hospital, about {1000 + i} requests a day."


def script(i: int, turns: int) -> list[str]:
    rest = [
        FOLLOW_UPS[min(k, len(FOLLOW_UPS) - 1) if k < len(FOLLOW_UPS) else 2 + k % 3]
        for k in range(turns - 1)
    ]
    return [opening(i), *rest]


# ---- worker: one replica process --------------------------------------------------------------


async def worker(db_url: str, db_path: str) -> None:
    """Serve turns from stdin (``{"id", "thread", "text"}``) concurrently; answer on stdout."""
    from advisor.agent.context import Context
    from advisor.agent.service import ConversationService

    ctx = Context(llm="offline", db_url=db_url, db_path=db_path or "~/.local/share/advisor/state.db")
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    out_lock = asyncio.Lock()
    async with ConversationService(context=ctx) as service:
        print(json.dumps({"ready": True}), flush=True)

        async def one(req: dict[str, Any]) -> None:
            start = time.perf_counter()
            try:
                reply = await service.respond(req["thread"], req["text"])
                volume = (reply.profile.get("volume") or {}).get("requests_per_day")
                failed = [n for n in reply.notices if n.startswith("internal error") or n == "thread busy"]
                res = {
                    "id": req["id"],
                    "thread": reply.thread_id,
                    "volume": volume,
                    "error": failed[0] if failed else None,
                    "ms": (time.perf_counter() - start) * 1000,
                }
            except Exception as exc:  # reported, counted as an error by the coordinator
                res = {
                    "id": req["id"],
                    "thread": None,
                    "volume": None,
                    "error": f"{type(exc).__name__}: {exc}",
                }
            async with out_lock:
                sys.stdout.write(json.dumps(res) + "\n")
                sys.stdout.flush()

        tasks: set[asyncio.Task[None]] = set()
        while line := await reader.readline():
            task = asyncio.create_task(one(json.loads(line)))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        await asyncio.gather(*tasks)


# ---- coordinator ------------------------------------------------------------------------------


class Replica:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.next_id = 0

    @classmethod
    async def start(cls, db_url: str, db_path: str) -> Replica:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ADVISOR_LLM": "offline"}
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--worker",
            "--db-url",
            db_url,
            "--db-path",
            db_path,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env=env,
            limit=2**20,
        )
        replica = cls(proc)
        assert proc.stdout is not None
        ready = json.loads(await proc.stdout.readline() or b"{}")
        if not ready.get("ready"):
            raise RuntimeError("a replica did not start")
        replica.reader = asyncio.create_task(replica._read())
        return replica

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            res = json.loads(line)
            self.waiting.pop(res["id"]).set_result(res)

    async def turn(self, thread: str, text: str) -> dict[str, Any]:
        self.next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = future
        assert self.proc.stdin is not None
        self.proc.stdin.write(
            (json.dumps({"id": self.next_id, "thread": thread, "text": text}) + "\n").encode()
        )
        await self.proc.stdin.drain()
        return await future

    async def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        await self.proc.wait()


async def play(replicas: list[Replica], conversations: int, turns: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    crosstalk: list[str] = []

    async def conversation(i: int) -> None:
        thread = f"load-{i}"
        for k, text in enumerate(script(i, turns)):
            start = time.perf_counter()
            res = await replicas[(i + k) % len(replicas)].turn(thread, text)
            latencies.append((time.perf_counter() - start) * 1000)
            if res.get("error"):
                errors.append(f"{thread} turn {k}: {res['error']}")
            elif res["thread"] != thread or res["volume"] != 1000 + i:
                crosstalk.append(f"{thread} turn {k}: got thread {res['thread']} volume {res['volume']}")

    start = time.perf_counter()
    await asyncio.gather(*(conversation(i) for i in range(conversations)))
    wall = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "turns": len(latencies),
        "wall_s": wall,
        "turns_per_s": len(latencies) / wall,
        "conversations_per_s": conversations / wall,
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
        "max_ms": ordered[-1],
        "errors": errors,
        "crosstalk": crosstalk,
    }


LIVE_PG = """SELECT (SELECT coalesce(sum(pg_column_size(c.*)), 0) FROM checkpoints c)
  + (SELECT coalesce(sum(pg_column_size(b.*)), 0) FROM checkpoint_blobs b)
  + (SELECT coalesce(sum(pg_column_size(w.*)), 0) FROM checkpoint_writes w)"""


async def measure_bytes(db_url: str, db_path: str) -> tuple[int, int]:
    """(bytes the database takes, bytes of live checkpoint rows): PostgreSQL's tables keep
    fixed and dead-row space that autovacuum reuses, so both are shown."""
    from advisor.storage import open_storage, resolve

    storage = await open_storage(resolve(db_url, db_path))
    try:
        await storage.compact()
        size = await storage.size_bytes()
        live = size
        if db_url:
            import psycopg

            async with await psycopg.AsyncConnection.connect(db_url) as conn:
                row = await (await conn.execute(LIVE_PG)).fetchone()
                live = int(row[0]) if row else 0
        return size, live
    finally:
        await storage.aclose()


async def run_backend(name: str, db_url: str, db_path: str, args: argparse.Namespace, replicas: int) -> bool:
    started = [await Replica.start(db_url, db_path) for _ in range(replicas)]
    try:
        async with asyncio.timeout(args.time_limit):
            result = await play(started, args.conversations, args.turns)
    finally:
        for replica in started:
            await replica.stop()
    size, live = await measure_bytes(db_url, db_path)
    print(f"== {name}: {args.conversations} conversations x {args.turns} turns over {replicas} process(es)")
    print(
        f"   throughput   {result['turns_per_s']:.1f} turns/s ({result['conversations_per_s']:.1f} conversations/s), "
        f"wall {result['wall_s']:.1f} s"
    )
    print(
        f"   latency      p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, max {result['max_ms']:.0f} ms"
    )
    print(
        f"   database     {size / args.conversations / 1024:.1f} KB per conversation on disk "
        f"({size / 1024:.0f} KB total), {live / args.conversations / 1024:.1f} KB of live rows"
    )
    print(f"   errors       {len(result['errors'])}   cross-talk {len(result['crosstalk'])}")
    for line in (result["errors"] + result["crosstalk"])[:5]:
        print(f"     {line}")
    return not result["errors"] and not result["crosstalk"]


async def main(args: argparse.Namespace) -> int:
    ok = True
    if args.backend in ("both", "postgres"):
        if args.db_url:
            ok &= await run_backend("PostgreSQL", args.db_url, "", args, args.replicas)
        else:
            from advisor.storage.local_pg import local_postgres

            with local_postgres() as server:
                url = server.create_database("bench")
                ok &= await run_backend("PostgreSQL (loopback)", url, "", args, args.replicas)
    if args.backend in ("both", "sqlite"):
        with tempfile.TemporaryDirectory() as folder:
            ok &= await run_backend("SQLite", "", str(Path(folder) / "bench.db"), args, 1)
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--backend", choices=("both", "postgres", "sqlite"), default="both")
    parser.add_argument(
        "--db-url", default="", help="an existing PostgreSQL database instead of a throwaway server"
    )
    parser.add_argument("--time-limit", type=float, default=600, help="seconds per backend before giving up")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db-path", default="", help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.worker:
        asyncio.run(worker(ns.db_url, ns.db_path))
        sys.exit(0)
    sys.exit(asyncio.run(main(ns)))
