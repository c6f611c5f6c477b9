"""Monthly cost of an API price or a self-hosted plan, and the break-even volume between them.

Every formula is linear (or a step up) in requests per day, so cost never falls when volume rises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from advisor.engine import defaults as D
from advisor.engine.hardware import Plan
from advisor.engine.profile import Resolved
from advisor.i18n import N_, Clauses, Msg, Num, Pct, Plain, Usd, msg
from advisor.kb.schema import Price


@dataclass
class Cost:
    usd_month: float
    basis: Msg
    assumptions: list[Msg] = field(default_factory=list)
    per_request_usd: float | None = None  # marginal cost (API); None for fixed-cost plans
    fixed_usd_month: float = 0.0


def api_unit_prices(price: Price, r: Resolved) -> tuple[float, float, float | None, list[Msg]]:
    """(input, output, cached input) USD per 1M tokens for this profile, with what was chosen."""
    notes: list[Msg] = []
    p_in, p_out, p_cached = price.input, price.output, price.cached_input
    tier = price.long_context
    if tier is not None and r.input_tokens > tier.above_tokens:
        p_in, p_out = tier.input, tier.output
        p_cached = tier.cached_input if tier.cached_input is not None else p_cached
        notes.append(msg("long-context prices apply (input above {tokens} tokens)", tokens=Num(tier.above_tokens)))
    if r.latency == "batch" and price.batch_input is not None and price.batch_output is not None:
        p_in, p_out = price.batch_input, price.batch_output
        notes.append(msg("batch API prices (latency: batch)"))
    return p_in, p_out, p_cached, notes


def api_cost(price: Price, r: Resolved, requests_per_day: float | None = None) -> Cost:
    rpd = r.requests_per_day if requests_per_day is None else requests_per_day
    p_in, p_out, p_cached, notes = api_unit_prices(price, r)
    share = r.cached_share if p_cached is not None else 0.0
    per_req = (r.input_tokens * ((1 - share) * p_in + share * (p_cached or 0.0))
               + r.output_tokens * p_out) / 1e6
    monthly = per_req * rpd * D.DAYS_PER_MONTH
    parts = [msg("{rpd} requests/day x {days} days x ({input_tokens} in @ {input_price} + "
                 "{output_tokens} out @ {output_price} per 1M tokens) via {provider}", rpd=Num(rpd), days=Num(D.DAYS_PER_MONTH), input_tokens=Num(r.input_tokens),
                 input_price=Usd(p_in, unit_price=True), output_tokens=Num(r.output_tokens), output_price=Usd(p_out, unit_price=True),
                 provider=price.provider)]
    if share:
        parts.append(msg("{share} of input at the cached rate {price}", share=Pct(share), price=Usd(p_cached or 0.0, unit_price=True)))
    basis = msg("{clauses}", clauses=Clauses(tuple(parts + notes)))
    return Cost(monthly, basis, per_request_usd=per_req)


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
    assumptions = [msg("Throughput: {efficiency} of peak memory bandwidth, {batch} sequences batched, "
                       "prompt tokens {speedup}x faster.", efficiency=Pct(D.DECODE_EFFICIENCY), batch=Num(D.BATCH_CONCURRENCY),
                       speedup=Plain(D.PREFILL_SPEEDUP))]
    if r.latency == "batch":
        run_hours = hours if hours is not None else D.HOURS_PER_MONTH
        how = msg("{hours} h/month of batch processing", hours=Num(run_hours, 1))
    else:
        replicas = max(1, math.ceil(hours / D.HOURS_PER_MONTH)) if hours is not None else 1
        run_hours = replicas * D.HOURS_PER_MONTH
        how = msg("always-on: {replicas} replica(s) x {hours} h/month", replicas=Num(replicas), hours=Plain(D.HOURS_PER_MONTH))
    gpu = {"count": Num(plan.count), "gpu": plan.gpu.name}
    if plan.rented and plan.rental is not None:
        rate = plan.rental.usd_per_hour * plan.count
        cost = rate * run_hours
        basis = msg("{count} x {gpu} rented at {rate}/h ({provider}); {how}", **gpu, rate=Usd(plan.rental.usd_per_hour, unit_price=True),
                    provider=plan.rental.provider, how=how)
        return Cost(cost, basis, assumptions, fixed_usd_month=cost if r.latency != "batch" else 0.0)
    tdp = plan.gpu.tdp_w
    if tdp is None:
        basis = msg("{count} x {gpu} owned; power draw unknown in the knowledge base", **gpu)
        assumptions.append(msg("Owned hardware: marginal cost taken as 0 (TDP unknown; amortisation excluded)."))
        return Cost(0.0, basis, assumptions)
    kwh = tdp * plan.count * run_hours * D.PUE / 1000
    cost = kwh * D.USD_PER_KWH
    basis = msg("{count} x {gpu} {how_owned}: power {tdp} W x {count} x PUE {pue}, {how}, at "
                "{kwh}/kWh", **gpu, how_owned=msg(N_("to buy") if plan.procure else N_("owned")),
                tdp=Plain(tdp), pue=Plain(D.PUE), how=how, kwh=Usd(D.USD_PER_KWH, unit_price=True))
    assumptions.append(msg(N_("Purchase price of the hardware excluded (not in the knowledge base).") if plan.procure
                           else N_("Hardware amortisation excluded (owned hardware is a sunk cost).")))
    return Cost(cost, basis, assumptions, fixed_usd_month=cost if r.latency != "batch" else 0.0)


def break_even_requests_per_day(api: Cost, hosted: Cost) -> float | None:
    """Daily volume above which the self-hosted plan is cheaper than paying per request."""
    if not api.per_request_usd or hosted.fixed_usd_month <= 0:
        return None
    return hosted.fixed_usd_month / (api.per_request_usd * D.DAYS_PER_MONTH)


def price_is_stale(price: Price, today_ordinal: int) -> bool:
    return price.as_of is not None and today_ordinal - price.as_of.toordinal() > D.STALE_DAYS

