"""Monthly cost of an API price or a self-hosted plan, and the break-even volume between them.

Every formula is linear (or a step up) in requests per day, so cost never falls when volume rises.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from advisor.engine import defaults as D
from advisor.engine.hardware import Plan
from advisor.engine.messages import num, pct, plain, say, usd_rate
from advisor.engine.models import CostParts
from advisor.engine.profile import Resolved
from advisor.engine.textsize import reasoning_share
from advisor.kb.schema import Model, Price


@dataclass
class Cost:
    usd_month: float
    basis_text: str | Callable[[], str]  # a callable is rendered on first read (most options are never shown)
    assumptions_text: list[str] | Callable[[], list[str]] = field(default_factory=list)
    per_request_usd: float | None = None  # marginal cost (API); None for fixed-cost plans
    fixed_usd_month: float = 0.0
    parts: CostParts | None = None  # the contract's cost_breakdown (sums to usd_month)
    capacity: Any = None  # capacity.Capacity of a self-hosted plan

    @property
    def basis(self) -> str:
        if callable(self.basis_text):
            self.basis_text = self.basis_text()
        return self.basis_text

    @property
    def assumptions(self) -> list[str]:
        if callable(self.assumptions_text):
            self.assumptions_text = self.assumptions_text()
        return self.assumptions_text


def api_unit_prices(price: Price, r: Resolved) -> tuple[float, float, float | None, list[str]]:
    """(input, output, cached input) USD per 1M tokens for this profile, with what was chosen."""
    notes: list[str] = []
    p_in, p_out, p_cached = price.input, price.output, price.cached_input
    tier = price.long_context
    if tier is not None and r.input_tokens > tier.above_tokens:
        p_in, p_out = tier.input, tier.output
        p_cached = tier.cached_input if tier.cached_input is not None else p_cached
        notes.append(say("cost.long_context", r.lang, tokens=num(tier.above_tokens)))
    if r.latency == "batch" and price.batch_input is not None and price.batch_output is not None:
        p_in, p_out = price.batch_input, price.batch_output
        notes.append(say("cost.batch", r.lang))
    return p_in, p_out, p_cached, notes


def api_cost(price: Price, r: Resolved, requests_per_day: float | None = None, model: Model | None = None) -> Cost:
    """Monthly API cost; with ``model``, its hidden reasoning tokens are billed as output too."""
    rpd = r.requests_per_day if requests_per_day is None else requests_per_day
    p_in, p_out, p_cached, notes = api_unit_prices(price, r)
    share = r.cached_share if p_cached is not None else 0.0
    reasoning = r.output_tokens * reasoning_share(model, r) if model is not None else 0.0
    n = rpd * D.DAYS_PER_MONTH / 1e6
    parts = CostParts(input_usd=r.input_tokens * (1 - share) * p_in * n,
                      cached_input_usd=r.input_tokens * share * (p_cached or 0.0) * n,
                      output_usd=r.output_tokens * p_out * n, reasoning_usd=reasoning * p_out * n,
                      gpu_usd=None, power_usd=None)
    per_req = (r.input_tokens * ((1 - share) * p_in + share * (p_cached or 0.0))
               + (r.output_tokens + reasoning) * p_out) / 1e6
    monthly = per_req * rpd * D.DAYS_PER_MONTH
    def basis() -> str:
        texts = [say("cost.api", r.lang, rpd=num(rpd), days=num(D.DAYS_PER_MONTH), input_tokens=num(r.input_tokens),
                     input_price=usd_rate(p_in), output_tokens=num(r.output_tokens), output_price=usd_rate(p_out),
                     provider=price.provider)]
        if share:
            texts.append(say("cost.cached", r.lang, share=pct(share), price=usd_rate(p_cached or 0.0)))
        return say("cost.glue", r.lang).join(texts + notes)

    return Cost(monthly, basis, per_request_usd=per_req, parts=parts)


def monthly_tokens(r: Resolved, requests_per_day: float | None = None) -> tuple[float, float]:
    rpd = r.requests_per_day if requests_per_day is None else requests_per_day
    return rpd * D.DAYS_PER_MONTH * r.input_tokens, rpd * D.DAYS_PER_MONTH * r.output_tokens


def hours_needed(plan: Plan, r: Resolved, requests_per_day: float | None = None) -> float | None:
    """GPU-set hours to process the month's tokens at the estimated batched throughput."""
    if not plan.tokens_per_s:
        return None
    tin, tout = monthly_tokens(r, requests_per_day)
    decode = plan.tokens_per_s * D.BATCH_CONCURRENCY
    return (tout / decode + tin / (decode * D.PREFILL_SPEEDUP)) / 3600


def self_hosted_cost(plan: Plan, r: Resolved, requests_per_day: float | None = None) -> Cost:
    """Rented: hourly price x hours (always-on replicas when interactive). Owned: power only."""
    hours = hours_needed(plan, r, requests_per_day)
    lang = r.lang
    assumptions = [say("cost.throughput", lang, efficiency=pct(D.DECODE_EFFICIENCY), batch=num(D.BATCH_CONCURRENCY),
                       speedup=plain(D.PREFILL_SPEEDUP))]
    if r.latency == "batch":
        run_hours = hours if hours is not None else D.HOURS_PER_MONTH
        how = say("cost.batch_hours", lang, hours=f"{run_hours:,.1f}")
    else:
        replicas = max(1, math.ceil(hours / D.HOURS_PER_MONTH)) if hours is not None else 1
        run_hours = replicas * D.HOURS_PER_MONTH
        how = say("cost.always_on", lang, replicas=num(replicas), hours=plain(D.HOURS_PER_MONTH))
    gpu = {"count": num(plan.count), "gpu": plan.gpu.name}
    if plan.rented and plan.rental is not None:
        rate = plan.rental.usd_per_hour * plan.count
        cost = rate * run_hours
        basis = say("cost.rented", lang, **gpu, rate=usd_rate(plan.rental.usd_per_hour),
                    provider=plan.rental.provider, how=how)
        return Cost(cost, basis, assumptions, fixed_usd_month=cost if r.latency != "batch" else 0.0)
    tdp = plan.gpu.tdp_w
    if tdp is None:
        basis = say("cost.owned_no_tdp", lang, **gpu)
        assumptions.append(say("cost.owned_zero", lang))
        return Cost(0.0, basis, assumptions)
    kwh = tdp * plan.count * run_hours * D.PUE / 1000
    cost = kwh * D.USD_PER_KWH
    basis = say("cost.power", lang, **gpu, how_owned=say("cost.how_procure" if plan.procure else "cost.how_owned", lang),
                tdp=plain(tdp), pue=plain(D.PUE), how=how, kwh=usd_rate(D.USD_PER_KWH))
    assumptions.append(say("cost.purchase" if plan.procure else "cost.sunk", lang))
    return Cost(cost, basis, assumptions, fixed_usd_month=cost if r.latency != "batch" else 0.0)


def break_even_requests_per_day(api: Cost, hosted: Cost) -> float | None:
    """Daily volume above which the self-hosted plan is cheaper than paying per request."""
    if not api.per_request_usd or hosted.fixed_usd_month <= 0:
        return None
    return hosted.fixed_usd_month / (api.per_request_usd * D.DAYS_PER_MONTH)


def price_is_stale(price: Price, today_ordinal: int) -> bool:
    return price.as_of is not None and today_ordinal - price.as_of.toordinal() > D.STALE_DAYS

