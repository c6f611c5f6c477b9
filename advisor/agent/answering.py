"""The answering nodes: explain a recommendation, answer follow-ups (and the ones deferred).

The offline template is always built first (engine Markdown, opened by the "Based on" line); with
an LLM the prose must pass the grounding check (names, prices) and the constraint check (nothing
excluded recommended, no data sent where the profile forbids), or the template is shown.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph.graph import END
from langgraph.types import Command

from advisor.agent import eligibility, followup
from advisor.agent.basis import based_on, strict_defaults
from advisor.agent.context import Context
from advisor.agent.explain import offline_text
from advisor.agent.node_support import emit, last_user_text, prepared_profile
from advisor.agent.state import AgentState
from advisor.agent.tools import make_tools
from advisor.agent.writing import start
from advisor.kb.errors import InputError


def explain_node(state: AgentState, ctx: Context) -> Command[Any]:
    """The recommendation's answer: "Based on", what changed, the terms that allow an API, the report."""
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    rec = state["recommendation"] or {}
    report = offline_text(rec, kb, lang)
    previous = state.get("previous")
    # the provider terms that let sensitive data go to an API come right before the report
    terms = eligibility.api_terms_note(
        rec, kb, lang, deployment_stated=bool((state.get("profile") or {}).get("deployment"))
    )
    template = f"{terms}\n\n{report}" if terms else report
    if previous:
        template = followup.describe_change(previous, rec, kb, lang) + "\n\n" + template
    ack = state.get("ack") or ""
    deferred = state.get("deferred") or []
    later = "\n\n".join(a for a in (_deferred_answer(state, ctx, rec, d) for d in deferred) if a) or None
    if later:
        template = template + "\n\n---\n\n" + later
    named = [t for t in state.get("targets") or [] if t != (rec.get("primary") or {}).get("model_id")]
    if named and rec.get("primary") and not previous and not deferred:
        # the user named a model ("we'd like Llama 3.3 70B"): say why it is not the pick, first
        profile, _ = _profile_model(state, kb)
        runner = followup._Runner(make_tools(kb, profile, lambda: _rec_model(rec), lang), lang)
        template = (
            followup.why_not(named, rec, kb, runner, lang, last_user_text(state)).text + "\n\n" + template
        )
    if ack:
        template = ack + "\n\n" + template
    basis = based_on(prepared_profile(state), rec, list(state.get("assumed") or []), kb, lang)
    if basis:
        template = basis + "\n\n" + template
    done: dict[str, Any] = {"report_markdown": report, "previous": None, "deferred": []}
    if (
        ctx.uses_llm
    ):  # the prose is written in the tool-calling loop; the sourced terms and deferred answers stay verbatim
        before = "\n\n".join(p for p in (basis, terms) if p)
        return Command(
            goto="write",
            update={
                **done,
                **start(state, task="explain", rec=rec, template=template, before=before, after=later or ""),
            },
        )
    return Command(goto=END, update={**done, "answer": template, "messages": [AIMessage(template)]})


def _deferred_answer(
    state: AgentState, ctx: Context, rec: dict[str, Any], deferred: dict[str, Any]
) -> str | None:
    """A follow-up asked before there was a recommendation ("compare with GPT-4o"), answered now."""
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    if not rec.get("primary"):
        return None
    try:
        profile, _ = _profile_model(state, kb)
    except InputError:
        return None

    def rerun(hypothetical: Any) -> dict[str, Any]:
        from advisor.engine import recommend

        return dict(recommend(hypothetical, kb).contract_dict(lang))

    result = followup.handle(
        str(deferred.get("intent")),
        targets=list(deferred.get("targets") or []),
        change=dict(deferred.get("what_if") or {}),
        rec=rec,
        profile=profile,
        kb=kb,
        tools=make_tools(kb, profile, lambda: _rec_model(rec), lang),
        rerun=rerun,
        lang=lang,
        raw_profile=strict_defaults(prepared_profile(state))[0],
        text=str(deferred.get("text") or ""),
    )
    for step in result.steps:
        emit({"type": "step_end", **step})
    return result.text


def _rec_model(rec: dict[str, Any]) -> Any:
    from advisor.engine.models import Recommendation

    return Recommendation.model_validate(rec)


def _profile_model(state: AgentState, kb: Any) -> tuple[Any, dict[str, Any]]:
    from advisor.engine import normalise_profile

    raw = strict_defaults(prepared_profile(state))[0]
    return normalise_profile(raw, kb, source="conversation"), raw


def turn_tools(state: AgentState, ctx: Context) -> list[Any]:
    """The engine tools over this conversation's profile and recommendation (for the LLM's loop)."""
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    rec = state.get("recommendation") or {}
    try:
        profile, _ = _profile_model(state, kb)
    except InputError:
        return []
    return make_tools(kb, profile, lambda: _rec_model(rec), lang)


def followup_node(state: AgentState, ctx: Context) -> Command[Any]:
    """A follow-up answered from the engine; in LLM mode phrased in the tool-calling loop."""
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    rec = state.get("recommendation") or {}
    intent = state.get("intent") or "other"
    try:
        profile, _ = _profile_model(state, kb)
    except InputError:
        profile = None
    if intent == "explain" or profile is None:
        text = state.get("report_markdown") or offline_text(rec, kb, lang)
        return Command(goto=END, update={"answer": text, "messages": [AIMessage(text)]})
    tools = make_tools(kb, profile, lambda: _rec_model(rec), lang)

    def rerun(hypothetical: Any) -> dict[str, Any]:
        from advisor.engine import recommend

        return dict(recommend(hypothetical, kb).contract_dict(lang))

    ignored = bool(state.get("injection"))
    result = followup.handle(
        intent,
        targets=state.get("targets") or [],
        change=state.get("what_if") or {},
        rec=rec,
        profile=profile,
        kb=kb,
        tools=tools,
        rerun=rerun,
        lang=lang,
        ignored=ignored,
        raw_profile=strict_defaults(prepared_profile(state))[0],
        text=last_user_text(state),
    )
    for step in result.steps:
        emit({"type": "step_end", **step})
    if result.facts is not None and ctx.uses_llm:
        return Command(
            goto="write",
            update={
                "steps": result.steps,
                **start(state, task="followup", rec=rec, template=result.text, extra=result.facts),
            },
        )
    return Command(
        goto=END, update={"steps": result.steps, "answer": result.text, "messages": [AIMessage(result.text)]}
    )
