"""The conversation service's turn rules: a deadline that ends every turn (offline replay), the LLM
breaker kept per conversation, input capped before the LLM, per-thread locks that are evicted, and
a bounded transcript in the state."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from agent_support import real_kb
from fakes.chat_model import ScriptedChatModel, last_user, tool_call
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from advisor.agent.context import Context
from advisor.agent.service import ConversationService, SyncConversationService
from advisor.agent.state import CLIP_AI_CHARS, KEEP_MESSAGES, transcript
from advisor.agent.understand.core import MAX_CHARS

OPENING = "We want to summarise patient records."


def _llm_service(model: ScriptedChatModel, **kw: Any) -> SyncConversationService:
    ctx = Context(llm="openai", kb=real_kb(), chat_model=model, max_retries=0, backoff_s=0, **kw)
    return SyncConversationService(context=ctx, checkpointer=InMemorySaver())


def _cooperative(messages: list[BaseMessage], tools: list[str]) -> AIMessage:
    return tool_call("ProfileUpdate", {}) if "ProfileUpdate" in tools else AIMessage(content="Noted.")


def test_a_hung_llm_ends_the_turn_at_the_deadline_with_the_offline_answer() -> None:
    def hang(messages: list[BaseMessage], tools: list[str]) -> AIMessage:
        time.sleep(3)
        return _cooperative(messages, tools)

    svc = _llm_service(ScriptedChatModel(responder=hang), turn_deadline_s=0.5)
    start = time.monotonic()
    reply = svc.respond("t", OPENING)
    assert time.monotonic() - start < 2.5
    assert reply.question is not None and reply.question.slot == "deployment"  # the rules read the message
    assert reply.profile["data_sensitivity"] == "regulated"
    assert any("0.5" in n for n in reply.notices)  # says that the deadline passed
    assert reply.llm_calls == 0  # the figures are the offline replay's
    # the breaker is now open for this conversation: its next turn does not wait on the LLM again
    start = time.monotonic()
    assert svc.respond("t", "on_prem").question is not None
    assert time.monotonic() - start < 1.5


def test_an_endpoint_that_hangs_for_two_conversations_is_skipped_for_all() -> None:
    def hang(messages: list[BaseMessage], tools: list[str]) -> AIMessage:
        time.sleep(2)
        return _cooperative(messages, tools)

    model = ScriptedChatModel(responder=hang)
    svc = _llm_service(model, turn_deadline_s=0.4)
    svc.respond("a", OPENING)
    svc.respond("b", OPENING)
    calls = len(model.log)
    start = time.monotonic()
    third = svc.respond("c", OPENING)
    assert len(model.log) == calls and time.monotonic() - start < 1.5  # no third wait on the endpoint
    assert third.question is not None and third.question.slot == "deployment"


def test_one_conversations_failing_llm_does_not_send_others_offline() -> None:
    def picky(messages: list[BaseMessage], tools: list[str]) -> AIMessage | Exception:
        if "BOOM" in last_user(messages):
            return RuntimeError("400 context length exceeded")
        return _cooperative(messages, tools)

    model = ScriptedChatModel(responder=picky)
    svc = _llm_service(model)
    failed = svc.respond("a", "BOOM " + OPENING)
    assert failed.notices  # that conversation went offline and was told
    before = len(model.log)
    other = svc.respond("b", OPENING)
    assert len(model.log) > before and other.llm_calls > 0  # another user still gets the LLM
    assert not other.notices
    assert svc.service._breakers.keys() == {"a"}


def test_a_huge_message_is_capped_before_the_llm_and_the_database() -> None:
    model = ScriptedChatModel(responder=_cooperative)
    svc = _llm_service(model)
    reply = svc.respond("t", OPENING + " " + "x" * 1_000_000)
    prompts = [str(m.content) for call in model.log for m in call["messages"] if isinstance(m, HumanMessage)]
    assert prompts and max(len(p) for p in prompts) < MAX_CHARS + 2000
    state = svc.graph.get_state({"configurable": {"thread_id": "t"}}).values
    assert max(len(str(m.content)) for m in state["messages"]) <= MAX_CHARS + 1
    assert reply.question is not None  # and the turn went on normally


async def test_thread_locks_are_released_and_evicted() -> None:
    svc = ConversationService(context=Context(llm="offline", kb=real_kb()), checkpointer=InMemorySaver())
    async with svc:
        await asyncio.gather(
            *(svc.respond(f"t{i}", OPENING) for i in range(20)), svc.respond("t0", "on_prem")
        )
        assert svc.storage is not None and len(svc.storage.locks) == 0
        assert (await svc.get_reply("t0")) is not None


def test_the_transcript_keeps_recent_messages_and_clips_long_assistant_text() -> None:
    messages: list[Any] = []
    for i in range(30):
        messages = transcript(messages, [HumanMessage(f"q{i}"), AIMessage("r" * 5000)])
    assert len(messages) == KEEP_MESSAGES
    assert str(messages[-2].content) == "q29"
    assert all(len(str(m.content)) <= CLIP_AI_CHARS + 2 for m in messages)
