"""One break-even figure: the daily volume where the best API route and the best self-hosted route
cost the same. The advice text, ``primary.cost.break_even_requests_per_day`` in the JSON and the web
chart all read this one value (the chart must not compute its own)."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.engine import defaults as D
from advisor.engine.hardware import Plan
from advisor.engine.hosting import hosted_cost
from advisor.engine.rank import Ranked, RankResult, best_route
from advisor.engine.rank_context import RankContext
from advisor.kb.schema import Model

_LOW, _HIGH = 1.0, 1e8


@dataclass(frozen=True)
class BreakEven:
    requests_per_day: float
    api: Ranked
    hosted: Ranked


def hosted_usd_at(model: Model, plan: Plan, ctx: RankContext, rpd: float) -> float:
    """The self-hosted plan's monthly cost at another daily volume (replicas and hours follow it)."""
    owned = not plan.rented and not plan.procure
    have = sum(n for g, n in ctx.owned if g.id == plan.gpu.id) if owned else None
    return hosted_cost(model, plan, ctx.r, ctx.kb, have, None, rpd).usd_month


def model_break_even(
    api_per_request: float | None, model: Model, plan: Plan, ctx: RankContext
) -> float | None:
    """Break-even of one self-hosted plan against an API price per request."""
    if not api_per_request:
        return None
    return crossing(api_per_request, lambda v: hosted_usd_at(model, plan, ctx, v))


def crossing(
    api_per_request: float, hosted_usd_at: object, lo: float = _LOW, hi: float = _HIGH
) -> float | None:
    """Lowest volume at which self-hosting costs no more than the API (the hosted cost is a step
    function of volume: replicas and GPU-hours grow with it), or None if it never does."""

    def gap(v: float) -> float:
        return hosted_usd_at(v) - api_per_request * v * D.DAYS_PER_MONTH  # type: ignore[operator]

    if api_per_request <= 0:
        return None
    if gap(lo) <= 0:
        return lo
    v, prev = lo, lo
    while v < hi:  # a coarse geometric scan, then bisection inside the first bracket
        prev, v = v, v * 1.5
        if gap(v) <= 0:
            a, b = prev, v
            for _ in range(40):
                mid = (a + b) / 2
                a, b = (a, mid) if gap(mid) <= 0 else (mid, b)
            return b
    return None


def plan_break_even(res: RankResult, ctx: RankContext) -> BreakEven | None:
    """Break-even between the best API route and the best self-hosted route for this profile."""
    r = ctx.r
    if r.deployment != "any" or not (ctx.owned or r.can_rent):
        return None
    api, hosted = best_route(ctx, "api", res), best_route(ctx, "self_hosted", res)
    if api is None or hosted is None or not api.option.cost.per_request_usd or hosted.option.plan is None:
        return None
    be = model_break_even(api.option.cost.per_request_usd, hosted.model, hosted.option.plan, ctx)
    return BreakEven(be, api, hosted) if be is not None else None
