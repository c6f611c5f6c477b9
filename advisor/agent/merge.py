"""Folding understood updates into the partial profile, and merging the LLM's reading with the rules'.

The rules are the arbiter of hard constraints (``understand.failsafe`` has the order of strictness):
- where both read a hard field, the stricter reading is kept;
- the LLM never loosens a value the profile or the rules hold;
- a hard field the rules did not read is taken from the LLM only when the LLM's value restricts
  (a stricter reading is always safe); any other value is held for the user's confirmation
  (``held``), never applied, because the user may never have said it;
- nothing the LLM reads for a hard field counts when the rules flagged the message as an
  instruction rather than a fact (prompt injection).
Ids and hardware the LLM names must exist in the knowledge base, or they are dropped with a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.agent.llm import ProfileUpdate
from advisor.agent.understand.facts import DEPLOYMENT_RANK, SENSITIVITY_RANK
from advisor.agent.understand.failsafe import looser, restricting
from advisor.agent.understand.types import INTENTS

LIST_UNION = ("tasks", "languages", "regulations", "needs")
# Fields whose loosening needs the user's confirmation (see understand.failsafe)
FAIL_SAFE = (
    "data_sensitivity",
    "deployment",
    "residency",
    "vendor_requirements",
    "hardware",
    "can_rent_gpus",
)
HARD = (
    *FAIL_SAFE,
    "regulations",
    "commercial_use",
    "region",
    "monthly_active_users",
    "context_tokens",
    "cloud_provider",
)
_RANKS = {"data_sensitivity": SENSITIVITY_RANK, "deployment": DEPLOYMENT_RANK}


def apply_updates(profile: Mapping[str, Any], updates: Mapping[str, Any]) -> dict[str, Any]:
    """The new partial profile: lists of tags grow, volume merges key by key, the rest replaces."""
    out = dict(profile)
    for key, value in updates.items():
        if key in LIST_UNION and isinstance(value, list):
            merged = list(out.get(key) or [])
            merged += [v for v in value if v not in merged]
            out[key] = merged
        elif key == "volume" and isinstance(value, Mapping):
            out[key] = {**(out.get(key) or {}), **value}
        elif key == "budget":
            out.pop("budget_usd_month", None)
            out[key] = value
        elif key == "budget_usd_month":
            out.pop("budget", None)
            out[key] = value
        else:
            out[key] = value
    return out


def llm_updates(update: ProfileUpdate) -> dict[str, Any]:
    """The LLM's structured reading as contract-profile updates (same shape the rules produce)."""
    out: dict[str, Any] = {}
    for key in ("tasks", "languages", "regulations", "needs"):
        if getattr(update, key):
            out[key] = list(getattr(update, key))
    for key in (
        "data_sensitivity",
        "deployment",
        "can_rent_gpus",
        "context_tokens",
        "latency",
        "commercial_use",
        "monthly_active_users",
        "region",
    ):
        if getattr(update, key) is not None:
            out[key] = getattr(update, key)
    if update.budget_amount is not None:
        currency = (update.budget_currency or "USD").upper()
        period = update.budget_period or "month"
        if currency == "USD" and period == "month":
            out["budget_usd_month"] = update.budget_amount
        else:
            out["budget"] = {"amount": update.budget_amount, "currency": currency, "period": period}
    volume = {
        k: getattr(update, k)
        for k in ("requests_per_day", "input_tokens", "output_tokens")
        if getattr(update, k) is not None
    }
    if volume:
        out["volume"] = volume
    if update.hardware:
        out["hardware"] = [{"gpu": h.gpu, "count": h.count} for h in update.hardware]
    elif update.no_gpus:
        out["hardware"] = []
    return out


def _valid(key: str, value: Any, kb: Any, notes: list[str]) -> bool:
    """KB-checked values only: known task names and GPUs that resolve."""
    if key == "tasks":
        from advisor.kb.schema import TASKS

        bad = [t for t in value if t not in TASKS]
        if bad:
            notes.append(f"ignored unknown task(s) from the LLM: {', '.join(map(str, bad))}")
        return not bad
    if key == "hardware" and value:
        from advisor.engine import resolve_gpu
        from advisor.kb.errors import InputError

        for item in value:
            try:
                resolve_gpu(str(item["gpu"]), kb)
            except InputError:
                notes.append(f"ignored unknown GPU from the LLM: {item['gpu']}")
                return False
    return True


def _stricter(key: str, rules: Any, llm: Any) -> Any:
    if key in _RANKS and rules in _RANKS[key] and llm in _RANKS[key]:
        return max(rules, llm, key=_RANKS[key].__getitem__)
    if (
        key in ("residency", "vendor_requirements", "regulations")
        and isinstance(rules, list)
        and isinstance(llm, list)
    ):
        return list(dict.fromkeys([*rules, *llm]))
    return rules


def merge_understanding(
    rules: Mapping[str, Any],
    llm: Mapping[str, Any],
    profile: Mapping[str, Any],
    *,
    injection: bool,
    kb: Any,
    notes: list[str],
    held: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Rules first; the LLM adds what the rules missed and can only make a hard constraint
    stricter. LLM values that would set or loosen a hard constraint go to ``held`` (when given)."""
    merged = dict(rules)
    for key, value in llm.items():
        if injection and key in HARD:
            notes.append(f"not changed by an instruction: {key}")
            continue
        if key in merged:
            if key in FAIL_SAFE:
                merged[key] = _stricter(key, merged[key], value)
            continue  # the rules extracted this slot: they win, the LLM can only tighten
        current = profile.get(key)
        if key in FAIL_SAFE and (
            looser(key, value, current) or (current in (None, [], {}) and not restricting(key, value))
        ):
            notes.append(f"kept {key} (changes to stated facts need the user to say so plainly)")
            if held is not None:
                held.setdefault(key, value)
            continue
        if key in HARD and key not in FAIL_SAFE and current not in (None, [], {}) and current != value:
            notes.append(f"kept {key} (changes to stated facts need the user to say so plainly)")
            continue
        if _valid(key, value, kb, notes):
            merged[key] = value
    return merged


def merge_targets(rules: list[str], llm: list[str], kb: Any) -> list[str]:
    """Model ids named in the message: the rules' plus any the LLM names that resolve in the KB."""
    from advisor.agent.tools import resolve_model_id

    out = list(rules)
    for name in llm:
        model_id = resolve_model_id(kb, name)
        if model_id and model_id not in out:
            out.append(model_id)
    return out


def merge_intent(rules_intent: str, llm_intent: str, *, injection: bool) -> str:
    """The rules' intent unless they found nothing specific and the LLM names a known one."""
    if injection or rules_intent not in ("inform", "other"):
        return rules_intent
    return llm_intent if llm_intent in INTENTS and llm_intent != "other" else rules_intent
