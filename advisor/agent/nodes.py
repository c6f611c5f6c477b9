"""The interview's nodes: understand → (confirm | ask) → recommend; the answers are in answering.py.

Each node is a plain function of (state, settings) so it is testable without a graph; graph.py
binds them to a ``Context`` and routes between them on what ``understand`` decided. Facts come
from the engine; the LLM (when configured) only reads the user's message, and a hard constraint
it reads is kept only when it tightens what the user stated (safety.py). The understanding node
is in understand_node.py, the helpers the nodes share in node_support.py.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.types import Command, interrupt

from advisor.agent import safety
from advisor.agent.basis import strict_defaults
from advisor.agent.context import Context
from advisor.agent.labels import field_label
from advisor.agent.merge import apply_updates
from advisor.agent.next_question import filled_slots, next_slot
from advisor.agent.node_support import MAX_ASKS, emit, prepared_profile, resolve_hardware, storable
from advisor.agent.questions import make_question
from advisor.agent.state import AgentState
from advisor.agent.tools import make_tools, summarise, tool_label
from advisor.agent.understand_node import understand_node
from advisor.engine.defaults import default_value
from advisor.i18n import msg, render
from advisor.kb.errors import InputError

__all__ = ["ask_node", "confirm_node", "recommend_node", "understand_node"]


def _resume_text(answer: Any, slot: str, lang: str) -> tuple[str, bool]:
    """A resume value as the text the understanding reads: a clicked option ({"slot", "value"}) is
    the option's own value, read through the option table, never as free English text."""
    if isinstance(answer, dict) and answer.get("value") is not None:
        return str(answer["value"]), answer.get("slot") in (None, slot)
    return str(answer), False


def ask_node(state: AgentState, ctx: Context) -> Command[Any]:
    profile = state.get("profile") or {}
    asked = list(state.get("asked") or [])
    filled = filled_slots(profile)
    # an unresolved hard-constraint signal is asked about first, with options, and never guessed
    slot = next(
        (s for s in state.get("hard_open") or [] if s not in filled and asked.count(s) < MAX_ASKS), None
    )
    if slot is None:
        slot = next_slot(profile, asked, state.get("unknown") or [], state.get("first_filled", 0))
    if slot is None:
        return Command(goto="recommend")
    lang = state.get("lang") or "en"
    question = make_question(slot, lang, again=slot in (state.get("retried") or []))
    answer = interrupt({"question": question.model_dump(), "ack": state.get("ack", "")})
    text, clicked = _resume_text(answer, slot, lang)
    return Command(
        goto="understand",
        update={
            "messages": [AIMessage(question.text), HumanMessage(text)],
            "clicked": clicked,
            "pending_slot": slot,
            "asked": [*asked, slot],
            "ack": "",
            "hard_open": [s for s in state.get("hard_open") or [] if s != slot],
        },
    )


def confirm_node(state: AgentState, ctx: Context) -> Command[Any]:
    """Ask yes/no for the first loosening proposal; only a yes applies it. Anything else keeps the
    stricter setting and says so (restating the looser value plainly counts as a yes)."""
    from advisor.agent.understand import understand

    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    proposals = list(state.get("confirm") or [])
    profile = dict(state.get("profile") or {})
    proposal = proposals.pop(0)
    question = safety.confirm_question(proposal, kb, lang)
    answer = interrupt({"question": question.model_dump(), "ack": state.get("ack", "")})
    verdict = safety.read_answer(answer)
    field, value = str(proposal["field"]), proposal["value"]
    other: dict[str, Any] = {}
    if not isinstance(answer, dict):  # typed: "no — and it must be air-gapped" also states facts
        read = understand(str(answer), kb=kb, profile=profile, lang=lang)
        other = dict(read.updates)
        if (
            verdict is None
        ):  # no plain yes/no: read as the answer to this question, the value is their own word
            again = understand(str(answer), pending_slot=field, kb=kb, profile=profile, lang=lang)
            other = {**other, **{k: v for k, v in again.updates.items() if k == field}}
        resolve_hardware(other, kb, [], lang)
        if verdict is None and other.get(field) == value:
            verdict = safety.YES  # restating the looser value plainly is a yes
        if other.get(field) == value:
            del other[field]
        safety.hold_back(profile, other, kb)  # nothing else is loosened by the answer to this question
    if verdict == safety.YES:
        profile = apply_updates(profile, {field: value, **dict(proposal.get("also") or {})})
    profile, _ = storable(profile, apply_updates(profile, other), kb, lang)
    shown = safety.describe(field, profile.get(field), kb)
    if verdict == safety.YES:
        line = msg(
            "Changed as you confirmed: {field} is now {value}.",
            field=field_label(field, lang, inline=True),
            value=shown,
        )
    else:
        line = msg(
            "Kept as you first said: {field} stays {value} (the stricter setting).",
            field=field_label(field, lang, inline=True),
            value=shown,
        )
    goto = "confirm" if proposals else ("recommend" if state.get("recommendation") is not None else "ask")
    return Command(
        goto=goto,
        update={
            "messages": [
                AIMessage(question.text),
                HumanMessage(str(answer.get("value") if isinstance(answer, dict) else answer)),
            ],
            "profile": profile,
            "confirm": proposals,
            "ack": render(line, lang),
        },
    )


def _engine_run(raw: dict[str, Any], kb: Any, lang: str = "en") -> tuple[Any, dict[str, Any]]:
    from advisor.engine import normalise_profile, recommend

    profile = normalise_profile(raw, kb, source="conversation")
    return profile, recommend(profile, kb).contract_dict(lang)


def recommend_node(state: AgentState, ctx: Context) -> Command[Any]:
    """The engine on the profile read strictly (unknown sensitivity → confidential, unknown
    deployment of regulated data → on-premises), then the fixed checks on its pick."""
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    raw, assumed = strict_defaults(prepared_profile(state))
    if state.get("held") and not raw.get(
        "volume"
    ):  # the daily count never came: the default, said as assumed
        raw["volume"] = {**default_value("volume"), **dict(state.get("held") or {})}
        assumed.append("volume")
    try:
        profile, rec = _engine_run(raw, kb, lang)
    except InputError as exc:  # _storable keeps this from happening; said in one line if it does
        text = render(
            msg(
                "I couldn't use part of what you told me: {fields}.",
                fields=[field_label(p.path.split(".")[0], lang) for p in exc.problems if p.path],
            ),
            lang,
        )
        return Command(goto="__end__", update={"answer": text, "messages": [AIMessage(text)]})
    from advisor.engine.models import Recommendation

    model = Recommendation.model_validate(rec)
    tools = {t.name: t for t in make_tools(kb, profile, lambda: model, lang)}
    steps: list[dict[str, Any]] = []
    plan: list[tuple[str, dict[str, Any]]] = [("recommend", {})]
    primary = rec.get("primary")
    if primary:
        mid = primary["model_id"]
        plan.append(("check_licence", {"model": mid}))
        if primary.get("deployment") == "self_hosted":
            plan.append(("check_hardware_fit", {"model": mid}))
        plan.append(("estimate_cost", {"model": mid}))
    results: dict[str, Any] = {}
    for name, args in plan:
        emit({"type": "step_start", "name": name, "label": tool_label(name, lang)})
        result = rec if name == "recommend" else tools[name].invoke(args)
        step = {
            "name": name,
            "label": tool_label(name, lang),
            "args": args,
            "summary": summarise(name, result, lang),
        }
        emit({"type": "step_end", **step})
        steps.append(step)
        results[name] = result if name != "recommend" else {"primary": (primary or {}).get("model_id")}
    return Command(
        goto="explain",
        update={
            "recommendation": rec,
            "steps": steps,
            "tool_results": results,
            "previous": state.get("recommendation"),
            "assumed": assumed,
        },
    )
