"""What every conversation store offers the service: a checkpointer, per-thread turn locks that
hold across processes, one-time claims (Slack retries) and pruning of superseded checkpoints.

The backends (SQLite file, PostgreSQL server, in-memory for tests) differ only in how they do
these five things; the service and the adapters see this one interface.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from advisor.kb.errors import InputError, Problem

KEEP_CHECKPOINTS = 1  # per thread: the newest is all a conversation needs to continue
CLAIMS_TTL_S = 7 * 24 * 3600  # Slack retries come within minutes; a week is ample


class StorageError(InputError):
    """The database cannot be used: one clear line naming where and why (CLI exit 2)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__([Problem(where, None, "", problem)])
        self.where, self.problem = where, problem


@dataclass(frozen=True)
class PruneStats:
    threads: int = 0
    checkpoints: int = 0
    writes: int = 0
    blobs: int = 0
    claims: int = 0


def lock_key(name: str) -> int:
    """A signed 64-bit key for a thread id: PostgreSQL advisory locks and SQLite lock-file offsets."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


class ThreadLocks:
    """In-process asyncio locks per thread, evicted when nobody holds or waits for them."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    def __len__(self) -> int:
        return len(self._locks)

    @asynccontextmanager
    async def hold(self, thread_id: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(thread_id) or (asyncio.Lock(), 0)
        self._locks[thread_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[thread_id]
            if users <= 1:
                del self._locks[thread_id]
            else:
                self._locks[thread_id] = (lock, users - 1)


async def poll(try_once: Any, *, first: float = 0.005, most: float = 0.1) -> None:
    """Retry a non-blocking acquisition with backoff: waiting never ties up a thread or a connection."""
    delay = first
    while not await try_once():
        await asyncio.sleep(delay)
        delay = min(most, delay * 2)


class Storage:
    """Base of the backends. ``lock`` serialises one thread's turns in this process and across
    processes sharing the database; subclasses add the cross-process part in ``_shared_lock``."""

    kind = "memory"
    checkpointer: Any = None

    def __init__(self) -> None:
        self.locks = ThreadLocks()

    @asynccontextmanager
    async def lock(self, thread_id: str) -> AsyncIterator[None]:
        async with self.locks.hold(thread_id), self._shared_lock(thread_id):
            yield

    @asynccontextmanager
    async def _shared_lock(self, thread_id: str) -> AsyncIterator[None]:
        yield

    async def claim_once(self, key: str) -> bool:
        """True the first time ``key`` is claimed by any process on this database, False after."""
        raise NotImplementedError

    async def prune_thread(self, thread_id: str, keep: int = KEEP_CHECKPOINTS) -> PruneStats:
        """Delete all but the newest ``keep`` checkpoints of one thread (call it holding the lock)."""
        return PruneStats()

    async def thread_ids(self) -> list[str]:
        return []

    async def expire_claims(self, older_than_s: float = CLAIMS_TTL_S) -> int:
        return 0

    async def prune_all(self, keep: int = KEEP_CHECKPOINTS) -> PruneStats:
        """Prune every thread, each under its turn lock (a running turn elsewhere is waited for)."""
        total = PruneStats()
        for thread_id in await self.thread_ids():
            async with self.lock(thread_id):
                done = await self.prune_thread(thread_id, keep)
            total = PruneStats(
                total.threads + 1,
                total.checkpoints + done.checkpoints,
                total.writes + done.writes,
                total.blobs + done.blobs,
            )
        claims = await self.expire_claims()
        return PruneStats(total.threads, total.checkpoints, total.writes, total.blobs, claims)

    async def compact(self) -> None:
        """Give freed space back to the file system where the backend can."""
        return None

    async def size_bytes(self) -> int:
        """Bytes the conversations take in the database (for benchmarks and ``advisor db``)."""
        return 0

    async def aclose(self) -> None:
        return None
