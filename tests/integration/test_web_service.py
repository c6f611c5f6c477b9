"""The web adapter against the real conversation service (offline, temporary database)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from advisor.adapters.web.service import iter_turn, normalise_event
from advisor.agent.reply import Reply, ToolStep

HOSPITAL = "日本の病院です。患者のカルテを日本語で要約したいです。個人情報なので院外には出せません。"


@pytest.fixture
async def real_service(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[Any]:
    monkeypatch.setenv("ADVISOR_LLM", "offline")
    monkeypatch.setenv("ADVISOR_DB", str(tmp_path / "state.db"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    from advisor.agent.service import ConversationService

    service = ConversationService.from_env()
    yield service
    await service.aclose()


async def _turn(service: Any, thread: str, text: str) -> tuple[list[ToolStep], Reply]:
    steps: list[ToolStep] = []
    reply: Reply | None = None
    async for kind, data in iter_turn(service, thread, text):
        if kind == "step":
            steps.append(data)
        elif kind == "reply":
            reply = data
    assert reply is not None
    return steps, reply


async def test_clicked_option_values_keep_the_users_language(real_service: Any) -> None:
    """Buttons send English option values; a Japanese conversation must stay Japanese."""
    _, reply = await _turn(real_service, "ja-thread", HOSPITAL)
    assert reply.lang == "ja" and reply.question is not None and reply.question.options
    for _ in range(6):
        if reply.question is None:
            break
        options = [o for o in reply.question.options if o.value != "don't know"]
        _, reply = await _turn(real_service, "ja-thread", options[0].value)
        assert reply.lang == "ja", f"switched to English after the option {options[0].value!r}"
    assert reply.recommendation is not None


async def test_stream_events_become_tool_steps_and_one_reply(real_service: Any) -> None:
    steps, reply = await _turn(
        real_service,
        "en-thread",
        "We need an internal coding assistant, public data, about 1000 requests a day, budget $500 a month.",
    )
    for _ in range(6):
        if reply.question is None:
            break
        steps, reply = await _turn(real_service, "en-thread", reply.question.options[0].value)
    assert reply.recommendation is not None
    assert steps and all(isinstance(s, ToolStep) and s.label for s in steps)
    assert {s.name for s in steps} >= {"recommend", "estimate_cost"}
    restored = await real_service.get_reply("en-thread")
    assert restored is not None and restored.recommendation == reply.recommendation


def test_unknown_events_are_ignored() -> None:
    assert normalise_event({"type": "step_start", "name": "recommend"}) is None
    assert normalise_event({"type": "replace"}) is None
    assert normalise_event({"type": "token", "text": ""}) is None
    assert normalise_event({"type": "token", "text": "Hi"}) == ("token", "Hi")


async def test_the_web_builds_one_streaming_service_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from advisor.adapters.web import service as web_service

    monkeypatch.setenv("ADVISOR_LLM", "offline")
    monkeypatch.setenv("ADVISOR_DB", str(tmp_path / "state.db"))
    web_service.set_service(None)
    try:
        built = await web_service.get_service()
        assert built is await web_service.get_service()  # one per server process
        assert built.context.stream is True and built.context.db_path == str(tmp_path / "state.db")
        assert await built.get_reply("never-seen") is None
        await built.aclose()
    finally:
        web_service.set_service(None)
