"""LLM prose through LangGraph's tool-calling loop: write ⇄ tools (ToolNode), then check.

    explain / followup ──(LLM mode)──→ write ──tools_condition──→ tools (ToolNode) ─→ write
                                         └──────── no tool call ──→ check → END

The answering nodes always build the offline template first and hand it over in ``draft``; ``write``
asks the model over a compact digest of the facts (``scratch`` holds this turn's prompt, tool calls
and tool results, apart from the conversation's ``messages``); after ``max_tool_rounds`` rounds the
model is asked without tools. ``check`` keeps the prose only when it names known models and prices
(grounding) and respects the hard constraints (no excluded model recommended, no data sent where the
profile forbids); otherwise the template is the answer, with a notice.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    RemoveMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.runnables import RunnableConfig
from langgraph.graph.message import REMOVE_ALL_MESSAGES
from langgraph.prebuilt import ToolNode

from advisor.agent.context import Context
from advisor.agent.explain import compact, digest
from advisor.agent.grounding import check_constraints, check_grounding
from advisor.agent.llm import LLM, LLMUnavailable
from advisor.agent.node_support import emit, last_user_text, llm_notice
from advisor.agent.prompts import system_prompt
from advisor.agent.state import AgentState
from advisor.agent.tools import summarise, to_json, tool_label
from advisor.i18n import msg, render

CLEAR = RemoveMessage(id=REMOVE_ALL_MESSAGES)


def start(
    state: AgentState,
    *,
    task: str,
    rec: dict[str, Any],
    template: str,
    extra: Any = None,
    before: str = "",
    after: str = "",
) -> dict[str, Any]:
    """The update that starts the loop: the draft (template and the parts said verbatim around the
    prose) and a fresh scratch with the prompt."""
    facts: dict[str, Any] = {"recommendation": digest(rec)}
    if extra is not None:
        facts["tool_result"] = compact(extra)
    lang = state.get("lang") or "en"
    prompt: list[BaseMessage] = [
        SystemMessage(system_prompt(task, lang)),
        HumanMessage(f"Facts (JSON):\n{to_json(facts, 16000)}\n\nUser: {last_user_text(state)}"),
    ]
    return {
        "draft": {"task": task, "template": template, "before": before, "after": after, "extra": extra},
        "scratch": [CLEAR, *prompt],
    }


def _rounds(scratch: list[Any]) -> int:
    return sum(1 for m in scratch if isinstance(m, AIMessage) and m.tool_calls)


def write_node(state: AgentState, ctx: Context, tools: list[Any]) -> dict[str, Any]:
    """One model turn over the scratch; tools are offered until ``max_tool_rounds`` were used."""
    scratch: list[BaseMessage] = list(state.get("scratch") or [])
    draft = dict(state.get("draft") or {})
    llm = LLM(ctx)
    offer = tools if _rounds(scratch) < ctx.max_tool_rounds else []
    out: dict[str, Any] = {}
    try:
        reply = llm.call(
            scratch,
            tools=offer,
            on_token=(lambda t: emit({"type": "token", "text": t})) if ctx.stream else None,
        )
        if not offer:
            reply = AIMessage(content=reply.content)  # a tool call past the last round is not run
    except LLMUnavailable:
        out.update(llm_notice(state, state.get("lang") or "en"))
        draft["failed"] = True
        reply = AIMessage(content="")
    return {
        **out,
        "scratch": [reply],
        "draft": draft,
        "llm_calls": llm.stats.calls,
        "prompt_tokens": llm.stats.prompt_tokens,
    }


def tools_node(state: AgentState, config: RunnableConfig, tools: list[Any]) -> dict[str, Any]:
    """The model's tool calls run by LangGraph's ToolNode (a bad argument becomes an error message the
    model reads); each call is also recorded as a step for the front ends."""
    result = ToolNode(tools, messages_key="scratch", handle_tool_errors=True).invoke(state, config)
    messages = result.get("scratch", []) if isinstance(result, dict) else []
    calls = {c["id"]: c for m in state.get("scratch") or [] if isinstance(m, AIMessage) for c in m.tool_calls}
    lang = state.get("lang") or "en"
    steps = []
    for message in messages:
        if not isinstance(message, ToolMessage):
            continue
        call: dict[str, Any] = dict(calls.get(message.tool_call_id) or {})
        name = str(call.get("name") or message.name or "")
        steps.append(
            {
                "name": name,
                "label": tool_label(name, lang),
                "args": call.get("args") or {},
                "summary": summarise(name, _loaded(message.content), lang),
            }
        )
    for step in steps:
        emit({"type": "step_end", **step})
    return {"scratch": messages, "steps": steps}


def _loaded(content: Any) -> Any:
    try:
        return json.loads(content) if isinstance(content, str) else content
    except json.JSONDecodeError:
        return {"error": str(content)[:200]} if "rror" in str(content) else content


def check_node(state: AgentState, ctx: Context) -> dict[str, Any]:
    """Keep the prose only when it is grounded and within the hard constraints; else the template."""
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    draft = dict(state.get("draft") or {})
    rec = state.get("recommendation") or {}
    scratch = list(state.get("scratch") or [])
    last = scratch[-1] if scratch else None
    text = last.content.strip() if isinstance(last, AIMessage) and isinstance(last.content, str) else ""
    template = str(draft.get("template") or "")
    out: dict[str, Any] = {"scratch": [CLEAR], "draft": None}
    if draft.get("failed") or not text:
        answer = template
    else:
        results = [_loaded(m.content) for m in scratch if isinstance(m, ToolMessage)]
        must = (rec.get("primary") or {}).get("model_id") if draft.get("task") == "explain" else None
        grounded = check_grounding(text, rec, kb, extra=[draft.get("extra"), results], must_name=must).ok
        if grounded and not check_constraints(text, rec, kb):
            answer = "\n\n".join(p for p in (draft.get("before"), text, draft.get("after")) if p)
        else:
            answer = template
            out["notices"] = [
                render(
                    msg(
                        "The generated explanation could not be verified against the knowledge "
                        "base and your constraints; showing the standard report instead."
                    ),
                    lang,
                )
            ]
            emit({"type": "replace"})
    return {**out, "answer": answer, "messages": [AIMessage(answer)]}
