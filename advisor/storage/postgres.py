"""Conversations in PostgreSQL (ADVISOR_DB_URL=postgresql://...): any number of replicas share them.

Checkpoints go through langgraph-checkpoint-postgres on a connection pool; its tables are created
on first start (``setup()``, serialised across replicas by an advisory lock). A thread's turns are
serialised across processes with session advisory locks keyed by a hash of the thread id, taken
with ``pg_try_advisory_lock`` and polled, so a waiting turn holds no connection. Slack retries are
claimed in ``advisor_claims`` (one row per event id).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from advisor.storage.base import (
    CLAIMS_TTL_S,
    KEEP_CHECKPOINTS,
    PruneStats,
    Storage,
    StorageError,
    lock_key,
    poll,
)
from advisor.storage.config import redact

SETUP_KEY = lock_key("advisor:setup")
CLAIMS_DDL = (
    "CREATE TABLE IF NOT EXISTS advisor_claims (key TEXT PRIMARY KEY, "
    "claimed_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)
AUTOVACUUM = "autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 500"
KEEP_SQL = """
DELETE FROM checkpoints c USING (
  SELECT thread_id, checkpoint_ns, checkpoint_id, row_number() OVER
    (PARTITION BY thread_id, checkpoint_ns ORDER BY checkpoint_id DESC) AS n
  FROM checkpoints WHERE (%(thread)s::text IS NULL OR thread_id = %(thread)s)) old
WHERE old.n > %(keep)s AND c.thread_id = old.thread_id AND c.checkpoint_ns = old.checkpoint_ns
  AND c.checkpoint_id = old.checkpoint_id"""
WRITES_SQL = """
DELETE FROM checkpoint_writes w WHERE (%(thread)s::text IS NULL OR w.thread_id = %(thread)s)
  AND NOT EXISTS (SELECT 1 FROM checkpoints c WHERE c.thread_id = w.thread_id
    AND c.checkpoint_ns = w.checkpoint_ns AND c.checkpoint_id = w.checkpoint_id)"""
BLOBS_SQL = """
DELETE FROM checkpoint_blobs b WHERE (%(thread)s::text IS NULL OR b.thread_id = %(thread)s)
  AND NOT EXISTS (SELECT 1 FROM checkpoints c WHERE c.thread_id = b.thread_id
    AND c.checkpoint_ns = b.checkpoint_ns AND c.checkpoint -> 'channel_versions' ->> b.channel = b.version)"""
SIZE_SQL = """SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c
WHERE c.relname IN ('checkpoints', 'checkpoint_blobs', 'checkpoint_writes', 'advisor_claims')"""


class PostgresStorage(Storage):
    kind = "postgres"

    def __init__(self, url: str, pool_size: int = 10) -> None:
        super().__init__()
        self.url = url
        self.pool_size = pool_size
        self.pool: Any = None
        self._locker: Any = None  # one connection holding this process's session advisory locks

    async def open(self) -> PostgresStorage:
        import psycopg
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import AsyncConnectionPool

        try:
            self._locker = await psycopg.AsyncConnection.connect(
                self.url, autocommit=True, connect_timeout=10
            )
            await self._locker.execute("SELECT pg_advisory_lock(%s)", (SETUP_KEY,))
            try:
                self.pool = AsyncConnectionPool(
                    self.url,
                    min_size=1,
                    max_size=self.pool_size,
                    open=False,
                    timeout=30,
                    kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
                )
                await self.pool.open(wait=True, timeout=15)
                self.checkpointer = AsyncPostgresSaver(self.pool)
                await self.checkpointer.setup()
                await self._locker.execute(CLAIMS_DDL)
                for table in ("checkpoints", "checkpoint_blobs", "checkpoint_writes"):
                    # every turn supersedes rows: have autovacuum make their space reusable soon
                    await self._locker.execute(f"ALTER TABLE {table} SET ({AUTOVACUUM})")
            finally:
                await self._locker.execute("SELECT pg_advisory_unlock(%s)", (SETUP_KEY,))
        except (psycopg.Error, OSError, TimeoutError) as exc:
            await self.aclose()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StorageError(redact(self.url), f"cannot use the PostgreSQL database: {first}") from None
        return self

    @asynccontextmanager
    async def _shared_lock(self, thread_id: str) -> AsyncIterator[None]:
        key = lock_key(thread_id)

        async def try_once() -> bool:
            row = await (await self._locking("SELECT pg_try_advisory_lock(%s)", key)).fetchone()
            return bool(row and row[0])

        await poll(try_once)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):  # a lost connection has released the lock already
                await self._locking("SELECT pg_advisory_unlock(%s)", key)

    async def _locking(self, sql: str, key: int) -> Any:
        """Run a lock statement on the locking connection, reconnecting once if it was lost (its
        locks went with it: the server releases a dead session's locks)."""
        import psycopg

        try:
            return await self._locker.execute(sql, (key,))
        except psycopg.OperationalError:
            with contextlib.suppress(Exception):
                await self._locker.close()
            self._locker = await psycopg.AsyncConnection.connect(
                self.url, autocommit=True, connect_timeout=10
            )
            return await self._locker.execute(sql, (key,))

    async def claim_once(self, key: str) -> bool:
        async with self.pool.connection() as conn:
            cur = await conn.execute(
                "INSERT INTO advisor_claims (key) VALUES (%s) ON CONFLICT DO NOTHING RETURNING key", (key,)
            )
            return await cur.fetchone() is not None

    async def prune_thread(self, thread_id: str, keep: int = KEEP_CHECKPOINTS) -> PruneStats:
        args = {"thread": thread_id, "keep": max(1, keep)}
        async with self.pool.connection() as conn, conn.transaction():
            counts = [(await conn.execute(sql, args)).rowcount for sql in (KEEP_SQL, WRITES_SQL, BLOBS_SQL)]
        return PruneStats(1, counts[0], counts[1], counts[2])

    async def thread_ids(self) -> list[str]:
        async with self.pool.connection() as conn:
            rows = await (await conn.execute("SELECT DISTINCT thread_id FROM checkpoints")).fetchall()
        return [r["thread_id"] for r in rows]

    async def expire_claims(self, older_than_s: float = CLAIMS_TTL_S) -> int:
        async with self.pool.connection() as conn:
            cur = await conn.execute(
                "DELETE FROM advisor_claims WHERE claimed_at < now() - make_interval(secs => %s)",
                (older_than_s,),
            )
            return int(cur.rowcount)

    async def compact(self) -> None:
        """Make the space of pruned rows reusable now rather than at the next autovacuum."""
        async with self.pool.connection() as conn:
            for table in ("checkpoints", "checkpoint_blobs", "checkpoint_writes", "advisor_claims"):
                await conn.execute(f"VACUUM (ANALYZE) {table}")

    async def size_bytes(self) -> int:
        async with self.pool.connection() as conn:
            row = await (await conn.execute(SIZE_SQL)).fetchone()
        return int(row["n"])

    async def aclose(self) -> None:
        if self.pool is not None:
            with contextlib.suppress(Exception):
                await self.pool.close()
            self.pool = None
        if self._locker is not None:
            with contextlib.suppress(Exception):
                await self._locker.close()
            self._locker = None
