"""The interview's nodes: understand → (confirm | ask) → recommend; the answers are in answering.py.

Each node is a plain function of (state, settings) so it is testable without a graph; graph.py
binds them to a ``Context`` and routes between them on what ``understand`` decided. Facts come
from the engine; the LLM (when configured) only reads the user's message, and a hard constraint
it reads is kept only when it tightens what the user stated (safety.py).
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langgraph.types import Command, interrupt

from advisor.agent import followup, safety, terms
from advisor.agent import followups_more as more
from advisor.agent import pending as pending_turn
from advisor.agent.basis import strict_defaults
from advisor.agent.context import Context
from advisor.agent.labels import field_label
from advisor.agent.llm import LLM, LLMUnavailable, ProfileUpdate
from advisor.agent.merge import apply_updates, llm_updates, merge_intent, merge_targets, merge_understanding
from advisor.agent.next_question import DECISIVE, filled_slots, next_slot
from advisor.agent.prompts import system_prompt
from advisor.agent.questions import acknowledge, gpu_problem, make_question
from advisor.agent.state import AgentState
from advisor.agent.tools import make_tools, summarise, to_json, tool_label
from advisor.engine.defaults import default_value
from advisor.engine.models import SLOTS
from advisor.i18n import msg, render
from advisor.kb.errors import InputError

#: "/help", "help", "ヘルプ", "what can you do?": always answered, never counted as a miss
HELP = re.compile(
    r"^\s*(?:/?help|\?|ヘルプ|使い方|what can you do\??|何ができ(?:ますか|る)[?？]?)\s*[.!。]?\s*$", re.I
)
MAX_ASKS = 2  # no question is asked more than twice
WHY_NOT = re.compile(
    r"\bwhy (?:not|didn'?t you (?:pick|choose))\b|なぜ.{0,12}(?:ダメ|だめ|駄目|使わ|選ば|じゃない)|"
    r"(?:ダメ|だめ)な(?:の|ん)",
    re.I,
)


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


def llm_notice(state: AgentState, lang: str) -> dict[str, Any]:
    if state.get("llm_failed"):
        return {}
    text = render(msg("The language model is unavailable; this turn used the offline rules instead."), lang)
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


def _with_gpu_ids(proposal: dict[str, Any], kb: Any) -> dict[str, Any]:
    """A held hardware value with its GPU names resolved (kept as said when a name is unknown)."""
    if proposal["field"] != "hardware":
        return proposal
    probe = {"hardware": proposal["value"]}
    return {**proposal, "value": probe["hardware"]} if _resolve_hardware(probe, kb, []) else proposal


def _unread_note(slot: str, text: str, kb: Any, lang: str) -> str:
    """Why the answer did not count; for hardware, the nearest GPU names the KB knows."""
    if slot == "hardware" and len(text) <= 60:
        from advisor.engine import resolve_gpu

        try:
            resolve_gpu(text, kb)
        except InputError as exc:
            return "; ".join(gpu_problem(p.message, lang) for p in exc.problems)
    return render(msg("Sorry, I couldn't read that answer; pick an option or rephrase it."), lang)


def _storable(
    before: dict[str, Any], after: dict[str, Any], kb: Any, lang: str
) -> tuple[dict[str, Any], list[str]]:
    """Nothing invalid is stored: a field the engine would refuse keeps its previous value, said once."""
    from advisor.engine import normalise_profile

    out = dict(after)
    for _ in range(3):
        try:
            normalise_profile(prepared_profile({"profile": out, "lang": lang}), kb, source="conversation")
            break
        except InputError as exc:
            bad = {p.path.split(".")[0].split("[")[0] for p in exc.problems if p.path} or set(out) - set(
                before
            )
            for key in bad or set(out):
                if key in before:
                    out[key] = before[key]
                else:
                    out.pop(key, None)
    else:
        return dict(before), []
    dropped = [k for k in after if out.get(k) != after.get(k)]
    if not dropped:
        return out, []
    names = [field_label(k, lang, inline=True) for k in dropped]
    return out, [
        render(
            msg(
                "I couldn't use what you said about {fields}, so I left it out; "
                "please say it again in other words.",
                fields=names,
            ),
            lang,
        )
    ]


def _hold_partial_volume(
    updates: dict[str, Any], profile: dict[str, Any], held: dict[str, Any]
) -> dict[str, Any]:
    """A volume without its daily count ("each report is about 2,000 tokens") is not valid on its own:
    it is held apart from the profile and joins the count when the user gives it."""
    volume = updates.get("volume")
    has_count = (profile.get("volume") or {}).get("requests_per_day") is not None
    if isinstance(volume, dict) and volume.get("requests_per_day") is None and not has_count:
        held = {**held, **updates.pop("volume")}
    elif isinstance(volume, dict) and held:
        updates["volume"] = {**held, **volume}
        held = {}
    return held


def _llm_read(
    state: AgentState,
    ctx: Context,
    text: str,
    lang: str,
    profile: dict[str, Any],
    rules: dict[str, Any],
    injection: bool,
    notes: list[str],
    kb: Any,
) -> tuple[dict[str, Any], Any, dict[str, Any]]:
    """The LLM's structured reading merged with the rules' (None when the endpoint failed)."""
    llm, out = LLM(ctx), {}
    read: Any = None
    try:
        prompt = (
            f"Pending question slot: {state.get('pending_slot') or 'none'}\n"
            f"Profile so far (JSON): {to_json(profile, 1500)}\nUser message: {text}"
        )
        read = llm.structured(
            [SystemMessage(system_prompt("understand", lang)), HumanMessage(prompt)], ProfileUpdate
        )
        merged = merge_understanding(
            rules, llm_updates(read), profile, injection=injection, kb=kb, notes=notes
        )
        rules = safety.llm_hard_values(rules, merged, profile, kb, notes)
    except LLMUnavailable:
        out.update(llm_notice(state, lang))
        read = None
    out["llm_calls"], out["prompt_tokens"] = llm.stats.calls, llm.stats.prompt_tokens
    return rules, read, out


def understand_node(state: AgentState, ctx: Context) -> dict[str, Any]:
    """Read the turn; hold back loosening hard facts as proposals; decide what the turn means.
    Routing on the result (confirm, ask, recommend, follow-up) is in graph.py."""
    from advisor.agent.understand import SLOT_OPTIONS, understand

    kb = ctx.get_kb()
    text = last_user_text(state)
    profile = dict(state.get("profile") or {})
    pending = state.get("pending_slot")
    conv_lang = ctx.lang if ctx.lang in ("en", "ja") else state.get("lang")
    u = understand(text, pending_slot=pending, kb=kb, profile=profile, lang=conv_lang)
    # a button (a structured resume, or its value sent as text) is not the user changing language
    clicked = bool(state.get("clicked")) or (
        pending is not None and text.strip() in {str(o[0]) for o in SLOT_OPTIONS.get(pending, [])}
    )
    lang = (state.get("lang") or "en") if clicked else pick_lang(ctx, state.get("lang"), u.lang, text)
    updates, notes = dict(u.updates), list(u.notes)
    unknown, targets, intent, what_if = list(u.unknown_slots), list(u.targets), u.intent, dict(u.what_if)
    injection = bool(u.ignored) or bool(getattr(u, "injection", False))
    if HELP.match(text):
        intent, updates = "help", {}
    elif more.wants_poc_plan(text):
        intent, updates, what_if = "poc", {}, {}  # a plan to cost, not a change of the stated facts
    elif (
        intent in ("explain", "other", "inform")
        and not targets
        and WHY_NOT.search(text)
        and more.vendor_targets(text, kb)
    ):
        intent, targets, updates = (
            "why_not",
            more.vendor_targets(text, kb),
            {},
        )  # "why not OpenAI?": a vendor's best
    elif intent not in ("what_if", "restart", "change") and terms.find(text, kb) is not None:
        intent, updates = "terms", {}  # a question about a provider's terms states no facts
    out: dict[str, Any] = {}
    if ctx.uses_llm and intent != "help":
        updates, read, stats = _llm_read(state, ctx, text, lang, profile, updates, injection, notes, kb)
        out.update(stats)
        if read is not None:
            targets = merge_targets(targets, read.targets, kb)
            intent = merge_intent(intent, read.intent, injection=injection)
            unknown += [s for s in read.unknown_slots if s in SLOTS and s not in unknown]
            if not what_if and not injection:
                what_if = {
                    k: v
                    for k, v in (
                        ("volume_factor", read.volume_factor),
                        ("gpu_count", read.gpu_count),
                        ("budget_usd_month", read.what_if_budget_usd_month),
                    )
                    if v
                }
    hardware_ok = _resolve_hardware(updates, kb, notes, lang)
    # the understanding's held values, GPU names as KB ids; one equal to the profile changes nothing
    proposals = [
        p for p in (_with_gpu_ids(p, kb) for p in safety.flagged(u)) if p["value"] != profile.get(p["field"])
    ]
    for p in proposals:
        updates.pop(p["field"], None)
        p["old"] = profile.get(p["field"])
    proposals += safety.hold_back(profile, updates, kb, all_hard=safety.hearsay(u))
    held = _hold_partial_volume(updates, profile, dict(state.get("held") or {}))
    new_profile, refused = _storable(profile, apply_updates(profile, updates), kb, lang)
    for key in [k for k in updates if new_profile.get(k) != apply_updates(profile, {k: updates[k]}).get(k)]:
        updates.pop(key)
    asked = list(state.get("asked") or [])
    if not hardware_ok and "hardware" in asked and asked.count("hardware") < MAX_ASKS:
        asked.remove("hardware")  # an unknown GPU name: the question deserves one more try
    if "first_filled" not in state:
        out["first_filled"] = len(filled_slots(new_profile) & set(DECISIVE))
    retried = list(state.get("retried") or [])
    said: list[str] = (notes[-1:] if not hardware_ok else []) + refused
    verdict = pending_turn.judge(
        pending=pending if hardware_ok and not refused and not proposals else None,
        profile=new_profile,
        unknown=[*(state.get("unknown") or []), *unknown],
        intent=intent,
        targets=targets,
        what_if=what_if,
        has_recommendation=state.get("recommendation") is not None,
        retried=retried,
        kb=kb,
        lang=lang,
    )
    said += verdict.said
    if (
        proposals
        and pending in asked
        and pending not in filled_slots(new_profile)
        and asked.count(pending) < MAX_ASKS
    ):
        asked.remove(pending)  # the confirmation comes first; the pending question is asked again after it
    if verdict.deferred is not None:
        out["deferred"] = [*(state.get("deferred") or []), {**verdict.deferred, "text": text}]
    if verdict.give_up and pending is not None:
        unknown.append(pending)  # asked twice without a usable answer: go on with the stated default
    elif verdict.reask and pending is not None and pending in asked and asked.count(pending) < MAX_ASKS:
        asked.remove(pending)
        if verdict.retried:
            retried.append(pending)
            said.append(
                pending_turn.offtarget_note(pending, lang)
                if updates
                else _unread_note(pending, text, kb, lang)
            )
    shown = dict(updates)
    if shown.get("hardware"):
        shown["hardware"] = [
            {**h, "gpu": kb.gpus[h["gpu"]].name if h["gpu"] in kb.gpus else h["gpu"]}
            for h in shown["hardware"]
        ]
    ack = acknowledge(shown, [u for u in unknown if not (verdict.give_up and u == pending)], lang)
    if said:
        ack = "\n".join([ack, *said]).strip()
    if injection:
        ack = "\n".join([ack, followup.small_talk("other", True, lang)]).strip()
    if intent == "help" and state.get("recommendation") is None:
        ack = "\n".join([ack, followup.small_talk("help", False, lang)]).strip()
    if intent == "terms" and state.get("recommendation") is None and (question := terms.find(text, kb)):
        ack = "\n\n".join([ack, terms.answer(question, kb, lang)]).strip()  # answered now, then the interview
    out.update(
        {
            "profile": new_profile,
            "lang": lang,
            "intent": intent,
            "targets": targets,
            "what_if": what_if,
            "unknown": list(dict.fromkeys([*(state.get("unknown") or []), *unknown])),
            "asked": asked,
            "ack": ack,
            "pending_slot": None,
            "injection": injection,
            "retried": retried,
            "clicked": False,
            "confirm": safety.merge_proposals(state.get("confirm") or [], proposals),
            "hard_open": [
                s
                for s in [*(state.get("hard_open") or []), *safety.unresolved_topics(u)]
                if s not in filled_slots(new_profile)
            ],
            "changed": bool(updates) or intent == "change",
            "held": held,
        }
    )
    if intent == "restart":
        out.update(
            {
                "profile": {},
                "asked": [],
                "unknown": [],
                "recommendation": None,
                "report_markdown": None,
                "deferred": [],
                "retried": [],
                "confirm": [],
                "hard_open": [],
                "held": {},
                "ack": render(msg("Starting over."), lang),
            }
        )
    return out


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
        _resolve_hardware(other, kb, [], lang)
        if verdict is None and other.get(field) == value:
            verdict = safety.YES  # restating the looser value plainly is a yes
        if other.get(field) == value:
            del other[field]
        safety.hold_back(profile, other, kb)  # nothing else is loosened by the answer to this question
    if verdict == safety.YES:
        profile = apply_updates(profile, {field: value, **dict(proposal.get("also") or {})})
    profile, _ = _storable(profile, apply_updates(profile, other), kb, lang)
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
