"""What the interview's nodes share: the turn's text and language, stream events, and the checks
that keep an invalid or unknown value (a GPU name the KB lacks, a field the engine refuses) out of
the stored profile. Split from nodes.py so the understanding node and the others use one copy."""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import HumanMessage

from advisor.agent.context import Context
from advisor.agent.labels import field_label
from advisor.agent.questions import gpu_problem
from advisor.agent.state import AgentState
from advisor.i18n import msg, render
from advisor.kb.errors import InputError

MAX_ASKS = 2  # no question is asked more than twice


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


def prepared_profile(state: AgentState) -> dict[str, Any]:
    """The partial profile plus what the conversation itself shows (the user's language)."""
    raw = dict(state.get("profile") or {})
    if not raw.get("languages"):
        raw["languages"] = [state.get("lang") or "en"]
    return raw  # a budget {amount, currency, period} goes as is: the engine converts it


def gpu_problems(exc: InputError, lang: str) -> str:
    """An unknown GPU name, said with the nearest names the KB knows."""
    return "; ".join(gpu_problem(p.message, lang) for p in exc.problems)


def resolve_hardware(updates: dict[str, Any], kb: Any, notes: list[str], lang: str = "en") -> bool:
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
            notes.append(gpu_problems(exc, lang))
            updates.pop("hardware")
            return False
    updates["hardware"] = resolved
    return True


def with_gpu_ids(proposal: dict[str, Any], kb: Any) -> dict[str, Any]:
    """A held hardware value with its GPU names resolved (kept as said when a name is unknown)."""
    if proposal["field"] != "hardware":
        return proposal
    probe = {"hardware": proposal["value"]}
    return {**proposal, "value": probe["hardware"]} if resolve_hardware(probe, kb, []) else proposal


def storable(
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
