"""The graph's state: what one conversation remembers between turns (checkpointed in the database).

Per-turn figures (tool steps, notices, LLM calls, prompt tokens) only ever accumulate; the service
reports the difference before/after a turn, so no node has to reset anything.

Size: the checkpoint holds this state once per thread (older checkpoints are pruned), so what it
keeps is what a conversation costs. ``messages`` is a bounded transcript: the last
``KEEP_MESSAGES`` messages, the assistant's long texts clipped (the full last reply is ``answer``,
the report ``report_markdown``; nothing reads older assistant prose back), so the report is never
stored three times and the state stays flat however long the conversation runs.
"""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from langchain_core.messages import AIMessage, AnyMessage
from langgraph.graph.message import add_messages

KEEP_MESSAGES = 12
CLIP_AI_CHARS = 300


def _clip(message: Any) -> Any:
    content = message.content
    if isinstance(message, AIMessage) and isinstance(content, str) and len(content) > CLIP_AI_CHARS:
        return message.model_copy(update={"content": content[:CLIP_AI_CHARS] + " …"})
    return message


def transcript(left: list[AnyMessage], right: list[AnyMessage] | AnyMessage) -> list[AnyMessage]:
    """``add_messages``, then only the recent messages, with long assistant texts clipped."""
    merged: list[Any] = list(add_messages(left, right))  # type: ignore[arg-type]
    return [_clip(m) for m in merged[-KEEP_MESSAGES:]]


class AgentState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], transcript]
    profile: dict[str, Any]            # partial raw profile (contract keys; budget may be {amount, currency})
    pending_slot: str | None           # the slot the last question asked about
    asked: list[str]                   # slots asked so far, in order
    unknown: list[str]                 # slots the user said they don't know (defaults apply)
    retried: list[str]                 # slots re-asked once because the answer could not be read
    first_filled: int                  # decisive slots the opening message filled (caps the questions)
    lang: str                          # "en" | "ja": the language replies are written in
    intent: str                        # the current turn's intent (routing)
    targets: list[str]                 # model ids the current turn named
    what_if: dict[str, Any]            # hypothetical change asked this turn
    ack: str                           # what this turn understood, said back before the next question
    injection: bool                    # the current turn held instructions rather than facts
    deferred: list[dict[str, Any]]     # follow-ups asked before any recommendation ({intent, targets, what_if})
    recommendation: dict[str, Any] | None
    previous: dict[str, Any] | None    # the recommendation a change of facts replaced (explain says what moved)
    report_markdown: str | None
    answer: str                        # the last reply text
    tool_results: dict[str, Any]       # last result per tool name (compact)
    llm_failed: bool                   # the "LLM unavailable" notice was already given
    steps: Annotated[list[dict[str, Any]], operator.add]
    notices: Annotated[list[str], operator.add]
    llm_calls: Annotated[int, operator.add]
    prompt_tokens: Annotated[int, operator.add]
