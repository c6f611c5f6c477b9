"""The LLM wrapper over the real langchain-openai wire path (a local fake endpoint) and a scripted model:
structured output, tool calls, streaming, HTTP 500s, timeouts and nonsense all end in a clean result or
LLMUnavailable, with every attempt counted."""

from __future__ import annotations

from typing import Any

import pytest
from fakes.chat_model import ScriptedChatModel, tool_call
from fakes.openai_server import fake_openai, wants_tool
from langchain_core.messages import AIMessage, HumanMessage

from advisor.agent.context import Context, resolve_llm_mode
from advisor.agent.llm import LLM, LLMUnavailable, ProfileUpdate
from advisor.kb.errors import InputError

NO_SLEEP = {"sleep": lambda s: None}


def _ctx(url: str, **kw: Any) -> Context:
    return Context(
        llm="openai",
        api_key="test",
        base_url=url,
        timeout_s=kw.pop("timeout_s", 5.0),
        max_retries=kw.pop("max_retries", 1),
        **kw,
    )


def test_mode_resolution() -> None:
    assert resolve_llm_mode(None, None) == "offline"
    assert resolve_llm_mode("auto", "sk-x") == "openai"
    assert resolve_llm_mode("OFFLINE", "sk-x") == "offline"
    with pytest.raises(InputError):
        resolve_llm_mode("gpt", None)


def test_context_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("ADVISOR_MODEL", "my-model")
    monkeypatch.setenv("ADVISOR_DB", "/tmp/x.db")
    monkeypatch.delenv("ADVISOR_LLM", raising=False)
    ctx = Context.from_env(lang="ja")
    assert (ctx.llm, ctx.model, ctx.db_path, ctx.lang) == ("openai", "my-model", "/tmp/x.db", "ja")


def test_structured_output_over_the_wire() -> None:
    def handler(body: dict) -> dict:
        assert wants_tool(body, "ProfileUpdate")
        return {
            "tool_calls": [("ProfileUpdate", {"tasks": ["summarization"], "data_sensitivity": "regulated"})]
        }

    with fake_openai(handler) as server:
        llm = LLM(_ctx(server.url), **NO_SLEEP)
        read = llm.structured([HumanMessage("summarise patient records")], ProfileUpdate)
    assert isinstance(read, ProfileUpdate)
    assert read.tasks == ["summarization"] and read.data_sensitivity == "regulated"
    assert llm.stats.calls == 1 and llm.stats.prompt_tokens > 0
    assert server.requests[0]["tool_choice"]["function"]["name"] == "ProfileUpdate"


def test_json_in_text_is_accepted_and_nonsense_is_not() -> None:
    answers = iter(
        [
            {"content": 'Sure! ```{"tasks": ["coding"]}```'},
            {"content": "banana banana"},
            {"content": "banana"},
        ]
    )
    with fake_openai(lambda body: next(answers)) as server:
        llm = LLM(_ctx(server.url, max_retries=0), **NO_SLEEP)
        assert llm.structured([HumanMessage("code")], ProfileUpdate).tasks == ["coding"]  # type: ignore[attr-defined]
        with pytest.raises(LLMUnavailable):
            llm.structured([HumanMessage("code")], ProfileUpdate)


def test_http_500_is_retried_then_gives_up() -> None:
    with fake_openai(lambda body: {"status": 500}) as server:
        llm = LLM(_ctx(server.url, max_retries=2), **NO_SLEEP)
        with pytest.raises(LLMUnavailable):
            llm.call([HumanMessage("hi")])
    assert llm.stats.calls == 3 and len(server.requests) == 3


def test_a_500_then_success_recovers() -> None:
    answers = iter([{"status": 500}, {"content": "hello"}])
    with fake_openai(lambda body: next(answers)) as server:
        llm = LLM(_ctx(server.url, max_retries=1), **NO_SLEEP)
        assert llm.call([HumanMessage("hi")]).content == "hello"
    assert llm.stats.calls == 2


def test_timeout_gives_up_quickly() -> None:
    with fake_openai(lambda body: {"delay": 1.0, "content": "late"}) as server:
        llm = LLM(_ctx(server.url, timeout_s=0.2, max_retries=0), **NO_SLEEP)
        with pytest.raises(LLMUnavailable):
            llm.call([HumanMessage("hi")])


def test_streaming_tokens_over_sse() -> None:
    tokens: list[str] = []
    with fake_openai(lambda body: {"content": "Qwen2.5 fits your two A100s."}) as server:
        llm = LLM(_ctx(server.url), **NO_SLEEP)
        reply = llm.call([HumanMessage("explain")], on_token=tokens.append)
    assert server.requests[0]["stream"] is True
    assert "".join(tokens) == reply.content == "Qwen2.5 fits your two A100s."
    assert len(tokens) > 1


def test_tool_calls_parse_over_the_wire() -> None:
    from langchain_core.tools import tool

    @tool
    def check_licence(model: str) -> str:
        """Check a licence."""
        return model

    with fake_openai(lambda body: {"tool_calls": [("check_licence", {"model": "gpt-4o"})]}) as server:
        reply = LLM(_ctx(server.url), **NO_SLEEP).call([HumanMessage("x")], tools=[check_licence])
    assert reply.tool_calls[0]["name"] == "check_licence" and reply.tool_calls[0]["args"] == {
        "model": "gpt-4o"
    }


def test_scripted_model_errors_become_unavailable() -> None:
    calls = iter([RuntimeError("down"), tool_call("ProfileUpdate", {"intent": "thanks"})])
    model = ScriptedChatModel(responder=lambda messages, tools: next(calls))
    llm = LLM(Context(llm="openai", max_retries=1), model=model, **NO_SLEEP)
    read = llm.structured([HumanMessage("thanks")], ProfileUpdate)
    assert read.intent == "thanks"  # type: ignore[attr-defined]
    assert llm.stats.calls == 2 and llm.stats.errors


def test_invalid_structured_values_do_not_parse() -> None:
    model = ScriptedChatModel(
        responder=lambda m, t: tool_call("ProfileUpdate", {"data_sensitivity": "top-secret"})
    )
    llm = LLM(Context(llm="openai", max_retries=0), model=model, **NO_SLEEP)
    with pytest.raises(LLMUnavailable):
        llm.structured([HumanMessage("x")], ProfileUpdate)
    assert isinstance(AIMessage(content=""), AIMessage)


def test_breaker_skips_calls_after_an_endpoint_failure() -> None:
    model = ScriptedChatModel(responder=lambda m, t: ConnectionError("down"))
    ctx = Context(llm="openai", max_retries=0, cooldown_s=60)
    with pytest.raises(LLMUnavailable):
        LLM(ctx, model=model, **NO_SLEEP).call([HumanMessage("x")])
    second = LLM(ctx, model=model, **NO_SLEEP)
    with pytest.raises(LLMUnavailable):
        second.call([HumanMessage("x")])
    assert second.stats.calls == 0 and len(model.log) == 1
    ctx.down_until = 0.0
    with pytest.raises(LLMUnavailable):
        LLM(ctx, model=model, **NO_SLEEP).call([HumanMessage("x")])
    assert len(model.log) == 2
