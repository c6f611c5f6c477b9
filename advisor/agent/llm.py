"""The LLM side: building the chat model, calling it safely, and reading its structured output.

Every call goes through ``LLM`` so timeouts, retries (langchain-core's ``with_retry``), structured
output (``with_structured_output`` with a text fallback through ``with_fallbacks``), a circuit
breaker (after an endpoint failure the conversation stays offline for ``cooldown_s`` rather than
waiting on every call), call counting and prompt token counting are in one place. Any failure (HTTP error, timeout, unparsable output) raises
``LLMUnavailable``; the graph catches it and falls back to the offline path for that turn.
``langchain_openai`` is imported only here and only when the mode is ``openai``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal, cast

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import RunnableLambda
from pydantic import BaseModel, Field, ValidationError

from advisor.agent.context import Context
from advisor.engine.models import Deployment, Sensitivity


class LLMUnavailable(Exception):
    """The endpoint failed or answered something unusable; the turn goes offline."""


class HardwareMention(BaseModel):
    gpu: str = Field(description="GPU name as the user wrote it, e.g. 'A100 80GB'")
    count: int = Field(default=1, ge=1)


class ProfileUpdate(BaseModel):
    """Facts the user's message states about their situation (leave anything unstated empty)."""

    tasks: list[str] = []
    languages: list[str] = []
    data_sensitivity: Sensitivity | None = None
    regulations: list[str] = []
    deployment: Deployment | None = None
    budget_amount: float | None = Field(default=None, ge=0)
    budget_currency: str | None = Field(default=None, description="ISO code, e.g. USD, JPY, EUR")
    budget_period: Literal["month", "year"] | None = None
    requests_per_day: float | None = Field(default=None, ge=0)
    input_tokens: float | None = Field(default=None, ge=0)
    output_tokens: float | None = Field(default=None, ge=0)
    hardware: list[HardwareMention] = []
    no_gpus: bool = False
    can_rent_gpus: bool | None = None
    context_tokens: int | None = Field(default=None, ge=0)
    latency: Literal["interactive", "batch"] | None = None
    commercial_use: bool | None = None
    monthly_active_users: int | None = Field(default=None, ge=0)
    needs: list[str] = []
    region: str | None = None
    unknown_slots: list[str] = []
    intent: str = "inform"
    targets: list[str] = []
    volume_factor: float | None = Field(default=None, gt=0)
    gpu_count: int | None = Field(default=None, ge=1)
    what_if_budget_usd_month: float | None = Field(default=None, ge=0)


@dataclass
class CallStats:
    calls: int = 0
    prompt_tokens: int = 0
    errors: list[str] = field(default_factory=list)


def count_prompt_tokens(messages: Sequence[BaseMessage], tools: Sequence[Any] = ()) -> int:
    """Prompt tokens as the bench reports them: the messages' text plus the tool schemas sent."""
    from advisor.kb.tokens import count_tokens

    text = "\n".join(str(m.content) for m in messages) + "".join(_schema_text(t) for t in tools)
    return int(count_tokens(text))


_SCHEMAS: dict[tuple[str, str], str] = {}


def _schema_text(tool: Any) -> str:
    """A tool's JSON schema as sent to the API (cached: building it costs more than the call setup)."""
    key = (
        str(getattr(tool, "name", None) or getattr(tool, "__name__", "")),
        str(getattr(tool, "description", "")),
    )
    if key not in _SCHEMAS:
        from langchain_core.utils.function_calling import convert_to_openai_tool

        _SCHEMAS[key] = json.dumps(convert_to_openai_tool(tool), ensure_ascii=False)
    return _SCHEMAS[key]


def build_chat_model(ctx: Context) -> Any:
    """The injected model (tests), else ChatOpenAI on the configured OpenAI-compatible endpoint."""
    if ctx.chat_model is not None:
        return ctx.chat_model
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=ctx.model,
        api_key=ctx.api_key or "unused",
        base_url=ctx.base_url,
        temperature=ctx.temperature,
        timeout=ctx.timeout_s,
        max_retries=0,
    )


class _Counter(BaseCallbackHandler):
    """Counts every model call (each retry too), its prompt tokens and its errors into ``CallStats``."""

    def __init__(self, stats: CallStats, tokens: int) -> None:
        self.stats, self.tokens = stats, tokens

    def on_chat_model_start(self, serialized: Any, messages: Any, **kwargs: Any) -> None:
        self.stats.calls += 1
        self.stats.prompt_tokens += self.tokens

    def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
        self.stats.errors.append(f"{type(error).__name__}: {error}"[:200])


class _Unparsable(ValueError):
    """The model answered, but not in the requested shape (retried like any failure)."""


class LLM:
    """One conversation turn's access to the chat model: langchain-core runnables with ``with_retry``
    (exponential backoff) and structured output, plus a circuit breaker and bookkeeping."""

    def __init__(
        self, ctx: Context, model: Any | None = None, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.ctx = ctx
        self.model = model if model is not None else build_chat_model(ctx)
        self.stats = CallStats()
        self._sleep = sleep  # kept for callers; waits between retries are with_retry's own

    def _retrying(self, runnable: Any) -> Any:
        """``runnable`` retried ``max_retries`` times on any failure, backing off exponentially."""
        if self.ctx.max_retries <= 0:
            return runnable
        backoff = self.ctx.backoff_s > 0
        return runnable.with_retry(
            stop_after_attempt=self.ctx.max_retries + 1,
            retry_if_exception_type=(Exception,),
            wait_exponential_jitter=backoff,
            exponential_jitter_params={"multiplier": self.ctx.backoff_s, "jitter": 0} if backoff else None,
        )

    def _run(self, runnable: Any, messages: list[BaseMessage], tools: Sequence[Any]) -> Any:
        """Invoke through the breaker; every failure becomes LLMUnavailable (an endpoint failure also
        opens the breaker for ``cooldown_s``; a badly shaped answer does not)."""
        if time.monotonic() < self.ctx.down_until:
            raise LLMUnavailable("the endpoint failed recently; staying offline for a while")
        config = {"callbacks": [_Counter(self.stats, count_prompt_tokens(messages, tools))]}
        try:
            return self._retrying(runnable).invoke(messages, config=config)
        except Exception as exc:  # network, HTTP status, timeout, parse: all mean "not now"
            if not isinstance(exc, (_Unparsable, LLMUnavailable)):
                self.ctx.down_until = time.monotonic() + self.ctx.cooldown_s
            raise LLMUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from exc

    def call(
        self,
        messages: list[BaseMessage],
        *,
        tools: Sequence[Any] = (),
        tool_choice: str | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> AIMessage:
        """One reply (tools bound when given); streamed to ``on_token`` when asked."""
        runnable = self.model.bind_tools(list(tools), tool_choice=tool_choice) if tools else self.model
        if on_token is not None:
            return cast(
                AIMessage,
                self._run(
                    RunnableLambda(partial(self._stream, runnable, on_token=on_token)), messages, tools
                ),
            )
        result = self._run(runnable, messages, tools)
        if not isinstance(result, AIMessage):
            raise LLMUnavailable(f"unexpected reply type {type(result).__name__}")
        return result

    @staticmethod
    def _stream(runnable: Any, messages: list[BaseMessage], on_token: Callable[[str], None]) -> AIMessage:
        """Stream text to ``on_token`` while merging chunks, so streamed tool calls still parse."""
        merged: Any = None
        for chunk in runnable.stream(messages):
            merged = chunk if merged is None else merged + chunk
            text = chunk.content if isinstance(chunk.content, str) else ""
            if text:
                on_token(text)
        if merged is None:
            raise LLMUnavailable("empty stream")
        return AIMessage(content=merged.content, tool_calls=getattr(merged, "tool_calls", []) or [])

    def structured(self, messages: list[BaseMessage], schema: type[BaseModel]) -> BaseModel:
        """langchain-core's structured output (a forced tool call, the widest-supported route on
        compatible servers); when the reply carries no usable call, a fallback reads the JSON object in
        its text. Anything else is LLMUnavailable."""
        structured = self.model.with_structured_output(schema, method="function_calling", include_raw=True)
        parse = RunnableLambda(_parsed).with_fallbacks([RunnableLambda(partial(_from_text, schema))])
        result = self._run(structured | parse, messages, [schema])
        if not isinstance(result, schema):
            raise LLMUnavailable("the model's answer did not parse as " + schema.__name__)
        return result


def _parsed(out: dict[str, Any]) -> BaseModel:
    if out.get("parsed") is None:
        raise _Unparsable(str(out.get("parsing_error") or "no structured answer"))
    return cast(BaseModel, out["parsed"])


def _from_text(schema: type[BaseModel], out: dict[str, Any]) -> BaseModel:
    """The JSON object in the reply's text (models sometimes answer in prose or code fences)."""
    content = getattr(out.get("raw"), "content", None)
    data = _json_from_text(content) if isinstance(content, str) else None
    if not isinstance(data, dict):
        raise _Unparsable("no JSON object in the answer")
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise _Unparsable(f"invalid structured output: {exc.error_count()} errors") from exc


def _json_from_text(text: str) -> Any:
    """The first JSON object in a reply (models sometimes wrap it in prose or code fences)."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        return json.loads(text[start : end + 1])
    except json.JSONDecodeError:
        return None
