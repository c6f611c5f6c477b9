"""Re-derive the money figures of the final turn's tool calls by calling the engine again.

A follow-up answer ("compare Llama 3 70B and DeepSeek R1", "what if volume doubles?") quotes costs
of models or profiles that are not in the final Recommendation. The judge does not trust the
agent's text for them: it replays each recorded tool step (name + arguments) against the engine
with the conversation's normalised profile and allows exactly the figures the engine returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from advisor.kb.loader import KnowledgeBase


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def resolve_model(kb: KnowledgeBase, name: Any) -> str | None:
    """A KB model id from an id, name or alias as a tool argument may give it."""
    if not isinstance(name, str):
        return None
    if name in kb.models:
        return name
    want = _norm(name)
    for m in kb.models.values():
        if want in {_norm(k) for k in (m.id, m.name, *m.aliases)}:
            return m.id
    return None


def hypothetical_profile(raw: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    """The profile a what-if step describes: budget replaced, volume scaled, GPU count changed."""
    raw = dict(raw)
    if args.get("budget_usd_month") is not None:
        raw["budget_usd_month"] = args["budget_usd_month"]
        raw.pop("budget", None)
    if args.get("volume_factor") is not None:
        volume = dict(
            raw.get("volume") or {"requests_per_day": 1000, "input_tokens": 1000, "output_tokens": 300}
        )
        volume["requests_per_day"] = float(volume["requests_per_day"]) * float(args["volume_factor"])
        raw["volume"] = volume
    if args.get("gpu_count") is not None and raw.get("hardware"):
        raw["hardware"] = [{**raw["hardware"][0], "count": max(1, int(args["gpu_count"]))}]
    return raw


def _models(kb: KnowledgeBase, args: dict[str, Any]) -> list[str]:
    models = args.get("models")
    names: list[Any] = models if isinstance(models, list) else [args.get("model")]
    return [mid for mid in (resolve_model(kb, n) for n in names) if mid]


def replay(step: dict[str, Any], raw_profile: dict[str, Any], kb: KnowledgeBase) -> Iterator[Any]:
    """Engine outputs for one recorded step (nothing for steps that compute no money)."""
    from advisor.engine import normalise_profile, recommend
    from advisor.engine import queries as engine
    from advisor.engine.reverse import plan_hardware
    from advisor.i18n import render_tree

    args = step.get("args") if isinstance(step.get("args"), dict) else {}
    assert isinstance(args, dict)
    profile = normalise_profile(hypothetical_profile(raw_profile, args), kb, source="replay")
    name = step.get("name")
    calls: dict[str, Callable[[str], Any]] = {
        "estimate_cost": lambda mid: render_tree(engine.estimate_cost(kb, mid, profile), "en"),
        "check_hardware_fit": lambda mid: render_tree(engine.check_hardware_fit(kb, mid, profile), "en"),
        "plan_hardware": lambda mid: render_tree(plan_hardware(kb, mid, profile), "en"),
    }
    if name == "recommend" and args:
        yield recommend(profile, kb).contract_dict()
    elif name == "compare_models":
        yield render_tree(engine.compare_models(kb, _models(kb, args), profile), "en")
    elif name in calls:
        yield from (calls[name](mid) for mid in _models(kb, args))


def replayed(rec: dict[str, Any] | None, steps: list[dict[str, Any]], kb: KnowledgeBase) -> list[Any]:
    """Everything the final turn's tool steps computed, recomputed here; a step that no longer
    replays (unknown model, bad argument) contributes nothing, so its figures stay unverified."""
    from advisor.kb.errors import InputError

    raw = (rec or {}).get("profile") or {}
    out: list[Any] = []
    if not raw:
        return out
    for step in steps:
        try:
            out.extend(replay(step, raw, kb))
        except (InputError, KeyError, ValueError, TypeError):
            continue
    return out
