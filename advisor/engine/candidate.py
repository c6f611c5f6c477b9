"""Turn a scored option into the contract's ``Candidate``, with every fact's source and date."""

from __future__ import annotations

from advisor.engine.constraints import Option
from advisor.engine.cost import Cost, api_cost, break_even_requests_per_day
from advisor.engine.data_policy import policy_note
from advisor.engine.hardware import Plan
from advisor.engine.licence import licence_conditions
from advisor.engine.lifecycle import UNKNOWN
from advisor.engine.models import (
    Candidate,
    CostBreakdown,
    CostParts,
    HardwarePlan,
    LicenceInfo,
    Lifecycle,
    SourceRef,
)
from advisor.engine.rank_context import RankContext
from advisor.engine.scoring import Scored
from advisor.i18n import Msg, Num, Plain, Usd, msg
from advisor.kb.schema import Model, Sourced


def _ref(fact: Msg, ent: Sourced | None) -> SourceRef:
    src = ent.source if ent is not None and ent.source else msg("knowledge base")
    as_of = ent.as_of.isoformat() if ent is not None and ent.as_of else None
    return SourceRef(fact=fact, source=src, as_of=as_of)


def sources_for(model: Model, opt: Option, ctx: RankContext) -> list[SourceRef]:
    """The facts behind a candidate, each with its source and date."""
    lic = ctx.kb.licence_of(model)
    size = {"model": model.name, "window": Num(model.context_window)}
    out = [
        _ref(
            msg(
                "{model}: context window {window} tokens, {params}B parameters",
                **size,
                params=Plain(model.params_total_b),
            )
            if model.params_total_b
            else msg("{model}: context window {window} tokens", **size),
            model,
        ),
        _ref(msg("Licence {licence}", licence=lic.name), lic),
    ]
    if model.architecture is not None and opt.deployment == "self_hosted":
        out.append(
            SourceRef(
                fact=msg(
                    "{model} architecture ({layers} layers)",
                    model=model.name,
                    layers=Num(model.architecture.layers),
                ),
                source=model.architecture.source,
                as_of=None,
            )
        )
    if opt.price is not None:
        p = opt.price
        out.append(
            _ref(
                msg(
                    "{model} at {provider}: {input} in / {output} out per 1M tokens",
                    model=model.name,
                    provider=p.provider,
                    input=Usd(p.input, unit_price=True),
                    output=Usd(p.output, unit_price=True),
                ),
                p,
            )
        )
    if opt.provider is not None:
        out.append(_ref(policy_note(opt.provider), opt.provider))
    if opt.plan is not None:
        g = opt.plan.gpu
        specs = [msg("{memory} GB", memory=Plain(g.memory_gb))]
        if g.bandwidth_gbps:
            specs.append(msg("{bandwidth} GB/s", bandwidth=Plain(g.bandwidth_gbps)))
        if g.tdp_w:
            specs.append(msg("{tdp} W", tdp=Plain(g.tdp_w)))
        out.append(_ref(msg("{gpu}: {specs}", gpu=g.name, specs=specs), g))
        if opt.plan.rental is not None:
            rent = opt.plan.rental
            out.append(
                _ref(
                    msg(
                        "{gpu} rental at {provider}: {rate}/h",
                        gpu=g.name,
                        provider=rent.provider,
                        rate=Usd(rent.usd_per_hour, unit_price=True),
                    ),
                    rent,
                )
            )
    return out


def build_candidate(
    model: Model, opt: Option, scored: Scored, ctx: RankContext, other: Option | None = None
) -> Candidate:
    """``other`` is the model's alternative route, used for the API/self-hosted break-even."""
    lic = ctx.kb.licence_of(model)
    plan = opt.plan
    hw = hardware_plan(opt)
    api_c: Cost | None = opt.cost if opt.deployment == "api" else (other.cost if other else None)
    host_c: Cost | None = opt.cost if opt.deployment == "self_hosted" else (other.cost if other else None)
    breakeven = break_even_requests_per_day(api_c, host_c) if api_c and host_c else None
    if breakeven is None and host_c is not None and opt.deployment == "self_hosted" and other is None:
        breakeven = _breakeven_vs_any_price(model, host_c, ctx)
    breakdown = CostBreakdown(
        api_usd_month=round(api_c.usd_month, 2) if api_c else None,
        self_hosted_usd_month=round(host_c.usd_month, 2) if host_c else None,
        basis=opt.cost.basis,
        break_even_requests_per_day=round(breakeven, 1) if breakeven is not None else None,
        assumptions=opt.cost.assumptions,
    )
    parts = cost_parts(opt.cost)
    return Candidate(
        model_id=model.id,
        name=model.name,
        family=model.family,
        vendor=model.vendor,
        open_weights=model.open_weights,
        deployment=opt.deployment,
        provider=opt.provider.id if opt.provider else None,
        quantization=plan.quant if plan else None,
        hardware=hw,
        fits_hardware=True if plan is not None else None,
        context_window=model.context_window,
        monthly_cost_usd=round(sum(v or 0.0 for v in parts.model_dump().values()), 2)
        if parts
        else round(opt.cost.usd_month, 2),
        licence=LicenceInfo(
            id=lic.id,
            name=lic.name,
            commercial_use=lic.commercial_use,
            conditions=licence_conditions(lic, ctx.r),
        ),
        score=scored.score,
        reasons=scored.reasons,
        sources=sources_for(model, opt, ctx),
        cost=breakdown,
        lifecycle=_lifecycle(opt),
        cost_breakdown=parts,
    )


def _lifecycle(opt: Option) -> Lifecycle:
    """The route's lifecycle on its platform; a self-hosted route has none to report (weights do
    not retire), so its fields stay unknown."""
    life = opt.lifecycle if opt.deployment == "api" else UNKNOWN
    return Lifecycle(
        status=life.status,
        shutdown_date=life.shutdown.isoformat() if life.shutdown else None,
        successor=life.successor,
    )


def hardware_plan(opt: Option) -> HardwarePlan | None:
    """Where a self-hosted option runs, with its capacity figures (None for an API route)."""
    return None if opt.plan is None else hardware_of(opt.plan, opt.cost)


def hardware_of(plan: Plan, cost: Cost) -> HardwarePlan:
    """The contract's hardware block for a sized plan and its cost (the ranking and ``advisor plan``)."""
    fields = dict(
        gpu=plan.gpu.id,
        count=plan.count,
        vram_needed_gb=round(plan.memory.total_gb, 1),
        vram_available_gb=round(plan.available_gb, 1),
        rented=plan.rented,
        usd_per_hour=plan.usd_per_hour,
        procure=plan.procure,
        rental_provider=plan.rental.provider if plan.rental and plan.rented else None,
    )
    fields.update(capacity_fields(cost))
    return HardwarePlan(**fields)


def cost_parts(cost: Cost) -> CostParts | None:
    """The contract's cost_breakdown, each part rounded to cents (their sum is monthly_cost_usd)."""
    if cost.parts is None:
        return None
    return CostParts(
        **{k: (round(v, 2) if v is not None else None) for k, v in cost.parts.model_dump().items()}
    )


def capacity_fields(cost: Cost) -> dict:
    """HardwarePlan's capacity figures (contract additions of 2026-11-30) from the plan's capacity."""
    cap = cost.capacity
    if cap is None:
        return {}
    out: dict = {
        "tokens_per_second": round(cap.stream_tps, 1) if cap.stream_tps else None,
        "replicas": cap.replicas,
        "gpu_hours_per_month": round(cap.gpu_hours, 1) if cap.gpu_hours is not None else None,
        "utilisation": round(cap.utilisation, 3) if cap.utilisation is not None else None,
    }
    if cap.overflow is not None and cap.overflow.plan.rental is not None:
        out["rental_provider"] = cap.overflow.plan.rental.provider
        out["utilisation"] = 1.0  # the owned GPUs run full; rented replicas carry the rest
        out["replicas"] = (cap.replicas or 1) + cap.overflow.replicas
    return out


def _breakeven_vs_any_price(model: Model, hosted: Cost, ctx: RankContext) -> float | None:
    """Break-even against the cheapest listed API price of the same model, even one not allowed
    for this data (it shows what self-hosting saves)."""
    prices = ctx.index.prices.get(model.id, [])
    if not prices:
        return None
    cheapest = min((api_cost(p, ctx.r) for p in prices), key=lambda c: c.usd_month)
    return break_even_requests_per_day(cheapest, hosted)
