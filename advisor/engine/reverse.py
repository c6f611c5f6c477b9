"""Reverse planning: what hardware does model X need for this volume, context and latency, at what
speed and cost? (``advisor plan`` and the agent's planning tool.)

For every GPU type in the knowledge base: the fewest GPUs that hold the model at the lightest-loss
precision (fast enough to chat with, when interactive), how many copies the volume needs, and the
month's cost (rented where renting is allowed for this profile; the user's own GPUs at power cost).
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from advisor.engine import defaults as D
from advisor.engine.candidate import cost_parts, hardware_of
from advisor.engine.hardware import Plan, fit_on, max_devices
from advisor.engine.hosting import hosted_cost
from advisor.engine.lifecycle import judged_today
from advisor.engine.models import CostParts, HardwarePlan, Profile, Words
from advisor.engine.placement import rental_allowed
from advisor.engine.profile import resolve
from advisor.engine.rank_context import RankContext
from advisor.kb.errors import InputError, Problem
from advisor.kb.loader import KnowledgeBase
from advisor.kb.schema import GPU, Model


class PlanOption(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hardware: HardwarePlan
    quantization: str
    owned: bool
    aggregate_tokens_per_second: float | None  # one replica at the batch the traffic allows
    fast_enough: bool | None  # interactive: per-stream speed >= the chat threshold
    monthly_cost_usd: float | None  # None: no price for this GPU (buy it; purchase price not in the KB)
    cost_breakdown: CostParts | None


class ReversePlan(BaseModel):
    """Figures and codes; its assumptions are message values, worded at the edge (``contract_dict``)."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    model_id: str
    requests_per_day: float
    input_tokens: float
    output_tokens: float
    context_tokens: int
    latency: str
    options: list[PlanOption]
    assumptions: list[Words]

    def contract_dict(self, locale: str | None = "en") -> dict:
        """The plan as JSON, every sentence worded in ``locale``."""
        return self.model_dump(mode="json", context={"locale": locale})


def find_model(kb: KnowledgeBase, name: str) -> Model:
    """A KB model by id, name or alias; an unknown or closed model is one clear input error."""
    want = "".join(ch for ch in name.lower() if ch.isalnum())
    for m in kb.models.values():
        if name == m.id or want in {
            "".join(ch for ch in k.lower() if ch.isalnum()) for k in (m.id, m.name, *m.aliases)
        }:
            if not m.open_weights or not m.params_total_b:
                raise InputError(
                    [
                        Problem(
                            "plan",
                            None,
                            "model",
                            f"'{m.id}' has no downloadable weights of known size: nothing to self-host",
                        )
                    ]
                )
            return m
    raise InputError([Problem("plan", None, "model", f"unknown model '{name}'")])


_LOSS = {"fp16": 0, "bf16": 0, "fp8": 1, "int8": 1, "int4": 2}


def _fits(model: Model, gpu: GPU, ctx: RankContext, limit: int | None) -> list[Plan]:
    """The fewest GPUs that hold the model (fast enough to chat with, when interactive) and, when it
    differs, the fewest that hold it at the lightest-loss precision: the two a buyer weighs."""
    r = ctx.r
    min_tps = D.INTERACTIVE_MIN_TOKENS_S if r.latency == "interactive" else None
    plans = []
    for count in max_devices(gpu):
        if limit is not None and count > limit:
            break
        plan = fit_on(model, gpu, count, ctx.kv_tokens, min_tps, r.concurrency)
        if plan is not None and (min_tps is None or (plan.tokens_per_s or 0) >= min_tps):
            plans.append(plan)
    if not plans:
        return []
    best = min(plans, key=lambda p: (_LOSS[p.quant], p.count))
    return [plans[0]] if best is plans[0] else [plans[0], best]


def _option(
    model: Model, plan: Plan, ctx: RankContext, have: int | None, amortise: float = 0.0
) -> PlanOption:
    r = ctx.r
    cost = hosted_cost(model, plan, r, ctx.kb, have, amortise_usd_month=amortise if have is not None else 0.0)
    cap = cost.capacity
    priced = not plan.procure
    return PlanOption(
        hardware=hardware_of(plan, cost),
        quantization=plan.quant,
        owned=have is not None,
        aggregate_tokens_per_second=round(cap.aggregate_tps, 1) if cap and cap.aggregate_tps else None,
        fast_enough=None
        if r.latency == "batch" or plan.tokens_per_s is None
        else plan.tokens_per_s >= D.INTERACTIVE_MIN_TOKENS_S,
        monthly_cost_usd=round(cost.usd_month, 2) if priced else None,
        cost_breakdown=cost_parts(cost) if priced else None,
    )


def reverse_plan(
    kb: KnowledgeBase,
    model_id: str,
    profile: Profile,
    *,
    today: date | None = None,
    limit: int = 10,
    amortise_usd_month: float = 0.0,
) -> ReversePlan:
    """``amortise_usd_month``: the user's owned hardware's purchase price spread per month (optional;
    the knowledge base has no purchase prices), added to owned options as GPU cost."""
    model = find_model(kb, model_id)
    r = resolve(profile, kb)
    ctx = RankContext.build(kb, r, judged_today(today))
    owned = {g.id: n for g, n in ctx.owned}
    options: list[PlanOption] = []
    for gpu in sorted(kb.gpus.values(), key=lambda g: g.id):
        if gpu.kind == "cpu":
            continue
        have = owned.get(gpu.id)
        plans = _fits(model, gpu, ctx, have) if have else []
        if plans:
            options.extend(_option(model, p, ctx, have, amortise_usd_month) for p in plans)
            continue
        rentals = [x for x in gpu.rental if rental_allowed(x, r)] if r.can_rent else []
        if not rentals and not r.owns_hardware_only:
            continue
        for plan in _fits(model, gpu, ctx, None):  # not owned (or too few): rent it, or buy it
            if rentals:
                plan.rented, plan.rental = True, min(rentals, key=lambda x: x.usd_per_hour)
            else:
                plan.procure = True
            options.append(_option(model, plan, ctx, None))
    options.sort(
        key=lambda o: (
            not o.owned,
            o.monthly_cost_usd is None,
            o.monthly_cost_usd or 0.0,
            o.hardware.count,
            o.hardware.gpu,
        )
    )
    return ReversePlan(
        model_id=model.id,
        requests_per_day=r.requests_per_day,
        input_tokens=r.input_tokens,
        output_tokens=r.output_tokens,
        context_tokens=r.context_tokens,
        latency=r.latency,
        options=options[:limit],
        assumptions=list(dict.fromkeys(r.assumptions)),
    )


def plan_hardware(kb: KnowledgeBase, model: str, profile: Profile) -> dict:
    """Tool-shaped reverse planning for the agent: the hardware options as data, assumptions as
    message values (``advisor.i18n.render_tree`` words them); an unknown or closed model returns
    ``{"error": ...}`` instead of raising."""
    try:
        plan = reverse_plan(kb, model, profile)
    except InputError as exc:
        return {"error": "; ".join(p.message for p in exc.problems)}
    # model_dump would serialise the message values to plain dicts; they stay values to be worded
    return {**plan.model_dump(exclude={"assumptions"}), "assumptions": list(plan.assumptions)}
