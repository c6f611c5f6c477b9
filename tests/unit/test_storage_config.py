"""Which database the conversations use, and how it is named to SQLAlchemy and in error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.storage import StorageError, database_url, lock_key, redact, resolve


def test_sqlite_is_the_default_and_follows_advisor_db(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ADVISOR_DB_URL", raising=False)
    monkeypatch.setenv("ADVISOR_DB", str(tmp_path / "s.db"))
    target = resolve()
    assert target.kind == "sqlite" and target.path == tmp_path / "s.db"
    assert database_url() == f"sqlite+aiosqlite:///{tmp_path / 's.db'}"


def test_a_postgres_url_wins_and_is_named_for_asyncpg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_DB", "/ignored.db")
    monkeypatch.setenv("ADVISOR_DB_URL", "postgres://u:pw@db.example:5433/advisor?sslmode=require")
    target = resolve()
    assert (
        target.kind == "postgres"
        and target.url == "postgresql://u:pw@db.example:5433/advisor?sslmode=require"
    )
    assert database_url() == "postgresql+asyncpg://u:pw@db.example:5433/advisor?sslmode=require"
    assert target.where == "postgresql://u:***@db.example:5433/advisor?sslmode=require"


def test_sqlite_urls_follow_sqlalchemy() -> None:
    assert resolve("sqlite:////var/lib/a.db").path == Path("/var/lib/a.db")
    assert resolve("sqlite:///rel.db").path == Path("rel.db").absolute()


def test_an_unknown_scheme_is_one_clear_line() -> None:
    with pytest.raises(StorageError) as err:
        resolve("mysql://x/y")
    assert "ADVISOR_DB_URL" in str(err.value) and "mysql" in str(err.value)


def test_explicit_empty_url_means_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_DB_URL", "postgresql://elsewhere/db")
    assert resolve("", "/tmp/x.db").kind == "sqlite"


def test_lock_keys_are_stable_signed_64_bit() -> None:
    assert lock_key("thread-1") == lock_key("thread-1") != lock_key("thread-2")
    assert -(2**63) <= lock_key("x") < 2**63
    assert redact("postgresql://a@h/d") == "postgresql://a@h/d"
