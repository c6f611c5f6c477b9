"""What a hypothetical does to the recommendation, and how a change of answer is said.

A what-if ("what if we had 2 H100s?", 「もしAPIが使えるなら」, "budget 50万円/月?") states facts the
understanding module reads into its ``what_if`` dict with the same rules as any other message:
profile fields (hardware, deployment, data_sensitivity, budget ...) plus two relative changes
(``volume_factor``, ``gpu_count``). They are applied to a COPY of the conversation's raw profile,
normalised by the engine and re-ranked; the saved profile is never touched. The answer says what
moves: the primary model, where it runs, the monthly cost and whether it fits the GPUs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.agent.labels import deployment_label, field_label, per_month, requests_per_day
from advisor.agent.merge import apply_updates
from advisor.agent.questions import show_value
from advisor.agent.tools import scaled_profile
from advisor.engine.models import Profile
from advisor.i18n import Num, listing, msg, render
from advisor.i18n import label as engine_label

RELATIVE = ("volume_factor", "gpu_count")  # changes relative to the profile, not profile fields


def money(value: Any) -> str:
    return "—" if value is None else f"${float(value):,.2f}"


def split(change: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stated facts (profile fields) and the relative changes of a what-if."""
    facts = {k: v for k, v in change.items() if k in Profile.model_fields or k == "budget"}
    relative = {k: v for k, v in change.items() if k in RELATIVE and v}
    return facts, relative


def hypothetical_profile(raw: Mapping[str, Any], change: Mapping[str, Any], kb: Any) -> Profile:
    """The profile as it would be: the facts folded into a copy of the raw profile (the same merge
    a real answer gets), normalised, then scaled. Raises InputError for an unusable fact."""
    from advisor.engine import normalise_profile

    facts, relative = split(change)
    merged = apply_updates(raw, facts)
    profile = normalise_profile(merged, kb, source="conversation")
    return scaled_profile(
        profile, volume_factor=relative.get("volume_factor"), gpu_count=relative.get("gpu_count")
    )


def _gpu_name(kb: Any, gpu: str) -> str:
    return str(kb.gpus[gpu].name) if gpu in kb.gpus else gpu


def describe_facts(change: Mapping[str, Any], hypothetical: Profile, kb: Any, lang: str) -> str:
    """The supposition said back ("hardware: NVIDIA H100 × 2; 1,000 requests/day"), so the user sees
    exactly what was assumed."""
    facts, relative = split(change)
    parts = []
    for key, value in facts.items():
        if key == "hardware" and hypothetical.hardware:
            shown = listing((f"{_gpu_name(kb, h.gpu)} × {h.count}" for h in hypothetical.hardware), lang)
        else:
            shown = show_value(key, value, lang)
        parts.append(f"{field_label(key, lang, inline=True)}: {shown}")
    if relative.get("volume_factor") and hypothetical.volume is not None:
        parts.append(requests_per_day(f"{hypothetical.volume.requests_per_day:,.0f}", lang))
    if relative.get("gpu_count") and hypothetical.hardware:
        gpu = hypothetical.hardware[0]
        parts.append(f"{_gpu_name(kb, gpu.gpu)} × {gpu.count}")
    return ("; " if lang != "ja" else "、").join(parts)


def route(candidate: Mapping[str, Any], kb: Any, lang: str) -> str:
    """Where a candidate runs, in words: "API (OpenAI)" / "自社運用: NVIDIA H100 × 2、int8"."""
    kind = str(candidate.get("deployment") or "")
    if kind == "api":
        provider = str(candidate.get("provider") or "")
        name = str(kb.providers[provider].name) if provider in kb.providers else provider
        return render(msg("API via {name}", name=name), lang) if name else "API"
    hardware = candidate.get("hardware") or {}
    if not hardware:
        return deployment_label(kind, lang)
    how = "rented" if hardware.get("rented") else "procure" if hardware.get("procure") else "owned"
    detail = listing(
        [
            f"{_gpu_name(kb, str(hardware.get('gpu')))} × {hardware.get('count', 1)}",
            *([str(candidate["quantization"])] if candidate.get("quantization") else []),
            engine_label("gpuhow", how, lang),
        ],
        lang,
    )
    return f"{deployment_label(kind, lang)}: {detail}"


def fit(candidate: Mapping[str, Any], lang: str) -> str:
    """GPU memory used against what the GPUs have, for a self-hosted pick ("" for an API)."""
    hardware = candidate.get("hardware") or {}
    need, have = hardware.get("vram_needed_gb"), hardware.get("vram_available_gb")
    if candidate.get("deployment") != "self_hosted" or need is None or have is None:
        return ""
    fits = bool(candidate.get("fits_hardware", float(need) <= float(have)))
    verdict = msg("fits") if fits else msg("does not fit")
    return render(
        msg(
            " GPU memory: {need} GB needed of {have} GB ({verdict}).",
            need=Num(float(need), 1),
            have=Num(float(have)),
            verdict=verdict,
        ),
        lang,
    )


def describe_change(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    kb: Any,
    lang: str,
    *,
    hypothetical: bool = False,
    prefix: str | None = None,
) -> str:
    """What a changed profile does to the answer: the model, where it runs, the monthly cost, the fit."""
    a, b = old.get("primary") or {}, new.get("primary") or {}
    if prefix is None:
        prefix = render(msg("If so: ") if hypothetical else msg("Updated: "), lang)
    if not b:
        warn = " ".join(w["text"] for w in new.get("warnings") or [] if w.get("code") == "no_candidate")
        return prefix + render(msg("no model satisfies the constraints. {warn}", warn=warn), lang)
    cost = render(
        msg(
            "{now} (was {before})",
            now=per_month(money(b.get("monthly_cost_usd")), lang),
            before=money(a.get("monthly_cost_usd")),
        ),
        lang,
    )
    where_new, where_old = route(b, kb, lang), route(a, kb, lang) if a else "—"
    if a.get("model_id") == b.get("model_id"):
        if where_new == where_old:
            text = render(
                msg(
                    "{model} stays the recommendation ({where}); {cost}.",
                    model=b["name"],
                    where=where_new,
                    cost=cost,
                ),
                lang,
            )
        else:
            text = render(
                msg(
                    "{model} stays the recommendation, but runs as {new} instead of {old}; {cost}.",
                    model=b["name"],
                    new=where_new,
                    old=where_old,
                    cost=cost,
                ),
                lang,
            )
    else:
        text = render(
            msg(
                "the recommendation becomes {model} ({new}) instead of {before} ({old}); {cost}.",
                model=b["name"],
                new=where_new,
                before=a.get("name", "—"),
                old=where_old,
                cost=cost,
            ),
            lang,
        )
    return prefix + text + fit(b, lang)
