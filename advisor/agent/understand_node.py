"""The understanding node: read the user's turn (rules, then the LLM when configured), hold back
loosening hard facts as proposals, keep invalid values out, and decide what the turn means.
Routing on its result is in graph.py; the other nodes are in nodes.py."""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage

from advisor.agent import followup, safety, terms
from advisor.agent import followups_more as more
from advisor.agent import pending as pending_turn
from advisor.agent.context import Context
from advisor.agent.llm import LLM, LLMUnavailable, ProfileUpdate
from advisor.agent.merge import apply_updates, llm_updates, merge_intent, merge_targets, merge_understanding
from advisor.agent.next_question import DECISIVE, filled_slots
from advisor.agent.node_support import (
    MAX_ASKS,
    gpu_problems,
    last_user_text,
    llm_notice,
    pick_lang,
    resolve_hardware,
    storable,
    with_gpu_ids,
)
from advisor.agent.prompts import system_prompt
from advisor.agent.questions import acknowledge
from advisor.agent.state import AgentState
from advisor.agent.tools import to_json
from advisor.engine.models import SLOTS
from advisor.i18n import msg, render
from advisor.kb.errors import InputError

#: "/help", "help", "ヘルプ", "what can you do?": always answered, never counted as a miss
HELP = re.compile(
    r"^\s*(?:/?help|\?|ヘルプ|使い方|what can you do\??|何ができ(?:ますか|る)[?？]?)\s*[.!。]?\s*$", re.I
)
WHY_NOT = re.compile(
    r"\bwhy (?:not|didn'?t you (?:pick|choose))\b|なぜ.{0,12}(?:ダメ|だめ|駄目|使わ|選ば|じゃない)|"
    r"(?:ダメ|だめ)な(?:の|ん)",
    re.I,
)


def _unread_note(slot: str, text: str, kb: Any, lang: str) -> str:
    """Why the answer did not count; for hardware, the nearest GPU names the KB knows."""
    if slot == "hardware" and len(text) <= 60:
        from advisor.engine import resolve_gpu

        try:
            resolve_gpu(text, kb)
        except InputError as exc:
            return gpu_problems(exc, lang)
    return render(msg("Sorry, I couldn't read that answer; pick an option or rephrase it."), lang)


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
    hardware_ok = resolve_hardware(updates, kb, notes, lang)
    # the understanding's held values, GPU names as KB ids; one equal to the profile changes nothing
    proposals = [
        p for p in (with_gpu_ids(p, kb) for p in safety.flagged(u)) if p["value"] != profile.get(p["field"])
    ]
    for p in proposals:
        updates.pop(p["field"], None)
        p["old"] = profile.get(p["field"])
    proposals += safety.hold_back(profile, updates, kb, all_hard=safety.hearsay(u))
    held = _hold_partial_volume(updates, profile, dict(state.get("held") or {}))
    new_profile, refused = storable(profile, apply_updates(profile, updates), kb, lang)
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
