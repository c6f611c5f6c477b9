"""Where conversations live: the embedded SQLite file (default) or PostgreSQL (ADVISOR_DB_URL).

``open_storage()`` gives a :class:`Storage`: its ``checkpointer`` for the graph, ``lock(thread_id)``
serialising a thread's turns across processes, ``claim_once(key)`` for de-duplicating retried
events across replicas, and pruning that keeps only the newest checkpoint of a thread.
``database_url()`` names the same database for SQLAlchemy (the web chat's history).
"""

from __future__ import annotations

from typing import Any

from advisor.storage.base import KEEP_CHECKPOINTS, PruneStats, Storage, StorageError, ThreadLocks, lock_key
from advisor.storage.config import Target, database_url, redact, resolve

__all__ = [
    "KEEP_CHECKPOINTS",
    "PruneStats",
    "Storage",
    "StorageError",
    "Target",
    "ThreadLocks",
    "database_url",
    "lock_key",
    "open_storage",
    "redact",
    "resolve",
]


async def open_storage(
    target: Target | None = None, *, checkpointer: Any = None, pool_size: int = 10
) -> Storage:
    """Open the store for ``target`` (default: from the environment), or wrap a given checkpointer.

    Raises StorageError (one line: the path or URL, and the problem) when the database is unusable.
    """
    if checkpointer is not None:
        from advisor.storage.memory import MemoryStorage

        return MemoryStorage(checkpointer)
    target = target or resolve()
    if target.kind == "postgres":
        from advisor.storage.postgres import PostgresStorage

        return await PostgresStorage(target.url or "", pool_size=pool_size).open()
    from advisor.storage.sqlite import SqliteStorage

    assert target.path is not None
    return await SqliteStorage(target.path).open()


def check_database(target: Target | None = None) -> None:
    """Open and close the database once (for a front end's start-up): StorageError if unusable."""
    import asyncio

    async def probe() -> None:
        await (await open_storage(target or resolve())).aclose()

    asyncio.run(probe())
