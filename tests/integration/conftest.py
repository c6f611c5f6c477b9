"""Fixtures for the database tests: one real PostgreSQL server per test session (Debian binaries,
started in a temp folder on loopback), and a fresh database on it per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from advisor.storage.local_pg import LocalPostgres, find_bindir, local_postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[LocalPostgres]:
    if find_bindir() is None:
        if os.environ.get("ADVISOR_REQUIRE_SERVERS") == "1":  # make test / .ci/run install it
            pytest.fail("PostgreSQL binaries are missing (apt-get install -y postgresql)")
        pytest.skip("PostgreSQL is not installed (make test installs it)")
    with local_postgres() as server:
        yield server


@pytest.fixture
def pg_url(postgres_server: LocalPostgres) -> str:
    return postgres_server.create_database(f"t_{uuid.uuid4().hex[:12]}")
