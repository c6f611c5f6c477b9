"""Capacity planning, memory truth and reverse planning (issue 12, parts 1 and 4)."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.engine import normalise_profile, recommend
from advisor.engine.candidate import hardware_plan
from advisor.engine.constraints import options
from advisor.engine.hardware import fit_on, kv_bytes_per_token, kv_cache_gb, memory_needed, usable_gb
from advisor.engine.profile import resolve
from advisor.engine.rank_context import RankContext
from advisor.engine.reverse import reverse_plan
from advisor.kb.errors import InputError
from advisor.kb.loader import get_kb
from advisor.kb.schema import Architecture

KB = get_kb()
TODAY = dt.date(2026, 11, 30)


def rec(**raw):
    return recommend(normalise_profile(raw, KB), KB, today=TODAY)


def test_owned_hardware_over_capacity_gets_a_capacity_warning() -> None:
    """Owned 2xA100 translating ~70M output tokens a day cannot be "fits, $0"."""
    r = rec(
        tasks=["translation"],
        deployment="on_prem",
        data_sensitivity="confidential",
        hardware=[{"gpu": "A100 80GB", "count": 2}],
        volume={"requests_per_day": 70_000, "input_tokens": 1000, "output_tokens": 1000},
    )
    hw = r.primary.hardware
    assert hw.utilisation > 1.0 and hw.gpu_hours_per_month > 2 * 730
    assert "capacity" in {w.code for w in r.warnings}
    assert hw.tokens_per_second and hw.replicas >= 2


def test_batch_job_never_books_more_than_a_month_on_one_gpu_silently() -> None:
    r = rec(
        tasks=["summarization"],
        deployment="on_prem",
        latency="batch",
        hardware=[{"gpu": "RTX 4090"}],
        volume={"requests_per_day": 200_000, "input_tokens": 3000, "output_tokens": 500},
    )
    hw = r.primary.hardware
    assert hw.gpu_hours_per_month > 730 and hw.utilisation > 1.0
    assert "capacity" in {w.code for w in r.warnings}


def test_over_capacity_overflows_to_rented_gpus_where_renting_is_allowed() -> None:
    raw = {
        "tasks": ["chat"],
        "hardware": [{"gpu": "RTX 4090"}],
        "deployment": "private_cloud",
        "can_rent_gpus": True,
        "volume": {"requests_per_day": 100_000, "input_tokens": 1000, "output_tokens": 300},
    }
    ctx = RankContext.build(KB, resolve(normalise_profile(raw, KB), KB), TODAY)
    (opt,), _ = options(KB.models["llama-3.1-8b"], ctx, only="self_hosted")
    cap = opt.cost.capacity
    assert not opt.plan.rented and cap.utilisation > 1.0 and cap.overflow is not None
    assert 0 < cap.overflow.share < 1 and opt.cost.parts.gpu_usd == pytest.approx(
        cap.overflow.usd_month, abs=0.01
    )
    hw = hardware_plan(opt)
    assert hw.rental_provider is not None and hw.utilisation == 1.0 and hw.replicas > 1
    # renting refused: no overflow, the shortfall stays visible
    no_rent = RankContext.build(
        KB, resolve(normalise_profile({**raw, "can_rent_gpus": False}, KB), KB), TODAY
    )
    (opt2,), _ = options(KB.models["llama-3.1-8b"], no_rent, only="self_hosted")
    assert opt2.cost.capacity.overflow is None and opt2.cost.capacity.short


def test_small_volume_fits_with_low_utilisation_and_no_warning() -> None:
    r = rec(
        tasks=["chat"],
        deployment="on_prem",
        hardware=[{"gpu": "A100 80GB", "count": 2}],
        volume={"requests_per_day": 500, "input_tokens": 1000, "output_tokens": 300},
    )
    hw = r.primary.hardware
    assert 0 < hw.utilisation < 1.0 and hw.replicas == 1
    assert "capacity" not in {w.code for w in r.warnings}


def test_hybrid_routes_are_packed_onto_the_hardware_together() -> None:
    """Two confidential workloads on one 80 GB card: both self-hosted routes may not share it."""
    r = rec(
        deployment="on_prem",
        hardware=[{"gpu": "H100", "count": 1}],
        workloads=[
            {"name": "contracts", "tasks": ["summarization"], "data_sensitivity": "confidential"},
            {"name": "code", "tasks": ["coding"], "data_sensitivity": "confidential"},
        ],
    )
    if r.hybrid is None:
        return
    hosted = [
        x
        for x in r.hybrid.routes
        if x.hardware is not None and not x.hardware.rented and not x.hardware.procure
    ]
    assert sum(x.hardware.count * (x.hardware.replicas or 1) for x in hosted) <= 1


def test_card_memory_is_gibibytes() -> None:
    assert usable_gb(KB.gpus["nvidia-h100-sxm"]) == pytest.approx(80 * 2**30 / 1e9)


def test_sliding_window_kv_for_gemma_3_at_128k_is_about_11_gb() -> None:
    """Gemma 3 27B: 62 layers, 16 KV heads x 128, 1 global layer in 6, window 1024 (config.json)."""
    arch = Architecture(
        layers=62,
        kv_heads=16,
        head_dim=128,
        attention="hybrid",
        sliding_window=1024,
        full_attention_layers=10,
        source="https://huggingface.co/google/gemma-3-27b-it",
    )
    gemma = KB.models["gemma-3-27b"].model_copy(update={"architecture": arch})
    windowed = kv_cache_gb(gemma, 128_000)
    assert 9 <= windowed <= 13
    assert kv_bytes_per_token(gemma) * 128_000 / 1e9 > 5 * windowed  # the formula without windows: ~65 GB


def test_published_kv_sizes() -> None:
    """KV per token cross-checked on published configs (2 x layers x kv_heads x head_dim x 2 bytes)."""
    assert kv_bytes_per_token(KB.models["llama-3.1-70b"]) == 327_680  # 320 KiB/token (80 x 8 x 128)
    assert kv_bytes_per_token(KB.models["llama-3.1-8b"]) == 131_072  # 128 KiB/token (32 x 8 x 128)
    assert kv_bytes_per_token(KB.models["deepseek-r1"]) == 61 * 576 * 2  # MLA latent 512 + rope 64


def test_native_mxfp4_gpt_oss_120b_fits_one_h100_at_long_context() -> None:
    arch = KB.models["gpt-oss-120b"].architecture.model_copy(
        update={"sliding_window": 128, "full_attention_layers": 18}
    )
    oss = KB.models["gpt-oss-120b"].model_copy(update={"native_precision": "mxfp4", "architecture": arch})
    plan = fit_on(oss, KB.gpus["nvidia-h100-sxm"], 1, 131_072)
    assert plan is not None and plan.quant == "int4"  # MXFP4 sized as 4-bit, never up-cast to 16-bit
    assert memory_needed(oss, "int4", 131_072).weights_gb == pytest.approx(117 * 0.5 * 1.12)


def test_native_fp8_is_not_up_cast() -> None:
    r1 = KB.models["deepseek-r1"].model_copy(update={"native_precision": "fp8"})
    plan = fit_on(r1, KB.gpus["amd-mi300x"], 8, 8_000)
    assert plan is not None and plan.quant == "fp8"


def test_reverse_plan_for_a_large_moe() -> None:
    profile = normalise_profile(
        {"volume": {"requests_per_day": 5000, "input_tokens": 2000, "output_tokens": 800}}, KB
    )
    plan = reverse_plan(KB, "deepseek-r1", profile, today=TODAY)
    assert plan.options
    for o in plan.options:
        assert o.hardware.count >= 4  # 671B parameters need several GPUs
        if o.hardware.tokens_per_second is not None:
            assert o.hardware.tokens_per_second < 60  # not bandwidth x GPU count
        if o.monthly_cost_usd is not None and o.cost_breakdown is not None:
            parts = o.cost_breakdown.model_dump().values()
            assert sum(v or 0 for v in parts) == pytest.approx(o.monthly_cost_usd, abs=0.02)


def test_reverse_plan_rejects_a_closed_model() -> None:
    with pytest.raises(InputError):
        reverse_plan(KB, "gpt-4o", normalise_profile({}, KB), today=TODAY)
