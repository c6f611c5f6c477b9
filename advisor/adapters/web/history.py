"""The web chat's history: Chainlit's SQLAlchemy data layer on the advisor's own database.

Conversations (the graph's checkpoints) and the chat history the sidebar lists live in one
database: the embedded SQLite file at ``ADVISOR_DB`` by default, PostgreSQL when ``ADVISOR_DB_URL``
is set. Chainlit does not create its tables, so ``ensure_schema`` does, once, idempotently.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

# Chainlit 2.x's SQLAlchemy schema (docs.chainlit.io/data-layers/sqlalchemy, plus columns newer
# releases write), in types both SQLite and PostgreSQL accept; the data layer stores JSON as text.
# Columns a newer Chainlit adds are added to existing tables too (``ensure_*_schema``).
_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "users": [("id", "TEXT PRIMARY KEY"), ("identifier", "TEXT NOT NULL UNIQUE"), ("metadata", "TEXT NOT NULL"),
              ("createdAt", "TEXT")],
    "threads": [("id", "TEXT PRIMARY KEY"), ("createdAt", "TEXT"), ("name", "TEXT"), ("userId", "TEXT"),
                ("userIdentifier", "TEXT"), ("tags", "TEXT"), ("metadata", "TEXT")],
    "steps": [("id", "TEXT PRIMARY KEY"), ("name", "TEXT NOT NULL"), ("type", "TEXT NOT NULL"),
              ("threadId", "TEXT NOT NULL"), ("parentId", "TEXT"), ("streaming", "BOOLEAN NOT NULL"),
              ("waitForAnswer", "BOOLEAN"), ("isError", "BOOLEAN"), ("metadata", "TEXT"), ("tags", "TEXT"),
              ("input", "TEXT"), ("output", "TEXT"), ("createdAt", "TEXT"), ("command", "TEXT"), ("start", "TEXT"),
              ("end", "TEXT"), ("generation", "TEXT"), ("showInput", "TEXT"), ("language", "TEXT"),
              ("indent", "INT"), ("defaultOpen", "BOOLEAN"), ("autoCollapse", "BOOLEAN"), ("modes", "TEXT")],
    "elements": [("id", "TEXT PRIMARY KEY"), ("threadId", "TEXT"), ("type", "TEXT"), ("url", "TEXT"),
                 ("chainlitKey", "TEXT"), ("name", "TEXT NOT NULL"), ("display", "TEXT"), ("objectKey", "TEXT"),
                 ("size", "TEXT"), ("page", "INT"), ("language", "TEXT"), ("forId", "TEXT"), ("mime", "TEXT"),
                 ("props", "TEXT"), ("autoPlay", "BOOLEAN"), ("playerConfig", "TEXT")],
    "feedbacks": [("id", "TEXT PRIMARY KEY"), ("forId", "TEXT NOT NULL"), ("threadId", "TEXT NOT NULL"),
                  ("value", "INT NOT NULL"), ("comment", "TEXT")],
}
_PARENT = {"threads": ('"userId"', "users"), "steps": ('"threadId"', "threads"),
           "elements": ('"threadId"', "threads"), "feedbacks": ('"threadId"', "threads")}


def conninfo(env: dict[str, str] | None = None) -> str:
    """The SQLAlchemy async URL of the advisor's own database (``advisor.storage`` decides which)."""
    from advisor.storage.config import database_url

    if env is None:
        return database_url()
    return database_url(env.get("ADVISOR_DB_URL") or None, env.get("ADVISOR_DB") or None)


def ddl() -> list[str]:
    out = []
    for table, columns in _COLUMNS.items():
        parts = [f'"{name}" {kind}' for name, kind in columns]
        if table in _PARENT:
            column, parent = _PARENT[table]
            parts.append(f'FOREIGN KEY ({column}) REFERENCES {parent}("id") ON DELETE CASCADE')
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    return out


def _added_columns(existing: dict[str, set[str]]) -> list[str]:
    """ALTER statements for columns a newer Chainlit writes that an older table lacks."""
    out = []
    for table, columns in _COLUMNS.items():
        for name, kind in columns:
            if name not in existing.get(table, set()):
                plain = kind.replace("PRIMARY KEY", "").replace("NOT NULL", "").replace("UNIQUE", "").strip()
                out.append(f'ALTER TABLE {table} ADD COLUMN "{name}" {plain}')
    return out


def ensure_sqlite_schema(path: Path) -> None:
    """Create (or complete) the history tables in the SQLite file (0600, like the checkpoints)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.touch(mode=0o600)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        for statement in ddl():
            db.execute(statement)
        existing = {t: {row[1] for row in db.execute(f"PRAGMA table_info({t})")} for t in _COLUMNS}
        for statement in _added_columns(existing):
            db.execute(statement)


async def ensure_postgres_schema(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        for statement in ddl():
            await conn.execute(statement)
        rows = await conn.fetch("SELECT table_name, column_name FROM information_schema.columns "
                                "WHERE table_name = ANY($1::text[])", list(_COLUMNS))
        existing: dict[str, set[str]] = {}
        for row in rows:
            existing.setdefault(row["table_name"], set()).add(row["column_name"])
        for statement in _added_columns(existing):
            await conn.execute(statement)
    finally:
        await conn.close()


def data_layer() -> Any:
    """Chainlit's SQLAlchemy data layer on the advisor's database, its tables created first.

    The recommendation card is a custom element whose props are all it needs, so it is stored as a
    row and reappears when the chat is reopened; files and charts would need blob storage and are
    left out (the report and the chart are derived from the conversation, which is kept whole).
    """
    from chainlit.data.sql_alchemy import SQLAlchemyDataLayer

    class HistoryDataLayer(SQLAlchemyDataLayer):
        async def create_element(self, element: Any) -> None:
            if getattr(element, "type", None) != "custom":
                return None
            row = {k: v for k, v in element.to_dict().items()
                   if v is not None and k in {c for c, _ in _COLUMNS["elements"]}}
            for key in ("props", "playerConfig"):
                if key in row and not isinstance(row[key], str):
                    row[key] = json.dumps(row[key], ensure_ascii=False)
            columns = ", ".join(f'"{k}"' for k in row)
            updates = ", ".join(f'"{k}" = :{k}' for k in row if k != "id")
            await self.execute_sql(
                query=f'INSERT INTO elements ({columns}) VALUES ({", ".join(f":{k}" for k in row)}) '
                      f'ON CONFLICT ("id") DO UPDATE SET {updates}',
                parameters=row)
            return None

    info = conninfo()
    if info.startswith("sqlite"):
        ensure_sqlite_schema(Path(info.split(":///", 1)[1]))
    elif info.startswith("postgresql"):
        _run_apart(ensure_postgres_schema(info))
    return HistoryDataLayer(conninfo=info)


def _run_apart(coro: Any) -> None:
    """Run a coroutine to completion from sync code, whether or not an event loop is running here."""
    import asyncio
    import threading

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join()
    if errors:
        raise errors[0]


def _layer() -> Any:
    try:
        from chainlit.data import get_data_layer

        return get_data_layer()
    except Exception:  # no data layer configured (tests, embedders): no history
        return None


async def remember(chainlit_thread: str | None, advisor_thread: str) -> None:
    """Bind the Chainlit thread (what the history lists) to the advisor conversation it shows."""
    layer = _layer()
    if layer is not None and chainlit_thread:
        await layer.update_thread(chainlit_thread, metadata={"advisor_thread": advisor_thread})


async def last_conversation(user: Any, current_thread: str | None) -> str | None:
    """The advisor conversation of this user's most recent other chat: a reload carries on with it."""
    layer = _layer()
    user_id = getattr(user, "id", None)
    if layer is None or not user_id:
        return None
    from chainlit.types import Pagination, ThreadFilter

    page = await layer.list_threads(Pagination(first=5), ThreadFilter(userId=user_id))
    for thread in page.data:
        if thread.get("id") != current_thread:
            metadata = thread.get("metadata") or {}
            return str(metadata.get("advisor_thread") or thread["id"]) if isinstance(metadata, dict) else thread["id"]
    return None
