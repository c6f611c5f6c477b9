"""A scripted tool-calling chat model for graph tests (no network).

``bind_tools`` returns a copy that remembers the tool names (sharing the call log), so a responder
can answer differently for the structured-output call, the tool loop and plain prose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

Responder = Callable[[list[BaseMessage], list[str]], AIMessage | Exception]


class ScriptedChatModel(BaseChatModel):
    responder: Any
    tool_names: list[str] = Field(default_factory=list)
    log: list[dict[str, Any]] = Field(default_factory=list)
    disable_streaming: bool = True

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        names = [getattr(t, "name", None) or getattr(t, "__name__", None) or str(t) for t in tools]
        return self.model_copy(update={"tool_names": names})

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        self.log.append({"messages": messages, "tools": list(self.tool_names)})
        out = self.responder(messages, list(self.tool_names))
        if isinstance(out, Exception):
            raise out
        return ChatResult(generations=[ChatGeneration(message=out)])


def tool_call(name: str, args: dict[str, Any], call_id: str = "call_1") -> AIMessage:
    return AIMessage(
        content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}]
    )


def last_user(messages: list[BaseMessage]) -> str:
    text = str(messages[-1].content)
    return text.rsplit("User message:", 1)[-1].rsplit("User:", 1)[-1].strip()
