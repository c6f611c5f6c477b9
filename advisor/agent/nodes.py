"""The graph's nodes: understand → ask (interrupt) → recommend → explain, and follow-ups.

Each node is a plain function of (state, settings) so it is testable without a graph; graph.py
binds them to a ``Context``. Facts come from the engine; the LLM (when configured) only reads the
user's message and phrases answers, and every LLM failure falls back to the offline path.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langgraph.graph import END
from langgraph.types import Command, interrupt

from advisor.agent import eligibility, followup
from advisor.agent import pending as pending_turn
from advisor.agent.context import Context
from advisor.agent.explain import LLMAnswer, llm_answer, offline_text
from advisor.agent.llm import LLM, LLMUnavailable, ProfileUpdate
from advisor.agent.merge import apply_updates, llm_updates, merge_intent, merge_targets, merge_understanding
from advisor.agent.policy import DECISIVE, filled_slots, next_slot
from advisor.agent.prompts import system_prompt
from advisor.agent.questions import acknowledge, gpu_problem, make_question
from advisor.agent.state import AgentState
from advisor.agent.tools import make_tools, summarise, to_json, tool_label
from advisor.engine.models import SLOTS
from advisor.kb.errors import InputError


def emit(event: dict[str, Any]) -> None:
    """Send a custom stream event (steps, tokens) when the graph is being streamed; no-op otherwise."""
    try:
        from langgraph.config import get_stream_writer

        get_stream_writer()(event)
    except Exception:  # not inside a streamed run
        return


def last_user_text(state: AgentState) -> str:
    for message in reversed(state.get("messages") or []):
        if isinstance(message, HumanMessage):
            return message.content if isinstance(message.content, str) else str(message.content)
    return ""


def pick_lang(ctx: Context, current: str | None, detected: str, text: str) -> str:
    """Follow the user: Japanese text switches to ja; a real English sentence switches back to en;
    short answers ("2", "yes") keep the current language. A fixed ``--lang`` wins."""
    if ctx.lang in ("en", "ja"):
        return ctx.lang
    if current is None:
        return "ja" if detected == "ja" else "en"
    if detected == "ja":
        return "ja"
    if len(re.findall(r"[A-Za-z]{2,}", text)) >= 3:
        return "en"
    return current


def _llm_notice(state: AgentState, lang: str) -> dict[str, Any]:
    if state.get("llm_failed"):
        return {}
    text = ("LLMに接続できないため、このターンはオフライン(ルールベース)で処理しました。" if lang == "ja"
            else "The language model is unavailable; this turn used the offline rules instead.")
    return {"notices": [text], "llm_failed": True}


def _resolve_hardware(updates: dict[str, Any], kb: Any, notes: list[str], lang: str = "en") -> bool:
    """Replace GPU names by KB ids; drop an unknown one with the nearest names (False = dropped)."""
    from advisor.engine import resolve_gpu

    items = updates.get("hardware")
    if not items:
        return True
    resolved = []
    for item in items:
        try:
            resolved.append({**item, "gpu": resolve_gpu(str(item["gpu"]), kb).id})
        except InputError as exc:
            notes.append("; ".join(gpu_problem(p.message, lang) for p in exc.problems))
            updates.pop("hardware")
            return False
    updates["hardware"] = resolved
    return True


def _unread_note(slot: str, text: str, kb: Any, lang: str) -> str:
    """Why the answer did not count; for hardware, the nearest GPU names the KB knows."""
    if slot == "hardware" and len(text) <= 60:
        from advisor.engine import resolve_gpu

        try:
            resolve_gpu(text, kb)
        except InputError as exc:
            return "; ".join(gpu_problem(p.message, lang) for p in exc.problems)
    return ("すみません、その回答を読み取れませんでした。選択肢から選ぶか、言い換えてください。" if lang == "ja"
            else "Sorry, I couldn't read that answer; pick an option or rephrase it.")


def understand_node(state: AgentState, ctx: Context) -> Command[Any]:
    from advisor.agent.understand import SLOT_OPTIONS, understand

    kb = ctx.get_kb()
    text = last_user_text(state)
    profile = dict(state.get("profile") or {})
    pending = state.get("pending_slot")
    # the conversation's language decides what a script-less answer means ("500" to the budget
    # question: JPY in a Japanese chat, USD in an English one)
    conv_lang = ctx.lang if ctx.lang in ("en", "ja") else state.get("lang")
    u = understand(text, pending_slot=pending, kb=kb, profile=profile, lang=conv_lang)
    # A clicked option sends its (English) value: that is not the user changing language.
    clicked = pending is not None and text.strip() in {str(o[0]) for o in SLOT_OPTIONS.get(pending, [])}
    lang = (state.get("lang") or "en") if clicked else pick_lang(ctx, state.get("lang"), u.lang, text)
    updates, notes = dict(u.updates), list(u.notes)
    unknown, targets, intent, what_if = list(u.unknown_slots), list(u.targets), u.intent, dict(u.what_if)
    injection = bool(u.ignored)
    out: dict[str, Any] = {}
    if ctx.uses_llm:
        llm = LLM(ctx)
        try:
            prompt = (f"Pending question slot: {state.get('pending_slot') or 'none'}\n"
                      f"Profile so far (JSON): {to_json(profile, 1500)}\nUser message: {text}")
            read = llm.structured([SystemMessage(system_prompt("understand", lang)), HumanMessage(prompt)],
                                  ProfileUpdate)
            assert isinstance(read, ProfileUpdate)
            updates = merge_understanding(updates, llm_updates(read), profile, injection=injection, kb=kb,
                                          notes=notes)
            targets = merge_targets(targets, read.targets, kb)
            intent = merge_intent(intent, read.intent, injection=injection)
            unknown += [s for s in read.unknown_slots if s in SLOTS and s not in unknown]
            if not what_if and not injection:
                what_if = {k: v for k, v in (("volume_factor", read.volume_factor), ("gpu_count", read.gpu_count),
                                             ("budget_usd_month", read.what_if_budget_usd_month)) if v}
        except LLMUnavailable:
            out.update(_llm_notice(state, lang))
        out["llm_calls"], out["prompt_tokens"] = llm.stats.calls, llm.stats.prompt_tokens
    hardware_ok = _resolve_hardware(updates, kb, notes, lang)
    new_profile = apply_updates(profile, updates)
    asked = list(state.get("asked") or [])
    if not hardware_ok and "hardware" in asked:
        asked.remove("hardware")  # an unknown GPU name: the question deserves one more try
    if "first_filled" not in state:
        out["first_filled"] = len(filled_slots(new_profile) & set(DECISIVE))
    retried = list(state.get("retried") or [])
    said: list[str] = notes[-1:] if not hardware_ok else []  # the unknown-GPU message, said back
    verdict = pending_turn.judge(
        pending=pending if hardware_ok else None, profile=new_profile,
        unknown=[*(state.get("unknown") or []), *unknown], intent=intent, targets=targets, what_if=what_if,
        has_recommendation=state.get("recommendation") is not None, retried=retried, kb=kb, lang=lang)
    said += verdict.said
    if verdict.deferred is not None:
        out["deferred"] = [*(state.get("deferred") or []), verdict.deferred]
    if verdict.give_up and pending is not None:
        unknown.append(pending)  # asked twice without a usable answer: go on with the stated default
    elif verdict.reask and pending is not None:
        if pending in asked:
            asked.remove(pending)
        if verdict.retried:
            retried.append(pending)
            said.append(pending_turn.offtarget_note(pending, lang) if updates else _unread_note(pending, text, kb, lang))
    shown = dict(updates)
    if shown.get("hardware"):
        shown["hardware"] = [{**h, "gpu": kb.gpus[h["gpu"]].name if h["gpu"] in kb.gpus else h["gpu"]}
                             for h in shown["hardware"]]
    # a second miss says in its own words which default now applies
    ack = acknowledge(shown, [u for u in unknown if not (verdict.give_up and u == pending)], lang)
    if said:
        ack = "\n".join([ack, *said]).strip()
    if injection:
        ack = "\n".join([ack, followup.small_talk("other", True, lang)]).strip()
    out.update({
        "profile": new_profile, "lang": lang, "intent": intent, "targets": targets, "what_if": what_if,
        "unknown": list(dict.fromkeys([*(state.get("unknown") or []), *unknown])), "asked": asked,
        "ack": ack, "pending_slot": None, "injection": injection, "retried": retried,
    })
    if intent == "restart":
        out.update({"profile": {}, "asked": [], "unknown": [], "recommendation": None, "report_markdown": None,
                    "deferred": [], "retried": [],
                    "ack": "最初からやり直します。" if lang == "ja" else "Starting over."})
        return Command(goto="ask", update=out)
    if state.get("recommendation") is not None:
        # updates are facts (the rules dropped instructions, the merge dropped the LLM's obedience)
        goto = "recommend" if updates or intent == "change" else "followup"
        return Command(goto=goto, update=out)
    return Command(goto="ask", update=out)


def ask_node(state: AgentState, ctx: Context) -> Command[Any]:
    profile = state.get("profile") or {}
    asked = list(state.get("asked") or [])
    slot = next_slot(profile, asked, state.get("unknown") or [], state.get("first_filled", 0))
    if slot is None:
        return Command(goto="recommend")
    lang = state.get("lang") or "en"
    question = make_question(slot, lang)
    answer = interrupt({"question": question.model_dump(), "ack": state.get("ack", "")})
    return Command(goto="understand", update={
        "messages": [AIMessage(question.text), HumanMessage(str(answer))],
        "pending_slot": slot, "asked": [*asked, slot], "ack": "",
    })


def prepared_profile(state: AgentState) -> dict[str, Any]:
    """The partial profile plus what the conversation itself shows (the user's language)."""
    raw = dict(state.get("profile") or {})
    if not raw.get("languages"):
        raw["languages"] = [state.get("lang") or "en"]
    return raw  # a budget {amount, currency, period} goes as is: the engine converts it


def _engine_run(raw: dict[str, Any], kb: Any, lang: str = "en") -> tuple[Any, dict[str, Any]]:
    from advisor.engine import normalise_profile, recommend

    profile = normalise_profile(raw, kb, source="conversation")
    return profile, recommend(profile, kb).contract_dict(lang)


def recommend_node(state: AgentState, ctx: Context) -> Command[Any]:
    kb, lang = ctx.get_kb(), state.get("lang") or "en"
    try:
        profile, rec = _engine_run(prepared_profile(state), kb, lang)
    except InputError as exc:
        text = "\n".join(f"- {p.path}: {p.message}" if p.path else f"- {p.message}" for p in exc.problems)
        head = "入力に問題があります:" if lang == "ja" else "I couldn't use part of what you told me:"
        return Command(goto=END, update={"answer": f"{head}\n{text}", "messages": [AIMessage(f"{head}\n{text}")]})
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
        step = {"name": name, "label": tool_label(name, lang), "args": args,
                "summary": summarise(name, result, lang)}
        emit({"type": "step_end", **step})
        steps.append(step)
        results[name] = result if name != "recommend" else {"primary": (primary or {}).get("model_id")}
    return Command(goto="explain", update={"recommendation": rec, "steps": steps, "tool_results": results,
                                           "previous": state.get("recommendation")})


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
        out.update(_llm_notice(state, lang))
    out["llm_calls"], out["prompt_tokens"] = llm.stats.calls, llm.stats.prompt_tokens
    if answer is None:
        return template, out
    out["steps"] = answer.steps
    if answer.grounded:
        return answer.text, out
    out["notices"] = [("生成された説明を知識ベースで確認できなかったため、標準の説明を表示します。" if lang == "ja"
                       else "The generated explanation could not be verified against the knowledge base; "
                            "showing the standard report instead.")]
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
        template = followup.why_not(named, rec, kb, runner, lang).text + "\n\n" + template
    if ack and not previous:
        template = ack + "\n\n" + template
    tools = None
    if ctx.uses_llm:
        profile, _ = _profile_model(state, kb)
        tools = make_tools(kb, profile, lambda: _rec_model(rec), lang)
    text, out = _phrase(state, ctx, task="explain", rec=rec, template=template, tools=tools)
    if text != template:  # LLM prose: the sourced terms and the deferred answer are still said verbatim
        text = "\n\n".join(p for p in (terms, text, later) if p)
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

        return dict(recommend(hypothetical, kb).contract_dict(lang))

    result = followup.handle(str(deferred.get("intent")), targets=list(deferred.get("targets") or []),
                             change=dict(deferred.get("what_if") or {}), rec=rec, profile=profile, kb=kb,
                             tools=make_tools(kb, profile, lambda: _rec_model(rec), lang), rerun=rerun, lang=lang,
                             raw_profile=prepared_profile(state))
    for step in result.steps:
        emit({"type": "step_end", **step})
    return result.text


def _rec_model(rec: dict[str, Any]) -> Any:
    from advisor.engine.models import Recommendation

    return Recommendation.model_validate(rec)


def _profile_model(state: AgentState, kb: Any) -> tuple[Any, dict[str, Any]]:
    from advisor.engine import normalise_profile

    raw = prepared_profile(state)
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

        return dict(recommend(hypothetical, kb).contract_dict(lang))

    ignored = bool(state.get("injection"))
    result = followup.handle(intent, targets=state.get("targets") or [], change=state.get("what_if") or {},
                             rec=rec, profile=profile, kb=kb, tools=tools, rerun=rerun, lang=lang, ignored=ignored,
                             raw_profile=prepared_profile(state))
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
