"""The monthly cost of a self-hosted plan from its capacity: rented GPU-hours, power of owned GPUs
(TDP x hours x PUE x the region's electricity price), rented overflow, optional amortisation."""

from __future__ import annotations

from collections.abc import Callable

from advisor.engine import defaults as D
from advisor.engine.capacity import Capacity, add_overflow, plan_capacity
from advisor.engine.cost import Cost
from advisor.engine.hardware import Plan
from advisor.engine.models import CostParts
from advisor.engine.profile import Resolved
from advisor.i18n import N_, Date, Msg, Num, Plain, Sentences, Usd, msg
from advisor.kb.loader import KnowledgeBase
from advisor.kb.schema import Model


def electricity_usd_per_kwh(kb: KnowledgeBase, region: str | None) -> tuple[float, Msg]:
    """The region's sourced price in USD (converted with the KB's dated rate), else the stated default."""
    entry = kb.power.get(region or "")
    if entry is not None:
        rate = (
            1.0
            if entry.currency == "USD"
            else (kb.fx[entry.currency].usd_per_unit if entry.currency in kb.fx else None)
        )
        if rate is not None:
            usd = entry.price_per_kwh * rate
            return usd, msg(
                "Electricity for {region}: {price}/kWh ({source}, {as_of}).",
                region=entry.region,
                price=Usd(usd, unit_price=True),
                source=entry.source or "",
                as_of=Date(entry.as_of) if entry.as_of else "?",
            )
    if region is None:
        return D.USD_PER_KWH, msg(
            "Electricity priced at {price}/kWh (no region given).", price=Usd(D.USD_PER_KWH, unit_price=True)
        )
    return D.USD_PER_KWH, msg(
        "Electricity priced at {price}/kWh (no sourced price for the region {region} in the knowledge base).",
        price=Usd(D.USD_PER_KWH, unit_price=True),
        region=region,
    )


def tdp_w(plan: Plan) -> tuple[float, Msg | None]:
    if plan.gpu.tdp_w is not None:
        return plan.gpu.tdp_w, None
    tdp = D.DEFAULT_TDP_W.get(plan.gpu.kind, 700.0)
    return tdp, msg(
        "{gpu}: power draw not in the knowledge base; {tdp} W assumed (the top of its class).",
        gpu=plan.gpu.name,
        tdp=Plain(tdp),
    )


def power_usd(plan: Plan, cap: Capacity, r: Resolved, usd_kwh: float, owned_gpus: int | None = None) -> float:
    """Owned GPUs: busy GPU-hours at TDP, the rest of an always-on month at idle draw; never more
    GPUs than the user has (a plan over capacity runs them flat out, not more of them)."""
    tdp, _ = tdp_w(plan)
    replicas = cap.replicas or 1
    if owned_gpus is not None:
        replicas = min(replicas, max(1, owned_gpus // plan.count))
    most = replicas * plan.count * D.HOURS_PER_MONTH
    busy = min((cap.busy_hours or 0.0) * plan.count, most)
    on = busy if r.latency == "batch" else most
    kwh = tdp / 1000 * D.PUE * (busy + D.IDLE_POWER_SHARE * max(0.0, on - busy))
    return kwh * usd_kwh


def hosted_cost(
    model: Model,
    plan: Plan,
    r: Resolved,
    kb: KnowledgeBase,
    owned_gpus: int | None = None,
    rent: Callable[[], Plan | None] | None = None,
    requests_per_day: float | None = None,
    amortise_usd_month: float = 0.0,
) -> Cost:
    """Cost and capacity of one self-hosted plan; owned plans over capacity overflow to ``rent``."""
    cap = plan_capacity(model, plan, r, owned_gpus, requests_per_day)
    if rent is not None and owned_gpus is not None and not plan.rented:
        add_overflow(cap, model, r, rent)
    notes: list[Msg] = []
    gpu = power = 0.0
    replicas = cap.replicas or 1
    if plan.rented and plan.rental is not None:
        hours = (
            (cap.gpu_hours if cap.gpu_hours is not None else D.HOURS_PER_MONTH * plan.count)
            if r.latency == "batch"
            else replicas * plan.count * D.HOURS_PER_MONTH
        )
        gpu = hours * plan.rental.usd_per_hour
        notes.append(
            msg(
                "{count} x {gpu} rented at {rate}/h ({provider}): {replicas} replica(s), {hours} GPU-hours "
                "a month.",
                count=Num(plan.count),
                gpu=plan.gpu.name,
                rate=Usd(plan.rental.usd_per_hour, unit_price=True),
                provider=plan.rental.provider,
                replicas=Num(replicas),
                hours=Num(hours),
            )
        )
    else:
        usd_kwh, where = electricity_usd_per_kwh(kb, r.region)
        power = power_usd(plan, cap, r, usd_kwh, owned_gpus)
        tdp, tdp_note = tdp_w(plan)
        notes.append(
            msg(
                "Power: {count} x {gpu} at {tdp} W x PUE {pue}, busy {busy} h and idle at {idle} of TDP "
                "for the rest of the hours they are on.",
                count=Num(plan.count),
                gpu=plan.gpu.name,
                tdp=Plain(tdp),
                pue=Plain(D.PUE),
                busy=Num(cap.busy_hours or 0.0),
                idle=Plain(D.IDLE_POWER_SHARE),
            )
        )
        notes.append(where)
        if tdp_note is not None:
            notes.append(tdp_note)
        if cap.overflow is not None:
            gpu = cap.overflow.usd_month
    if cap.aggregate_tps is None:
        notes.append(
            msg(
                "{gpu}: memory bandwidth not in the knowledge base, so its speed and the GPU-hours the volume needs "
                "are unknown; capacity not checked.",
                gpu=plan.gpu.name,
            )
        )
    gpu += amortise_usd_month
    total = gpu + power
    fixed = total if r.latency != "batch" else 0.0
    parts = CostParts(
        input_usd=None,
        cached_input_usd=None,
        output_usd=None,
        reasoning_usd=None,
        gpu_usd=round(gpu, 2) if plan.rented or gpu else None,  # owned, nothing rented or amortised: n/a
        power_usd=None if plan.rented else round(power, 2),
    )
    speed = msg(
        "Speed from the calibrated speed model: {tps} tokens/s per stream, {agg} tokens/s per replica at "
        "{batch} concurrent streams; {hours} GPU-hours a month needed.",
        tps=Num(cap.stream_tps or 0.0),
        agg=Num(cap.aggregate_tps or 0.0),
        batch=Num(cap.batch),
        hours=Num(cap.gpu_hours or 0.0),
    )
    assumptions = [speed] if cap.aggregate_tps else []
    if not plan.rented:
        assumptions.append(
            msg(
                N_("Purchase price of the hardware excluded (not in the knowledge base).")
                if plan.procure
                else N_("Hardware amortisation excluded (owned hardware is a sunk cost).")
            )
        )
    return Cost(
        round(gpu, 2) + round(power, 2),
        msg("{text}", text=Sentences(tuple(notes))),
        assumptions,
        fixed_usd_month=fixed,
        parts=parts,
        capacity=cap,
    )
