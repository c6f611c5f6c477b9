"""Turning the engine's Recommendation into the answer the user reads.

Offline the answer is the engine's own Markdown in the user's language. With an LLM the prose is
written from a compact digest of the Recommendation (never a KB dump), optionally after a bounded
tool loop, and must then pass the grounding check; prose that fails is replaced by the template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import BaseTool

from advisor.agent.grounding import check_constraints, check_grounding
from advisor.agent.llm import LLM
from advisor.agent.prompts import system_prompt
from advisor.agent.tools import summarise, to_json, tool_label


def _candidate_digest(c: dict[str, Any], reasons: int = 4) -> dict[str, Any]:
    keys = ("model_id", "name", "deployment", "provider", "quantization", "fits_hardware",
            "context_window", "monthly_cost_usd", "score")
    out = {k: c.get(k) for k in keys if c.get(k) is not None}
    if c.get("hardware"):
        out["hardware"] = {k: c["hardware"].get(k) for k in ("gpu", "count", "vram_needed_gb", "rented")}
    out["licence"] = (c.get("licence") or {}).get("id")
    out["reasons"] = list(c.get("reasons") or [])[:reasons]
    return out


def compact(value: Any, depth: int = 0) -> Any:
    """Tool output trimmed for a prompt: no source lists or long assumption lists, short lists."""
    if isinstance(value, dict):
        return {k: compact(v, depth + 1) for k, v in value.items()
                if k not in ("sources", "source", "assumptions", "benchmarks", "basis", "method", "notes")}
    if isinstance(value, list):
        return [compact(v, depth + 1) for v in value[:6]]
    return value


def digest(rec: dict[str, Any]) -> dict[str, Any]:
    """The facts the explanation may use: small enough for any prompt, complete enough to explain."""
    return {
        "primary": _candidate_digest(rec["primary"]) if rec.get("primary") else None,
        "alternatives": [_candidate_digest(c, 2) for c in rec.get("alternatives") or []],
        "excluded": [{"model_id": e.get("model_id"), "reasons": [r.get("text") for r in e.get("reasons", [])][:1]}
                     for e in (rec.get("excluded") or [])[:5]],
        "hybrid": rec.get("hybrid"),
        "warnings": [w.get("text") for w in rec.get("warnings") or []],
    }


def offline_text(rec: dict[str, Any], kb: Any, lang: str) -> str:
    from advisor.engine import render_markdown
    from advisor.engine.models import Recommendation

    return str(render_markdown(Recommendation.model_validate(rec), kb, lang))


@dataclass
class LLMAnswer:
    text: str
    grounded: bool
    steps: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def llm_answer(llm: LLM, *, task: str, rec: dict[str, Any], kb: Any, lang: str, user_text: str,
               tools: list[BaseTool], extra: Any = None, max_tool_rounds: int = 1,
               on_token: Callable[[str], None] | None = None) -> LLMAnswer:
    """Prose from the LLM over the Recommendation digest (plus ``extra`` tool output), grounded.

    Raises LLMUnavailable when the endpoint fails; the caller falls back to the template.
    """
    facts = {"recommendation": digest(rec)}
    if extra is not None:
        facts["tool_result"] = compact(extra)
    messages: list[BaseMessage] = [
        SystemMessage(system_prompt(task, lang)),
        HumanMessage(f"Facts (JSON):\n{to_json(facts, 16000)}\n\nUser: {user_text}"),
    ]
    by_name = {t.name: t for t in tools}
    steps: list[dict[str, Any]] = []
    tool_results: list[Any] = []
    for _round in range(max_tool_rounds + 1):
        allow_tools = _round < max_tool_rounds and bool(tools)
        reply = llm.call(messages, tools=tools if allow_tools else (), on_token=on_token)
        if not (allow_tools and reply.tool_calls):
            break
        messages.append(reply)
        for call in reply.tool_calls:
            tool = by_name.get(call["name"])
            result: Any = ({"error": f"unknown tool {call['name']}"} if tool is None
                           else _safe_invoke(tool, call.get("args") or {}))
            tool_results.append(result)
            steps.append({"name": call["name"], "label": tool_label(call["name"], lang),
                          "args": call.get("args") or {}, "summary": summarise(call["name"], result, lang)})
            messages.append(ToolMessage(to_json(result), tool_call_id=call.get("id") or call["name"]))
    text = reply.content if isinstance(reply.content, str) else ""
    if not text.strip():
        return LLMAnswer(text="", grounded=False, steps=steps, problems=["empty answer"])
    must = (rec.get("primary") or {}).get("model_id") if task == "explain" else None
    check = check_grounding(text, rec, kb, extra=[extra, tool_results], must_name=must)
    problems = [f"does not name the recommended model {m}" for m in check.missing]
    problems += [f"unknown model: {m}" for m in check.unknown_models]
    problems += [f"unknown price: {p}" for p in check.unknown_prices]
    violations = check_constraints(text, rec, kb)  # beyond names and prices: the hard constraints hold
    problems += violations
    return LLMAnswer(text=text.strip(), grounded=check.ok and not violations, steps=steps, problems=problems)


def _safe_invoke(tool: BaseTool, args: dict[str, Any]) -> Any:
    try:
        return tool.invoke(args)
    except Exception as exc:  # a bad argument from the model is the model's problem, not the user's
        return {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
