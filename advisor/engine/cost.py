"""Monthly cost of an API price, and the break-even volume between fixed and per-request costs
(self-hosted plans are costed from their capacity in hosting.py).

Every formula is linear (or a step up) in requests per day, so cost never falls when volume rises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advisor.engine import defaults as D
from advisor.engine.models import CostParts
from advisor.engine.profile import Resolved
from advisor.engine.textsize import reasoning_share, token_factor
from advisor.i18n import Clauses, Msg, Num, Pct, Usd, msg
from advisor.kb.schema import Model, Price


@dataclass
class Cost:
    usd_month: float
    basis: Msg
    assumptions: list[Msg] = field(default_factory=list)
    per_request_usd: float | None = None  # marginal cost (API); None for fixed-cost plans
    fixed_usd_month: float = 0.0
    parts: CostParts | None = None  # the contract's cost_breakdown (sums to usd_month)
    capacity: Any = None  # capacity.Capacity of a self-hosted plan


def api_unit_prices(price: Price, r: Resolved) -> tuple[float, float, float | None, list[Msg]]:
    """(input, output, cached input) USD per 1M tokens for this profile, with what was chosen."""
    notes: list[Msg] = []
    p_in, p_out, p_cached = price.input, price.output, price.cached_input
    tier = price.long_context
    if tier is not None and r.input_tokens > tier.above_tokens:
        p_in, p_out = tier.input, tier.output
        p_cached = tier.cached_input if tier.cached_input is not None else p_cached
        notes.append(
            msg("long-context prices apply (input above {tokens} tokens)", tokens=Num(tier.above_tokens))
        )
    if r.latency == "batch" and price.batch_input is not None and price.batch_output is not None:
        p_in, p_out = price.batch_input, price.batch_output
        notes.append(msg("batch API prices (latency: batch)"))
    return p_in, p_out, p_cached, notes


def api_cost(
    price: Price, r: Resolved, requests_per_day: float | None = None, model: Model | None = None
) -> Cost:
    """Monthly API cost; with ``model``, its hidden reasoning tokens are billed as output too."""
    rpd = r.requests_per_day if requests_per_day is None else requests_per_day
    p_in, p_out, p_cached, notes = api_unit_prices(price, r)
    share = r.cached_share if p_cached is not None else 0.0
    text = token_factor(model, r)  # the same text is fewer tokens under a tighter tokenizer
    tin, tout = r.input_tokens * text, r.output_tokens * text
    reasoning = tout * reasoning_share(model, r) if model is not None else 0.0
    n = rpd * D.DAYS_PER_MONTH / 1e6
    parts = CostParts(
        input_usd=tin * (1 - share) * p_in * n,
        cached_input_usd=tin * share * (p_cached or 0.0) * n,
        output_usd=tout * p_out * n,
        reasoning_usd=reasoning * p_out * n,
        gpu_usd=None,
        power_usd=None,
    )
    per_req = (tin * ((1 - share) * p_in + share * (p_cached or 0.0)) + (tout + reasoning) * p_out) / 1e6
    monthly = per_req * rpd * D.DAYS_PER_MONTH
    clauses = [
        msg(
            "{rpd} requests/day x {days} days x ({input_tokens} in @ {input_price} + "
            "{output_tokens} out @ {output_price} per 1M tokens) via {provider}",
            rpd=Num(rpd),
            days=Num(D.DAYS_PER_MONTH),
            input_tokens=Num(r.input_tokens),
            input_price=Usd(p_in, unit_price=True),
            output_tokens=Num(r.output_tokens),
            output_price=Usd(p_out, unit_price=True),
            provider=price.provider,
        )
    ]
    if share:
        clauses.append(
            msg(
                "{share} of input at the cached rate {price}",
                share=Pct(share),
                price=Usd(p_cached or 0.0, unit_price=True),
            )
        )
    basis = msg("{clauses}", clauses=Clauses(tuple(clauses + notes)))
    return Cost(monthly, basis, per_request_usd=per_req, parts=parts)


def break_even_requests_per_day(api: Cost, hosted: Cost) -> float | None:
    """Daily volume above which the self-hosted plan is cheaper than paying per request."""
    if not api.per_request_usd or hosted.fixed_usd_month <= 0:
        return None
    return hosted.fixed_usd_month / (api.per_request_usd * D.DAYS_PER_MONTH)


def price_is_stale(price: Price, today_ordinal: int) -> bool:
    return price.as_of is not None and today_ordinal - price.as_of.toordinal() > D.STALE_DAYS
