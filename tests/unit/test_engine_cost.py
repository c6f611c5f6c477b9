"""API and self-hosted cost formulas, price freshness and break-even (fixture KB)."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_fixtures import make_kb
from message_probes import msgids, params, words

from advisor.engine import estimate_cost, normalise_profile, recommend
from advisor.engine.breakeven import crossing
from advisor.engine.cost import api_cost
from advisor.engine.hardware import fit_on, plan_rental
from advisor.engine.hosting import hosted_cost
from advisor.engine.profile import resolve
from advisor.engine.rank_context import kb_index
from advisor.i18n import Date, Num

KB = make_kb()
TODAY = dt.date(2026, 10, 22)  # the fixture prices of 2026-07-01 are fresh (< 120 days), 2026-02-25 stale


def _r(**raw: object):
    return resolve(normalise_profile(raw, KB), KB)


def self_hosted_cost(plan, r, rpd=None, model="llama-8b", owned=None):
    """The capacity-aware self-hosted cost (hosting.hosted_cost) of a fixture model's plan."""
    return hosted_cost(KB.models[model], plan, r, KB, owned, None, rpd)


def _price(model: str, provider: str):
    return next(p for p in KB.current_prices(model) if p.provider == provider)


def test_api_cost_formula() -> None:
    # no prompt cache stated: chat would otherwise assume a 20% cached share (textsize.TASK_CACHED_SHARE)
    r = _r(
        volume={"requests_per_day": 1000, "input_tokens": 1000, "output_tokens": 300, "cached_input_share": 0}
    )
    # 1000/day x 30 x (1000 x $2.50 + 300 x $10) / 1M
    assert api_cost(_price("gpt-4o", "openai"), r).usd_month == pytest.approx(165.0)


def test_batch_latency_uses_batch_prices() -> None:
    r = _r(latency="batch", volume={"requests_per_day": 1000, "input_tokens": 1000, "output_tokens": 300})
    cost = api_cost(_price("gpt-4o", "openai"), r)
    assert cost.usd_month == pytest.approx(82.5) and "batch API prices (latency: batch)" in msgids(cost.basis)


def test_cached_share_bills_part_of_input_at_cached_rate() -> None:
    r = _r(
        volume={
            "requests_per_day": 1000,
            "input_tokens": 1000,
            "output_tokens": 300,
            "cached_input_share": 0.5,
        }
    )
    assert api_cost(_price("gpt-4o", "openai"), r).usd_month == pytest.approx(
        30 * (500 * 2.5 + 500 * 1.25 + 3000) / 1000
    )


def test_long_context_tier_above_threshold() -> None:
    r = _r(volume={"requests_per_day": 10, "input_tokens": 250_000, "output_tokens": 1000})
    cost = api_cost(_price("long-200k", "anthropic"), r)
    assert cost.usd_month == pytest.approx(300 * (250_000 * 6.0 + 1000 * 22.5) / 1e6)
    assert "long-context prices apply (input above {tokens} tokens)" in msgids(cost.basis)


def test_newest_price_per_provider_is_used() -> None:
    # the KB keeps the 2026-02-25 seed price of GPT-4o ($5/$15) beside the newer $2.50/$10
    assert _price("gpt-4o", "openai").input == 2.5


def test_rented_interactive_is_always_on() -> None:
    idx = kb_index(KB)
    r = _r(volume={"requests_per_day": 100, "input_tokens": 500, "output_tokens": 100})
    plan = plan_rental(KB.models["llama-8b"], 8000, idx.rent_any, idx.rent_fp8)
    assert self_hosted_cost(plan, r).usd_month == pytest.approx(0.7 * 730)


def test_rented_batch_pays_only_hours_needed() -> None:
    idx = kb_index(KB)
    r = _r(latency="batch", volume={"requests_per_day": 100, "input_tokens": 500, "output_tokens": 100})
    plan = plan_rental(KB.models["llama-8b"], 8000, idx.rent_any, idx.rent_fp8)
    cost = self_hosted_cost(plan, r)
    assert 0 < cost.usd_month < 0.7 * 730 / 10
    assert cost.usd_month == pytest.approx(
        cost.capacity.gpu_hours * 0.7, abs=0.01
    )  # only the hours the job needs
    # the basis states the rented GPU-hours the batch job needs
    assert any(m.startswith("{count} x {gpu} rented at {rate}/h") for m in msgids(cost.basis))
    assert Num(cost.capacity.gpu_hours) in params(cost.basis)


def test_owned_hardware_costs_power_with_stated_assumptions() -> None:
    r = _r()
    plan = fit_on(KB.models["llama-8b"], KB.gpus["nvidia-rtx-4090"], 1, 8000)
    cost = self_hosted_cost(plan, r, owned=1)
    busy = cost.capacity.busy_hours
    # TDP x PUE x (busy hours + idle draw for the rest of the always-on month) x the default $/kWh (no region)
    assert cost.usd_month == pytest.approx(450 / 1000 * 1.3 * (busy + 0.3 * (730 - busy)) * 0.15, abs=0.01)
    assert cost.parts.power_usd == cost.usd_month and cost.parts.gpu_usd is None  # nothing rented
    assert any("amortisation" in words(a) for a in cost.assumptions)


@pytest.mark.parametrize("latency", ["interactive", "batch"])
def test_cost_never_falls_when_volume_rises(latency: str) -> None:
    idx = kb_index(KB)
    plan = plan_rental(KB.models["qwen-32b"], 8000, idx.rent_any, idx.rent_fp8)
    r = _r(latency=latency)
    last_api = last_host = -1.0
    for rpd in [0, 10, 1_000, 50_000, 400_000, 2_000_000]:
        api = api_cost(_price("gpt-4o", "openai"), r, rpd).usd_month
        host = self_hosted_cost(plan, r, rpd, model="qwen-32b").usd_month
        assert api >= last_api and host >= last_host
        last_api, last_host = api, host


def test_break_even_between_api_and_always_on_self_hosting() -> None:
    r = _r(volume={"requests_per_day": 1000, "input_tokens": 1000, "output_tokens": 300})
    api = api_cost(_price("qwen-32b", "together"), r)
    idx = kb_index(KB)
    plan = plan_rental(KB.models["qwen-32b"], 8000, idx.rent_any, idx.rent_fp8)
    be = crossing(api.per_request_usd, lambda v: self_hosted_cost(plan, r, v, model="qwen-32b").usd_month)
    if be is None:  # capacity grows with volume: renting may never beat this API price
        assert all(
            self_hosted_cost(plan, r, v, model="qwen-32b").usd_month
            > api_cost(_price("qwen-32b", "together"), r, v).usd_month
            for v in (1e3, 1e5, 1e7)
        )
        return
    at = self_hosted_cost(plan, r, be, model="qwen-32b").usd_month
    assert api_cost(_price("qwen-32b", "together"), r, be).usd_month >= at * 0.999


def test_estimate_cost_tool_reports_both_routes() -> None:
    # owned GPUs (power only) pay off against the API; rented ones, with capacity counted, may never
    out = estimate_cost(
        KB,
        "qwen-32b",
        {"volume": {"requests_per_day": 20000}, "hardware": [{"gpu": "H100", "count": 2}]},
        today=TODAY,
    )
    assert out["api"][0]["provider"] == "together" and out["self_hosted"]["usd_month"] > 0
    assert out["break_even_requests_per_day"] > 0


def test_stale_price_used_only_when_nothing_fresher_is_allowed_and_flagged() -> None:
    # Regulated Japanese data: Anthropic (fresh price) lacks JP residency; Bedrock (JP) has only
    # the 2026-02-25 seed price, so it is used and flagged.
    raw = {
        "tasks": ["summarization"],
        "data_sensitivity": "regulated",
        "regulations": ["appi"],
        "region": "jp",
        "context_tokens": 150_000,
    }
    rec = recommend(normalise_profile(raw, KB), KB, today=TODAY)
    assert rec.primary.model_id == "long-200k" and rec.primary.provider == "bedrock"
    assert any(w.code == "stale_price" and Date(dt.date(2026, 2, 25)) in params(w.text) for w in rec.warnings)
    fresh = recommend(
        normalise_profile({"tasks": ["summarization"], "context_tokens": 150_000}, KB), KB, today=TODAY
    )
    assert fresh.primary.provider == "anthropic" and not any(w.code == "stale_price" for w in fresh.warnings)


def test_long_documents_are_costed_at_their_length_unless_input_size_is_stated() -> None:
    # A law firm with 200k-token files and 50 requests a day: costing each request at the
    # 1,000-token default would understate the API bill fifty-fold. Once the user states a
    # typical input, that figure wins; the stated longest input still sizes the KV cache.
    from advisor.engine import normalise_profile, recommend
    from advisor.kb import get_kb

    kb = get_kb()
    base = {
        "tasks": ["summarization"],
        "data_sensitivity": "internal",
        "deployment": "any",
        "context_tokens": 200_000,
    }
    long_docs = recommend(normalise_profile({**base, "volume": {"requests_per_day": 50}}, kb), kb)
    stated = recommend(
        normalise_profile({**base, "volume": {"requests_per_day": 50, "input_tokens": 1000}}, kb), kb
    )
    assert long_docs.primary is not None and stated.primary is not None
    assert Num(200_000) in params(long_docs.assumptions)
    assert not any("longest input (" in words(a) for a in stated.assumptions)
    # 50/day x 30 days x 200k tokens = 300M input tokens: hundreds of dollars, not single digits
    assert long_docs.primary.monthly_cost_usd is not None and long_docs.primary.monthly_cost_usd > 100
    assert stated.primary.monthly_cost_usd is not None and stated.primary.monthly_cost_usd < 50
