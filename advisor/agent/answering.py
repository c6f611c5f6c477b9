"""The answering nodes: explain a recommendation, answer follow-ups (and the ones deferred).

The offline template is always built first (engine Markdown, opened by the "Based on" line); with
an LLM the prose must pass the grounding check (names, prices) and the constraint check (nothing
excluded recommended, no data sent where the profile forbids), or the template is shown.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage

from advisor.agent import eligibility, followup
from advisor.agent.basis import based_on, strict_defaults
from advisor.agent.context import Context
from advisor.agent.explain import LLMAnswer, llm_answer, offline_text
from advisor.agent.llm import LLM, LLMUnavailable
from advisor.agent.nodes import emit, last_user_text, llm_notice, prepared_profile
from advisor.agent.state import AgentState
from advisor.agent.tools import make_tools
from advisor.i18n import msg, render
from advisor.kb.errors import InputError


def _phrase(state: AgentState, ctx: Context, *, task: str, rec: dict[str, Any], template: str,
            extra: Any = None, tools: list[Any] | None = None) -> tuple[str, dict[str, Any]]:
    """LLM prose when configured and grounded; the template otherwise (with the reason as a notice)."""
    out: dict[str, Any] = {}
    if not ctx.uses_llm:
        return template, out
    lang = state.get("lang") or "en"
    llm = LLM(ctx)
    answer: LLMAnswer | None = None
    try:
        answer = llm_answer(llm, task=task, rec=rec, kb=ctx.get_kb(), lang=lang, user_text=last_user_text(state),
                            tools=tools or [], extra=extra, max_tool_rounds=ctx.max_tool_rounds if tools else 0,
                            on_token=(lambda t: emit({"type": "token", "text": t})) if ctx.stream else None)
    except LLMUnavailable:
        out.update(llm_notice(state, lang))
    out["llm_calls"], out["prompt_tokens"] = llm.stats.calls, llm.stats.prompt_tokens
    if answer is None:
        return template, out
    out["steps"] = answer.steps
    if answer.grounded:
        return answer.text, out
    out["notices"] = [render(msg("The generated explanation could not be verified against the knowledge base "
                                 "and your constraints; showing the standard report instead."), lang)]
    emit({"type": "replace"})
    return template, out


def explain_node(state: AgentState, ctx: Context) -> dict[str, Any]:
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    rec = state["recommendation"] or {}
    report = offline_text(rec, kb, lang)
    previous = state.get("previous")
    # the provider terms that let sensitive data go to an API come right before the report
    terms = eligibility.api_terms_note(rec, kb, lang, deployment_stated=bool((state.get("profile") or {}).get("deployment")))
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
        template = followup.why_not(named, rec, kb, runner, lang, last_user_text(state)).text + "\n\n" + template
    if ack:
        template = ack + "\n\n" + template
    basis = based_on(prepared_profile(state), rec, list(state.get("assumed") or []), kb, lang)
    if basis:
        template = basis + "\n\n" + template
    tools = None
    if ctx.uses_llm:
        profile, _ = _profile_model(state, kb)
        tools = make_tools(kb, profile, lambda: _rec_model(rec), lang)
    text, out = _phrase(state, ctx, task="explain", rec=rec, template=template, tools=tools)
    if text != template:  # LLM prose: the sourced terms and the deferred answer are still said verbatim
        text = "\n\n".join(p for p in (basis, terms, text, later) if p)
    return {**out, "answer": text, "report_markdown": report, "messages": [AIMessage(text)], "previous": None,
            "deferred": []}


def _deferred_answer(state: AgentState, ctx: Context, rec: dict[str, Any], deferred: dict[str, Any]) -> str | None:
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

        return dict(recommend(hypothetical, kb, lang=lang).contract_dict())

    result = followup.handle(str(deferred.get("intent")), targets=list(deferred.get("targets") or []),
                             change=dict(deferred.get("what_if") or {}), rec=rec, profile=profile, kb=kb,
                             tools=make_tools(kb, profile, lambda: _rec_model(rec), lang), rerun=rerun, lang=lang,
                             raw_profile=strict_defaults(prepared_profile(state))[0],
                             text=str(deferred.get("text") or ""))
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


def followup_node(state: AgentState, ctx: Context) -> dict[str, Any]:
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    rec = state.get("recommendation") or {}
    intent = state.get("intent") or "other"
    try:
        profile, _ = _profile_model(state, kb)
    except InputError:
        profile = None
    if intent == "explain" or profile is None:
        text = state.get("report_markdown") or offline_text(rec, kb, lang)
        return {"answer": text, "messages": [AIMessage(text)]}
    tools = make_tools(kb, profile, lambda: _rec_model(rec), lang)

    def rerun(hypothetical: Any) -> dict[str, Any]:
        from advisor.engine import recommend

        return dict(recommend(hypothetical, kb, lang=lang).contract_dict())

    ignored = bool(state.get("injection"))
    result = followup.handle(intent, targets=state.get("targets") or [], change=state.get("what_if") or {},
                             rec=rec, profile=profile, kb=kb, tools=tools, rerun=rerun, lang=lang, ignored=ignored,
                             raw_profile=strict_defaults(prepared_profile(state))[0], text=last_user_text(state))
    for step in result.steps:
        emit({"type": "step_end", **step})
    out: dict[str, Any] = {"steps": result.steps}
    text = result.text
    if result.facts is not None:
        text, phrased = _phrase(state, ctx, task="followup", rec=rec, template=result.text, extra=result.facts,
                                tools=tools)
        out.update({k: v for k, v in phrased.items() if k != "steps"})
        out["steps"] = result.steps + phrased.get("steps", [])
    return {**out, "answer": text, "messages": [AIMessage(text)]}
