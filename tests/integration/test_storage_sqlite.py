"""The embedded SQLite database: private files, one clear line for a file that cannot be used (exit 2
in the CLI), turn locks shared with other processes, pruning after each turn and ``advisor db prune``
for a database that was never pruned."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from agent_support import real_kb

from advisor.agent.context import Context
from advisor.agent.service import SyncConversationService
from advisor.cli.main import main
from advisor.storage import open_storage, resolve

ROOT = Path(__file__).resolve().parents[2]
TURNS = [
    "We want to summarise patient records for our hospital.",
    "on_prem",
    "A100 80GB x2",
    "why not GPT-4o?",
    "what if volume doubles?",
    "can it run on one GPU?",
]


def _service(db: Path, **kw: object) -> SyncConversationService:
    return SyncConversationService(context=Context(llm="offline", kb=real_kb(), db_path=str(db), **kw))  # type: ignore[arg-type]


def _checkpoints(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT thread_id, count(*) FROM checkpoints GROUP BY thread_id").fetchall())


def test_database_files_are_private(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    with _service(db) as svc:
        svc.respond("t", TURNS[0])
        files = [p for p in tmp_path.iterdir() if p.name.startswith("state.db")]
        assert {p.name for p in files} >= {"state.db", "state.db-wal", "state.db-shm"}
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


def test_a_loose_existing_file_is_tightened(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    sqlite3.connect(db).close()
    db.chmod(0o644)
    with _service(db):
        assert stat.S_IMODE(db.stat().st_mode) == 0o600


def _truncated(tmp_path: Path) -> Path:
    db = tmp_path / "cut.db"
    with _service(db) as svc:
        for i in range(30):
            svc.respond(f"t{i}", TURNS[0])
    os.truncate(db, db.stat().st_size // 2)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    return db


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.db"
    path.write_bytes(os.urandom(8192))
    return path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda tmp: tmp, "folder"),
        (lambda tmp: Path("/dev/null"), "not a regular file"),
        (_truncated, "damaged or truncated"),
        (_garbage, "damaged or truncated"),
    ],
)
def test_an_unusable_database_is_one_line_and_exit_2(
    tmp_path: Path,
    make,
    problem: str,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = make(tmp_path)
    monkeypatch.setenv("ADVISOR_DB", str(path))
    monkeypatch.delenv("ADVISOR_DB_URL", raising=False)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115
    assert main(["chat"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(path) in err and problem in err and "Traceback" not in err


def test_a_read_only_database_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    sqlite3.connect(db).close()
    if os.geteuid() == 0:  # root writes through file modes; an immutable file is read-only even to root
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(db)]).returncode != 0:
            pytest.skip("no way to make a file read-only for root here")
    else:
        db.chmod(0o444)
    try:
        env = {**os.environ, "ADVISOR_DB": str(db), "ADVISOR_LLM": "offline", "PYTHONPATH": str(ROOT)}
        env.pop("ADVISOR_DB_URL", None)
        out = subprocess.run(
            [sys.executable, "-m", "advisor.cli.main", "chat"],
            input="",
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=False)
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and str(db) in out.stderr and "read-only" in out.stderr


def test_storage_stays_flat_as_a_conversation_grows(tmp_path: Path) -> None:
    db = tmp_path / "grow.db"
    with _service(db) as svc:
        sizes = []
        for n in range(30):
            svc.respond("long", TURNS[3 + n % 3] if n >= 3 else TURNS[n])
            with sqlite3.connect(db) as conn:
                sizes.append(conn.execute("SELECT sum(length(checkpoint)) FROM checkpoints").fetchone()[0])
        assert _checkpoints(db) == {"long": 1}
        assert (
            sizes[-1] < 60_000 and sizes[-1] < 1.5 * sizes[5]
        )  # the newest checkpoint only, not the history
        assert svc.respond("long", "why not GPT-4o?").recommendation is not None


def test_db_prune_shrinks_a_database_that_was_never_pruned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "old.db"
    with _service(db, keep_checkpoints=100) as svc:  # as databases were before pruning existed
        for thread in ("a", "b"):
            for text in TURNS:
                svc.respond(thread, text)
        svc.respond("c", TURNS[0])  # waits on a question
    assert _checkpoints(db) == {"a": 6, "b": 6, "c": 1}
    assert main(["db", "prune", "--db-url", f"sqlite:///{db}", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["threads"] == 3 and result["checkpoints_deleted"] == 10
    assert result["bytes_after"] < result["bytes_before"] / 2
    assert _checkpoints(db) == {"a": 1, "b": 1, "c": 1}
    with _service(db) as svc:
        assert svc.respond("a", "why not GPT-4o?").recommendation is not None
        assert svc.respond("c", "on_prem").question is not None  # the pending question survived


HOLDER = textwrap.dedent("""
    import asyncio, sys
    from advisor.storage import open_storage, resolve

    async def hold() -> None:
        storage = await open_storage(resolve("", sys.argv[1]))
        async with storage.lock("busy"):
            print("held", flush=True)
            sys.stdin.readline()
        await storage.aclose()

    asyncio.run(hold())
""")


@contextmanager
def holding_lock(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the turn lock of thread "busy" in ``db`` until it reads a line
    (or the block ends); yields the process, to release the lock early."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()


async def test_turn_locks_hold_across_processes(tmp_path: Path) -> None:
    db = tmp_path / "locks.db"
    with holding_lock(db) as holder:
        storage = await open_storage(resolve("", str(db)))
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.3):
                await storage.lock("busy").__aenter__()
        async with asyncio.timeout(2), storage.lock("other"):
            pass
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        async with asyncio.timeout(10), storage.lock("busy"):
            pass
        await storage.aclose()


async def test_claims_are_once_per_database(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    one, two = await open_storage(resolve("", str(db))), await open_storage(resolve("", str(db)))
    try:
        assert await one.claim_once("event:E1") and not await two.claim_once("event:E1")
        assert await two.claim_once("event:E2")
    finally:
        await one.aclose()
        await two.aclose()


def test_a_turn_waits_for_another_process_then_says_busy(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    with holding_lock(db), _service(db, turn_deadline_s=0.5) as svc:
        reply = svc.respond("busy", TURNS[0])
        assert reply.notices == ["thread busy"] and reply.question is None
        assert svc.get_reply("busy") is None  # nothing was played
        assert svc.respond("free", TURNS[0]).question is not None
