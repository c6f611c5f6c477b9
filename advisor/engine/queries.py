"""Tool-level functions for the agent: small, JSON-able answers over the KB and the engine's rules.

Each takes a profile (a ``Profile``, a raw dict, or None for defaults) so the agent can ask
"what would this model cost / does it fit / is its licence OK" for the conversation so far.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from advisor.engine import defaults as D
from advisor.engine.breakeven import model_break_even
from advisor.engine.candidate import build_candidate
from advisor.engine.constraints import model_reasons, options, quality_fit
from advisor.engine.cost import api_cost
from advisor.engine.hardware import fit_on, memory_needed, usable_gb
from advisor.engine.licence import kb_conditions, licence_conditions, licence_reasons
from advisor.engine.lifecycle import judged_today
from advisor.engine.models import Profile
from advisor.engine.profile import normalise_profile, resolve
from advisor.engine.rank_context import RankContext
from advisor.engine.scoring import language_fit, score_option
from advisor.i18n import N_, Pct, Plain, Text, msg
from advisor.kb.errors import InputError, Problem
from advisor.kb.loader import KnowledgeBase
from advisor.kb.lookup import NotFound, require_model
from advisor.kb.schema import Model


def _profile(kb: KnowledgeBase, profile: Profile | dict | None) -> Profile:
    if isinstance(profile, Profile):
        return profile
    return normalise_profile(profile or {}, kb, source="profile")


def _ctx(kb: KnowledgeBase, profile: Profile | dict | None, today: date | None = None) -> RankContext:
    return RankContext.build(kb, resolve(_profile(kb, profile), kb), judged_today(today))


def _model(kb: KnowledgeBase, model_id: str) -> Model:
    try:
        return require_model(kb, model_id.strip())
    except NotFound as miss:
        near = ", ".join(miss.near)
        raise InputError(
            [Problem("tool", None, "model_id", f"unknown model '{model_id}' (nearest: {near})")]
        ) from None


def search_models(
    kb: KnowledgeBase,
    *,
    task: str | None = None,
    open_weights: bool | None = None,
    family: str | None = None,
    max_params_b: float | None = None,
    japanese: bool | None = None,
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Models matching simple filters, best task tier first (ties by id)."""
    hits = []
    for m in kb.models.values():
        if open_weights is not None and m.open_weights != open_weights:
            continue
        if family and m.family != family.lower():
            continue
        if max_params_b is not None and (m.params_total_b is None or m.params_total_b > max_params_b):
            continue
        level = m.japanese.level if m.japanese else None
        if japanese and level not in ("native", "strong", "good"):
            continue
        tier = m.quality.get(task, 0) if task else max(m.quality.values(), default=0)  # type: ignore[call-overload]
        hits.append((-tier, m.id, m, tier, level))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [
        {
            "model_id": m.id,
            "name": m.name,
            "family": m.family,
            "vendor": m.vendor,
            "open_weights": m.open_weights,
            "params_total_b": m.params_total_b,
            "context_window": m.context_window,
            "task_tier": tier or None,
            "japanese": level,
            "licence": m.licence,
        }
        for _, _, m, tier, level in hits[:limit]
    ]


def model_facts(kb: KnowledgeBase, model_id: str) -> dict[str, Any]:
    """The model's KB entry; its prose (notes, Japanese-support note, licence conditions) as ``Text``
    with the KB's Japanese form, so ``render_tree`` shows it in the reader's language."""
    m = _model(kb, model_id)
    lic = kb.licence_of(m)
    prices = [
        {
            "provider": p.provider,
            "input": p.input,
            "output": p.output,
            "cached_input": p.cached_input,
            "batch_input": p.batch_input,
            "batch_output": p.batch_output,
            "source": p.source,
            "as_of": p.as_of.isoformat() if p.as_of else None,
        }
        for p in kb.current_prices(m.id)
    ]
    data = m.model_dump(mode="json", exclude={"benchmarks", "notes_ja"})
    data["notes"] = Text(m.notes, m.notes_ja, source=m.source) if m.notes else None
    if m.japanese is not None and m.japanese.note:
        data["japanese"] = {
            **data["japanese"],
            "note": Text(m.japanese.note, m.japanese.note_ja, source=m.source),
        }
        data["japanese"].pop("note_ja", None)
    data["benchmarks"] = [b.model_dump(mode="json") for b in m.benchmarks[:8]]
    data["licence_facts"] = {
        "id": lic.id,
        "name": lic.name,
        "kind": lic.kind,
        "commercial_use": lic.commercial_use,
        "mau_cap": lic.mau_cap,
        "conditions": kb_conditions(lic),
        "source": lic.source,
        "as_of": lic.as_of.isoformat() if lic.as_of else None,
    }
    data["prices"] = prices
    return data


def estimate_cost(
    kb: KnowledgeBase, model_id: str, profile: Profile | dict | None = None, today: date | None = None
) -> dict[str, Any]:
    """API cost per provider (allowed or not) and the self-hosted plan's cost, with break-even.
    Bases, assumptions and reasons are message values: ``advisor.i18n.render_tree`` words them."""
    m = _model(kb, model_id)
    ctx = _ctx(kb, profile, today)
    api = [
        {
            "provider": p.provider,
            "usd_month": round((c := api_cost(p, ctx.r, model=m)).usd_month, 2),
            "basis": c.basis,
            "source": p.source,
            "as_of": p.as_of.isoformat() if p.as_of else None,
        }
        for p in kb.current_prices(m.id)
    ]
    opts, reasons = options(m, ctx)
    hosted = next((o for o in opts if o.deployment == "self_hosted"), None)
    out: dict[str, Any] = {
        "model_id": m.id,
        "api": sorted(api, key=lambda a: (a["usd_month"], a["provider"])),
        "self_hosted": None,
        "break_even_requests_per_day": None,
        "assumptions": ctx.r.assumptions,
    }
    if hosted is not None and hosted.plan is not None:
        out["self_hosted"] = {
            "usd_month": round(hosted.cost.usd_month, 2),
            "basis": hosted.cost.basis,
            "assumptions": hosted.cost.assumptions,
            "gpu": hosted.plan.gpu.id,
            "count": hosted.plan.count,
            "quantization": hosted.plan.quant,
        }
        prices = kb.current_prices(m.id)
        if prices:
            cheapest = min((api_cost(p, ctx.r, model=m) for p in prices), key=lambda c: c.usd_month)
            be = model_break_even(cheapest.per_request_usd, m, hosted.plan, ctx)
            out["break_even_requests_per_day"] = round(be, 1) if be is not None else None
    if not opts:
        out["not_available"] = list(reasons)
    return out


def check_hardware_fit(
    kb: KnowledgeBase,
    model_id: str,
    profile: Profile | dict | None = None,
) -> dict[str, Any]:
    """Memory needed at each quantization and whether each of the user's GPUs holds it."""
    m = _model(kb, model_id)
    ctx = _ctx(kb, profile)
    if not m.open_weights or not m.params_total_b:
        return {
            "model_id": m.id,
            "self_hostable": False,
            "reason": msg(
                N_("no downloadable weights") if not m.open_weights else N_("parameter count unknown")
            ),
        }
    needs = {q: round(memory_needed(m, q, ctx.kv_tokens).total_gb, 1) for q in ("fp16", "int8", "int4")}
    fits = []
    for gpu, count in ctx.owned:
        plan = fit_on(m, gpu, count, ctx.kv_tokens)
        fits.append(
            {
                "gpu": gpu.id,
                "count": count,
                "usable_gb": round(usable_gb(gpu) * count, 1),
                "fits": plan is not None,
                "quantization": plan.quant if plan else None,
                "tokens_per_s": round(plan.tokens_per_s, 1) if plan and plan.tokens_per_s else None,
                "notes": plan.notes if plan else [],
            }
        )
    opts, reasons = options(m, ctx)
    hosted = next((o for o in opts if o.deployment == "self_hosted"), None)
    return {
        "model_id": m.id,
        "self_hostable": True,
        "kv_tokens": ctx.kv_tokens,
        "vram_needed_gb": needs,
        "owned": fits,
        "plan": None
        if hosted is None or hosted.plan is None
        else {
            "gpu": hosted.plan.gpu.id,
            "count": hosted.plan.count,
            "quantization": hosted.plan.quant,
            "rented": hosted.plan.rented,
            "usd_month": round(hosted.cost.usd_month, 2),
        },
        "reasons": [r for r in reasons if r.code == "hardware"],
        "method": msg(
            "weights x bytes/param + fp16 KV cache + {runtime_share} runtime + {runtime_gb} "
            "GB/GPU; MoE sized by total parameters",
            runtime_share=Pct(D.RUNTIME_OVERHEAD_FRACTION),
            runtime_gb=Plain(D.RUNTIME_OVERHEAD_GB_PER_GPU),
        ),
    }


def check_licence(
    kb: KnowledgeBase,
    model_id: str,
    profile: Profile | dict | None = None,
) -> dict[str, Any]:
    m = _model(kb, model_id)
    ctx = _ctx(kb, profile)
    lic = kb.licence_of(m)
    problems = licence_reasons(m, lic, ctx.r)
    return {
        "model_id": m.id,
        "licence": lic.id,
        "name": lic.name,
        "kind": lic.kind,
        "allowed": not problems,
        "problems": list(problems),
        "conditions": licence_conditions(lic, ctx.r),
        "url": lic.url,
        "source": lic.source,
        "as_of": lic.as_of.isoformat() if lic.as_of else None,
    }


def compare_models(
    kb: KnowledgeBase, model_ids: list[str], profile: Profile | dict | None = None, today: date | None = None
) -> list[dict[str, Any]]:
    """Each model as the engine would present it for this profile, or why it is excluded (message
    values and models: ``advisor.i18n.render_tree`` turns them into JSON in a locale)."""
    ctx = _ctx(kb, profile, today)
    out: list[dict[str, Any]] = []
    for mid in model_ids:
        m = _model(kb, mid)
        why = model_reasons(m, kb.licence_of(m), ctx)
        opts, more = options(m, ctx) if not why else ([], [])
        if not opts:
            out.append({"model_id": m.id, "name": m.name, "allowed": False, "reasons": why + more})
            continue
        q, fit = quality_fit(m, ctx.r.tasks), language_fit(m, ctx.r.languages)
        scored = sorted(((score_option(m, q, o, ctx.r, fit), o) for o in opts), key=lambda t: -t[0].score)
        cand = build_candidate(m, scored[0][1], scored[0][0], ctx, scored[1][1] if len(scored) > 1 else None)
        out.append({"allowed": True, **dict(cand)})  # fields as values: worded by render_tree
    return out
