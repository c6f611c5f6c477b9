"""Which database holds the conversations: ADVISOR_DB_URL (PostgreSQL, or an SQLite URL) else the
SQLite file at ADVISOR_DB. One answer for the checkpointer and for the web chat's history layer."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit, urlunsplit

from advisor.storage.base import StorageError

DEFAULT_DB = "~/.local/share/advisor/state.db"


@dataclass(frozen=True)
class Target:
    """A resolved database: an SQLite file path, or a PostgreSQL URL (libpq form)."""

    kind: Literal["sqlite", "postgres"]
    path: Path | None = None
    url: str | None = None

    @property
    def where(self) -> str:
        """How error messages name it (a URL without its password)."""
        return str(self.path) if self.path is not None else redact(self.url or "")

    def sqlalchemy_url(self) -> str:
        """For SQLAlchemy async engines (Chainlit's data layer): aiosqlite or asyncpg."""
        if self.kind == "sqlite":
            return f"sqlite+aiosqlite:///{self.path}"
        parts = urlsplit(self.url or "")
        return urlunsplit(("postgresql+asyncpg", *parts[1:]))


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, *parts[2:]))


def resolve(db_url: str | None = None, db_path: str | None = None) -> Target:
    """The target from explicit values, else ADVISOR_DB_URL / ADVISOR_DB, else the default file."""
    url = (db_url if db_url is not None else os.environ.get("ADVISOR_DB_URL") or "").strip()
    if url:
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
            return Target("postgres", url=urlunsplit(("postgresql", *urlsplit(url)[1:])))
        if scheme.startswith("sqlite"):
            raw = unquote(urlsplit(url).path)
            rel = raw[1:] if raw.startswith("/") else raw  # SQLAlchemy: sqlite:///rel.db, sqlite:////abs.db
            return Target("sqlite", path=Path(rel).expanduser().absolute())
        raise StorageError(
            "ADVISOR_DB_URL", f"unsupported database '{scheme}' (use postgresql://... or sqlite:///...)"
        )
    path = db_path or os.environ.get("ADVISOR_DB") or DEFAULT_DB
    return Target("sqlite", path=Path(path).expanduser().absolute())


def database_url(db_url: str | None = None, db_path: str | None = None) -> str:
    """The conversations' database as an SQLAlchemy async URL: ``sqlite+aiosqlite:///...`` or
    ``postgresql+asyncpg://...``, so another component (the web chat's history) shares it."""
    return resolve(db_url, db_path).sqlalchemy_url()
