"""The conversation service: SQLite persistence across instances, the async service on AsyncSqliteSaver,
streaming events, reconnecting with get_reply."""

from __future__ import annotations

from pathlib import Path

from agent_support import real_kb

from advisor.agent.context import Context
from advisor.agent.service import ConversationService, SyncConversationService


def _ctx(db: Path, **kw: object) -> Context:
    return Context(llm="offline", kb=real_kb(), db_path=str(db), **kw)  # type: ignore[arg-type]


def test_sync_conversation_resumes_in_a_new_instance(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    with SyncConversationService(context=_ctx(db)) as first:
        assert first.respond("t", "We want to summarise patient records.").question.slot == "deployment"  # type: ignore[union-attr]
        first.respond("other", "A chatbot for our public website.")
    with SyncConversationService(context=_ctx(db)) as second:
        pending = second.get_reply("t")
        assert pending is not None and pending.question is not None and pending.question.slot == "deployment"
        reply = second.respond("t", "on_prem")
        assert reply.question is not None and reply.question.slot == "hardware"
        assert reply.profile["data_sensitivity"] == "regulated"
        assert second.get_reply("other").profile.get("data_sensitivity") != "regulated"  # type: ignore[union-attr]


def test_empty_text_returns_a_welcome_or_the_current_state(tmp_path: Path) -> None:
    with SyncConversationService(context=_ctx(tmp_path / "s.db", lang="ja")) as svc:
        hello = svc.respond("new", "  ")
        assert hello.lang == "ja" and hello.text and svc.get_reply("new") is None
        svc.respond("new", "患者のカルテを要約したい。")
        again = svc.respond("new", "")
        assert again.question is not None and again.steps == []


async def test_async_service_on_sqlite_with_streaming(tmp_path: Path) -> None:
    db = tmp_path / "async.db"
    async with ConversationService(context=_ctx(db)) as svc:
        first = await svc.respond("a", "We want to summarise patient records on our own servers.")
        assert first.question is not None and first.question.slot == "hardware"
        events = [e async for e in svc.astream_respond("a", "A100 80GB x2")]
        kinds = [e["type"] for e in events]
        assert kinds[-1] == "reply" and "step_start" in kinds and "step_end" in kinds
        final = events[-1]["reply"]
        assert final.done and final.steps[0].name == "recommend"
    async with ConversationService(context=_ctx(db)) as again:
        restored = await again.get_reply("a")
        assert restored is not None and restored.recommendation == final.recommendation
        follow = await again.respond("a", "why not GPT-4o?")
        assert "GPT-4o" in follow.text


def test_sync_and_async_share_the_same_file(tmp_path: Path) -> None:
    import asyncio

    db = tmp_path / "shared.db"
    with SyncConversationService(context=_ctx(db)) as svc:
        svc.respond("s", "We want to summarise patient records.")

    async def resume() -> str | None:
        async with ConversationService(context=_ctx(db)) as asvc:
            reply = await asvc.respond("s", "on_prem")
            return reply.question.slot if reply.question else None

    assert asyncio.run(resume()) == "hardware"


def test_an_internal_error_is_a_reply_with_a_notice_and_state_is_kept(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from advisor.agent import nodes

    with SyncConversationService(context=_ctx(tmp_path / "e.db")) as svc:
        svc.respond("t", "We want to summarise patient records.")

        def broken(*args: object, **kw: object) -> None:
            raise RuntimeError("engine exploded")

        monkeypatch.setattr(nodes, "_engine_run", broken)
        svc.respond("t", "on_prem")
        reply = svc.respond("t", "A100 80GB x2")
        assert "engine exploded" in reply.notices[0] and reply.question is not None
        assert reply.question.slot == "hardware"  # the pending question survives the failed turn
        monkeypatch.undo()
        assert svc.respond("t", "A100 80GB x2").done
