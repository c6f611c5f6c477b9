"""Conversations in one SQLite file (the default): private file modes, a clear line for a file that
cannot be used, turn locks shared with other processes through byte-range locks on a lock file.

Several processes may open the same file (WAL mode, a busy timeout): each thread's turns are
serialised by ``fcntl.lockf`` on one byte of ``<db>-lock`` chosen by the thread id's hash.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import sqlite3
import stat
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
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

PRIVATE = 0o600
CLAIMS_DDL = "CREATE TABLE IF NOT EXISTS advisor_claims (key TEXT PRIMARY KEY, claimed_at REAL NOT NULL)"
SIDECARS = ("-wal", "-shm", "-journal", "-lock")


def _private(path: Path) -> None:
    """Create ``path`` (mode 0600) if missing; tighten an existing file of ours that others can read."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE)
    try:
        info = os.fstat(fd)
        if info.st_mode & 0o077 and info.st_uid == os.geteuid():
            os.fchmod(fd, PRIVATE)
    finally:
        os.close(fd)


def check_file(path: Path) -> None:
    """Refuse a path that is not a usable database file, naming the problem (never a traceback)."""
    where = str(path)
    if path.is_dir():
        raise StorageError(where, "is a folder, not a database file (set ADVISOR_DB to a file path)")
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise StorageError(where, "is not a regular file (a device or a pipe); set ADVISOR_DB to a file path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fresh = not path.exists() or path.stat().st_size == 0
        _private(path)
        for suffix in SIDECARS:  # SQLite gives -wal/-shm the main file's mode; fix older loose ones
            side = path.with_name(path.name + suffix)
            if side.exists() and stat.S_ISREG(side.stat().st_mode):
                _private(side)
    except PermissionError:
        raise StorageError(
            where, "is read-only or its folder cannot be written (permission denied)"
        ) from None
    except OSError as exc:
        raise StorageError(where, f"cannot be created or opened: {exc.strerror or exc}") from None
    conn = sqlite3.connect(path, timeout=5)
    try:
        if fresh:
            conn.execute("PRAGMA auto_vacuum=INCREMENTAL")  # free pages return to the file system
        conn.execute("PRAGMA schema_version").fetchone()
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in {"checkpoints", "writes"} & names:  # walk the tables: a truncated file fails here
            conn.execute(f"SELECT count(*), max(length(thread_id)) FROM {table}").fetchone()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(CLAIMS_DDL)
        conn.commit()
    except sqlite3.DatabaseError as exc:
        raise StorageError(where, _explain(exc)) from None
    finally:
        conn.close()


def _explain(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return "is read-only (attempt to write a readonly database)"
    if "not a database" in text or "malformed" in text:
        return f"is not a usable SQLite database (damaged or truncated?): {text}"
    if "locked" in text:
        return f"is locked by another program: {text}"
    return f"cannot be used as the conversation database: {text}"


class SqliteStorage(Storage):
    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.conn: Any = None
        self._lock_fd: int | None = None

    async def open(self) -> SqliteStorage:
        import aiosqlite
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        await asyncio.to_thread(check_file, self.path)  # it reads the tables: not on the event loop
        try:
            self.conn = await aiosqlite.connect(str(self.path), timeout=10)
            self.checkpointer = AsyncSqliteSaver(self.conn)
            await self.checkpointer.setup()
            # WAL: cheap commits; checkpointed every ~1 MB and cut back to 1 MB, so the -wal file
            # does not sit at its high-water mark next to a small database
            for pragma in ("synchronous=NORMAL", "wal_autocheckpoint=256", "journal_size_limit=1048576"):
                await self.conn.execute(f"PRAGMA {pragma}")
        except sqlite3.DatabaseError as exc:
            await self.aclose()
            raise StorageError(str(self.path), _explain(exc)) from None
        lock_path = self.path.with_name(self.path.name + "-lock")
        self._lock_fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE)
        return self

    @asynccontextmanager
    async def _shared_lock(self, thread_id: str) -> AsyncIterator[None]:
        fd = self._lock_fd
        if fd is None:
            yield
            return
        offset = lock_key(thread_id) & (2**62 - 1)

        async def try_once() -> bool:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset)
                return True
            except OSError:
                return False

        await poll(try_once)
        try:
            yield
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, offset)

    async def claim_once(self, key: str) -> bool:
        async with self.checkpointer.lock:
            cur = await self.conn.execute(
                "INSERT OR IGNORE INTO advisor_claims VALUES (?, ?)", (key, time.time())
            )
            await self.conn.commit()
            return bool(cur.rowcount == 1)

    async def prune_thread(self, thread_id: str, keep: int = KEEP_CHECKPOINTS) -> PruneStats:
        async with self.checkpointer.lock:
            cur = await self.conn.execute(
                "DELETE FROM checkpoints WHERE rowid IN (SELECT rowid FROM (SELECT rowid, row_number() OVER "
                "(PARTITION BY checkpoint_ns ORDER BY checkpoint_id DESC) AS n FROM checkpoints "
                "WHERE thread_id = ?) WHERE n > ?)",
                (thread_id, max(1, keep)),
            )
            checkpoints = cur.rowcount
            cur = await self.conn.execute(
                "DELETE FROM writes WHERE thread_id = ? AND NOT EXISTS (SELECT 1 FROM checkpoints c WHERE "
                "c.thread_id = writes.thread_id AND c.checkpoint_ns = writes.checkpoint_ns "
                "AND c.checkpoint_id = writes.checkpoint_id)",
                (thread_id,),
            )
            await self.conn.commit()
        return PruneStats(1, checkpoints, cur.rowcount)

    async def thread_ids(self) -> list[str]:
        async with self.checkpointer.lock:
            rows = await (await self.conn.execute("SELECT DISTINCT thread_id FROM checkpoints")).fetchall()
        return [r[0] for r in rows]

    async def expire_claims(self, older_than_s: float = CLAIMS_TTL_S) -> int:
        async with self.checkpointer.lock:
            cur = await self.conn.execute(
                "DELETE FROM advisor_claims WHERE claimed_at < ?", (time.time() - older_than_s,)
            )
            await self.conn.commit()
        return int(cur.rowcount)

    async def compact(self) -> None:
        """Give freed pages back to the file system (``advisor db prune``); a database made before
        incremental auto-vacuum is converted once with a full VACUUM."""
        async with self.checkpointer.lock:
            await self.conn.commit()
            mode = await (await self.conn.execute("PRAGMA auto_vacuum")).fetchone()
            if int(mode[0]) != 2:
                await self.conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
                await self.conn.execute("VACUUM")
            await self.conn.execute("PRAGMA incremental_vacuum")
            await self.conn.commit()
            await self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def size_bytes(self) -> int:
        async with self.checkpointer.lock:
            row = await (
                await self.conn.execute(
                    "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM "
                    "pragma_freelist_count())"
                )
            ).fetchone()
            size = await (await self.conn.execute("PRAGMA page_size")).fetchone()
        return int(row[0]) * int(size[0])

    async def aclose(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                await self.conn.close()
            self.conn = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
