"""The web chat's history on PostgreSQL: the same database as the conversations, tables created once."""

from __future__ import annotations

import asyncio

import asyncpg

from advisor.adapters.web import history


def test_history_tables_are_created_in_the_shared_postgres_database(pg_url: str) -> None:
    info = history.conninfo({"ADVISOR_DB_URL": pg_url})
    assert info.startswith("postgresql+asyncpg://")
    asyncio.run(history.ensure_postgres_schema(info))
    asyncio.run(history.ensure_postgres_schema(info))  # idempotent, and completes older tables

    async def tables() -> set[str]:
        conn = await asyncpg.connect(pg_url)
        try:
            rows = await conn.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        finally:
            await conn.close()
        return {r["table_name"] for r in rows}

    assert {"users", "threads", "steps", "elements", "feedbacks"} <= asyncio.run(tables())
