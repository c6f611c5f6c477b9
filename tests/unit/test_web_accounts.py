"""Identities for the web chat (password users or one per browser) and the history tables."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from advisor.adapters.web import accounts, history


def test_passwords_are_salted_scrypt_and_checked_in_constant_time() -> None:
    stored = accounts.hash_password("correct horse")
    assert stored.startswith("scrypt$") and stored != accounts.hash_password("correct horse")
    users = {"alice": stored}
    assert accounts.check_login("alice", "correct horse", users)
    assert not accounts.check_login("alice", "wrong", users)
    assert not accounts.check_login("mallory", "correct horse", users)
    assert not accounts.verify_password("x", "garbage")


def test_users_come_from_the_environment_and_a_file(tmp_path: Path) -> None:
    path = tmp_path / "users"
    path.write_text("# name:hash\nbob:scrypt$b$c\n\nbroken line\n", encoding="utf-8")
    env = {"ADVISOR_WEB_USERS": "alice:scrypt$a$b, ", "ADVISOR_WEB_USERS_FILE": str(path)}
    assert accounts.configured_users(env) == {"alice": "scrypt$a$b", "bob": "scrypt$b$c"}
    assert accounts.configured_users({}) == {}


def test_browser_identity_is_a_digest_of_a_long_cookie() -> None:
    token = "t" * 43
    identity = accounts.browser_identity(f"other=1; {accounts.COOKIE}={token}")
    assert identity and identity.startswith("browser-") and token not in identity
    assert accounts.browser_identity(f"{accounts.COOKIE}=short") is None
    assert accounts.browser_identity(None) is None


def test_the_middleware_sets_a_random_http_only_cookie_once() -> None:
    sent: list[dict[str, Any]] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    middleware = accounts.BrowserCookie(app)
    asyncio.run(middleware({"type": "http", "headers": []}, None, send))
    [(name, value)] = sent[0]["headers"]
    assert name == b"set-cookie" and b"HttpOnly" in value and b"SameSite=Lax" in value
    cookie = value.decode().split(";")[0]
    sent.clear()
    asyncio.run(middleware({"type": "http", "headers": [(b"cookie", cookie.encode())]}, None, send))
    assert sent[0]["headers"] == []  # a browser that has one keeps it


def test_history_lives_in_the_advisors_database(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    assert history.conninfo({"ADVISOR_DB": str(db)}).startswith("sqlite+aiosqlite:///")
    assert (
        history.conninfo({"ADVISOR_DB_URL": "postgresql://u@127.0.0.1:5432/a"})
        == "postgresql+asyncpg://u@127.0.0.1:5432/a"
    )
    history.ensure_sqlite_schema(db)
    history.ensure_sqlite_schema(db)  # idempotent
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {"users", "threads", "steps", "elements", "feedbacks"} <= tables
    assert db.stat().st_mode & 0o777 == 0o600


def test_an_older_history_table_gains_the_columns_a_newer_chainlit_writes(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.execute(
            'CREATE TABLE steps ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "type" TEXT NOT NULL, '
            '"threadId" TEXT NOT NULL, "streaming" BOOLEAN NOT NULL)'
        )
    history.ensure_sqlite_schema(db)
    with sqlite3.connect(db) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(steps)")}
    assert {"autoCollapse", "defaultOpen", "modes", "generation"} <= columns
